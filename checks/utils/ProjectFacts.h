// Project facts: what one translation unit tells the others, as plain data.
//
// With -p, torch-tidy analyses the whole project and still parses each file
// once. While a file is linted, the inference checks record
//   - every call from user code to a user function, with the facts a caller
//     contributes to a verdict on the callee: the grad guard live at the
//     call, what the caller does with the returned value, which arguments
//     are models in eval mode there, which arguments are the caller's own
//     parameters (so the question can go one caller further up);
//   - the classes whose member functions, defined in the file, run dropout
//     hard-wired to training mode, and those whose constructors, defined in
//     the file, leave a mode-dependent member unregistered;
//   - their findings whose verdict depends on the callers of the function
//     they are in, or on code in other files, each with the condition under
//     which it stands.
// When every file has been linted, ProjectIndex.h answers the conditions
// over the project's call graph and the runner drops the findings whose
// condition fails (and adds a note at the caller that decided the others).
//
// Functions are named by their USR, which is the same in every translation
// unit that declares them. Locations are absolute file paths and byte
// offsets, as in a ClangTidyError. The facts serialise to JSON (toJSON and
// fromJSON below), so that they can be cached and shared between runs.
//
// A run without a recorder (a single file without -p, or the clang-tidy
// plugin) records nothing and decides every finding with what its
// translation unit shows.
#pragma once

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "llvm/Support/JSON.h"

namespace clang::tidy::torch_tidy::project {

// The grad mode a guard sets at a call (GuardScopes.h's GradState).
enum class CallGuard { None, Disabled, Unknown };

// What a caller does with the value a function returns (ValueFlow.h).
enum class ResultUse {
  Ignored,   // nothing that can hold a tensor is returned, or it is dropped
  Inspected, // only read in the caller: logged, compared, .item()
  Trains,    // reaches backward(), autograd::grad or an optimizer step
  Returned,  // returned on to the caller's own callers
  Escapes,   // stored where the analysis cannot follow it
};

struct SourcePoint {
  std::string File; // absolute
  unsigned Offset = 0;
  friend bool operator<(const SourcePoint &A, const SourcePoint &B) {
    return std::tie(A.File, A.Offset) < std::tie(B.File, B.Offset);
  }
  friend bool operator==(const SourcePoint &A, const SourcePoint &B) {
    return A.File == B.File && A.Offset == B.Offset;
  }
};

struct CallFact {
  std::string Caller; // USR of the calling function
  std::string Callee; // USR of the called function
  SourcePoint At;
  CallGuard Guard = CallGuard::None;
  ResultUse Use = ResultUse::Ignored;
  // The caller is a module's forward: the call is part of the module's
  // forward pass, which its own caller runs.
  bool InForward = false;
  // Argument indices whose model is in eval mode at the call.
  std::vector<unsigned> EvalArgs;
  // (argument index, caller's parameter index): arguments that are the
  // caller's own parameters, passed on as they are.
  std::vector<std::pair<unsigned, unsigned>> ParamArgs;
};

// Parameter `Param` of function `Function` (a USR).
struct HelperParam {
  std::string Function;
  unsigned Param = 0;
  friend bool operator==(const HelperParam &A, const HelperParam &B) {
    return A.Function == B.Function && A.Param == B.Param;
  }
};

// What a function defined in the TU does with a parameter that can hold a
// tensor, for callers in other files that pass it a forward pass's result.
struct ParamFact {
  HelperParam Of;
  // Inspected, Trains, Returned or Escapes (ValueFlow.h's uses).
  ResultUse Use = ResultUse::Inspected;
  // Helpers defined elsewhere that the parameter is passed on to.
  std::vector<HelperParam> PassedTo;
};

// The condition under which a recorded finding stands.
enum class Condition {
  // torch-missing-grad-guard: unless every caller (transitively) holds a
  // grad guard, or a caller trains on the returned result.
  UnlessCallersGuard,
  // torch-missing-grad-guard, for a forward pass whose result the function
  // returns: only if a caller without a guard merely inspects the result
  // (and none trains on it).
  IfCallerInspectsUnguarded,
  // torch-missing-eval, for a model that is parameter `Param`: unless every
  // caller passes a model in eval mode.
  UnlessCallersEval,
  // torch-missing-grad-guard, for a forward pass whose result is only
  // passed to helpers defined in other files (`Helpers`): only if each of
  // them merely inspects it.
  IfHelpersOnlyInspect,
  // torch-missing-eval, for a model in eval mode whose code is partly
  // defined in other files: only if one of `Classes` runs dropout
  // hard-wired to training (a DropoutFact names it).
  IfClassesHardWireDropout,
  // torch-missing-eval, for a model in eval mode whose constructors are
  // partly defined in other files: only if one of `Classes` leaves a
  // mode-dependent member unregistered there (an UnregisteredFact names it).
  IfClassesLeaveUnregistered,
  // torch-missing-eval, for a TorchScript module used without eval(): only
  // if the project's export scripts (ExportScripts.h) do not show that the
  // file it loads (one of `LoadPaths`, string literals of the
  // torch::jit::load argument) was saved in eval mode or from layers that
  // do not depend on the mode.
  IfExportNeedsEval,
  // torch-train-mode-not-restored, for an eval() on member `Member` of
  // `Classes[0]` that member function `Function` leaves in eval mode: only
  // if a function calls `Function` on an object and then, on the same
  // object, a member function that trains the member as it finds it, with
  // no call in between that switches it back (a MemberModeFact and an
  // ObjectCallsFact tell).
  IfLaterCallTrainsMember,
  // torch-missing-eval, for a TorchScript module put in eval mode: only if
  // the project's export scripts show that the file it loads (as for
  // IfExportNeedsEval; with no file name, the one script next to the
  // finding's file, or the project's one script) was traced
  // (torch.jit.trace) from a model in training mode with layers that may
  // depend on it: the graph recorded their training behaviour, which eval()
  // does not switch.
  IfExportTracedInTraining,
};

struct PendingFinding {
  std::string Check;
  SourcePoint At;
  std::string Function; // USR of the function the finding is in
  Condition When = Condition::UnlessCallersGuard;
  unsigned Param = 0;                 // UnlessCallersEval
  bool ResultReturned = false;        // UnlessCallersGuard
  std::vector<HelperParam> Helpers;   // IfHelpersOnlyInspect
  std::vector<std::string> Classes;   // IfClasses... conditions (USRs)
  std::vector<std::string> LoadPaths; // IfExportNeedsEval
  std::string Member;                 // IfLaterCallTrainsMember
  // The finding's text, for findings of one check that share a location
  // under different conditions (the IfClasses... ones); else empty.
  std::string Message;
};

// A member function of class `Class` (a USR) defined in the TU runs
// dropout hard-wired to training mode at `At` (HardWiredDropout.h).
struct DropoutFact {
  std::string Class;
  SourcePoint At;
};

// The constructors of class `Class` (a USR), all defined in the TU, never
// register its member `Member`, declared at `At`, which holds a
// mode-dependent layer: eval() on the module does not reach it
// (ModeDependence.h).
struct UnregisteredFact {
  std::string Class;
  std::string Member;
  SourcePoint At;
};

// What member function `Function` (a USR), defined in the TU, does with
// the mode of member `Member` of its class `Class` (a USR), a model.
struct MemberModeFact {
  std::string Function;
  std::string Class;
  std::string Member;
  // It calls train() (or train(flag)) on the member somewhere.
  bool Restores = false;
  // It trains the member (a forward pass whose result reaches a backward
  // pass) where no train() of it can have run first: in the mode the
  // caller left it in. `At` is that forward pass.
  bool TrainsAsFound = false;
  SourcePoint At;
};

// The member functions one function (`Caller`, a USR) calls on one of its
// local objects whose class holds a model, in source order, and which call
// can run after which.
struct ObjectCallsFact {
  std::string Caller;
  std::vector<std::string> Callees; // USRs
  std::vector<SourcePoint> At;      // one per callee
  // (I, J): call J can run after call I.
  std::vector<std::pair<unsigned, unsigned>> Follows;
};

struct TranslationUnitFacts {
  std::vector<CallFact> Calls;
  std::vector<ParamFact> Params;
  std::vector<PendingFinding> Pending;
  std::vector<DropoutFact> Dropouts;
  std::vector<UnregisteredFact> Unregistered;
  std::vector<MemberModeFact> MemberModes;
  std::vector<ObjectCallsFact> ObjectCalls;
};

llvm::json::Value toJSON(const CallFact &C);
llvm::json::Value toJSON(const ParamFact &F);
llvm::json::Value toJSON(const PendingFinding &P);
llvm::json::Value toJSON(const DropoutFact &D);
llvm::json::Value toJSON(const UnregisteredFact &U);
llvm::json::Value toJSON(const MemberModeFact &M);
llvm::json::Value toJSON(const ObjectCallsFact &O);
llvm::json::Value toJSON(const TranslationUnitFacts &T);
bool fromJSON(const llvm::json::Value &V, CallFact &C, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, ParamFact &F, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, PendingFinding &F,
              llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, DropoutFact &D, llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, UnregisteredFact &U,
              llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, MemberModeFact &M,
              llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, ObjectCallsFact &O,
              llvm::json::Path P);
bool fromJSON(const llvm::json::Value &V, TranslationUnitFacts &T,
              llvm::json::Path P);

// Where the facts of the file being linted on this thread go. The runner
// installs one per file (RecorderScope); the checks look it up.
class FactsRecorder {
public:
  TranslationUnitFacts Facts;
  // The facts are the same for every inference check: recorded once.
  bool claimFacts() { return !std::exchange(FactsClaimed, true); }
  // Sorts and de-duplicates the facts (source order, whatever the order
  // the checks ran in).
  void finish();

private:
  bool FactsClaimed = false;
};

// The recorder of the file linted on this thread, or null.
FactsRecorder *activeRecorder();

class RecorderScope {
public:
  explicit RecorderScope(FactsRecorder &R);
  ~RecorderScope();
  RecorderScope(const RecorderScope &) = delete;
  RecorderScope &operator=(const RecorderScope &) = delete;

private:
  FactsRecorder *Previous;
};

} // namespace clang::tidy::torch_tidy::project
