// Transfer functions of the op table's ops (AutogradTransfer.h): which
// operands an op records and saves, what it does to its result's grad,
// history and version objects, and what an in-place op does to the aliases
// of the tensor it writes.
#include "AutogradTransfer.h"

#include "clang/AST/ExprCXX.h"

namespace clang::tidy::torch_tidy::autograd {

using ops::kMaxPositionalOperands;

// Which operands of an op need grad, and whether it records a node.
struct Transfer::OpNeeds {
  LiveGuard G;
  bool Disabled = false;  // a guard disables gradients here
  bool Inference = false; // ... and it is InferenceMode
  bool Needs[kMaxPositionalOperands] = {};
  bool AnyNeeds = false, AnyYes = false;
  bool Records = false;
  const VarDecl *NoGradFrom = nullptr; // an operand's no-grad guard
};

Transfer::OpNeeds Transfer::opNeeds(const TensorCall &TC, const Vals &Args,
                                    const LiveGuard &G) const {
  OpNeeds N;
  N.G = G;
  N.Disabled = G.State == GradState::Disabled;
  N.Inference = isInferenceGuard(G);
  for (unsigned I = 0; I < kMaxPositionalOperands; ++I) {
    if (TC.ParamOperands & (1u << I)) {
      N.Needs[I] = N.AnyYes = true;
    } else if (const Value *V = argAt(Args, I)) {
      N.Needs[I] = V->Grad != Tri::No;
      N.AnyYes |= V->Grad == Tri::Yes;
      if (!N.NoGradFrom)
        N.NoGradFrom = V->NoGradGuard;
    }
    N.AnyNeeds |= N.Needs[I];
  }
  const bool NoOperands =
      llvm::none_of(Args, [](auto &V) { return V.has_value(); }) &&
      !TC.ParamOperands;
  N.Records =
      !N.Disabled && (N.AnyNeeds || NoOperands) && TC.Kind != ops::Kind::NoGrad;
  return N;
}

// Whether the recorded node keeps operand `Which`.
bool Transfer::savesOperand(const TensorCall &TC, const OpNeeds &N,
                            ops::Operand Which) const {
  if (!N.Records)
    return false;
  if (!TC.Info)
    return C.Opts.AssumeUnknownOpsSave && Which != ops::Operand::Result;
  const bool Conditions[ops::kConditionOperands] = {N.Needs[0], N.Needs[1],
                                                    N.Needs[2]};
  return ops::saves(*TC.Info, Which, Conditions);
}

// Grad and history of a result the op does not record.
void Transfer::unrecordedResult(const TensorCall &TC, const OpNeeds &N,
                                bool InPlace, Value &Result) {
  if (!InPlace || N.Disabled) {
    Result.Grad = InPlace && Result.Grad != Tri::No ? Result.Grad : Tri::No;
    if (!InPlace)
      Result.NoGradGuard = N.Disabled ? N.G.Guard : N.NoGradFrom;
    if (TC.Kind == ops::Kind::NoGrad)
      Result.NoGradGuard = nullptr;
  }
  if (!InPlace)
    Result.History.clear();
}

// Grad and history of a recorded result, and the operands its node saves.
void Transfer::recordedResult(const CallExpr *Call, const TensorCall &TC,
                              const Vals &Args, const OpNeeds &N, bool InPlace,
                              Value &Result, State &S) {
  Tri Grad = N.AnyYes ? Tri::Yes : Tri::Maybe;
  if (InPlace)
    Grad = Result.Grad == Tri::Yes ? Tri::Yes : Grad;
  Result.Grad = Grad;
  Result.NoGradGuard = nullptr;
  static constexpr ops::Operand Slots[kMaxPositionalOperands] = {
      ops::Operand::Self, ops::Operand::Other, ops::Operand::Third,
      ops::Operand::Fourth, ops::Operand::Fifth};
  bool Saved = false;
  const SiteId Here = Ents.site(Call, TC.Name, "");
  for (unsigned I = 0; I < kMaxPositionalOperands; ++I) {
    if (I >= Args.size() || !Args[I])
      continue;
    unionInto(Result.History, Args[I]->History);
    // An in-place op keeps a clone of Self, not Self itself.
    if (InPlace && I == 0 && !TC.Out)
      continue;
    if (!savesOperand(TC, N, Slots[I]))
      continue;
    Saved = true;
    save(Here, *Args[I], S);
    if (Args[I]->Inference == Tri::Yes && !N.Inference)
      escape(EscapeUse::Saved, Call, TC.Operands[I], TC.Name, *Args[I]);
  }
  if (savesOperand(TC, N, ops::Operand::Result)) {
    Saved = true;
    save(Here, Result, S);
  }
  if (Saved)
    insertId(Result.History, Here);
}

// Every alias of a tensor written in place (its base, its other views) now
// has the in-place node in its graph, as LibTorch's CopySlices gives the
// base, and views regenerate their grad_fn from it.
void Transfer::spreadToAliases(const Value &Result, State &S) {
  for (auto &[Var, V] : S.Env) {
    if (llvm::none_of(V.Objs,
                      [&](ObjId O) { return containsId(Result.Objs, O); }))
      continue;
    unionInto(V.History, Result.History);
    if (Result.Grad == Tri::Yes && V.Grad != Tri::Yes) {
      V.Grad = V.Grad == Tri::No ? Tri::Maybe : V.Grad;
      V.NoGradGuard = nullptr;
    }
  }
}

Value Transfer::evalOp(const CallExpr *Call, const TensorCall &TC, State &S,
                       const Expr *Root) {
  const Vals Args = evalArguments(TC, S, Root);
  const std::optional<Value> OutVal = operand(TC.Out, S, Root);
  OpNeeds N = opNeeds(TC, Args, C.GuardAt(Call));

  // A view is its base: same version counter, grad and history.
  if (TC.Kind == ops::Kind::View && !Args.empty() && Args[0])
    return *Args[0];

  const bool InPlace = TC.Kind == ops::Kind::InPlace || TC.Out;
  Value Result;
  if (InPlace) {
    const std::optional<Value> &Written = TC.Out         ? OutVal
                                          : Args.empty() ? std::nullopt
                                                         : Args[0];
    if (!Written)
      return persistent(Call);
    Result = *Written;
    const Expr *Target = TC.Out ? TC.Out : TC.Operands[0];
    llvm::StringRef Shown = TC.Name;
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
      Shown = getOperatorSpelling(Op->getOperator());
    applyInPlace(Result, Call, Target, Shown, "", S, N.G);
    N.Needs[0] = N.Needs[0] || Result.Grad != Tri::No;
  } else {
    Result = made(Call, S, N.G);
  }

  if (N.Records)
    recordedResult(Call, TC, Args, N, InPlace, Result, S);
  else
    unrecordedResult(TC, N, InPlace, Result);
  if (InPlace) {
    if (N.Records)
      spreadToAliases(Result, S);
    updateTarget(TC.Out ? TC.Out : TC.Operands[0], Result, S);
  }
  return Result;
}

} // namespace clang::tidy::torch_tidy::autograd
