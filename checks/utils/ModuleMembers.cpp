#include "ModuleMembers.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::torch_tidy {

namespace {

bool isRegisterModuleCall(const Expr *E) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
  const CXXMethodDecl *M = Call ? Call->getMethodDecl() : nullptr;
  return M && M->getIdentifier() && M->getName() == "register_module";
}

// Whether `E` mentions the member `Field`.
class MentionFinder : public RecursiveASTVisitor<MentionFinder> {
public:
  explicit MentionFinder(const FieldDecl *Field) : Field(Field) {}
  bool VisitMemberExpr(MemberExpr *M) {
    Found = Found || M->getMemberDecl() == Field;
    return !Found;
  }
  const FieldDecl *Field;
  bool Found = false;
};

bool mentions(const Stmt *S, const FieldDecl *Field) {
  MentionFinder F(Field);
  F.TraverseStmt(const_cast<Stmt *>(S));
  return F.Found;
}

// Whether `S` holds a register_module(...) call.
class RegisterCallFinder : public RecursiveASTVisitor<RegisterCallFinder> {
public:
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *C) {
    if (isRegisterModuleCall(C))
      Calls.push_back(C);
    return true;
  }
  std::vector<const CXXMemberCallExpr *> Calls;
};

} // namespace

bool isRegisteredSubmodule(const FieldDecl *Field) {
  const auto *Class = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!Class || !Class->hasDefinition())
    return true; // unknown: assume so
  for (const CXXConstructorDecl *Ctor : Class->getDefinition()->ctors()) {
    // `drop(register_module("drop", Dropout(0.5)))`
    for (const CXXCtorInitializer *Init : Ctor->inits()) {
      if (Init->getMember() != Field || !Init->isWritten())
        continue;
      RegisterCallFinder Finder;
      Finder.TraverseStmt(Init->getInit());
      if (!Finder.Calls.empty())
        return true;
    }
    if (!Ctor->hasBody())
      continue;
    RegisterCallFinder Finder;
    Finder.TraverseStmt(Ctor->getBody());
    for (const CXXMemberCallExpr *Call : Finder.Calls) {
      // `register_module("drop", drop)`: the holder shares its module.
      if (Call->getNumArgs() >= 2 && mentions(Call->getArg(1), Field))
        return true;
    }
    // `drop = register_module("drop", Dropout(0.5));`
    for (const Stmt *S : Ctor->getBody()->children()) {
      const auto *Assign = dyn_cast<CXXOperatorCallExpr>(S);
      if (!Assign) {
        if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(S))
          Assign = dyn_cast<CXXOperatorCallExpr>(Cleanups->getSubExpr());
      }
      if (!Assign || Assign->getOperator() != OO_Equal ||
          Assign->getNumArgs() != 2)
        continue;
      RegisterCallFinder RHS;
      RHS.TraverseStmt(const_cast<Expr *>(Assign->getArg(1)));
      if (!RHS.Calls.empty() && mentions(Assign->getArg(0), Field))
        return true;
    }
  }
  return false;
}

} // namespace clang::tidy::torch_tidy
