#include "ProjectFacts.h"

#include <algorithm>
#include <limits>

namespace clang::tidy::torch_tidy::project {

namespace {

// Enum <-> JSON string, one table per enum.
template <typename E> struct Names;
template <> struct Names<CallGuard> {
  static constexpr std::pair<CallGuard, llvm::StringLiteral> Table[] = {
      {CallGuard::None, "none"},
      {CallGuard::Disabled, "disabled"},
      {CallGuard::Unknown, "unknown"}};
};
template <> struct Names<ResultUse> {
  static constexpr std::pair<ResultUse, llvm::StringLiteral> Table[] = {
      {ResultUse::Ignored, "ignored"},
      {ResultUse::Inspected, "inspected"},
      {ResultUse::Trains, "trains"},
      {ResultUse::Returned, "returned"},
      {ResultUse::Escapes, "escapes"}};
};
template <> struct Names<Condition> {
  static constexpr std::pair<Condition, llvm::StringLiteral> Table[] = {
      {Condition::UnlessCallersGuard, "unless-callers-guard"},
      {Condition::IfCallerInspectsUnguarded, "if-caller-inspects-unguarded"},
      {Condition::UnlessCallersEval, "unless-callers-eval"},
      {Condition::IfHelpersOnlyInspect, "if-helpers-only-inspect"},
      {Condition::IfClassesHardWireDropout, "if-classes-hard-wire-dropout"},
      {Condition::IfClassesLeaveUnregistered, "if-classes-leave-unregistered"},
      {Condition::IfExportNeedsEval, "if-export-needs-eval"},
      {Condition::IfLaterCallTrainsMember, "if-later-call-trains-member"},
      {Condition::IfExportTracedInTraining, "if-export-traced-in-training"}};
};

template <typename E> llvm::StringRef nameOf(E Value) {
  for (const auto &[V, N] : Names<E>::Table)
    if (V == Value)
      return N;
  llvm_unreachable("every enumerator is in its table");
}

template <typename E>
bool enumFromJSON(const llvm::json::Value *V, E &Out, llvm::json::Path P) {
  if (std::optional<llvm::StringRef> S = V ? V->getAsString() : std::nullopt)
    for (const auto &[Value, Name] : Names<E>::Table)
      if (Name == *S) {
        Out = Value;
        return true;
      }
  P.report("expected one of the names of its enumeration");
  return false;
}

bool unsignedFromJSON(const llvm::json::Value *V, unsigned &Out,
                      llvm::json::Path P) {
  std::optional<uint64_t> N = V ? V->getAsUINT64() : std::nullopt;
  if (!N || *N > std::numeric_limits<unsigned>::max()) {
    P.report("expected an unsigned 32-bit integer");
    return false;
  }
  Out = static_cast<unsigned>(*N);
  return true;
}

bool unsignedsFromJSON(const llvm::json::Value *V, std::vector<unsigned> &Out,
                       llvm::json::Path P) {
  const llvm::json::Array *A = V ? V->getAsArray() : nullptr;
  if (!A) {
    P.report("expected an array");
    return false;
  }
  Out.resize(A->size());
  for (size_t I = 0; I < A->size(); ++I)
    if (!unsignedFromJSON(&(*A)[I], Out[I], P.index(I)))
      return false;
  return true;
}

llvm::json::Value toJSON(const SourcePoint &S) {
  return llvm::json::Object{{"file", S.File}, {"offset", S.Offset}};
}

bool pointFromJSON(const llvm::json::Value *V, SourcePoint &S,
                   llvm::json::Path P) {
  const llvm::json::Object *O = V ? V->getAsObject() : nullptr;
  std::optional<llvm::StringRef> File = O ? O->getString("file") : std::nullopt;
  if (!File) {
    P.report("expected {file, offset}");
    return false;
  }
  S.File = File->str();
  return unsignedFromJSON(O->get("offset"), S.Offset, P.field("offset"));
}

llvm::json::Value toJSON(const HelperParam &H) {
  return llvm::json::Object{{"function", H.Function}, {"param", H.Param}};
}

llvm::json::Value toJSON(const std::vector<HelperParam> &Hs) {
  llvm::json::Array A;
  for (const HelperParam &H : Hs)
    A.push_back(toJSON(H));
  return A;
}

bool helpersFromJSON(const llvm::json::Value *V, std::vector<HelperParam> &Out,
                     llvm::json::Path P) {
  const llvm::json::Array *A = V ? V->getAsArray() : nullptr;
  if (!A) {
    P.report("expected an array");
    return false;
  }
  Out.resize(A->size());
  for (size_t I = 0; I < A->size(); ++I) {
    const llvm::json::Object *O = (*A)[I].getAsObject();
    std::optional<llvm::StringRef> F =
        O ? O->getString("function") : std::nullopt;
    if (!F) {
      P.index(I).report("expected {function, param}");
      return false;
    }
    Out[I].Function = F->str();
    if (!unsignedFromJSON(O->get("param"), Out[I].Param,
                          P.index(I).field("param")))
      return false;
  }
  return true;
}

} // namespace

llvm::json::Value toJSON(const ParamFact &F) {
  return llvm::json::Object{{"function", F.Of.Function},
                            {"param", F.Of.Param},
                            {"use", nameOf(F.Use)},
                            {"passedTo", toJSON(F.PassedTo)}};
}

bool fromJSON(const llvm::json::Value &V, ParamFact &F, llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  if (!O || !O.map("function", F.Of.Function))
    return false;
  const llvm::json::Object &Obj = *V.getAsObject();
  return unsignedFromJSON(Obj.get("param"), F.Of.Param, P.field("param")) &&
         enumFromJSON(Obj.get("use"), F.Use, P.field("use")) &&
         helpersFromJSON(Obj.get("passedTo"), F.PassedTo, P.field("passedTo"));
}

llvm::json::Value toJSON(const CallFact &C) {
  llvm::json::Array ParamArgs;
  for (const auto &[Arg, Param] : C.ParamArgs)
    ParamArgs.push_back(llvm::json::Array{Arg, Param});
  return llvm::json::Object{
      {"caller", C.Caller},     {"callee", C.Callee},
      {"at", toJSON(C.At)},     {"guard", nameOf(C.Guard)},
      {"use", nameOf(C.Use)},   {"inForward", C.InForward},
      {"evalArgs", C.EvalArgs}, {"paramArgs", std::move(ParamArgs)}};
}

llvm::json::Value toJSON(const PendingFinding &F) {
  return llvm::json::Object{{"check", F.Check},
                            {"at", toJSON(F.At)},
                            {"function", F.Function},
                            {"when", nameOf(F.When)},
                            {"param", F.Param},
                            {"resultReturned", F.ResultReturned},
                            {"helpers", toJSON(F.Helpers)},
                            {"classes", F.Classes},
                            {"loadPaths", F.LoadPaths},
                            {"member", F.Member},
                            {"message", F.Message}};
}

llvm::json::Value toJSON(const DropoutFact &D) {
  return llvm::json::Object{{"class", D.Class}, {"at", toJSON(D.At)}};
}

bool fromJSON(const llvm::json::Value &V, DropoutFact &D, llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  return O && O.map("class", D.Class) &&
         pointFromJSON(V.getAsObject()->get("at"), D.At, P.field("at"));
}

llvm::json::Value toJSON(const UnregisteredFact &U) {
  return llvm::json::Object{
      {"class", U.Class}, {"member", U.Member}, {"at", toJSON(U.At)}};
}

bool fromJSON(const llvm::json::Value &V, UnregisteredFact &U,
              llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  return O && O.map("class", U.Class) && O.map("member", U.Member) &&
         pointFromJSON(V.getAsObject()->get("at"), U.At, P.field("at"));
}

llvm::json::Value toJSON(const MemberModeFact &M) {
  return llvm::json::Object{{"function", M.Function},
                            {"class", M.Class},
                            {"member", M.Member},
                            {"restores", M.Restores},
                            {"trainsAsFound", M.TrainsAsFound},
                            {"at", toJSON(M.At)}};
}

bool fromJSON(const llvm::json::Value &V, MemberModeFact &M,
              llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  return O && O.map("function", M.Function) && O.map("class", M.Class) &&
         O.map("member", M.Member) && O.map("restores", M.Restores) &&
         O.map("trainsAsFound", M.TrainsAsFound) &&
         pointFromJSON(V.getAsObject()->get("at"), M.At, P.field("at"));
}

llvm::json::Value toJSON(const ObjectCallsFact &O) {
  llvm::json::Array At, Follows;
  for (const SourcePoint &Point : O.At)
    At.push_back(toJSON(Point));
  for (const auto &[I, J] : O.Follows)
    Follows.push_back(llvm::json::Array{I, J});
  return llvm::json::Object{{"caller", O.Caller},
                            {"callees", O.Callees},
                            {"at", std::move(At)},
                            {"follows", std::move(Follows)}};
}

bool fromJSON(const llvm::json::Value &V, ObjectCallsFact &O,
              llvm::json::Path P) {
  llvm::json::ObjectMapper M(V, P);
  if (!M || !M.map("caller", O.Caller) || !M.map("callees", O.Callees))
    return false;
  const llvm::json::Object &Obj = *V.getAsObject();
  const llvm::json::Array *At = Obj.getArray("at");
  const llvm::json::Array *Follows = Obj.getArray("follows");
  if (!At || At->size() != O.Callees.size()) {
    P.field("at").report("expected one point per callee");
    return false;
  }
  if (!Follows) {
    P.field("follows").report("expected an array");
    return false;
  }
  O.At.resize(At->size());
  for (size_t I = 0; I < At->size(); ++I)
    if (!pointFromJSON(&(*At)[I], O.At[I], P.field("at").index(I)))
      return false;
  for (size_t I = 0; I < Follows->size(); ++I) {
    std::vector<unsigned> Pair;
    if (!unsignedsFromJSON(&(*Follows)[I], Pair, P.field("follows").index(I)))
      return false;
    if (Pair.size() != 2 || Pair[0] >= O.Callees.size() ||
        Pair[1] >= O.Callees.size()) {
      P.field("follows").index(I).report("expected [call, later call]");
      return false;
    }
    O.Follows.push_back({Pair[0], Pair[1]});
  }
  return true;
}

llvm::json::Value toJSON(const TranslationUnitFacts &T) {
  llvm::json::Array Calls, Params, Pending, Dropouts, Unregistered, MemberModes,
      ObjectCalls;
  for (const CallFact &C : T.Calls)
    Calls.push_back(toJSON(C));
  for (const ParamFact &F : T.Params)
    Params.push_back(toJSON(F));
  for (const PendingFinding &F : T.Pending)
    Pending.push_back(toJSON(F));
  for (const DropoutFact &D : T.Dropouts)
    Dropouts.push_back(toJSON(D));
  for (const UnregisteredFact &U : T.Unregistered)
    Unregistered.push_back(toJSON(U));
  for (const MemberModeFact &M : T.MemberModes)
    MemberModes.push_back(toJSON(M));
  for (const ObjectCallsFact &O : T.ObjectCalls)
    ObjectCalls.push_back(toJSON(O));
  return llvm::json::Object{{"calls", std::move(Calls)},
                            {"params", std::move(Params)},
                            {"pending", std::move(Pending)},
                            {"dropouts", std::move(Dropouts)},
                            {"unregistered", std::move(Unregistered)},
                            {"memberModes", std::move(MemberModes)},
                            {"objectCalls", std::move(ObjectCalls)}};
}

bool fromJSON(const llvm::json::Value &V, CallFact &C, llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  if (!O || !O.map("caller", C.Caller) || !O.map("callee", C.Callee) ||
      !O.map("inForward", C.InForward))
    return false;
  const llvm::json::Object &Obj = *V.getAsObject();
  if (!pointFromJSON(Obj.get("at"), C.At, P.field("at")) ||
      !enumFromJSON(Obj.get("guard"), C.Guard, P.field("guard")) ||
      !enumFromJSON(Obj.get("use"), C.Use, P.field("use")) ||
      !unsignedsFromJSON(Obj.get("evalArgs"), C.EvalArgs, P.field("evalArgs")))
    return false;
  const llvm::json::Array *Pairs = Obj.getArray("paramArgs");
  if (!Pairs) {
    P.field("paramArgs").report("expected an array");
    return false;
  }
  for (size_t I = 0; I < Pairs->size(); ++I) {
    std::vector<unsigned> Pair;
    if (!unsignedsFromJSON(&(*Pairs)[I], Pair, P.field("paramArgs").index(I)))
      return false;
    if (Pair.size() != 2) {
      P.field("paramArgs").index(I).report("expected [argument, parameter]");
      return false;
    }
    C.ParamArgs.push_back({Pair[0], Pair[1]});
  }
  return true;
}

bool fromJSON(const llvm::json::Value &V, PendingFinding &F,
              llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  if (!O || !O.map("check", F.Check) || !O.map("function", F.Function) ||
      !O.map("resultReturned", F.ResultReturned))
    return false;
  const llvm::json::Object &Obj = *V.getAsObject();
  return pointFromJSON(Obj.get("at"), F.At, P.field("at")) &&
         enumFromJSON(Obj.get("when"), F.When, P.field("when")) &&
         unsignedFromJSON(Obj.get("param"), F.Param, P.field("param")) &&
         helpersFromJSON(Obj.get("helpers"), F.Helpers, P.field("helpers")) &&
         O.mapOptional("classes", F.Classes) &&
         O.mapOptional("loadPaths", F.LoadPaths) &&
         O.mapOptional("member", F.Member) &&
         O.mapOptional("message", F.Message);
}

bool fromJSON(const llvm::json::Value &V, TranslationUnitFacts &T,
              llvm::json::Path P) {
  llvm::json::ObjectMapper O(V, P);
  return O && O.map("calls", T.Calls) && O.map("params", T.Params) &&
         O.map("pending", T.Pending) && O.mapOptional("dropouts", T.Dropouts) &&
         O.mapOptional("unregistered", T.Unregistered) &&
         O.mapOptional("memberModes", T.MemberModes) &&
         O.mapOptional("objectCalls", T.ObjectCalls);
}

namespace {
// Sorts `Facts` by `Key` and keeps one of each key.
template <typename T, typename KeyFn>
void sortUnique(std::vector<T> &Facts, KeyFn Key) {
  llvm::sort(Facts, [&](const T &A, const T &B) { return Key(A) < Key(B); });
  Facts.erase(
      std::unique(Facts.begin(), Facts.end(),
                  [&](const T &A, const T &B) { return Key(A) == Key(B); }),
      Facts.end());
}
} // namespace

void FactsRecorder::finish() {
  sortUnique(Facts.Calls, [](const CallFact &C) {
    return std::tie(C.At, C.Callee, C.Caller);
  });
  sortUnique(Facts.Params, [](const ParamFact &F) {
    return std::tie(F.Of.Function, F.Of.Param);
  });
  sortUnique(Facts.Pending, [](const PendingFinding &F) {
    return std::tie(F.At, F.Check, F.Function, F.When, F.Param, F.Message);
  });
  sortUnique(Facts.Dropouts,
             [](const DropoutFact &D) { return std::tie(D.Class, D.At); });
  sortUnique(Facts.Unregistered, [](const UnregisteredFact &U) {
    return std::tie(U.Class, U.At, U.Member);
  });
  sortUnique(Facts.MemberModes, [](const MemberModeFact &M) {
    return std::tie(M.Function, M.Class, M.Member);
  });
  sortUnique(Facts.ObjectCalls,
             [](const ObjectCallsFact &O) { return std::tie(O.Caller, O.At); });
}

namespace {
thread_local FactsRecorder *Active = nullptr;
} // namespace

FactsRecorder *activeRecorder() { return Active; }

RecorderScope::RecorderScope(FactsRecorder &R) : Previous(Active) {
  Active = &R;
}

RecorderScope::~RecorderScope() { Active = Previous; }

} // namespace clang::tidy::torch_tidy::project
