// Runs the enabled checks over source files, as clang-tidy's runClangTidy
// does, with one difference: matching is limited to user code (see
// UserCodeScope.h).
#pragma once

#include <string>
#include <vector>

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace clang::tidy::torch_tidy {

struct TidyRunResult {
  std::vector<ClangTidyError> Errors;
  // ClangTool's status: non-zero when a file could not be processed at all
  // (missing file, no compile command, a crash in the frontend).
  int ToolStatus = 0;
};

TidyRunResult runTidy(ClangTidyContext &Context,
                      const tooling::CompilationDatabase &Compilations,
                      llvm::ArrayRef<std::string> Files,
                      llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                      bool ApplyAnyFix, bool Quiet);

}  // namespace clang::tidy::torch_tidy
