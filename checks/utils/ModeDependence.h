// Whether a model's behaviour depends on its training mode: does it contain
// Dropout (any variant) or BatchNorm, seen through its member declarations,
// the submodules its constructors register, and holders, recursively.
//
// A model whose layers cannot be seen (no definition in the TU, a member of
// type std::shared_ptr<torch::nn::Module>, a Sequential or ModuleList whose
// contents are filled at run time) is Unknown, which the checks treat as
// mode-dependent. Layers known to behave the same in both modes (Linear,
// Conv, ReLU, ...) make a model Independent.
#pragma once

#include <string>

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

}  // namespace clang::tidy::torch_tidy
