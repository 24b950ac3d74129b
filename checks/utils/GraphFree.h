// Tensor values that carry no autograd graph whatever their operands: the
// results of no-grad ops (`argmax`, comparisons, `sign`: the op table's
// NoGrad names) and the indices of the ops that return (values, indices):
// `std::get<1>(t.max(1))`, `std::tie(v, i) = torch::max(t, 1)`,
// `auto [v, i] = t.topk(5)`. Returned or kept, such a value hands none of a
// forward pass's graph on.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::torch_tidy {

// Whether `E`'s value is graph-free (a no-grad op, or `std::get<I>` of an
// indices element).
bool isGraphFree(ASTContext &Ctx, const Expr *E);

// Whether element `Index` of the tuple `E` returns holds indices (`E` is a
// call of max/min/sort/topk/... that returns a tuple).
bool isIndicesElement(const Expr *E, unsigned Index);

// Whether the structured binding `B` names an indices element.
bool bindsIndices(const BindingDecl *B);

} // namespace clang::tidy::torch_tidy
