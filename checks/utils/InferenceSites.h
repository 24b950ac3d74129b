// Inference sites: the forward passes of a translation unit with the facts
// the inference checks decide on. Collected during matching, analysed at
// the end of the translation unit (callers and other member functions must
// have been seen).
//
// Glossary
//   inference call   a forward pass whose result is only inspected in its
//                    function (nothing computed from it reaches backward(),
//                    autograd::grad, a return or a store the analysis cannot
//                    follow: ValueFlow.h), or one in a function that never
//                    trains (no backward(), autograd::grad or optimizer
//                    step()) whose context says "inference": a grad guard is
//                    live, the model was put in eval mode on the path, the
//                    function's name matches the inference regex, or the
//                    model was loaded (torch::jit::load / torch::load) in the
//                    function. A result returned to a caller that feeds it to
//                    a backward pass is not inference.
//   guard scope      see GuardScopes.h; a guard live at every call site of
//                    the enclosing function (within the TU) counts too.
//   eval established eval()/train(false) on the model (or a module owning
//                    it) dominates the call with no train() in between; or
//                    done in another member function of the owning class that
//                    never calls train(); or at every call site of the
//                    function whose parameter the model is.
//
// Forward passes are those of ModelCalls.h, a module's call of its own
// forward() included. Calls across translation units are decided with -p,
// when every file has been linted (ProjectFacts.h, ProjectIndex.h).
// GradMode::set_enabled() is followed per path (gradModeSetByHandAt).
//
// Not modelled: path conditions (flow-sensitive, not path-sensitive), and
// models reached through containers.
#pragma once

#include <memory>
#include <vector>

#include "EnclosingFunction.h"
#include "GuardScopes.h"
#include "ModelCalls.h"
#include "ProjectFacts.h"
#include "TorchCheck.h"
#include "ValueFlow.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Regex.h"

namespace clang::tidy::torch_tidy {

// Default for the InferenceFunctions option of the inference checks.
inline constexpr llvm::StringLiteral DefaultInferenceFunctions =
    "predict|infer|inference|evaluate|eval|test|valid|validate|detect|"
    "classify|generate|sample";

struct InferenceSite {
  ForwardCall Forward;
  EnclosingFunction Function;
  // Context facts.
  bool NameMatches = false;
  const CallExpr *LoadedBy = nullptr;   // jit::load / torch::load
  const ModeCall *EvalOnPath = nullptr; // dominating eval()
  // A train() that dominates the call with no eval() between: the model is
  // known to be in training mode there (not just "may be").
  const ModeCall *TrainOnPath = nullptr;
  // A training pass of the same model (a forward whose result reaches a
  // backward pass in this function) that runs before the call with no
  // eval() in between: a validation pass after the training pass. Set only for
  // a result that is only inspected, where the context says nothing else.
  const Expr *TrainingPassBefore = nullptr;
  bool EvalEstablished = false;           // EvalOnPath, members or callers
  const ModeCall *EvalInMember = nullptr; // eval() in another member
  LiveGuard Guard;                        // innermost guard at the call
  bool GuardedByCallers = false;          // every caller has a guard
  // Where the result goes inside the function (ValueFlow.h).
  ValueUses Uses;
  // The function may switch requires_grad or the grad mode by hand.
  bool GradFlagsSetByHand = false;
  // What GradMode::set_enabled() calls before it leave (Enabled: none, or
  // gradients turned back on).
  GradState GradModeByHand = GradState::Enabled;
  // The function calls GradMode::set_enabled() (with any argument): a guard
  // inserted at the start of a block could be overridden by one of them.
  bool SwitchesGradMode = false;
  // Whether the context says "inference": a guard, eval(), a load, a name.
  bool contextSaysInference() const {
    return NameMatches || LoadedBy || EvalEstablished ||
           Guard.State != GradState::Enabled || GuardedByCallers ||
           GradModeByHand == GradState::Disabled;
  }
  // Nothing computed from the result reaches a backward pass or leaves the
  // function: it is only looked at.
  bool resultOnlyInspected() const {
    return Uses.staysLocal() && !GradFlagsSetByHand;
  }
  // Whether the forward pass is an inference call at all.
  bool isInference() const {
    return contextSaysInference() || resultOnlyInspected();
  }
  // Whether the model's mode is a question here: the context says
  // inference, or this pass only looks at its result after the function
  // trained the model (validation inside the training function, in
  // training mode unless something put the model in eval mode).
  bool asksForEvalMode() const {
    return contextSaysInference() ||
           (TrainingPassBefore && resultOnlyInspected());
  }
  // A call inside a module's (or holder's) own member function on one of its
  // members: its mode and guard are those of the outer call.
  bool InsideModule = false;
  // Inside library wrappers (ModuleHolder::operator()), never user code.
  bool InsideHolder = false;
  // An owner was put in eval mode, but this member on the way down to the
  // model is not a registered submodule, so the mode did not reach it.
  const FieldDecl *UnregisteredChild = nullptr;
  // Not an inference call by what the translation unit shows, but its
  // result is only returned to the callers: they decide (whole-project
  // analysis, ProjectFacts.h).
  bool DecidedByCallers = false;
  // Its result only goes to helpers defined in other files (Uses.Unseen):
  // what they do with it decides (whole-project analysis).
  bool DecidedByHelpers = false;
  bool gradientsDisabled() const {
    return Guard.State != GradState::Enabled || GuardedByCallers ||
           GradModeByHand != GradState::Enabled;
  }
};

class InferenceSites {
public:
  explicit InferenceSites(llvm::StringRef InferenceFunctions);
  ~InferenceSites();

  // What a check needs collected: everything (analyze()), or only the
  // call graph and the definitions (guardedByCallersOf(), recordFacts()).
  enum class Collect { Everything, CallGraph };
  // Registers the collector's matchers, each limited by InCheckedCode.
  void registerMatchers(ast_matchers::MatchFinder *Finder,
                        ast_matchers::MatchFinder::MatchCallback *Callback,
                        const CheckedCodeMatcher &InCheckedCode,
                        Collect What = Collect::Everything);
  // Returns true when the match was one of this collector's.
  bool collect(const ast_matchers::MatchFinder::MatchResult &Result);
  // The forward passes of the TU that are inference calls, in source order;
  // `ForProject` adds those that other files decide (DecidedByCallers,
  // DecidedByHelpers).
  std::vector<InferenceSite> analyze(bool ForProject = false);
  // Records the TU's calls to user functions and what its functions do with
  // their parameters (once per TU, for every inference check).
  void recordFacts(project::FactsRecorder &R);
  ASTContext *context() const { return Ctx; }
  // The TU's function definitions with parameters, in match order.
  llvm::ArrayRef<const FunctionDecl *> definitions() const {
    return Definitions;
  }
  // The TU's constructor definitions (user-written), in match order.
  llvm::ArrayRef<const CXXConstructorDecl *> constructors() const {
    return Constructors;
  }
  // Why the InferenceFunctions regex is invalid, or empty when it is valid.
  std::string regexError() const;
  // Whether every call of `F` in the TU runs under a grad guard (in the
  // caller or, recursively, in its callers).
  bool guardedByCallersOf(const FunctionDecl *F) {
    return guardedByCallers(F, 0);
  }
  // Whether a function of the TU that calls `F` trains (backward, grad,
  // step): then values returned by `F` may feed a backward pass.
  bool anyCallerTrains(const FunctionDecl *F);
  // Whether a caller of `F` in the TU feeds the value `F` returns to a
  // backward pass (directly, or by returning it to a caller that does).
  bool resultTrainsAtCaller(const FunctionDecl *F, int Depth);

private:
  struct FunctionFacts;
  FunctionFacts &factsOf(const EnclosingFunction &F);
  // Whether grad flags set by hand in `Fn` may decide if a forward pass of
  // `Model` there, where set_enabled() calls leave `ModeByHand`
  // (gradModeSetByHandAt), records a graph.
  bool gradFlagsDecide(const EnclosingFunction &Fn, const ModelRef &Model,
                       GradState ModeByHand);
  // The forward passes of `Fn` whose result reaches a backward pass, with
  // their models.
  llvm::ArrayRef<std::pair<ModelRef, const Expr *>>
  trainingForwards(const EnclosingFunction &Fn);
  // A forward pass of `Model` (or of a module it belongs to or holds) in
  // `Fn` whose result reaches a backward pass and that runs before `Call`
  // with no eval() of the model in between (in a loop around both, written
  // before it), or null.
  const Expr *trainingPassBefore(const EnclosingFunction &Fn,
                                 const ModelRef &Model, const Expr *Call);
  // The grad mode GradMode::set_enabled() calls in `Fn` leave at `Call`:
  // Enabled when none may have turned it off (the mode the function
  // started with), Disabled when one did on every path, else Unknown.
  GradState gradModeSetByHandAt(const EnclosingFunction &Fn, const Stmt *Call);
  bool guardedByCallers(const FunctionDecl *F, int Depth);
  bool evalAtCallers(const FunctionDecl *F, unsigned ParamIndex, int Depth);
  // For a forward pass in a template's pattern, where the CFG may not hold
  // it: whether the function calls train() (or train(flag)) on the model or
  // on a module it belongs to or holds, and an eval() of it anywhere.
  static bool modeSwitchedBack(const FunctionFacts &F, const ModelRef &Model);
  static const ModeCall *anyEvalOf(const FunctionFacts &F,
                                   const ModelRef &Model);
  const ModeCall *evalOnPath(const FunctionFacts &Facts, const ModelRef &Model,
                             const Stmt *Call, const FieldDecl *&Unregistered);
  const ModeCall *trainOnPath(const FunctionFacts &Facts, const ModelRef &Model,
                              const Stmt *Call);
  // A member set from another module it shares (a TorchScript submodule, a
  // copied handle), transitively: that module's eval() in any member.
  const ModeCall *evalOnSharedSource(const ModelRef &Model);
  const ModeCall *evalInOtherMember(const ModelRef &Model,
                                    const FunctionDecl *Current);
  // Whether the function `In` can return after `Train` with the model still
  // in training mode (no eval() of it on some path to the exit).
  bool leavesTrainMode(const ModeCall &Train, const EnclosingFunction &In);

  ValueFlow &flow();
  std::optional<project::CallFact> callFact(const FunctionDecl *Callee,
                                            const CallExpr *Site);
  void recordParams(project::FactsRecorder &R);

  llvm::Regex NameRegex;
  std::unique_ptr<ValueFlow> Flow;
  ASTContext *Ctx = nullptr;
  std::vector<const Expr *> ForwardCandidates;
  std::vector<const FunctionDecl *> Definitions;        // with parameters
  std::vector<const CXXConstructorDecl *> Constructors; // defined in the TU
  llvm::DenseMap<const FunctionDecl *, std::vector<const CallExpr *>> Callers;
  std::vector<ModeCall> MemberModeCalls; // mode calls in all member functions
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionFacts>> Facts;
};

} // namespace clang::tidy::torch_tidy
