// Whether a model's behaviour depends on its training mode: does it contain
// Dropout (any variant) or BatchNorm, seen through its member declarations,
// the submodules its constructors register, and holders, recursively.
//
// A Sequential's layers are seen when it is constructed from them in one
// expression (a member initializer, a register_module argument, a local
// variable's initializer); layers added later with push_back are not.
// A model whose layers cannot be seen (no definition in the TU, a member of
// type std::shared_ptr<torch::nn::Module>, a Sequential or ModuleList whose
// contents are filled at run time) is Unknown, which the checks treat as
// mode-dependent. Layers known to behave the same in both modes (Linear,
// Conv, ReLU, ...) make a model Independent.
#pragma once

#include <string>

#include "ModelCalls.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::torch_tidy {

enum class ModeDependence { Independent, Dependent, Unknown };

struct ModeDependenceResult {
  ModeDependence Kind = ModeDependence::Unknown;
  // For Dependent: the member or registration that brings the layer in, and
  // the layer's class name (e.g. "torch::nn::DropoutImpl").
  const NamedDecl *Where = nullptr;
  std::string Layer;
};

ModeDependenceResult modeDependence(const CXXRecordDecl *ModelClass);

// For a container (Sequential) whose construction is visible, e.g.
// `torch::nn::Sequential seq(Linear(4, 8), Dropout(0.5));`: the dependence of
// the layers passed to it. `Construction` is the initializer of the variable
// or member. Unknown when the layers are not all visible.
ModeDependenceResult containerDependence(const Expr *Construction);

// A member of `ModelClass` (or of its registered submodules, recursively)
// that holds a mode-dependent layer but is not a registered submodule: the
// model's eval() does not reach it, so it stays in training mode.
const FieldDecl *
unregisteredModeDependentMember(const CXXRecordDecl *ModelClass);

// The members of `Class` itself (not of its submodules) that hold a
// mode-dependent layer and that its constructors, all defined in the TU,
// never register: the facts another file's -p verdict needs.
llvm::SmallVector<const FieldDecl *, 2>
unregisteredModeDependentMembers(const CXXRecordDecl *Class);

// The module classes a model is built from (its class, bases and members'
// classes, recursively) when a user-written constructor of one of them is
// defined in another file; empty when every constructor is in the TU.
llvm::SmallVector<const CXXRecordDecl *, 8>
classesConstructedElsewhere(const CXXRecordDecl *ModelClass);

// The dependence of the model a forward call runs: its class, or for a local
// Sequential variable, the layers it was initialized with.
ModeDependenceResult modeDependenceOf(const ForwardCall &F);

// A built-in layer without parameters (ReLU, Dropout, MaxPool2d, a loss):
// its forward records a graph only when its input requires grad.
bool isParameterFreeLayer(const CXXRecordDecl *ModelClass);

} // namespace clang::tidy::torch_tidy
