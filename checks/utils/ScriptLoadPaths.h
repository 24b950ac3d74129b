// The file a TorchScript module is loaded from, as far as the translation
// unit spells it: the string literals of the torch::jit::load arguments
// whose result initialises or is assigned to the module's variable or
// member, and of the string variables those arguments name (their
// initialisers and assignments). torch-missing-eval matches them with the
// file names the project's export scripts save (ExportScripts.h).
#pragma once

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include <string>
#include <vector>

namespace clang::tidy::torch_tidy {

std::vector<std::string> scriptLoadPaths(ASTContext &Ctx,
                                         const ValueDecl *Module);

} // namespace clang::tidy::torch_tidy
