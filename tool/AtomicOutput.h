// Output files written whole or not at all (--output-file, --export-fixes,
// --write-baseline): the text goes to a temporary file in the same
// directory, which is flushed, synced and renamed over the target, so that
// an interrupted or failed run leaves the previous file as it was, and
// concurrent runs each leave a complete file. A symbolic link is followed
// (its target is replaced, the link stays); a path that is not a regular
// file (/dev/stdout, a FIFO) is written in place.
#pragma once

#include <string>

#include <signal.h>

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::torch_tidy {

// Whether `Path` can be written: its directory exists and is writable. An
// error names the reason; checked before linting, so that a bad path fails
// the run at once rather than after every file was analysed.
llvm::Error checkWritable(llvm::StringRef Path);

// Writes what `Write` prints to `Path` atomically.
llvm::Error
writeAtomically(llvm::StringRef Path,
                llvm::function_ref<void(llvm::raw_ostream &)> Write);

// Holds back the signals that end a run (SIGINT, SIGTERM, SIGHUP, SIGQUIT)
// on this thread while it lives, for a file that is being replaced: its
// temporary file is renamed or removed before an interrupt, which then takes
// effect at once, ends the process. Without it, Ctrl-C there would leave the
// temporary file behind, or a file written in place half-written. Only for
// a thread that runs alone (the fixes and outputs are written after the
// worker threads are joined): a signal sent to the process would otherwise
// be taken by another thread, which does not hold it back.
class DeferredSignals {
public:
  DeferredSignals();
  ~DeferredSignals();
  DeferredSignals(const DeferredSignals &) = delete;
  DeferredSignals &operator=(const DeferredSignals &) = delete;

private:
  sigset_t Previous;
};

// Replaces `Path` with `Text` through a temporary file next to it (named
// `<Path>.tmp-XXXXXXXX`) and a rename, without syncing: for the result
// cache and the shared preambles, whose readers check what they read, so
// that a crash costs an entry, never a wrong one.
llvm::Error replaceFile(llvm::StringRef Path, llvm::StringRef Text);

} // namespace clang::tidy::torch_tidy
