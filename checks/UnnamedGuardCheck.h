#pragma once

#include "utils/TorchCheck.h"

namespace clang::tidy::torch_tidy {

/// Finds grad-mode guards that are destroyed as soon as they are created: a
/// temporary statement or a declaration that the most vexing parse turns
/// into a function.
class UnnamedGuardCheck : public TorchCheck {
public:
  UnnamedGuardCheck(StringRef Name, ClangTidyContext *Context)
      : TorchCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

}  // namespace clang::tidy::torch_tidy
