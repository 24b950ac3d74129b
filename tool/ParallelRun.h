// Lints a list of files on a pool of threads (-j). Each file gets its own
// options provider, ClangTidyContext, file system and ClangTool: none of
// them is thread-safe, while the checks built from a context are (clangd
// runs clang-tidy's checks on its worker threads the same way, one context
// per translation unit).
//
// The output does not depend on the number of threads: each file's stderr
// lines ("N warnings generated.", "Error while processing ...") are kept and
// written once every file before it is done, and the findings are merged in
// the order of the file list, a finding in a header that several files
// include kept once (at its first file). Fixes are not applied here: the
// caller applies them once for all files, after the run, and with
// ApplyAnyFix each run records what the files held when they were parsed
// (ParsedContents.h), so that a file changed since is not fixed.
//
// With WholeProject (-p), every file's run records project facts
// (ProjectFacts.h); once all files are done, the findings whose verdict
// depends on callers in other files are kept or dropped by the project's
// call graph (ProjectIndex.h). Each file is still parsed once.
//
// With a result cache (ResultCache.h), a file whose inputs are unchanged is
// not parsed: its earlier run is replayed (findings, statistics, log lines,
// project facts), and the project's verdicts are made as for a parsed file.
// The cache is consulted for every file first; the files left to parse may
// then share precompiled preambles (SharedPreamble.h), built before they
// are dispatched.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ParsedContents.h"
#include "ResultCache.h"
#include "SharedPreamble.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "utils/ProjectFacts.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace clang::tidy::torch_tidy {

// What one file's run gave, before the runs are merged: what a shard's log
// carries (Shards.h) for the merge to decide as one run would.
struct FileOutcome {
  std::string File; // as listed
  std::string Log;  // its stderr lines ("Skipping ...", "N warnings ...")
  int ToolStatus = 0;
  ClangTidyStats Stats;
  // In the order the run made them; none dropped by the project's verdicts.
  std::vector<ClangTidyError> Errors;
  project::TranslationUnitFacts Facts; // with WholeProject
};

// What the project's verdicts do with a finding that depends on files the
// run did not see.
enum class PendingFindings {
  Decide,   // by the facts of the files of the run: all of the project
  Withhold, // left out: a shard has only some files (--shard)
};

struct ParallelRunOptions {
  unsigned Jobs = 0; // 0: one thread per core
  bool ApplyAnyFix = false;
  bool Quiet = false;
  bool WholeProject = false;
  // Replays the files whose inputs are unchanged, stores the others.
  const ResultCache *Cache = nullptr;
  // Parses the files that share their first system includes against one
  // precompiled preamble (SharedPreamble.h).
  const PreambleOptions *Preambles = nullptr;
  PendingFindings Pending = PendingFindings::Decide;
  // Keeps every file's outcome in ParallelRunResult::Outcomes.
  bool KeepOutcomes = false;
};

struct ParallelRunResult {
  std::vector<ClangTidyError> Errors;
  ClangTidyStats Stats; // summed over the files
  // As ClangTool's for the whole list: 1 when a file could not be processed,
  // else 2 when a file was skipped (no compile command), else 0.
  int ToolStatus = 0;
  // Files that could not be parsed: compiler errors, skipped, or missing.
  unsigned FailedFiles = 0;
  // With WholeProject: each linted file's facts, in list order.
  std::vector<project::TranslationUnitFacts> Facts;
  // With ApplyAnyFix: what the files held when they were parsed.
  ParsedContents Parsed;
  // Files replayed from the cache.
  unsigned CachedFiles = 0;
  // Files parsed again without their shared preamble (theirs failed), and
  // a line per preamble (for --verbose).
  unsigned PreambleFallbacks = 0;
  std::string PreambleNotes;
  // Findings left out as PendingFindings::Withhold asks.
  unsigned Withheld = 0;
  // With KeepOutcomes, in list order.
  std::vector<FileOutcome> Outcomes;
};

// Merges the files' outcomes, in their order, into one run's findings: with
// WholeProject, the findings that depend on other files are decided by the
// facts of all (or withheld); a finding in a header that several files
// include is kept once, at its first file. Fills Errors, Stats, ToolStatus,
// FailedFiles, Withheld and (with WholeProject) Facts.
void mergeOutcomes(llvm::ArrayRef<FileOutcome> Outcomes, bool WholeProject,
                   PendingFindings Pending, ParallelRunResult &Merged);

// Makes the options provider of one file's run, reading .clang-tidy files
// through that run's file system. Called on the calling thread only.
using OptionsProviderFactory =
    std::function<std::unique_ptr<ClangTidyOptionsProvider>(
        llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>)>;

// Compilations is queried on the calling thread only (compilation databases
// do not promise thread safety), before the files are dispatched.
ParallelRunResult runFiles(llvm::ArrayRef<std::string> Files,
                           const tooling::CompilationDatabase &Compilations,
                           const OptionsProviderFactory &MakeProvider,
                           const ParallelRunOptions &Options);

} // namespace clang::tidy::torch_tidy
