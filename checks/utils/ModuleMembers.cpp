#include "ModuleMembers.h"

#include "TorchTypes.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace clang::tidy::torch_tidy {

namespace {

// A call of the Module method `Name` (register_module, register_parameter).
bool isRegisterCall(const CXXMemberCallExpr *Call, llvm::StringRef Name) {
  const CXXMethodDecl *M = Call->getMethodDecl();
  return M && M->getIdentifier() && M->getName() == Name;
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

// The register_module(...) calls in a statement (with `AlsoParameters`,
// register_parameter(...) calls too).
class RegisterCallFinder : public RecursiveASTVisitor<RegisterCallFinder> {
public:
  explicit RegisterCallFinder(bool AlsoParameters = false)
      : AlsoParameters(AlsoParameters) {}
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *C) {
    if (isRegisterCall(C, "register_module") ||
        (AlsoParameters && isRegisterCall(C, "register_parameter")))
      Calls.push_back(C);
    return true;
  }
  const bool AlsoParameters;
  std::vector<const CXXMemberCallExpr *> Calls;
};

} // namespace

namespace {

// `X = Y;` as a statement of a constructor body, or null.
const CXXOperatorCallExpr *assignmentIn(const Stmt *S) {
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(S))
    S = Cleanups->getSubExpr();
  const auto *Assign = dyn_cast<CXXOperatorCallExpr>(S);
  if (!Assign || Assign->getOperator() != OO_Equal || Assign->getNumArgs() != 2)
    return nullptr;
  return Assign;
}

// The parameter `E` names, through implicit copies (`register_module("d", d)`
// copies the holder `d` into its by-value parameter).
const ParmVarDecl *parameterIn(const Expr *E) {
  E = E->IgnoreImplicit();
  while (const auto *Copy = dyn_cast<CXXConstructExpr>(E)) {
    if (Copy->getNumArgs() != 1 ||
        !Copy->getConstructor()->isCopyOrMoveConstructor())
      return nullptr;
    E = Copy->getArg(0)->IgnoreImplicit();
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
}

// Whether the member initializers of `Ctor` register `Field`:
// `drop(register_module("drop", Dropout(0.5)))`. Collects the parameters
// stored into it (`drop(d)`) in `Aliases`.
bool initializerRegisters(const CXXConstructorDecl *Ctor,
                          const FieldDecl *Field,
                          llvm::SmallVectorImpl<const ParmVarDecl *> &Aliases) {
  for (const CXXCtorInitializer *Init : Ctor->inits()) {
    if (Init->getMember() != Field || !Init->isWritten())
      continue;
    if (const ParmVarDecl *P = parameterIn(Init->getInit()))
      Aliases.push_back(P);
    RegisterCallFinder Finder;
    Finder.TraverseStmt(Init->getInit());
    if (!Finder.Calls.empty())
      return true;
  }
  return false;
}

// Whether the body of `Ctor` registers `Field`: `drop = register_module(...)`,
// `register_module("drop", drop)`, or `register_module("drop", d)` for a
// parameter `d` also stored into it (a holder shares its module).
bool bodyRegisters(const CXXConstructorDecl *Ctor, const FieldDecl *Field,
                   llvm::SmallVectorImpl<const ParmVarDecl *> &Aliases) {
  for (const Stmt *S : Ctor->getBody()->children()) {
    const CXXOperatorCallExpr *Assign = assignmentIn(S);
    if (!Assign || !mentions(Assign->getArg(0), Field))
      continue;
    if (const ParmVarDecl *P = parameterIn(Assign->getArg(1)))
      Aliases.push_back(P);
    RegisterCallFinder RHS;
    RHS.TraverseStmt(const_cast<Expr *>(Assign->getArg(1)));
    if (!RHS.Calls.empty())
      return true;
  }
  RegisterCallFinder Finder;
  Finder.TraverseStmt(Ctor->getBody());
  for (const CXXMemberCallExpr *Call : Finder.Calls) {
    if (Call->getNumArgs() < 2)
      continue;
    if (mentions(Call->getArg(1), Field) ||
        llvm::is_contained(Aliases, parameterIn(Call->getArg(1))))
      return true;
  }
  return false;
}

} // namespace

bool isRegisteredSubmodule(const FieldDecl *Field) {
  const auto *Class = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!Class || !Class->hasDefinition())
    return true; // unknown: assume so
  for (const CXXConstructorDecl *Ctor : Class->getDefinition()->ctors()) {
    llvm::SmallVector<const ParmVarDecl *, 2> Aliases;
    if (initializerRegisters(Ctor, Field, Aliases))
      return true;
    // A constructor defined in another file may register it: unknown.
    if (!Ctor->hasBody()) {
      if (Ctor->isUserProvided())
        return true;
      continue;
    }
    if (bodyRegisters(Ctor, Field, Aliases))
      return true;
  }
  return false;
}

namespace {

// A member that may hold parameters: a tensor, a module, a holder, a
// pointer or container of them (anything class-typed but text and numbers).
bool mayHoldParameters(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isArithmeticType() || T->isEnumeralType())
    return false;
  if (const auto *RD = T->getAsCXXRecordDecl())
    return RD->getQualifiedNameAsString() != "std::basic_string";
  return true;
}

} // namespace

bool hasNoParameters(const CXXRecordDecl *Class) {
  if (!Class || !Class->hasDefinition())
    return false;
  Class = Class->getDefinition();
  // An abstract base (a pure virtual forward) is never the object itself:
  // the module behind it is a derived class, which may hold parameters.
  if (!isNNModuleClass(Class) || Class->isAbstract())
    return false;
  for (const CXXBaseSpecifier &B : Class->bases())
    if (!nameIs(B.getType()->getAsCXXRecordDecl(),
                {"torch::nn::Module", "torch::nn::Cloneable"}))
      return false;
  if (llvm::any_of(Class->fields(), [](const FieldDecl *F) {
        return mayHoldParameters(F->getType());
      }))
    return false;
  for (const CXXMethodDecl *M : Class->methods()) {
    const FunctionDecl *Definition = nullptr;
    if (!M->hasBody(Definition)) {
      if (M->isUserProvided() && !M->isPureVirtual())
        return false; // defined elsewhere: unknown
      continue;
    }
    RegisterCallFinder Finder(/*AlsoParameters=*/true);
    Finder.TraverseStmt(Definition->getBody());
    if (!Finder.Calls.empty())
      return false;
  }
  return true;
}

llvm::SmallVector<const Expr *, 4> valuesSetByConstructors(ASTContext &Ctx,
                                                           const FieldDecl *F) {
  using namespace ast_matchers;
  llvm::SmallVector<const Expr *, 4> Values;
  const auto *Class = dyn_cast<CXXRecordDecl>(F->getParent());
  if (!Class)
    return Values;
  for (const CXXConstructorDecl *Ctor : Class->ctors()) {
    const FunctionDecl *Def = nullptr;
    if (!Ctor->hasBody(Def))
      continue;
    const auto *CtorDef = cast<CXXConstructorDecl>(Def);
    for (const CXXCtorInitializer *Init : CtorDef->inits())
      if (Init->getMember() == F)
        Values.push_back(Init->getInit());
    for (const BoundNodes &N :
         match(findAll(cxxOperatorCallExpr(
                           hasOverloadedOperatorName("="),
                           hasArgument(0, ignoringParenImpCasts(memberExpr(
                                              member(equalsNode(F))))))
                           .bind("assign")),
               *CtorDef->getBody(), Ctx))
      Values.push_back(N.getNodeAs<CXXOperatorCallExpr>("assign")->getArg(1));
  }
  return Values;
}

} // namespace clang::tidy::torch_tidy
