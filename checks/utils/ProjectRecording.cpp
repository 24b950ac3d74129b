#include "ProjectRecording.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"

namespace clang::tidy::torch_tidy::project {

std::optional<std::string> usrOf(const FunctionDecl *F) {
  if (!F)
    return std::nullopt;
  if (const auto *M = dyn_cast<CXXMethodDecl>(F);
      M && M->getParent()->isLambda())
    return std::nullopt;
  if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
    F = Pattern;
  llvm::SmallString<128> USR;
  if (index::generateUSRForDecl(F, USR))
    return std::nullopt;
  return std::string(USR);
}

std::optional<std::string> usrOf(const CXXRecordDecl *RD) {
  if (!RD)
    return std::nullopt;
  if (const CXXRecordDecl *Pattern = RD->getTemplateInstantiationPattern())
    RD = Pattern;
  llvm::SmallString<128> USR;
  if (index::generateUSRForDecl(RD, USR))
    return std::nullopt;
  return std::string(USR);
}

std::optional<SourcePoint> pointOf(ASTContext &Ctx, SourceLocation Loc) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (Loc.isInvalid())
    return std::nullopt;
  Loc = SM.getFileLoc(Loc);
  llvm::SmallString<256> Path(SM.getFilename(Loc));
  if (Path.empty())
    return std::nullopt;
  SM.getFileManager().makeAbsolutePath(Path);
  return SourcePoint{std::string(Path), SM.getFileOffset(Loc)};
}

CallGuard callGuardOf(GradState State) {
  switch (State) {
  case GradState::Enabled:
    return CallGuard::None;
  case GradState::Disabled:
    return CallGuard::Disabled;
  case GradState::Unknown:
    return CallGuard::Unknown;
  }
  llvm_unreachable("every grad state is handled");
}

ResultUse resultUseOf(const ValueUses &Uses) {
  return Uses.TrainingUse ? ResultUse::Trains
         : Uses.Returned  ? ResultUse::Returned
         : Uses.Escapes   ? ResultUse::Escapes
                          : ResultUse::Inspected;
}

std::optional<std::vector<HelperParam>> unseenHelpersOf(const ValueUses &Uses) {
  std::vector<HelperParam> Helpers;
  for (const auto &[Helper, Index] : Uses.Unseen) {
    std::optional<std::string> USR = usrOf(Helper);
    if (!USR)
      return std::nullopt;
    Helpers.push_back({std::move(*USR), Index});
  }
  return Helpers;
}

} // namespace clang::tidy::torch_tidy::project
