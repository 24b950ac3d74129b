#include "EnclosingFunction.h"

#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::torch_tidy {

namespace {
// Walks the parent chain of `S` (first parent only; templates are analysed
// per instantiation by the matchers) until `Visit` returns true.
template <typename F>
void walkUp(ASTContext &Ctx, const Stmt &S, F Visit) {
  DynTypedNode N = DynTypedNode::create(S);
  for (int Depth = 0; Depth < 1024; ++Depth) {
    const auto Parents = Ctx.getParents(N);
    if (Parents.empty()) return;
    N = Parents[0];
    if (Visit(N)) return;
  }
}
}  // namespace

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
  if (llvm::any_of(F.Function->parameters(), [&](const ParmVarDecl *P) {
        return P->getName() == Name;
      }))
    return true;
  return !match(stmt(hasDescendant(namedDecl(hasName(Name)))), *F.Body, Ctx)
              .empty();
}

const CompoundStmt *innermostBlock(ASTContext &Ctx, const Stmt &S) {
  const CompoundStmt *Block = nullptr;
  walkUp(Ctx, S, [&](const DynTypedNode &N) {
    if (N.get<LambdaExpr>() || N.get<FunctionDecl>()) return true;
    Block = N.get<CompoundStmt>();
    return Block != nullptr;
  });
  return Block;
}

}  // namespace clang::tidy::torch_tidy
