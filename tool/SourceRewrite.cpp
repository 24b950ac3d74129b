#include "SourceRewrite.h"

#include "AtomicOutput.h"
#include "ParsedContents.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace clang::tidy::torch_tidy {

namespace {

llvm::Error errnoError(llvm::StringRef What) {
  return llvm::createStringError(
      What + ": " + std::error_code(errno, std::generic_category()).message());
}

// Closes on destruction; closing releases the flock.
class FileDescriptor {
public:
  explicit FileDescriptor(int FD = -1) : FD(FD) {}
  FileDescriptor(const FileDescriptor &) = delete;
  FileDescriptor &operator=(const FileDescriptor &) = delete;
  ~FileDescriptor() {
    if (FD >= 0)
      ::close(FD);
  }
  int get() const { return FD; }

private:
  int FD;
};

llvm::Expected<std::string> readAll(int FD) {
  std::string Text;
  char Chunk[65536];
  for (off_t At = 0;;) {
    const ssize_t N = ::pread(FD, Chunk, sizeof(Chunk), At);
    if (N < 0) {
      if (errno == EINTR)
        continue;
      return errnoError("cannot read it");
    }
    if (N == 0)
      return Text;
    Text.append(Chunk, N);
    At += N;
  }
}

bool writeAll(int FD, llvm::StringRef Text) {
  for (size_t Done = 0; Done < Text.size();) {
    const ssize_t N =
        ::pwrite(FD, Text.data() + Done, Text.size() - Done, Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Done += N;
  }
  return true;
}

// The target of `Path`'s symbolic links.
llvm::Expected<std::string> resolve(llvm::StringRef Path) {
  llvm::SmallString<256> Real;
  if (std::error_code EC = llvm::sys::fs::real_path(Path, Real))
    return llvm::createStringError(EC.message());
  return std::string(Real);
}

bool isReadOnly(const struct stat &St) { return !(St.st_mode & S_IWUSR); }

// The file's text and status, checked against the options.
struct Checked {
  std::string Text;
  struct stat Status;
};

llvm::Expected<Checked> check(int FD, const RewriteOptions &Options) {
  Checked C;
  if (::fstat(FD, &C.Status) != 0)
    return errnoError("cannot read its status");
  if (!S_ISREG(C.Status.st_mode))
    return llvm::createStringError("it is not a regular file");
  llvm::Expected<std::string> Text = readAll(FD);
  if (!Text)
    return Text.takeError();
  if (contentHash(*Text) != Options.ParsedHash)
    return llvm::createStringError(
        "it changed after it was parsed; lint it again");
  if (isReadOnly(C.Status) && !Options.AllowReadOnly)
    return llvm::createStringError(
        "it is read-only (--fix-read-only fixes it and keeps its mode)");
  C.Text = std::move(*Text);
  return C;
}

// Opens and locks `Target`; retries when the path was replaced while the
// lock was awaited (another run renamed its fixed version over it).
llvm::Expected<int> openLocked(llvm::StringRef Target) {
  for (int Attempt = 0; Attempt < 100; ++Attempt) {
    const int FD = ::open(Target.str().c_str(), O_RDONLY | O_CLOEXEC);
    if (FD < 0)
      return errnoError("cannot open it");
    while (::flock(FD, LOCK_EX) != 0)
      if (errno != EINTR) {
        llvm::Error E = errnoError("cannot lock it");
        ::close(FD);
        return std::move(E);
      }
    struct stat Locked, Now;
    if (::fstat(FD, &Locked) == 0 && ::stat(Target.str().c_str(), &Now) == 0 &&
        Locked.st_dev == Now.st_dev && Locked.st_ino == Now.st_ino)
      return FD;
    ::close(FD);
  }
  return llvm::createStringError("it keeps being replaced");
}

// The new text in a temporary file next to `Target`, with the old file's
// mode, synced. Tries to keep the owner; `OwnerKept` says whether it did.
llvm::Expected<std::string> writeTemporary(llvm::StringRef Target,
                                           llvm::StringRef Text,
                                           const struct stat &Old,
                                           bool &OwnerKept) {
  llvm::SmallString<256> Temp;
  int RawFD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Target + ".tmp-%%%%%%", RawFD, Temp, llvm::sys::fs::OF_None,
          /*Mode=*/0600))
    return llvm::createStringError("cannot create a temporary file next to "
                                   "it: " +
                                   EC.message());
  FileDescriptor FD(RawFD);
  const char *Failed = nullptr;
  if (!writeAll(FD.get(), Text) || ::fsync(FD.get()) != 0)
    Failed = "cannot write its fixed version";
  else if (::fchmod(FD.get(), Old.st_mode & 07777) != 0)
    Failed = "cannot give its fixed version its mode";
  if (Failed) {
    llvm::Error E = errnoError(Failed);
    ::unlink(Temp.c_str());
    return std::move(E);
  }
  struct stat New;
  OwnerKept = ::fstat(FD.get(), &New) == 0 && New.st_uid == Old.st_uid &&
              New.st_gid == Old.st_gid;
  if (!OwnerKept)
    OwnerKept = ::fchown(FD.get(), Old.st_uid, Old.st_gid) == 0;
  return std::string(Temp);
}

// Writes `Text` over `Target`'s bytes (its inode stays: hard links and the
// owner are kept). A failure puts `Old` back.
llvm::Error writeInPlace(llvm::StringRef Target, llvm::StringRef Text,
                         llvm::StringRef Old) {
  FileDescriptor FD(::open(Target.str().c_str(), O_WRONLY | O_CLOEXEC));
  if (FD.get() < 0)
    return errnoError("cannot open it for writing");
  if (writeAll(FD.get(), Text) && ::ftruncate(FD.get(), Text.size()) == 0 &&
      ::fsync(FD.get()) == 0)
    return llvm::Error::success();
  llvm::Error E = errnoError("cannot write it");
  if (!writeAll(FD.get(), Old) || ::ftruncate(FD.get(), Old.size()) != 0 ||
      ::fsync(FD.get()) != 0)
    return llvm::createStringError(llvm::toString(std::move(E)) +
                                   "; restoring its previous text failed too");
  return E;
}

} // namespace

llvm::Error checkFixable(llvm::StringRef Path, const RewriteOptions &Options) {
  llvm::Expected<std::string> Target = resolve(Path);
  if (!Target)
    return Target.takeError();
  FileDescriptor FD(::open(Target->c_str(), O_RDONLY | O_CLOEXEC));
  if (FD.get() < 0)
    return errnoError("cannot open it");
  llvm::Expected<Checked> C = check(FD.get(), Options);
  return C ? llvm::Error::success() : C.takeError();
}

llvm::Error rewriteSource(llvm::StringRef Path, const RewriteOptions &Options,
                          SourceEdit Edit) {
  llvm::Expected<std::string> Target = resolve(Path);
  if (!Target)
    return Target.takeError();
  llvm::Expected<int> Locked = openLocked(*Target);
  if (!Locked)
    return Locked.takeError();
  FileDescriptor FD(*Locked);
  llvm::Expected<Checked> C = check(FD.get(), Options);
  if (!C)
    return C.takeError();
  llvm::Expected<std::string> Text = Edit(C->Text);
  if (!Text)
    return Text.takeError();
  if (*Text == C->Text)
    return llvm::Error::success();
  // Replaced whole or left alone, also when Ctrl-C comes now (not before:
  // waiting for the lock can be interrupted).
  DeferredSignals Deferred;
  bool OwnerKept = false;
  llvm::Expected<std::string> Temp =
      writeTemporary(*Target, *Text, C->Status, OwnerKept);
  if (!Temp)
    return Temp.takeError();
  if (C->Status.st_nlink > 1 || !OwnerKept) {
    // The temporary copy proved the text fits; its space is given back
    // before the file grows.
    ::unlink(Temp->c_str());
    return writeInPlace(*Target, *Text, C->Text);
  }
  if (::rename(Temp->c_str(), Target->c_str()) != 0) {
    llvm::Error E = errnoError("cannot replace it");
    ::unlink(Temp->c_str());
    return E;
  }
  return llvm::Error::success();
}

} // namespace clang::tidy::torch_tidy
