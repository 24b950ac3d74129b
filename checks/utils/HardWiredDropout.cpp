#include "HardWiredDropout.h"

#include "AnalysisLimits.h"
#include "ConstantValues.h"
#include "TorchTypes.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SetVector.h"

namespace clang::tidy::torch_tidy {

using namespace ast_matchers;

namespace {

// at::dropout(input, p, train) and its variants: the flag is argument 2.
bool isATenDropout(const FunctionDecl *F) {
  return nameIs(F, {"at::dropout", "at::dropout_", "at::feature_dropout",
                    "at::feature_dropout_", "at::alpha_dropout",
                    "at::alpha_dropout_", "at::feature_alpha_dropout",
                    "at::feature_alpha_dropout_"});
}

// torch::nn::functional::dropout(input, options): whether the options train
// when they do not say (DropoutFuncOptions: yes; the alpha forms: no).
std::optional<bool> functionalTrainsByDefault(const FunctionDecl *F) {
  if (nameIs(F, {"torch::nn::functional::dropout",
                 "torch::nn::functional::dropout2d",
                 "torch::nn::functional::dropout3d"}))
    return true;
  if (nameIs(F, {"torch::nn::functional::alpha_dropout",
                 "torch::nn::functional::feature_alpha_dropout"}))
    return false;
  return std::nullopt;
}

// The `.training(x)` argument of an options temporary, or null when the
// chain does not set it; `Named` is set when the options are a variable
// (their value is not known here).
const Expr *trainingSetBy(const Expr *Options, bool &Named) {
  for (int Depth = 0; Options && Depth < limits::MaxModuleWrapperDepth;
       ++Depth) {
    Options = Options->IgnoreImplicit();
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Options)) {
      const CXXMethodDecl *M = Call->getMethodDecl();
      if (M && M->getIdentifier() && M->getName() == "training" &&
          Call->getNumArgs() == 1)
        return Call->getArg(0);
      Options = Call->getImplicitObjectArgument();
      continue;
    }
    if (isa<CXXConstructExpr>(Options) || isa<InitListExpr>(Options))
      return nullptr;
    break;
  }
  Named = true;
  return nullptr;
}

bool isLibraryClass(const CXXRecordDecl *RD) {
  const std::string Name = RD->getQualifiedNameAsString();
  return llvm::StringRef(Name).starts_with("torch::") ||
         llvm::StringRef(Name).starts_with("at::") ||
         llvm::StringRef(Name).starts_with("c10::") ||
         llvm::StringRef(Name).starts_with("std::");
}

// A dropout function of the user's own: "dropout" in its name, not
// LibTorch's, no bool parameter (no flag to pass).
bool isOwnDropoutFunction(const FunctionDecl *F) {
  const std::string Qualified = F->getQualifiedNameAsString();
  const llvm::StringRef Q(Qualified);
  return F->getIdentifier() && F->getName().contains_insensitive("dropout") &&
         !Q.starts_with("torch::") && !Q.starts_with("at::") &&
         llvm::none_of(F->parameters(), [](const ParmVarDecl *P) {
           return P->getType()->isBooleanType();
         });
}

// The bool member of a module class whose value an `if` around `S` tests
// (`if (training) ...`, `S` in its then-branch), within S's function.
const FieldDecl *flagAround(ASTContext &Ctx, const Stmt *S) {
  while (S) { // up to the function: parent chains are finite
    DynTypedNodeList Parents = Ctx.getParents(*S);
    if (Parents.size() != 1)
      return nullptr;
    const auto *P = Parents[0].get<Stmt>();
    if (const auto *If = dyn_cast_or_null<IfStmt>(P)) {
      const auto *Member =
          dyn_cast<MemberExpr>(If->getCond()->IgnoreParenImpCasts());
      const auto *Field =
          Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
      if (If->getThen() == S && Field && Field->getType()->isBooleanType() &&
          isNNModuleClass(dyn_cast<CXXRecordDecl>(Field->getParent())))
        return Field;
      return nullptr;
    }
    S = P;
  }
  return nullptr;
}

class DropoutFinder : public RecursiveASTVisitor<DropoutFinder> {
public:
  explicit DropoutFinder(ASTContext &Ctx) : Ctx(Ctx) {}
  std::optional<HardWiredDropout> Found;
  // Own dropout under the module's own flag: decided by the construction.
  std::vector<HardWiredDropout> UnderFlag;

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitCallExpr(CallExpr *C) {
    const FunctionDecl *F = C->getDirectCallee();
    if (Found || !F)
      return true;
    if (isOwnDropoutFunction(F)) {
      if (const FieldDecl *Flag = flagAround(Ctx, C))
        UnderFlag.push_back({C, nullptr, nullptr, Flag});
      return true;
    }
    if (isATenDropout(F)) {
      if (C->getNumArgs() >= 3 && constantBool(Ctx, C->getArg(2)) == true)
        Found = HardWiredDropout{C, C->getArg(2), nullptr};
      return true;
    }
    std::optional<bool> Default = functionalTrainsByDefault(F);
    if (!Default)
      return true;
    const Expr *Options = C->getNumArgs() >= 2 ? C->getArg(1) : nullptr;
    if (!Options || isa<CXXDefaultArgExpr>(Options)) {
      if (*Default)
        Found = HardWiredDropout{C, nullptr, nullptr};
      return true;
    }
    bool Named = false;
    const Expr *Training = trainingSetBy(Options, Named);
    if (Training) {
      if (constantBool(Ctx, Training) == true)
        Found = HardWiredDropout{C, Training, nullptr};
    } else if (!Named && *Default) {
      Found = HardWiredDropout{C, nullptr, Options};
    }
    return true;
  }

  // torch::nn::Functional(torch::dropout, p, true): the flag is bound once.
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    if (Found || E->getNumArgs() < 3)
      return true;
    const CXXRecordDecl *Class = modelClassOf(E->getType());
    if (!Class || !nameIs(Class, {"torch::nn::FunctionalImpl"}))
      return true;
    const auto *Fn = dyn_cast<DeclRefExpr>(E->getArg(0)->IgnoreParenImpCasts());
    const auto *F = Fn ? dyn_cast<FunctionDecl>(Fn->getDecl()) : nullptr;
    if (F && isATenDropout(F) && constantBool(Ctx, E->getArg(2)) == true)
      Found = HardWiredDropout{E, E->getArg(2), nullptr};
    return true;
  }

private:
  ASTContext &Ctx;
};

// The model class and the user-defined classes of its members and bases,
// recursively: the code its forward may run.
void collectClasses(const CXXRecordDecl *RD, int Depth,
                    llvm::SmallSetVector<const CXXRecordDecl *, 8> &Out) {
  if (!RD || Depth > limits::MaxSubmoduleDepth)
    return;
  RD = RD->getDefinition();
  if (!RD || isLibraryClass(RD) || !Out.insert(RD))
    return;
  for (const FieldDecl *Field : RD->fields())
    collectClasses(modelClassOf(Field->getType()), Depth + 1, Out);
  for (const CXXBaseSpecifier &Base : RD->bases())
    collectClasses(Base.getType()->getAsCXXRecordDecl(), Depth + 1, Out);
}

// The construction of a local or member model: `Net net(...)`, `Net net =
// Net(...)`, through temporaries and copies.
const CXXConstructExpr *constructionOf(const ModelRef &Model) {
  const auto *Var =
      Model.Chain.size() == 1 ? dyn_cast<VarDecl>(Model.root()) : nullptr;
  const Expr *E = Var ? Var->getInit() : nullptr;
  for (int Depth = 0; E && Depth < limits::MaxModuleWrapperDepth; ++Depth) {
    E = E->IgnoreImplicit();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (!Construct)
      return nullptr;
    if (Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      E = Construct->getArg(0);
      continue;
    }
    return Construct;
  }
  return nullptr;
}

// Whether `Flag` is written only by constructors of its class.
bool setOnlyByConstructors(ASTContext &Ctx, const FieldDecl *Flag) {
  const auto *Class = cast<CXXRecordDecl>(Flag->getParent());
  for (const CXXMethodDecl *M : Class->methods()) {
    const FunctionDecl *Def = nullptr;
    if (isa<CXXConstructorDecl>(M) || !M->hasBody(Def))
      continue;
    for (const BoundNodes &N :
         match(findAll(memberExpr(member(equalsNode(Flag))).bind("m")),
               *Def->getBody(), Ctx)) {
      const auto *Use = N.getNodeAs<MemberExpr>("m");
      DynTypedNodeList Parents = Ctx.getParents(*Use);
      const auto *Read =
          Parents.size() == 1 ? Parents[0].get<ImplicitCastExpr>() : nullptr;
      if (!Read || Read->getCastKind() != CK_LValueToRValue)
        return false;
    }
  }
  return true;
}

// The value `Flag` gets when `Construct` builds its module: the one
// constructor taking as many arguments sets it from a constant or from one
// of its parameters (the argument), or leaves the member's initializer.
std::optional<bool> flagAtConstruction(ASTContext &Ctx, const FieldDecl *Flag,
                                       const CXXConstructExpr *Construct) {
  const auto *Class = cast<CXXRecordDecl>(Flag->getParent());
  const CXXConstructorDecl *Ctor = nullptr;
  for (const CXXConstructorDecl *C : Class->ctors()) {
    const FunctionDecl *Def = nullptr;
    if (C->isCopyOrMoveConstructor() ||
        C->getNumParams() != Construct->getNumArgs() || !C->hasBody(Def))
      continue;
    if (Ctor)
      return std::nullopt; // overloads: which one runs is not followed
    Ctor = cast<CXXConstructorDecl>(Def);
  }
  if (!Ctor)
    return std::nullopt;
  const Expr *Value = Flag->getInClassInitializer();
  for (const CXXCtorInitializer *Init : Ctor->inits())
    if (Init->getMember() == Flag && Init->isWritten())
      Value = Init->getInit();
  const auto Assigns =
      match(findAll(binaryOperator(hasOperatorName("="),
                                   hasLHS(ignoringParenImpCasts(
                                       memberExpr(member(equalsNode(Flag))))))
                        .bind("a")),
            *Ctor->getBody(), Ctx);
  if (Assigns.size() > 1)
    return std::nullopt;
  if (Assigns.size() == 1)
    Value = Assigns[0].getNodeAs<BinaryOperator>("a")->getRHS();
  if (!Value)
    return std::nullopt;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Value->IgnoreParenImpCasts()))
    if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl()))
      return constantBool(Ctx,
                          Construct->getArg(Param->getFunctionScopeIndex()));
  return constantBool(Ctx, Value);
}

} // namespace

std::optional<HardWiredDropout> hardWiredDropoutIn(ASTContext &Ctx,
                                                   const FunctionDecl *Def) {
  DropoutFinder Finder(Ctx);
  if (Def && Def->hasBody())
    Finder.TraverseDecl(const_cast<FunctionDecl *>(Def));
  return Finder.Found;
}

llvm::SmallVector<const CXXRecordDecl *, 8>
classesWithCodeElsewhere(const ForwardCall &F) {
  llvm::SmallSetVector<const CXXRecordDecl *, 8> Classes;
  if (!F.IsScript)
    collectClasses(F.ModelClass, 0, Classes);
  const bool Unseen = llvm::any_of(Classes, [](const CXXRecordDecl *RD) {
    return llvm::any_of(RD->methods(), [](const CXXMethodDecl *M) {
      return !M->isImplicit() && !M->isDefaulted() && !M->isDeleted() &&
             !M->isPureVirtual() && !M->hasBody();
    });
  });
  if (!Unseen)
    return {};
  return llvm::SmallVector<const CXXRecordDecl *, 8>(Classes.begin(),
                                                     Classes.end());
}

std::optional<HardWiredDropout> hardWiredDropoutOf(ASTContext &Ctx,
                                                   const ForwardCall &F) {
  if (F.IsScript || F.Model.empty())
    return std::nullopt;
  DropoutFinder Finder(Ctx);
  // A local model built in its initializer (a Sequential of Functionals).
  if (const auto *Var = dyn_cast<VarDecl>(F.Model.root()))
    if (Var->getInit() && Var->isLocalVarDecl())
      Finder.TraverseStmt(const_cast<Expr *>(Var->getInit()));
  llvm::SmallSetVector<const CXXRecordDecl *, 8> Classes;
  collectClasses(F.ModelClass, 0, Classes);
  for (const CXXRecordDecl *RD : Classes) {
    for (const CXXMethodDecl *M : RD->methods()) {
      const FunctionDecl *Def = nullptr;
      if (!Finder.Found && M->hasBody(Def))
        Finder.TraverseDecl(const_cast<FunctionDecl *>(Def));
    }
  }
  if (Finder.Found)
    return Finder.Found;
  // The module's own flag, true for this model.
  const CXXConstructExpr *Construct = constructionOf(F.Model);
  for (const HardWiredDropout &D : Finder.UnderFlag)
    if (Construct && setOnlyByConstructors(Ctx, D.Flag) &&
        flagAtConstruction(Ctx, D.Flag, Construct) == true)
      return D;
  return std::nullopt;
}

} // namespace clang::tidy::torch_tidy
