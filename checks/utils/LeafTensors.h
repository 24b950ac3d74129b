// Leaf tensors that require grad, as an in-place op's target names them.
// LibTorch refuses an in-place op on such a leaf while gradients are enabled
// ("a leaf Variable that requires grad is being used in an in-place
// operation."). Recognised, from what the function and its class show:
//   for (auto& p : model->parameters())     p            (Parameter)
//   for (auto& kv : m->named_parameters())  kv.value()   (Parameter)
//   fc->weight, conv->bias                  built-in layer parameters
//   w = register_parameter("w", ...)        a local or a member (Registered)
//   auto w = torch::zeros({3}, torch::requires_grad())   (Factory)
// Not leaves here: `p.data()`, `p.detach()`, `p.grad()` (tensors of their
// own), views of a leaf (LibTorch refuses those with another message; not
// judged), function parameters and anything reassigned (unknown).
#pragma once

#include <optional>

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::torch_tidy {

enum class LeafKind { Parameter, LayerParameter, Registered, Factory };

struct LeafTensor {
  LeafKind Kind = LeafKind::Parameter;
  const ValueDecl *Decl = nullptr; // the variable or member named
  // Where it became a leaf that requires grad: the parameters() call, the
  // register_parameter call, the factory; null for a built-in layer's.
  const Expr *Origin = nullptr;
  const Expr *Owner = nullptr; // Parameter: the module expression
};

// The leaf that requires grad `Target` names, if it is one.
std::optional<LeafTensor> leafTensorOf(ASTContext &Ctx, const Expr *Target);

// Whether `Body` may switch gradients off by hand: requires_grad_(false) or
// set_requires_grad(flag) on any tensor (the target may be the one frozen),
// or GradMode::set_enabled(...).
bool mayDisableGradByHand(ASTContext &Ctx, const Stmt *Body);

} // namespace clang::tidy::torch_tidy
