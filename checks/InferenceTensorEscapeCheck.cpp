#include "InferenceTensorEscapeCheck.h"

#include "utils/SourceText.h"
#include "utils/TensorOps.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::torch_tidy {

namespace {
// What LibTorch says for each rejected use.
llvm::StringRef libtorchError(EscapeUse Use) {
  switch (Use) {
  case EscapeUse::InPlace:
    return "Inplace update to inference tensor outside InferenceMode is not "
           "allowed";
  case EscapeUse::Saved:
    return "Inference tensors cannot be saved for backward";
  case EscapeUse::RequiresGrad:
    return "Setting requires_grad=True on inference tensor outside "
           "InferenceMode is not allowed";
  case EscapeUse::Version:
    return "Inference tensors do not track version counter";
  }
  return "";
}

llvm::StringRef useText(EscapeUse Use) {
  switch (Use) {
  case EscapeUse::InPlace:
    return "modified in place by";
  case EscapeUse::Saved:
    return "saved for backward by";
  case EscapeUse::RequiresGrad:
    return "made to require grad by";
  case EscapeUse::Version:
    return "asked for its version by";
  }
  return "";
}
} // namespace

void InferenceTensorEscapeCheck::report(ASTContext &Ctx,
                                        const AutogradFindings &Findings) {
  for (const InferenceEscape &F : Findings.Escapes) {
    const SourceLocation Loc = F.At->getExprLoc();
    if (!firstAt(Loc))
      continue;
    const std::string Name = tensorSpelling(Ctx, F.Target);
    {
      auto D = diag(Loc, "inference tensor '%0' is %1 '%2' outside "
                         "InferenceMode; LibTorch throws \"%3\"; use a clone "
                         "made outside InferenceMode ('%0.clone()'), which is "
                         "a normal tensor")
               << Name << useText(F.Use) << F.Op << libtorchError(F.Use);
      // Reading a clone instead is the same computation; only a saved operand
      // can be replaced that way (an in-place op must keep its target).
      const Expr *Target = stripTensorWrappers(F.Target);
      if (F.Use == EscapeUse::Saved && isa<DeclRefExpr>(Target) &&
          !Target->getBeginLoc().isMacroID()) {
        const SourceLocation End = Lexer::getLocForEndOfToken(
            Target->getEndLoc(), 0, Ctx.getSourceManager(), Ctx.getLangOpts());
        if (End.isValid())
          D << FixItHint::CreateInsertion(End, ".clone()");
      }
    }
    if (F.Guard)
      diag(F.Guard->getLocation(),
           "'%0' was created under the InferenceMode guard '%1' declared here",
           DiagnosticIDs::Note)
          << Name << F.Guard->getName();
  }
}

} // namespace clang::tidy::torch_tidy
