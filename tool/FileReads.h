// What the compiler read while one file was linted, seen through a file
// system layer: every file it read (its size, modification time and a hash
// of the bytes, taken when it was read) and every path it looked for and did
// not find (header search probes, __has_include). The result cache
// (ResultCache.h) keys a file's findings on them; --fix records the parsed
// versions through the same layer (ParsedContents.h).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "llvm/ADT/IntrusiveRefCntPtr.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/xxhash.h"

namespace clang::tidy::torch_tidy {

// Called with absolute paths, `.` components removed.
struct ReadObserver {
  // A file's contents were read; Status is the file's when it was opened.
  std::function<void(llvm::StringRef Path, llvm::StringRef Content,
                     const llvm::vfs::Status &Status)>
      Read;
  // A path was looked up (opened or stat'ed) and not found. May be empty.
  std::function<void(llvm::StringRef Path)> Missing;
};

// `Base` with its reads reported to `Observer`.
llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
observingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base,
                    ReadObserver Observer);

struct FileRead {
  uint64_t Size = 0;
  int64_t ModifiedNs = 0; // nanoseconds since the epoch
  llvm::XXH128_hash_t Hash{};
  llvm::sys::fs::UniqueID ID;
};

// One run's reads. Not thread-safe: one run, one thread.
class FileReads {
public:
  ReadObserver observer();

  const llvm::StringMap<FileRead> &read() const { return Read; }
  const llvm::StringSet<> &missing() const { return Missing; }
  // A file read twice with different bytes, or looked for in vain and then
  // read: the run did not see one version of its inputs.
  bool changedDuringRun() const { return Changed; }

private:
  llvm::StringMap<FileRead> Read;
  llvm::StringSet<> Missing;
  bool Changed = false;
};

std::string toHex(const llvm::XXH128_hash_t &Hash);
int64_t nanoseconds(llvm::sys::TimePoint<> Time); // since the epoch

class ParsedContents;

// The reads as the fields "read" and "missing" of `Into`. A file in
// `StatOnly` (a system header) or under `StatOnlyDir` is later compared by
// size and modification time only; the others by content.
void readsToJSON(const FileReads &Reads,
                 const std::set<llvm::sys::fs::UniqueID> &StatOnly,
                 llvm::StringRef StatOnlyDir, llvm::json::Object &Into);
// Whether what readsToJSON wrote still holds: every file has its bytes (or
// size and time), every missing path is still missing. With `ParsedInto`,
// every file is compared by content and recorded there as parsed.
bool readsUnchanged(const llvm::json::Object &Reads,
                    ParsedContents *ParsedInto);

// A JSON value as text behind a first line that names the format and holds
// a hash of the rest, and back: damaged or truncated text gives nothing.
std::string sealedText(llvm::StringRef Format, const llvm::json::Value &Body);
std::optional<llvm::json::Value> unsealText(llvm::StringRef Format,
                                            llvm::StringRef Text);

} // namespace clang::tidy::torch_tidy
