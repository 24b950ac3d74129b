// Recognition of LibTorch's types in user code, through aliases, typedefs,
// `using` declarations and derivation.
//
// Everything here works on canonical declarations: `torch::NoGradGuard`,
// `at::NoGradGuard`, `using Guard = torch::NoGradGuard;` and
// `struct MyGuard : c10::NoGradGuard {}` all lead to the record
// `c10::NoGradGuard` (LibTorch 2.x and the bundled runtime) or
// `at::NoGradGuard` (LibTorch 1.x spells some of them there). Names are
// compared as fully qualified strings, so both real LibTorch headers and the
// runtime's headers are recognized.
//
// Deliberately not modelled: templates that merely forward to a guard
// (`std::optional<NoGradGuard>`), which are treated as unknown.
#pragma once

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::torch_tidy {

enum class GuardKind {
  None,
  NoGrad,        // NoGradGuard: always disables gradients
  AutoGradMode,  // AutoGradMode(bool): disables when the argument is false
  InferenceMode, // InferenceMode(bool = true): disables when true
};

// The guard kind of a record (or of one of its bases).
GuardKind guardKindOf(const CXXRecordDecl *RD);
GuardKind guardKindOf(QualType T);

// Whether `D` (null: no) has one of these fully qualified names.
bool nameIs(const NamedDecl *D, std::initializer_list<llvm::StringRef> Names);

// The fully qualified name of the record `T` names, after desugaring.
std::string qualifiedRecordName(QualType T);

bool isTensorType(QualType T);

// torch::nn::Module or a class derived from it.
bool isNNModuleClass(const CXXRecordDecl *RD);
// torch::jit::Module (TorchScript), or a class derived from it.
bool isScriptModuleClass(const CXXRecordDecl *RD);
// torch::nn::AnyModule: a type-erased module (a model picked at run time),
// whose forward runs the module it holds; its layers are not visible.
bool isAnyModuleClass(const CXXRecordDecl *RD);
// The class a ModuleHolder<Impl> (e.g. torch::nn::Linear) holds, else null.
const CXXRecordDecl *moduleHolderImpl(const CXXRecordDecl *RD);
// For a model-like type (holder, Impl class, std::shared_ptr<Impl>, pointer
// or reference to one), the module class it designates, else null.
const CXXRecordDecl *modelClassOf(QualType T);

} // namespace clang::tidy::torch_tidy
