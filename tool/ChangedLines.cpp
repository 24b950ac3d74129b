#include "ChangedLines.h"
#include "DiagnosticSources.h"

#include <optional>

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace clang::tidy::torch_tidy {
namespace {

// A path as git writes it in a "---"/"+++" line: plain up to a tab (diff(1)
// puts a timestamp there), or C-quoted when it holds special characters.
std::string diffPath(llvm::StringRef Text) {
  if (!Text.starts_with("\""))
    return Text.split('\t').first.rtrim("\r").str();
  std::string Path;
  for (size_t I = 1; I < Text.size() && Text[I] != '"'; ++I) {
    if (Text[I] != '\\' || I + 1 == Text.size()) {
      Path += Text[I];
      continue;
    }
    const char C = Text[++I];
    if (C >= '0' && C <= '7') { // \ooo: a byte, as git escapes UTF-8
      unsigned Byte = 0;
      for (int N = 0;
           N < 3 && I < Text.size() && Text[I] >= '0' && Text[I] <= '7';
           ++N, ++I)
        Byte = Byte * 8 + (Text[I] - '0');
      --I;
      Path += static_cast<char>(Byte);
    } else {
      Path += C == 't' ? '\t' : C == 'n' ? '\n' : C;
    }
  }
  return Path;
}

// "@@ -12,3 +14,5 @@": the counts of old and new lines, and the first new
// line. A count left out is 1.
struct HunkHeader {
  unsigned OldCount = 1, NewStart = 0, NewCount = 1;
};

std::optional<HunkHeader> parseHunkHeader(llvm::StringRef Line) {
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Line.split(Parts, ' ', /*MaxSplit=*/3, /*KeepEmpty=*/false);
  if (Parts.size() < 3 || Parts[0] != "@@" || !Parts[1].starts_with("-") ||
      !Parts[2].starts_with("+"))
    return std::nullopt;
  HunkHeader H;
  auto [OldStart, OldCount] = Parts[1].drop_front().split(',');
  auto [NewStart, NewCount] = Parts[2].drop_front().split(',');
  unsigned Ignored = 0;
  if (OldStart.getAsInteger(10, Ignored) ||
      NewStart.getAsInteger(10, H.NewStart) ||
      (!OldCount.empty() && OldCount.getAsInteger(10, H.OldCount)) ||
      (!NewCount.empty() && NewCount.getAsInteger(10, H.NewCount)))
    return std::nullopt;
  return H;
}

llvm::Error diffError(unsigned LineNo, const llvm::Twine &What) {
  return llvm::createStringError("malformed diff at line " +
                                 llvm::Twine(LineNo) + ": " + What);
}

// Runs git with `Args` in the current directory; its standard output, or
// an error with what it printed on standard error.
llvm::Expected<std::string> runGit(llvm::ArrayRef<llvm::StringRef> Args) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError("--diff needs git, which is not on PATH");
  llvm::SmallString<128> Out, Err;
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("torch-tidy-git", "out", Out))
    return llvm::errorCodeToError(EC);
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("torch-tidy-git", "err", Err))
    return llvm::errorCodeToError(EC);
  llvm::SmallVector<llvm::StringRef, 12> Argv = {*Git};
  Argv.append(Args.begin(), Args.end());
  const std::optional<llvm::StringRef> Redirects[] = {
      llvm::StringRef(""), llvm::StringRef(Out), llvm::StringRef(Err)};
  std::string ExecError;
  const int Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt,
                                               Redirects, 0, 0, &ExecError);
  auto Read = [](llvm::StringRef Path) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> B =
        llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                    /*RequiresNullTerminator=*/false);
    std::string Text = B ? (*B)->getBuffer().str() : "";
    llvm::sys::fs::remove(Path);
    return Text;
  };
  std::string Stdout = Read(Out);
  const std::string Stderr = Read(Err);
  if (Status != 0) {
    std::string Why = llvm::StringRef(Stderr).trim().str();
    if (Why.empty())
      Why = ExecError.empty() ? "exit status " + std::to_string(Status)
                              : ExecError;
    return llvm::createStringError("git " + llvm::join(Args, " ") +
                                   " failed: " + Why);
  }
  return Stdout;
}

} // namespace

llvm::Expected<ChangedLines>
ChangedLines::fromUnifiedDiff(llvm::StringRef Diff, llvm::StringRef BaseDir) {
  ChangedLines Result;
  std::string OldPath;
  std::vector<std::pair<unsigned, unsigned>> *Current = nullptr;
  unsigned OldLeft = 0, NewLeft = 0, NextNew = 0, LineNo = 0;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    ++LineNo;
    // Inside a hunk every line is a removed, added or context line: a
    // removed line that reads "-- x" is not a file header.
    if (OldLeft > 0 || NewLeft > 0) {
      if (Line.starts_with("\\")) // "\ No newline at end of file"
        continue;
      // Some tools strip the blank of an empty context line.
      const char Kind = Line.empty() ? ' ' : Line.front();
      const bool Old = Kind == '-' || Kind == ' ';
      const bool New = Kind == '+' || Kind == ' ';
      if ((!Old && !New) || (Old && OldLeft == 0) || (New && NewLeft == 0))
        return diffError(LineNo, "the hunk does not match its header");
      OldLeft -= Old;
      NewLeft -= New;
      // Only added lines are changed lines; context lines are not.
      if (Kind == '+' && Current) {
        if (!Current->empty() && Current->back().second + 1 == NextNew)
          Current->back().second = NextNew;
        else
          Current->emplace_back(NextNew, NextNew);
      }
      NextNew += New;
      continue;
    }
    if (Line.starts_with("--- ")) {
      OldPath = diffPath(Line.drop_front(4));
      continue;
    }
    if (Line.starts_with("+++ ")) {
      std::string NewPath = diffPath(Line.drop_front(4));
      Current = nullptr;
      if (NewPath == "/dev/null") // a deleted file
        continue;
      // Git's prefixes (its default; `git diff --no-prefix` has none).
      if (llvm::StringRef(NewPath).starts_with("b/") &&
          (llvm::StringRef(OldPath).starts_with("a/") ||
           OldPath == "/dev/null"))
        NewPath.erase(0, 2);
      Current = &Result.Files[canonicalPath(NewPath, BaseDir)];
      continue;
    }
    if (Line.starts_with("@@ ")) {
      std::optional<HunkHeader> H = parseHunkHeader(Line);
      if (!H)
        return diffError(LineNo, "bad hunk header '" + Line + "'");
      OldLeft = H->OldCount;
      NewLeft = H->NewCount;
      NextNew = H->NewStart;
    }
    // Anything else is a header ("diff --git", "index ...", "new file
    // mode ...") or text around the diff (a mail's body): skipped.
  }
  if (OldLeft > 0 || NewLeft > 0)
    return diffError(LineNo, "the last hunk is cut short");
  return Result;
}

llvm::Expected<ChangedLines> ChangedLines::fromGit(llvm::StringRef Range) {
  llvm::Expected<std::string> Top = runGit({"rev-parse", "--show-toplevel"});
  if (!Top)
    return Top.takeError();
  // Fixed prefixes and no external diff or colour: the same text whatever
  // the user's git configuration.
  llvm::Expected<std::string> Diff =
      runGit({"diff", "-U0", "--no-color", "--no-ext-diff", "--src-prefix=a/",
              "--dst-prefix=b/", Range, "--"});
  if (!Diff)
    return Diff.takeError();
  return fromUnifiedDiff(*Diff, llvm::StringRef(*Top).trim());
}

bool ChangedLines::changes(llvm::StringRef File, unsigned Line) const {
  auto It = Files.find(File.str());
  if (It == Files.end())
    return false;
  for (const auto &[First, Last] : It->second)
    if (Line >= First && Line <= Last)
      return true;
  return false;
}

size_t keepChangedFindings(std::vector<ClangTidyError> &Errors,
                           const ChangedLines &Changed) {
  // A diff's line numbers: a file with lone CRs is one line to git.
  SourceLines Lines(SourceLines::LineEnds::Diff);
  const size_t Before = Errors.size();
  llvm::erase_if(Errors, [&](const ClangTidyError &E) {
    if (isToolError(E))
      return false;
    auto OnChangedLine = [&](const tooling::DiagnosticMessage &M) {
      if (M.FilePath.empty())
        return false;
      const std::string File = canonicalPath(M.FilePath, E.BuildDirectory);
      std::optional<SourceLines::Position> At = Lines.at(File, M.FileOffset);
      return At && Changed.changes(File, At->Line);
    };
    return !OnChangedLine(E.Message) && llvm::none_of(E.Notes, OnChangedLine);
  });
  return Before - Errors.size();
}

} // namespace clang::tidy::torch_tidy
