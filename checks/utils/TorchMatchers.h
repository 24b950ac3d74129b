// AST matchers over LibTorch types, shared by the checks. See TorchTypes.h
// for how types are recognized (aliases, typedefs, derivation).
#pragma once

#include "TorchTypes.h"
#include "clang/ASTMatchers/ASTMatchers.h"

namespace clang::tidy::torch_tidy {

// A record that is a grad-mode or inference-mode guard.
AST_MATCHER(CXXRecordDecl, isGradGuardRecord) {
  return guardKindOf(&Node) != GuardKind::None;
}

// An expression or declaration whose type is a guard (through sugar).
inline auto hasGuardType() {
  using namespace ast_matchers;
  return hasType(qualType(hasCanonicalType(
      recordType(hasDeclaration(cxxRecordDecl(isGradGuardRecord()))))));
}

} // namespace clang::tidy::torch_tidy
