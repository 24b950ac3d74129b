#include "TidyRunner.h"

#include "UserCodeScope.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"

namespace clang::tidy::torch_tidy {

namespace {

class TidyAction : public ASTFrontendAction {
public:
  TidyAction(ClangTidyContext &Context, ClangTidyASTConsumerFactory &Factory,
             std::set<llvm::sys::fs::UniqueID> &SystemFiles)
      : Context(Context), Factory(Factory), SystemFiles(SystemFiles) {}

  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 StringRef File) override {
    std::vector<std::unique_ptr<ASTConsumer>> Consumers;
    // Order matters: the scope is narrowed before the matchers run. With
    // --system-headers (SystemHeaders: true) the findings in system headers
    // are wanted, so their declarations must be walked too.
    if (!Context.getOptionsForFile(File).SystemHeaders.value_or(false))
      Consumers.push_back(createUserCodeScopeConsumer());
    Consumers.push_back(Factory.createASTConsumer(CI, File));
    return std::make_unique<MultiplexConsumer>(std::move(Consumers));
  }

  // A file counts as a system header when every inclusion of it is one.
  void EndSourceFileAction() override {
    std::set<llvm::sys::fs::UniqueID> User;
    visitParsedFiles(getCompilerInstance().getSourceManager(),
                     [&](FileEntryRef File, bool System) {
                       (System ? SystemFiles : User).insert(File.getUniqueID());
                     });
    for (const llvm::sys::fs::UniqueID &ID : User)
      SystemFiles.erase(ID);
  }

private:
  ClangTidyContext &Context;
  ClangTidyASTConsumerFactory &Factory;
  std::set<llvm::sys::fs::UniqueID> &SystemFiles;
};

class TidyActionFactory : public tooling::FrontendActionFactory {
public:
  TidyActionFactory(ClangTidyContext &Context,
                    IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                    bool Quiet, llvm::raw_ostream &Log,
                    std::set<llvm::sys::fs::UniqueID> &SystemFiles)
      : Context(Context), Factory(Context, std::move(FS)), Quiet(Quiet),
        Log(Log), SystemFiles(SystemFiles) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<TidyAction>(Context, Factory, SystemFiles);
  }

  // As clang-tidy's runClangTidy: code may test __clang_analyzer__ to hide
  // itself from (or show itself to) analysis tools, so it must be defined
  // here too or the CLI and the plugin would see different code. --quiet
  // also drops the frontend's "N warnings generated." line. The body is
  // FrontendActionFactory::runInvocation's, plus the verbose stream: that
  // line goes to the log, not straight to stderr.
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    if (Quiet)
      Invocation->getDiagnosticOpts().ShowCarets = false;
    CompilerInstance Compiler(std::move(PCHContainerOps));
    Compiler.setInvocation(std::move(Invocation));
    Compiler.setFileManager(Files);
    Compiler.setVerboseOutputStream(Log);
    Compiler.createDiagnostics(DiagConsumer, /*ShouldOwnClient=*/false);
    Compiler.createSourceManager(*Files);
    // Declared after Compiler: the action may refer to it until destroyed.
    std::unique_ptr<FrontendAction> Action(create());
    const bool Success = Compiler.ExecuteAction(*Action);
    Files->clearStatCache();
    return Success;
  }

private:
  ClangTidyContext &Context;
  ClangTidyASTConsumerFactory Factory;
  bool Quiet;
  llvm::raw_ostream &Log;
  std::set<llvm::sys::fs::UniqueID> &SystemFiles;
};

} // namespace

void visitParsedFiles(
    const SourceManager &SM,
    llvm::function_ref<void(FileEntryRef File, bool System)> Visit) {
  for (unsigned I = 0, N = SM.local_sloc_entry_size(); I < N; ++I) {
    const SrcMgr::SLocEntry &Entry = SM.getLocalSLocEntry(I);
    if (!Entry.isFile())
      continue;
    const SrcMgr::FileInfo &Info = Entry.getFile();
    if (OptionalFileEntryRef File = Info.getContentCache().OrigEntry)
      Visit(*File, SrcMgr::isSystem(Info.getFileCharacteristic()));
  }
}

tooling::CommandLineArguments
tidyArguments(const tooling::CommandLineArguments &Args, StringRef File,
              const ClangTidyOptions &Opts) {
  // ExtraArgs/ExtraArgsBefore from --config or a .clang-tidy file, per file,
  // as clang-tidy applies them (--extra-arg is CommonOptionsParser's job).
  tooling::CommandLineArguments Adjusted = Args;
  if (Opts.ExtraArgsBefore) {
    auto I = Adjusted.begin();
    // Skip the compiler's name, if there is one.
    if (I != Adjusted.end() && !StringRef(*I).starts_with("-"))
      ++I;
    Adjusted.insert(I, Opts.ExtraArgsBefore->begin(),
                    Opts.ExtraArgsBefore->end());
  }
  if (Opts.ExtraArgs)
    Adjusted.insert(Adjusted.end(), Opts.ExtraArgs->begin(),
                    Opts.ExtraArgs->end());
  // A build's compile command may load compiler plugins; they are not ours.
  for (const tooling::ArgumentsAdjuster &Adjust :
       {tooling::getStripPluginsAdjuster(),
        tooling::getClangSyntaxOnlyAdjuster(),
        tooling::getClangStripOutputAdjuster(),
        tooling::getClangStripDependencyFileAdjuster()})
    Adjusted = Adjust(Adjusted, File);
  return Adjusted;
}

TidyRunResult runTidy(ClangTidyContext &Context,
                      const tooling::CompilationDatabase &Compilations,
                      llvm::StringRef File,
                      IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS,
                      bool ApplyAnyFix, bool Quiet, llvm::raw_ostream &Log,
                      llvm::StringRef Pch) {
  tooling::ClangTool Tool(Compilations, {File.str()},
                          std::make_shared<PCHContainerOperations>(), FS);
  // ClangTool would print it on stderr; it goes to the log instead.
  Tool.setPrintErrorMessage(false);
  Tool.appendArgumentsAdjuster(
      [&Context, Pch](const tooling::CommandLineArguments &Args,
                      StringRef Filename) {
        tooling::CommandLineArguments Adjusted =
            tidyArguments(Args, Filename, Context.getOptionsForFile(Filename));
        if (!Pch.empty())
          Adjusted.insert(Adjusted.end(), {"-include-pch", Pch.str()});
        return Adjusted;
      });

  ClangTidyDiagnosticConsumer DiagConsumer(Context,
                                           /*ExternalDiagEngine=*/nullptr,
                                           /*RemoveIncompatibleErrors=*/true,
                                           /*GetFixesFromNotes=*/ApplyAnyFix);
  DiagnosticsEngine DE(new DiagnosticIDs(), new DiagnosticOptions(),
                       &DiagConsumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&DE);
  Tool.setDiagnosticConsumer(&DiagConsumer);

  TidyRunResult Result;
  TidyActionFactory ActionFactory(Context, FS, Quiet, Log, Result.SystemFiles);
  Result.ToolStatus = Tool.run(&ActionFactory);
  if (Result.ToolStatus == 1)
    Log << "Error while processing " << File << ".\n";
  Result.Errors = DiagConsumer.take();
  return Result;
}

} // namespace clang::tidy::torch_tidy
