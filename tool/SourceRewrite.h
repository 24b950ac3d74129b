// --fix's writes to source files: a file is rewritten only if it still
// holds what was parsed, and either whole or not at all.
//
// - The file is locked (flock) while it is checked and replaced, so that
//   two torch-tidy runs fixing one file take turns; the second finds the
//   file changed and leaves it alone.
// - Its bytes must hash to the parsed version's (ParsedContents.h): fixes
//   computed on one version are never applied to another.
// - The new text goes to a temporary file in the same directory, which is
//   flushed and synced, given the file's mode and owner, and renamed over
//   it. A full disk or any other failure leaves the original byte-identical.
// - A symbolic link is fixed through its target (the link stays a link).
// - A file with other hard links, or whose owner cannot be kept, is written
//   in place once the temporary copy proved the text fits; a failure there
//   puts the old bytes back.
// - A read-only file (no write permission for its owner) is refused unless
//   AllowReadOnly; its mode stays read-only.
#pragma once

#include <cstdint>
#include <string>

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace clang::tidy::torch_tidy {

struct RewriteOptions {
  uint64_t ParsedHash = 0; // contentHash() of the parsed version
  bool AllowReadOnly = false;
};

// The edit: the new text of a file, given its current text.
using SourceEdit =
    llvm::function_ref<llvm::Expected<std::string>(llvm::StringRef Current)>;

// Whether `Path` could be fixed now (exists, regular, unchanged since it
// was parsed, writable): checked again, under the lock, when it is written.
llvm::Error checkFixable(llvm::StringRef Path, const RewriteOptions &Options);

// Rewrites `Path` with `Edit`. The error says why the file was left as it
// was.
llvm::Error rewriteSource(llvm::StringRef Path, const RewriteOptions &Options,
                          SourceEdit Edit);

} // namespace clang::tidy::torch_tidy
