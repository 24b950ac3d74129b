#include "TidyRunner.h"

#include "UserCodeScope.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"

namespace clang::tidy::torch_tidy {

namespace {

class TidyAction : public ASTFrontendAction {
public:
  explicit TidyAction(ClangTidyASTConsumerFactory &Factory) : Factory(Factory) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef File) override {
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    // Order matters: the scope is narrowed before the matchers run.
    Consumers.push_back(createUserCodeScopeConsumer());
    Consumers.push_back(Factory.createASTConsumer(CI, File));
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

private:
  ClangTidyASTConsumerFactory &Factory;
};

class TidyActionFactory : public tooling::FrontendActionFactory {
public:
  TidyActionFactory(ClangTidyContext &Context,
                    IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS)
      : Factory(Context, std::move(FS)) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<TidyAction>(Factory);
  }

private:
  ClangTidyASTConsumerFactory Factory;
};

}  // namespace

TidyRunResult runTidy(ClangTidyContext &Context,
                      const tooling::CompilationDatabase &Compilations,
                      llvm::ArrayRef<std::string> Files,
                      IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                      bool ApplyAnyFix) {
  tooling::ClangTool Tool(Compilations, Files,
                          std::make_shared<PCHContainerOperations>(), FS);
  Tool.appendArgumentsAdjuster(tooling::getClangSyntaxOnlyAdjuster());
  Tool.appendArgumentsAdjuster(tooling::getClangStripOutputAdjuster());
  Tool.appendArgumentsAdjuster(tooling::getClangStripDependencyFileAdjuster());

  ClangTidyDiagnosticConsumer DiagConsumer(Context, /*ExternalDiagEngine=*/nullptr,
                                           /*RemoveIncompatibleErrors=*/true,
                                           /*GetFixesFromNotes=*/ApplyAnyFix);
  DiagnosticsEngine DE(new DiagnosticIDs(), new DiagnosticOptions(),
                       &DiagConsumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&DE);
  Tool.setDiagnosticConsumer(&DiagConsumer);

  TidyActionFactory ActionFactory(Context, FS);
  TidyRunResult Result;
  Result.ToolStatus = Tool.run(&ActionFactory);
  Result.Errors = DiagConsumer.take();
  return Result;
}

}  // namespace clang::tidy::torch_tidy
