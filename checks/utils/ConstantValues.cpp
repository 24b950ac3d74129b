#include "ConstantValues.h"

#include "clang/AST/ExprCXX.h"

namespace clang::tidy::torch_tidy {

std::optional<bool> constantBool(const ASTContext &Ctx, const Expr *E) {
  bool Value = false;
  if (E && !isa<CXXDefaultArgExpr>(E) && !E->isValueDependent() &&
      E->EvaluateAsBooleanCondition(Value, Ctx))
    return Value;
  return std::nullopt;
}

} // namespace clang::tidy::torch_tidy
