// The solver of the autograd flow analysis (AutogradFlow.h): builds a
// function's CFG, iterates the transfer functions (AutogradTransfer.h) to a
// fixed point with clang's worklist, then runs them once more with the
// reporter that records findings and the summary (AutogradReport.h).
#include "AutogradFlow.h"

#include <set>

#include "AnalysisLimits.h"
#include "AutogradReport.h"
#include "AutogradState.h"
#include "AutogradSummary.h"
#include "AutogradTransfer.h"
#include "TorchTypes.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"

namespace clang::tidy::torch_tidy {

using namespace autograd;

struct AutogradAnalysis::Impl {
  ASTContext &Ctx;
  AutogradOptions Opts;
  std::map<const FunctionDecl *, std::unique_ptr<AutogradFindings>> Findings;
  std::map<const FunctionDecl *, std::unique_ptr<Summary>> Summaries;
  std::set<const FunctionDecl *> InProgress;
  std::map<const Stmt *, LiveGuard> Guards;
  GuardDeclIndex GuardDecls;
  TransferContext Context;

  Impl(ASTContext &C, AutogradOptions O, AutogradAnalysis &Owner)
      : Ctx(C), Opts(O),
        Context{
            C, Opts, [this](const Stmt *S) { return guardAt(S); },
            [&Owner](const FunctionDecl *FD) { return Owner.summary(FD); }} {}

  LiveGuard guardAt(const Stmt *S) {
    auto It = Guards.find(S);
    if (It != Guards.end())
      return It->second;
    const LiveGuard G = liveGuardAt(Ctx, *S, &GuardDecls);
    Guards.emplace(S, G);
    return G;
  }
};

namespace {

// Whether a function body mentions a tensor at all (most functions of a
// project do not; they are skipped before any CFG is built).
bool mentionsTensors(const Stmt *Body) {
  struct Finder : RecursiveASTVisitor<Finder> {
    bool Found = false;
    bool VisitExpr(Expr *E) {
      if (isTensorType(E->getType()))
        Found = true;
      return !Found;
    }
    bool TraverseLambdaExpr(LambdaExpr *) { return true; }
  } F;
  F.TraverseStmt(const_cast<Stmt *>(Body));
  return F.Found;
}

// One function's fixed point. Blocks are visited in reverse post-order
// (PostOrderCFGView walks successors last to first, so a loop's body comes
// before its exit and a loop settles before the solver moves past it); a
// block is analyzed again only when the state flowing into it changed.
class Solver {
public:
  Solver(const TransferContext &C, const FunctionDecl *FD, const CFG &Graph,
         FunctionEntities &Ents)
      : Graph(Graph), Order(&Graph), Flow(C, FD, Ents, elementsOf(Graph)),
        OutStates(Graph.getNumBlockIDs()) {
    Flow.seed(Entry);
  }

  // Iterates to the fixed point; false when the work budget ran out.
  bool solve();
  // The last pass, reporting to R; returns the state at the exit.
  State report(FlowReporter &R);

private:
  static llvm::DenseSet<const Stmt *> elementsOf(const CFG &Graph);
  State inState(const CFGBlock *B) const;

  const CFG &Graph;
  PostOrderCFGView Order;
  Transfer Flow;
  State Entry;
  std::vector<State> OutStates;
};

llvm::DenseSet<const Stmt *> Solver::elementsOf(const CFG &Graph) {
  llvm::DenseSet<const Stmt *> Elements;
  for (const CFGBlock *B : Graph)
    for (const CFGElement &El : *B)
      if (auto CS = El.getAs<CFGStmt>())
        Elements.insert(CS->getStmt());
  return Elements;
}

State Solver::inState(const CFGBlock *B) const {
  if (B == &Graph.getEntry())
    return Entry;
  State In;
  for (const CFGBlock *Pred : B->preds())
    if (Pred)
      In.joinWith(OutStates[Pred->getBlockID()]);
  return In;
}

// The work counted: per block visit the state entries it produces (joined
// and copied), per element one, and the entries scanned by each rename; a
// function whose analysis exceeds the budget (huge generated code) is given
// up, so it cannot stall a run. The budget is checked after each element:
// one long straight-line block cannot overrun it either.
bool Solver::solve() {
  ForwardDataflowWorklist Work(Graph, &Order);
  for (const CFGBlock *B : Order)
    Work.enqueueBlock(B);
  FlowReporter Silent;
  Flow.Budget = limits::FlowWorkBudget;
  while (const CFGBlock *B = Work.dequeue()) {
    State S = inState(B);
    if (!S.Reached)
      continue;
    Flow.block(*B, S, Silent);
    Flow.Work +=
        1 + S.Env.size() + S.Pending.size() + S.Dirty.size() + S.Cache.size();
    if (Flow.Work > limits::FlowWorkBudget)
      return false;
    State &Old = OutStates[B->getBlockID()];
    if (S == Old)
      continue;
    Old = std::move(S);
    Work.enqueueSuccessors(B);
  }
  return true;
}

State Solver::report(FlowReporter &R) {
  // The fixed point was reached within the budget; one more pass is not cut.
  Flow.Budget.reset();
  for (const CFGBlock *B : Order) {
    State S = inState(B);
    if (S.Reached)
      Flow.block(*B, S, R);
  }
  return inState(&Graph.getExit());
}

// Analyzes FD into Out and Sum.
void analyzeFunction(const TransferContext &C, const FunctionDecl *FD,
                     AutogradFindings &Out, Summary &Sum) {
  const Stmt *Body = FD->getBody();
  if (!Body || !mentionsTensors(Body))
    return;
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(FD, const_cast<Stmt *>(Body), &C.Ctx, CFG::BuildOptions());
  if (!Graph || Graph->getNumBlockIDs() > limits::MaxFlowBlocks) {
    Sum.Unknown = true;
    return;
  }
  FunctionEntities Ents;
  Solver S(C, FD, *Graph, Ents);
  if (!S.solve()) {
    Sum.Unknown = true;
    return;
  }
  FindingsRecorder Recorder(Out, Sum);
  const State Exit = S.report(Recorder);
  summarize(Recorder.Returned, Exit, Ents, Sum);
}

} // namespace

AutogradAnalysis::AutogradAnalysis(ASTContext &Ctx, AutogradOptions Options)
    : P(std::make_unique<Impl>(Ctx, Options, *this)) {}

AutogradAnalysis::~AutogradAnalysis() = default;

const Summary *AutogradAnalysis::summary(const FunctionDecl *FD) {
  analyze(FD);
  if (P->InProgress.count(FD))
    return nullptr;
  auto It = P->Summaries.find(FD);
  if (It == P->Summaries.end() || It->second->Unknown)
    return nullptr;
  return It->second.get();
}

const AutogradFindings &AutogradAnalysis::analyze(const FunctionDecl *FD) {
  auto It = P->Findings.find(FD);
  if (It != P->Findings.end())
    return *It->second;
  auto &F = P->Findings[FD];
  F = std::make_unique<AutogradFindings>();
  auto Sum = std::make_unique<Summary>();
  P->InProgress.insert(FD);
  analyzeFunction(P->Context, FD, *F, *Sum);
  P->InProgress.erase(FD);
  P->Summaries[FD] = std::move(Sum);
  return *F;
}

} // namespace clang::tidy::torch_tidy
