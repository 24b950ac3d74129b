// How ops record themselves in the autograd graph. Every differentiable op
// computes its result without autograd, then calls record() (or
// record_inplace() / record_view()), which
//   - decides whether to record at all (grad mode on and an input requires
//     grad),
//   - creates an OpNode named from the op table, with edges to the inputs,
//   - saves exactly the operands the op table says
//   (torch_tidy/ops/OpTable.def),
//     with their versions,
//   - attaches the node to the result.
// The backward formula is a function of the incoming gradient and the
// unpacked saved tensors; it never sees a tensor the table did not save.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/saved_variable.h>
#include <torch_tidy/ops/OpTable.h>

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace torch_tidy {
namespace rt {

using at::Tensor;
using torch::autograd::variable_list;

// Saved operands, unpacked (version-checked) for a backward call. Operands
// the op table did not save are undefined tensors.
struct Saved {
  Tensor self, other, third, fourth, fifth, result, result1;
};

// Gradient of the output -> gradients of the inputs, in input order
// (undefined for an input that gets none).
using BackwardFn =
    std::function<variable_list(const Tensor& grad, const Saved& saved)>;

// Gradients of the outputs (undefined where an output got none) -> gradients
// of the inputs: the backward of an op with several differentiable outputs.
using MultiBackwardFn = std::function<variable_list(const variable_list& grads,
                                                    const Saved& saved)>;

struct OpNode : torch::autograd::Node {
  OpNode(const ops::OpInfo* info, BackwardFn fn)
      : info(info), backward(std::move(fn)) {}
  OpNode(const ops::OpInfo* info, MultiBackwardFn fn)
      : info(info), multi_backward(std::move(fn)) {}
  std::string name() const override { return std::string(info->node); }
  variable_list apply(variable_list&& grads) override;
  void release_variables() override;

  const ops::OpInfo* info;
  BackwardFn backward;             // an op with one output
  MultiBackwardFn multi_backward;  // or one with several
  // One slot per Operand value; unset slots are undefined SavedVariables.
  torch::autograd::SavedVariable saved[ops::kNumOperandSlots];
  int64_t saved_bytes = 0;
  ~OpNode() override;
};

// The base's node after an in-place op through a view: runs the op's node
// on the view's slice of the gradient and passes the rest through.
struct CopySlices : torch::autograd::Node {
  CopySlices(std::shared_ptr<OpNode> fn, c10::DimVector sizes,
             c10::DimVector strides, int64_t offset)
      : fn(std::move(fn)), sizes(sizes), strides(strides), offset(offset) {}
  std::string name() const override { return "torch::autograd::CopySlices"; }
  variable_list apply(variable_list&& grads) override;
  // As LibTorch's: releasing drops the wrapped node, and a second backward
  // then throws std::runtime_error (not c10::Error).
  void release_variables() override { fn.reset(); }
  std::shared_ptr<OpNode> fn;
  c10::DimVector sizes, strides;
  int64_t offset;
};

// The node of a leaf that requires grad: adds incoming gradients to .grad().
struct AccumulateGrad : torch::autograd::Node {
  explicit AccumulateGrad(Tensor variable) : variable(std::move(variable)) {}
  std::string name() const override {
    return "torch::autograd::AccumulateGrad";
  }
  variable_list apply(variable_list&& grads) override;
  Tensor variable;
};

// The op table's row of an op the runtime records, found at compile time:
// a row that is missing, or not marked Runtime, fails the build.
#define TT_OP(name, overload)                                         \
  ([]() -> const ::torch_tidy::ops::OpInfo* {                         \
    constexpr const ::torch_tidy::ops::OpInfo* info =                 \
        ::torch_tidy::ops::find(name, overload);                      \
    static_assert(info != nullptr, "op missing from the op table");   \
    static_assert(info->source == ::torch_tidy::ops::Source::Runtime, \
                  "the op table's row is not marked Runtime");        \
    return info;                                                      \
  }())

// Grad mode on and InferenceMode off.
bool recording_enabled();

// True when an op over these inputs records a node now.
bool should_record(std::initializer_list<const Tensor*> inputs);

// Records a functional op (see file comment). `inputs` are Self, Other,
// Third in the op table's sense (nullptr or undefined for absent ones).
void record(const ops::OpInfo* op, std::initializer_list<const Tensor*> inputs,
            Tensor& result, BackwardFn fn);

// Records an op with several differentiable outputs as one node: output i
// (when defined) takes it as grad_fn with output_nr i. The op table's Result
// operand is outputs[0].
void record_outputs(const ops::OpInfo* op,
                    std::initializer_list<const Tensor*> inputs,
                    std::initializer_list<Tensor*> outputs, MultiBackwardFn fn);

// An op whose value is computed with ordinary (differentiable) ops: computes
// it with grad mode off, then records it as `op` with `fn` as its gradient.
template <class Compute>
Tensor compute_and_record(const ops::OpInfo* op,
                          std::initializer_list<const Tensor*> inputs,
                          Compute&& compute, BackwardFn fn) {
  Tensor r;
  {
    c10::NoGradGuard no_grad;
    r = compute();
  }
  record(op, inputs, r, std::move(fn));
  return r;
}

// Checks LibTorch's preconditions for an in-place op on `self` whose other
// differentiable operands are `others` (a leaf that requires grad, a view of
// one, a view made in no-grad mode, in grad mode). Call before modifying.
void check_inplace(const Tensor& self,
                   std::initializer_list<const Tensor*> others = {});

// Saves `second` (an op's second output, e.g. max(dim)'s indices) on the node
// just recorded for `result`, as the Result1 operand.
void save_second_output(const Tensor& result, const Tensor& second);

// After `self` was modified in place: bumps its version, and records the
// op when needed. `original_self` is a copy of self's value before the op,
// used when the op saves Self (pass an undefined tensor otherwise).
void record_inplace(const ops::OpInfo* op, const Tensor& self,
                    std::initializer_list<const Tensor*> others,
                    const Tensor& original_self, BackwardFn fn);

// Whether record_inplace() will need `original_self` for this op.
bool inplace_needs_original(const ops::OpInfo* op, const Tensor& self,
                            std::initializer_list<const Tensor*> others);

// Regenerates the history of a differentiable view whose base changed in
// place since the view's grad_fn was set (AsStridedBackward0 of the base).
void refresh_view_grad_fn(c10::TensorImpl& view);

// Bumps the version counter of `t` after an in-place write. An inference
// tensor outside InferenceMode throws here, after the write, as in LibTorch
// 1.13; inside InferenceMode it has no counter to bump.
void bump_version(const Tensor& t);

// Memory retained by the autograd graph: live nodes and saved-tensor bytes.
void note_node_created();
void note_node_destroyed();

}  // namespace rt
}  // namespace torch_tidy
