// SavedVariable: a tensor an autograd node keeps for backward, with the
// version it had when saved. unpack() checks that version: a tensor modified
// in place between the forward and the backward is the third hazard torch-tidy
// looks for. A node saving its own output keeps only a weak reference to
// itself (no ownership cycle) and restores grad_fn on unpack.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <memory>

namespace torch {
namespace autograd {

struct Node;

class SavedVariable {
 public:
  SavedVariable() = default;
  // Throws ERR_INFERENCE_SAVED for an inference tensor.
  SavedVariable(const at::Tensor& variable, bool is_output);
  // An in-place op's operand that is self (y.mul_(y)), saved at `version`
  // (before the op's bump) and held like a saved output; a version mismatch
  // names self's grad_fn at unpack time, as for a saved input.
  static SavedVariable inplace_alias(const at::Tensor& self, uint32_t version);

  // Checks the version (ERR_VERSION_MISMATCH) and freed state
  // (ERR_BACKWARD_TWICE); `saved_for` is the node unpacking it.
  at::Tensor unpack(const std::shared_ptr<Node>& saved_for) const;
  void reset_data();
  bool defined() const { return was_defined_; }
  std::size_t nbytes() const;

 private:
  at::Tensor data_;
  bool was_defined_ = false;
  bool is_output_ = false;
  bool freed_ = false;
  uint32_t saved_version_ = 0;
  uint32_t output_nr_ = 0;
  bool requires_grad_ = false;
  bool is_leaf_ = false;
  // For saved outputs: the node that produced (and saved) the tensor.
  std::weak_ptr<Node> weak_grad_fn_;
  // For an in-place op's self operand: the tensor itself, held weakly (a
  // strong reference would make its node own itself).
  std::weak_ptr<c10::TensorImpl> aliased_;
};

}  // namespace autograd
}  // namespace torch
