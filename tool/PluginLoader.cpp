// The file clang-tidy loads: `clang-tidy --load=libTorchTidyPlugin.so`. It
// links nothing of LLVM or clang. It checks that the clang-tidy loading it
// runs the LLVM version the checks were built against, and only then loads
// the checks (libTorchTidyChecks.so, next to it; TorchTidyPlugin.cpp).
//
// Why a separate loader: Debian's libclang-cpp exports its symbols without
// versions, so loading the checks' libclang-cpp 19 into another clang-tidy
// (Debian 12's unversioned `clang-tidy` is 14) binds 19's code to 14's
// globals, and the process corrupts its heap before any code of the checks
// runs ("free(): invalid pointer" even for --version). The versions are
// told by the LLVM and clang libraries the process has loaded (libLLVM-14.so.1,
// libLLVM.so.19.1, libclang-cpp.so.14) or, for a statically linked
// clang-tidy, by an llvm-N directory in its path; when nothing names a
// version the checks are loaded.
#include <cstdio>
#include <cstdlib>
#include <string>

#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

#ifndef TORCH_TIDY_LLVM_MAJOR
#error "TORCH_TIDY_LLVM_MAJOR must name the LLVM major version of the checks"
#endif
#ifndef TORCH_TIDY_CHECKS_FILE
#error "TORCH_TIDY_CHECKS_FILE must name the checks' module file"
#endif

namespace {

// The number at the start of `Text`, or 0.
int leadingNumber(const std::string &Text) {
  int N = 0;
  for (char C : Text) {
    if (C < '0' || C > '9')
      break;
    N = N * 10 + (C - '0');
  }
  return N;
}

// The LLVM major version a library or executable path names, or 0.
int versionIn(const std::string &Path) {
  const std::string Name = Path.substr(Path.rfind('/') + 1);
  for (const char *Prefix : {"libLLVM-", "libLLVM.so.", "libclang-cpp.so."}) {
    const std::string P = Prefix;
    if (Name.compare(0, P.size(), P) == 0)
      return leadingNumber(Name.substr(P.size()));
  }
  if (const size_t At = Path.find("/llvm-"); At != std::string::npos)
    return leadingNumber(Path.substr(At + 6));
  return 0;
}

struct OtherVersion {
  int Major = 0;
  std::string Where;
};

int visitLibrary(dl_phdr_info *Info, size_t, void *Data) {
  auto &Found = *static_cast<OtherVersion *>(Data);
  const int Major = Info->dlpi_name ? versionIn(Info->dlpi_name) : 0;
  if (Major && Major != TORCH_TIDY_LLVM_MAJOR) {
    Found = {Major, Info->dlpi_name};
    return 1;
  }
  return 0;
}

OtherVersion hostVersion() {
  OtherVersion Found;
  dl_iterate_phdr(visitLibrary, &Found);
  if (Found.Major)
    return Found;
  char Exe[4096];
  const ssize_t N = ::readlink("/proc/self/exe", Exe, sizeof(Exe) - 1);
  if (N > 0) {
    Exe[N] = 0;
    const int Major = versionIn(Exe);
    if (Major && Major != TORCH_TIDY_LLVM_MAJOR)
      Found = {Major, Exe};
  }
  return Found;
}

// This file's directory, where the checks' module is.
std::string ownDirectory() {
  Dl_info Info;
  if (!dladdr(reinterpret_cast<void *>(&versionIn), &Info) || !Info.dli_fname)
    return ".";
  const std::string Self = Info.dli_fname;
  const size_t Slash = Self.rfind('/');
  return Slash == std::string::npos ? "." : Self.substr(0, Slash);
}

struct LoadChecks {
  LoadChecks() {
    const OtherVersion Host = hostVersion();
    if (Host.Major) {
      std::fprintf(stderr,
                   "torch-tidy: the torch-* checks were built for clang-tidy "
                   "%d, but this process runs LLVM %d (%s); they are not "
                   "loaded. Use clang-tidy-%d.\n",
                   TORCH_TIDY_LLVM_MAJOR, Host.Major, Host.Where.c_str(),
                   TORCH_TIDY_LLVM_MAJOR);
      return;
    }
    const std::string Checks = ownDirectory() + "/" + TORCH_TIDY_CHECKS_FILE;
    // Global: the checks resolve clang-tidy's symbols against the host,
    // and the host's registry then lists them.
    if (!dlopen(Checks.c_str(), RTLD_NOW | RTLD_GLOBAL))
      std::fprintf(stderr, "torch-tidy: cannot load the torch-* checks: %s\n",
                   dlerror());
  }
} Loader;

} // namespace
