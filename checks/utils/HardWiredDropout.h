// Dropout that ignores the module's mode, so eval() cannot turn it off:
//   torch::dropout(x, p, /*train=*/true)           (and feature_/alpha_ forms)
//   torch::nn::functional::dropout(x)              (its options train by
//   F::dropout(x, F::DropoutFuncOptions().p(0.2))   default, unlike the layer)
//   torch::nn::Functional(torch::dropout, p, true) (bound once, for ever)
// searched in the member functions of a model class and, recursively, of the
// user-defined classes of its members (submodules), and in the initializer
// of a local model (a Sequential built from a Functional).
// Also a dropout function of the user's own (its name has "dropout", it
// takes no flag) run under the module's own bool member instead of
// is_training(), when that member is only set by the constructor and is true
// for the model at hand (`training = is_training;` from an argument `true`).
// Dropout whose train flag is an expression (`is_training()`, a parameter)
// or whose options are a named variable is not hard-wired.
#pragma once

#include "ModelCalls.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::torch_tidy {

struct HardWiredDropout {
  const Expr *Call = nullptr; // the dropout call or Functional construction
  // The constant `true` passed as the train flag; null when the options'
  // default decides.
  const Expr *TrainArg = nullptr;
  // F::dropout's options when written as a temporary without .training().
  const Expr *Options = nullptr;
  // A dropout of the user's own, run under the module's own flag member
  // (`if (training) x = dropout_layer(x, p);`), which eval() does not
  // change: that member, true for the model at hand.
  const FieldDecl *Flag = nullptr;
};

// The first hard-wired dropout in the code a forward call runs, if any.
std::optional<HardWiredDropout> hardWiredDropoutOf(ASTContext &Ctx,
                                                   const ForwardCall &F);

// The first hard-wired dropout in one function definition, if any.
std::optional<HardWiredDropout> hardWiredDropoutIn(ASTContext &Ctx,
                                                   const FunctionDecl *Def);

// The user-defined classes whose member functions a forward call may run
// (the model's class, its bases and its members' classes, recursively),
// when some of those functions are defined in other files; empty when all
// of the code is in the translation unit.
llvm::SmallVector<const CXXRecordDecl *, 8>
classesWithCodeElsewhere(const ForwardCall &F);

} // namespace clang::tidy::torch_tidy
