#pragma once

#include "utils/MemberModes.h"
#include "utils/ProjectFacts.h"
#include "utils/TorchCheck.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::torch_tidy {

/// Finds training loops that switch the model to eval mode (for
/// validation) and reach the next training forward pass without switching it
/// back with `train()`.
class TrainModeNotRestoredCheck : public TorchCheck {
public:
  TrainModeNotRestoredCheck(StringRef Name, ClangTidyContext *Context)
      : TorchCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void reportLeftInEval(const CXXMethodDecl &Method, const LeftInEval &Left,
                        project::FactsRecorder &Recorder);

  // An eval() inside nested training loops is reported once.
  llvm::SmallPtrSet<const Stmt *, 8> Reported;
  // With -p, the file's function definitions (MemberModes.h).
  std::vector<const FunctionDecl *> Definitions;
  ASTContext *Ctx = nullptr;
};

} // namespace clang::tidy::torch_tidy
