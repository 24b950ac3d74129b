// Which members of a module class are registered submodules.
//
// Module::train()/eval() recurse into *registered* children only: a member
// never passed to register_module keeps its own mode when its owner is
// switched. A member counts as registered when a constructor of its class
// initializes or assigns it from register_module(...), or passes it to
// register_module (a holder shares its module with the registered copy).
//
// Not modelled: registration outside constructors, or through helper
// functions.
#pragma once

#include "clang/AST/Decl.h"

namespace clang::tidy::torch_tidy {

bool isRegisteredSubmodule(const FieldDecl *Field);

} // namespace clang::tidy::torch_tidy
