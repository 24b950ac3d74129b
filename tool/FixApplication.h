// --fix: applies the findings' fix-its to the files, choosing them as
// clang-tidy's ErrorReporter does (each finding's own fix, overlapping
// edits resolved the same way, the edits cleaned up and formatted with the
// file's FormatStyle), and writing them with SourceRewrite.h's guarantees:
// a file changed since it was parsed, a read-only one, or one that cannot
// be written is left byte-identical and named with the reason.
//
// Inserted lines take the file's line endings (CRLF files stay CRLF).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ParsedContents.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/Core/Replacement.h"

namespace clang::tidy::torch_tidy {

class FixApplication {
public:
  FixApplication(llvm::ArrayRef<ClangTidyError> Errors,
                 const ParsedContents &Parsed, bool AllowReadOnly);

  // The findings with clang-tidy's notes at each edit ("FIX-IT applied
  // suggested code changes", or "unable to apply" for an edit that
  // conflicts or whose file cannot be fixed), to be printed before apply().
  std::vector<ClangTidyError>
  annotated(llvm::ArrayRef<ClangTidyError> Errors) const;

  // Writes the fixed files; prints each file left alone with its reason
  // and clang-tidy's "applied N of M suggested fixes" line. False when a
  // file with fixes was not fixed.
  bool apply(ClangTidyContext &Context);

private:
  struct Edit {
    std::string File; // absolute
    unsigned Offset;
    bool Applied;
  };
  void plan(const ClangTidyError &E, std::vector<Edit> &Edits);
  void checkFiles();

  const ParsedContents &Parsed;
  bool AllowReadOnly;
  std::map<std::string, tooling::Replacements> PerFile;
  std::map<std::string, std::string> Refused; // file -> reason
  std::map<std::string, uint64_t> ParsedHash; // file -> its parsed version
  std::vector<std::vector<Edit>> EditsPerError;
  unsigned Total = 0;
};

} // namespace clang::tidy::torch_tidy
