#include "ProjectIndex.h"
#include "AnalysisLimits.h"
#include "llvm/ADT/Sequence.h"
#include "llvm/Support/Path.h"

#include <set>
#include <tuple>

namespace clang::tidy::torch_tidy::project {

ProjectIndex::ProjectIndex(llvm::ArrayRef<TranslationUnitFacts> Units,
                           llvm::ArrayRef<ScriptExport> Exports)
    : Exports(Exports) {
  // A function defined in a header is seen by every file that includes it:
  // its calls are kept once.
  std::set<std::tuple<llvm::StringRef, unsigned, llvm::StringRef>> Seen;
  for (const TranslationUnitFacts &Unit : Units)
    for (const CallFact &C : Unit.Calls)
      if (Seen.emplace(C.At.File, C.At.Offset, C.Callee).second)
        Callers[C.Callee].push_back(&C);
  // An inline function's parameters are described by every file that
  // includes it, alike; two programs of one database may define functions
  // of the same name differently: every description must agree.
  for (const TranslationUnitFacts &Unit : Units)
    for (const ParamFact &F : Unit.Params)
      Params[F.Of.Function].push_back(&F);
  for (const TranslationUnitFacts &Unit : Units)
    for (const DropoutFact &D : Unit.Dropouts)
      Dropouts.try_emplace(D.Class, &D);
  for (const TranslationUnitFacts &Unit : Units)
    for (const UnregisteredFact &U : Unit.Unregistered)
      Unregistered.try_emplace(U.Class, &U);
  for (const TranslationUnitFacts &Unit : Units) {
    for (const MemberModeFact &M : Unit.MemberModes)
      MemberModes.try_emplace({M.Function, M.Class, M.Member}, &M);
    for (const ObjectCallsFact &O : Unit.ObjectCalls)
      ObjectCalls.push_back(&O);
  }
}

const MemberModeFact *ProjectIndex::memberMode(llvm::StringRef Function,
                                               llvm::StringRef Class,
                                               llvm::StringRef Member) const {
  auto It = MemberModes.find({Function, Class, Member});
  return It == MemberModes.end() ? nullptr : It->second;
}

const SourcePoint *
ProjectIndex::laterCallTraining(llvm::StringRef Function, llvm::StringRef Class,
                                llvm::StringRef Member) const {
  for (const ObjectCallsFact *O : ObjectCalls) {
    auto Follows = [&](unsigned I, unsigned J) {
      return llvm::is_contained(O->Follows, std::make_pair(I, J));
    };
    for (const std::pair<unsigned, unsigned> &Pair : O->Follows) {
      const unsigned I = Pair.first, J = Pair.second;
      if (O->Callees[I] != Function)
        continue;
      const MemberModeFact *Later = memberMode(O->Callees[J], Class, Member);
      if (!Later || !Later->TrainsAsFound)
        continue;
      // A call that can run in between and may switch the member back.
      const bool Restored = llvm::any_of(
          llvm::seq<unsigned>(0, O->Callees.size()), [&](unsigned K) {
            const MemberModeFact *Between =
                memberMode(O->Callees[K], Class, Member);
            return K != I && K != J && Between && Between->Restores &&
                   Follows(I, K) && Follows(K, J);
          });
      if (!Restored)
        return &O->At[J];
    }
  }
  return nullptr;
}

const UnregisteredFact *
ProjectIndex::unregisteredMember(llvm::ArrayRef<std::string> Classes) const {
  for (const std::string &Class : Classes)
    if (auto It = Unregistered.find(Class); It != Unregistered.end())
      return It->second;
  return nullptr;
}

bool ProjectIndex::exportNeedsEval(llvm::ArrayRef<std::string> LoadPaths,
                                   const ScriptExport *&Witness) const {
  Witness = nullptr;
  bool NamesAFile = false, Saved = false, Needs = false;
  for (const std::string &Path : LoadPaths) {
    NamesAFile |= namesAFile(Path);
    for (const ScriptExport &E : Exports)
      if (llvm::any_of(E.SavedNames, [&](const std::string &Name) {
            return namesSavedFile(Path, Name);
          })) {
        Saved = true;
        Needs |= E.NeedsEval;
        if (E.NeedsEval && !Witness)
          Witness = &E;
      }
  }
  if (Saved)
    return Needs;
  if (NamesAFile)
    return true;
  // No file name: when the project exports from one script, the module is
  // one of its exports; with several scripts (exports of other models, as
  // often as not), which one is not known.
  const bool OneScript =
      !Exports.empty() && llvm::all_of(Exports, [&](const ScriptExport &E) {
        return E.File == Exports.front().File;
      });
  return !OneScript || llvm::any_of(Exports, [](const ScriptExport &E) {
    return E.NeedsEval;
  });
}

namespace {
// The export a module comes from, if all of `Exports` are of one script:
// the first traced in training mode among them.
const ScriptExport *
tracedOfOneScript(llvm::ArrayRef<const ScriptExport *> Exports) {
  if (Exports.empty() || llvm::any_of(Exports, [&](const ScriptExport *E) {
        return E->File != Exports.front()->File;
      }))
    return nullptr;
  for (const ScriptExport *E : Exports)
    if (E->Traced && E->NeedsEval)
      return E;
  return nullptr;
}
} // namespace

const ScriptExport *
ProjectIndex::tracedInTraining(llvm::ArrayRef<std::string> LoadPaths,
                               llvm::StringRef Near) const {
  bool Saved = false;
  for (const std::string &Path : LoadPaths)
    for (const ScriptExport &E : Exports)
      if (llvm::any_of(E.SavedNames, [&](const std::string &Name) {
            return namesSavedFile(Path, Name);
          })) {
        Saved = true;
        if (E.Traced && E.NeedsEval)
          return &E;
      }
  if (Saved || llvm::any_of(LoadPaths, namesAFile))
    return nullptr;
  // No file name: the script next to the code, else the project's one.
  std::vector<const ScriptExport *> Beside, All;
  const llvm::StringRef Dir = llvm::sys::path::parent_path(Near);
  for (const ScriptExport &E : Exports) {
    All.push_back(&E);
    if (llvm::sys::path::parent_path(E.File) == Dir)
      Beside.push_back(&E);
  }
  return tracedOfOneScript(Beside.empty() ? All : Beside);
}

const DropoutFact *
ProjectIndex::hardWiredDropout(llvm::ArrayRef<std::string> Classes) const {
  for (const std::string &Class : Classes)
    if (auto It = Dropouts.find(Class); It != Dropouts.end())
      return It->second;
  return nullptr;
}

bool ProjectIndex::onlyInspects(const HelperParam &H, int Depth) const {
  if (Depth > limits::MaxValueFlowCallDepth)
    return false;
  auto It = Params.find(H.Function);
  if (It == Params.end())
    return false;
  bool Described = false;
  for (const ParamFact *F : It->second) {
    if (F->Of.Param != H.Param)
      continue;
    Described = true;
    // What it returns, the caller's own value flow follows (a call's
    // result carries its arguments' values).
    if ((F->Use != ResultUse::Inspected && F->Use != ResultUse::Returned) ||
        !llvm::all_of(F->PassedTo, [&](const HelperParam &Next) {
          return onlyInspects(Next, Depth + 1);
        }))
      return false;
  }
  return Described;
}

llvm::ArrayRef<const CallFact *>
ProjectIndex::callersOf(llvm::StringRef Function) const {
  auto It = Callers.find(Function);
  if (It == Callers.end())
    return {};
  return It->second;
}

bool ProjectIndex::guardedByCallers(llvm::StringRef Function, int Depth) const {
  if (Depth > limits::MaxGuardCallerDepth)
    return false;
  llvm::ArrayRef<const CallFact *> Sites = callersOf(Function);
  return !Sites.empty() && llvm::all_of(Sites, [&](const CallFact *C) {
    return C->Guard != CallGuard::None ||
           guardedByCallers(C->Caller, Depth + 1);
  });
}

bool ProjectIndex::resultTrainsAtCaller(llvm::StringRef Function,
                                        int Depth) const {
  if (Depth > limits::MaxGuardCallerDepth)
    return false;
  return llvm::any_of(callersOf(Function), [&](const CallFact *C) {
    return C->Use == ResultUse::Trains ||
           (C->Use == ResultUse::Returned &&
            resultTrainsAtCaller(C->Caller, Depth + 1));
  });
}

bool ProjectIndex::evalAtCallers(llvm::StringRef Function, unsigned Param,
                                 int Depth) const {
  if (Depth > limits::MaxEvalCallerDepth)
    return false;
  llvm::ArrayRef<const CallFact *> Sites = callersOf(Function);
  return !Sites.empty() && llvm::all_of(Sites, [&](const CallFact *C) {
    if (llvm::is_contained(C->EvalArgs, Param))
      return true;
    for (const auto &[Arg, CallerParam] : C->ParamArgs)
      if (Arg == Param)
        return evalAtCallers(C->Caller, CallerParam, Depth + 1);
    return false;
  });
}

const CallFact *ProjectIndex::inspectingUnguardedCall(llvm::StringRef Function,
                                                      int Depth) const {
  if (Depth > limits::MaxGuardCallerDepth)
    return nullptr;
  for (const CallFact *C : callersOf(Function)) {
    // Within a module's forward, the module's call is the forward pass to
    // judge (an inference site of its own).
    if (C->InForward || C->Guard != CallGuard::None ||
        guardedByCallers(C->Caller))
      continue;
    if (C->Use == ResultUse::Inspected)
      return C;
    if (C->Use == ResultUse::Returned)
      if (const CallFact *Up = inspectingUnguardedCall(C->Caller, Depth + 1))
        return Up;
  }
  return nullptr;
}

Verdict ProjectIndex::resolve(const PendingFinding &F) const {
  Verdict V;
  switch (F.When) {
  case Condition::UnlessCallersGuard:
    V.Keep = !guardedByCallers(F.Function) &&
             !(F.ResultReturned && resultTrainsAtCaller(F.Function));
    break;
  case Condition::IfCallerInspectsUnguarded:
    V.Witness = resultTrainsAtCaller(F.Function)
                    ? nullptr
                    : inspectingUnguardedCall(F.Function);
    V.Keep = V.Witness != nullptr;
    break;
  case Condition::UnlessCallersEval:
    V.Keep = !evalAtCallers(F.Function, F.Param);
    break;
  case Condition::IfHelpersOnlyInspect:
    V.Keep = !F.Helpers.empty() &&
             llvm::all_of(F.Helpers, [&](const HelperParam &H) {
               return onlyInspects(H);
             });
    break;
  case Condition::IfClassesHardWireDropout:
    V.Dropout = hardWiredDropout(F.Classes);
    V.Keep = V.Dropout != nullptr;
    break;
  case Condition::IfClassesLeaveUnregistered:
    V.Unregistered = unregisteredMember(F.Classes);
    V.Keep = V.Unregistered != nullptr;
    break;
  case Condition::IfExportNeedsEval:
    V.Keep = exportNeedsEval(F.LoadPaths, V.Export);
    break;
  case Condition::IfLaterCallTrainsMember:
    V.TrainedLater =
        F.Classes.empty()
            ? nullptr
            : laterCallTraining(F.Function, F.Classes.front(), F.Member);
    V.Keep = V.TrainedLater != nullptr;
    break;
  case Condition::IfExportTracedInTraining:
    V.Export = tracedInTraining(F.LoadPaths, F.At.File);
    V.Keep = V.Export != nullptr;
    break;
  }
  return V;
}

} // namespace clang::tidy::torch_tidy::project
