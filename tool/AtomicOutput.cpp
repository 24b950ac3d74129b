#include "AtomicOutput.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <unistd.h>

namespace clang::tidy::torch_tidy {

DeferredSignals::DeferredSignals() {
  sigset_t Ending;
  sigemptyset(&Ending);
  for (int Signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
    sigaddset(&Ending, Signal);
  pthread_sigmask(SIG_BLOCK, &Ending, &Previous);
}

DeferredSignals::~DeferredSignals() {
  pthread_sigmask(SIG_SETMASK, &Previous, nullptr);
}

llvm::Error checkWritable(llvm::StringRef Path) {
  // A device or a FIFO is written in place (/dev/stdout).
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Path, Status) &&
      Status.type() != llvm::sys::fs::file_type::regular_file &&
      Status.type() != llvm::sys::fs::file_type::directory_file)
    return llvm::Error::success();
  llvm::SmallString<256> Dir(Path);
  llvm::sys::fs::make_absolute(Dir);
  llvm::sys::path::remove_filename(Dir);
  if (llvm::sys::fs::is_directory(Path))
    return llvm::createStringError("it is a directory");
  if (!llvm::sys::fs::is_directory(Dir))
    return llvm::createStringError("no such directory '" + Dir + "'");
  if (std::error_code EC =
          llvm::sys::fs::access(Dir, llvm::sys::fs::AccessMode::Write))
    return llvm::createStringError("directory '" + Dir +
                                   "' is not writable: " + EC.message());
  return llvm::Error::success();
}

// Writes to a file that is not a regular file (a device such as
// /dev/stdout, a FIFO) in place: it cannot be replaced, and must not be.
llvm::Error writeInPlace(llvm::StringRef Path,
                         llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_None);
  if (EC)
    return llvm::errorCodeToError(EC);
  Write(OS);
  OS.close();
  if (OS.has_error()) {
    const std::string Error = OS.error().message();
    OS.clear_error();
    return llvm::createStringError(Error);
  }
  return llvm::Error::success();
}

llvm::Error
writeAtomically(llvm::StringRef Path,
                llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  // Through a symbolic link to its target: the link stays a link.
  llvm::SmallString<256> Target(Path);
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Path, Status)) {
    if (Status.type() != llvm::sys::fs::file_type::regular_file)
      return writeInPlace(Path, Write);
    llvm::SmallString<256> Real;
    if (!llvm::sys::fs::real_path(Path, Real))
      Target = Real;
  }
  // Not for a device or a FIFO above: a write there may block, and Ctrl-C
  // must still end it.
  DeferredSignals Deferred;
  llvm::SmallString<256> Temp;
  int FD = -1;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueFile(Target + ".tmp-%%%%%%", FD, Temp))
    return llvm::errorCodeToError(EC);
  std::string Error;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    Write(OS);
    OS.flush();
    // On disk before the rename: a crash then leaves the old file or the
    // new one, never an empty one.
    if (!OS.has_error() && ::fsync(FD) != 0)
      Error = std::error_code(errno, std::generic_category()).message();
    OS.close();
    if (OS.has_error()) {
      Error = OS.error().message();
      OS.clear_error();
    }
  }
  if (Error.empty())
    if (std::error_code EC = llvm::sys::fs::rename(Temp, Target))
      Error = EC.message();
  if (Error.empty())
    return llvm::Error::success();
  llvm::sys::fs::remove(Temp);
  return llvm::createStringError(Error);
}

llvm::Error replaceFile(llvm::StringRef Path, llvm::StringRef Text) {
  llvm::SmallString<256> Temp;
  int FD = -1;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueFile(Path + ".tmp-%%%%%%%%", FD, Temp))
    return llvm::errorCodeToError(EC);
  llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
  OS << Text;
  OS.close();
  if (OS.has_error()) {
    const std::error_code EC = OS.error();
    OS.clear_error();
    llvm::sys::fs::remove(Temp);
    return llvm::errorCodeToError(EC);
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    llvm::sys::fs::remove(Temp);
    return llvm::errorCodeToError(EC);
  }
  return llvm::Error::success();
}

} // namespace clang::tidy::torch_tidy
