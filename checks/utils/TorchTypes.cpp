#include "TorchTypes.h"
#include "AnalysisLimits.h"

#include "clang/AST/DeclTemplate.h"

namespace clang::tidy::torch_tidy {

bool nameIs(const NamedDecl *D, std::initializer_list<llvm::StringRef> Names) {
  if (!D)
    return false;
  const std::string Q = D->getQualifiedNameAsString();
  for (llvm::StringRef N : Names)
    if (Q == N)
      return true;
  return false;
}

namespace {

// Visits RD and its bases (depth first) until `Pred` is true.
template <typename Pred>
bool anyBase(const CXXRecordDecl *RD, Pred P, int Depth = 0) {
  if (!RD || Depth > limits::MaxBaseClassDepth)
    return false;
  if (P(RD))
    return true;
  if (!RD->hasDefinition())
    return false;
  for (const CXXBaseSpecifier &B : RD->getDefinition()->bases())
    if (anyBase(B.getType()->getAsCXXRecordDecl(), P, Depth + 1))
      return true;
  return false;
}

} // namespace

std::string qualifiedRecordName(QualType T) {
  if (T.isNull())
    return {};
  const CXXRecordDecl *RD = T.getCanonicalType()->getAsCXXRecordDecl();
  return RD ? RD->getQualifiedNameAsString() : std::string();
}

GuardKind guardKindOf(const CXXRecordDecl *RD) {
  GuardKind K = GuardKind::None;
  anyBase(RD, [&](const CXXRecordDecl *R) {
    // NoGradGuard derives from AutoGradMode: test it first.
    if (nameIs(R, {"c10::NoGradGuard", "at::NoGradGuard", "torch::NoGradGuard",
                   "torch::autograd::NoGradGuard"}))
      K = GuardKind::NoGrad;
    else if (nameIs(R, {"c10::AutoGradMode", "at::AutoGradMode",
                        "torch::autograd::AutoGradMode"}))
      K = GuardKind::AutoGradMode;
    else if (nameIs(R, {"c10::InferenceMode", "torch::InferenceMode"}))
      K = GuardKind::InferenceMode;
    return K != GuardKind::None;
  });
  return K;
}

GuardKind guardKindOf(QualType T) {
  if (T.isNull())
    return GuardKind::None;
  return guardKindOf(T.getCanonicalType()->getAsCXXRecordDecl());
}

bool isTensorType(QualType T) {
  if (T.isNull())
    return false;
  const std::string N = qualifiedRecordName(T.getNonReferenceType());
  return N == "at::Tensor" || N == "at::TensorBase";
}

bool isNNModuleClass(const CXXRecordDecl *RD) {
  return anyBase(RD, [](const CXXRecordDecl *R) {
    return nameIs(R, {"torch::nn::Module"});
  });
}

bool isScriptModuleClass(const CXXRecordDecl *RD) {
  return anyBase(RD, [](const CXXRecordDecl *R) {
    return nameIs(R, {"torch::jit::Module", "torch::jit::script::Module",
                      "torch::jit::api::Module"});
  });
}

bool isAnyModuleClass(const CXXRecordDecl *RD) {
  return nameIs(RD, {"torch::nn::AnyModule"});
}

const CXXRecordDecl *moduleHolderImpl(const CXXRecordDecl *RD) {
  const CXXRecordDecl *Impl = nullptr;
  anyBase(RD, [&](const CXXRecordDecl *R) {
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(R);
    if (!Spec || !nameIs(Spec, {"torch::nn::ModuleHolder"}))
      return false;
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() < 1 || Args[0].getKind() != TemplateArgument::Type)
      return false;
    Impl = Args[0].getAsType()->getAsCXXRecordDecl();
    return true;
  });
  return Impl;
}

const CXXRecordDecl *modelClassOf(QualType T) {
  if (T.isNull())
    return nullptr;
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isPointerType())
    T = T->getPointeeType().getCanonicalType();
  const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
  if (!RD)
    return nullptr;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD)) {
    if (nameIs(Spec, {"std::shared_ptr", "std::unique_ptr"})) {
      const TemplateArgumentList &Args = Spec->getTemplateArgs();
      if (Args.size() >= 1 && Args[0].getKind() == TemplateArgument::Type)
        return modelClassOf(Args[0].getAsType());
      return nullptr;
    }
  }
  if (const CXXRecordDecl *Impl = moduleHolderImpl(RD))
    return Impl;
  if (isNNModuleClass(RD) || isScriptModuleClass(RD) || isAnyModuleClass(RD))
    return RD;
  return nullptr;
}

} // namespace clang::tidy::torch_tidy
