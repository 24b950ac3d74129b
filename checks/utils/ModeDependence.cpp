#include "ModeDependence.h"

#include "TorchTypes.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::torch_tidy {

namespace {

bool isModeDependentLayer(llvm::StringRef Name) {
  return Name == "torch::nn::DropoutImpl" || Name == "torch::nn::Dropout2dImpl" ||
         Name == "torch::nn::Dropout3dImpl" || Name == "torch::nn::AlphaDropoutImpl" ||
         Name == "torch::nn::FeatureAlphaDropoutImpl" ||
         Name == "torch::nn::BatchNorm1dImpl" || Name == "torch::nn::BatchNorm2dImpl" ||
         Name == "torch::nn::BatchNorm3dImpl";
}

// Containers whose contents are only known at run time.
bool isOpaqueContainer(llvm::StringRef Name) {
  return Name == "torch::nn::SequentialImpl" || Name == "torch::nn::ModuleListImpl" ||
         Name == "torch::nn::ModuleDictImpl" || Name == "torch::nn::AnyModule" ||
         Name == "torch::nn::Module" || Name == "torch::jit::Module";
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

class Analyzer {
public:
  ModeDependenceResult run(const CXXRecordDecl *RD, int Depth) {
    ModeDependenceResult R;
    if (!RD) return R;  // Unknown
    const std::string Name = RD->getQualifiedNameAsString();
    if (isModeDependentLayer(Name)) {
      R.Kind = ModeDependence::Dependent;
      R.Layer = Name;
      return R;
    }
    if (isOpaqueContainer(Name) || isScriptModuleClass(RD)) return R;
    if (llvm::StringRef(Name).starts_with("torch::nn::")) {
      // Any other LibTorch layer (Linear, Conv2d, ReLU, LSTM with its
      // default dropout of 0, ...).
      R.Kind = ModeDependence::Independent;
      return R;
    }
    if (!RD->hasDefinition() || Depth > 12) return R;
    RD = RD->getDefinition();
    if (!Visited.insert(RD).second) {
      R.Kind = ModeDependence::Independent;  // already being analysed
      return R;
    }
    bool SawUnknown = false;
    auto Consider = [&](QualType T, const NamedDecl *Where) {
      const CXXRecordDecl *Sub = submoduleClass(T);
      if (!Sub) return false;
      ModeDependenceResult Inner = run(Sub, Depth + 1);
      if (Inner.Kind == ModeDependence::Dependent) {
        // Report the outermost member: the one the user sees in this class.
        R.Kind = ModeDependence::Dependent;
        R.Where = Where;
        R.Layer = Inner.Layer;
        return true;
      }
      if (Inner.Kind == ModeDependence::Unknown) SawUnknown = true;
      return false;
    };
    for (const FieldDecl *F : RD->fields())
      if (Consider(F->getType(), F)) return R;
    for (const CXXConstructorDecl *Ctor : RD->ctors()) {
      if (!Ctor->hasBody()) continue;
      RegisterModuleFinder Finder;
      Finder.TraverseStmt(Ctor->getBody());
      for (const auto &[Call, T] : Finder.Registered)
        if (Consider(T, Ctor)) return R;
    }
    for (const CXXBaseSpecifier &B : RD->bases()) {
      const CXXRecordDecl *Base = B.getType()->getAsCXXRecordDecl();
      const std::string BaseName = Base ? Base->getQualifiedNameAsString() : "";
      // The library's own bases carry no layers.
      if (BaseName == "torch::nn::Module" || BaseName == "torch::nn::Cloneable")
        continue;
      ModeDependenceResult Inner = run(Base, Depth + 1);
      if (Inner.Kind == ModeDependence::Dependent) return Inner;
      if (Inner.Kind == ModeDependence::Unknown) SawUnknown = true;
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

}  // namespace

ModeDependenceResult modeDependence(const CXXRecordDecl *ModelClass) {
  return Analyzer().run(ModelClass, 0);
}

}  // namespace clang::tidy::torch_tidy
