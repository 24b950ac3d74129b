#pragma once

#include "utils/TorchCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringSet.h"

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

private:
  // `torch::NoGradGuard g();`
  void reportVexingParse(const FunctionDecl &FD, const SourceManager &SM,
                         const LangOptions &LO);
  // A guard temporary without a block to name it in.
  void reportUnblocked(const Expr &U);
  // `torch::NoGradGuard();` as a statement of a block (with a fix-it).
  void reportTemporary(const Expr &E, ASTContext &Ctx);
  // A name for a guard in the function around `E` that neither the
  // function nor an earlier fix-it of this check declares there: `Base`,
  // then `Base_2`, `Base_3`... Empty when the function is unknown.
  std::string freshName(const Expr &E, ASTContext &Ctx, llvm::StringRef Base);

  // The names this check's fix-its gave guards, by function.
  llvm::DenseMap<const FunctionDecl *, llvm::StringSet<>> NamesGiven;
};

} // namespace clang::tidy::torch_tidy
