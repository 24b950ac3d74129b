// The files diagnostics and diffs name: their paths made comparable, and
// the lines at the diagnostics' byte offsets.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

namespace clang::tidy::torch_tidy {

// `Path` made absolute against `BaseDir` (the compile command's directory,
// as diagnostics and replacements name files; the current directory when
// empty), with "." and ".." removed.
std::string absolutePath(llvm::StringRef Path, llvm::StringRef BaseDir);

// The same with symbolic links resolved when the file exists, so that a
// diff's path and the compilation database's compare equal.
std::string canonicalPath(llvm::StringRef Path, llvm::StringRef BaseDir);

// A compiler error (clang-diagnostic-*): the file was not linted whole.
bool isCompilerError(const ClangTidyError &E);

// An invalid check option (clang-tidy-config): a configuration error, not
// a finding.
bool isConfigurationError(const ClangTidyError &E);

// A compiler or configuration error: shown always, never a finding (not
// filtered by --diff or --baseline, not counted).
bool isToolError(const ClangTidyError &E);

// How many UTF-16 code units `Text` is; bytes that are not UTF-8 count one
// each.
unsigned utf16Length(llvm::StringRef Text);

// Lines and byte columns of byte offsets, and the text of their lines; a
// file is read once however many diagnostics point into it.
class SourceLines {
public:
  // Where lines end: as the compiler counts them (LF, CRLF or a lone CR),
  // or as diff and git do (LF only: a file with lone CRs is one line).
  enum class LineEnds { Compiler, Diff };
  explicit SourceLines(LineEnds Ends = LineEnds::Compiler) : Ends(Ends) {}

  struct Position {
    unsigned Line;        // 1-based, lines ending as Ends says
    unsigned Column;      // 1-based, in bytes
    unsigned Utf16Column; // 1-based, in UTF-16 code units (SARIF's default)
  };
  std::optional<Position> at(llvm::StringRef File, unsigned Offset);
  // The line's text without its end of line; empty when unknown.
  llvm::StringRef lineText(llvm::StringRef File, unsigned Offset);

private:
  struct Source {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<unsigned> Starts; // offsets of the lines' starts
  };
  const Source *read(llvm::StringRef File);

  LineEnds Ends;
  llvm::StringMap<std::optional<Source>> Files;
};

} // namespace clang::tidy::torch_tidy
