#pragma once

#include "utils/InferenceCheck.h"

namespace clang::tidy::torch_tidy {

/// Finds inference calls that run with gradient tracking enabled: no live
/// `torch::NoGradGuard`, `c10::InferenceMode` or `AutoGradMode(false)`,
/// neither in the function nor in every caller of it.
class MissingGradGuardCheck : public InferenceCheck {
public:
  MissingGradGuardCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override;

private:
  const std::string FixItGuard;
};

} // namespace clang::tidy::torch_tidy
