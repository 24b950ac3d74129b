#pragma once

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/InferenceSites.h"

namespace clang::tidy::torch_tidy {

/// Finds inference calls on models with mode-dependent layers (Dropout,
/// BatchNorm) that may still be in training mode: no `eval()` or
/// `train(false)` on the model, or on a module owning it, precedes the call.
class MissingEvalCheck : public ClangTidyCheck {
public:
  MissingEvalCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  const std::string InferenceFunctions;
  const bool WarnScriptModules;  // option ScriptModules: warn|ignore
  InferenceSites Sites;
};

}  // namespace clang::tidy::torch_tidy
