#pragma once

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/InferenceSites.h"

namespace clang::tidy::torch_tidy {

/// Finds inference calls that run with gradient tracking enabled: no live
/// `torch::NoGradGuard`, `c10::InferenceMode` or `AutoGradMode(false)`,
/// neither in the function nor in every caller of it.
class MissingGradGuardCheck : public ClangTidyCheck {
public:
  MissingGradGuardCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  const std::string InferenceFunctions;
  const std::string FixItGuard;
  InferenceSites Sites;
};

}  // namespace clang::tidy::torch_tidy
