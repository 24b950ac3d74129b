#include "ParsedCode.h"

#include <vector>

#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Tooling/Tooling.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace torch_tidy_test {

ParsedCode::ParsedCode(llvm::StringRef Code)
    : AST(tooling::buildASTFromCodeWithArgs(
          ("#include <torch/torch.h>\n" + Code).str(),
          {"-std=c++17", "-I" TORCH_TIDY_RUNTIME_INCLUDE}, "input.cc")) {}

ParsedCode::~ParsedCode() = default;

bool ParsedCode::ok() const {
  return AST && !AST->getDiagnostics().hasErrorOccurred();
}

ASTContext &ParsedCode::ctx() const { return AST->getASTContext(); }

const FunctionDecl *ParsedCode::function(llvm::StringRef Name) const {
  auto Found =
      match(functionDecl(hasName(Name), isDefinition()).bind("f"), ctx());
  return Found.empty() ? nullptr : Found[0].getNodeAs<FunctionDecl>("f");
}

namespace {

std::string calleeName(const CallExpr *C) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(C))
    return getOperatorSpelling(Op->getOperator());
  if (const FunctionDecl *FD = C->getDirectCallee())
    return FD->getNameAsString();
  return "";
}

struct CallCollector : RecursiveASTVisitor<CallCollector> {
  std::vector<const CallExpr *> Calls;
  bool shouldVisitImplicitCode() const { return false; }
  bool VisitCallExpr(CallExpr *C) {
    Calls.push_back(C);
    return true;
  }
};

} // namespace

const CallExpr *ParsedCode::call(llvm::StringRef Fn, llvm::StringRef Callee,
                                 unsigned N) const {
  const FunctionDecl *F = function(Fn);
  if (!F)
    return nullptr;
  CallCollector Collector;
  Collector.TraverseStmt(F->getBody());
  for (const CallExpr *C : Collector.Calls)
    if (calleeName(C) == Callee && N-- == 0)
      return C;
  return nullptr;
}

} // namespace torch_tidy_test
