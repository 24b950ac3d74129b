// Guard scopes: which grad-mode guard, if any, is live at a statement.
//
// A guard (`torch::NoGradGuard g;`, `c10::InferenceMode g;`,
// `torch::AutoGradMode g(false);`) is live from its declaration to the end
// of its block. The innermost live guard decides: an `AutoGradMode(true)`
// inside a no-grad block turns gradients back on. A guard whose argument is
// not a constant (`torch::InferenceMode g(flag);`) may or may not disable
// gradients; callers treat it as present.
//
// Not modelled: guards held in other objects (a member of `this`, a
// `std::optional`), guards started by a function the statement is called
// through (see InferenceCallers.h for guards in callers), and
// GradMode::set_enabled() calls.
#pragma once

#include "llvm/ADT/DenseMap.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

namespace clang::tidy::torch_tidy {

enum class GradState {
  Enabled,  // no guard, or a guard that enables gradients
  Disabled, // NoGradGuard, InferenceMode, AutoGradMode(false)
  Unknown,  // a guard whose argument is only known at run time
};

struct LiveGuard {
  GradState State = GradState::Enabled;
  const VarDecl *Guard = nullptr; // null when no guard is live
};

// The guard declarations of blocks, indexed once per block: for each
// statement of a block, the guard declared last before it. Without it a
// query scans the block's statements before the one asked about, which is
// quadratic over a long straight-line function. Valid for one AST.
class GuardDeclIndex {
public:
  // The guard declared last before `Child` among `Block`'s statements.
  const VarDecl *lastGuardBefore(const CompoundStmt &Block, const Stmt *Child);

private:
  llvm::DenseMap<const CompoundStmt *,
                 llvm::DenseMap<const Stmt *, const VarDecl *>>
      Blocks;
};

// The innermost guard live at `S` within its function (not crossing into an
// enclosing function through a lambda body). `Index`, when given, answers
// repeated queries into the same blocks in constant time each.
LiveGuard liveGuardAt(ASTContext &Ctx, const Stmt &S,
                      GuardDeclIndex *Index = nullptr);

// A guard temporary statement (`torch::NoGradGuard();`, the bug
// torch-unnamed-guard reports) before `S` in one of its enclosing blocks of
// the same function, or null. It was meant to guard `S`.
const Expr *guardTemporaryBefore(ASTContext &Ctx, const Stmt &S);

// The grad state a guard variable sets.
GradState guardState(ASTContext &Ctx, const VarDecl &Guard);

} // namespace clang::tidy::torch_tidy
