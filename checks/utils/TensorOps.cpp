#include "TensorOps.h"

#include "AnalysisLimits.h"
#include "ConstantValues.h"
#include "ModelCalls.h"
#include "TorchTypes.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::torch_tidy {

namespace {

bool isTensor(const Expr *E) { return E && isTensorType(E->getType()); }

bool isExplicit(const Expr *E) { return E && !isa<CXXDefaultArgExpr>(E); }

std::string_view view(llvm::StringRef S) { return {S.data(), S.size()}; }

// Whether a namespace-qualified name belongs to LibTorch's op namespaces.
bool inTorchNamespace(const FunctionDecl *FD) {
  const std::string Q = FD->getQualifiedNameAsString();
  llvm::StringRef N(Q);
  return N.starts_with("at::") || N.starts_with("torch::") ||
         N.starts_with("c10::");
}

// The row of the table an op name and its operands select.
const ops::OpInfo *lookup(llvm::StringRef Name,
                          llvm::ArrayRef<const Expr *> Args) {
  const std::string_view N = ops::canonicalName(view(Name));
  const ops::OpInfo *First = nullptr, *Best = nullptr;
  int BestScore = -1;
  const bool HasSecond = Args.size() > 1 && isExplicit(Args[1]);
  const bool SecondIsTensor = HasSecond && isTensor(Args[1]);
  for (const ops::OpInfo &Op : ops::kOpTable) {
    if (Op.name != N)
      continue;
    if (!First)
      First = &Op;
    const llvm::StringRef O(Op.overload.data(), Op.overload.size());
    int Score = 0;
    if (!HasSecond)
      Score = O.empty() ? 3 : (O == "Scalar" ? 1 : 0);
    else if (SecondIsTensor)
      Score = (O == "Tensor" || O == "Tensor_Tensor") ? 3 : (O.empty() ? 1 : 0);
    else
      Score = (O == "Scalar" || O == "Tensor_Scalar" || O == "dim")
                  ? 3
                  : (O.empty() ? 1 : 0);
    if (Score > BestScore) {
      BestScore = Score;
      Best = &Op;
    }
  }
  return Best ? Best : First;
}

// Whether a tensor-typed expression appears anywhere in `E`.
bool containsTensorExpr(const Expr *E) {
  if (!E)
    return false;
  if (isTensor(E))
    return true;
  for (const Stmt *Child : E->children())
    if (containsTensorExpr(dyn_cast_or_null<Expr>(Child)))
      return true;
  return false;
}

// Splits call arguments into positional operands (null where not a tensor)
// and the other arguments, which are evaluated for the tensors in them.
void addArguments(TensorCall &C, llvm::ArrayRef<const Expr *> Args) {
  for (const Expr *A : Args) {
    if (!isExplicit(A))
      continue;
    C.Operands.push_back(isTensor(A) ? A : nullptr);
    if (!isTensor(A))
      C.OtherArgs.push_back(A);
  }
}

void setOp(TensorCall &C, llvm::StringRef Name,
           llvm::ArrayRef<const Expr *> Positional) {
  C.Role = CallRole::Op;
  C.Name = Name.str();
  C.Info = lookup(Name, Positional);
  if (C.Info)
    C.Kind = C.Info->kind;
  else if (ops::isNoGradName(view(Name)))
    C.Kind = ops::Kind::NoGrad;
  else if (Name.ends_with("_"))
    C.Kind = ops::Kind::InPlace;
  else
    C.Kind = ops::Kind::Functional;
  // Advanced indexing (a tensor among the indices) copies; basic indexing
  // is a view.
  if (Name == "index" &&
      llvm::any_of(Positional.drop_front(), containsTensorExpr))
    C.Kind = ops::Kind::Functional;
  addArguments(C, Positional);
}

// Whether a `requires_grad(true)` / `torch::requires_grad()` option appears
// in the arguments of a factory call.
bool requestsGrad(ASTContext &Ctx, const CallExpr *Call) {
  struct Finder : RecursiveASTVisitor<Finder> {
    ASTContext &Ctx;
    bool Found = false;
    explicit Finder(ASTContext &C) : Ctx(C) {}
    bool VisitCallExpr(CallExpr *E) {
      const FunctionDecl *FD = E->getDirectCallee();
      if (!FD || !FD->getIdentifier() || FD->getName() != "requires_grad")
        return true;
      const Expr *Arg = E->getNumArgs() > 0 ? E->getArg(0) : nullptr;
      const std::optional<bool> On = constantBool(Ctx, Arg);
      if (!isExplicit(Arg) || On.value_or(true))
        Found = true;
      return !Found;
    }
  } F(Ctx);
  for (const Expr *A : Call->arguments())
    F.TraverseStmt(const_cast<Expr *>(A));
  return F.Found;
}

// Tensors named in a backward/grad root list: `{loss}`, `{a, b}`, `outs`.
void collectRoots(const Expr *E, llvm::SmallVectorImpl<const Expr *> &Out) {
  if (!E)
    return;
  E = E->IgnoreImplicit();
  if (isTensor(E)) {
    Out.push_back(E);
    return;
  }
  for (const Stmt *Child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(Child))
      collectRoots(CE, Out);
}

const FunctionDecl *userDefinition(ASTContext &Ctx, const FunctionDecl *FD) {
  if (!FD)
    return nullptr;
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->hasBody() || Def->isDependentContext())
    return nullptr;
  if (Ctx.getSourceManager().isInSystemHeader(Def->getLocation()))
    return nullptr;
  return Def;
}

// A built-in module's forward as a table op: `linear(x)` is linear(x,
// weight) with a weight that requires grad.
bool setModuleOp(TensorCall &C, const ForwardCall &FC,
                 llvm::ArrayRef<const Expr *> Args) {
  if (!FC.ModelClass)
    return false;
  const std::string Q = FC.ModelClass->getQualifiedNameAsString();
  const ops::ModuleOp *Known = ops::findModuleOp(Q);
  if (!Known)
    return false;
  const llvm::StringRef Op(Known->op.data(), Known->op.size());
  setOp(C, Op, Args);
  C.Info = ops::find(Known->op);
  C.Kind = C.Info ? C.Info->kind : ops::Kind::Functional;
  C.ParamOperands = Known->params;
  while (C.Operands.size() < ops::kMaxPositionalOperands &&
         (Known->params >> C.Operands.size()))
    C.Operands.push_back(nullptr);
  C.KnownModule = true;
  return true;
}

// `a + b`, `a - b`, `a * b`, `a / b`, and unary `-a`, `+a`.
void classifyArithmetic(TensorCall &C, OverloadedOperatorKind Kind,
                        llvm::ArrayRef<const Expr *> Args, bool LhsTensor) {
  if (Args.size() == 1) {
    setOp(C, Kind == OO_Minus ? "neg" : "positive", Args);
    return;
  }
  const llvm::StringRef Name =
      llvm::StringSwitch<llvm::StringRef>(getOperatorSpelling(Kind))
          .Case("+", "add")
          .Case("-", "sub")
          .Case("*", "mul")
          .Default("div");
  if (LhsTensor) {
    setOp(C, Name, Args);
    return;
  }
  // scalar op tensor: `2 * x` is x.mul(2); `1 - x` and `2 / x` make a
  // fresh tensor first and save nothing the user holds.
  const Expr *Swapped[] = {Args[1], Args[0]};
  if (Name == "add" || Name == "mul")
    setOp(C, Name, Swapped);
  else
    setOp(C, Name == "sub" ? "rsub" : "reciprocal", Swapped);
}

// The in-place op of a compound assignment on a tensor, or "".
llvm::StringRef compoundAssignmentOp(OverloadedOperatorKind Kind) {
  switch (Kind) {
  case OO_PlusEqual:
    return "add_";
  case OO_MinusEqual:
    return "sub_";
  case OO_StarEqual:
    return "mul_";
  case OO_SlashEqual:
    return "div_";
  default:
    return "";
  }
}

TensorCall classifyOperator(const CXXOperatorCallExpr *Op) {
  TensorCall C;
  const unsigned N = Op->getNumArgs();
  llvm::SmallVector<const Expr *, 2> Args(Op->arguments());
  const bool LhsTensor = N > 0 && isTensor(Args[0]);
  const bool RhsTensor = N > 1 && isTensor(Args[1]);
  if (!LhsTensor && !RhsTensor)
    return C;
  const OverloadedOperatorKind Kind = Op->getOperator();
  if (const llvm::StringRef InPlace = compoundAssignmentOp(Kind);
      !InPlace.empty()) {
    if (LhsTensor)
      setOp(C, InPlace, Args);
    return C;
  }
  switch (Kind) {
  case OO_Equal:
    if (LhsTensor) {
      C.Role = CallRole::Assign;
      C.Operands = {Args[0], N > 1 ? Args[1] : nullptr};
    }
    break;
  case OO_Subscript:
    if (LhsTensor)
      setOp(C, RhsTensor ? "index" : "operator[]", Args);
    break;
  case OO_Plus:
  case OO_Minus:
  case OO_Star:
  case OO_Slash:
    classifyArithmetic(C, Kind, Args, LhsTensor);
    break;
  case OO_EqualEqual:
  case OO_ExclaimEqual:
  case OO_Less:
  case OO_Greater:
  case OO_LessEqual:
  case OO_GreaterEqual:
    setOp(C, "eq", Args);
    C.Kind = ops::Kind::NoGrad;
    C.Info = nullptr;
    break;
  default:
    // `std::cout << t` and the like: the operands are only read (Role None:
    // the analysis evaluates the call's children).
    break;
  }
  return C;
}

} // namespace

const Expr *stripTensorWrappers(const Expr *E) {
  for (int Depth = 0; E && Depth < limits::MaxTensorWrapperDepth; ++Depth) {
    // IgnoreParenImpCasts also strips ExprWithCleanups and
    // MaterializeTemporaryExpr, not CXXBindTemporaryExpr.
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = Bind->getSubExpr();
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = Cast->getSubExpr();
    else if (const auto *SC = dyn_cast<CXXStaticCastExpr>(Next))
      Next = SC->getSubExpr();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(Next)) {
      if (CE->getNumArgs() >= 1 &&
          CE->getConstructor()->isCopyOrMoveConstructor())
        Next = CE->getArg(0);
    } else if (const auto *Call = dyn_cast<CallExpr>(Next)) {
      const FunctionDecl *FD = Call->getDirectCallee();
      if (FD && Call->getNumArgs() == 1 && FD->isInStdNamespace() &&
          FD->getIdentifier() &&
          (FD->getName() == "move" || FD->getName() == "forward"))
        Next = Call->getArg(0);
    }
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

llvm::StringRef functionalOf(llvm::StringRef InPlaceName) {
  if (!InPlaceName.ends_with("_"))
    return {};
  const llvm::StringRef F = InPlaceName.drop_back();
  return ops::find(view(F)) ? F : llvm::StringRef();
}

namespace {

// A module's forward: a table op for built-in layers, the user's forward
// when it is defined here, else a module call.
TensorCall classifyForward(ASTContext &Ctx, const CallExpr *Call,
                           const ForwardCall &FC) {
  TensorCall C;
  llvm::SmallVector<const Expr *, 4> Args;
  const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Call);
  for (unsigned I = OpCall ? 1 : 0; I < Call->getNumArgs(); ++I)
    Args.push_back(Call->getArg(I));
  if (setModuleOp(C, FC, Args))
    return C;
  C.Name = "forward";
  C.KnownModule = true;
  const CXXMethodDecl *Forward = nullptr;
  if (FC.ModelClass)
    for (const CXXMethodDecl *M : FC.ModelClass->methods())
      if (M->getIdentifier() && M->getName() == "forward" &&
          M->getNumParams() == Args.size())
        Forward = M;
  if (const FunctionDecl *Def = userDefinition(Ctx, Forward)) {
    C.Role = CallRole::UserCall;
    C.Callee = Def;
  } else {
    C.Role = CallRole::ModuleCall;
  }
  addArguments(C, Args);
  return C;
}

// The tensor methods that are not ops: the role they have, or None.
CallRole methodRole(llvm::StringRef Name) {
  return llvm::StringSwitch<CallRole>(Name)
      .Case("backward", CallRole::Backward)
      .Cases("requires_grad_", "set_requires_grad", CallRole::RequiresGrad)
      .Case("_version", CallRole::Version)
      .Case("detach", CallRole::Detach)
      .Cases("data", "grad", "mutable_grad", CallRole::NewData)
      .Default(CallRole::None);
}

// `t.method(...)` on a tensor.
TensorCall classifyTensorMethod(ASTContext &Ctx, const CXXMemberCallExpr *MC,
                                const Expr *Object, const CXXMethodDecl *M) {
  TensorCall C;
  const llvm::StringRef Name = M->getName();
  C.Role = methodRole(Name);
  switch (C.Role) {
  case CallRole::Backward:
    C.Roots.push_back(Object);
    if (MC->getNumArgs() > 1)
      C.RetainGraph = constantBool(Ctx, MC->getArg(1)).value_or(false);
    for (const Expr *A : MC->arguments())
      C.OtherArgs.push_back(A);
    return C;
  case CallRole::RequiresGrad: {
    const Expr *Arg = MC->getNumArgs() ? MC->getArg(0) : nullptr;
    C.RequiresGrad = constantBool(Ctx, Arg).value_or(!isExplicit(Arg));
    [[fallthrough]];
  }
  case CallRole::Version:
  case CallRole::Detach:
  case CallRole::NewData:
    C.Name = Name.str();
    C.Operands.push_back(Object);
    return C;
  default:
    break;
  }
  if (isTensorType(M->getReturnType()) || ops::find(view(Name))) {
    llvm::SmallVector<const Expr *, 4> Positional{Object};
    for (const Expr *A : MC->arguments())
      Positional.push_back(A);
    setOp(C, Name, Positional);
  }
  // Else item(), sizes(), numel(), ...: the tensor is only read (None).
  return C;
}

// torch::autograd::backward / grad, factories, out= forms and the other
// functions of LibTorch's namespaces. Role None when FD is none of them.
TensorCall classifyTorchFunction(ASTContext &Ctx, const CallExpr *Call,
                                 const FunctionDecl *FD) {
  TensorCall C;
  const std::string Q = FD->getQualifiedNameAsString();
  llvm::SmallVector<const Expr *, 4> Args(Call->arguments());
  if (Q == "torch::autograd::backward" || Q == "torch::autograd::grad") {
    C.Role = Q == "torch::autograd::grad" ? CallRole::Grad : CallRole::Backward;
    C.Name = FD->getName().str();
    if (!Args.empty())
      collectRoots(Args[0], C.Roots);
    for (unsigned I = 1; I < Args.size(); ++I)
      C.OtherArgs.push_back(Args[I]);
    return C;
  }
  if (isa<CXXMethodDecl>(FD) || !inTorchNamespace(FD))
    return C;
  const llvm::StringRef Name = FD->getName();
  if (ops::isFactoryName(view(Name))) {
    C.Role = CallRole::Factory;
    C.Name = Name.str();
    C.RequiresGrad = requestsGrad(Ctx, Call);
    C.OtherArgs.append(Args.begin(), Args.end());
  } else if (Name.ends_with("_out") && !Args.empty() && isTensor(Args[0])) {
    setOp(C, Name.drop_back(4), llvm::ArrayRef(Args).drop_front());
    C.Name = Name.str();
    C.Out = Args[0];
  } else if (isTensorType(FD->getReturnType()) ||
             llvm::any_of(Args, isTensor)) {
    setOp(C, Name, Args);
  }
  return C;
}

// A call of a function defined in user code: applied through its summary.
TensorCall classifyUserCall(const CallExpr *Call, const FunctionDecl *FD,
                            const FunctionDecl *Def) {
  TensorCall C;
  C.Role = CallRole::UserCall;
  C.Name = FD->getNameAsString();
  C.Callee = Def;
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(FD))
    Args = Args.drop_front();
  addArguments(C, Args);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    C.OtherArgs.push_back(MC->getImplicitObjectArgument());
  return C;
}

// Any other call returning a tensor: an op the table does not know.
TensorCall classifyUnknownOp(const CallExpr *Call, const FunctionDecl *FD) {
  TensorCall C;
  llvm::SmallVector<const Expr *, 4> Args(Call->arguments());
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    C.OtherArgs.push_back(MC->getImplicitObjectArgument());
  setOp(C, FD->getIdentifier() ? FD->getName() : "call", Args);
  C.Info = nullptr;
  C.Kind = ops::Kind::Functional;
  return C;
}

} // namespace

TensorCall classifyCall(ASTContext &Ctx, const CallExpr *Call) {
  if (!Call)
    return {};
  if (std::optional<ForwardCall> FC = asForwardCall(Call))
    return classifyForward(Ctx, Call, *FC);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
    if (Op->getOperator() != OO_Call)
      return classifyOperator(Op);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    const Expr *Object = MC->getImplicitObjectArgument();
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (Object && M && M->getIdentifier() && isTensor(Object))
      return classifyTensorMethod(Ctx, MC, Object, M);
  }
  const FunctionDecl *FD = Call->getDirectCallee();
  if (FD && FD->getIdentifier()) {
    TensorCall C = classifyTorchFunction(Ctx, Call, FD);
    if (C.Role != CallRole::None)
      return C;
  }
  if (const FunctionDecl *Def = userDefinition(Ctx, FD))
    return classifyUserCall(Call, FD, Def);
  // The rest are left to the analysis' evaluation of the call's children
  // (Role None).
  if (FD && isTensorType(Call->getType()))
    return classifyUnknownOp(Call, FD);
  return {};
}

} // namespace clang::tidy::torch_tidy
