// Pull-request mode (--diff): the lines a change adds or modifies, read from
// a unified diff (`git diff` of a range, or any diff on stdin), so that only
// findings on those lines are reported, as clang-tidy-diff does.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace clang::tidy::torch_tidy {

class ChangedLines {
public:
  // The changed lines of a unified diff whose paths are relative to
  // `BaseDir`. Git's "a/" and "b/" prefixes are dropped when the diff has
  // them; deleted files and pure deletions change no line.
  static llvm::Expected<ChangedLines> fromUnifiedDiff(llvm::StringRef Diff,
                                                      llvm::StringRef BaseDir);
  // `git diff` of `Range` (anything `git diff` takes: "main...HEAD", "HEAD~1",
  // a commit to compare the working tree with), run in the current
  // directory's repository.
  static llvm::Expected<ChangedLines> fromGit(llvm::StringRef Range);

  // Whether the file (an absolute, normalized path) has a changed line.
  bool changes(llvm::StringRef File) const { return Files.count(File.str()); }
  // Whether line `Line` (1-based) of the file is a changed line.
  bool changes(llvm::StringRef File, unsigned Line) const;
  bool empty() const { return Files.empty(); }

private:
  // Per file, the closed ranges of changed lines, in the diff's order.
  std::map<std::string, std::vector<std::pair<unsigned, unsigned>>> Files;
};

// Keeps the findings that point at a changed line, at the warning or at one
// of its notes (a second unguarded call added to a function is a note of the
// function's finding; a train() added before an inference call is a note of
// its missing-eval finding). Compiler errors stay: a file that did not parse
// was not linted. Returns how many findings were dropped.
size_t keepChangedFindings(std::vector<ClangTidyError> &Errors,
                           const ChangedLines &Changed);

} // namespace clang::tidy::torch_tidy
