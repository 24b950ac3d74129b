#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/saved_variable.h>
#include <torch/csrc/autograd/variable.h>
#include <torch_tidy/messages.h>

#include <sstream>

namespace torch {
namespace autograd {

namespace {
// A handle on the same data and version counter without autograd state, so
// that a node saving its own output does not own itself.
at::Tensor data_alias(const at::Tensor& t) {
  auto impl = std::make_shared<c10::TensorImpl>();
  const c10::TensorImpl& src = t.impl();
  impl->storage = src.storage;
  impl->storage_offset = src.storage_offset;
  impl->sizes = src.sizes;
  impl->strides = src.strides;
  impl->dtype = src.dtype;
  impl->version_counter = src.version_counter;
  impl->is_inference = src.is_inference;
  return at::Tensor(std::move(impl));
}
}  // namespace

SavedVariable::SavedVariable(const at::Tensor& variable, bool is_output) {
  if (!variable.defined()) return;
  TORCH_CHECK(!variable.is_inference(),
              torch_tidy::messages::ERR_INFERENCE_SAVED);
  was_defined_ = true;
  is_output_ = is_output;
  saved_version_ = variable.impl().version_counter->version;
  output_nr_ = variable.output_nr();
  requires_grad_ = variable.requires_grad();
  is_leaf_ = variable.is_leaf();
  if (is_output) {
    weak_grad_fn_ = variable.grad_fn();
    data_ = data_alias(variable);
  } else {
    data_ = variable;
  }
}

SavedVariable SavedVariable::inplace_alias(const at::Tensor& self,
                                           uint32_t version) {
  SavedVariable saved(self, /*is_output=*/true);
  saved.saved_version_ = version;
  saved.aliased_ = self.impl_ptr();
  return saved;
}

std::size_t SavedVariable::nbytes() const {
  return data_.defined() ? std::size_t(data_.numel()) * data_.element_size()
                         : 0;
}

void SavedVariable::reset_data() {
  if (!was_defined_) return;
  freed_ = true;
  data_ = at::Tensor();
}

at::Tensor SavedVariable::unpack(const std::shared_ptr<Node>& saved_for) const {
  if (!was_defined_) return at::Tensor();
  TORCH_CHECK(!freed_, torch_tidy::messages::ERR_BACKWARD_TWICE);
  // A saved non-leaf input whose history detach_() removed.
  TORCH_CHECK(is_output_ || is_leaf_ || data_.grad_fn(),
              torch_tidy::messages::ERR_SAVED_DETACHED_INPLACE);
  const uint32_t current = data_.impl().version_counter->version;
  if (current != saved_version_) {
    // LibTorch names the producer for a saved output and the tensor's
    // *current* grad_fn for a saved input: y.mul_(y) saves y as an input, so
    // a later y.add_(t) makes it "output 0 of AddBackward0", and a view's
    // regenerated grad_fn "AsStridedBackward0".
    std::shared_ptr<Node> fn =
        is_output_ ? (saved_for ? saved_for : weak_grad_fn_.lock())
                   : data_.grad_fn();
    uint32_t output_nr = is_output_ ? output_nr_ : data_.output_nr();
    if (std::shared_ptr<c10::TensorImpl> self = aliased_.lock()) {
      const at::Tensor current_self(std::move(self));
      if (std::shared_ptr<Node> current_fn = current_self.grad_fn()) {
        fn = std::move(current_fn);
        output_nr = current_self.output_nr();
      }
    }
    std::ostringstream type_and_sizes;
    type_and_sizes << data_.toString() << " " << data_.sizes();
    throw c10::Error(torch_tidy::messages::version_mismatch(
        type_and_sizes.str(), fn ? fn->name() : std::string(), output_nr,
        current, saved_version_));
  }
  if (!is_output_ || !requires_grad_) return data_;
  // A saved output comes back with its producer as grad_fn (LibTorch's
  // SavedVariable::unpack), so a backward formula that reads it under
  // create_graph records a graph through it (double backward).
  std::shared_ptr<Node> fn = saved_for ? saved_for : weak_grad_fn_.lock();
  if (!fn) return data_;
  at::Tensor var = data_alias(data_);
  AutogradMeta& meta = var.impl().meta();
  meta.grad_fn = std::move(fn);
  meta.output_nr = output_nr_;
  return var;
}

}  // namespace autograd
}  // namespace torch
