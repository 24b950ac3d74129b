// The project's call graph, built from every translation unit's facts
// (ProjectFacts.h), and the answers to the conditions of pending findings.
//
// The questions are the ones InferenceSites asks of the callers it can see
// in one translation unit, asked of every caller in the project: whether
// every caller holds a grad guard, whether a caller trains on a returned
// value, whether every caller passes a model in eval mode, and whether a
// caller without a guard merely inspects a returned value. Each climbs the
// callers up to the same depths (AnalysisLimits.h); a function without
// callers in the project guards nothing and evaluates nothing.
#pragma once

#include "ExportScripts.h"
#include "ProjectFacts.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"

#include <map>
#include <tuple>
#include <vector>

namespace clang::tidy::torch_tidy::project {

struct Verdict {
  bool Keep = true;
  // For a finding kept because of a caller: that call (a note goes there).
  const CallFact *Witness = nullptr;
  // For a finding kept because of dropout in another file: that dropout.
  const DropoutFact *Dropout = nullptr;
  // For a finding kept because of a member another file leaves
  // unregistered: that member.
  const UnregisteredFact *Unregistered = nullptr;
  // For a TorchScript finding kept because the script that saves the file
  // it loads exports a model in training mode: that export.
  const ScriptExport *Export = nullptr;
  // For an eval() left in place that a later call on the same object
  // trains in: that call.
  const SourcePoint *TrainedLater = nullptr;
};

class ProjectIndex {
public:
  // `Exports`: the project's export scripts (ExportScripts.h), for the
  // TorchScript modules its C++ code loads.
  explicit ProjectIndex(llvm::ArrayRef<TranslationUnitFacts> Units,
                        llvm::ArrayRef<ScriptExport> Exports = {});

  Verdict resolve(const PendingFinding &F) const;

  bool guardedByCallers(llvm::StringRef Function, int Depth = 0) const;
  bool resultTrainsAtCaller(llvm::StringRef Function, int Depth = 0) const;
  bool evalAtCallers(llvm::StringRef Function, unsigned Param,
                     int Depth = 0) const;
  // A call without a guard (neither at it nor at every caller of its
  // caller) that only inspects the result of `Function`, or of a caller
  // that returns it on; null when there is none.
  const CallFact *inspectingUnguardedCall(llvm::StringRef Function,
                                          int Depth = 0) const;
  // Whether the helper is defined in a linted file and only inspects the
  // parameter or returns it (a returned value is the caller's to follow),
  // and so does every helper it passes it on to.
  bool onlyInspects(const HelperParam &H, int Depth = 0) const;
  // The hard-wired dropout one of `Classes` runs, or null.
  const DropoutFact *
  hardWiredDropout(llvm::ArrayRef<std::string> Classes) const;
  // A mode-dependent member one of `Classes` leaves unregistered, or null.
  const UnregisteredFact *
  unregisteredMember(llvm::ArrayRef<std::string> Classes) const;
  // Whether a TorchScript module loaded from one of `LoadPaths` may need
  // eval(): the exports that save a file of those names decide; a file
  // that no script saves may need it; a path that names no file (an
  // argument, a configuration value) is decided by the exports of the
  // project's one export script, and may need it when there are none or
  // several scripts. `Witness` is set to the
  // export that saves the named file in training mode.
  bool exportNeedsEval(llvm::ArrayRef<std::string> LoadPaths,
                       const ScriptExport *&Witness) const;
  // The export a TorchScript module loaded from one of `LoadPaths` (by a
  // finding in file `Near`) comes from when it was traced in training mode
  // from layers that may depend on it, or null: the exports that save a
  // file of those names; with no file name, those of the one export script
  // in `Near`'s directory, else of the project's one script.
  const ScriptExport *tracedInTraining(llvm::ArrayRef<std::string> LoadPaths,
                                       llvm::StringRef Near) const;

  // A call, on an object on which `Function` (a member function of
  // `Class` that leaves its member `Member` in eval mode) was called
  // before, of a member function that trains the member as it finds it,
  // with no call in between that switches it back; null when there is
  // none.
  const SourcePoint *laterCallTraining(llvm::StringRef Function,
                                       llvm::StringRef Class,
                                       llvm::StringRef Member) const;

private:
  llvm::ArrayRef<const CallFact *> callersOf(llvm::StringRef Function) const;
  const MemberModeFact *memberMode(llvm::StringRef Function,
                                   llvm::StringRef Class,
                                   llvm::StringRef Member) const;
  llvm::StringMap<std::vector<const CallFact *>> Callers;
  // Per function, its parameters' facts.
  llvm::StringMap<std::vector<const ParamFact *>> Params;
  // Per class, the first hard-wired dropout its member functions run.
  llvm::StringMap<const DropoutFact *> Dropouts;
  // Per class, the first member its constructors leave unregistered.
  llvm::StringMap<const UnregisteredFact *> Unregistered;
  llvm::ArrayRef<ScriptExport> Exports;
  // Per (function, class, member), what the function does with the
  // member's mode.
  std::map<std::tuple<llvm::StringRef, llvm::StringRef, llvm::StringRef>,
           const MemberModeFact *>
      MemberModes;
  std::vector<const ObjectCallsFact *> ObjectCalls;
};

} // namespace clang::tidy::torch_tidy::project
