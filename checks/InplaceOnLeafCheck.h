#pragma once

#include <vector>

#include "utils/InferenceSites.h"
#include "utils/LeafTensors.h"
#include "utils/TensorOps.h"
#include "utils/TorchCheck.h"

namespace clang::tidy::torch_tidy {

/// Finds in-place ops on a leaf tensor that requires grad (a parameter, a
/// tensor created with requires_grad) while gradients are enabled: LibTorch
/// throws "a leaf Variable that requires grad is being used in an in-place
/// operation." (a hand-written optimizer step or weight initialisation
/// outside a torch::NoGradGuard).
class InplaceOnLeafCheck : public TorchCheck {
public:
  InplaceOnLeafCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  // Decides one in-place call; reports it when it throws.
  void judge(const CallExpr *Call, project::FactsRecorder *Recorder);
  void report(const CallExpr *Call, const TensorCall &T,
              const LeafTensor &Leaf);

  // The TU's calls and their guards (for callers that hold a guard), and
  // the whole-project facts with -p.
  InferenceSites Sites;
  std::vector<const CallExpr *> Candidates;
  ASTContext *Ctx = nullptr;
};

} // namespace clang::tidy::torch_tidy
