#include "ControlFlow.h"

#include <limits>
#include <vector>

#include "llvm/ADT/BitVector.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/Analyses/Dominators.h"
#include "clang/Analysis/CFGStmtMap.h"

namespace clang::tidy::torch_tidy {

struct ControlFlow::DomTree {
  CFGDomTree Tree;
};

ControlFlow::ControlFlow(const Stmt *Body, ASTContext &Ctx) {
  if (!Body)
    return;
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Graph = CFG::buildCFG(nullptr, const_cast<Stmt *>(Body), &Ctx, Options);
  if (!Graph)
    return;
  Parents = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
  StmtMap.reset(CFGStmtMap::Build(Graph.get(), Parents.get()));
  Dom = std::make_unique<DomTree>();
  Dom->Tree.buildDominatorTree(Graph.get());
}

ControlFlow::~ControlFlow() = default;

ControlFlow::Position ControlFlow::positionOf(const Stmt *S) const {
  Position P;
  if (!StmtMap)
    return P;
  P.Block = StmtMap->getBlock(const_cast<Stmt *>(S));
  if (!P.Block)
    return P;
  // The element that is S or contains it.
  unsigned I = 0;
  for (const CFGElement &E : *P.Block) {
    if (auto CS = E.getAs<CFGStmt>()) {
      const Stmt *Elem = CS->getStmt();
      for (const Stmt *Cur = S; Cur; Cur = Parents->getParent(Cur)) {
        if (Cur == Elem) {
          P.Index = I;
          return P;
        }
      }
    }
    ++I;
  }
  return P;
}

bool ControlFlow::dominates(const Stmt *A, const Stmt *B) const {
  if (!valid())
    return false;
  const Position PA = positionOf(A), PB = positionOf(B);
  if (!PA.Block || !PB.Block)
    return false;
  if (PA.Block == PB.Block)
    return PA.Index < PB.Index;
  return Dom->Tree.dominates(PA.Block, PB.Block);
}

bool ControlFlow::canReach(const Stmt *A, const Stmt *B) const {
  return canReachAvoiding(A, B, {});
}

bool ControlFlow::canReachAvoiding(const Stmt *A, const Stmt *B,
                                   llvm::ArrayRef<const Stmt *> Avoid) const {
  if (!valid())
    return true; // unknown: assume it can
  const Position PA = positionOf(A), PB = positionOf(B);
  if (!PA.Block || !PB.Block)
    return true;
  std::vector<Position> Blockers;
  for (const Stmt *S : Avoid) {
    const Position P = positionOf(S);
    if (P.Block)
      Blockers.push_back(P);
  }
  // Whether a blocker sits in `Block` at an index in (From, To).
  auto BlockedIn = [&](const CFGBlock *Block, long From, long To) {
    return llvm::any_of(Blockers, [&](const Position &P) {
      return P.Block == Block && long(P.Index) > From && long(P.Index) < To;
    });
  };
  const long BlockEnd = std::numeric_limits<long>::max();
  if (PA.Block == PB.Block && PA.Index < PB.Index)
    return !BlockedIn(PA.Block, PA.Index, PB.Index);
  if (BlockedIn(PA.Block, PA.Index, BlockEnd))
    return false;
  // Depth-first over the successors of A's block; reaching B's block again
  // (also through a loop back to A's own block) means B can run after A.
  std::vector<const CFGBlock *> Work;
  llvm::BitVector Seen(Graph->getNumBlockIDs());
  for (const CFGBlock *Succ : PA.Block->succs())
    if (Succ)
      Work.push_back(Succ);
  while (!Work.empty()) {
    const CFGBlock *Cur = Work.back();
    Work.pop_back();
    if (Seen.test(Cur->getBlockID()))
      continue;
    Seen.set(Cur->getBlockID());
    // Entering a block runs it from its first element.
    if (Cur == PB.Block && !BlockedIn(Cur, -1, PB.Index))
      return true;
    if (BlockedIn(Cur, -1, BlockEnd))
      continue; // every path runs a blocker
    for (const CFGBlock *Succ : Cur->succs())
      if (Succ)
        Work.push_back(Succ);
  }
  return false;
}

} // namespace clang::tidy::torch_tidy
