// What each file held when it was parsed: a hash of the bytes the compiler
// read, by absolute path. --fix compares it with the file on disk before it
// writes, so that fixes computed on one version are never applied to
// another (an editor saved the file meanwhile, or a second --fix run fixed
// it first): their offsets would garble the code.
//
// Each file's run records through its own file system layer; the runs'
// records are merged once all are done. A file that two runs read with
// different contents (it changed during the run) has no single parsed
// version, and is not fixed.
#pragma once

#include <cstdint>
#include <optional>

#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace clang::tidy::torch_tidy {

// The hash the records hold.
uint64_t contentHash(llvm::StringRef Content);

class ParsedContents {
public:
  // Records `Content` read from `AbsolutePath`.
  void record(llvm::StringRef AbsolutePath, llvm::StringRef Content);
  // Adds another run's records.
  void merge(const ParsedContents &Other);

  enum class State { NotRead, Read, ChangedDuringRun };
  struct Lookup {
    State Is = State::NotRead;
    uint64_t Hash = 0;
  };
  // The file at `AbsolutePath`, or the file it names through symbolic
  // links (the compiler may have read it under another name).
  Lookup find(llvm::StringRef AbsolutePath) const;

private:
  void add(llvm::StringRef Path, std::optional<uint64_t> Hash);

  // No hash: read with different contents.
  llvm::StringMap<std::optional<uint64_t>> Hashes;
};

// `Base` with every file opened for reading recorded into `Into` when the
// compiler reads its contents. `Into` must outlive the file system's use.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
recordingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base,
                    ParsedContents &Into);

} // namespace clang::tidy::torch_tidy
