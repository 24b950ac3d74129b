#include "GuardScopes.h"

#include "TorchTypes.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::torch_tidy {

namespace {

// The constant value of a bool argument, if it has one.
std::optional<bool> constantBool(ASTContext &Ctx, const Expr *E) {
  bool Value = false;
  if (E && !E->isValueDependent() && E->EvaluateAsBooleanCondition(Value, Ctx))
    return Value;
  return std::nullopt;
}

const CXXConstructExpr *constructorOf(const VarDecl &V) {
  const Expr *Init = V.getInit();
  if (!Init) return nullptr;
  Init = Init->IgnoreImplicit();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Init))
    Init = Cleanups->getSubExpr()->IgnoreImplicit();
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Init))
    Init = Bind->getSubExpr()->IgnoreImplicit();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Init))
    Init = Cast->getSubExpr()->IgnoreImplicit();
  return dyn_cast<CXXConstructExpr>(Init);
}

// The guard declared last (closest to `Before`) in the statements of
// `Block` that precede `Before`.
const VarDecl *lastGuardBefore(const CompoundStmt &Block, const Stmt *Before) {
  const VarDecl *Found = nullptr;
  for (const Stmt *Child : Block.body()) {
    if (Child == Before) break;
    const auto *DS = dyn_cast<DeclStmt>(Child);
    if (!DS) continue;
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D))
        if (guardKindOf(V->getType()) != GuardKind::None &&
            !V->getType()->isReferenceType() && !V->getType()->isPointerType())
          Found = V;
  }
  return Found;
}

}  // namespace

GradState guardState(ASTContext &Ctx, const VarDecl &Guard) {
  const GuardKind Kind = guardKindOf(Guard.getType());
  const CXXConstructExpr *Ctor = constructorOf(Guard);
  const Expr *Arg = Ctor && Ctor->getNumArgs() > 0 ? Ctor->getArg(0) : nullptr;
  if (Arg && isa<CXXDefaultArgExpr>(Arg)) Arg = nullptr;
  switch (Kind) {
  case GuardKind::NoGrad:
    return GradState::Disabled;
  case GuardKind::AutoGradMode: {
    const std::optional<bool> On = constantBool(Ctx, Arg);
    if (!On) return GradState::Unknown;
    return *On ? GradState::Enabled : GradState::Disabled;
  }
  case GuardKind::InferenceMode: {
    if (!Arg) return GradState::Disabled;  // InferenceMode(bool = true)
    const std::optional<bool> On = constantBool(Ctx, Arg);
    if (!On) return GradState::Unknown;
    return *On ? GradState::Disabled : GradState::Enabled;
  }
  case GuardKind::None:
    break;
  }
  return GradState::Enabled;
}

const Expr *guardTemporaryBefore(ASTContext &Ctx, const Stmt &S) {
  DynTypedNode Child = DynTypedNode::create(S);
  for (int Depth = 0; Depth < 1024; ++Depth) {
    const auto Parents = Ctx.getParents(Child);
    if (Parents.empty()) break;
    const DynTypedNode Parent = Parents[0];
    if (Parent.get<LambdaExpr>() || Parent.get<FunctionDecl>()) break;
    if (const auto *Block = Parent.get<CompoundStmt>()) {
      for (const Stmt *Sibling : Block->body()) {
        if (Sibling == Child.get<Stmt>()) break;
        const auto *E = dyn_cast<Expr>(Sibling);
        if (E && guardKindOf(E->getType()) != GuardKind::None) return E;
      }
    }
    Child = Parent;
  }
  return nullptr;
}

LiveGuard liveGuardAt(ASTContext &Ctx, const Stmt &S) {
  DynTypedNode Child = DynTypedNode::create(S);
  for (int Depth = 0; Depth < 1024; ++Depth) {
    const auto Parents = Ctx.getParents(Child);
    if (Parents.empty()) break;
    const DynTypedNode Parent = Parents[0];
    // A function or lambda body ends the search.
    if (Parent.get<LambdaExpr>() || Parent.get<FunctionDecl>()) break;
    if (const auto *Block = Parent.get<CompoundStmt>()) {
      if (const VarDecl *Guard = lastGuardBefore(*Block, Child.get<Stmt>()))
        return {guardState(Ctx, *Guard), Guard};
    }
    Child = Parent;
  }
  return {};
}

}  // namespace clang::tidy::torch_tidy
