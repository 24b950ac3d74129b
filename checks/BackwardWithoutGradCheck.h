#pragma once

#include "utils/AutogradCheck.h"

namespace clang::tidy::torch_tidy {

/// Finds backward() and torch::autograd::grad() calls on a tensor that was
/// computed entirely with gradients disabled (under a NoGradGuard,
/// InferenceMode or AutoGradMode(false)): it has no grad_fn, so LibTorch
/// throws "element 0 of tensors does not require grad and does not have a
/// grad_fn".
class BackwardWithoutGradCheck : public AutogradCheck {
public:
  using AutogradCheck::AutogradCheck;

protected:
  void report(ASTContext &Ctx, const AutogradFindings &Findings) override;
};

} // namespace clang::tidy::torch_tidy
