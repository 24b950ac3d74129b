// The function whose body a statement is in: a FunctionDecl, or the call
// operator of the innermost lambda (a lambda body runs when it is called, not
// where it is written, so it is a function of its own for every analysis).
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::torch_tidy {

struct EnclosingFunction {
  const FunctionDecl *Function = nullptr; // lambda call operator included
  const Stmt *Body = nullptr;
  explicit operator bool() const { return Function && Body; }
};

EnclosingFunction enclosingFunction(ASTContext &Ctx, const Stmt &S);

// Whether `Name` is declared (a parameter or any declaration in the body)
// in function `F`.
bool declaresName(ASTContext &Ctx, const EnclosingFunction &F,
                  llvm::StringRef Name);

// Calls Visit(Block, Child) for each compound statement enclosing `S` within
// its function (not crossing a lambda), innermost first, where Child is the
// statement of Block that contains S; stops when Visit returns true.
void forEachEnclosingBlock(
    ASTContext &Ctx, const Stmt &S,
    llvm::function_ref<bool(const CompoundStmt &Block, const Stmt *Child)>
        Visit);

// The innermost compound statement around `S` that belongs to the same
// function (not crossing a lambda), or null.
const CompoundStmt *innermostBlock(ASTContext &Ctx, const Stmt &S);

// The compound statements around `S` within its function (not crossing a
// lambda), innermost first.
llvm::SmallVector<const CompoundStmt *, 4> enclosingBlocks(ASTContext &Ctx,
                                                           const Stmt &S);

// The innermost loop (for, range-for, while, do) around `S` within its
// function (not crossing a lambda), or null.
const Stmt *innermostLoop(ASTContext &Ctx, const Stmt &S);

// Whether `S` is nested in `Outer` within its function (not crossing a
// lambda).
bool isWithin(ASTContext &Ctx, const Stmt &S, const Stmt &Outer);

} // namespace clang::tidy::torch_tidy
