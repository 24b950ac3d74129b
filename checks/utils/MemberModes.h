// Mode switches across member functions of one object, for
// torch-train-mode-not-restored with -p (ProjectFacts.h): a loader that
// calls `vgg->eval()` on its class's model member and returns with it in
// eval mode, then `classifier.Train(...)` on the same object, whose
// training pass runs before any `train()`: every epoch trains in eval mode.
//
// One translation unit records what its member functions do with the mode
// of their class's model members (MemberModeFact), and, per function, the
// member functions it calls on each local object whose class holds a model,
// with which call can run after which (ObjectCallsFact). The eval() calls a
// member function leaves in place become findings that stand only if some
// caller in the project then trains the member that way (ProjectIndex.h).
#pragma once

#include <vector>

#include "ModelCalls.h"
#include "ProjectFacts.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::torch_tidy {

// The mode switches and forward passes in a statement.
struct ModelCallsIn {
  std::vector<ModeCall> Modes;
  std::vector<ForwardCall> Forwards;
};
ModelCallsIn collectModelCalls(ASTContext &Ctx, const Stmt &S);

// An eval() on a model member that member function `Method` can return
// after with the member still in eval mode, in a function that does not
// train that member itself.
struct LeftInEval {
  const ModeCall *Eval = nullptr;
  const FieldDecl *Member = nullptr;
};

// What `Method` (defined, with a body) does with the mode of its class's
// model members: appends their MemberModeFacts to `Out` and returns the
// eval() calls it leaves in place (pointing into `Calls`, which must be
// collectModelCalls() of its body).
std::vector<LeftInEval>
recordMemberModes(ASTContext &Ctx, const CXXMethodDecl &Method,
                  const ModelCallsIn &Calls,
                  std::vector<project::MemberModeFact> &Out);

// The member functions `Fn` calls on each of its local objects whose class
// holds a model, appended to `Out` (objects with fewer than two such
// calls are left out).
void recordObjectCalls(ASTContext &Ctx, const FunctionDecl &Fn,
                       std::vector<project::ObjectCallsFact> &Out);

} // namespace clang::tidy::torch_tidy
