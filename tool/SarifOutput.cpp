#include "SarifOutput.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "CheckDocs.h"
#include "DiagnosticSources.h"
#include "Fingerprints.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#ifndef TORCH_TIDY_VERSION
#error "TORCH_TIDY_VERSION is set by tool/CMakeLists.txt"
#endif

namespace clang::tidy::torch_tidy {

namespace json = llvm::json;

namespace {

// The schema the log follows: OASIS's SARIF 2.1.0 with its errata, the
// version test/tool/Inputs/sarif-schema-2.1.0.json holds.
constexpr llvm::StringLiteral SchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json";
// The base of project-relative URIs, by the name GitHub code scanning and
// the SARIF spec's examples use for a checkout's root.
constexpr llvm::StringLiteral SrcRoot = "%SRCROOT%";

// llvm::json holds UTF-8 only; a message quoting source text in another
// encoding gets U+FFFD for the bytes that are not.
json::Value text(llvm::StringRef S) {
  return json::isUTF8(S) ? json::Value(S.str()) : json::Value(json::fixUTF8(S));
}

json::Object message(llvm::StringRef S) {
  return json::Object{{"text", text(S)}};
}

// A file path as a URI path: RFC 3986 lets unreserved characters,
// sub-delimiters, ':', '@' and the '/' separators stand as they are; every
// other byte (a space, '%', '#', non-ASCII) is percent-encoded.
std::string encodeUriPath(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("-._~!$&'()*+,;=:@/").contains(C))
      Out += static_cast<char>(C);
    else
      Out += "%" + llvm::utohexstr(C, /*LowerCase=*/false, /*Width=*/2);
  }
  return Out;
}

llvm::StringRef level(const ClangTidyError &E) {
  // As the text output, which prints these as `error:`.
  if (E.IsWarningAsError || E.DiagLevel == ClangTidyError::Error)
    return "error";
  return E.DiagLevel == ClangTidyError::Remark ? "note" : "warning";
}

class SarifBuilder {
public:
  explicit SarifBuilder(llvm::StringRef ProjectRoot)
      : RootDir(absolutePath(ProjectRoot, "")) {
    if (!llvm::StringRef(RootDir).ends_with("/"))
      RootDir += '/';
  }

  // The value of originalUriBaseIds' %SRCROOT%: SARIF wants it to end with
  // a slash.
  std::string rootUri() const { return "file://" + encodeUriPath(RootDir); }

  json::Object result(const ClangTidyError &E, std::optional<size_t> RuleIndex,
                      llvm::StringRef Fingerprint) {
    json::Object R{{"ruleId", E.DiagnosticName},
                   {"level", level(E)},
                   {"message", message(E.Message.Message)}};
    if (RuleIndex)
      R["ruleIndex"] = *RuleIndex;
    if (!Fingerprint.empty())
      R["partialFingerprints"] =
          json::Object{{FingerprintKey, Fingerprint.str()}};
    // Compiler errors without a place (a missing input file) have no
    // location; SARIF allows none.
    if (!E.Message.FilePath.empty())
      R["locations"] = json::Array{json::Object{
          {"physicalLocation",
           physicalLocation(E.Message.FilePath, E.Message.FileOffset,
                            E.BuildDirectory)}}};
    json::Array Related;
    for (size_t I = 0; I < E.Notes.size(); ++I) {
      const tooling::DiagnosticMessage &Note = E.Notes[I];
      // The id keeps two identical notes distinct (the schema wants the
      // array's items unique).
      json::Object Location{{"id", I}, {"message", message(Note.Message)}};
      if (!Note.FilePath.empty())
        Location["physicalLocation"] =
            physicalLocation(Note.FilePath, Note.FileOffset, E.BuildDirectory);
      Related.push_back(std::move(Location));
    }
    if (!Related.empty())
      R["relatedLocations"] = std::move(Related);
    json::Array Fixes = fixes(E);
    if (!Fixes.empty())
      R["fixes"] = std::move(Fixes);
    return R;
  }

private:
  json::Object artifactLocation(llvm::StringRef AbsPath) {
    llvm::StringRef Relative = AbsPath;
    if (Relative.consume_front(RootDir))
      return json::Object{{"uri", encodeUriPath(Relative)},
                          {"uriBaseId", SrcRoot}};
    return json::Object{{"uri", "file://" + encodeUriPath(AbsPath)}};
  }

  json::Object physicalLocation(llvm::StringRef Path, unsigned Offset,
                                llvm::StringRef BuildDir) {
    const std::string Abs = absolutePath(Path, BuildDir);
    json::Object Location{{"artifactLocation", artifactLocation(Abs)}};
    if (auto Start = Positions.at(Abs, Offset))
      Location["region"] = json::Object{{"startLine", Start->Line},
                                        {"startColumn", Start->Utf16Column}};
    return Location;
  }

  // Where a replacement applies: the byte range, exact whatever the
  // encoding, and the same range in lines and columns for viewers.
  json::Object deletedRegion(llvm::StringRef AbsPath,
                             const tooling::Replacement &R) {
    json::Object Region{{"byteOffset", R.getOffset()},
                        {"byteLength", R.getLength()}};
    auto Start = Positions.at(AbsPath, R.getOffset());
    auto End = Positions.at(AbsPath, R.getOffset() + R.getLength());
    if (Start && End) {
      Region["startLine"] = Start->Line;
      Region["startColumn"] = Start->Utf16Column;
      Region["endLine"] = End->Line;
      Region["endColumn"] = End->Utf16Column;
    }
    return Region;
  }

  std::optional<json::Object>
  fix(const llvm::StringMap<tooling::Replacements> &Fix,
      std::optional<llvm::StringRef> Description, llvm::StringRef BuildDir) {
    // StringMap's order is its hash's: sorted, the log is the same each run.
    std::vector<llvm::StringRef> Files;
    for (const auto &Entry : Fix)
      if (!Entry.second.empty())
        Files.push_back(Entry.first());
    if (Files.empty())
      return std::nullopt;
    llvm::sort(Files);
    json::Array Changes;
    for (llvm::StringRef File : Files) {
      const std::string Abs = absolutePath(File, BuildDir);
      json::Array Replacements;
      for (const tooling::Replacement &R : Fix.find(File)->second) {
        json::Object Replacement{{"deletedRegion", deletedRegion(Abs, R)}};
        if (!R.getReplacementText().empty())
          Replacement["insertedContent"] =
              json::Object{{"text", text(R.getReplacementText())}};
        Replacements.push_back(std::move(Replacement));
      }
      Changes.push_back(
          json::Object{{"artifactLocation", artifactLocation(Abs)},
                       {"replacements", std::move(Replacements)}});
    }
    json::Object F{{"artifactChanges", std::move(Changes)}};
    if (Description)
      F["description"] = message(*Description);
    return F;
  }

  // The finding's own fix-it first (the one --fix applies), then each
  // note's, as an alternative that the note describes.
  json::Array fixes(const ClangTidyError &E) {
    json::Array Fixes;
    auto Add = [&](std::optional<json::Object> F) {
      if (!F)
        return;
      json::Value V(std::move(*F));
      // The schema wants the fixes unique: two notes may offer one edit.
      if (std::find(Fixes.begin(), Fixes.end(), V) == Fixes.end())
        Fixes.push_back(std::move(V));
    };
    Add(fix(E.Message.Fix, std::nullopt, E.BuildDirectory));
    for (const tooling::DiagnosticMessage &Note : E.Notes)
      Add(fix(Note.Fix, llvm::StringRef(Note.Message), E.BuildDirectory));
    return Fixes;
  }

  std::string RootDir; // absolute, ends with '/'
  SourceLines Positions;
};

} // namespace

json::Value buildSarifLog(llvm::ArrayRef<ClangTidyError> Errors,
                          llvm::ArrayRef<std::string> EnabledChecks,
                          llvm::StringRef ProjectRoot,
                          const FindingPrints &Prints) {
  json::Array Rules;
  llvm::StringMap<size_t> RuleIndex;
  for (const std::string &Check : EnabledChecks) {
    json::Object Rule{{"id", Check}};
    if (const CheckDoc *Doc = findCheckDoc(Check)) {
      Rule["shortDescription"] = message(oneLineSummary(*Doc));
      Rule["helpUri"] = docUrl(*Doc);
    }
    RuleIndex[Check] = Rules.size();
    Rules.push_back(std::move(Rule));
  }

  SarifBuilder Builder(ProjectRoot);
  json::Array Results;
  for (size_t I = 0; I < Errors.size(); ++I) {
    const ClangTidyError &E = Errors[I];
    // Compiler diagnostics (clang-diagnostic-*) are no rule of ours.
    std::optional<size_t> Index;
    if (auto It = RuleIndex.find(E.DiagnosticName); It != RuleIndex.end())
      Index = It->second;
    Results.push_back(Builder.result(E, Index, Prints.of(E)));
  }

  json::Object Driver{{"name", "torch-tidy"},
                      {"informationUri", ProjectUrl},
                      {"rules", std::move(Rules)}};
  if (llvm::StringRef Version = TORCH_TIDY_VERSION; !Version.empty())
    Driver["version"] = Version;
  json::Object Run{
      {"tool", json::Object{{"driver", std::move(Driver)}}},
      // Columns count UTF-16 code units (converted from clang's bytes).
      {"columnKind", "utf16CodeUnits"},
      {"originalUriBaseIds",
       json::Object{{SrcRoot, json::Object{{"uri", Builder.rootUri()}}}}},
      {"results", std::move(Results)}};
  return json::Object{{"$schema", SchemaUri},
                      {"version", "2.1.0"},
                      {"runs", json::Array{std::move(Run)}}};
}

} // namespace clang::tidy::torch_tidy
