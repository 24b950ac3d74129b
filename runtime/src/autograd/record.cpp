#include "autograd/record.h"

#include <atomic>

#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/variable.h>
#include <torch_tidy/memory_stats.h>
#include <torch_tidy/messages.h>

namespace torch_tidy {

namespace {
std::atomic<int64_t> g_live_nodes{0};
std::atomic<int64_t> g_saved_bytes{0};
}  // namespace

AutogradMemory autograd_memory() {
  return {g_live_nodes.load(), g_saved_bytes.load()};
}

namespace rt {

using torch::autograd::AutogradMeta;
using torch::autograd::Edge;
using torch::autograd::SavedVariable;

void note_node_created() { ++g_live_nodes; }
void note_node_destroyed() { --g_live_nodes; }

OpNode::~OpNode() { g_saved_bytes -= saved_bytes; }

void OpNode::release_variables() {
  for (SavedVariable& s : saved) s.reset_data();
  g_saved_bytes -= saved_bytes;
  saved_bytes = 0;
}

variable_list OpNode::apply(variable_list&& grads) {
  auto self_ptr = shared_from_this();
  Saved s;
  s.self = saved[int(ops::Operand::Self)].unpack(self_ptr);
  s.other = saved[int(ops::Operand::Other)].unpack(self_ptr);
  s.third = saved[int(ops::Operand::Third)].unpack(self_ptr);
  s.result = saved[int(ops::Operand::Result)].unpack(self_ptr);
  s.result1 = saved[int(ops::Operand::Result1)].unpack(self_ptr);
  if (grads.empty() || !grads[0].defined())
    return variable_list(next_edges_.size());
  variable_list out = backward(grads[0], s);
  out.resize(next_edges_.size());
  return out;
}

variable_list AccumulateGrad::apply(variable_list&& grads) {
  if (grads.empty() || !grads[0].defined()) return {};
  AutogradMeta& meta = variable.impl().meta();
  c10::AutoGradMode no_grad(false);
  if (!meta.grad.defined()) {
    meta.grad = grads[0].detach().clone();
  } else {
    meta.grad.add_(grads[0]);
  }
  return {};
}

const ops::OpInfo* op_info(std::string_view name, std::string_view overload) {
  const ops::OpInfo* info = ops::find(name, overload);
  TORCH_INTERNAL_ASSERT(info != nullptr, "op missing from the op table: ",
                        std::string(name), ".", std::string(overload));
  return info;
}

bool should_record(std::initializer_list<const Tensor*> inputs) {
  if (!c10::GradMode::is_enabled()) return false;
  for (const Tensor* t : inputs)
    if (t && t->defined() && t->requires_grad()) return true;
  return false;
}

namespace {

// Saves the operands the op table lists for `op` into `node`.
void needs_grad(const Tensor* const operands[3], bool needs[3]) {
  for (int i = 0; i < 3; ++i)
    needs[i] = operands[i] && operands[i]->defined() &&
               operands[i]->requires_grad();
}

// `needs` says which operands require grad (judged before the op ran).
void save_operands(OpNode& node, const ops::OpInfo* op,
                   const Tensor* const operands[3], const bool needs[3],
                   const Tensor& result) {
  for (const ops::Save& rule : op->saves) {
    if (rule.operand == ops::Operand::None) continue;
    if (!ops::saves(*op, rule.operand, needs)) continue;
    const int slot = int(rule.operand);
    if (node.saved[slot].defined()) continue;
    const bool is_output = rule.operand == ops::Operand::Result ||
                           rule.operand == ops::Operand::Result1;
    const Tensor* t = nullptr;
    switch (rule.operand) {
      case ops::Operand::Self: t = operands[0]; break;
      case ops::Operand::Other: t = operands[1]; break;
      case ops::Operand::Third: t = operands[2]; break;
      case ops::Operand::Result: t = &result; break;
      default: break;  // Result1: saved by the op itself
    }
    if (!t || !t->defined()) continue;
    node.saved[slot] = SavedVariable(*t, is_output);
    node.saved_bytes += int64_t(node.saved[slot].nbytes());
  }
  g_saved_bytes += node.saved_bytes;
}

void collect(const Tensor* const* begin, std::size_t n, const Tensor* out[3]) {
  for (std::size_t i = 0; i < 3; ++i) out[i] = i < n ? begin[i] : nullptr;
}

}  // namespace

void record(const ops::OpInfo* op, std::initializer_list<const Tensor*> inputs,
            Tensor& result, BackwardFn fn) {
  if (!should_record(inputs)) return;
  auto node = std::make_shared<OpNode>(op, std::move(fn));
  for (const Tensor* t : inputs)
    node->next_edges_.push_back(t && t->defined()
                                    ? torch::autograd::gradient_edge(*t)
                                    : Edge());
  AutogradMeta& meta = result.impl().meta();
  meta.grad_fn = node;
  meta.output_nr = 0;
  const Tensor* operands[3];
  collect(inputs.begin(), inputs.size(), operands);
  bool needs[3];
  needs_grad(operands, needs);
  save_operands(*node, op, operands, needs, result);
}

void check_inplace(const Tensor& self) {
  const c10::TensorImpl& impl = self.impl();
  if (impl.is_inference && !c10::InferenceMode::is_enabled())
    throw c10::Error(messages::ERR_INFERENCE_INPLACE_OUTSIDE);
  if (c10::GradMode::is_enabled() && impl.autograd_meta &&
      impl.autograd_meta->requires_grad && !impl.autograd_meta->grad_fn &&
      !impl.view_base)
    throw c10::Error(messages::ERR_LEAF_INPLACE);
}

void bump_version(const Tensor& t) {
  if (t.impl().version_counter) ++t.impl().version_counter->version;
}

bool inplace_needs_original(const ops::OpInfo* op, const Tensor& self,
                            std::initializer_list<const Tensor*> others) {
  std::vector<const Tensor*> all{&self};
  all.insert(all.end(), others.begin(), others.end());
  bool any = false;
  for (const Tensor* t : all) any = any || (t && t->defined() && t->requires_grad());
  if (!c10::GradMode::is_enabled() || !any) return false;
  const Tensor* operands[3];
  collect(all.data(), all.size(), operands);
  bool needs[3];
  needs_grad(operands, needs);
  return ops::saves(*op, ops::Operand::Self, needs);
}

void record_inplace(const ops::OpInfo* op, Tensor& self,
                    std::initializer_list<const Tensor*> others,
                    const Tensor& original_self, BackwardFn fn) {
  bump_version(self);
  std::vector<const Tensor*> all{&self};
  all.insert(all.end(), others.begin(), others.end());
  bool record_now = c10::GradMode::is_enabled();
  if (record_now) {
    bool any = false;
    for (const Tensor* t : all)
      any = any || (t && t->defined() && t->requires_grad());
    record_now = any;
  }
  if (!record_now) return;
  const Tensor* operands[3];
  collect(all.data(), all.size(), operands);
  bool needs[3];
  needs_grad(operands, needs);
  auto node = std::make_shared<OpNode>(op, std::move(fn));
  // Self's edge is its history *before* this op.
  for (const Tensor* t : all)
    node->next_edges_.push_back(t && t->defined()
                                    ? torch::autograd::gradient_edge(*t)
                                    : Edge());
  AutogradMeta& meta = self.impl().meta();
  meta.grad_fn = node;
  meta.output_nr = 0;
  // FIXME: an in-place op on a view does not rebase the base's history
  // (LibTorch's CopySlices); gradients flowing to the base ignore it.
  // Self is saved as its value before the op (a copy LibTorch makes too).
  const Tensor* with_original[3] = {
      original_self.defined() ? &original_self : nullptr, operands[1],
      operands[2]};
  save_operands(*node, op, with_original, needs, self);
}

}  // namespace rt
}  // namespace torch_tidy
