#include "ModelCalls.h"
#include "AnalysisLimits.h"

#include "ConstantValues.h"
#include "ModuleMembers.h"
#include "TorchTypes.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::torch_tidy {

namespace {

bool isMethodOfModelClass(const CXXMethodDecl *M) {
  if (!M)
    return false;
  const CXXRecordDecl *RD = M->getParent();
  return isNNModuleClass(RD) || isScriptModuleClass(RD) ||
         isAnyModuleClass(RD) || moduleHolderImpl(RD) != nullptr;
}

bool onScriptModule(const CXXMemberCallExpr *MC) {
  const Expr *Object = MC->getImplicitObjectArgument();
  const CXXRecordDecl *RD =
      Object ? modelClassOf(Object->IgnoreParenImpCasts()->getType()) : nullptr;
  return RD && isScriptModuleClass(RD);
}

// `m.attr(name)` under `.toModule()`, on a TorchScript module `m`.
const CXXMemberCallExpr *submoduleAttr(const CXXMemberCallExpr *ToModule) {
  const CXXMethodDecl *M = ToModule->getMethodDecl();
  if (!M || !M->getIdentifier() || M->getName() != "toModule")
    return nullptr;
  const auto *Attr = dyn_cast<CXXMemberCallExpr>(
      ToModule->getImplicitObjectArgument()->IgnoreImplicit());
  const CXXMethodDecl *A = Attr ? Attr->getMethodDecl() : nullptr;
  if (!A || !A->getIdentifier() || A->getName() != "attr" ||
      !onScriptModule(Attr))
    return nullptr;
  return Attr;
}

// Strips the ways user code reaches a module object: implicit casts,
// parentheses, `*p`, `p.get()`, `holder.ptr()`, `holder->`, `holder.get()`,
// a TorchScript submodule `m.attr("x").toModule()`.
const Expr *stripAccess(const Expr *E) {
  for (int Depth = 0; E && Depth < limits::MaxModuleWrapperDepth; ++Depth) {
    // Also temporaries (a submodule returned by value).
    E = E->IgnoreImplicit()->IgnoreParenImpCasts();
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
      if ((Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
          Op->getNumArgs() >= 1) {
        E = Op->getArg(0);
        continue;
      }
      return E;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf) {
        E = U->getSubExpr();
        continue;
      }
      return E;
    }
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *M = MC->getMethodDecl();
      if (M && M->getNumParams() == 0 && M->getIdentifier() &&
          (M->getName() == "get" || M->getName() == "ptr")) {
        E = MC->getImplicitObjectArgument();
        continue;
      }
      // A TorchScript submodule, `m.attr("encoder").toModule()`: an object
      // held by `m`, which `m.eval()` reaches; named by `m`.
      if (const CXXMemberCallExpr *Attr = submoduleAttr(MC)) {
        E = Attr->getImplicitObjectArgument();
        continue;
      }
      return E;
    }
    return E;
  }
  return E;
}

bool buildChain(const Expr *E,
                llvm::SmallVectorImpl<const ValueDecl *> &Chain) {
  E = stripAccess(E);
  if (!E)
    return false;
  if (isa<CXXThisExpr>(E))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    Chain.push_back(cast<ValueDecl>(DRE->getDecl()->getCanonicalDecl()));
    return true;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (!buildChain(ME->getBase(), Chain))
      return false;
    Chain.push_back(cast<ValueDecl>(ME->getMemberDecl()->getCanonicalDecl()));
    return true;
  }
  return false;
}

bool calleeNamed(const CallExpr *E, llvm::StringRef Qualified) {
  const FunctionDecl *FD = E->getDirectCallee();
  return FD && FD->getQualifiedNameAsString() == Qualified;
}

} // namespace

bool ModelRef::covers(const ModelRef &Other) const {
  if (Chain.size() > Other.Chain.size())
    return false;
  for (size_t I = 0; I < Chain.size(); ++I)
    if (Chain[I] != Other.Chain[I])
      return false;
  return true;
}

std::optional<ModelRef> modelRefOf(const Expr *Object) {
  ModelRef Ref;
  Ref.Spelling = Object ? stripAccess(Object) : nullptr;
  if (!buildChain(Object, Ref.Chain) || Ref.Chain.empty())
    return std::nullopt;
  return Ref;
}

const MemberExpr *dependentForwardCallee(const Expr *E) {
  const auto *C = dyn_cast<CallExpr>(E);
  if (!C || !C->isTypeDependent() || isa<CXXMemberCallExpr>(C) ||
      isa<CXXOperatorCallExpr>(C))
    return nullptr;
  const auto *ME = dyn_cast<MemberExpr>(C->getCallee()->IgnoreParens());
  if (!ME || ME->getBase()->isTypeDependent())
    return nullptr;
  const auto *M = dyn_cast<CXXMethodDecl>(ME->getMemberDecl());
  return M && M->getIdentifier() && M->getName() == "forward" &&
                 isMethodOfModelClass(M)
             ? ME
             : nullptr;
}

std::optional<ForwardCall> asForwardCall(const Expr *E) {
  ForwardCall F;
  F.Call = E;
  const Expr *Object = nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (!M || !M->getIdentifier())
      return std::nullopt;
    const llvm::StringRef Name = M->getName();
    // LibTorch declares run_method in torch::jit::Object, Module's base.
    if (!isMethodOfModelClass(M) &&
        !(Name == "run_method" && onScriptModule(MC)))
      return std::nullopt;
    const bool RunForward =
        Name == "run_method" && MC->getNumArgs() >= 1 && [&] {
          const auto *S =
              dyn_cast<StringLiteral>(MC->getArg(0)->IgnoreParenImpCasts());
          if (!S) {
            // run_method takes a std::string: look through the conversion.
            if (const auto *CE =
                    dyn_cast<CXXConstructExpr>(MC->getArg(0)->IgnoreImplicit()))
              if (CE->getNumArgs() >= 1)
                S = dyn_cast<StringLiteral>(
                    CE->getArg(0)->IgnoreParenImpCasts());
          }
          return S && S->getString() == "forward";
        }();
    if (Name != "forward" && !RunForward)
      return std::nullopt;
    Object = MC->getImplicitObjectArgument();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getOperator() != OO_Call || Op->getNumArgs() < 1)
      return std::nullopt;
    const auto *M = dyn_cast_or_null<CXXMethodDecl>(Op->getDirectCallee());
    if (!isMethodOfModelClass(M))
      return std::nullopt;
    Object = Op->getArg(0);
  } else if (const auto *ME = dependentForwardCallee(E)) {
    Object = ME->getBase();
    F.Dependent = true;
  } else {
    return std::nullopt;
  }
  if (std::optional<ModelRef> Ref = modelRefOf(Object)) {
    // An AnyModule is a model when a variable, member or parameter holds
    // it. `for (auto& layer : *seq) x = layer.forward(x);` or
    // `it->forward(x)` over a Sequential's AnyModules runs the container's
    // layers one by one: the container's pass, whose mode and inputs are the
    // container's.
    if (const auto *Root = dyn_cast_or_null<VarDecl>(Ref->root());
        Root && isAnyModuleClass(modelClassOf(Object->getType())) &&
        (Root->isCXXForRangeDecl() ||
         !isAnyModuleClass(modelClassOf(Root->getType()))))
      return std::nullopt;
    F.Model = *Ref;
  } else if (isa<CXXThisExpr>(stripAccess(Object)))
    F.Model.Spelling = Object; // empty chain: the object itself
  else
    return std::nullopt;
  F.ModelClass = modelClassOf(Object->IgnoreParenImpCasts()->getType());
  if (!F.ModelClass) {
    // `m->forward` on a holder: the object is the holder's operator->.
    const Expr *Stripped = Object->IgnoreParenImpCasts();
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Stripped))
      if (Op->getNumArgs() >= 1)
        F.ModelClass = modelClassOf(Op->getArg(0)->getType());
  }
  F.IsScript = F.ModelClass && isScriptModuleClass(F.ModelClass);
  return F;
}

std::optional<ModelRef> sharedModuleSource(ASTContext &Ctx,
                                           const FieldDecl *F) {
  for (const Expr *Value : valuesSetByConstructors(Ctx, F)) {
    std::optional<ModelRef> Ref = modelRefOf(Value);
    if (Ref && !(Ref->Chain.size() == 1 && Ref->root() == F))
      return Ref;
  }
  return std::nullopt;
}

bool reachedThroughOpaqueHandle(const ModelRef &Model) {
  if (Model.empty())
    return false;
  const auto *Var = dyn_cast<VarDecl>(Model.root());
  if (!Var || isa<ParmVarDecl>(Var) || !Var->getInit())
    return false;
  const auto *Cast =
      dyn_cast<ExplicitCastExpr>(Var->getInit()->IgnoreImplicit());
  return Cast &&
         !modelClassOf(Cast->getSubExpr()->IgnoreParenImpCasts()->getType());
}

std::optional<ModeCall> asModeCall(ASTContext &Ctx,
                                   const CXXMemberCallExpr *E) {
  const CXXMethodDecl *M = E->getMethodDecl();
  if (!M || !M->getIdentifier() || !isMethodOfModelClass(M))
    return std::nullopt;
  ModeCall C;
  C.Call = E;
  if (M->getName() == "eval" && E->getNumArgs() == 0) {
    C.Change = ModeChange::Eval;
  } else if (M->getName() == "train") {
    // train() and train(true) train; train(false) evaluates.
    const Expr *Arg = E->getNumArgs() > 0 ? E->getArg(0) : nullptr;
    const bool Written = Arg && !isa<CXXDefaultArgExpr>(Arg);
    const std::optional<bool> On =
        Written ? constantBool(Ctx, Arg) : std::optional<bool>(true);
    if (!On)
      C.Change = ModeChange::Unknown;
    else
      C.Change = *On ? ModeChange::Train : ModeChange::Eval;
  } else {
    return std::nullopt;
  }
  std::optional<ModelRef> Ref = modelRefOf(E->getImplicitObjectArgument());
  if (!Ref) {
    // `eval()` / `this->eval()` inside the module's own member function.
    if (isa<CXXThisExpr>(
            E->getImplicitObjectArgument()->IgnoreParenImpCasts())) {
      C.Model.Spelling = E->getImplicitObjectArgument();
      return C; // empty chain: the object itself
    }
    return std::nullopt;
  }
  C.Model = *Ref;
  return C;
}

bool isTrainingCall(const CallExpr *E) {
  const FunctionDecl *FD = E->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return false;
  const llvm::StringRef Name = FD->getName();
  if (const auto *M = dyn_cast<CXXMethodDecl>(FD)) {
    const std::string Class = M->getParent()->getQualifiedNameAsString();
    if (Name == "backward")
      return Class == "at::Tensor" || Class == "at::TensorBase";
    if (Name == "step") {
      const CXXRecordDecl *RD = M->getParent();
      if (Class == "torch::optim::Optimizer")
        return true;
      if (RD->hasDefinition())
        for (const CXXBaseSpecifier &B : RD->bases())
          if (B.getType()->getAsCXXRecordDecl() &&
              B.getType()->getAsCXXRecordDecl()->getQualifiedNameAsString() ==
                  "torch::optim::Optimizer")
            return true;
      return Class.rfind("torch::optim::", 0) == 0;
    }
    return false;
  }
  return calleeNamed(E, "torch::autograd::grad") ||
         calleeNamed(E, "torch::autograd::backward");
}

bool isJitLoad(const CallExpr *E) { return calleeNamed(E, "torch::jit::load"); }

std::optional<ModelRef> torchLoadTarget(const CallExpr *E) {
  if (!calleeNamed(E, "torch::load") || E->getNumArgs() < 1)
    return std::nullopt;
  return modelRefOf(E->getArg(0));
}

bool mayBeTrainingCall(const CallExpr *E) {
  if (!E->isTypeDependent())
    return false;
  const Expr *Callee = E->getCallee()->IgnoreParens();
  DeclarationName Name;
  if (const auto *M = dyn_cast<CXXDependentScopeMemberExpr>(Callee))
    Name = M->getMember();
  else if (const auto *M = dyn_cast<UnresolvedMemberExpr>(Callee))
    Name = M->getName();
  else if (const auto *L = dyn_cast<UnresolvedLookupExpr>(Callee))
    Name = L->getName();
  const IdentifierInfo *Id = Name.getAsIdentifierInfo();
  if (!Id)
    return false;
  const llvm::StringRef N = Id->getName();
  return N == "backward" || N == "step" || N == "grad";
}

} // namespace clang::tidy::torch_tidy
