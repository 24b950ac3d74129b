#include "TrainModeNotRestoredCheck.h"

#include "utils/ControlFlow.h"
#include "utils/EnclosingFunction.h"
#include "utils/MemberModes.h"
#include "utils/ModeDependence.h"
#include "utils/ModelCalls.h"
#include "utils/ProjectRecording.h"
#include "utils/SourceText.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::torch_tidy {

static constexpr llvm::StringLiteral LoopId = "loop";
static constexpr llvm::StringLiteral BodyId = "body";
static constexpr llvm::StringLiteral DefinitionId = "definition";

namespace {

AST_MATCHER(CallExpr, isTrainingCallMatcher) { return isTrainingCall(&Node); }

// Whether a mode call on `Switch` also applies to `Model` (same model, or an
// owner of it), in either direction for train() (switching an owner or a
// child back both count as restoring).
bool related(const ModelRef &A, const ModelRef &B) {
  return A.covers(B) || B.covers(A);
}

// `model->train()` in the spelling of the eval call: `model->eval()` and
// `model->train(false)` become `model->train()`.
std::optional<std::string> restoringCall(const ASTContext &Ctx,
                                         const CXXMemberCallExpr *Eval) {
  if (Eval->getBeginLoc().isMacroID() || Eval->getEndLoc().isMacroID())
    return std::nullopt;
  const auto *Callee = dyn_cast<MemberExpr>(Eval->getCallee()->IgnoreParens());
  if (!Callee)
    return std::nullopt;
  const StringRef Object =
      Lexer::getSourceText(CharSourceRange::getCharRange(
                               Eval->getBeginLoc(), Callee->getMemberLoc()),
                           Ctx.getSourceManager(), Ctx.getLangOpts());
  if (Object.empty() || Object.contains('\n'))
    return std::nullopt;
  return (Object + "train();").str();
}

} // namespace

void TrainModeNotRestoredCheck::registerMatchers(MatchFinder *Finder) {
  // A loop that trains: its body calls backward(), autograd::grad or step().
  const auto TrainingBody =
      stmt(hasDescendant(callExpr(isTrainingCallMatcher()))).bind(BodyId);
  // One matcher per loop kind: a matcher on every Stmt would be evaluated
  // on all of LibTorch's headers.
  Finder->addMatcher(
      forStmt(inCheckedCode(), hasBody(TrainingBody)).bind(LoopId), this);
  Finder->addMatcher(
      whileStmt(inCheckedCode(), hasBody(TrainingBody)).bind(LoopId), this);
  Finder->addMatcher(
      doStmt(inCheckedCode(), hasBody(TrainingBody)).bind(LoopId), this);
  Finder->addMatcher(
      cxxForRangeStmt(inCheckedCode(), hasBody(TrainingBody)).bind(LoopId),
      this);
  // The functions of the file, for the facts of the whole-project analysis
  // (member functions that leave a model member in eval mode, and the calls
  // on objects that hold one: MemberModes.h).
  Finder->addMatcher(
      functionDecl(inCheckedCode(), isDefinition(), unless(isImplicit()))
          .bind(DefinitionId),
      this);
}

void TrainModeNotRestoredCheck::onEndOfTranslationUnit() {
  project::FactsRecorder *Recorder = project::activeRecorder();
  if (!Recorder || !Ctx) {
    Definitions.clear();
    return;
  }
  for (const FunctionDecl *Fn : Definitions) {
    recordObjectCalls(*Ctx, *Fn, Recorder->Facts.ObjectCalls);
    const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
    if (!Method || Method->isStatic() || !Fn->getBody())
      continue;
    const ModelCallsIn Calls = collectModelCalls(*Ctx, *Fn->getBody());
    for (const LeftInEval &Left :
         recordMemberModes(*Ctx, *Method, Calls, Recorder->Facts.MemberModes))
      reportLeftInEval(*Method, Left, *Recorder);
  }
  Definitions.clear();
}

// An eval() a member function leaves in place: a finding only if a caller
// in the project then trains the member through the same object without
// train() (ProjectIndex.h), which adds a note there.
void TrainModeNotRestoredCheck::reportLeftInEval(
    const CXXMethodDecl &Method, const LeftInEval &Left,
    project::FactsRecorder &Recorder) {
  const CXXMemberCallExpr *Eval = Left.Eval->Call;
  if (Reported.contains(Eval))
    return;
  std::optional<std::string> Function = project::usrOf(&Method);
  std::optional<std::string> Class = project::usrOf(Method.getParent());
  std::optional<project::SourcePoint> At =
      project::pointOf(*Ctx, Eval->getBeginLoc());
  if (!Function || !Class || !At)
    return;
  project::PendingFinding F;
  F.Check = getID().str();
  F.At = std::move(*At);
  F.Function = std::move(*Function);
  F.When = project::Condition::IfLaterCallTrainsMember;
  F.Classes = {std::move(*Class)};
  F.Member = Left.Member->getName().str();
  Recorder.Facts.Pending.push_back(std::move(F));
  Reported.insert(Eval);
  diag(Eval->getBeginLoc(),
       "'%0' is left in eval mode when %1 returns; a later call on the same "
       "object trains it without switching it back with 'train()'")
      << spelling(*Ctx, Left.Eval->Model.Spelling) << &Method;
}

void TrainModeNotRestoredCheck::check(const MatchFinder::MatchResult &Result) {
  this->Ctx = Result.Context;
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>(DefinitionId)) {
    if (project::activeRecorder())
      Definitions.push_back(Fn);
    return;
  }
  ASTContext &Ctx = *Result.Context;
  const auto *Loop = Result.Nodes.getNodeAs<Stmt>(LoopId);
  const auto *Body = Result.Nodes.getNodeAs<Stmt>(BodyId);
  const EnclosingFunction Fn = enclosingFunction(Ctx, *Loop);
  if (!Fn)
    return;
  const ModelCallsIn Calls = collectModelCalls(Ctx, *Body);
  if (Calls.Modes.empty() || Calls.Forwards.empty())
    return;
  const ControlFlow Flow(Fn.Body, Ctx);
  if (!Flow.valid())
    return;

  for (const ModeCall &Eval : Calls.Modes) {
    if (Eval.Change != ModeChange::Eval || Eval.Model.empty())
      continue;
    if (Reported.contains(Eval.Call))
      continue;
    std::vector<const Stmt *> Restores;
    for (const ModeCall &M : Calls.Modes)
      if (M.Change != ModeChange::Eval && related(M.Model, Eval.Model))
        Restores.push_back(M.Call);
    for (const ForwardCall &F : Calls.Forwards) {
      if (!Eval.Model.covers(F.Model))
        continue;
      // Forward passes that follow the eval() in the same iteration are the
      // validation it was called for.
      if (Flow.dominates(Eval.Call, F.Call))
        continue;
      if (!Flow.canReachAvoiding(Eval.Call, F.Call, Restores))
        continue;
      // A model without Dropout or BatchNorm trains the same in eval mode.
      if (!F.IsScript &&
          modeDependenceOf(F).Kind == ModeDependence::Independent)
        continue;
      Reported.insert(Eval.Call);
      const std::string Model = spelling(Ctx, Eval.Model.Spelling);
      const std::optional<std::string> Restore = restoringCall(Ctx, Eval.Call);
      const auto *LoopBody = dyn_cast<CompoundStmt>(Body);
      const Stmt *First = LoopBody && !LoopBody->body_empty()
                              ? LoopBody->body_front()
                              : nullptr;
      {
        auto Diag = diag(Eval.Call->getBeginLoc(),
                         "'%0' is put in eval mode inside a training loop and "
                         "not switched back with 'train()'; later iterations "
                         "train with dropout and batch norm in eval mode")
                    << Model;
        if (Restore && First && !First->getBeginLoc().isMacroID())
          Diag << FixItHint::CreateInsertion(
              First->getBeginLoc(),
              *Restore + "\n" + indentationAt(Ctx, First->getBeginLoc()));
      }
      diag(F.Call->getBeginLoc(),
           "this training forward pass then runs in "
           "eval mode",
           DiagnosticIDs::Note);
      break;
    }
  }
}

} // namespace clang::tidy::torch_tidy
