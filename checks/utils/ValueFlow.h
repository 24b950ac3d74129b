// Where a value goes inside its function: does anything computed from the
// result of a forward pass reach a backward pass, or leave the function?
//
// A forward pass is used for inference when nothing computed from its result
// reaches `backward()`, `torch::autograd::grad`/`backward`, is returned, or is
// stored where this function cannot see its uses (a member, a global, a
// reference parameter, a helper without a body). Printing, test assertions,
// `.item()`, `argmax`, comparisons, metrics and writing files are inference
// uses.
//
// Stores are followed as reaching definitions on the function's CFG: a use
// of a local variable carries a tainted value when a tainted store into it
// can reach the use with no other whole-variable store in between (so a
// variable reused for the validation loss after the training loss is two
// values); partial stores (`v.push_back(t)`, `v += t`) add to it without
// replacing it. Conditions are not evaluated: every branch and loop back
// edge is possible (a store that may reach counts). A value is carried only by
// types that can hold a tensor: a float from `.item()`, a bool, an int
// index or a string carry nothing. A detached copy (`t.detach()`) carries the
// data to a training use but none of the graph: returned, kept or passed
// on, it is an inference use; so is a graph-free value computed from it
// (GraphFree.h: argmax, comparisons, the indices of max/min). Calls to helpers
// with a body in the translation unit are followed through their parameters (a
// bounded depth); calls into library code (system headers, std::, torch::) pass
// values to their result and to the local objects they modify, never elsewhere.
#pragma once

#include <memory>

#include "EnclosingFunction.h"
#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::torch_tidy {

struct ValueUses {
  const CallExpr *TrainingUse = nullptr; // a backward pass it reaches
  bool Returned = false;                 // returned to the caller
  bool Escapes = false;                  // stored beyond this function's sight
  // Passed to user functions whose body is in another file: (function,
  // parameter index). Unknown in one file; whole-project facts tell.
  llvm::SmallVector<std::pair<const FunctionDecl *, unsigned>, 2> Unseen;
  // Only read inside the function: an inference use.
  bool staysLocal() const {
    return !TrainingUse && !Returned && !Escapes && Unseen.empty();
  }
  // Only read inside the function, but for what helpers in other files do
  // with it.
  bool onlyUnseenLeft() const {
    return !TrainingUse && !Returned && !Escapes && !Unseen.empty();
  }
};

// Whether a value of type `T` can hold a tensor (and with it a graph).
bool mayHoldTensor(QualType T, int Depth = 0);

// Functions of LibTorch, the standard library and other system headers:
// they pass values to their results and to the objects they modify.
bool isLibraryFunction(const FunctionDecl *FD, const SourceManager &SM);

// Assertions and test messages of doctest, Catch2 and GoogleTest (`INFO(t)`,
// `CHECK(...)`, `EXPECT_EQ(a, b)`, `<< t` onto a failure): they print or
// compare the values they are given and keep them no longer than the
// assertion, so a value passed to them is used for inference.
bool isTestFrameworkFunction(const FunctionDecl *FD);

class ValueFlow {
public:
  explicit ValueFlow(ASTContext &Ctx);
  ~ValueFlow();

  // The uses of the value of `E` (an expression of function `F`).
  ValueUses usesOf(const EnclosingFunction &F, const Expr *E);
  // The uses of parameter `Index` of `F` (defined in the TU) inside `F`.
  ValueUses usesOfParameter(const FunctionDecl *F, unsigned Index) {
    return usesOfParameter(F, Index, 0);
  }

  // What one function body stores where (ValueFlow.cpp).
  struct FunctionStores;

private:
  struct Taint;
  FunctionStores &storesOf(const FunctionDecl *F, const Stmt *Body);
  ValueUses usesOfParameter(const FunctionDecl *F, unsigned Index, int Depth);
  ValueUses propagate(FunctionStores &Stores, Taint &T, int Depth);
  // Training uses of the value, detached copies included; the rest (returned,
  // kept, passed to helpers elsewhere) of its graph only, which detach()
  // ends.
  ValueUses twoPhases(FunctionStores &Stores, const Expr *Seed,
                      const ParmVarDecl *Param, int Depth);

  ASTContext &Ctx;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionStores>> Stores;
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, ValueUses>
      ParameterUses;
};

} // namespace clang::tidy::torch_tidy
