#include "UserCodeScope.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::torch_tidy {

namespace {

class UserCodeScopeConsumer : public ASTConsumer {
public:
  void HandleTranslationUnit(ASTContext &Ctx) override {
    const SourceManager &SM = Ctx.getSourceManager();
    std::vector<Decl *> Scope;
    // The declarations of this translation unit only: those of a shared
    // preamble (SharedPreamble.h) are all in system headers, and loading
    // them from the precompiled header would cost most of what it saves.
    for (Decl *D : Ctx.getTranslationUnitDecl()->noload_decls()) {
      const SourceLocation Loc = SM.getExpansionLoc(D->getLocation());
      // Implicit declarations (no location) carry no user code.
      if (Loc.isInvalid() || SM.isInSystemHeader(Loc))
        continue;
      Scope.push_back(D);
    }
    Ctx.setTraversalScope(Scope);
  }
};

} // namespace

std::unique_ptr<ASTConsumer> createUserCodeScopeConsumer() {
  return std::make_unique<UserCodeScopeConsumer>();
}

} // namespace clang::tidy::torch_tidy
