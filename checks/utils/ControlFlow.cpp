#include "ControlFlow.h"

#include "FeasibleEdges.h"

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
  Edges = std::make_unique<FeasibleEdges>(*Graph, Body, Ctx, *Parents);
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
  if (Dom->Tree.dominates(PA.Block, PB.Block))
    return true;
  // On the edges that can be taken, B is not reached without running A.
  return Edges->any() &&
         !searchFrom(&Graph->getEntry(), -1, PB, {PA}, /*FirstTest=*/false);
}

bool ControlFlow::canReach(const Stmt *A, const Stmt *B) const {
  return canReachAvoiding(A, B, {});
}

bool ControlFlow::canReachAvoiding(const Stmt *A, const Stmt *B,
                                   llvm::ArrayRef<const Stmt *> Avoid) const {
  if (!valid())
    return true; // unknown: assume it can
  const Position PB = positionOf(B);
  return !PB.Block || reachAvoiding(A, PB, Avoid);
}

bool ControlFlow::canExitAvoiding(const Stmt *A,
                                  llvm::ArrayRef<const Stmt *> Avoid) const {
  if (!valid())
    return true;
  return reachAvoiding(A, Position{&Graph->getExit(), 0}, Avoid);
}

bool ControlFlow::reachAvoiding(const Stmt *A, Position To,
                                llvm::ArrayRef<const Stmt *> Avoid) const {
  const Position PA = positionOf(A);
  if (!PA.Block)
    return true;
  std::vector<Position> Blockers;
  for (const Stmt *S : Avoid) {
    const Position P = positionOf(S);
    if (P.Block)
      Blockers.push_back(P);
  }
  // How A's block was entered is not known: its loop test may be a later one.
  return searchFrom(PA.Block, PA.Index, To, Blockers, /*FirstTest=*/false);
}

bool ControlFlow::searchFrom(const CFGBlock *From, long FromIndex, Position To,
                             llvm::ArrayRef<Position> Blockers,
                             bool FirstTest) const {
  // Whether a blocker sits in `Block` at an index in (From, To).
  auto BlockedIn = [&](const CFGBlock *Block, long Lo, long Hi) {
    return llvm::any_of(Blockers, [&](const Position &P) {
      return P.Block == Block && long(P.Index) > Lo && long(P.Index) < Hi;
    });
  };
  const long BlockEnd = std::numeric_limits<long>::max();
  if (From == To.Block && FromIndex < long(To.Index))
    return !BlockedIn(From, FromIndex, To.Index);
  if (BlockedIn(From, FromIndex, BlockEnd))
    return false;
  // Depth-first over the edges that can be taken; reaching B's block again
  // (also through a loop back to A's own block) means B can run after A.
  // A block is visited once per way of entering it (first loop test or not).
  struct Item {
    const CFGBlock *Block;
    bool FirstTest;
  };
  std::vector<Item> Work;
  auto PushSuccessors = [&](const CFGBlock *Cur, bool CurFirstTest) {
    unsigned I = 0;
    for (const CFGBlock *Succ : Cur->succs()) {
      if (Succ && Edges->feasible(Cur, I, CurFirstTest))
        Work.push_back({Succ, Edges->firstTest(Cur, Succ)});
      ++I;
    }
  };
  PushSuccessors(From, FirstTest);
  llvm::BitVector Seen(2 * Graph->getNumBlockIDs());
  while (!Work.empty()) {
    const Item Cur = Work.back();
    Work.pop_back();
    const unsigned Key = 2 * Cur.Block->getBlockID() + Cur.FirstTest;
    if (Seen.test(Key))
      continue;
    Seen.set(Key);
    // Entering a block runs it from its first element.
    if (Cur.Block == To.Block && !BlockedIn(Cur.Block, -1, To.Index))
      return true;
    if (BlockedIn(Cur.Block, -1, BlockEnd))
      continue; // every path runs a blocker
    PushSuccessors(Cur.Block, Cur.FirstTest);
  }
  return false;
}

} // namespace clang::tidy::torch_tidy
