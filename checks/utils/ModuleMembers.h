// Which members of a module class are registered submodules.
//
// Module::train()/eval() recurse into *registered* children only: a member
// never passed to register_module keeps its own mode when its owner is
// switched. A member counts as registered when a constructor of its class
// initializes or assigns it from register_module(...), or passes it to
// register_module (a holder shares its module with the registered copy), or
// when a user-written constructor is defined in another file (unknown is
// not guilty: that constructor may register it).
//
// Not modelled: registration outside constructors, or through helper
// functions.
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::torch_tidy {

bool isRegisteredSubmodule(const FieldDecl *Field);

// What the constructors of F's class defined in the TU set member `F` from:
// per constructor, its member initializer, then the right-hand sides of
// `F = X` in its body.
llvm::SmallVector<const Expr *, 4> valuesSetByConstructors(ASTContext &Ctx,
                                                           const FieldDecl *F);

// A user module class that provably holds no parameters: derived only from
// torch::nn::Module (or Cloneable), no tensor or module members, no
// register_module/register_parameter call in any of its member functions,
// every user-written member function defined in this file, and not abstract
// (the object behind an abstract base is a derived module). Its forward
// records a graph only for inputs that require grad.
bool hasNoParameters(const CXXRecordDecl *Class);

} // namespace clang::tidy::torch_tidy
