#pragma once

#include "utils/AutogradCheck.h"

namespace clang::tidy::torch_tidy {

/// Finds inference tensors (created under c10::InferenceMode) used after the
/// InferenceMode scope in the ways LibTorch rejects: modified in place, saved
/// for backward by a recording op, made to require grad, or asked for their
/// version.
// (In place, saved per the op table, requires_grad_(true), _version().)
class InferenceTensorEscapeCheck : public AutogradCheck {
public:
  using AutogradCheck::AutogradCheck;

protected:
  void report(ASTContext &Ctx, const AutogradFindings &Findings) override;
};

} // namespace clang::tidy::torch_tidy
