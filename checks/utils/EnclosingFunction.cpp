#include "EnclosingFunction.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace clang::tidy::torch_tidy {

namespace {
// Walks the parent chain of `S` (first parent only; templates are analysed
// per instantiation by the matchers) until `Visit` returns true. The chain
// ends at the translation unit however deep `S` is nested: no depth limit,
// which would put deeply nested code outside any function.
template <typename F> void walkUp(ASTContext &Ctx, const Stmt &S, F Visit) {
  DynTypedNode N = DynTypedNode::create(S);
  for (;;) {
    const auto Parents = Ctx.getParents(N);
    if (Parents.empty())
      return;
    N = Parents[0];
    if (Visit(N))
      return;
  }
}
} // namespace

EnclosingFunction enclosingFunction(ASTContext &Ctx, const Stmt &S) {
  EnclosingFunction Result;
  walkUp(Ctx, S, [&](const DynTypedNode &N) {
    if (const auto *L = N.get<LambdaExpr>()) {
      Result.Function = L->getCallOperator();
      Result.Body = L->getBody();
      return true;
    }
    if (const auto *FD = N.get<FunctionDecl>()) {
      Result.Function = FD;
      Result.Body = FD->getBody();
      return true;
    }
    return false;
  });
  return Result;
}

bool declaresName(ASTContext &Ctx, const EnclosingFunction &F,
                  llvm::StringRef Name) {
  using namespace ast_matchers;
  if (llvm::any_of(F.Function->parameters(),
                   [&](const ParmVarDecl *P) { return P->getName() == Name; }))
    return true;
  return !match(stmt(hasDescendant(namedDecl(hasName(Name)))), *F.Body, Ctx)
              .empty();
}

void forEachEnclosingBlock(
    ASTContext &Ctx, const Stmt &S,
    llvm::function_ref<bool(const CompoundStmt &, const Stmt *)> Visit) {
  const Stmt *Child = &S;
  walkUp(Ctx, S, [&](const DynTypedNode &N) {
    // A function or lambda body ends the search.
    if (N.get<LambdaExpr>() || N.get<FunctionDecl>())
      return true;
    if (const auto *Block = N.get<CompoundStmt>())
      if (Visit(*Block, Child))
        return true;
    // Declarations (a variable whose initializer holds S) sit between
    // statements: keep the last statement seen.
    if (const auto *St = N.get<Stmt>())
      Child = St;
    return false;
  });
}

const CompoundStmt *innermostBlock(ASTContext &Ctx, const Stmt &S) {
  const CompoundStmt *Innermost = nullptr;
  forEachEnclosingBlock(Ctx, S, [&](const CompoundStmt &Block, const Stmt *) {
    Innermost = &Block;
    return true;
  });
  return Innermost;
}

llvm::SmallVector<const CompoundStmt *, 4> enclosingBlocks(ASTContext &Ctx,
                                                           const Stmt &S) {
  llvm::SmallVector<const CompoundStmt *, 4> Blocks;
  forEachEnclosingBlock(Ctx, S, [&](const CompoundStmt &Block, const Stmt *) {
    Blocks.push_back(&Block);
    return false;
  });
  return Blocks;
}

const Stmt *innermostLoop(ASTContext &Ctx, const Stmt &S) {
  const Stmt *Loop = nullptr;
  walkUp(Ctx, S, [&](const DynTypedNode &N) {
    if (N.get<LambdaExpr>() || N.get<FunctionDecl>())
      return true;
    const auto *St = N.get<Stmt>();
    if (St && (isa<ForStmt>(St) || isa<CXXForRangeStmt>(St) ||
               isa<WhileStmt>(St) || isa<DoStmt>(St)))
      Loop = St;
    return Loop != nullptr;
  });
  return Loop;
}

bool isWithin(ASTContext &Ctx, const Stmt &S, const Stmt &Outer) {
  bool Found = false;
  walkUp(Ctx, S, [&](const DynTypedNode &N) {
    if (N.get<LambdaExpr>() || N.get<FunctionDecl>())
      return true;
    Found = N.get<Stmt>() == &Outer;
    return Found;
  });
  return Found;
}

} // namespace clang::tidy::torch_tidy
