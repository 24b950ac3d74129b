#include "AtomicOutput.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <unistd.h>

namespace clang::tidy::torch_tidy {

llvm::Error checkWritable(llvm::StringRef Path) {
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

llvm::Error
writeAtomically(llvm::StringRef Path,
                llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  llvm::SmallString<256> Temp;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Path + ".tmp-%%%%%%", FD, Temp))
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
    if (std::error_code EC = llvm::sys::fs::rename(Temp, Path))
      Error = EC.message();
  if (Error.empty())
    return llvm::Error::success();
  llvm::sys::fs::remove(Temp);
  return llvm::createStringError(Error);
}

} // namespace clang::tidy::torch_tidy
