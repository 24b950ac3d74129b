// What a call does to tensors, in the terms of the op table
// (runtime/optable/torch_tidy/ops/OpTable.def, shared with the runtime): which
// op it is, which expressions are its positional operands, whether it writes
// into a tensor, makes a view, creates a tensor from nothing, runs backward.
//
// Recognized spellings: tensor methods (`y.mul_(2)`, `y.pow(2)`,
// `y.view({-1})`), operators (`a * b`, `-a`, `y += 1`, `y[0]`, `y[0] = 1`),
// free functions of at::, torch:: and torch::nn::functional (`torch::relu_(t)`,
// `torch::mm(a, b)`, `F::mse_loss(a, b)`), out= forms (`torch::mul_out(out,
// a, b)`), factories (`torch::ones(..., torch::requires_grad())`), backward
// (`t.backward()`, `torch::autograd::backward({t})`,
// `torch::autograd::grad({t}, {x})`) and calls of built-in modules
// (`linear(x)` on a torch::nn::Linear is the `linear` op).
#pragma once

#include <string>

#include "torch_tidy/ops/OpTable.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::torch_tidy {

namespace ops = ::torch_tidy::ops;

enum class CallRole {
  None,         // not a tensor call (its arguments may still hold some)
  Op,           // a tensor op; Info is null for ops the table does not know
  Factory,      // creates a tensor from non-tensor data
  Backward,     // t.backward(...), torch::autograd::backward({...})
  Grad,         // torch::autograd::grad({outputs}, {inputs})
  RequiresGrad, // t.requires_grad_(...), t.set_requires_grad(...)
  Version,      // t._version()
  Detach,       // t.detach(): a view that does not require grad
  NewData,      // t.data(), t.grad(): a tensor of its own, no history
  ModuleCall,   // forward of a module the table does not describe
  UserCall,     // a call of a function defined by the user (see Callee)
  Assign,       // Tensor::operator=: Operands = {target, value}
};

struct TensorCall {
  CallRole Role = CallRole::None;
  std::string Name;                  // op or function name, for messages
  const ops::OpInfo *Info = nullptr; // the table's row, if known
  ops::Kind Kind = ops::Kind::Functional;
  // Positional operands (Self, Other, Third, ...); null where the argument
  // is not a tensor (or is a module's own parameter, see ParamOperands).
  llvm::SmallVector<const Expr *, 5> Operands;
  // Operand slots filled by a module's parameters (bit i: operand i), which
  // require grad: `linear(x)` is linear(x, weight).
  unsigned ParamOperands = 0;
  // Every other argument, evaluated for the tensors nested in it.
  llvm::SmallVector<const Expr *, 4> OtherArgs;
  const Expr *Out = nullptr; // `mul_out(out, a, b)`: the tensor written
  bool RequiresGrad = false; // factory with requires_grad(true)
  bool RetainGraph = false;  // backward(..., retain_graph=true)
  bool KnownModule = false;  // ModuleCall of a module with parameters
  const FunctionDecl *Callee = nullptr; // UserCall: the definition
  // Backward/Grad: the tensors backward starts from.
  llvm::SmallVector<const Expr *, 2> Roots;
};

// Classifies a call (CallExpr, CXXMemberCallExpr, CXXOperatorCallExpr).
TensorCall classifyCall(ASTContext &Ctx, const CallExpr *Call);

// The functional counterpart of an in-place op name (`mul_` -> `mul`), or ""
// when there is none in the table.
llvm::StringRef functionalOf(llvm::StringRef InPlaceName);

// Strips parentheses, implicit casts, temporaries and copy/move constructions
// of tensors, returning the expression that produces the tensor value.
const Expr *stripTensorWrappers(const Expr *E);

} // namespace clang::tidy::torch_tidy
