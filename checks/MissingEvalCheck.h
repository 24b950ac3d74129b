#pragma once

#include "utils/InferenceCheck.h"

namespace clang::tidy::torch_tidy {

/// Finds inference calls on models with mode-dependent layers (Dropout,
/// BatchNorm) that may still be in training mode: no `eval()` or
/// `train(false)` on the model, or on a module owning it, precedes the call.
class MissingEvalCheck : public InferenceCheck {
public:
  MissingEvalCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override;

private:
  const bool WarnScriptModules; // option ScriptModules: warn|ignore
};

} // namespace clang::tidy::torch_tidy
