#include "GraphFree.h"

#include "TensorOps.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::torch_tidy {

namespace {

// Ops returning (values, indices) in LibTorch: element 1 is an integer
// tensor that never requires grad.
bool returnsValuesAndIndices(StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases("max", "min", "sort", "topk", "kthvalue", "median", true)
      .Cases("nanmedian", "mode", "cummax", "cummin", true)
      .Default(false);
}

// `std::get<I>(e)`: `e` and I.
const Expr *stdGetOperand(const CallExpr *C, unsigned &Index) {
  const FunctionDecl *FD = C->getDirectCallee();
  if (!FD || !FD->getIdentifier() || FD->getName() != "get" ||
      !FD->isInStdNamespace() || C->getNumArgs() != 1)
    return nullptr;
  const TemplateArgumentList *Args = FD->getTemplateSpecializationArgs();
  if (!Args || Args->size() == 0 ||
      Args->get(0).getKind() != TemplateArgument::Integral)
    return nullptr;
  Index = unsigned(Args->get(0).getAsIntegral().getZExtValue());
  return C->getArg(0);
}

} // namespace

bool isIndicesElement(const Expr *E, unsigned Index) {
  if (Index != 1 || !E)
    return false;
  const auto *C = dyn_cast<CallExpr>(E->IgnoreImplicit()->IgnoreParens());
  if (const auto *Temp = dyn_cast<CXXBindTemporaryExpr>(E->IgnoreParens()))
    C = dyn_cast<CallExpr>(Temp->getSubExpr());
  const FunctionDecl *FD = C ? C->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier() || !returnsValuesAndIndices(FD->getName()))
    return false;
  // The tuple-returning overloads only (`max()` of a whole tensor is one
  // value).
  const auto *Record = FD->getReturnType()->getAsCXXRecordDecl();
  return Record && Record->getIdentifier() && Record->getName() == "tuple" &&
         Record->isInStdNamespace();
}

bool bindsIndices(const BindingDecl *B) {
  const auto *Decomposed = dyn_cast_or_null<VarDecl>(B->getDecomposedDecl());
  if (!Decomposed || !Decomposed->getInit())
    return false;
  const auto *DD = dyn_cast<DecompositionDecl>(Decomposed);
  if (!DD)
    return false;
  unsigned Index = 0;
  for (const BindingDecl *Each : DD->bindings()) {
    if (Each == B)
      return isIndicesElement(Decomposed->getInit(), Index);
    ++Index;
  }
  return false;
}

bool isGraphFree(ASTContext &Ctx, const Expr *E) {
  const auto *C = dyn_cast<CallExpr>(E);
  if (!C)
    return false;
  unsigned Index = 0;
  if (const Expr *Tuple = stdGetOperand(C, Index))
    return isIndicesElement(Tuple, Index);
  const TensorCall TC = classifyCall(Ctx, C);
  return TC.Role == CallRole::Op && TC.Kind == ops::Kind::NoGrad;
}

} // namespace clang::tidy::torch_tidy
