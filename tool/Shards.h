// Sharding a run over CI machines: --shard K/N lints a deterministic share
// of the files, and --merge-sarif makes one log of the shards' logs.
//
// The files are sorted by their paths relative to the project root
// (--project-root) and cut into N runs of consecutive files whose sizes
// differ by at most one: the same split in every job of a CI matrix
// whatever the order of the compilation database, every file in exactly one
// shard, a directory's files together (they often share a preamble), and a
// file added or removed moves at most one file across each cut (so each
// shard's result cache stays useful from one commit to the next).
//
// With the whole-project analysis (-p), a shard sees only its own files'
// facts: a finding whose verdict depends on code in other files (the
// callers of a helper, a class defined elsewhere) cannot be decided there.
// The shard leaves such findings out of its own report, and its SARIF log
// carries, in the run's property bag, every file's outcome before the
// project's verdicts (findings, facts, log lines: ParallelRun.h's
// FileOutcome) and its position in the run's file list. The merge gathers
// the outcomes of all shards, puts them back in the list's order, and
// decides them as the unsharded run does: the merged log is that run's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ParallelRun.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

namespace clang::tidy::torch_tidy {

struct ShardSpec {
  unsigned Index = 1; // K, from 1
  unsigned Count = 1; // N
};

// "K/N" with 1 <= K <= N; none for anything else.
std::optional<ShardSpec> parseShardSpec(llvm::StringRef Text);

// How a shard names a file: relative to Root (an absolute directory) when
// the file is under it, else absolute; with "." and ".." removed.
std::string projectPath(llvm::StringRef File, llvm::StringRef Root);

// The positions in Files (ascending) of the files of the shard. Files
// holds each file once.
std::vector<size_t> shardPositions(llvm::ArrayRef<std::string> Files,
                                   llvm::StringRef Root,
                                   const ShardSpec &Shard);

// What a shard's log says about the run it belongs to; the merge takes logs
// whose headers agree.
struct ShardHeader {
  ShardSpec Shard;
  std::string Tool;     // torch-tidy's version
  std::string Root;     // the project root, absolute
  std::string FileList; // a hash of every shard's files, by project path
  std::string Order;    // a hash of the same in the run's order
  size_t Files = 0;     // in every shard together
  bool WholeProject = false;
  std::vector<std::string> Checks; // enabled for any file: the log's rules
};

// The header of shard `Shard` of a run over `Files` (each once).
ShardHeader shardHeader(const ShardSpec &Shard,
                        llvm::ArrayRef<std::string> Files,
                        llvm::StringRef Root);

// Adds the shard's header and outcomes to the property bag of a SARIF log's
// run (SarifOutput.h); Positions[I] is the position of Outcomes[I]'s file in
// the run's list.
void attachShard(llvm::json::Value &Log, const ShardHeader &Header,
                 llvm::ArrayRef<size_t> Positions,
                 llvm::ArrayRef<FileOutcome> Outcomes);

// The merge of the shard logs at Paths: the run they make together, decided
// as one run over all the files.
struct MergedShards {
  ParallelRunResult Run;
  std::vector<std::string> Checks;
  size_t Files = 0;
  // The log lines of the files that could not be linted, in list order.
  std::string Log;
};

// Fails when a log cannot be read or is not a shard's log, when the logs are
// not of one run (another torch-tidy version, project root, file list or
// set of checks, a different N), or when a shard is missing or given twice.
// Root is absolute, without "." or "..".
llvm::Expected<MergedShards> mergeShardLogs(llvm::ArrayRef<std::string> Paths,
                                            llvm::StringRef Root,
                                            llvm::StringRef Tool);

} // namespace clang::tidy::torch_tidy
