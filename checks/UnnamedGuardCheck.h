#pragma once

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::torch_tidy {

/// Finds grad-mode guards that are destroyed as soon as they are created: a
/// temporary statement or a declaration that the most vexing parse turns
/// into a function.
class UnnamedGuardCheck : public ClangTidyCheck {
public:
  UnnamedGuardCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

}  // namespace clang::tidy::torch_tidy
