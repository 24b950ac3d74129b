// Small C++ snippets parsed against the runtime's LibTorch headers, for unit
// tests of the checks' analyses (clang's unittests/Analysis style, with
// clang::tooling::buildASTFromCodeWithArgs).
#pragma once

#include <memory>
#include <string>

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/Frontend/ASTUnit.h"
#include "llvm/ADT/StringRef.h"

namespace torch_tidy_test {

class ParsedCode {
public:
  // Parses `#include <torch/torch.h>` followed by Code, as C++17.
  explicit ParsedCode(llvm::StringRef Code);
  ~ParsedCode();

  bool ok() const;
  clang::ASTContext &ctx() const;
  // The definition of the function (or method) with this name.
  const clang::FunctionDecl *function(llvm::StringRef Name) const;
  // The N-th call (0-based, in source order) in function Fn whose callee
  // is named Callee (a function, a method, or an operator such as "*=").
  const clang::CallExpr *call(llvm::StringRef Fn, llvm::StringRef Callee,
                              unsigned N = 0) const;

private:
  std::unique_ptr<clang::ASTUnit> AST;
};

} // namespace torch_tidy_test
