// The error texts of LibTorch 1.13, written out independently of the
// runtime's torch_tidy/messages.h. Every test file except messages_test.cpp
// builds against real LibTorch too (see CMakeLists.txt), so these literals are
// checked against the real thing; messages_test.cpp then asserts that the
// runtime's constants equal them. That chain is why the literals live here,
// once, and not in each test.
//
// Deliberately free of torch and gtest headers: messages_test.cpp includes
// this file without including <torch/torch.h>.
#pragma once

#include <cstdint>
#include <string>

namespace torch_tidy_test {
namespace expected {

// Quirks kept on purpose: ERR_INFERENCE_INPLACE_OUTSIDE has no space after
// "allowed." nor after "update.", exactly as upstream.
inline const std::string kVersionMismatchPrefix =
    "one of the variables needed for gradient computation has been modified "
    "by an inplace operation: ";
inline const std::string kVersionMismatchHint =
    " Hint: enable anomaly detection to find the operation that failed to "
    "compute its gradient, with torch.autograd.set_detect_anomaly(True).";
inline const std::string kInferenceTensorVersion =
    "Inference tensors do not track version counter.";
inline const std::string kInferenceInplaceOutside =
    "Inplace update to inference tensor outside InferenceMode is not "
    "allowed.You can make a clone to get a normal tensor before doing inplace "
    "update.See https://github.com/pytorch/rfcs/pull/17 for more details.";
inline const std::string kInferenceSaved =
    "Inference tensors cannot be saved for backward. To work around you can "
    "make a clone to get a normal tensor and use it in autograd.";
inline const std::string kInferenceRequiresGrad =
    "Setting requires_grad=True on inference tensor outside InferenceMode is "
    "not allowed.";
inline const std::string kMulOutRequiresGrad =
    "mul(): functions with out=... arguments don't support automatic "
    "differentiation, but one of the arguments requires grad.";
inline const std::string kNoGradFnElement0 =
    "element 0 of tensors does not require grad and does not have a grad_fn";
inline const std::string kLeafInplace =
    "a leaf Variable that requires grad is being used in an in-place "
    "operation.";
inline const std::string kViewOfLeafInplace =
    "a view of a leaf Variable that requires grad is being used in an "
    "in-place operation.";
inline const std::string kBackwardTwice =
    "Trying to backward through the graph a second time (or directly access "
    "saved tensors after they have already been freed). Saved intermediate "
    "values of the graph are freed when you call .backward() or "
    "autograd.grad(). Specify retain_graph=True if you need to backward "
    "through the graph a second time or if you need to access saved tensors "
    "after calling backward.";
inline const std::string kImplicitGradNonScalar =
    "grad can be implicitly created only for scalar outputs";

// The full version-mismatch text. `typeAndSizes` is what LibTorch prints
// inside the brackets ("CPUFloatType [2, 3]"); an empty `gradFn` drops the
// ", which is output N of X," part, as LibTorch does for a saved tensor
// without grad_fn (a constant or a leaf).
inline std::string versionMismatch(const std::string& typeAndSizes,
                                   const std::string& gradFn,
                                   std::int64_t currentVersion,
                                   std::int64_t savedVersion,
                                   std::int64_t outputNr = 0) {
  std::string text = kVersionMismatchPrefix + "[" + typeAndSizes + "]";
  if (!gradFn.empty())
    text +=
        ", which is output " + std::to_string(outputNr) + " of " + gradFn + ",";
  text += " is at version " + std::to_string(currentVersion) +
          "; expected version " + std::to_string(savedVersion) + " instead.";
  return text + kVersionMismatchHint;
}

}  // namespace expected
}  // namespace torch_tidy_test
