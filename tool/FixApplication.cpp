#include "FixApplication.h"

#include <optional>
#include <set>

#include "DiagnosticSources.h"
#include "SourceRewrite.h"
#include "clang/Format/Format.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::torch_tidy {

namespace {

// clang's note_fixit_applied and note_fixit_failed, which clang-tidy
// prints at each edit of a finding it fixes.
constexpr llvm::StringLiteral AppliedNote =
    "FIX-IT applied suggested code changes";
constexpr llvm::StringLiteral FailedNote =
    "FIX-IT unable to apply suggested code changes";

bool usesCRLF(llvm::StringRef Code) {
  const size_t EOL = Code.find('\n');
  return EOL != llvm::StringRef::npos && EOL > 0 && Code[EOL - 1] == '\r';
}

// `Text` with each bare LF made CRLF.
std::string withCRLF(llvm::StringRef Text) {
  std::string Out;
  for (size_t I = 0; I < Text.size(); ++I) {
    if (Text[I] == '\n' && (I == 0 || Text[I - 1] != '\r'))
      Out += '\r';
    Out += Text[I];
  }
  return Out;
}

// The edits with the file's line endings.
tooling::Replacements lineEndingsOf(llvm::StringRef Code,
                                    const tooling::Replacements &Edits) {
  if (!usesCRLF(Code))
    return Edits;
  tooling::Replacements Out;
  for (const tooling::Replacement &R : Edits)
    llvm::cantFail(Out.add(
        tooling::Replacement(R.getFilePath(), R.getOffset(), R.getLength(),
                             withCRLF(R.getReplacementText()))));
  return Out;
}

// The fixed text of a file: clang-tidy's ErrorReporter::finish, per file.
llvm::Expected<std::string> fixedText(llvm::StringRef File,
                                      llvm::StringRef Code,
                                      const tooling::Replacements &Edits,
                                      ClangTidyContext &Context) {
  const std::string StyleName =
      Context.getOptionsForFile(File).FormatStyle.value_or("none");
  llvm::Expected<format::FormatStyle> Style =
      format::getStyle(StyleName, File, "none");
  if (!Style)
    return Style.takeError();
  llvm::Expected<tooling::Replacements> Cleaned =
      format::cleanupAroundReplacements(Code, Edits, *Style);
  if (!Cleaned)
    return Cleaned.takeError();
  tooling::Replacements Final = std::move(*Cleaned);
  if (llvm::Expected<tooling::Replacements> Formatted =
          format::formatReplacements(Code, Final, *Style))
    Final = std::move(*Formatted);
  else
    llvm::errs() << llvm::toString(Formatted.takeError())
                 << ". Skipping formatting.\n";
  return tooling::applyAllReplacements(Code, lineEndingsOf(Code, Final));
}

} // namespace

FixApplication::FixApplication(llvm::ArrayRef<ClangTidyError> Errors,
                               const ParsedContents &Parsed, bool AllowReadOnly)
    : Parsed(Parsed), AllowReadOnly(AllowReadOnly) {
  for (const ClangTidyError &E : Errors)
    plan(E, EditsPerError.emplace_back());
  checkFiles();
}

// As ErrorReporter::reportDiagnostic: each edit of the finding's fix joins
// its file's edits; one that overlaps an earlier edit is shifted past it
// when its length survives, and skipped otherwise.
void FixApplication::plan(const ClangTidyError &E, std::vector<Edit> &Edits) {
  const llvm::StringMap<tooling::Replacements> *Fix =
      getFixIt(E, /*AnyFix=*/false);
  if (!Fix)
    return;
  std::map<std::string, const tooling::Replacements *> Sorted;
  for (const auto &Entry : *Fix)
    Sorted.emplace(Entry.getKey().str(), &Entry.getValue());
  for (const auto &[FixFile, Replacements] : Sorted) {
    for (const tooling::Replacement &Repl : *Replacements) {
      ++Total;
      if (!Repl.isApplicable())
        continue;
      const std::string File =
          absolutePath(Repl.getFilePath(), E.BuildDirectory);
      tooling::Replacement R(File, Repl.getOffset(), Repl.getLength(),
                             Repl.getReplacementText());
      tooling::Replacements &Known = PerFile[File];
      bool Applied = true;
      if (llvm::Error Conflict = Known.add(R)) {
        llvm::errs() << "Trying to resolve conflict: "
                     << llvm::toString(std::move(Conflict)) << "\n";
        const unsigned Offset = Known.getShiftedCodePosition(R.getOffset());
        const unsigned Length =
            Known.getShiftedCodePosition(R.getOffset() + R.getLength()) -
            Offset;
        Applied = Length == R.getLength();
        if (Applied)
          Known = Known.merge(tooling::Replacements(tooling::Replacement(
              File, Offset, Length, R.getReplacementText())));
        else
          llvm::errs() << "Can't resolve conflict, skipping the replacement.\n";
      }
      Edits.push_back({File, Repl.getOffset(), Applied});
    }
  }
}

void FixApplication::checkFiles() {
  for (const auto &[File, Edits] : PerFile) {
    const ParsedContents::Lookup Seen = Parsed.find(File);
    if (Seen.Is == ParsedContents::State::NotRead)
      Refused[File] = "it was not read when the files were parsed";
    else if (Seen.Is == ParsedContents::State::ChangedDuringRun)
      Refused[File] = "it changed while the files were parsed; lint it again";
    else if (llvm::Error Bad = checkFixable(File, {Seen.Hash, AllowReadOnly}))
      Refused[File] = llvm::toString(std::move(Bad));
    else
      ParsedHash[File] = Seen.Hash;
  }
}

std::vector<ClangTidyError>
FixApplication::annotated(llvm::ArrayRef<ClangTidyError> Errors) const {
  std::vector<ClangTidyError> Out(Errors.begin(), Errors.end());
  for (size_t I = 0; I < Out.size() && I < EditsPerError.size(); ++I) {
    std::vector<tooling::DiagnosticMessage> Notes;
    for (const Edit &At : EditsPerError[I]) {
      const bool Applied = At.Applied && !Refused.count(At.File);
      tooling::DiagnosticMessage Note(Applied ? AppliedNote : FailedNote);
      Note.FilePath = At.File;
      Note.FileOffset = At.Offset;
      Notes.push_back(std::move(Note));
    }
    // (SmallVector's insert of nothing would move each note onto itself.)
    if (!Notes.empty())
      Out[I].Notes.insert(Out[I].Notes.begin(), Notes.begin(), Notes.end());
  }
  return Out;
}

bool FixApplication::apply(ClangTidyContext &Context) {
  if (Total == 0)
    return true;
  bool AllFixed = true;
  std::set<std::string> Fixed;
  for (const auto &[File, Edits] : PerFile) {
    std::optional<std::string> Problem;
    if (auto It = Refused.find(File); It != Refused.end())
      Problem = It->second;
    else if (llvm::Error E = rewriteSource(
                 File, {ParsedHash.at(File), AllowReadOnly},
                 [&, &File = File, &Edits = Edits](llvm::StringRef Code) {
                   return fixedText(File, Code, Edits, Context);
                 }))
      Problem = llvm::toString(std::move(E));
    if (Problem) {
      llvm::errs() << "torch-tidy: error: fixes not applied to '" << File
                   << "', which is unchanged: " << *Problem << "\n";
      AllFixed = false;
      continue;
    }
    Fixed.insert(File);
  }
  unsigned Applied = 0;
  for (const std::vector<Edit> &Edits : EditsPerError)
    for (const Edit &At : Edits)
      Applied += At.Applied && Fixed.count(At.File);
  llvm::errs() << "clang-tidy applied " << Applied << " of " << Total
               << " suggested fixes.\n";
  return AllFixed;
}

} // namespace clang::tidy::torch_tidy
