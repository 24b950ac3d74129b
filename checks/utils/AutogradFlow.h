// A flow-sensitive analysis of what autograd does in one function: which
// tensors recording ops save for backward (per the op table shared with the
// runtime), which tensors in-place ops then modify, where backward() unpacks
// those saves, which tensors were computed with gradients disabled or are
// inference tensors. The three autograd checks read its findings.
//
// How: an abstract interpretation over clang's CFG, iterated to a fixed
// point with clang's worklist, so loops (a save in one iteration,
// the in-place op in the next), branches and early returns are followed. It
// is flow-sensitive but not path-sensitive: conditions are not evaluated and
// every branch is assumed possible, so a save and an in-place op guarded by
// mutually exclusive conditions are still paired.
//
// Where each part lives: the abstract domain (AutogradState.h), the
// transfer functions (AutogradTransfer.h; table ops in AutogradOps.cpp),
// the summaries of called functions (AutogradSummary.h), the reporter of
// the last pass (AutogradReport.h) and the solver (AutogradFlow.cpp). The
// limits on work are in AnalysisLimits.h.
//
// Functions defined in the translation unit are summarized (which tensor
// parameters they modify in place, save for backward or call backward on,
// what their result aliases, whether it requires grad) and the summaries are
// applied at their calls, so helpers such as `normalize_(t)` and
// `loss_fn(a, b)` are followed. Grad-mode guards are lexical (GuardScopes.h):
// a guard in a caller does not disable gradients in a helper's summary.
//
// Not modelled: tensors stored in containers or members (their in-place
// modification is not tracked), lambdas (their bodies are functions of
// their own), other translation units, retain_graph chains across functions.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::torch_tidy {

struct InPlaceOnSaved {
  const Expr *InPlace = nullptr; // the in-place op, or the helper's call
  const Expr *Target = nullptr;  // the tensor written into
  std::string Op;                // "mul_", "add_" for `+=`, or helper name
  std::string InnerOp;           // for helpers: the in-place op inside it
  const Expr *SaveSite = nullptr;
  std::string Saver;    // "pow"
  std::string SaverVia; // the helper that contains the saving op
  const Expr *Backward = nullptr;
  bool FixSafe = false; // a local with no alias: safe to rewrite
};

enum class EscapeUse { InPlace, Saved, RequiresGrad, Version };

struct InferenceEscape {
  EscapeUse Use = EscapeUse::InPlace;
  const Expr *At = nullptr;       // the rejected use
  const Expr *Target = nullptr;   // the inference tensor expression
  std::string Op;                 // the op that uses it
  const VarDecl *Guard = nullptr; // the InferenceMode guard it was made under
};

struct BackwardWithoutGrad {
  const Expr *Backward = nullptr;
  const Expr *Root = nullptr;     // the tensor backward starts from
  const VarDecl *Guard = nullptr; // the guard under which it was computed
};

struct AutogradFindings {
  std::vector<InPlaceOnSaved> InPlace;
  std::vector<InferenceEscape> Escapes;
  std::vector<BackwardWithoutGrad> NoGrad;
};

struct AutogradOptions {
  // Ops the table does not know may save every tensor operand.
  bool AssumeUnknownOpsSave = false;
};

namespace autograd {
struct Summary;
}

class AutogradAnalysis {
public:
  AutogradAnalysis(ASTContext &Ctx, AutogradOptions Options);
  ~AutogradAnalysis();

  // Findings of one function definition (memoized). Functions that do not
  // touch tensors are skipped cheaply.
  const AutogradFindings &analyze(const FunctionDecl *FD);

  // What FD does as seen from its callers, or null when that is unknown:
  // FD is being analyzed (recursion) or its analysis was given up.
  const autograd::Summary *summary(const FunctionDecl *FD);

  struct Impl;

private:
  std::unique_ptr<Impl> P;
};

} // namespace clang::tidy::torch_tidy
