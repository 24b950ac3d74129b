#include "AutogradFlow.h"

#include <algorithm>
#include <set>

#include "AutogradState.h"
#include "GuardScopes.h"
#include "TensorOps.h"
#include "TorchTypes.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::torch_tidy {

using namespace autograd;

struct AutogradAnalysis::Summary {
  std::map<unsigned, std::string> InPlaceParams; // param -> in-place op
  std::map<unsigned, std::string> SavedParams;   // param -> saving op
  std::set<unsigned> BackwardParams; // backward runs from these params
  std::set<unsigned> ReturnAliases;  // the result shares their objects
  std::set<unsigned> ReturnDepends;  // the result's graph includes them
  bool ReturnFresh = false;          // the result may be made inside
  std::string ReturnSavedBy;         // an op inside saved the result
  // Saves in the result's graph that an in-place op inside already broke:
  // a backward from the result (in a caller) will throw.
  struct BrokenSave {
    const Expr *InPlace, *Target, *SaveSite;
    std::string Op, Inner, Saver;
    bool FixSafe;
  };
  std::vector<BrokenSave> ReturnBroken;
  // The analysis gave up (budget): callers treat the function as unknown.
  bool Unknown = false;
  Tri ReturnGrad = Tri::Maybe;
  const VarDecl *ReturnNoGradGuard = nullptr;
  Tri ReturnInference = Tri::No;
  const VarDecl *ReturnInferenceGuard = nullptr;
};

namespace {

// Whether a function body mentions a tensor at all (most functions of a
// project do not; they are skipped before any CFG is built).
bool mentionsTensors(const Stmt *Body) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    bool VisitExpr(Expr *E) {
      if (isTensorType(E->getType()))
        Found = true;
      return !Found;
    }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  } F;
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Found;
}

bool isInferenceGuard(const LiveGuard &G) {
  return G.Guard && G.State == GradState::Disabled &&
         guardKindOf(G.Guard->getType()) == GuardKind::InferenceMode;
}

const VarDecl *varOf(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripTensorWrappers(E));
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

} // namespace

struct AutogradAnalysis::Impl {
  ASTContext &Ctx;
  AutogradOptions Opts;
  std::map<const FunctionDecl *, std::unique_ptr<AutogradFindings>> Findings;
  std::map<const FunctionDecl *, std::unique_ptr<Summary>> Summaries;
  std::set<const FunctionDecl *> InProgress;
  std::map<const Stmt *, LiveGuard> Guards;

  Impl(ASTContext &C, AutogradOptions O) : Ctx(C), Opts(O) {}

  LiveGuard guardAt(const Stmt *S) {
    auto It = Guards.find(S);
    if (It != Guards.end())
      return It->second;
    const LiveGuard G = liveGuardAt(Ctx, *S);
    Guards.emplace(S, G);
    return G;
  }
};

namespace {

using Summary = AutogradAnalysis::Summary;

class FunctionFlow {
public:
  FunctionFlow(AutogradAnalysis::Impl &A, AutogradAnalysis &Owner,
               const FunctionDecl *FD, AutogradFindings &Out, Summary &Sum)
      : A(A), Owner(Owner), FD(FD), Out(Out), Sum(Sum) {}

  void run();

private:
  struct Obj {
    const void *Key;
    bool Old;
    int Param;
  };
  struct Site {
    const Expr *E = nullptr;
    std::string Op, Via;
    int Param = -1; // pseudo-site of a parameter's incoming graph
  };
  struct Event {
    const Expr *E = nullptr;
    const Expr *Target = nullptr;
    std::string Op, Inner;
    bool FixSafe = false;
  };

  AutogradAnalysis::Impl &A;
  AutogradAnalysis &Owner;
  const FunctionDecl *FD;
  AutogradFindings &Out;
  Summary &Sum;

  std::unique_ptr<CFG> Graph;
  llvm::DenseSet<const Stmt *> Elements;
  std::vector<Obj> Objs;
  std::map<std::pair<const void *, bool>, ObjId> ObjIndex;
  std::vector<Site> Sites;
  std::map<const void *, SiteId> SiteIndex;
  std::vector<Event> Events;
  std::map<const Expr *, EventId> EventIndex;
  std::map<const VarDecl *, const VarDecl *> RefTarget;
  bool Final = false;
  std::optional<Value> Returned;
  std::set<std::pair<const Expr *, const Expr *>> Reported;
  std::set<const Expr *> ReportedOnce;

  ObjId objId(const void *Key, bool Old, int Param = -1) {
    auto [It, New] = ObjIndex.emplace(std::make_pair(Key, Old), Objs.size());
    if (New)
      Objs.push_back({Key, Old, Param});
    return It->second;
  }
  // A tensor made at `Key` now: the previous one becomes an earlier one.
  ObjId alloc(const void *Key, State &S) {
    const ObjId Recent = objId(Key, false);
    S.renameObj(Recent, objId(Key, true));
    return Recent;
  }
  SiteId site(const Expr *E, llvm::StringRef Op, llvm::StringRef Via) {
    auto [It, New] = SiteIndex.emplace(E, Sites.size());
    if (New)
      Sites.push_back({E, Op.str(), Via.str(), -1});
    return It->second;
  }
  EventId event(const Expr *E, const Expr *Target, llvm::StringRef Op,
                llvm::StringRef Inner, bool FixSafe) {
    auto [It, New] = EventIndex.emplace(E, Events.size());
    if (New)
      Events.push_back({E, Target, Op.str(), Inner.str(), FixSafe});
    else if (Final)
      Events[It->second].FixSafe = FixSafe;
    return It->second;
  }

  Value persistent(const void *Key) {
    Value V;
    V.Objs = {objId(Key, false)};
    V.Grad = Tri::Maybe;
    return V;
  }
  Value fresh(const void *Key, State &S) {
    Value V;
    V.Objs = {alloc(Key, S)};
    return V;
  }
  // A tensor an op creates at `Call`: a fresh object, and an inference
  // tensor when InferenceMode is on there.
  Value made(const Expr *Call, State &S, const LiveGuard &G) {
    Value V = fresh(Call, S);
    if (isInferenceGuard(G)) {
      V.Inference = Tri::Yes;
      V.InferenceGuard = G.Guard;
    }
    return V;
  }

  // --- evaluation ----------------------------------------------------------
  std::optional<Value> eval(const Expr *E, State &S, const Expr *Root);
  std::optional<Value> evalCall(const CallExpr *Call, State &S,
                                const Expr *Root);
  void evalChildren(const Stmt *E, State &S, const Expr *Root);
  std::optional<Value> operand(const Expr *E, State &S, const Expr *Root) {
    return E ? eval(E, S, Root) : std::nullopt;
  }
  // Evaluates a call's arguments in order: the values of its positional
  // operands (nullopt where not a tensor), then the other arguments.
  llvm::SmallVector<std::optional<Value>, 5>
  evalArguments(const TensorCall &TC, State &S, const Expr *Root) {
    llvm::SmallVector<std::optional<Value>, 5> Vals;
    for (const Expr *E : TC.Operands)
      Vals.push_back(operand(E, S, Root));
    for (const Expr *E : TC.OtherArgs)
      eval(E, S, Root);
    return Vals;
  }
  void declare(const VarDecl *V, State &S);
  void assignVar(const VarDecl *V, const Value &Val, State &S);
  void updateTarget(const Expr *Target, const Value &Val, State &S);
  bool fixSafe(const Expr *Target, const Value &Self, const State &S) const;

  void applyInPlace(Value &Self, const Expr *Call, const Expr *Target,
                    llvm::StringRef Op, llvm::StringRef Inner, State &S,
                    const LiveGuard &G);
  void save(SiteId Site, const Value &V, State &S) {
    for (ObjId O : V.Objs)
      S.Pending.insert({Site, O});
  }
  void escape(EscapeUse Use, const Expr *At, const Expr *Target,
              llvm::StringRef Op, const Value &V) {
    if (!Final || !ReportedOnce.insert(At).second)
      return;
    Out.Escapes.push_back({Use, At, Target, Op.str(), V.InferenceGuard});
  }
  void backward(const Value &Root, const Expr *RootExpr, const Expr *Call,
                bool RetainGraph, State &S);
  Value evalOp(const CallExpr *Call, const TensorCall &TC, State &S,
               const Expr *Root);
  Value evalUserCall(const CallExpr *Call, const TensorCall &TC, State &S,
                     const Expr *Root);
  // A recorded call whose effects are unknown (a recursive call, a module
  // whose forward is not visible): its result's graph holds its arguments';
  // with UnknownOps=assume-saved it saves every argument.
  void unknownCall(const Expr *Call, llvm::StringRef Name,
                   llvm::ArrayRef<std::optional<Value>> Args, Value &Result,
                   State &S) {
    const SiteId Here = site(Call, Name, "");
    bool Saved = false;
    for (const std::optional<Value> &V : Args) {
      if (!V)
        continue;
      unionInto(Result.History, V->History);
      if (A.Opts.AssumeUnknownOpsSave) {
        save(Here, *V, S);
        Saved = true;
      }
    }
    if (Saved)
      insertId(Result.History, Here);
  }

  void transfer(const CFGBlock &B, State &S);
  void seed(State &S);
  void finishSummary(const State &Exit);
};

void FunctionFlow::seed(State &S) {
  S.Reached = true;
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    if (!isTensorType(P->getType()))
      continue;
    Value V;
    V.Objs = {objId(P, false, int(I))};
    V.Grad = Tri::Maybe;
    auto [It, New] = SiteIndex.emplace(P, Sites.size());
    if (New)
      Sites.push_back({nullptr, "", "", int(I)});
    V.History = {It->second};
    S.Env[P] = V;
  }
}

void FunctionFlow::evalChildren(const Stmt *E, State &S, const Expr *Root) {
  for (const Stmt *Child : E->children()) {
    if (!Child)
      continue;
    if (isa<LambdaExpr>(Child))
      continue;
    if (const auto *CE = dyn_cast<Expr>(Child))
      eval(CE, S, Root);
  }
}

std::optional<Value> FunctionFlow::eval(const Expr *E, State &S,
                                        const Expr *Root) {
  if (!E)
    return std::nullopt;
  const bool IsTensor = isTensorType(E->getType());
  if (E != Root && Elements.contains(E)) {
    auto It = S.Cache.find(E);
    if (It != S.Cache.end())
      return It->second;
    return IsTensor ? std::optional<Value>(persistent(E)) : std::nullopt;
  }
  if (isa<LambdaExpr>(E))
    return std::nullopt;
  if (const auto *Stripped = stripTensorWrappers(E);
      Stripped != E && IsTensor) {
    // Wrappers around a tensor value; std::move(x) and copies of a handle
    // alias the same tensor.
    if (isTensorType(Stripped->getType()))
      return eval(Stripped, S, Root);
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *V = dyn_cast<VarDecl>(DRE->getDecl());
    if (!V || !IsTensor)
      return std::nullopt;
    auto It = S.Env.find(V);
    if (It != S.Env.end())
      return It->second;
    return persistent(V->getCanonicalDecl());
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    eval(ME->getBase(), S, Root);
    if (!IsTensor)
      return std::nullopt;
    return persistent(ME->getMemberDecl()->getCanonicalDecl());
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return evalCall(Call, S, Root);
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
    eval(CO->getCond(), S, Root);
    std::optional<Value> T = eval(CO->getTrueExpr(), S, Root);
    std::optional<Value> F = eval(CO->getFalseExpr(), S, Root);
    if (!T || !F)
      return T ? T : F;
    T->joinWith(*F);
    return T;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E); BO && BO->isCommaOp()) {
    eval(BO->getLHS(), S, Root);
    return eval(BO->getRHS(), S, Root);
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E); CE && IsTensor) {
    evalChildren(E, S, Root);
    Value V; // an undefined tensor: Tensor()
    V.Grad = Tri::No;
    return V;
  }
  evalChildren(E, S, Root);
  if (!IsTensor)
    return std::nullopt;
  return persistent(E);
}

void FunctionFlow::assignVar(const VarDecl *V, const Value &Val, State &S) {
  S.Env[V] = Val;
  auto It = RefTarget.find(V);
  if (It != RefTarget.end())
    S.Env[It->second] = Val;
}

void FunctionFlow::updateTarget(const Expr *Target, const Value &Val,
                                State &S) {
  if (const VarDecl *V = varOf(Target))
    assignVar(V, Val, S);
}

bool FunctionFlow::fixSafe(const Expr *Target, const Value &Self,
                           const State &S) const {
  const VarDecl *V = varOf(Target);
  if (!V || isa<ParmVarDecl>(V) || !V->hasLocalStorage() ||
      V->getType()->isReferenceType() || RefTarget.count(V))
    return false;
  if (stripTensorWrappers(Target) != Target->IgnoreParenImpCasts())
    return false;
  for (const auto &[Other, OV] : S.Env) {
    if (Other == V)
      continue;
    for (ObjId O : OV.Objs)
      if (containsId(Self.Objs, O))
        return false;
  }
  for (const auto &[Ref, To] : RefTarget)
    if (To == V)
      return false;
  return true;
}

void FunctionFlow::applyInPlace(Value &Self, const Expr *Call,
                                const Expr *Target, llvm::StringRef Op,
                                llvm::StringRef Inner, State &S,
                                const LiveGuard &G) {
  if (Self.Inference == Tri::Yes && !isInferenceGuard(G))
    escape(EscapeUse::InPlace, Call, Target, Inner.empty() ? Op : Inner, Self);
  const EventId Ev = event(Call, Target, Op, Inner, fixSafe(Target, Self, S));
  for (const SaveKey &K : S.Pending)
    if (containsId(Self.Objs, K.second))
      S.Dirty[K].insert(Ev);
  if (Final)
    for (ObjId O : Self.Objs)
      if (Objs[O].Param >= 0)
        Sum.InPlaceParams.emplace(unsigned(Objs[O].Param),
                                  (Inner.empty() ? Op : Inner).str());
}

void FunctionFlow::backward(const Value &Root, const Expr *RootExpr,
                            const Expr *Call, bool RetainGraph, State &S) {
  if (Final && Root.Grad == Tri::No && Root.NoGradGuard &&
      ReportedOnce.insert(Call).second)
    Out.NoGrad.push_back({Call, RootExpr, Root.NoGradGuard});
  for (SiteId Id : Root.History) {
    if (Final && Sites[Id].Param >= 0)
      Sum.BackwardParams.insert(unsigned(Sites[Id].Param));
    for (const auto &[Key, Evs] : S.Dirty) {
      if (Key.first != Id || !Final)
        continue;
      for (EventId Ev : Evs) {
        const Event &E = Events[Ev];
        const Site &St = Sites[Id];
        if (!St.E || !Reported.insert({E.E, St.E}).second)
          continue;
        Out.InPlace.push_back({E.E, E.Target, E.Op, E.Inner, St.E, St.Op,
                               St.Via, Call, E.FixSafe});
      }
    }
  }
  if (RetainGraph)
    return;
  for (auto It = S.Pending.begin(); It != S.Pending.end();)
    It = containsId(Root.History, It->first) ? S.Pending.erase(It)
                                             : std::next(It);
  for (auto It = S.Dirty.begin(); It != S.Dirty.end();)
    It = containsId(Root.History, It->first.first) ? S.Dirty.erase(It)
                                                   : std::next(It);
}

Value FunctionFlow::evalOp(const CallExpr *Call, const TensorCall &TC, State &S,
                           const Expr *Root) {
  llvm::SmallVector<std::optional<Value>, 5> Vals =
      evalArguments(TC, S, Root);
  std::optional<Value> OutVal = operand(TC.Out, S, Root);

  const LiveGuard G = A.guardAt(Call);
  const bool Disabled = G.State == GradState::Disabled;
  const bool Inference = isInferenceGuard(G);
  bool Needs[5] = {};
  bool AnyNeeds = false, AnyYes = false;
  const VarDecl *NoGradFrom = nullptr;
  for (unsigned I = 0; I < 5; ++I) {
    if (TC.ParamOperands & (1u << I)) {
      Needs[I] = AnyYes = true;
    } else if (I < Vals.size() && Vals[I]) {
      Needs[I] = Vals[I]->Grad != Tri::No;
      AnyYes |= Vals[I]->Grad == Tri::Yes;
      if (!NoGradFrom)
        NoGradFrom = Vals[I]->NoGradGuard;
    }
    AnyNeeds |= Needs[I];
  }
  const bool NoOperands =
      llvm::none_of(Vals, [](auto &V) { return V.has_value(); }) &&
      !TC.ParamOperands;
  const bool Records =
      !Disabled && (AnyNeeds || NoOperands) && TC.Kind != ops::Kind::NoGrad;

  // Which operands the recorded node keeps.
  auto Saves = [&](ops::Operand Which) {
    if (!Records)
      return false;
    if (!TC.Info)
      return A.Opts.AssumeUnknownOpsSave && Which != ops::Operand::Result;
    const bool Three[3] = {Needs[0], Needs[1], Needs[2]};
    return ops::saves(*TC.Info, Which, Three);
  };
  static constexpr ops::Operand Slots[5] = {
      ops::Operand::Self, ops::Operand::Other, ops::Operand::Third,
      ops::Operand::Fourth, ops::Operand::Fifth};

  // A view is its base: same version counter, grad and history.
  if (TC.Kind == ops::Kind::View && !Vals.empty() && Vals[0])
    return *Vals[0];

  const bool InPlace = TC.Kind == ops::Kind::InPlace || TC.Out;
  Value Result;
  if (InPlace) {
    if (TC.Out) {
      if (!OutVal)
        return persistent(Call);
      Result = *OutVal;
    } else {
      if (Vals.empty() || !Vals[0])
        return persistent(Call);
      Result = *Vals[0];
    }
    const Expr *Target = TC.Out ? TC.Out : TC.Operands[0];
    llvm::StringRef Shown = TC.Name;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
      Shown = getOperatorSpelling(Op->getOperator());
    applyInPlace(Result, Call, Target, Shown, "", S, G);
    Needs[0] = Needs[0] || Result.Grad != Tri::No;
  } else {
    Result = made(Call, S, G);
  }

  // Grad and history of the result.
  if (!Records) {
    if (!InPlace || Disabled) {
      Result.Grad = InPlace && Result.Grad != Tri::No ? Result.Grad : Tri::No;
      if (!InPlace)
        Result.NoGradGuard = Disabled ? G.Guard : NoGradFrom;
      if (TC.Kind == ops::Kind::NoGrad)
        Result.NoGradGuard = nullptr;
    }
    if (!InPlace)
      Result.History.clear();
  } else {
    Tri Grad = AnyYes ? Tri::Yes : Tri::Maybe;
    if (InPlace)
      Grad = Result.Grad == Tri::Yes ? Tri::Yes : Grad;
    Result.Grad = Grad;
    Result.NoGradGuard = nullptr;
    bool Saved = false;
    SiteId Here = site(Call, TC.Name, "");
    for (unsigned I = 0; I < 5; ++I) {
      if (I >= Vals.size() || !Vals[I])
        continue;
      unionInto(Result.History, Vals[I]->History);
      // An in-place op keeps a clone of Self, not Self itself.
      if (InPlace && I == 0 && !TC.Out)
        continue;
      if (!Saves(Slots[I]))
        continue;
      Saved = true;
      save(Here, *Vals[I], S);
      if (Vals[I]->Inference == Tri::Yes && !Inference)
        escape(EscapeUse::Saved, Call, TC.Operands[I], TC.Name, *Vals[I]);
    }
    if (Saves(ops::Operand::Result)) {
      Saved = true;
      save(Here, Result, S);
    }
    if (Saved)
      insertId(Result.History, Here);
  }
  if (InPlace) {
    // Every alias of the written tensor (its base, its other views) now has
    // the in-place node in its graph, as LibTorch's CopySlices gives the
    // base, and views regenerate their grad_fn from it.
    if (Records)
      for (auto &[Var, V] : S.Env)
        if (llvm::any_of(V.Objs, [&](ObjId O) {
              return containsId(Result.Objs, O);
            })) {
          unionInto(V.History, Result.History);
          if (Result.Grad == Tri::Yes && V.Grad != Tri::Yes) {
            V.Grad = V.Grad == Tri::No ? Tri::Maybe : V.Grad;
            V.NoGradGuard = nullptr;
          }
        }
    updateTarget(TC.Out ? TC.Out : TC.Operands[0], Result, S);
  }
  return Result;
}

Value FunctionFlow::evalUserCall(const CallExpr *Call, const TensorCall &TC,
                                 State &S, const Expr *Root) {
  llvm::SmallVector<std::optional<Value>, 5> Vals =
      evalArguments(TC, S, Root);
  const LiveGuard G = A.guardAt(Call);
  const bool Disabled = G.State == GradState::Disabled;
  const Summary *Callee = Owner.summary(TC.Callee);
  Value Result = made(Call, S, G);
  if (!Callee) {
    // A recursive call: treated as an unknown op over its arguments.
    Result.Grad = Disabled ? Tri::No : Tri::Maybe;
    Result.NoGradGuard = Disabled ? G.Guard : nullptr;
    if (!Disabled)
      unknownCall(Call, TC.Name, Vals, Result, S);
    return Result;
  }
  // The value of argument I, or null (not a tensor, or not passed).
  auto Arg = [&](unsigned I) -> Value * {
    return I < Vals.size() && Vals[I] ? &*Vals[I] : nullptr;
  };
  for (const auto &[I, Inner] : Callee->InPlaceParams)
    if (Value *V = Arg(I))
      applyInPlace(*V, Call, TC.Operands[I], TC.Name, Inner, S, G);
  // The result.
  if (!Callee->ReturnFresh && !Callee->ReturnAliases.empty())
    Result.Objs.clear();
  for (unsigned I : Callee->ReturnAliases)
    if (Value *V = Arg(I))
      unionInto(Result.Objs, V->Objs);
  Tri Grad = Callee->ReturnGrad;
  if (Grad == Tri::Maybe) {
    bool Any = false, AnyYes = false, AllNo = true;
    for (unsigned I : Callee->ReturnDepends)
      if (Value *V = Arg(I)) {
        Any = true;
        AnyYes |= V->Grad == Tri::Yes;
        AllNo &= V->Grad == Tri::No;
        if (V->Grad == Tri::No && !Result.NoGradGuard)
          Result.NoGradGuard = V->NoGradGuard;
      }
    Grad = AnyYes ? Tri::Yes : (Any && AllNo ? Tri::No : Tri::Maybe);
  } else {
    Result.NoGradGuard = Callee->ReturnNoGradGuard;
  }
  if (TC.KnownModule && Grad != Tri::No)
    Grad = Tri::Yes;
  if (Disabled) {
    Grad = Tri::No;
    Result.NoGradGuard = G.Guard;
  }
  Result.Grad = Grad;
  if (Grad != Tri::No)
    Result.NoGradGuard = nullptr;
  if (Callee->ReturnInference == Tri::Yes) {
    Result.Inference = Tri::Yes;
    Result.InferenceGuard = Callee->ReturnInferenceGuard;
  }
  if (!Disabled) {
    for (unsigned I : Callee->ReturnDepends)
      if (Value *V = Arg(I))
        unionInto(Result.History, V->History);
    bool Saved = false;
    for (const auto &[I, Op] : Callee->SavedParams) {
      Value *V = Arg(I);
      if (!V || V->Grad == Tri::No && !TC.KnownModule)
        continue;
      const SiteId Here = site(Call, Op, TC.Name);
      save(Here, *V, S);
      Saved = true;
      if (V->Inference == Tri::Yes && !isInferenceGuard(G))
        escape(EscapeUse::Saved, Call, TC.Operands[I], TC.Name, *V);
    }
    if (!Callee->ReturnSavedBy.empty()) {
      const SiteId Here = site(Call, Callee->ReturnSavedBy, TC.Name);
      save(Here, Result, S);
      Saved = true;
    }
    if (Saved)
      insertId(Result.History, site(Call, "", TC.Name));
    // Saves broken inside the helper: reported, in the helper, at a
    // backward that reaches them from here.
    for (const Summary::BrokenSave &B : Callee->ReturnBroken) {
      const SiteId Inner = site(B.SaveSite, B.Saver, "");
      const ObjId Broken = objId(B.InPlace, false);
      const EventId Ev = event(B.InPlace, B.Target, B.Op, B.Inner, B.FixSafe);
      S.Pending.insert({Inner, Broken});
      S.Dirty[{Inner, Broken}].insert(Ev);
      insertId(Result.History, Inner);
    }
  }
  for (unsigned I : Callee->BackwardParams)
    if (Value *V = Arg(I))
      backward(*V, TC.Operands[I], Call, false, S);
  return Result;
}

std::optional<Value> FunctionFlow::evalCall(const CallExpr *Call, State &S,
                                            const Expr *Root) {
  const TensorCall TC = classifyCall(A.Ctx, Call);
  const bool IsTensor = isTensorType(Call->getType());
  switch (TC.Role) {
  case CallRole::None:
    evalChildren(Call, S, Root);
    if (!IsTensor)
      return std::nullopt;
    return persistent(Call);
  case CallRole::Assign: {
    std::optional<Value> Val = operand(TC.Operands[1], S, Root);
    const Expr *Target = stripTensorWrappers(TC.Operands[0]);
    if (const VarDecl *V = varOf(TC.Operands[0])) {
      if (Val)
        assignVar(V, *Val, S);
      return Val;
    }
    std::optional<Value> Dest = eval(TC.Operands[0], S, Root);
    if (Dest && !isa<MemberExpr>(Target)) {
      // `y[0] = v`: assigning to a temporary view writes through it.
      applyInPlace(*Dest, Call, TC.Operands[0], "=", "", S, A.guardAt(Call));
    }
    return Dest;
  }
  case CallRole::Op:
    return evalOp(Call, TC, S, Root);
  case CallRole::UserCall:
    return evalUserCall(Call, TC, S, Root);
  case CallRole::Factory: {
    for (const Expr *E : TC.OtherArgs)
      eval(E, S, Root);
    Value V = made(Call, S, A.guardAt(Call));
    V.Grad = TC.RequiresGrad ? Tri::Yes : Tri::No;
    return V;
  }
  case CallRole::ModuleCall: {
    const llvm::SmallVector<std::optional<Value>, 5> Vals =
        evalArguments(TC, S, Root);
    const LiveGuard G = A.guardAt(Call);
    Value V = made(Call, S, G);
    if (G.State == GradState::Disabled) {
      V.Grad = Tri::No;
      V.NoGradGuard = G.Guard;
    } else {
      V.Grad = Tri::Yes;
      unknownCall(Call, TC.Name, Vals, V, S);
    }
    return V;
  }
  case CallRole::Backward:
  case CallRole::Grad: {
    llvm::SmallVector<std::pair<Value, const Expr *>, 2> Roots;
    for (const Expr *R : TC.Roots)
      if (std::optional<Value> V = eval(R, S, Root))
        Roots.push_back({*V, R});
    for (const Expr *E : TC.OtherArgs)
      eval(E, S, Root);
    for (auto &[V, R] : Roots)
      backward(V, R, Call, TC.RetainGraph, S);
    if (!IsTensor)
      return std::nullopt;
    return persistent(Call);
  }
  case CallRole::RequiresGrad: {
    std::optional<Value> V = operand(TC.Operands[0], S, Root);
    if (!V)
      return V;
    if (TC.RequiresGrad && V->Inference == Tri::Yes &&
        !isInferenceGuard(A.guardAt(Call)))
      escape(EscapeUse::RequiresGrad, Call, TC.Operands[0], TC.Name, *V);
    V->Grad = TC.RequiresGrad ? Tri::Yes : Tri::No;
    V->NoGradGuard = nullptr;
    updateTarget(TC.Operands[0], *V, S);
    return V;
  }
  case CallRole::Version: {
    std::optional<Value> V = operand(TC.Operands[0], S, Root);
    if (V && V->Inference == Tri::Yes && !isInferenceGuard(A.guardAt(Call)))
      escape(EscapeUse::Version, Call, TC.Operands[0], TC.Name, *V);
    return std::nullopt;
  }
  case CallRole::Detach: {
    std::optional<Value> V = operand(TC.Operands[0], S, Root);
    if (!V)
      return persistent(Call);
    V->Grad = Tri::No;
    V->NoGradGuard = nullptr;
    V->History.clear();
    return V;
  }
  case CallRole::NewData: {
    operand(TC.Operands[0], S, Root);
    Value V = fresh(Call, S);
    V.Grad = Tri::No;
    return V;
  }
  }
  return std::nullopt;
}

void FunctionFlow::declare(const VarDecl *V, State &S) {
  const Expr *Init = V->getInit();
  if (!isTensorType(V->getType())) {
    if (Init)
      eval(Init, S, Init);
    return;
  }
  if (V->getType()->isReferenceType())
    if (const VarDecl *To = varOf(Init))
      RefTarget[V] = To;
  std::optional<Value> Val = Init ? eval(Init, S, Init) : std::nullopt;
  if (!Val) {
    Val = Value();
    Val->Grad = Tri::No;
  }
  S.Env[V] = *Val;
}

void FunctionFlow::transfer(const CFGBlock &B, State &S) {
  for (const CFGElement &El : B) {
    const auto CS = El.getAs<CFGStmt>();
    if (!CS)
      continue;
    const Stmt *St = CS->getStmt();
    if (const auto *DS = dyn_cast<DeclStmt>(St)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          declare(V, S);
      continue;
    }
    if (const auto *Ret = dyn_cast<ReturnStmt>(St)) {
      const Expr *RV = Ret->getRetValue();
      std::optional<Value> V = RV ? eval(RV, S, RV) : std::nullopt;
      if (Final && V) {
        if (Returned)
          Returned->joinWith(*V);
        else
          Returned = V;
      }
      continue;
    }
    if (const auto *E = dyn_cast<Expr>(St)) {
      std::optional<Value> V = eval(E, S, E);
      if (V)
        S.Cache[E] = *V;
    }
  }
}

void FunctionFlow::finishSummary(const State &Exit) {
  if (!Returned)
    return;
  const Value &R = *Returned;
  for (ObjId O : R.Objs) {
    if (Objs[O].Param >= 0)
      Sum.ReturnAliases.insert(unsigned(Objs[O].Param));
    else
      Sum.ReturnFresh = true;
  }
  if (R.Objs.empty())
    Sum.ReturnFresh = true;
  for (SiteId Id : R.History)
    if (Sites[Id].Param >= 0)
      Sum.ReturnDepends.insert(unsigned(Sites[Id].Param));
  Sum.ReturnGrad = R.Grad;
  Sum.ReturnNoGradGuard = R.NoGradGuard;
  Sum.ReturnInference = R.Inference;
  Sum.ReturnInferenceGuard = R.InferenceGuard;
  for (const SaveKey &K : Exit.Pending) {
    if (!containsId(R.History, K.first))
      continue;
    const Obj &O = Objs[K.second];
    const std::string &Op = Sites[K.first].Op;
    if (O.Param >= 0)
      Sum.SavedParams.emplace(unsigned(O.Param), Op);
    else if (containsId(R.Objs, K.second) && Sum.ReturnSavedBy.empty())
      Sum.ReturnSavedBy = Op;
  }
  for (const auto &[K, Evs] : Exit.Dirty) {
    const Site &St = Sites[K.first];
    if (!St.E || !containsId(R.History, K.first))
      continue;
    for (EventId Ev : Evs) {
      const Event &E = Events[Ev];
      Sum.ReturnBroken.push_back(
          {E.E, E.Target, St.E, E.Op, E.Inner, St.Op, E.FixSafe});
    }
  }
}

void FunctionFlow::run() {
  const Stmt *Body = FD->getBody();
  if (!Body || !mentionsTensors(Body))
    return;
  CFG::BuildOptions Options;
  Graph = CFG::buildCFG(FD, const_cast<Stmt *>(Body), &A.Ctx, Options);
  if (!Graph || Graph->getNumBlockIDs() > 4000)
    return;
  for (const CFGBlock *B : *Graph)
    for (const CFGElement &El : *B)
      if (auto CS = El.getAs<CFGStmt>())
        Elements.insert(CS->getStmt());

  // Reverse post-order of the blocks reachable from the entry. Successors
  // are visited last to first: a loop's exit (clang lists it after the
  // body) is then finished first and comes after the body in the order, so
  // the worklist settles a loop before it moves past it.
  std::vector<const CFGBlock *> Order;
  llvm::BitVector Seen(Graph->getNumBlockIDs());
  std::vector<std::pair<const CFGBlock *, unsigned>> Stack;
  Stack.push_back({&Graph->getEntry(), 0});
  Seen.set(Graph->getEntry().getBlockID());
  while (!Stack.empty()) {
    auto &[B, Next] = Stack.back();
    if (Next < B->succ_size()) {
      const CFGBlock *Succ = *(B->succ_begin() + (B->succ_size() - 1 - Next++));
      if (Succ && !Seen.test(Succ->getBlockID())) {
        Seen.set(Succ->getBlockID());
        Stack.push_back({Succ, 0});
      }
      continue;
    }
    Order.push_back(B);
    Stack.pop_back();
  }
  std::reverse(Order.begin(), Order.end());

  std::vector<State> OutStates(Graph->getNumBlockIDs());
  State Entry;
  seed(Entry);
  auto InState = [&](const CFGBlock *B) {
    if (B == &Graph->getEntry())
      return Entry;
    State In;
    for (const CFGBlock *Pred : B->preds())
      if (Pred)
        In.joinWith(OutStates[Pred->getBlockID()]);
    return In;
  };
  // A worklist in reverse post-order: a block is analyzed again only when
  // the state flowing into it changed. Work counts the state entries each
  // transfer produces; a function whose analysis exceeds the budget (huge
  // generated code) is given up: no findings and an unknown summary, so it
  // cannot stall a run.
  std::vector<unsigned> RpoIndex(Graph->getNumBlockIDs(), 0);
  for (unsigned I = 0; I < Order.size(); ++I)
    RpoIndex[Order[I]->getBlockID()] = I;
  std::set<unsigned> Work;
  for (unsigned I = 0; I < Order.size(); ++I)
    Work.insert(I);
  uint64_t Spent = 0;
  constexpr uint64_t Budget = 10'000'000;
  while (!Work.empty()) {
    const CFGBlock *B = Order[*Work.begin()];
    Work.erase(Work.begin());
    State S = InState(B);
    if (!S.Reached)
      continue;
    transfer(*B, S);
    Spent += 1 + S.Env.size() + S.Pending.size() + S.Dirty.size() +
             S.Cache.size();
    if (Spent > Budget) {
      Sum.Unknown = true;
      return;
    }
    State &Old = OutStates[B->getBlockID()];
    if (S == Old)
      continue;
    Old = std::move(S);
    for (const CFGBlock *Succ : B->succs())
      if (Succ && Seen.test(Succ->getBlockID()))
        Work.insert(RpoIndex[Succ->getBlockID()]);
  }
  Final = true;
  for (const CFGBlock *B : Order) {
    State S = InState(B);
    if (S.Reached)
      transfer(*B, S);
  }
  finishSummary(InState(&Graph->getExit()));
}

} // namespace

AutogradAnalysis::AutogradAnalysis(ASTContext &Ctx, AutogradOptions Options)
    : P(std::make_unique<Impl>(Ctx, Options)) {}

AutogradAnalysis::~AutogradAnalysis() = default;

const AutogradAnalysis::Summary *
AutogradAnalysis::summary(const FunctionDecl *FD) {
  analyze(FD);
  if (P->InProgress.count(FD))
    return nullptr;
  auto It = P->Summaries.find(FD);
  if (It == P->Summaries.end() || It->second->Unknown)
    return nullptr;
  return It->second.get();
}

const AutogradFindings &AutogradAnalysis::analyze(const FunctionDecl *FD) {
  auto It = P->Findings.find(FD);
  if (It != P->Findings.end())
    return *It->second;
  auto &F = P->Findings[FD];
  F = std::make_unique<AutogradFindings>();
  auto Sum = std::make_unique<Summary>();
  P->InProgress.insert(FD);
  FunctionFlow Flow(*P, *this, FD, *F, *Sum);
  Flow.run();
  P->InProgress.erase(FD);
  P->Summaries[FD] = std::move(Sum);
  return *F;
}

} // namespace clang::tidy::torch_tidy
