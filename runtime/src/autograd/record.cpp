#include "autograd/record.h"

#include <ATen/Functions.h>
#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/variable.h>
#include <torch_tidy/memory_stats.h>
#include <torch_tidy/messages.h>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <utility>

#include "kernels.h"

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
  s.fourth = saved[int(ops::Operand::Fourth)].unpack(self_ptr);
  s.fifth = saved[int(ops::Operand::Fifth)].unpack(self_ptr);
  s.result = saved[int(ops::Operand::Result)].unpack(self_ptr);
  s.result1 = saved[int(ops::Operand::Result1)].unpack(self_ptr);
  variable_list out;
  if (multi_backward) {
    grads.resize(num_inputs());
    if (std::none_of(grads.begin(), grads.end(),
                     [](const Tensor& g) { return g.defined(); }))
      return variable_list(next_edges_.size());
    out = multi_backward(grads, s);
  } else {
    if (grads.empty() || !grads[0].defined())
      return variable_list(next_edges_.size());
    out = backward(grads[0], s);
  }
  out.resize(next_edges_.size());
  return out;
}

namespace {

// LibTorch's obeys_layout_contract: for a dense variable the gradient's
// strides are the variable's, except in dimensions of size 1 (where a zero
// stride still disqualifies it: such a gradient is a view); otherwise the
// gradient is contiguous.
bool obeys_layout_contract(const Tensor& grad, const Tensor& variable) {
  if (grad.sizes() != variable.sizes()) return false;
  if (!is_non_overlapping_and_dense(variable)) return grad.is_contiguous();
  for (int64_t d = 0; d < grad.dim(); ++d) {
    if (grad.size(d) != 1 ? grad.stride(d) != variable.stride(d)
                          : grad.stride(d) == 0)
      return false;
  }
  return true;
}

}  // namespace

variable_list AccumulateGrad::apply(variable_list&& grads) {
  if (grads.empty() || !grads[0].defined()) return {};
  // A leaf switched off after the graph was built (requires_grad_(false),
  // detach_()) gets nothing, as in LibTorch.
  if (!variable.requires_grad()) return {};
  AutogradMeta& meta = variable.impl().meta();
  // Moved out, so that `g` is the gradient's only holder when it is stolen;
  // validate_outputs: the gradient takes the variable's dtype.
  Tensor g = std::move(grads[0]);
  g = raw_to(g, variable.scalar_type());
  if (!meta.grad.defined()) {
    // As LibTorch's AccumulateGrad: the incoming gradient is stolen when grad
    // mode is off, nothing else holds it and it has the variable's layout;
    // otherwise it is copied into a fresh tensor (empty + copy_: version 1).
    if (!c10::GradMode::is_enabled() && g.use_count() == 1 &&
        obeys_layout_contract(g, variable)) {
      meta.grad = g.detach();
    } else {
      // clone_obey_contract: the variable's strides when it is dense.
      c10::AutoGradMode no_grad(false);
      const at::TensorOptions type(g.scalar_type());
      meta.grad = is_non_overlapping_and_dense(variable)
                      ? at::empty_like(variable, type)
                      : at::empty(variable.sizes(), type);
      meta.grad.copy_(g);
    }
  } else {
    c10::AutoGradMode no_grad(false);
    meta.grad.add_(g);
  }
  return {};
}

variable_list CopySlices::apply(variable_list&& grads) {
  variable_list out(next_edges_.size());
  if (grads.empty() || !grads[0].defined()) return out;
  if (!fn) throw std::runtime_error(messages::ERR_BACKWARD_TWICE);
  Tensor result = raw_contiguous(grads[0]);
  Tensor slice = make_view(result, sizes, strides, offset);
  variable_list res = fn->apply({raw_contiguous(slice)});
  if (!res.empty() && res[0].defined())
    raw_copy_into(slice, res[0]);
  else
    raw_copy_into(slice, scalar_tensor(0, result.scalar_type()));
  out[0] = result;
  for (std::size_t i = 1; i < res.size() && i < out.size(); ++i)
    out[i] = res[i];
  return out;
}

namespace {

// Adds `g` into the elements `view` reaches, one by one: an element the view
// reaches twice (an expanded dimension) receives the sum.
void add_through_view(const Tensor& view, const Tensor& g) {
  Tensor src = raw_contiguous(g);
  const c10::TensorImpl& v = view.impl();
  dispatch(v.dtype, [&](auto tag) {
    using T = decltype(tag);
    T* out = static_cast<T*>(static_cast<void*>(v.storage->data.get()));
    const T* in = static_cast<const T*>(src.impl().data_bytes());
    for (int64_t i = 0, n = src.numel(); i < n; ++i) {
      const int64_t off = element_offset(v, i);
      out[off] = static_cast<T>(out[off] + in[i]);
    }
  });
}

}  // namespace

void refresh_view_grad_fn(c10::TensorImpl& view) {
  if (!view.differentiable_view || !view.version_counter || !view.autograd_meta)
    return;
  AutogradMeta& meta = *view.autograd_meta;
  const uint32_t version = view.version_counter->version;
  if (!meta.grad_fn && !view.view_base->requires_grad()) return;
  if (meta.attr_version == version) return;
  // As LibTorch's VariableHooks::grad_fn: a view made under no_grad or
  // InferenceMode whose base (or another view) was modified in place.
  if (view.view_created_in_no_grad)
    throw c10::Error(messages::view_rebase_error(view.view_created_in_inference,
                                                 /*indirect=*/true));
  Tensor base(view.view_base);
  DimVector sizes = view.sizes, strides = view.strides;
  const int64_t offset = view.storage_offset - base.storage_offset();
  DimVector base_sizes = base.impl().sizes;
  auto node = std::make_shared<OpNode>(
      TT_OP("as_strided", ""),
      [=](const Tensor& g, const Saved&) -> variable_list {
        Tensor z = at::zeros(base_sizes, at::TensorOptions(g.scalar_type()));
        add_through_view(make_view(z, sizes, strides, offset), g);
        return {z};
      });
  node->next_edges_.push_back(torch::autograd::gradient_edge(base));
  node->set_input_metadata(view.sizes, view.dtype);
  meta.grad_fn = node;
  meta.output_nr = 0;
  meta.attr_version = version;
}

bool recording_enabled() {
  // Inside InferenceMode nothing is recorded, even under AutoGradMode(true).
  return c10::GradMode::is_enabled() && !c10::InferenceMode::is_enabled();
}

bool should_record(std::initializer_list<const Tensor*> inputs) {
  if (!recording_enabled()) return false;
  for (const Tensor* t : inputs)
    if (t && t->defined() && t->requires_grad()) return true;
  return false;
}

namespace {

// Saves the operands the op table lists for `op` into `node`.
void needs_grad(const Tensor* const operands[5], bool needs[3]) {
  for (int i = 0; i < 3; ++i)
    needs[i] =
        operands[i] && operands[i]->defined() && operands[i]->requires_grad();
}

// `needs` says which operands require grad (judged before the op ran).
void save_operands(OpNode& node, const ops::OpInfo* op,
                   const Tensor* const operands[5], const bool needs[3],
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
      case ops::Operand::Self:
        t = operands[0];
        break;
      case ops::Operand::Other:
        t = operands[1];
        break;
      case ops::Operand::Third:
        t = operands[2];
        break;
      case ops::Operand::Fourth:
        t = operands[3];
        break;
      case ops::Operand::Fifth:
        t = operands[4];
        break;
      case ops::Operand::Result:
        t = &result;
        break;
      default:
        break;  // Result1: saved by the op itself
    }
    if (!t || !t->defined()) continue;
    node.saved[slot] = SavedVariable(*t, is_output);
    node.saved_bytes += int64_t(node.saved[slot].nbytes());
  }
  g_saved_bytes += node.saved_bytes;
}

void collect(const Tensor* const* begin, std::size_t n, const Tensor* out[5]) {
  for (std::size_t i = 0; i < 5; ++i) out[i] = i < n ? begin[i] : nullptr;
}

}  // namespace

namespace {

// Gives `result` the history of `node`'s output `nr`.
void attach_output(const std::shared_ptr<OpNode>& node, Tensor& result,
                   uint32_t nr) {
  AutogradMeta& meta = result.impl().meta();
  node->set_input_metadata(result, nr);
  meta.grad_fn = node;
  meta.output_nr = nr;
}

// The node's edges to `inputs`.
void connect(OpNode& node, std::initializer_list<const Tensor*> inputs) {
  for (const Tensor* t : inputs)
    node.next_edges_.push_back(
        t && t->defined() ? torch::autograd::gradient_edge(*t) : Edge());
}

// Saves the operands among `inputs` (and `result`) the op table lists.
void save(OpNode& node, const ops::OpInfo* op,
          std::initializer_list<const Tensor*> inputs, const Tensor& result) {
  const Tensor* operands[5];
  collect(inputs.begin(), inputs.size(), operands);
  bool needs[3];
  needs_grad(operands, needs);
  save_operands(node, op, operands, needs, result);
}

}  // namespace

void record(const ops::OpInfo* op, std::initializer_list<const Tensor*> inputs,
            Tensor& result, BackwardFn fn) {
  if (!should_record(inputs)) return;
  auto node = std::make_shared<OpNode>(op, std::move(fn));
  connect(*node, inputs);
  attach_output(node, result, 0);
  save(*node, op, inputs, result);
}

void record_outputs(const ops::OpInfo* op,
                    std::initializer_list<const Tensor*> inputs,
                    std::initializer_list<Tensor*> outputs,
                    MultiBackwardFn fn) {
  if (!should_record(inputs)) return;
  auto node = std::make_shared<OpNode>(op, std::move(fn));
  connect(*node, inputs);
  uint32_t nr = 0;
  for (Tensor* out : outputs) {
    if (out->defined()) attach_output(node, *out, nr);
    ++nr;
  }
  save(*node, op, inputs, **outputs.begin());
}

void save_second_output(const Tensor& result, const Tensor& second) {
  auto node = std::dynamic_pointer_cast<OpNode>(result.grad_fn());
  if (!node) return;
  SavedVariable& slot = node->saved[int(ops::Operand::Result1)];
  slot = SavedVariable(second, /*is_output=*/true);
  node->saved_bytes += int64_t(slot.nbytes());
  g_saved_bytes += int64_t(slot.nbytes());
}

void check_inplace(const Tensor& self,
                   std::initializer_list<const Tensor*> others) {
  // Inside InferenceMode the autograd kernels are skipped altogether, even
  // under AutoGradMode(true).
  if (!c10::GradMode::is_enabled() || c10::InferenceMode::is_enabled()) return;
  // LibTorch checks only when the op's result would require grad: self or
  // any other differentiable operand does (compute_requires_grad).
  bool requires_grad = self.requires_grad();
  for (const Tensor* t : others)
    requires_grad = requires_grad || (t && t->defined() && t->requires_grad());
  if (!requires_grad) return;
  const c10::TensorImpl& impl = self.impl();
  if (impl.differentiable_view) {
    if (impl.view_created_in_no_grad) {
      // A view made with grad mode on of a no_grad view has a grad_fn and
      // inherits the no_grad creation: LibTorch 1.13 trips an internal
      // assert on it.
      if (impl.autograd_meta && impl.autograd_meta->grad_fn)
        throw c10::Error(
            messages::view_with_grad_fn_assert(impl.view_created_in_inference));
      throw c10::Error(messages::view_rebase_error(
          impl.view_created_in_inference, /*indirect=*/false));
    }
    // LibTorch tests `self.requires_grad() && self._base().is_leaf()`: the
    // base need not require grad any more (requires_grad_(false) or
    // detach_() after the view was made, or a view given requires_grad).
    const c10::TensorImpl& base = *impl.view_base;
    if (self.requires_grad() &&
        !(base.autograd_meta && base.autograd_meta->grad_fn))
      throw c10::Error(messages::ERR_VIEW_OF_LEAF_INPLACE);
    return;
  }
  if (impl.autograd_meta && impl.autograd_meta->requires_grad &&
      !impl.autograd_meta->grad_fn)
    throw c10::Error(messages::ERR_LEAF_INPLACE);
}

void bump_version(const Tensor& t) {
  const c10::TensorImpl& impl = t.impl();
  // LibTorch 1.13 writes the data first and refuses afterwards.
  if (impl.is_inference && !c10::InferenceMode::is_enabled())
    throw c10::Error(messages::ERR_INFERENCE_INPLACE_OUTSIDE);
  if (impl.version_counter) ++impl.version_counter->version;
}

namespace {
// Whether an in-place op on `self` records a node: grad mode on, some
// operand requires grad, and self can carry a gradient (an integral self,
// such as a Long tensor copy_()-ed from one that requires grad, gets no
// history: LibTorch records only for differentiable types).
bool inplace_records(const std::vector<const Tensor*>& all) {
  if (!recording_enabled() || !all.front()->is_floating_point()) return false;
  for (const Tensor* t : all)
    if (t && t->defined() && t->requires_grad()) return true;
  return false;
}
}  // namespace

bool inplace_needs_original(const ops::OpInfo* op, const Tensor& self,
                            std::initializer_list<const Tensor*> others) {
  std::vector<const Tensor*> all{&self};
  all.insert(all.end(), others.begin(), others.end());
  if (!inplace_records(all)) return false;
  const Tensor* operands[5];
  collect(all.data(), all.size(), operands);
  bool needs[3];
  needs_grad(operands, needs);
  return ops::saves(*op, ops::Operand::Self, needs);
}

void record_inplace(const ops::OpInfo* op, const Tensor& self,
                    std::initializer_list<const Tensor*> others,
                    const Tensor& original_self, BackwardFn fn) {
  bump_version(self);
  std::vector<const Tensor*> all{&self};
  all.insert(all.end(), others.begin(), others.end());
  if (!inplace_records(all)) return;
  const Tensor* operands[5];
  collect(all.data(), all.size(), operands);
  bool needs[3];
  needs_grad(operands, needs);
  auto node = std::make_shared<OpNode>(op, std::move(fn));
  // Self's edge is its history *before* this op.
  for (const Tensor* t : all)
    node->next_edges_.push_back(
        t && t->defined() ? torch::autograd::gradient_edge(*t) : Edge());
  c10::TensorImpl& impl = self.impl();
  if (impl.differentiable_view) {
    // The base takes the history: CopySlices applies `node` to the view's
    // slice of the base's gradient. The view's own history is then
    // regenerated from the base (AsStridedBackward0).
    Tensor base(impl.view_base);
    auto copy_slices = std::make_shared<CopySlices>(
        node, impl.sizes, impl.strides, impl.storage_offset);
    copy_slices->next_edges_.push_back(torch::autograd::gradient_edge(base));
    for (std::size_t i = 1; i < node->next_edges_.size(); ++i)
      copy_slices->next_edges_.push_back(node->next_edges_[i]);
    AutogradMeta& base_meta = base.impl().meta();
    copy_slices->set_input_metadata(base);
    node->set_input_metadata(self);
    base_meta.grad_fn = copy_slices;
    base_meta.output_nr = 0;
    AutogradMeta& meta = impl.meta();
    meta.grad_fn = node;  // replaced just below
    meta.attr_version =
        impl.version_counter ? impl.version_counter->version - 1 : 0;
    refresh_view_grad_fn(impl);
  } else {
    AutogradMeta& meta = impl.meta();
    node->set_input_metadata(self);
    meta.grad_fn = node;
    meta.output_nr = 0;
  }
  // Self is saved as its value before the op (a copy LibTorch makes too).
  const Tensor* with_original[5] = {
      original_self.defined() ? &original_self : nullptr, operands[1],
      operands[2], operands[3], operands[4]};
  save_operands(*node, op, with_original, needs, self);
  // An operand that is self itself (y.mul_(y)) is saved as self at its
  // version before this op, as LibTorch saves it: the op's own version bump
  // then fails backward ("output 0 of MulBackward0 ... expected version N").
  // Held like a saved output (no strong reference to its own node).
  static constexpr ops::Operand kSlots[] = {
      ops::Operand::Other, ops::Operand::Third, ops::Operand::Fourth,
      ops::Operand::Fifth};
  for (int i = 1; i < 5; ++i) {
    SavedVariable& saved = node->saved[int(kSlots[i - 1])];
    if (operands[i] && operands[i]->is_same(self) && saved.defined() &&
        impl.version_counter)
      saved =
          SavedVariable::inplace_alias(self, impl.version_counter->version - 1);
  }
}

}  // namespace rt
}  // namespace torch_tidy
