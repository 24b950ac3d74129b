#include "MissingGradGuardCheck.h"

#include "utils/GuardScopes.h"
#include "utils/ModeDependence.h"
#include "utils/ModelCalls.h"
#include "utils/ModuleMembers.h"
#include "utils/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/Regex.h"

using namespace clang::ast_matchers;

namespace clang::tidy::torch_tidy {

static constexpr llvm::StringLiteral DefaultFixItGuard =
    "torch::NoGradGuard no_grad;";

MissingGradGuardCheck::MissingGradGuardCheck(StringRef Name,
                                             ClangTidyContext *Context)
    : InferenceCheck(Name, Context),
      FixItGuard(Options.get("FixItGuard", DefaultFixItGuard)) {
  // Inserted verbatim into functions: it must be one declaration
  // (`Type name;`, `Type name(args);` or `Type name{args};`).
  static const llvm::Regex Declaration(
      "^[A-Za-z_][A-Za-z0-9_:<>, ]*[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*"
      "(\\([^;{}()]*\\)|\\{[^;{}]*\\})?[ \t]*;$");
  if (!Declaration.match(llvm::StringRef(FixItGuard).trim())) {
    configurationDiag("invalid value '%0' for option 'FixItGuard'; expected "
                      "a declaration such as '%1'")
        << FixItGuard << DefaultFixItGuard;
    FixItGuard = DefaultFixItGuard.str();
  }
}

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

struct MissingGradGuardCheck::UnguardedScope {
  std::vector<const InferenceSite *> Sites;
  std::optional<project::PendingFinding> Pending;
};

namespace {
// Whether a site with `Pending` joins a finding whose first site has
// `Other`: the runner keeps or drops a finding whole, so only findings under
// the same condition merge (a helper condition names its own call's result).
bool sameCondition(const std::optional<project::PendingFinding> &Pending,
                   const std::optional<project::PendingFinding> &Other) {
  if (!Pending || !Other)
    return !Pending && !Other;
  return Pending->When == Other->When &&
         Pending->When != project::Condition::IfHelpersOnlyInspect &&
         Pending->ResultReturned == Other->ResultReturned;
}

// The innermost block enclosing every call of `Sites` (not crossing a
// lambda), or null.
const CompoundStmt *commonBlock(ASTContext &Ctx,
                                llvm::ArrayRef<const InferenceSite *> Sites) {
  llvm::SmallVector<const CompoundStmt *, 4> Common =
      enclosingBlocks(Ctx, *Sites.front()->Forward.Call);
  for (const InferenceSite *S : llvm::drop_begin(Sites)) {
    const llvm::SmallVector<const CompoundStmt *, 4> Blocks =
        enclosingBlocks(Ctx, *S->Forward.Call);
    llvm::erase_if(Common, [&](const CompoundStmt *B) {
      return !llvm::is_contained(Blocks, B);
    });
  }
  return Common.empty() ? nullptr : Common.front();
}

// Whether `Block` or a block around it is in `Blocks`.
bool withinAny(ASTContext &Ctx, const CompoundStmt &Block,
               const llvm::SmallPtrSetImpl<const CompoundStmt *> &Blocks) {
  if (Blocks.contains(&Block))
    return true;
  return llvm::any_of(enclosingBlocks(Ctx, Block), [&](const CompoundStmt *B) {
    return Blocks.contains(B);
  });
}
} // namespace

std::vector<const CompoundStmt *>
MissingGradGuardCheck::guardBlocks(const UnguardedScope &Scope, bool &Escapes) {
  ASTContext &Ctx = *Sites.context();
  const InferenceSite &First = *Scope.Sites.front();
  // A result returned to a caller that trains: the guard belongs in the
  // inference callers.
  Escapes = !First.Function.Function->getReturnType()->isVoidType() &&
            Sites.anyCallerTrains(First.Function.Function);
  if (Escapes || First.DecidedByCallers || First.SwitchesGradMode ||
      declaresName(Ctx, First.Function, declaredName(FixItGuard)))
    return {};
  for (const InferenceSite *S : Scope.Sites)
    // A guard temporary meant for a call: torch-unnamed-guard names it, and
    // a second guard could clash with that fix.
    if (S->Forward.Call->getBeginLoc().isMacroID() ||
        guardTemporaryBefore(Ctx, *S->Forward.Call))
      return {};
  // One guard at the start of the innermost block holding every call, or,
  // when that block trains, one in each call's own block.
  llvm::SmallPtrSet<const CompoundStmt *, 4> Candidates;
  const CompoundStmt *Common = commonBlock(Ctx, Scope.Sites);
  if (Common && !blockTrains(Ctx, *Common))
    Candidates.insert(Common);
  else
    for (const InferenceSite *S : Scope.Sites)
      if (const CompoundStmt *B = innermostBlock(Ctx, *S->Forward.Call))
        Candidates.insert(B);
  std::vector<const CompoundStmt *> Blocks;
  for (const InferenceSite *S : Scope.Sites) {
    const CompoundStmt *B = Candidates.size() == 1
                                ? *Candidates.begin()
                                : innermostBlock(Ctx, *S->Forward.Call);
    if (!B || llvm::is_contained(Blocks, B) || B->body_empty() ||
        B->body_front()->getBeginLoc().isMacroID() || blockTrains(Ctx, *B) ||
        withinAny(Ctx, *B, FixedBlocks))
      continue;
    // A block inside another block of this finding is guarded by it.
    if (llvm::any_of(enclosingBlocks(Ctx, *B), [&](const CompoundStmt *Outer) {
          return Candidates.contains(Outer) && !blockTrains(Ctx, *Outer);
        }))
      continue;
    Blocks.push_back(B);
  }
  for (const CompoundStmt *B : Blocks)
    FixedBlocks.insert(B);
  return Blocks;
}

void MissingGradGuardCheck::noteTemporaryGuard(const InferenceSite &S) {
  if (const Expr *Temporary =
          guardTemporaryBefore(*Sites.context(), *S.Forward.Call))
    diag(Temporary->getBeginLoc(),
         "this guard is a temporary, destroyed at once; name it to keep it "
         "alive",
         DiagnosticIDs::Note);
}

void MissingGradGuardCheck::report(const UnguardedScope &Scope) {
  ASTContext &Ctx = *Sites.context();
  const InferenceSite &First = *Scope.Sites.front();
  bool Escapes = false;
  const std::vector<const CompoundStmt *> Blocks = guardBlocks(Scope, Escapes);
  {
    auto Diag = diag(First.Forward.Call->getBeginLoc(),
                     "'%0' is used for inference without a grad guard; "
                     "autograd records the graph and keeps intermediate "
                     "tensors alive")
                << spelling(Ctx, First.Forward.Model.Spelling);
    for (const CompoundStmt *B : Blocks) {
      const SourceLocation At = B->body_front()->getBeginLoc();
      Diag << FixItHint::CreateInsertion(At, FixItGuard + "\n" +
                                                 indentationAt(Ctx, At));
    }
  }
  noteTemporaryGuard(First);
  if (First.EvalOnPath)
    diag(First.EvalOnPath->Call->getBeginLoc(),
         "'%0' was put in eval mode here; eval() does not disable "
         "gradients",
         DiagnosticIDs::Note)
        << spelling(Ctx, First.EvalOnPath->Model.Spelling);
  else if (First.LoadedBy)
    diag(First.LoadedBy->getBeginLoc(), "'%0' is loaded here for inference",
         DiagnosticIDs::Note)
        << spelling(Ctx, First.Forward.Model.Spelling);
  for (const InferenceSite *S : llvm::drop_begin(Scope.Sites)) {
    diag(S->Forward.Call->getBeginLoc(),
         "'%0' is also used for inference without a grad guard here",
         DiagnosticIDs::Note)
        << spelling(Ctx, S->Forward.Model.Spelling);
    noteTemporaryGuard(*S);
  }
  if (Escapes)
    diag(First.Forward.Call->getBeginLoc(),
         "no fix-it: a caller of %0 trains; guard the inference callers "
         "instead",
         DiagnosticIDs::Note)
        << First.Function.Function;
  else if (First.SwitchesGradMode)
    diag(First.Forward.Call->getBeginLoc(),
         "no fix-it: %0 switches the grad mode with GradMode::set_enabled(), "
         "which could override a guard",
         DiagnosticIDs::Note)
        << First.Function.Function;
}

void MissingGradGuardCheck::onEndOfTranslationUnit() {
  if (!Sites.context())
    return;
  project::FactsRecorder *Recorder = startProjectRecording();
  const std::vector<InferenceSite> All = Sites.analyze(Recorder != nullptr);
  std::vector<UnguardedScope> Scopes;
  for (const InferenceSite &S : All) {
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
    auto Joins = [&](const UnguardedScope &Scope) {
      return Scope.Sites.front()->Function.Function == S.Function.Function &&
             sameCondition(Pending, Scope.Pending);
    };
    if (auto It = llvm::find_if(Scopes, Joins); It != Scopes.end()) {
      It->Sites.push_back(&S);
      continue;
    }
    Scopes.push_back({{&S}, std::move(Pending)});
  }
  FixedBlocks.clear();
  for (UnguardedScope &Scope : Scopes) {
    if (Scope.Pending)
      Recorder->Facts.Pending.push_back(std::move(*Scope.Pending));
    report(Scope);
  }
}

} // namespace clang::tidy::torch_tidy
