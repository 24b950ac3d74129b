// The transfer functions of the autograd flow analysis (AutogradFlow.h):
// what one CFG block does to the abstract state (AutogradState.h), element
// by element, and what the last pass over the fixed point reports.
//
// The solver (AutogradFlow.cpp) runs a block's transfer until the states
// settle, with a FlowReporter that reports nothing; then once more over
// every block with the reporter that records findings and the function's
// summary (AutogradReport.h), as clang's UninitializedValues passes its
// handler to the last run only.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "AutogradFlow.h"
#include "AutogradState.h"
#include "AutogradSummary.h"
#include "GuardScopes.h"
#include "TensorOps.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::torch_tidy::autograd {

// A version object: the tensors made at Key (a creation site or a
// parameter), the most recent one or every earlier one.
struct Obj {
  const void *Key;
  bool Old;
  int Param; // the parameter it is, or -1
};

// A recording op (or helper call) that saved tensors, or the pseudo-site of
// a parameter's incoming graph (Param >= 0, no expression).
struct Site {
  const Expr *E = nullptr;
  std::string Op, Via;
  int Param = -1;
};

// An in-place write (or a helper call that makes one).
struct Event {
  const Expr *E = nullptr;
  const Expr *Target = nullptr;
  std::string Op, Inner;
  bool FixSafe = false;
};

// What the last pass reports; the base class reports nothing (the passes
// that iterate to the fixed point).
class FlowReporter {
public:
  virtual ~FlowReporter() = default;
  // An in-place write seen again, with whether rewriting it is safe in the
  // final state.
  virtual void inPlaceSeen(Event &, bool /*FixSafe*/) {}
  virtual void inPlaceOnParam(unsigned /*Param*/, llvm::StringRef /*Op*/) {}
  virtual void backwardFromParam(unsigned /*Param*/) {}
  // backward() unpacks a save that the in-place write E modified.
  virtual void brokenSaveUnpacked(const Event &, const Site &,
                                  const Expr * /*Backward*/) {}
  virtual void backwardWithoutGrad(const Expr * /*Call*/, const Expr * /*Root*/,
                                   const VarDecl * /*Guard*/) {}
  virtual void escape(EscapeUse, const Expr * /*At*/, const Expr * /*Target*/,
                      llvm::StringRef /*Op*/, const VarDecl * /*Guard*/) {}
  virtual void returned(const Value &) {}
};

// The interned entities of one function's analysis, stable across passes.
struct FunctionEntities {
  std::vector<Obj> Objs;
  std::map<std::pair<const void *, bool>, ObjId> ObjIndex;
  std::vector<Site> Sites;
  std::map<const void *, SiteId> SiteIndex;
  std::vector<Event> Events;
  std::map<const Expr *, EventId> EventIndex;

  // The object made at `Key` (last, or earlier when `Old`). An object
  // handed out here may be named by any state (a persistent value, a
  // parameter, a callee's summary); one handed out by allocatedId() only
  // by the states of paths through its allocation.
  ObjId objId(const void *Key, bool Old, int Param = -1);
  ObjId allocatedId(const void *Key);
  bool namedWithoutAllocation(ObjId Id) const {
    return Id < Unallocated.size() && Unallocated[Id];
  }
  std::vector<bool> Unallocated; // by ObjId
  SiteId site(const Expr *E, llvm::StringRef Op, llvm::StringRef Via);
  SiteId paramSite(const ParmVarDecl *P, unsigned Index);
  EventId event(const Expr *E, const Expr *Target, llvm::StringRef Op,
                llvm::StringRef Inner, bool FixSafe, FlowReporter &R);
};

// What the transfer functions need from outside the function.
struct TransferContext {
  ASTContext &Ctx;
  const AutogradOptions &Opts;
  // The grad mode at a statement (memoized per translation unit).
  std::function<LiveGuard(const Stmt *)> GuardAt;
  // A callee's summary, or null when unknown (recursion, gave up).
  std::function<const Summary *(const FunctionDecl *)> SummaryOf;
};

class Transfer {
public:
  Transfer(const TransferContext &TC, const FunctionDecl *FD,
           FunctionEntities &Ents, llvm::DenseSet<const Stmt *> Elements)
      : C(TC), FD(FD), Ents(Ents), Elements(std::move(Elements)) {}

  // The state at the function's entry: its tensor parameters.
  void seed(State &S);
  // Runs block B on S, reporting to R.
  void block(const CFGBlock &B, State &S, FlowReporter &R);
  // The work done so far (elements, plus the state entries scanned when an
  // object is renamed). With a budget, block() stops at the first element
  // past it: a single huge block cannot overrun it.
  std::uint64_t Work = 0;
  std::optional<std::uint64_t> Budget;

private:
  using Vals = llvm::SmallVector<std::optional<Value>, 5>;
  // The value of argument I of a call, or null (not a tensor, not passed).
  static const Value *argAt(const Vals &Args, unsigned I) {
    return I < Args.size() && Args[I] ? &*Args[I] : nullptr;
  }

  const TransferContext &C;
  const FunctionDecl *FD;
  FunctionEntities &Ents;
  llvm::DenseSet<const Stmt *> Elements;
  std::map<const VarDecl *, const VarDecl *> RefTarget;
  FlowReporter *R = nullptr;

  // --- values ----------------------------------------------------------------
  ObjId alloc(const void *Key, State &S);
  Value persistent(const void *Key);
  Value fresh(const void *Key, State &S);
  Value made(const Expr *Call, State &S, const LiveGuard &G);

  // --- expressions -----------------------------------------------------------
  std::optional<Value> eval(const Expr *E, State &S, const Expr *Root);
  std::optional<Value> evalLeaf(const Expr *E, State &S, const Expr *Root,
                                bool &Done);
  void evalChildren(const Stmt *E, State &S, const Expr *Root);
  std::optional<Value> operand(const Expr *E, State &S, const Expr *Root) {
    return E ? eval(E, S, Root) : std::nullopt;
  }
  Vals evalArguments(const TensorCall &TC, State &S, const Expr *Root);

  // --- calls, one function per role
  // --------------------------------------------
  std::optional<Value> evalCall(const CallExpr *Call, State &S,
                                const Expr *Root);
  std::optional<Value> evalAssign(const CallExpr *Call, const TensorCall &TC,
                                  State &S, const Expr *Root);
  Value evalFactory(const CallExpr *Call, const TensorCall &TC, State &S,
                    const Expr *Root);
  Value evalModuleCall(const CallExpr *Call, const TensorCall &TC, State &S,
                       const Expr *Root);
  std::optional<Value> evalBackward(const CallExpr *Call, const TensorCall &TC,
                                    State &S, const Expr *Root);
  std::optional<Value> evalRequiresGrad(const CallExpr *Call,
                                        const TensorCall &TC, State &S,
                                        const Expr *Root);
  std::optional<Value> evalDetach(const CallExpr *Call, const TensorCall &TC,
                                  State &S, const Expr *Root);

  // --- table ops (evalOp and its parts)
  // ------------------------------------------
  struct OpNeeds;
  Value evalOp(const CallExpr *Call, const TensorCall &TC, State &S,
               const Expr *Root);
  OpNeeds opNeeds(const TensorCall &TC, const Vals &Args,
                  const LiveGuard &G) const;
  bool savesOperand(const TensorCall &TC, const OpNeeds &N,
                    ops::Operand Which) const;
  void recordedResult(const CallExpr *Call, const TensorCall &TC,
                      const Vals &Args, const OpNeeds &N, bool InPlace,
                      Value &Result, State &S);
  void unrecordedResult(const TensorCall &TC, const OpNeeds &N, bool InPlace,
                        Value &Result);
  void spreadToAliases(const Value &Result, State &S);

  // --- user-defined functions (summaries)
  // -------------------------------------------
  Value evalUserCall(const CallExpr *Call, const TensorCall &TC, State &S,
                     const Expr *Root);
  void calleeResult(const Summary &Callee, const TensorCall &TC,
                    const Vals &Args, const LiveGuard &G, Value &Result) const;
  void calleeSaves(const CallExpr *Call, const Summary &Callee,
                   const TensorCall &TC, const Vals &Args, const LiveGuard &G,
                   Value &Result, State &S);
  void unknownCall(const Expr *Call, llvm::StringRef Name,
                   llvm::ArrayRef<std::optional<Value>> Args, Value &Result,
                   State &S);

  // --- effects
  // ------------------------------------------------------------------------
  void declare(const VarDecl *V, State &S);
  void assignVar(const VarDecl *V, const Value &Val, State &S);
  void updateTarget(const Expr *Target, const Value &Val, State &S);
  bool fixSafe(const Expr *Target, const Value &Self, const State &S) const;
  void applyInPlace(const Value &Self, const Expr *Call, const Expr *Target,
                    llvm::StringRef Op, llvm::StringRef Inner, State &S,
                    const LiveGuard &G);
  void save(SiteId Site, const Value &V, State &S);
  void escape(EscapeUse Use, const Expr *At, const Expr *Target,
              llvm::StringRef Op, const Value &V) {
    R->escape(Use, At, Target, Op, V.InferenceGuard);
  }
  void backward(const Value &Root, const Expr *RootExpr, const Expr *Call,
                bool RetainGraph, State &S);
  void element(const Stmt *St, State &S);
};

bool isInferenceGuard(const LiveGuard &G);

} // namespace clang::tidy::torch_tidy::autograd
