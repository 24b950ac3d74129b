// Constant arguments: `torch::AutoGradMode(false)`, `model->train(false)`,
// `t.backward({}, true)`, `torch::requires_grad(true)`.
#pragma once

#include <optional>

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::torch_tidy {

// The value of a bool argument written in the call and known at compile
// time; nullopt when `E` is null, a default argument (not written), or not
// a constant.
std::optional<bool> constantBool(const ASTContext &Ctx, const Expr *E);

} // namespace clang::tidy::torch_tidy
