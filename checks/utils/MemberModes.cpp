#include "MemberModes.h"

#include "ControlFlow.h"
#include "ModeDependence.h"
#include "ProjectRecording.h"
#include "TorchTypes.h"
#include "ValueFlow.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/MapVector.h"

using namespace clang::ast_matchers;

namespace clang::tidy::torch_tidy {

namespace {
// More calls on one object than this: a driver too long to follow here.
constexpr size_t MaxCallsPerObject = 32;

// The member of `Class` a model reference names exactly, or null.
const FieldDecl *memberOf(const ModelRef &Model, const CXXRecordDecl *Class) {
  const auto *Field = dyn_cast_or_null<FieldDecl>(Model.root());
  if (!Field || Field->getParent() != Class)
    return nullptr;
  return Field;
}

// Whether `Class` has a member that holds a model.
bool holdsModel(const CXXRecordDecl *Class) {
  return Class && Class->hasDefinition() &&
         llvm::any_of(Class->fields(), [](const FieldDecl *F) {
           return modelClassOf(F->getType()) != nullptr;
         });
}
} // namespace

ModelCallsIn collectModelCalls(ASTContext &Ctx, const Stmt &S) {
  ModelCallsIn Out;
  for (const BoundNodes &N :
       match(stmt(forEachDescendant(
                 expr(anyOf(cxxMemberCallExpr(), cxxOperatorCallExpr()))
                     .bind("e"))),
             S, Ctx)) {
    const auto *E = N.getNodeAs<Expr>("e");
    if (const auto *M = dyn_cast<CXXMemberCallExpr>(E))
      if (std::optional<ModeCall> Mode = asModeCall(Ctx, M)) {
        Out.Modes.push_back(*Mode);
        continue;
      }
    if (std::optional<ForwardCall> F = asForwardCall(E))
      Out.Forwards.push_back(*F);
  }
  return Out;
}

std::vector<LeftInEval>
recordMemberModes(ASTContext &Ctx, const CXXMethodDecl &Method,
                  const ModelCallsIn &Calls,
                  std::vector<project::MemberModeFact> &Out) {
  std::vector<LeftInEval> Left;
  const CXXRecordDecl *Class = Method.getParent();
  std::optional<std::string> FunctionUSR = project::usrOf(&Method);
  std::optional<std::string> ClassUSR = project::usrOf(Class);
  const EnclosingFunction Fn{&Method, Method.getBody()};
  if (!FunctionUSR || !ClassUSR || !Fn.Body)
    return Left;
  // The members the function switches or runs, in source order.
  llvm::MapVector<const FieldDecl *, bool> Members;
  for (const ModeCall &M : Calls.Modes)
    if (const FieldDecl *F = memberOf(M.Model, Class))
      Members.insert({F, true});
  for (const ForwardCall &F : Calls.Forwards)
    if (const FieldDecl *Field = memberOf(F.Model, Class))
      Members.insert({Field, true});
  if (Members.empty())
    return Left;
  const ControlFlow Flow(Fn.Body, Ctx);
  if (!Flow.valid())
    return Left;
  ValueFlow Values(Ctx);

  for (const auto &[Member, Unused] : Members) {
    std::vector<const Stmt *> Switches; // train() and train(flag)
    std::vector<const ModeCall *> Evals;
    for (const ModeCall &M : Calls.Modes) {
      if (memberOf(M.Model, Class) != Member)
        continue;
      if (M.Change == ModeChange::Eval)
        Evals.push_back(&M);
      else
        Switches.push_back(M.Call);
    }
    project::MemberModeFact Fact;
    Fact.Function = *FunctionUSR;
    Fact.Class = *ClassUSR;
    Fact.Member = Member->getName().str();
    Fact.Restores = !Switches.empty();
    bool Trains = false;
    for (const ForwardCall &F : Calls.Forwards) {
      if (memberOf(F.Model, Class) != Member ||
          !Values.usesOf(Fn, F.Call).TrainingUse)
        continue;
      Trains = true;
      // A model without Dropout or BatchNorm trains the same in eval mode.
      if (!F.IsScript &&
          modeDependenceOf(F).Kind == ModeDependence::Independent)
        continue;
      const bool AfterASwitch = llvm::any_of(
          Switches, [&](const Stmt *T) { return Flow.canReach(T, F.Call); });
      std::optional<project::SourcePoint> At =
          project::pointOf(Ctx, F.Call->getBeginLoc());
      if (!AfterASwitch && At && !Fact.TrainsAsFound) {
        Fact.TrainsAsFound = true;
        Fact.At = std::move(*At);
      }
    }
    if (Fact.Restores || Fact.TrainsAsFound)
      Out.push_back(Fact);
    if (Trains)
      continue;
    for (const ModeCall *Eval : Evals)
      if (Eval->Model.Chain.size() == 1 &&
          Flow.canExitAvoiding(Eval->Call, Switches))
        Left.push_back({Eval, Member});
  }
  return Left;
}

void recordObjectCalls(ASTContext &Ctx, const FunctionDecl &Fn,
                       std::vector<project::ObjectCallsFact> &Out) {
  const Stmt *Body = Fn.getBody();
  std::optional<std::string> CallerUSR = project::usrOf(&Fn);
  if (!Body || !CallerUSR)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  // Per local object, its member calls in source order.
  llvm::MapVector<const VarDecl *, std::vector<const CXXMemberCallExpr *>>
      Objects;
  for (const BoundNodes &N :
       match(stmt(forEachDescendant(
                 cxxMemberCallExpr(
                     on(ignoringParenImpCasts(declRefExpr(
                         to(varDecl(hasLocalStorage()).bind("object"))))))
                     .bind("call"))),
             *Body, Ctx)) {
    const auto *Call = N.getNodeAs<CXXMemberCallExpr>("call");
    const auto *Object = N.getNodeAs<VarDecl>("object");
    const CXXMethodDecl *Callee = Call->getMethodDecl();
    if (!Callee || isLibraryFunction(Callee, SM) ||
        !holdsModel(Callee->getParent()))
      continue;
    Objects[Object].push_back(Call);
  }
  std::optional<ControlFlow> Flow;
  for (auto &[Object, Calls] : Objects) {
    if (Calls.size() < 2 || Calls.size() > MaxCallsPerObject)
      continue;
    llvm::sort(Calls, [&](const CXXMemberCallExpr *A,
                          const CXXMemberCallExpr *B) {
      return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
    });
    if (!Flow)
      Flow.emplace(Body, Ctx);
    if (!Flow->valid())
      return;
    project::ObjectCallsFact Fact;
    Fact.Caller = *CallerUSR;
    for (const CXXMemberCallExpr *Call : Calls) {
      std::optional<std::string> USR = project::usrOf(Call->getMethodDecl());
      std::optional<project::SourcePoint> At =
          project::pointOf(Ctx, Call->getBeginLoc());
      if (!USR || !At)
        break;
      Fact.Callees.push_back(std::move(*USR));
      Fact.At.push_back(std::move(*At));
    }
    if (Fact.Callees.size() != Calls.size())
      continue;
    for (unsigned I = 0; I < Calls.size(); ++I)
      for (unsigned J = 0; J < Calls.size(); ++J)
        if (I != J && Flow->canReach(Calls[I], Calls[J]))
          Fact.Follows.push_back({I, J});
    Out.push_back(std::move(Fact));
  }
}

} // namespace clang::tidy::torch_tidy
