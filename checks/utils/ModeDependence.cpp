#include "ModeDependence.h"

#include "AnalysisLimits.h"
#include "ModuleMembers.h"
#include "TorchTypes.h"
#include "torch_tidy/ops/OpTable.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::torch_tidy {

namespace ops = ::torch_tidy::ops;

namespace {

bool isModeDependentLayer(llvm::StringRef Name) {
  return ops::isModeDependentLayer({Name.data(), Name.size()});
}

// Containers whose contents are only known at run time.
bool isOpaqueContainer(llvm::StringRef Name) {
  return ops::isOpaqueContainer({Name.data(), Name.size()});
}

// Collects the types of the submodules a constructor registers:
// register_module("name", <expr>).
class RegisterModuleFinder : public RecursiveASTVisitor<RegisterModuleFinder> {
public:
  std::vector<std::pair<const Expr *, QualType>> Registered;
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *C) {
    const CXXMethodDecl *M = C->getMethodDecl();
    if (M && M->getIdentifier() && M->getName() == "register_module" &&
        C->getNumArgs() >= 2)
      Registered.push_back({C, C->getArg(1)->IgnoreImplicit()->getType()});
    return true;
  }
};

// The expression that constructs a container, through the wrappers of an
// initializer: cleanups, temporaries, casts, register_module(name, X).
const CXXConstructExpr *constructionOf(const Expr *E) {
  for (int Depth = 0; E && Depth < limits::MaxModuleWrapperDepth; ++Depth) {
    // Also strips ExprWithCleanups and CXXBindTemporaryExpr.
    E = E->IgnoreImplicit();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
      const CXXMethodDecl *M = Call->getMethodDecl();
      if (M && M->getIdentifier() && M->getName() == "register_module" &&
          Call->getNumArgs() >= 2) {
        E = Call->getArg(1);
        continue;
      }
      return nullptr;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      // A copy, move or conversion of another holder of the same module is
      // not the construction (a Sequential member initialized from
      // register_module's ModuleHolder<SequentialImpl>).
      if (Construct->getNumArgs() == 1 &&
          (Construct->getConstructor()->isCopyOrMoveConstructor() ||
           modelClassOf(Construct->getArg(0)->IgnoreImplicit()->getType()) ==
               modelClassOf(Construct->getType()))) {
        E = Construct->getArg(0);
        continue;
      }
      return Construct;
    }
    return nullptr;
  }
  return nullptr;
}

bool isContainerClass(const CXXRecordDecl *RD) {
  return RD && RD->getQualifiedNameAsString() == "torch::nn::SequentialImpl";
}

// `owner->push_back(...)` (or extend/insert) on member F in a constructor
// of its class: layers added after the construction the analysis sees.
bool grownInConstructors(const FieldDecl *F) {
  using namespace ast_matchers;
  const auto *Class = dyn_cast<CXXRecordDecl>(F->getParent());
  if (!Class)
    return false;
  const auto OnF = memberExpr(member(equalsNode(F)));
  const auto Grow = cxxMemberCallExpr(
      callee(cxxMethodDecl(hasAnyName("push_back", "extend", "insert"))),
      on(expr(anyOf(OnF, hasDescendant(OnF)))));
  for (const CXXConstructorDecl *Ctor : Class->ctors()) {
    const FunctionDecl *Def = nullptr;
    if (Ctor->hasBody(Def) &&
        !match(findAll(Grow), *Def->getBody(), F->getASTContext()).empty())
      return true;
  }
  return false;
}

// The initializers constructors write for F (not the implicit default
// construction of a member they then assign).
bool isImplicitInitializerOf(const Expr *Value, const FieldDecl *F) {
  const auto *Class = dyn_cast<CXXRecordDecl>(F->getParent());
  for (const CXXConstructorDecl *Ctor : Class->ctors())
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->getMember() == F && !Init->isWritten() &&
          Init->getInit() == Value)
        return true;
  return false;
}

// `seq_(nullptr)`: an empty holder, filled by a later assignment.
bool isEmptyHolder(const Expr *Value) {
  const auto *C = dyn_cast<CXXConstructExpr>(Value->IgnoreImplicit());
  return C && C->getNumArgs() == 1 &&
         C->getArg(0)->IgnoreImplicit()->getType()->isNullPtrType();
}

// register_module(name, m) where m is a member of RD.
bool registersOwnMember(const Expr *Call, const CXXRecordDecl *RD) {
  const auto *C = dyn_cast<CXXMemberCallExpr>(Call);
  if (!C || C->getNumArgs() < 2)
    return false;
  const Expr *Arg = C->getArg(1)->IgnoreImplicit();
  // The holder is taken by value: a copy of the member.
  if (const auto *Copy = dyn_cast<CXXConstructExpr>(Arg);
      Copy && Copy->getNumArgs() == 1 &&
      Copy->getConstructor()->isCopyOrMoveConstructor())
    Arg = Copy->getArg(0)->IgnoreImplicit();
  const auto *M = dyn_cast<MemberExpr>(Arg);
  const auto *F = M ? dyn_cast<FieldDecl>(M->getMemberDecl()) : nullptr;
  return F && F->getParent() == RD;
}

class Analyzer {
public:
  // A container member: the layers its constructors build it from, in a
  // written member initializer or an assignment in the body
  // (`actor = nn::Sequential(...)`). Unknown when none is visible or
  // layers are pushed back afterwards.
  ModeDependenceResult memberContainer(const FieldDecl *F, int Depth) {
    ModeDependenceResult R; // Unknown
    if (grownInConstructors(F))
      return R;
    bool SawValue = false, SawUnknown = false;
    for (const Expr *Value : valuesSetByConstructors(F->getASTContext(), F)) {
      if (isImplicitInitializerOf(Value, F) || isEmptyHolder(Value))
        continue;
      SawValue = true;
      ModeDependenceResult Inner = container(Value, Depth);
      if (Inner.Kind == ModeDependence::Dependent)
        return Inner;
      if (Inner.Kind == ModeDependence::Unknown)
        SawUnknown = true;
    }
    if (SawValue && !SawUnknown)
      R.Kind = ModeDependence::Independent;
    return R;
  }

  // The layers passed to a container's constructor.
  ModeDependenceResult container(const Expr *Construction, int Depth) {
    ModeDependenceResult R; // Unknown
    const CXXConstructExpr *C = constructionOf(Construction);
    if (!C || C->getNumArgs() == 0)
      return R;
    bool SawUnknown = false;
    for (const Expr *Arg : C->arguments()) {
      const CXXRecordDecl *Layer =
          modelClassOf(Arg->IgnoreImplicit()->getType());
      if (!Layer)
        return R; // an initializer list of named modules, ...
      ModeDependenceResult Inner = run(Layer, Depth + 1);
      if (Inner.Kind == ModeDependence::Dependent)
        return Inner;
      if (Inner.Kind == ModeDependence::Unknown)
        SawUnknown = true;
    }
    R.Kind = SawUnknown ? ModeDependence::Unknown : ModeDependence::Independent;
    return R;
  }

  ModeDependenceResult run(const CXXRecordDecl *RD, int Depth) {
    ModeDependenceResult R;
    if (!RD)
      return R; // Unknown
    const std::string Name = RD->getQualifiedNameAsString();
    if (isModeDependentLayer(Name)) {
      R.Kind = ModeDependence::Dependent;
      R.Layer = Name;
      return R;
    }
    if (isOpaqueContainer(Name) || isScriptModuleClass(RD))
      return R;
    if (llvm::StringRef(Name).starts_with("torch::nn::")) {
      // Any other LibTorch layer (Linear, Conv2d, ReLU, LSTM with its
      // default dropout of 0, ...).
      R.Kind = ModeDependence::Independent;
      return R;
    }
    if (!RD->hasDefinition() || Depth > limits::MaxSubmoduleDepth)
      return R;
    RD = RD->getDefinition();
    if (!Visited.insert(RD).second) {
      R.Kind = ModeDependence::Independent; // already being analysed
      return R;
    }
    bool SawUnknown = false;
    // Folds a part's result into R; true when it makes the class Dependent.
    // `Where` is the member (or constructor) the user sees in this class.
    auto Absorb = [&](const ModeDependenceResult &Inner,
                      const NamedDecl *Where) {
      if (Inner.Kind == ModeDependence::Unknown)
        SawUnknown = true;
      if (Inner.Kind != ModeDependence::Dependent)
        return false;
      R.Kind = ModeDependence::Dependent;
      R.Where = Where;
      R.Layer = Inner.Layer;
      return true;
    };
    // A Sequential member: Dependent or Unknown unless the constructors
    // build it from visible layers.
    auto ConsiderContainer = [&](const FieldDecl *F) {
      return Absorb(memberContainer(F, Depth + 1), F);
    };
    auto Consider = [&](QualType T, const NamedDecl *Where) {
      const CXXRecordDecl *Sub = submoduleClass(T);
      return Sub && Absorb(run(Sub, Depth + 1), Where);
    };
    for (const FieldDecl *F : RD->fields()) {
      // A Sequential member: its layers are in the constructors' member
      // initializers.
      const bool Dependent = isContainerClass(modelClassOf(F->getType()))
                                 ? ConsiderContainer(F)
                                 : Consider(F->getType(), F);
      if (Dependent)
        return R;
    }
    for (const CXXConstructorDecl *Ctor : RD->ctors()) {
      if (!Ctor->hasBody())
        continue;
      RegisterModuleFinder Finder;
      Finder.TraverseStmt(Ctor->getBody());
      for (const auto &[Call, T] : Finder.Registered) {
        // register_module("seq", seq_): the member, judged above.
        if (registersOwnMember(Call, RD))
          continue;
        const bool Dependent = isContainerClass(modelClassOf(T))
                                   ? Absorb(container(Call, Depth + 1), Ctor)
                                   : Consider(T, Ctor);
        if (Dependent)
          return R;
      }
    }
    for (const CXXBaseSpecifier &B : RD->bases()) {
      const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl();
      const std::string BaseName = Base ? Base->getQualifiedNameAsString() : "";
      // The library's own bases carry no layers.
      if (BaseName == "torch::nn::Module" || BaseName == "torch::nn::Cloneable")
        continue;
      ModeDependenceResult Inner = run(Base, Depth + 1);
      if (Inner.Kind == ModeDependence::Dependent)
        return Inner;
      if (Inner.Kind == ModeDependence::Unknown)
        SawUnknown = true;
    }
    R.Kind = SawUnknown ? ModeDependence::Unknown : ModeDependence::Independent;
    return R;
  }

private:
  // The module class a member or registered value designates (a holder,
  // std::shared_ptr<Impl>, the Impl itself), or null for non-modules.
  static const CXXRecordDecl *submoduleClass(QualType T) {
    return modelClassOf(T);
  }
  llvm::SmallPtrSet<const CXXRecordDecl *, 16> Visited;
};

} // namespace

ModeDependenceResult modeDependence(const CXXRecordDecl *ModelClass) {
  return Analyzer().run(ModelClass, 0);
}

namespace {
const FieldDecl *unregisteredMember(const CXXRecordDecl *RD, int Depth) {
  if (!RD || !RD->hasDefinition() || Depth > limits::MaxUnregisteredMemberDepth)
    return nullptr;
  if (llvm::StringRef(RD->getQualifiedNameAsString()).starts_with("torch::"))
    return nullptr; // the library's own layers register what they hold
  for (const FieldDecl *F : RD->getDefinition()->fields()) {
    const CXXRecordDecl *Sub = modelClassOf(F->getType());
    if (!Sub)
      continue;
    if (!isRegisteredSubmodule(F)) {
      if (modeDependence(Sub).Kind == ModeDependence::Dependent)
        return F;
      continue;
    }
    if (const FieldDecl *Inner = unregisteredMember(Sub, Depth + 1))
      return Inner;
  }
  return nullptr;
}
} // namespace

const FieldDecl *
unregisteredModeDependentMember(const CXXRecordDecl *ModelClass) {
  if (!ModelClass || !isNNModuleClass(ModelClass))
    return nullptr;
  return unregisteredMember(ModelClass, 0);
}

llvm::SmallVector<const FieldDecl *, 2>
unregisteredModeDependentMembers(const CXXRecordDecl *Class) {
  llvm::SmallVector<const FieldDecl *, 2> Out;
  if (!Class || !Class->hasDefinition() || !isNNModuleClass(Class))
    return Out;
  // A class template registers through dependent calls that an
  // instantiation may not show: no claim.
  if (Class->isDependentContext() || Class->getDescribedClassTemplate() ||
      isa<ClassTemplateSpecializationDecl>(Class))
    return Out;
  for (const FieldDecl *F : Class->getDefinition()->fields()) {
    const CXXRecordDecl *Sub = modelClassOf(F->getType());
    if (Sub && !isRegisteredSubmodule(F) &&
        modeDependence(Sub).Kind == ModeDependence::Dependent)
      Out.push_back(F);
  }
  return Out;
}

namespace {
void collectModuleClasses(const CXXRecordDecl *RD, int Depth,
                          llvm::SmallSetVector<const CXXRecordDecl *, 8> &Out) {
  if (!RD || Depth > limits::MaxSubmoduleDepth)
    return;
  RD = RD->getDefinition();
  if (!RD ||
      llvm::StringRef(RD->getQualifiedNameAsString()).starts_with("torch::") ||
      !Out.insert(RD))
    return;
  for (const FieldDecl *F : RD->fields())
    collectModuleClasses(modelClassOf(F->getType()), Depth + 1, Out);
  for (const CXXBaseSpecifier &B : RD->bases())
    collectModuleClasses(B.getType()->getAsCXXRecordDecl(), Depth + 1, Out);
}
} // namespace

llvm::SmallVector<const CXXRecordDecl *, 8>
classesConstructedElsewhere(const CXXRecordDecl *ModelClass) {
  llvm::SmallSetVector<const CXXRecordDecl *, 8> Classes;
  collectModuleClasses(ModelClass, 0, Classes);
  const bool Elsewhere = llvm::any_of(Classes, [](const CXXRecordDecl *RD) {
    return llvm::any_of(RD->ctors(), [](const CXXConstructorDecl *C) {
      return C->isUserProvided() && !C->hasBody();
    });
  });
  if (!Elsewhere)
    return {};
  return llvm::SmallVector<const CXXRecordDecl *, 8>(Classes.begin(),
                                                     Classes.end());
}

ModeDependenceResult containerDependence(const Expr *Construction) {
  return Analyzer().container(Construction, 0);
}

ModeDependenceResult modeDependenceOf(const ForwardCall &F) {
  if (isContainerClass(F.ModelClass) && F.Model.Chain.size() == 1)
    if (const auto *V = dyn_cast<VarDecl>(F.Model.root()))
      if (const VarDecl *Def = V->getDefinition();
          Def && Def->getInit() && !isa<ParmVarDecl>(Def))
        return containerDependence(Def->getInit());
  return modeDependence(F.ModelClass);
}

bool isParameterFreeLayer(const CXXRecordDecl *ModelClass) {
  if (!ModelClass)
    return false;
  const std::string Name = ModelClass->getQualifiedNameAsString();
  return ops::isParameterFreeLayer({Name.data(), Name.size()});
}

} // namespace clang::tidy::torch_tidy
