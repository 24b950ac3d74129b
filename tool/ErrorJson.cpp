#include "ErrorJson.h"

#include <limits>
#include <optional>

namespace clang::tidy::torch_tidy {

namespace json = llvm::json;

namespace {

// JSON has no unsigned int reader.
bool readUnsigned(const json::Value *V, unsigned &Out, json::Path P) {
  std::optional<uint64_t> N = V ? V->getAsUINT64() : std::nullopt;
  if (!N || *N > std::numeric_limits<unsigned>::max()) {
    P.report("expected an unsigned integer");
    return false;
  }
  Out = static_cast<unsigned>(*N);
  return true;
}

json::Value rangeToJSON(const tooling::FileByteRange &R) {
  return json::Array{R.FilePath, R.FileOffset, R.Length};
}

bool rangeFromJSON(const json::Value &V, tooling::FileByteRange &R,
                   json::Path P) {
  const json::Array *A = V.getAsArray();
  if (!A || A->size() != 3) {
    P.report("expected [file, offset, length]");
    return false;
  }
  return json::fromJSON((*A)[0], R.FilePath, P.index(0)) &&
         readUnsigned(&(*A)[1], R.FileOffset, P.index(1)) &&
         readUnsigned(&(*A)[2], R.Length, P.index(2));
}

json::Value replacementsToJSON(const tooling::Replacements &Rs) {
  json::Array A;
  for (const tooling::Replacement &R : Rs)
    A.push_back(json::Array{R.getFilePath(), R.getOffset(), R.getLength(),
                            R.getReplacementText()});
  return A;
}

bool replacementsFromJSON(const json::Value &V, tooling::Replacements &Rs,
                          json::Path P) {
  const json::Array *A = V.getAsArray();
  if (!A) {
    P.report("expected an array");
    return false;
  }
  for (size_t I = 0; I < A->size(); ++I) {
    const json::Array *R = (*A)[I].getAsArray();
    std::string File, Text;
    unsigned Offset = 0, Length = 0;
    if (!R || R->size() != 4 || !json::fromJSON((*R)[0], File, P) ||
        !readUnsigned(&(*R)[1], Offset, P) ||
        !readUnsigned(&(*R)[2], Length, P) ||
        !json::fromJSON((*R)[3], Text, P)) {
      P.index(I).report("expected [file, offset, length, text]");
      return false;
    }
    if (llvm::Error Err =
            Rs.add(tooling::Replacement(File, Offset, Length, Text))) {
      llvm::consumeError(std::move(Err));
      P.index(I).report("conflicting replacement");
      return false;
    }
  }
  return true;
}

json::Value messageToJSON(const tooling::DiagnosticMessage &M) {
  json::Object Fix;
  for (const auto &Entry : M.Fix)
    Fix[Entry.getKey()] = replacementsToJSON(Entry.getValue());
  json::Array Ranges;
  for (const tooling::FileByteRange &R : M.Ranges)
    Ranges.push_back(rangeToJSON(R));
  return json::Object{{"message", M.Message},
                      {"file", M.FilePath},
                      {"offset", M.FileOffset},
                      {"fix", std::move(Fix)},
                      {"ranges", std::move(Ranges)}};
}

bool messageFromJSON(const json::Value &V, tooling::DiagnosticMessage &M,
                     json::Path P) {
  json::ObjectMapper O(V, P);
  const json::Object *Obj = V.getAsObject();
  if (!O || !O.map("message", M.Message) || !O.map("file", M.FilePath) ||
      !readUnsigned(Obj->get("offset"), M.FileOffset, P.field("offset")))
    return false;
  const json::Object *Fix = Obj->getObject("fix");
  const json::Array *Ranges = Obj->getArray("ranges");
  if (!Fix || !Ranges) {
    P.report("expected fix and ranges");
    return false;
  }
  for (const auto &[File, Rs] : *Fix)
    if (!replacementsFromJSON(Rs, M.Fix[File.str()], P.field(File)))
      return false;
  for (size_t I = 0; I < Ranges->size(); ++I)
    if (!rangeFromJSON((*Ranges)[I], M.Ranges.emplace_back(),
                       P.field("ranges").index(I)))
      return false;
  return true;
}

} // namespace

json::Value errorToJSON(const ClangTidyError &E) {
  json::Array Notes;
  for (const tooling::DiagnosticMessage &N : E.Notes)
    Notes.push_back(messageToJSON(N));
  return json::Object{{"check", E.DiagnosticName},
                      {"level", static_cast<int>(E.DiagLevel)},
                      {"buildDirectory", E.BuildDirectory},
                      {"warningAsError", E.IsWarningAsError},
                      {"aliases", E.EnabledDiagnosticAliases},
                      {"message", messageToJSON(E.Message)},
                      {"notes", std::move(Notes)}};
}

bool errorFromJSON(const json::Value &V, ClangTidyError &E, json::Path P) {
  json::ObjectMapper O(V, P);
  int Level = 0;
  if (!O || !O.map("check", E.DiagnosticName) || !O.map("level", Level) ||
      !O.map("buildDirectory", E.BuildDirectory) ||
      !O.map("warningAsError", E.IsWarningAsError) ||
      !O.map("aliases", E.EnabledDiagnosticAliases))
    return false;
  if (Level != tooling::Diagnostic::Remark &&
      Level != tooling::Diagnostic::Warning &&
      Level != tooling::Diagnostic::Error) {
    P.field("level").report("unknown level");
    return false;
  }
  E.DiagLevel = static_cast<tooling::Diagnostic::Level>(Level);
  const json::Object *Obj = V.getAsObject();
  const json::Value *Message = Obj->get("message");
  const json::Array *Notes = Obj->getArray("notes");
  if (!Message || !Notes) {
    P.report("expected message and notes");
    return false;
  }
  if (!messageFromJSON(*Message, E.Message, P.field("message")))
    return false;
  for (size_t I = 0; I < Notes->size(); ++I)
    if (!messageFromJSON((*Notes)[I], E.Notes.emplace_back(),
                         P.field("notes").index(I)))
      return false;
  return true;
}

json::Value statsToJSON(const ClangTidyStats &S) {
  return json::Array{S.ErrorsDisplayed, S.ErrorsIgnoredCheckFilter,
                     S.ErrorsIgnoredNOLINT, S.ErrorsIgnoredNonUserCode,
                     S.ErrorsIgnoredLineFilter};
}

bool statsFromJSON(const json::Value &V, ClangTidyStats &S, json::Path P) {
  const json::Array *A = V.getAsArray();
  if (!A || A->size() != 5) {
    P.report("expected five counts");
    return false;
  }
  unsigned *Fields[] = {&S.ErrorsDisplayed, &S.ErrorsIgnoredCheckFilter,
                        &S.ErrorsIgnoredNOLINT, &S.ErrorsIgnoredNonUserCode,
                        &S.ErrorsIgnoredLineFilter};
  for (size_t I = 0; I < 5; ++I)
    if (!readUnsigned(&(*A)[I], *Fields[I], P.index(I)))
      return false;
  return true;
}

} // namespace clang::tidy::torch_tidy
