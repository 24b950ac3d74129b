// The base of every torch-* check: C++ only, and matching limited to user
// code in the same way in the torch-tidy CLI and the clang-tidy plugin, which
// both walk the whole AST. Declarations and statements whose expansion lies
// in a system header (LibTorch's, the standard library's) are not matched,
// unless the run asks for findings there (--system-headers, SystemHeaders:
// true), as clang-tidy's own --system-headers does from LLVM 20 on.
#pragma once

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::torch_tidy {

// A node outside system headers (by expansion location; nodes without a
// location count as user code), or any node when WithSystemHeaders.
AST_POLYMORPHIC_MATCHER_P(isInCheckedCode,
                          AST_POLYMORPHIC_SUPPORTED_TYPES(Decl, Stmt), bool,
                          WithSystemHeaders) {
  if (WithSystemHeaders)
    return true;
  const SourceManager &SM = Finder->getASTContext().getSourceManager();
  const SourceLocation Loc = SM.getExpansionLoc(Node.getBeginLoc());
  return Loc.isInvalid() || !SM.isInSystemHeader(Loc);
}

using CheckedCodeMatcher = decltype(isInCheckedCode(false));

class TorchCheck : public ClangTidyCheck {
public:
  TorchCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context),
        SystemHeaders(Context->getOptions().SystemHeaders.value_or(false)) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }

protected:
  // Every top-level matcher of a check starts with this.
  CheckedCodeMatcher inCheckedCode() const {
    return isInCheckedCode(SystemHeaders);
  }

private:
  const bool SystemHeaders;
};

} // namespace clang::tidy::torch_tidy
