// clang-tidy's findings and statistics as JSON, every field kept, so that a
// finding read back prints, fixes and exports exactly as the original (the
// result cache, ResultCache.h, replays them).
#pragma once

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/Support/JSON.h"

namespace clang::tidy::torch_tidy {

llvm::json::Value errorToJSON(const ClangTidyError &E);
// Fails on a value that errorToJSON did not make.
bool errorFromJSON(const llvm::json::Value &V, ClangTidyError &E,
                   llvm::json::Path P);

llvm::json::Value statsToJSON(const ClangTidyStats &S);
bool statsFromJSON(const llvm::json::Value &V, ClangTidyStats &S,
                   llvm::json::Path P);

} // namespace clang::tidy::torch_tidy
