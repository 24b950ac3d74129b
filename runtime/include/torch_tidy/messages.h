// Error texts the runtime raises, byte-identical to LibTorch's where they
// correspond (the texts docs/semantics.md lists, "Error messages"). They live
// here, and only here, so that the unit tests can assert each one and so that
// the checks' docs can quote them. LibTorch's capitalisation and quirks are
// kept on purpose (e.g. "...is not allowed.You can make..." has no space
// after the period).
//
// Each constant names the LibTorch version whose text it matches. The
// differential tests compare the runtime's output with real LibTorch 1.13.
#pragma once

#include <cstdint>
#include <string>

namespace torch_tidy {
namespace messages {

// LibTorch 1.13, torch/csrc/autograd/saved_variable.cpp
// (SavedVariable::unpack). The full text is built by version_mismatch() below;
// these are its pieces.
inline constexpr const char* ERR_VERSION_MISMATCH_PREFIX =
    "one of the variables needed for gradient computation has been modified "
    "by an inplace operation: ";
inline constexpr const char* ERR_VERSION_MISMATCH_HINT =
    " Hint: enable anomaly detection to find the operation that failed to "
    "compute its gradient, with torch.autograd.set_detect_anomaly(True).";

// LibTorch 1.13, c10/core/TensorImpl.h (version_counter()).
inline constexpr const char* ERR_INFERENCE_TENSOR_VERSION =
    "Inference tensors do not track version counter.";

// LibTorch 1.13, c10/core/TensorImpl.h (VariableVersion::bump).
inline constexpr const char* ERR_INFERENCE_INPLACE_OUTSIDE =
    "Inplace update to inference tensor outside InferenceMode is not "
    "allowed.You can make a clone to get a normal tensor before doing inplace "
    "update.See https://github.com/pytorch/rfcs/pull/17 for more details.";

// LibTorch 1.13, torch/csrc/autograd/saved_variable.cpp (SavedVariable ctor).
// 2.x words it: "Inference tensors cannot be saved for backward. Please do not
// use Tensors created in inference mode in computation tracked by autograd. To
// work around this, you can make a clone to get a normal tensor and use it in
// autograd."
inline constexpr const char* ERR_INFERENCE_SAVED =
    "Inference tensors cannot be saved for backward. To work around you can "
    "make a clone to get a normal tensor and use it in autograd.";

// LibTorch 1.13, c10/core/TensorImpl.cpp (TensorImpl::set_requires_grad).
inline constexpr const char* ERR_INFERENCE_REQUIRES_GRAD =
    "Setting requires_grad=True on inference tensor outside InferenceMode is "
    "not allowed.";

// LibTorch 1.13, torch/csrc/autograd/autograd.cpp (run_backward: backward of
// a tensor without grad_fn). The index is formatted in.
inline constexpr const char* ERR_NO_GRAD_FN_PREFIX = "element ";
inline constexpr const char* ERR_NO_GRAD_FN_SUFFIX =
    " of tensors does not require grad and does not have a grad_fn";

// LibTorch 1.13, torch/csrc/autograd/VariableTypeUtils.h (check_inplace).
inline constexpr const char* ERR_LEAF_INPLACE =
    "a leaf Variable that requires grad is being used in an in-place "
    "operation.";

// LibTorch 1.13, torch/csrc/autograd/VariableTypeUtils.h (check_inplace).
inline constexpr const char* ERR_VIEW_OF_LEAF_INPLACE =
    "a view of a leaf Variable that requires grad is being used in an "
    "in-place operation.";

// LibTorch 1.13, torch/csrc/autograd/variable.cpp (handle_view_on_rebase):
// a view made under no_grad (or InferenceMode) modified in place, directly
// or `indirect`ly (through its base or another view), with grad mode on.
inline std::string view_rebase_error(bool inference_mode, bool indirect) {
  const std::string block = inference_mode ? "inference_mode" : "no_grad";
  return std::string("A view was created in ") +
         (inference_mode ? "inference mode" : "no_grad mode") + " and " +
         (indirect ? "its base or another view of its base has been"
                   : "is being") +
         " modified inplace " +
         (inference_mode ? "in normal mode." : "with grad mode enabled.") +
         " Given that this use case is ambiguous and error-prone, it is "
         "forbidden. You can clarify your code by moving both the view and "
         "the inplace either both inside the " +
         block +
         " block (if you don't want the inplace to be tracked) or both "
         "outside (if you want the inplace to be tracked).";
}

// LibTorch 1.13, torch/csrc/autograd/variable.cpp (handle_view_on_rebase):
// the internal assert for an in-place op on a view that inherited no_grad (or
// inference) creation but has a grad_fn (a view of such a view, made with
// grad mode on).
// The assert's line differs for the two creation modes.
inline std::string view_with_grad_fn_assert(bool inference_mode) {
  return std::string(
             "!grad_fn INTERNAL ASSERT FAILED at "
             "\"./torch/csrc/autograd/variable.cpp\":") +
         (inference_mode ? "800" : "792") +
         ", please report a bug to PyTorch. ";
}

// LibTorch 1.13, torch/csrc/autograd/saved_variable.cpp (unpack): an
// internal assert LibTorch raises for a saved input detached in place.
inline constexpr const char* ERR_SAVED_DETACHED_INPLACE =
    "saved_for INTERNAL ASSERT FAILED at "
    "\"./torch/csrc/autograd/saved_variable.cpp\":146, please report a bug to "
    "PyTorch. No grad_fn for non-leaf saved tensor";

// LibTorch 1.13, torch/csrc/autograd/saved_variable.cpp (ERR_BACKWARD_TWICE).
inline constexpr const char* ERR_BACKWARD_TWICE =
    "Trying to backward through the graph a second time (or directly access "
    "saved tensors after they have already been freed). Saved intermediate "
    "values of the graph are freed when you call .backward() or "
    "autograd.grad(). Specify retain_graph=True if you need to backward "
    "through the graph a second time or if you need to access saved tensors "
    "after calling backward.";

// LibTorch 1.13, torch/csrc/autograd/VariableTypeUtils.h
// (throw_error_out_requires_grad): "<op>" followed by this.
inline constexpr const char* ERR_OUT_REQUIRES_GRAD_SUFFIX =
    "(): functions with out=... arguments don't support automatic "
    "differentiation, but one of the arguments requires grad.";

// LibTorch 1.13, torch/csrc/autograd/VariableTypeManual.cpp (detach_).
inline constexpr const char* ERR_DETACH_VIEW_INPLACE =
    "Can't detach views in-place. Use detach() instead. If you are using "
    "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view "
    "is set as True, gradients are views of DDP buckets, and hence detach_() "
    "cannot be called on these gradients. To fix this error, please refer to "
    "the Optimizer.zero_grad() function in torch/optim/optimizer.py as the "
    "solution.";

// LibTorch 1.13, torch/csrc/autograd/autograd.cpp (_make_grads).
inline constexpr const char* ERR_IMPLICIT_GRAD_NON_SCALAR =
    "grad can be implicitly created only for scalar outputs";

// "element N of tensors does not require grad and does not have a grad_fn".
inline std::string no_grad_fn(std::size_t index) {
  return ERR_NO_GRAD_FN_PREFIX + std::to_string(index) + ERR_NO_GRAD_FN_SUFFIX;
}

// The version-mismatch text. `type_and_sizes` is e.g. "CPUFloatType [3]";
// `grad_fn_name` is empty when the saved tensor has no grad_fn (a constant or
// a leaf), in which case the ", which is output N of X," part is absent.
inline std::string version_mismatch(const std::string& type_and_sizes,
                                    const std::string& grad_fn_name,
                                    std::uint32_t output_nr,
                                    std::uint32_t current_version,
                                    std::uint32_t saved_version) {
  std::string m = ERR_VERSION_MISMATCH_PREFIX;
  m += "[" + type_and_sizes + "]";
  if (!grad_fn_name.empty()) {
    m += ", which is output " + std::to_string(output_nr) + " of " +
         grad_fn_name + ",";
  }
  m += " is at version " + std::to_string(current_version) +
       "; expected version " + std::to_string(saved_version) + " instead.";
  m += ERR_VERSION_MISMATCH_HINT;
  return m;
}

}  // namespace messages
}  // namespace torch_tidy
