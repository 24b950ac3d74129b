// Limits AST matching to user code. Before clang-tidy's matchers run, the
// translation unit's traversal scope is narrowed to the top-level
// declarations that are not in system headers, so the thousands of
// declarations of <torch/torch.h> (a system header when included with
// -isystem, as Debian's libtorch-dev is) are never walked.
//
// What it does not do: skip non-system headers (the project's own headers
// are user code), or look inside namespaces (a namespace block is kept or
// dropped whole, by where it is opened).
#pragma once

#include <memory>

#include "clang/AST/ASTConsumer.h"

namespace clang::tidy::torch_tidy {

std::unique_ptr<ASTConsumer> createUserCodeScopeConsumer();

}  // namespace clang::tidy::torch_tidy
