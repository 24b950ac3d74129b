// Runs the enabled checks over one source file, as clang-tidy's runClangTidy
// does, with two differences: the AST traversal is narrowed to user code for
// speed (UserCodeScope.h), and what the frontend would print on stderr goes
// to a log stream of the caller's, so that files linted in parallel
// (ParallelRun.h) report in a fixed order.
#pragma once

#include <set>
#include <vector>

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace clang::tidy::torch_tidy {

struct TidyRunResult {
  std::vector<ClangTidyError> Errors;
  // ClangTool's status: 1 when the file could not be processed (compiler
  // errors, a missing file, a crash in the frontend).
  int ToolStatus = 0;
  // The files the compiler read only as system headers (the result cache
  // checks them by size and time, not by content).
  std::set<llvm::sys::fs::UniqueID> SystemFiles;
};

// The arguments a file is parsed with: its compile command with the
// options' ExtraArgsBefore and ExtraArgs, compiler plugins, outputs and
// dependency files removed, and -fsyntax-only.
tooling::CommandLineArguments
tidyArguments(const tooling::CommandLineArguments &Args, llvm::StringRef File,
              const ClangTidyOptions &Opts);

// Calls Visit for each file the source manager read (one call per
// inclusion), saying whether that inclusion was of a system header.
void visitParsedFiles(
    const SourceManager &SM,
    llvm::function_ref<void(FileEntryRef File, bool System)> Visit);

// Context, Compilations and FS belong to this call alone: none of them is
// thread-safe, and ClangTool changes FS's working directory (so FS must not
// be linked to the process's, as vfs::getRealFileSystem() is, when other
// files are linted at the same time). Log receives "N warnings generated."
// and "Error while processing <file>.". A non-empty Pch is a precompiled
// preamble to parse the file with (SharedPreamble.h).
TidyRunResult runTidy(ClangTidyContext &Context,
                      const tooling::CompilationDatabase &Compilations,
                      llvm::StringRef File,
                      llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                      bool ApplyAnyFix, bool Quiet, llvm::raw_ostream &Log,
                      llvm::StringRef Pch = "");

} // namespace clang::tidy::torch_tidy
