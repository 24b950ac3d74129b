// Edges of a function's CFG that no execution takes, for the control-flow
// questions of ControlFlow.h:
//   - a branch on a condition known at compile time once the function's
//     effectively constant locals are substituted (`bool save_best{false};`
//     never written again makes `if (save_best)` always skip its body);
//   - the exit of a counted `for` loop on its first test, when the count is
//     known to be positive (`for (size_t e = 0; e != kEpochs; ++e)` with
//     `const size_t kEpochs = 2;` runs its body at least once).
// An effectively constant local has an integral or bool type, an
// initializer known at compile time, and is only ever read (every use is
// an lvalue-to-rvalue conversion: no assignment, increment, address or
// reference taken). Anything else is unknown and every edge stays feasible.
#pragma once

#include <cstdint>
#include <optional>

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang {
class ParentMap;
} // namespace clang

namespace clang::tidy::torch_tidy {

class FeasibleEdges {
public:
  FeasibleEdges(const CFG &Graph, const Stmt *Body, ASTContext &Ctx,
                const ParentMap &Parents);

  // Whether some edge of the graph is known not to be taken.
  bool any() const { return !Never.empty() || !CountedLoops.empty(); }
  // Whether entering `Block` from `Pred` reaches the first test of a
  // counted loop (not its back edge); false when `Pred` is null (unknown).
  bool firstTest(const CFGBlock *Pred, const CFGBlock *Block) const;
  // Whether the edge from `Block` to its successor number `I` can be taken,
  // `Block` having been entered as `firstTest` says.
  bool feasible(const CFGBlock *Block, unsigned I, bool FirstTest) const;

private:
  void findEffectivelyConstantLocals(const Stmt *Body);
  std::optional<int64_t> valueOf(const Expr *E, int Depth = 0) const;
  std::optional<int64_t> compareOperands(const BinaryOperator *B, int64_t L,
                                         int64_t R) const;
  bool runsAtLeastOnce(const ForStmt *Loop) const;
  static llvm::SmallVector<unsigned, 2> entriesOf(const CFG &Graph,
                                                  const CFGBlock &Head);

  ASTContext &Ctx;
  const ParentMap &Parents;
  // Locals only ever read (their initializer is their value).
  llvm::DenseSet<const VarDecl *> ReadOnly;
  // (block id, successor index) pairs never taken.
  llvm::DenseSet<std::pair<unsigned, unsigned>> Never;
  // Test blocks of counted loops, with the blocks that enter the loop (not
  // its back edge): from those, the exit successor is not taken.
  llvm::DenseMap<unsigned, llvm::SmallVector<unsigned, 2>> CountedLoops;
};

} // namespace clang::tidy::torch_tidy
