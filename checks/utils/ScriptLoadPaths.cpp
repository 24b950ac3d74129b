#include "ScriptLoadPaths.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SetVector.h"

namespace clang::tidy::torch_tidy {
namespace {
using namespace ast_matchers;

// The variable or member an expression names, if it names one.
const ValueDecl *namedDecl(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  return nullptr;
}

const ValueDecl *canonical(const ValueDecl *D) {
  return D ? cast<ValueDecl>(D->getCanonicalDecl()) : nullptr;
}

// What the value of `E` ends up in: the variable it initialises or the
// variable or member assigned from it (through conversions and
// temporaries).
const ValueDecl *destinationOf(ASTContext &Ctx, const Expr *E) {
  DynTypedNode Node = DynTypedNode::create(*E);
  for (int Hops = 0; Hops < 8; ++Hops) {
    const auto Parents = Ctx.getParents(Node);
    if (Parents.size() != 1)
      return nullptr;
    Node = Parents[0];
    if (const auto *Var = Node.get<VarDecl>())
      return Var;
    if (const auto *Op = Node.get<CXXOperatorCallExpr>())
      return Op->getOperator() == OO_Equal && Op->getNumArgs() == 2
                 ? namedDecl(Op->getArg(0))
                 : nullptr;
    const Expr *Up = Node.get<Expr>();
    if (!Up || !(isa<ImplicitCastExpr, ExprWithCleanups, CXXConstructExpr,
                     MaterializeTemporaryExpr, CXXBindTemporaryExpr,
                     CXXFunctionalCastExpr, ParenExpr>(Up)))
      return nullptr;
  }
  return nullptr;
}

// The top-level declarations outside system headers: where the project's
// loads and assignments are (LibTorch's own headers are not searched).
llvm::SmallVector<const Decl *, 0> userDecls(ASTContext &Ctx) {
  llvm::SmallVector<const Decl *, 0> Out;
  const SourceManager &SM = Ctx.getSourceManager();
  for (const Decl *D : Ctx.getTranslationUnitDecl()->decls())
    if (!SM.isInSystemHeader(D->getLocation()))
      Out.push_back(D);
  return Out;
}

void literalsIn(ASTContext &Ctx, const Stmt *S, std::vector<std::string> &Out) {
  for (const BoundNodes &N :
       match(stmt(forEachDescendant(stringLiteral().bind("s"))), *S, Ctx))
    if (const auto *Lit = N.getNodeAs<StringLiteral>("s");
        Lit->getCharByteWidth() == 1)
      Out.push_back(Lit->getString().str());
  if (const auto *Lit = dyn_cast<StringLiteral>(S))
    Out.push_back(Lit->getString().str());
}

// The literals of a load's argument and of the variables it names: their
// initialisers and what the translation unit assigns to them.
void pathLiterals(ASTContext &Ctx, const Expr *Arg,
                  std::vector<std::string> &Out) {
  literalsIn(Ctx, Arg, Out);
  llvm::SetVector<const ValueDecl *> Named; // in the order they are named
  for (const BoundNodes &N :
       match(expr(anyOf(
                 declRefExpr(to(varDecl(unless(parmVarDecl())))).bind("e"),
                 forEachDescendant(
                     expr(anyOf(declRefExpr(to(varDecl(unless(parmVarDecl())))),
                                memberExpr(member(fieldDecl()))))
                         .bind("e")))),
             *Arg, Ctx))
    if (const ValueDecl *D = namedDecl(N.getNodeAs<Expr>("e")))
      Named.insert(canonical(D));
  if (Named.empty())
    return;
  // The translation unit's assignments, searched once for all of them.
  std::vector<const CXXOperatorCallExpr *> Assignments;
  for (const Decl *Top : userDecls(Ctx))
    for (const BoundNodes &N :
         match(decl(forEachDescendant(
                   cxxOperatorCallExpr(hasOverloadedOperatorName("="))
                       .bind("a"))),
               *Top, Ctx))
      Assignments.push_back(N.getNodeAs<CXXOperatorCallExpr>("a"));
  for (const ValueDecl *D : Named) {
    if (const auto *Var = dyn_cast<VarDecl>(D))
      if (const Expr *Init = Var->getAnyInitializer())
        literalsIn(Ctx, Init, Out);
    for (const CXXOperatorCallExpr *Assign : Assignments)
      if (canonical(namedDecl(Assign->getArg(0))) == D)
        literalsIn(Ctx, Assign->getArg(1), Out);
  }
}
} // namespace

std::vector<std::string> scriptLoadPaths(ASTContext &Ctx,
                                         const ValueDecl *Module) {
  std::vector<std::string> Out;
  if (!Module)
    return Out;
  Module = canonical(Module);
  for (const Decl *Top : userDecls(Ctx))
    for (const BoundNodes &N :
         match(decl(forEachDescendant(
                   callExpr(callee(functionDecl(hasName("::torch::jit::load"))))
                       .bind("c"))),
               *Top, Ctx)) {
      const auto *Load = N.getNodeAs<CallExpr>("c");
      if (Load->getNumArgs() == 0 ||
          canonical(destinationOf(Ctx, Load)) != Module)
        continue;
      pathLiterals(Ctx, Load->getArg(0), Out);
    }
  return Out;
}

} // namespace clang::tidy::torch_tidy
