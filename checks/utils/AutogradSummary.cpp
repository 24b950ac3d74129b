// The interprocedural part of the autograd flow analysis: a function's
// summary, built from its fixed point, and its application at each call
// (AutogradSummary.h).
#include "AutogradSummary.h"

#include "AutogradTransfer.h"

namespace clang::tidy::torch_tidy::autograd {

namespace {

void summarizeResult(const Value &R, const FunctionEntities &Ents,
                     Summary &Sum) {
  for (ObjId O : R.Objs) {
    if (Ents.Objs[O].Param >= 0)
      Sum.ReturnAliases.insert(unsigned(Ents.Objs[O].Param));
    else
      Sum.ReturnFresh = true;
  }
  if (R.Objs.empty())
    Sum.ReturnFresh = true;
  for (SiteId Id : R.History)
    if (Ents.Sites[Id].Param >= 0)
      Sum.ReturnDepends.insert(unsigned(Ents.Sites[Id].Param));
  Sum.ReturnGrad = R.Grad;
  Sum.ReturnNoGradGuard = R.NoGradGuard;
  Sum.ReturnInference = R.Inference;
  Sum.ReturnInferenceGuard = R.InferenceGuard;
}

// Saves still pending at the exit that the result's graph holds, and those
// an in-place op inside already broke.
void summarizeSaves(const Value &R, const State &Exit,
                    const FunctionEntities &Ents, Summary &Sum) {
  for (const SaveKey &K : Exit.Pending) {
    if (!containsId(R.History, K.first))
      continue;
    const Obj &O = Ents.Objs[K.second];
    const std::string &Op = Ents.Sites[K.first].Op;
    if (O.Param >= 0)
      Sum.SavedParams.emplace(unsigned(O.Param), Op);
    else if (containsId(R.Objs, K.second) && Sum.ReturnSavedBy.empty())
      Sum.ReturnSavedBy = Op;
  }
  for (const auto &[K, Evs] : Exit.Dirty) {
    const Site &St = Ents.Sites[K.first];
    if (!St.E || !containsId(R.History, K.first))
      continue;
    for (EventId Ev : Evs) {
      const Event &E = Ents.Events[Ev];
      Sum.ReturnBroken.push_back(
          {E.E, E.Target, St.E, E.Op, E.Inner, St.Op, E.FixSafe});
    }
  }
}

} // namespace

void summarize(const std::optional<Value> &Returned, const State &Exit,
               const FunctionEntities &Ents, Summary &Sum) {
  if (!Returned)
    return;
  summarizeResult(*Returned, Ents, Sum);
  summarizeSaves(*Returned, Exit, Ents, Sum);
}

// --- at a call
// ----------------------------------------------------------------

// The result's version objects, grad and inference status.
void Transfer::calleeResult(const Summary &Callee, const TensorCall &TC,
                            const Vals &Args, const LiveGuard &G,
                            Value &Result) const {
  if (!Callee.ReturnFresh && !Callee.ReturnAliases.empty())
    Result.Objs.clear();
  for (unsigned I : Callee.ReturnAliases)
    if (const Value *V = argAt(Args, I))
      unionInto(Result.Objs, V->Objs);
  Tri Grad = Callee.ReturnGrad;
  if (Grad == Tri::Maybe) {
    bool Any = false, AnyYes = false, AllNo = true;
    for (unsigned I : Callee.ReturnDepends)
      if (const Value *V = argAt(Args, I)) {
        Any = true;
        AnyYes |= V->Grad == Tri::Yes;
        AllNo &= V->Grad == Tri::No;
        if (V->Grad == Tri::No && !Result.NoGradGuard)
          Result.NoGradGuard = V->NoGradGuard;
      }
    Grad = AnyYes ? Tri::Yes : (Any && AllNo ? Tri::No : Tri::Maybe);
  } else {
    Result.NoGradGuard = Callee.ReturnNoGradGuard;
  }
  if (TC.KnownModule && Grad != Tri::No)
    Grad = Tri::Yes;
  if (G.State == GradState::Disabled) {
    Grad = Tri::No;
    Result.NoGradGuard = G.Guard;
  }
  Result.Grad = Grad;
  if (Grad != Tri::No)
    Result.NoGradGuard = nullptr;
  if (Callee.ReturnInference == Tri::Yes) {
    Result.Inference = Tri::Yes;
    Result.InferenceGuard = Callee.ReturnInferenceGuard;
  }
}

// The graph the call records: its arguments' histories, the saves inside
// the callee, and the saves it already broke (reported, in the helper, at a
// backward that reaches them from here).
void Transfer::calleeSaves(const CallExpr *Call, const Summary &Callee,
                           const TensorCall &TC, const Vals &Args,
                           const LiveGuard &G, Value &Result, State &S) {
  for (unsigned I : Callee.ReturnDepends)
    if (const Value *V = argAt(Args, I))
      unionInto(Result.History, V->History);
  bool Saved = false;
  for (const auto &[I, Op] : Callee.SavedParams) {
    const Value *V = argAt(Args, I);
    if (!V || (V->Grad == Tri::No && !TC.KnownModule))
      continue;
    save(Ents.site(Call, Op, TC.Name), *V, S);
    Saved = true;
    if (V->Inference == Tri::Yes && !isInferenceGuard(G))
      escape(EscapeUse::Saved, Call, TC.Operands[I], TC.Name, *V);
  }
  if (!Callee.ReturnSavedBy.empty()) {
    save(Ents.site(Call, Callee.ReturnSavedBy, TC.Name), Result, S);
    Saved = true;
  }
  if (Saved)
    insertId(Result.History, Ents.site(Call, "", TC.Name));
  for (const Summary::BrokenSave &B : Callee.ReturnBroken) {
    const SiteId Inner = Ents.site(B.SaveSite, B.Saver, "");
    const ObjId Broken = Ents.objId(B.InPlace, false);
    const EventId Ev =
        Ents.event(B.InPlace, B.Target, B.Op, B.Inner, B.FixSafe, *R);
    S.Pending.insert({Inner, Broken});
    S.Dirty[{Inner, Broken}].insert(Ev);
    insertId(Result.History, Inner);
  }
}

Value Transfer::evalUserCall(const CallExpr *Call, const TensorCall &TC,
                             State &S, const Expr *Root) {
  const Vals Args = evalArguments(TC, S, Root);
  const LiveGuard G = C.GuardAt(Call);
  const bool Disabled = G.State == GradState::Disabled;
  const Summary *Callee = C.SummaryOf(TC.Callee);
  Value Result = made(Call, S, G);
  if (!Callee) {
    // Unknown (a recursive call, a function given up): an unknown op over
    // its arguments.
    Result.Grad = Disabled ? Tri::No : Tri::Maybe;
    Result.NoGradGuard = Disabled ? G.Guard : nullptr;
    if (!Disabled)
      unknownCall(Call, TC.Name, Args, Result, S);
    return Result;
  }
  for (const auto &[I, Inner] : Callee->InPlaceParams)
    if (const Value *V = argAt(Args, I))
      applyInPlace(*V, Call, TC.Operands[I], TC.Name, Inner, S, G);
  calleeResult(*Callee, TC, Args, G, Result);
  if (!Disabled)
    calleeSaves(Call, *Callee, TC, Args, G, Result, S);
  for (unsigned I : Callee->BackwardParams)
    if (const Value *V = argAt(Args, I))
      backward(*V, TC.Operands[I], Call, false, S);
  return Result;
}

} // namespace clang::tidy::torch_tidy::autograd
