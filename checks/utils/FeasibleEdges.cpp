#include "FeasibleEdges.h"

#include <vector>

#include "AnalysisLimits.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/BitVector.h"

namespace clang::tidy::torch_tidy {

namespace {

// Every local read or written in a body, and those written (or whose
// address or a reference is taken: anything but a plain read).
class LocalUses : public RecursiveASTVisitor<LocalUses> {
public:
  explicit LocalUses(const ParentMap &Parents) : Parents(Parents) {}
  llvm::DenseSet<const VarDecl *> Seen, Written;

  bool VisitDeclRefExpr(DeclRefExpr *E) {
    const auto *V = dyn_cast<VarDecl>(E->getDecl());
    if (!V || !V->isLocalVarDecl())
      return true;
    V = V->getCanonicalDecl();
    Seen.insert(V);
    if (!isPlainRead(E))
      Written.insert(V);
    return true;
  }

private:
  bool isPlainRead(const Expr *E) const {
    const Stmt *P = Parents.getParentIgnoreParens(const_cast<Expr *>(E));
    const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(P);
    return Cast && Cast->getCastKind() == CK_LValueToRValue;
  }
  const ParentMap &Parents;
};

bool isComparison(BinaryOperatorKind Op) {
  return BinaryOperator::isComparisonOp(Op) && Op != BO_Cmp;
}

std::optional<int64_t> compare(BinaryOperatorKind Op, int64_t L, int64_t R) {
  switch (Op) {
  case BO_LT:
    return L < R;
  case BO_GT:
    return L > R;
  case BO_LE:
    return L <= R;
  case BO_GE:
    return L >= R;
  case BO_EQ:
    return L == R;
  case BO_NE:
    return L != R;
  default:
    return std::nullopt;
  }
}

// Whether `V` fits the integer type `T` (a conversion keeps it).
bool fits(const ASTContext &Ctx, QualType T, int64_t V) {
  if (T->isBooleanType())
    return V == 0 || V == 1;
  if (!T->isIntegralOrEnumerationType())
    return false;
  const uint64_t Width = Ctx.getIntWidth(T);
  if (T->isUnsignedIntegerOrEnumerationType())
    return V >= 0 && (Width >= 63 || uint64_t(V) < (uint64_t(1) << Width));
  if (Width >= 64)
    return true;
  const int64_t Max = (int64_t(1) << (Width - 1)) - 1;
  return V >= -Max - 1 && V <= Max;
}

const VarDecl *localRead(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return V ? V->getCanonicalDecl() : nullptr;
}

} // namespace

FeasibleEdges::FeasibleEdges(const CFG &Graph, const Stmt *Body,
                             ASTContext &Ctx, const ParentMap &Parents)
    : Ctx(Ctx), Parents(Parents) {
  findEffectivelyConstantLocals(Body);
  for (const CFGBlock *Block : Graph) {
    if (!Block || Block->succ_size() != 2)
      continue;
    const auto *Loop = dyn_cast_or_null<ForStmt>(Block->getTerminatorStmt());
    if (Loop && runsAtLeastOnce(Loop))
      CountedLoops[Block->getBlockID()] = entriesOf(Graph, *Block);
    const auto *Cond = dyn_cast_or_null<Expr>(Block->getTerminatorCondition());
    if (!Cond)
      continue;
    if (std::optional<int64_t> V = valueOf(Cond))
      // Successor 0 is taken when the condition holds, 1 when it does not.
      Never.insert({Block->getBlockID(), *V ? 1u : 0u});
  }
}

void FeasibleEdges::findEffectivelyConstantLocals(const Stmt *Body) {
  if (!Body)
    return;
  LocalUses Uses(Parents);
  Uses.TraverseStmt(const_cast<Stmt *>(Body));
  for (const VarDecl *V : Uses.Seen)
    if (!Uses.Written.contains(V) &&
        V->getType()->isIntegralOrEnumerationType())
      ReadOnly.insert(V);
}

std::optional<int64_t> FeasibleEdges::valueOf(const Expr *E, int Depth) const {
  if (!E || Depth > limits::MaxConstantDepth)
    return std::nullopt;
  E = E->IgnoreParens();
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  Expr::EvalResult R;
  if (E->EvaluateAsInt(R, Ctx)) {
    const llvm::APSInt &V = R.Val.getInt();
    if (V.getSignificantBits() > 64 || (V.isUnsigned() && V.isNegative()))
      return std::nullopt;
    return V.getExtValue();
  }
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
    std::optional<int64_t> V = valueOf(Cast->getSubExpr(), Depth + 1);
    switch (Cast->getCastKind()) {
    case CK_LValueToRValue:
    case CK_NoOp:
      return V;
    case CK_IntegralToBoolean:
      return V ? std::optional<int64_t>(*V != 0) : std::nullopt;
    case CK_IntegralCast:
      return V && fits(Ctx, Cast->getType(), *V) ? V : std::nullopt;
    default:
      return std::nullopt;
    }
  }
  if (const VarDecl *V = localRead(E);
      V && ReadOnly.contains(V) && isa<DeclRefExpr>(E) && V->getInit())
    return valueOf(V->getInit(), Depth + 1);
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    std::optional<int64_t> V = valueOf(U->getSubExpr(), Depth + 1);
    if (!V)
      return std::nullopt;
    if (U->getOpcode() == UO_LNot)
      return *V == 0;
    if (U->getOpcode() == UO_Plus)
      return V;
    return std::nullopt;
  }
  const auto *B = dyn_cast<BinaryOperator>(E);
  if (!B)
    return std::nullopt;
  std::optional<int64_t> L = valueOf(B->getLHS(), Depth + 1);
  // && and || decide on their left operand alone when they can.
  if (B->getOpcode() == BO_LAnd && L && *L == 0)
    return 0;
  if (B->getOpcode() == BO_LOr && L && *L != 0)
    return 1;
  std::optional<int64_t> Rv = valueOf(B->getRHS(), Depth + 1);
  if (!L || !Rv)
    return std::nullopt;
  if (B->getOpcode() == BO_LAnd || B->getOpcode() == BO_LOr)
    return *Rv != 0;
  if (isComparison(B->getOpcode()))
    return compareOperands(B, *L, *Rv);
  return std::nullopt;
}

std::optional<int64_t> FeasibleEdges::compareOperands(const BinaryOperator *B,
                                                      int64_t L,
                                                      int64_t R) const {
  // Operands converted to an unsigned type: a negative value would wrap.
  if (B->getLHS()->getType()->isUnsignedIntegerOrEnumerationType() &&
      (L < 0 || R < 0))
    return std::nullopt;
  return compare(B->getOpcode(), L, R);
}

bool FeasibleEdges::runsAtLeastOnce(const ForStmt *Loop) const {
  const auto *B = dyn_cast_or_null<BinaryOperator>(
      Loop->getCond() ? Loop->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!B || !isComparison(B->getOpcode()))
    return false;
  // The counter and its first value, from `T i = c0` or `i = c0`.
  const VarDecl *Counter = nullptr;
  std::optional<int64_t> First;
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(Loop->getInit())) {
    const auto *V =
        DS->isSingleDecl() ? dyn_cast<VarDecl>(DS->getSingleDecl()) : nullptr;
    if (V && V->getInit()) {
      Counter = V->getCanonicalDecl();
      First = valueOf(V->getInit());
    }
  } else if (const auto *Assign =
                 dyn_cast_or_null<BinaryOperator>(Loop->getInit())) {
    if (Assign->getOpcode() == BO_Assign) {
      Counter = localRead(Assign->getLHS());
      First = valueOf(Assign->getRHS());
    }
  }
  if (!Counter || !First)
    return false;
  auto Side = [&](const Expr *E) {
    return localRead(E) == Counter ? First : valueOf(E);
  };
  std::optional<int64_t> L = Side(B->getLHS()), R = Side(B->getRHS());
  if (!L || !R)
    return false;
  std::optional<int64_t> Holds = compareOperands(B, *L, *R);
  return Holds && *Holds;
}

llvm::SmallVector<unsigned, 2> FeasibleEdges::entriesOf(const CFG &Graph,
                                                        const CFGBlock &Head) {
  // The predecessors of the loop's test that the test cannot reach: the
  // way in, not the back edge.
  llvm::BitVector Reached(Graph.getNumBlockIDs());
  std::vector<const CFGBlock *> Work(Head.succ_begin(), Head.succ_end());
  while (!Work.empty()) {
    const CFGBlock *Cur = Work.back();
    Work.pop_back();
    if (!Cur || Reached.test(Cur->getBlockID()))
      continue;
    Reached.set(Cur->getBlockID());
    Work.insert(Work.end(), Cur->succ_begin(), Cur->succ_end());
  }
  llvm::SmallVector<unsigned, 2> Entries;
  for (const CFGBlock *Pred : Head.preds())
    if (Pred && !Reached.test(Pred->getBlockID()))
      Entries.push_back(Pred->getBlockID());
  return Entries;
}

bool FeasibleEdges::firstTest(const CFGBlock *Pred,
                              const CFGBlock *Block) const {
  auto It = CountedLoops.find(Block->getBlockID());
  return Pred && It != CountedLoops.end() &&
         llvm::is_contained(It->second, Pred->getBlockID());
}

bool FeasibleEdges::feasible(const CFGBlock *Block, unsigned I,
                             bool FirstTest) const {
  if (Never.contains({Block->getBlockID(), I}))
    return false;
  // The exit of a counted loop (successor 1) on its first test.
  return !(FirstTest && I == 1 && CountedLoops.count(Block->getBlockID()));
}

} // namespace clang::tidy::torch_tidy
