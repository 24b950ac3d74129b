#include "BackwardWithoutGradCheck.h"

#include "utils/SourceText.h"

namespace clang::tidy::torch_tidy {

void BackwardWithoutGradCheck::report(ASTContext &Ctx,
                                      const AutogradFindings &Findings) {
  for (const BackwardWithoutGrad &F : Findings.NoGrad) {
    if (!firstAt(F.Backward->getExprLoc()))
      continue;
    diag(F.Backward->getExprLoc(),
         "backward through '%0', which was computed with gradients disabled "
         "and has no grad_fn; LibTorch throws \"element 0 of tensors does not "
         "require grad and does not have a grad_fn\"")
        << tensorSpelling(Ctx, F.Root);
    diag(F.Guard->getLocation(), "gradients were disabled by '%0' here",
         DiagnosticIDs::Note)
        << F.Guard->getName();
  }
}

} // namespace clang::tidy::torch_tidy
