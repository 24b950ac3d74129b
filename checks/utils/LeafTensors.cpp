#include "LeafTensors.h"

#include "ConstantValues.h"
#include "EnclosingFunction.h"
#include "ModuleMembers.h"
#include "TensorOps.h"
#include "TorchTypes.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace clang::tidy::torch_tidy {

using namespace ast_matchers;

namespace {

// `m->parameters()` / `m.named_parameters()` on a torch::nn::Module.
const CXXMemberCallExpr *moduleCall(const Expr *E, llvm::StringRef Method) {
  const auto *Call =
      E ? dyn_cast<CXXMemberCallExpr>(E->IgnoreImplicit()) : nullptr;
  const CXXMethodDecl *M = Call ? Call->getMethodDecl() : nullptr;
  if (!M || !M->getIdentifier() || M->getName() != Method ||
      !isNNModuleClass(M->getParent()))
    return nullptr;
  return Call;
}

// The range-for statement whose loop variable is `V`, if any.
const CXXForRangeStmt *loopOf(ASTContext &Ctx, const VarDecl *V) {
  for (const DynTypedNode &P : Ctx.getParents(*V))
    if (const auto *DS = P.get<DeclStmt>())
      for (const DynTypedNode &Q : Ctx.getParents(*DS))
        if (const auto *Loop = Q.get<CXXForRangeStmt>())
          if (Loop->getLoopVariable() == V)
            return Loop;
  return nullptr;
}

// `register_parameter(name, tensor[, requires_grad])` that requires grad.
const CXXMemberCallExpr *registersParameter(ASTContext &Ctx, const Expr *E) {
  const auto *Call =
      E ? dyn_cast<CXXMemberCallExpr>(stripTensorWrappers(E)) : nullptr;
  const CXXMethodDecl *M = Call ? Call->getMethodDecl() : nullptr;
  if (!M || !M->getIdentifier() || M->getName() != "register_parameter" ||
      !isNNModuleClass(M->getParent()))
    return nullptr;
  if (Call->getNumArgs() >= 3 &&
      constantBool(Ctx, Call->getArg(2)) != std::optional<bool>(true) &&
      !isa<CXXDefaultArgExpr>(Call->getArg(2)))
    return nullptr;
  return Call;
}

// Whether `V` is assigned (`v = ...`) anywhere in `Body`.
bool reassigned(ASTContext &Ctx, const Stmt *Body, const VarDecl *V) {
  return !match(findAll(cxxOperatorCallExpr(
                    hasOverloadedOperatorName("="),
                    hasArgument(0, ignoringParenImpCasts(declRefExpr(
                                       to(varDecl(equalsNode(V)))))))),
                *Body, Ctx)
              .empty();
}

std::optional<LeafTensor> localLeaf(ASTContext &Ctx, const VarDecl *V) {
  if (isa<ParmVarDecl>(V))
    return std::nullopt;
  if (const CXXForRangeStmt *Loop = loopOf(Ctx, V)) {
    const CXXMemberCallExpr *Params =
        moduleCall(Loop->getRangeInit(), "parameters");
    if (!Params)
      return std::nullopt;
    return LeafTensor{LeafKind::Parameter, V, Params,
                      Params->getImplicitObjectArgument()};
  }
  if (!V->isLocalVarDecl() || !V->getInit())
    return std::nullopt;
  const EnclosingFunction Fn = enclosingFunction(Ctx, *V->getInit());
  if (!Fn || reassigned(Ctx, Fn.Body, V))
    return std::nullopt;
  if (const CXXMemberCallExpr *Reg = registersParameter(Ctx, V->getInit()))
    return LeafTensor{LeafKind::Registered, V, Reg, nullptr};
  const auto *Call = dyn_cast<CallExpr>(stripTensorWrappers(V->getInit()));
  if (!Call)
    return std::nullopt;
  const TensorCall T = classifyCall(Ctx, Call);
  if (T.Role == CallRole::Factory && T.RequiresGrad)
    return LeafTensor{LeafKind::Factory, V, Call, nullptr};
  return std::nullopt;
}

// A member a constructor of its class initialises or assigns from
// register_parameter(...).
const CXXMemberCallExpr *registeredIn(ASTContext &Ctx, const FieldDecl *F) {
  for (const Expr *Value : valuesSetByConstructors(Ctx, F))
    if (const CXXMemberCallExpr *Reg = registersParameter(Ctx, Value))
      return Reg;
  return nullptr;
}

std::optional<LeafTensor> memberLeaf(ASTContext &Ctx, const FieldDecl *F) {
  const auto *Class = dyn_cast<CXXRecordDecl>(F->getParent());
  if (!Class || !isNNModuleClass(Class))
    return std::nullopt;
  // The parameters of LibTorch's own layers (Linear, Conv, Embedding, the
  // norms): `weight` and `bias`; their buffers (running_mean) do not
  // require grad.
  if (llvm::StringRef(Class->getQualifiedNameAsString())
          .starts_with("torch::nn::")) {
    if (F->getIdentifier() &&
        (F->getName() == "weight" || F->getName() == "bias"))
      return LeafTensor{LeafKind::LayerParameter, F, nullptr, nullptr};
    return std::nullopt;
  }
  if (const CXXMemberCallExpr *Reg = registeredIn(Ctx, F))
    return LeafTensor{LeafKind::Registered, F, Reg, nullptr};
  return std::nullopt;
}

} // namespace

std::optional<LeafTensor> leafTensorOf(ASTContext &Ctx, const Expr *Target) {
  const Expr *E = stripTensorWrappers(Target);
  if (!E)
    return std::nullopt;
  // `kv.value()` in a loop over named_parameters().
  if (const auto *Value = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = Value->getMethodDecl();
    const auto *Ref = dyn_cast<DeclRefExpr>(
        Value->getImplicitObjectArgument()->IgnoreParenImpCasts());
    const auto *V = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!M || !M->getIdentifier() || M->getName() != "value" || !V)
      return std::nullopt;
    const CXXForRangeStmt *Loop = loopOf(Ctx, V);
    const CXXMemberCallExpr *Params =
        Loop ? moduleCall(Loop->getRangeInit(), "named_parameters") : nullptr;
    if (!Params)
      return std::nullopt;
    return LeafTensor{LeafKind::Parameter, V, Params,
                      Params->getImplicitObjectArgument()};
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(Ref->getDecl()))
      return localLeaf(Ctx, V);
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    if (const auto *F = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      return memberLeaf(Ctx, F);
  return std::nullopt;
}

bool mayDisableGradByHand(ASTContext &Ctx, const Stmt *Body) {
  for (const BoundNodes &N :
       match(findAll(callExpr(callee(functionDecl(hasAnyName(
                                  "requires_grad_", "set_requires_grad",
                                  "set_enabled"))))
                         .bind("c")),
             *Body, Ctx)) {
    const auto *C = N.getNodeAs<CallExpr>("c");
    const FunctionDecl *FD = C->getDirectCallee();
    if (FD->getName() == "set_enabled") {
      if (FD->getQualifiedNameAsString().find("GradMode") != std::string::npos)
        return true;
      continue;
    }
    // requires_grad_() and requires_grad_(true) keep it a leaf that
    // requires grad; anything else may freeze it.
    const Expr *Arg =
        C->getNumArgs() ? C->getArg(C->getNumArgs() - 1) : nullptr;
    if (!Arg || isa<CXXDefaultArgExpr>(Arg) ||
        constantBool(Ctx, Arg) == std::optional<bool>(true))
      continue;
    return true;
  }
  return false;
}

} // namespace clang::tidy::torch_tidy
