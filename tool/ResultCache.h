// The result cache: a file whose inputs did not change since an earlier run
// is not parsed again; what that run printed and found is replayed.
//
// An entry is found by a key over what decides the run before any file is
// read: torch-tidy's and clang's versions and the executable, the file's
// effective configuration (checks, their options, header filter, extra
// arguments), its compile commands, the run's flags and the environment
// variables the driver reads. It then holds what the run read (FileReads.h):
// the entry is used only when every file the compiler read still has the
// bytes it had (system headers: the same size and modification time) and
// every path it looked for in vain (a header search probe, __has_include)
// is still absent. Its value is everything the file's run produced: the
// findings with their fixes and notes, the statistics, the lines it logged
// and, with -p, its project facts. The project's verdicts are made again from
// the facts of all files on every run, so an entry does not depend on other
// files.
//
// Entries are single files written to a temporary name and renamed; each
// starts with a hash of its body, so that a truncated or corrupt entry is a
// miss. Concurrent runs and -j share a cache safely. Runs with compiler
// errors or whose inputs changed while they ran are not stored.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "FileReads.h"
#include "ParsedContents.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "utils/ProjectFacts.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem/UniqueID.h"

namespace clang::tidy::torch_tidy {

// What one file's run produced.
struct CachedRun {
  int ToolStatus = 0;
  std::string Log; // its stderr lines
  ClangTidyStats Stats;
  std::vector<ClangTidyError> Errors;
  std::optional<project::TranslationUnitFacts> Facts; // with -p
};

// What the key of one file's entry covers besides the tool.
struct CacheKeyInputs {
  llvm::StringRef File; // absolute
  llvm::ArrayRef<tooling::CompileCommand> Commands;
  const ClangTidyOptions &Options; // the file's effective options
  bool ApplyAnyFix = false;
  bool Quiet = false;
  bool WholeProject = false;
};

class ResultCache {
public:
  static constexpr uint64_t DefaultSizeLimit = uint64_t(2) << 30;

  // $XDG_CACHE_HOME/torch-tidy, else ~/.cache/torch-tidy; empty when there
  // is neither.
  static std::string defaultDirectory();
  // The cache in `Dir`, created if needed; an error when it cannot be made
  // or written. `Executable` is torch-tidy's own path.
  static llvm::Expected<ResultCache>
  open(llvm::StringRef Dir, uint64_t SizeLimit, llvm::StringRef Executable);

  std::string key(const CacheKeyInputs &In) const;
  // The entry of `Key` when it is intact and its inputs are unchanged. With
  // `ParsedInto` (--fix) every input is checked by content and recorded
  // there as parsed.
  std::optional<CachedRun> lookup(llvm::StringRef Key,
                                  ParsedContents *ParsedInto) const;
  // Stores `Run` under `Key` unless it cannot be replayed (compiler errors,
  // inputs changed during the run). `SystemFiles`: the files the compiler
  // read only as system headers. Fails silently: the cache only saves time.
  void store(llvm::StringRef Key, const FileReads &Reads,
             const std::set<llvm::sys::fs::UniqueID> &SystemFiles,
             const CachedRun &Run) const;
  // Removes the least recently used entries until the cache holds at most
  // its size limit, and temporary files older than an hour (left by runs
  // that were killed).
  void trim() const;

  const std::string &directory() const { return Dir; }
  const std::string &tool() const { return Tool; }

private:
  ResultCache(std::string Dir, uint64_t SizeLimit, std::string Tool)
      : Dir(std::move(Dir)), SizeLimit(SizeLimit), Tool(std::move(Tool)) {}
  std::string entryPath(llvm::StringRef Key) const;

  std::string Dir;
  uint64_t SizeLimit;
  std::string Tool; // what identifies the executable and its clang
};

class KeyHasher;

// What identifies this torch-tidy (version, executable, clang): part of
// every key.
llvm::Expected<std::string> toolIdentity(llvm::StringRef Executable);
// Adds the environment variables the compiler driver reads to a key.
void addDriverEnvironment(KeyHasher &H);

// --cache-size: a byte count with an optional K, M or G (powers of 1024).
std::optional<uint64_t> parseByteSize(llvm::StringRef Text);

} // namespace clang::tidy::torch_tidy
