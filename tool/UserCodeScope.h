// Speed only: before clang-tidy's matchers run, the CLI narrows the
// translation unit's traversal scope to the top-level declarations that are
// not in system headers, so the declarations of <torch/torch.h> (a system
// header with -isystem, as Debian's libtorch-dev is) are never walked and
// the parent map (ParentMapContext, built on the first getParents) covers
// user code only. Which nodes the checks match is decided by the checks
// themselves (utils/TorchCheck.h inCheckedCode), the same in the plugin,
// which walks the whole AST.
//
// Why it stays, measured (docs/design.md): without it, the checks cost
// 1.45x a `clang++ -fsyntax-only` parse instead of 1.0x. Known limit: a
// parent lookup never leaves user code (a node's parents outside the scope
// are not in the map); the checks only walk up to the enclosing function.
//
// What it does not do: skip non-system headers (the project's own headers
// are user code), or look inside namespaces (a namespace block is kept or
// dropped whole, by where it is opened).
#pragma once

#include <memory>

#include "clang/AST/ASTConsumer.h"

namespace clang::tidy::torch_tidy {

std::unique_ptr<ASTConsumer> createUserCodeScopeConsumer();

} // namespace clang::tidy::torch_tidy
