// What a function does to autograd state, as seen from its callers: the
// interprocedural part of the autograd flow analysis (AutogradFlow.h). A
// summary is computed once per function definition, from the fixed point of
// its own analysis, and applied at each call (AutogradTransfer.cpp).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "AutogradState.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::torch_tidy::autograd {

struct Summary {
  std::map<unsigned, std::string> InPlaceParams; // param -> in-place op
  std::map<unsigned, std::string> SavedParams;   // param -> saving op
  std::set<unsigned> BackwardParams; // backward runs from these params
  std::set<unsigned> ReturnAliases;  // the result shares their objects
  std::set<unsigned> ReturnDepends;  // the result's graph includes them
  bool ReturnFresh = false;          // the result may be made inside
  std::string ReturnSavedBy;         // an op inside saved the result
  // Saves in the result's graph that an in-place op inside already broke:
  // a backward from the result (in a caller) will throw.
  struct BrokenSave {
    const Expr *InPlace, *Target, *SaveSite;
    std::string Op, Inner, Saver;
    bool FixSafe;
  };
  std::vector<BrokenSave> ReturnBroken;
  // Nothing is known of the function (its analysis was given up: over the
  // work budget, a CFG too large or that could not be built): callers treat
  // its calls as unknown ops.
  bool Unknown = false;
  Tri ReturnGrad = Tri::Maybe;
  const VarDecl *ReturnNoGradGuard = nullptr;
  Tri ReturnInference = Tri::No;
  const VarDecl *ReturnInferenceGuard = nullptr;
};

struct FunctionEntities;

// Fills Sum from the fixed point of a function's analysis: the value it
// returns (joined over its returns, none if it returns no tensor) and the
// state at its exit.
void summarize(const std::optional<Value> &Returned, const State &Exit,
               const FunctionEntities &Ents, Summary &Sum);

} // namespace clang::tidy::torch_tidy::autograd
