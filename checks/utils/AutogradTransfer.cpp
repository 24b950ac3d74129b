#include "AutogradTransfer.h"

#include "TorchTypes.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::torch_tidy::autograd {

bool isInferenceGuard(const LiveGuard &G) {
  return G.Guard && G.State == GradState::Disabled &&
         guardKindOf(G.Guard->getType()) == GuardKind::InferenceMode;
}

namespace {

const VarDecl *varOf(const Expr *E) {
  const auto *DRE = dyn_cast_or_null<DeclRefExpr>(stripTensorWrappers(E));
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

} // namespace

// --- entities
// ------------------------------------------------------------------

ObjId FunctionEntities::allocatedId(const void *Key) {
  auto [It, New] = ObjIndex.emplace(std::make_pair(Key, false), Objs.size());
  if (New)
    Objs.push_back({Key, false, -1});
  return It->second;
}

ObjId FunctionEntities::objId(const void *Key, bool Old, int Param) {
  auto [It, New] = ObjIndex.emplace(std::make_pair(Key, Old), Objs.size());
  if (New)
    Objs.push_back({Key, Old, Param});
  if (Unallocated.size() <= It->second)
    Unallocated.resize(It->second + 1);
  Unallocated[It->second] = true;
  return It->second;
}

SiteId FunctionEntities::site(const Expr *E, llvm::StringRef Op,
                              llvm::StringRef Via) {
  auto [It, New] = SiteIndex.emplace(E, Sites.size());
  if (New)
    Sites.push_back({E, Op.str(), Via.str(), -1});
  return It->second;
}

SiteId FunctionEntities::paramSite(const ParmVarDecl *P, unsigned Index) {
  auto [It, New] = SiteIndex.emplace(P, Sites.size());
  if (New)
    Sites.push_back({nullptr, "", "", int(Index)});
  return It->second;
}

EventId FunctionEntities::event(const Expr *E, const Expr *Target,
                                llvm::StringRef Op, llvm::StringRef Inner,
                                bool FixSafe, FlowReporter &R) {
  auto [It, New] = EventIndex.emplace(E, Events.size());
  if (New)
    Events.push_back({E, Target, Op.str(), Inner.str(), FixSafe});
  else
    R.inPlaceSeen(Events[It->second], FixSafe);
  return It->second;
}

// --- values
// ----------------------------------------------------------------------

// A tensor made at `Key` now: the previous one becomes an earlier one.
// Renaming scans the whole state, so it is skipped when no previous one can
// be in it: none was allocated on a path to here, and nothing names the
// object without allocating it. (Straight-line code allocates each object
// once: without the skip, its analysis was quadratic in its length.)
ObjId Transfer::alloc(const void *Key, State &S) {
  const ObjId Recent = Ents.allocatedId(Key);
  if (!S.Allocated.insert(Recent).second ||
      Ents.namedWithoutAllocation(Recent)) {
    Work += S.Env.size() + S.Cache.size() + S.Pending.size() + S.Dirty.size();
    S.renameObj(Recent, Ents.objId(Key, true));
  }
  return Recent;
}

Value Transfer::persistent(const void *Key) {
  Value V;
  V.Objs = {Ents.objId(Key, false)};
  V.Grad = Tri::Maybe;
  return V;
}

Value Transfer::fresh(const void *Key, State &S) {
  Value V;
  V.Objs = {alloc(Key, S)};
  return V;
}

// A tensor an op creates at `Call`: a fresh object, and an inference tensor
// when InferenceMode is on there.
Value Transfer::made(const Expr *Call, State &S, const LiveGuard &G) {
  Value V = fresh(Call, S);
  if (isInferenceGuard(G)) {
    V.Inference = Tri::Yes;
    V.InferenceGuard = G.Guard;
  }
  return V;
}

void Transfer::seed(State &S) {
  S.Reached = true;
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    if (!isTensorType(P->getType()))
      continue;
    Value V;
    V.Objs = {Ents.objId(P, false, int(I))};
    V.Grad = Tri::Maybe;
    V.History = {Ents.paramSite(P, I)};
    S.Env[P] = V;
  }
}

// --- expressions
// -------------------------------------------------------------------

void Transfer::evalChildren(const Stmt *E, State &S, const Expr *Root) {
  for (const Stmt *Child : E->children()) {
    if (!Child || isa<LambdaExpr>(Child))
      continue;
    if (const auto *CE = dyn_cast<Expr>(Child))
      eval(CE, S, Root);
  }
}

// Evaluates a call's arguments in order: the values of its positional
// operands (nullopt where not a tensor), then the other arguments.
Transfer::Vals Transfer::evalArguments(const TensorCall &TC, State &S,
                                       const Expr *Root) {
  Vals Out;
  for (const Expr *E : TC.Operands)
    Out.push_back(operand(E, S, Root));
  for (const Expr *E : TC.OtherArgs)
    eval(E, S, Root);
  return Out;
}

// Expressions that name or wrap a value: CFG elements evaluated before,
// lambdas, wrappers, variables and members. Done is false for the rest.
std::optional<Value> Transfer::evalLeaf(const Expr *E, State &S,
                                        const Expr *Root, bool &Done) {
  Done = true;
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
      Stripped != E && IsTensor && isTensorType(Stripped->getType())) {
    // Wrappers around a tensor value; std::move(x) and copies of a handle
    // alias the same tensor.
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
  Done = false;
  return std::nullopt;
}

std::optional<Value> Transfer::eval(const Expr *E, State &S, const Expr *Root) {
  if (!E)
    return std::nullopt;
  bool Done = false;
  std::optional<Value> Leaf = evalLeaf(E, S, Root, Done);
  if (Done)
    return Leaf;
  const bool IsTensor = isTensorType(E->getType());
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
  if (isa<CXXConstructExpr>(E) && IsTensor) {
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

// --- calls
// ---------------------------------------------------------------------------

std::optional<Value> Transfer::evalCall(const CallExpr *Call, State &S,
                                        const Expr *Root) {
  const TensorCall TC = classifyCall(C.Ctx, Call);
  switch (TC.Role) {
  case CallRole::None:
    evalChildren(Call, S, Root);
    if (!isTensorType(Call->getType()))
      return std::nullopt;
    return persistent(Call);
  case CallRole::Assign:
    return evalAssign(Call, TC, S, Root);
  case CallRole::Op:
    return evalOp(Call, TC, S, Root);
  case CallRole::UserCall:
    return evalUserCall(Call, TC, S, Root);
  case CallRole::Factory:
    return evalFactory(Call, TC, S, Root);
  case CallRole::ModuleCall:
    return evalModuleCall(Call, TC, S, Root);
  case CallRole::Backward:
  case CallRole::Grad:
    return evalBackward(Call, TC, S, Root);
  case CallRole::RequiresGrad:
    return evalRequiresGrad(Call, TC, S, Root);
  case CallRole::Version: {
    std::optional<Value> V = operand(TC.Operands[0], S, Root);
    if (V && V->Inference == Tri::Yes && !isInferenceGuard(C.GuardAt(Call)))
      escape(EscapeUse::Version, Call, TC.Operands[0], TC.Name, *V);
    return std::nullopt;
  }
  case CallRole::Detach:
    return evalDetach(Call, TC, S, Root);
  case CallRole::NewData: {
    operand(TC.Operands[0], S, Root);
    Value V = fresh(Call, S);
    V.Grad = Tri::No;
    return V;
  }
  }
  return std::nullopt;
}

std::optional<Value> Transfer::evalAssign(const CallExpr *Call,
                                          const TensorCall &TC, State &S,
                                          const Expr *Root) {
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
    applyInPlace(*Dest, Call, TC.Operands[0], "=", "", S, C.GuardAt(Call));
  }
  return Dest;
}

Value Transfer::evalFactory(const CallExpr *Call, const TensorCall &TC,
                            State &S, const Expr *Root) {
  for (const Expr *E : TC.OtherArgs)
    eval(E, S, Root);
  Value V = made(Call, S, C.GuardAt(Call));
  V.Grad = TC.RequiresGrad ? Tri::Yes : Tri::No;
  return V;
}

// The forward of a module the table does not describe: its result requires
// grad (its parameters do) unless gradients are disabled.
Value Transfer::evalModuleCall(const CallExpr *Call, const TensorCall &TC,
                               State &S, const Expr *Root) {
  const Vals Args = evalArguments(TC, S, Root);
  const LiveGuard G = C.GuardAt(Call);
  Value V = made(Call, S, G);
  if (G.State == GradState::Disabled) {
    V.Grad = Tri::No;
    V.NoGradGuard = G.Guard;
  } else {
    V.Grad = Tri::Yes;
    unknownCall(Call, TC.Name, Args, V, S);
  }
  return V;
}

std::optional<Value> Transfer::evalBackward(const CallExpr *Call,
                                            const TensorCall &TC, State &S,
                                            const Expr *Root) {
  llvm::SmallVector<std::pair<Value, const Expr *>, 2> Roots;
  for (const Expr *E : TC.Roots)
    if (std::optional<Value> V = eval(E, S, Root))
      Roots.push_back({*V, E});
  for (const Expr *E : TC.OtherArgs)
    eval(E, S, Root);
  for (auto &[V, E] : Roots)
    backward(V, E, Call, TC.RetainGraph, S);
  if (!isTensorType(Call->getType()))
    return std::nullopt;
  return persistent(Call);
}

std::optional<Value> Transfer::evalRequiresGrad(const CallExpr *Call,
                                                const TensorCall &TC, State &S,
                                                const Expr *Root) {
  std::optional<Value> V = operand(TC.Operands[0], S, Root);
  if (!V)
    return V;
  if (TC.RequiresGrad && V->Inference == Tri::Yes &&
      !isInferenceGuard(C.GuardAt(Call)))
    escape(EscapeUse::RequiresGrad, Call, TC.Operands[0], TC.Name, *V);
  V->Grad = TC.RequiresGrad ? Tri::Yes : Tri::No;
  V->NoGradGuard = nullptr;
  updateTarget(TC.Operands[0], *V, S);
  return V;
}

std::optional<Value> Transfer::evalDetach(const CallExpr *Call,
                                          const TensorCall &TC, State &S,
                                          const Expr *Root) {
  std::optional<Value> V = operand(TC.Operands[0], S, Root);
  if (!V)
    return persistent(Call);
  V->Grad = Tri::No;
  V->NoGradGuard = nullptr;
  V->History.clear();
  return V;
}

// A recorded call whose effects are unknown (a recursive call, a module
// whose forward is not visible): its result's graph holds its arguments';
// with UnknownOps=assume-saved it saves every argument.
void Transfer::unknownCall(const Expr *Call, llvm::StringRef Name,
                           llvm::ArrayRef<std::optional<Value>> Args,
                           Value &Result, State &S) {
  const SiteId Here = Ents.site(Call, Name, "");
  bool Saved = false;
  for (const std::optional<Value> &V : Args) {
    if (!V)
      continue;
    unionInto(Result.History, V->History);
    if (C.Opts.AssumeUnknownOpsSave) {
      save(Here, *V, S);
      Saved = true;
    }
  }
  if (Saved)
    insertId(Result.History, Here);
}

// --- effects
// ---------------------------------------------------------------------------

void Transfer::save(SiteId Site, const Value &V, State &S) {
  for (ObjId O : V.Objs)
    S.Pending.insert({Site, O});
}

void Transfer::assignVar(const VarDecl *V, const Value &Val, State &S) {
  S.Env[V] = Val;
  auto It = RefTarget.find(V);
  if (It != RefTarget.end())
    S.Env[It->second] = Val;
}

void Transfer::updateTarget(const Expr *Target, const Value &Val, State &S) {
  if (const VarDecl *V = varOf(Target))
    assignVar(V, Val, S);
}

// Whether `x.op_(...)` may be rewritten `x = x.op(...)`: x is a local that
// nothing else refers to.
bool Transfer::fixSafe(const Expr *Target, const Value &Self,
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

void Transfer::applyInPlace(const Value &Self, const Expr *Call,
                            const Expr *Target, llvm::StringRef Op,
                            llvm::StringRef Inner, State &S,
                            const LiveGuard &G) {
  if (Self.Inference == Tri::Yes && !isInferenceGuard(G))
    escape(EscapeUse::InPlace, Call, Target, Inner.empty() ? Op : Inner, Self);
  const EventId Ev =
      Ents.event(Call, Target, Op, Inner, fixSafe(Target, Self, S), *R);
  for (const SaveKey &K : S.Pending)
    if (containsId(Self.Objs, K.second))
      S.Dirty[K].insert(Ev);
  for (ObjId O : Self.Objs)
    if (Ents.Objs[O].Param >= 0)
      R->inPlaceOnParam(unsigned(Ents.Objs[O].Param),
                        Inner.empty() ? Op : Inner);
}

void Transfer::backward(const Value &Root, const Expr *RootExpr,
                        const Expr *Call, bool RetainGraph, State &S) {
  if (Root.Grad == Tri::No && Root.NoGradGuard)
    R->backwardWithoutGrad(Call, RootExpr, Root.NoGradGuard);
  for (SiteId Id : Root.History) {
    if (Ents.Sites[Id].Param >= 0)
      R->backwardFromParam(unsigned(Ents.Sites[Id].Param));
    for (const auto &[Key, Evs] : S.Dirty) {
      if (Key.first != Id)
        continue;
      for (EventId Ev : Evs)
        R->brokenSaveUnpacked(Ents.Events[Ev], Ents.Sites[Id], Call);
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

void Transfer::declare(const VarDecl *V, State &S) {
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

void Transfer::element(const Stmt *St, State &S) {
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D))
        declare(V, S);
    return;
  }
  if (const auto *Ret = dyn_cast<ReturnStmt>(St)) {
    const Expr *RV = Ret->getRetValue();
    if (std::optional<Value> V = RV ? eval(RV, S, RV) : std::nullopt)
      R->returned(*V);
    return;
  }
  if (const auto *E = dyn_cast<Expr>(St))
    if (std::optional<Value> V = eval(E, S, E))
      S.Cache[E] = *V;
}

void Transfer::block(const CFGBlock &B, State &S, FlowReporter &Reporter) {
  R = &Reporter;
  for (const CFGElement &El : B) {
    if (Budget && Work > *Budget)
      break;
    ++Work;
    if (const auto CS = El.getAs<CFGStmt>())
      element(CS->getStmt(), S);
  }
  R = nullptr;
}

} // namespace clang::tidy::torch_tidy::autograd
