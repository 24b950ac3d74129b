#include "GuardScopes.h"

#include "ConstantValues.h"
#include "EnclosingFunction.h"
#include "TorchTypes.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::torch_tidy {

namespace {

const CXXConstructExpr *constructorOf(const VarDecl &V) {
  const Expr *Init = V.getInit();
  if (!Init)
    return nullptr;
  // IgnoreImplicit also strips ExprWithCleanups and CXXBindTemporaryExpr.
  Init = Init->IgnoreImplicit();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Init))
    Init = Cast->getSubExpr()->IgnoreImplicit();
  return dyn_cast<CXXConstructExpr>(Init);
}

// The last guard object `Child` declares, or `Found`.
const VarDecl *guardDeclaredBy(const Stmt *Child, const VarDecl *Found) {
  const auto *DS = dyn_cast<DeclStmt>(Child);
  if (!DS)
    return Found;
  for (const Decl *D : DS->decls())
    if (const auto *V = dyn_cast<VarDecl>(D))
      if (guardKindOf(V->getType()) != GuardKind::None &&
          !V->getType()->isReferenceType() && !V->getType()->isPointerType())
        Found = V;
  return Found;
}

// The guard declared last (closest to `Before`) in the statements of
// `Block` that precede `Before`.
const VarDecl *lastGuardBefore(const CompoundStmt &Block, const Stmt *Before) {
  const VarDecl *Found = nullptr;
  for (const Stmt *Child : Block.body()) {
    if (Child == Before)
      break;
    Found = guardDeclaredBy(Child, Found);
  }
  return Found;
}

} // namespace

GradState guardState(ASTContext &Ctx, const VarDecl &Guard) {
  const GuardKind Kind = guardKindOf(Guard.getType());
  const CXXConstructExpr *Ctor = constructorOf(Guard);
  const Expr *Arg = Ctor && Ctor->getNumArgs() > 0 ? Ctor->getArg(0) : nullptr;
  if (Arg && isa<CXXDefaultArgExpr>(Arg))
    Arg = nullptr;
  switch (Kind) {
  case GuardKind::NoGrad:
    return GradState::Disabled;
  case GuardKind::AutoGradMode: {
    const std::optional<bool> On = constantBool(Ctx, Arg);
    if (!On)
      return GradState::Unknown;
    return *On ? GradState::Enabled : GradState::Disabled;
  }
  case GuardKind::InferenceMode: {
    if (!Arg)
      return GradState::Disabled; // InferenceMode(bool = true)
    const std::optional<bool> On = constantBool(Ctx, Arg);
    if (!On)
      return GradState::Unknown;
    return *On ? GradState::Disabled : GradState::Enabled;
  }
  case GuardKind::None:
    break;
  }
  return GradState::Enabled;
}

const Expr *guardTemporaryBefore(ASTContext &Ctx, const Stmt &S) {
  const Expr *Found = nullptr;
  forEachEnclosingBlock(
      Ctx, S, [&](const CompoundStmt &Block, const Stmt *Child) {
        for (const Stmt *Sibling : Block.body()) {
          if (Sibling == Child)
            break;
          const auto *E = dyn_cast<Expr>(Sibling);
          if (E && guardKindOf(E->getType()) != GuardKind::None)
            Found = E;
        }
        return Found != nullptr;
      });
  return Found;
}

const VarDecl *GuardDeclIndex::lastGuardBefore(const CompoundStmt &Block,
                                               const Stmt *Child) {
  auto [It, New] = Blocks.try_emplace(&Block);
  if (New) {
    const VarDecl *Found = nullptr;
    for (const Stmt *S : Block.body()) {
      It->second[S] = Found;
      Found = guardDeclaredBy(S, Found);
    }
  }
  return It->second.lookup(Child);
}

LiveGuard liveGuardAt(ASTContext &Ctx, const Stmt &S, GuardDeclIndex *Index) {
  LiveGuard Live;
  forEachEnclosingBlock(
      Ctx, S, [&](const CompoundStmt &Block, const Stmt *Child) {
        const VarDecl *Guard = Index ? Index->lastGuardBefore(Block, Child)
                                     : lastGuardBefore(Block, Child);
        if (Guard)
          Live = {guardState(Ctx, *Guard), Guard};
        return Guard != nullptr;
      });
  return Live;
}

} // namespace clang::tidy::torch_tidy
