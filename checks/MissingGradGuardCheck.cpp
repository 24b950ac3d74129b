#include "MissingGradGuardCheck.h"

#include "utils/GuardScopes.h"
#include "utils/ModeDependence.h"
#include "utils/ModelCalls.h"
#include "utils/ModuleMembers.h"
#include "utils/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::torch_tidy {

static constexpr llvm::StringLiteral DefaultFixItGuard =
    "torch::NoGradGuard no_grad;";

MissingGradGuardCheck::MissingGradGuardCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : InferenceCheck(Name, Context),
      FixItGuard(Options.get("FixItGuard", DefaultFixItGuard)) {}

void MissingGradGuardCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  InferenceCheck::storeOptions(Opts);
  Options.store(Opts, "FixItGuard", FixItGuard);
}

namespace {
// Whether a block holds a backward pass or an optimizer step: a guard at
// its start would stop it from training.
bool blockTrains(ASTContext &Ctx, const CompoundStmt &Block) {
  for (const BoundNodes &N :
       match(stmt(forEachDescendant(callExpr().bind("c"))), Block, Ctx))
    if (isTrainingCall(N.getNodeAs<CallExpr>("c")))
      return true;
  return false;
}

// The variable a guard declaration such as "torch::NoGradGuard no_grad;"
// declares: its last identifier.
llvm::StringRef declaredName(llvm::StringRef Decl) {
  Decl = Decl.rtrim(" ;");
  if (size_t Paren = Decl.find_first_of("({"); Paren != StringRef::npos)
    Decl = Decl.take_front(Paren).rtrim();
  const size_t Start = Decl.find_last_of(" \t:&*");
  return Start == StringRef::npos ? Decl : Decl.drop_front(Start + 1);
}
} // namespace

void MissingGradGuardCheck::onEndOfTranslationUnit() {
  ASTContext *Ctx = Sites.context();
  if (!Ctx)
    return;
  project::FactsRecorder *Recorder = startProjectRecording();
  llvm::SmallPtrSet<const CompoundStmt *, 8> FixedBlocks;
  for (const InferenceSite &S : Sites.analyze(Recorder != nullptr)) {
    // A live guard (even one whose argument is only known at run time), or
    // a guard at every caller: gradients are, or may be, off.
    if (S.gradientsDisabled())
      continue;
    // An explicit AutoGradMode(true) / InferenceMode(false) wants gradients.
    if (S.Guard.Guard)
      continue;
    // ModuleHolder::operator() forwards to forward(): library code.
    if (S.InsideHolder)
      continue;
    // A layer without parameters records a graph only for an input that
    // requires grad, and then the forward pass that made it is the one to
    // guard.
    if (isParameterFreeLayer(S.Forward.ModelClass) ||
        hasNoParameters(S.Forward.ModelClass))
      continue;
    // With -p the callers in every file have the last word (ProjectIndex.h).
    std::optional<project::PendingFinding> Pending;
    if (Recorder)
      Pending = pendingAt(
          S, S.DecidedByCallers ? project::Condition::IfCallerInspectsUnguarded
             : S.DecidedByHelpers ? project::Condition::IfHelpersOnlyInspect
                                  : project::Condition::UnlessCallersGuard);
    if ((S.DecidedByCallers || S.DecidedByHelpers) && !Pending)
      continue;
    if (Pending)
      Recorder->Facts.Pending.push_back(std::move(*Pending));
    const Expr *Call = S.Forward.Call;
    const std::string Model = spelling(*Ctx, S.Forward.Model.Spelling);

    // The fix-it: a guard at the start of the innermost block, once per
    // block, unless the block's values may reach a caller's backward pass.
    const CompoundStmt *Block = innermostBlock(*Ctx, *Call);
    const Stmt *First =
        Block && !Block->body_empty() ? Block->body_front() : nullptr;
    const bool Escapes = !S.Function.Function->getReturnType()->isVoidType() &&
                         Sites.anyCallerTrains(S.Function.Function);
    // A guard temporary meant for this call: torch-unnamed-guard names it;
    // a second guard here would clash with that fix.
    const Expr *Temporary = guardTemporaryBefore(*Ctx, *Call);
    // A result returned to an inference caller: the guard belongs there.
    const bool CanFix =
        !S.DecidedByCallers && First && !Temporary &&
        !First->getBeginLoc().isMacroID() && !Call->getBeginLoc().isMacroID() &&
        !Escapes && !FixedBlocks.contains(Block) &&
        !blockTrains(*Ctx, *Block) &&
        !declaresName(*Ctx, S.Function, declaredName(FixItGuard));
    {
      auto Diag = diag(Call->getBeginLoc(),
                       "'%0' is used for inference without a grad guard; "
                       "autograd records the graph and keeps intermediate "
                       "tensors alive")
                  << Model;
      if (CanFix) {
        FixedBlocks.insert(Block);
        Diag << FixItHint::CreateInsertion(
            First->getBeginLoc(),
            FixItGuard + "\n" + indentationAt(*Ctx, First->getBeginLoc()));
      }
    }
    if (Temporary)
      diag(Temporary->getBeginLoc(),
           "this guard is a temporary, destroyed at once; name it to keep "
           "it alive",
           DiagnosticIDs::Note);
    if (S.EvalOnPath)
      diag(S.EvalOnPath->Call->getBeginLoc(),
           "'%0' was put in eval mode here; eval() does not disable "
           "gradients",
           DiagnosticIDs::Note)
          << spelling(*Ctx, S.EvalOnPath->Model.Spelling);
    else if (S.LoadedBy)
      diag(S.LoadedBy->getBeginLoc(), "'%0' is loaded here for inference",
           DiagnosticIDs::Note)
          << Model;
    if (!CanFix && Escapes)
      diag(Call->getBeginLoc(),
           "no fix-it: a caller of %0 trains; guard the inference callers "
           "instead",
           DiagnosticIDs::Note)
          << S.Function.Function;
  }
}

} // namespace clang::tidy::torch_tidy
