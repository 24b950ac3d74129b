// Control-flow questions about statements of one function body, on clang's
// CFG: does A dominate B (every path from the entry to B passes through A),
// can B run after A. Flow-sensitive, not path-sensitive: a condition is
// evaluated only when it is known at compile time with the function's
// read-only locals substituted, and a counted loop with a positive count
// runs its body at least once (FeasibleEdges.h); every other branch is
// assumed possible.
//
// Statements are located through CFGStmtMap, so a sub-expression is placed
// in the block of the statement that contains it; two statements of one
// block are ordered by their position in it.
#pragma once

#include <memory>

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/ArrayRef.h"

namespace clang {
class CFGStmtMap;
class ParentMap;
} // namespace clang

namespace clang::tidy::torch_tidy {

class FeasibleEdges;

class ControlFlow {
public:
  ControlFlow(const Stmt *Body, ASTContext &Ctx);
  ~ControlFlow();

  bool valid() const { return Graph != nullptr; }
  // A runs before B on every path that reaches B.
  bool dominates(const Stmt *A, const Stmt *B) const;
  // B can run after A (on some path, loops included).
  bool canReach(const Stmt *A, const Stmt *B) const;
  // B can run after A on a path that runs none of `Avoid` in between.
  bool canReachAvoiding(const Stmt *A, const Stmt *B,
                        llvm::ArrayRef<const Stmt *> Avoid) const;
  // The function can return (or throw out) after A on a path that runs
  // none of `Avoid` in between.
  bool canExitAvoiding(const Stmt *A, llvm::ArrayRef<const Stmt *> Avoid) const;

private:
  struct Position {
    const CFGBlock *Block = nullptr;
    unsigned Index = 0;
  };
  Position positionOf(const Stmt *S) const;
  // Whether `To` can run after A without running any of `Avoid` (A known
  // to be in the CFG; true when it is not).
  bool reachAvoiding(const Stmt *A, Position To,
                     llvm::ArrayRef<const Stmt *> Avoid) const;
  // Whether `To` can run after element `FromIndex` of `From` (-1: before
  // its first) on the edges that can be taken, running none of `Blockers`.
  bool searchFrom(const CFGBlock *From, long FromIndex, Position To,
                  llvm::ArrayRef<Position> Blockers, bool FirstTest) const;

  std::unique_ptr<CFG> Graph;
  std::unique_ptr<ParentMap> Parents;
  std::unique_ptr<CFGStmtMap> StmtMap;
  struct DomTree;
  std::unique_ptr<DomTree> Dom;
  std::unique_ptr<FeasibleEdges> Edges;
};

} // namespace clang::tidy::torch_tidy
