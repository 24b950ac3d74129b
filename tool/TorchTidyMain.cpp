// torch-tidy: clang-tidy's library with the torch-* checks, and clang-tidy's
// familiar command line. Options, .clang-tidy files, NOLINT, header filtering
// and fix application all come from clang-tidy's library; this file parses
// the command line, runs the checks (TidyRunner) and maps the outcome to an
// exit status:
//   0  no findings
//   1  findings reported
//   2  usage or configuration error, or an input that could not be parsed
#include <string>
#include <vector>

#include "TidyRunner.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/WithColor.h"

using namespace clang;
using namespace clang::tidy;
namespace cl = llvm::cl;

namespace clang::tidy {
extern volatile int TorchTidyModuleAnchorSource;
}

namespace {

enum ExitCode { ExitClean = 0, ExitFindings = 1, ExitError = 2 };

// Enabled when neither --checks nor a configuration names checks.
constexpr llvm::StringLiteral DefaultChecks = "-*,torch-*";

cl::OptionCategory Category("torch-tidy options");

cl::opt<std::string> Checks("checks", cl::desc(R"(
Comma-separated list of globs with optional '-' prefix, as clang-tidy's
--checks. Default: -*,torch-*.)"),
                            cl::init(""), cl::cat(Category));
cl::opt<std::string> WarningsAsErrors("warnings-as-errors", cl::desc(R"(
Upgrades warnings of the matching checks to errors.)"),
                                      cl::init(""), cl::cat(Category));
cl::opt<std::string> HeaderFilter("header-filter", cl::desc(R"(
Regular expression matching the headers whose diagnostics are shown
(diagnostics from the main file are always shown).)"),
                                  cl::init(""), cl::cat(Category));
cl::opt<bool> Fix("fix", cl::desc("Apply suggested fixes."), cl::init(false),
                  cl::cat(Category));
cl::opt<bool> FixErrors("fix-errors", cl::desc(R"(
Apply suggested fixes even if compilation errors were found.)"),
                        cl::init(false), cl::cat(Category));
cl::opt<std::string> ExportFixes("export-fixes", cl::desc(R"(
YAML file to store suggested fixes in.)"),
                                 cl::value_desc("filename"), cl::cat(Category));
cl::opt<std::string> Config("config", cl::desc(R"(
Configuration in YAML/JSON format, as clang-tidy's --config.)"),
                            cl::init(""), cl::cat(Category));
cl::opt<std::string> ConfigFile("config-file", cl::desc(R"(
A file holding the configuration, as clang-tidy's --config-file.)"),
                                cl::init(""), cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc(R"(
List the enabled checks and exit.)"),
                         cl::init(false), cl::cat(Category));
cl::opt<bool> Quiet("quiet", cl::desc(R"(
Do not print statistics about ignored warnings.)"),
                    cl::init(false), cl::cat(Category));
cl::opt<bool> SystemHeaders("system-headers", cl::desc(R"(
Display the errors from system headers.)"),
                            cl::init(false), cl::cat(Category));

// Reports a fatal usage problem and returns the usage exit code.
int usageError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "torch-tidy") << Message << "\n";
  return ExitError;
}

llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>>
createOptionsProvider(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  ClangTidyGlobalOptions GlobalOptions;
  ClangTidyOptions DefaultOptions = ClangTidyOptions::getDefaults();
  DefaultOptions.Checks = DefaultChecks.str();
  DefaultOptions.HeaderFilterRegex = HeaderFilter;
  DefaultOptions.SystemHeaders = SystemHeaders;
  DefaultOptions.User = llvm::sys::Process::GetEnv("USER");

  ClangTidyOptions Overrides;
  if (Checks.getNumOccurrences() > 0) Overrides.Checks = Checks;
  if (WarningsAsErrors.getNumOccurrences() > 0)
    Overrides.WarningsAsErrors = WarningsAsErrors;
  if (HeaderFilter.getNumOccurrences() > 0)
    Overrides.HeaderFilterRegex = HeaderFilter;
  if (SystemHeaders.getNumOccurrences() > 0)
    Overrides.SystemHeaders = SystemHeaders;

  if (Config.getNumOccurrences() > 0 && ConfigFile.getNumOccurrences() > 0)
    return llvm::createStringError("--config and --config-file are mutually "
                                   "exclusive");
  std::string ConfigText = Config;
  std::string ConfigSource = "--config";
  if (ConfigFile.getNumOccurrences() > 0) {
    auto Buffer = llvm::MemoryBuffer::getFile(ConfigFile);
    if (!Buffer)
      return llvm::createStringError("cannot read --config-file '" +
                                     ConfigFile + "': " +
                                     Buffer.getError().message());
    ConfigText = (*Buffer)->getBuffer().str();
    ConfigSource = ConfigFile;
  }
  if (!ConfigText.empty() || Config.getNumOccurrences() > 0 ||
      ConfigFile.getNumOccurrences() > 0) {
    auto Parsed = parseConfiguration(
        llvm::MemoryBufferRef(ConfigText, ConfigSource));
    if (!Parsed)
      return llvm::createStringError("invalid configuration in " +
                                     ConfigSource + ": " +
                                     Parsed.getError().message());
    return std::make_unique<ConfigOptionsProvider>(
        std::move(GlobalOptions), std::move(DefaultOptions),
        std::move(*Parsed), std::move(Overrides), FS);
  }
  return std::make_unique<FileOptionsProvider>(
      std::move(GlobalOptions), std::move(DefaultOptions),
      std::move(Overrides), FS);
}

}  // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM X(argc, argv);
  (void)TorchTidyModuleAnchorSource;

  auto Parser = tooling::CommonOptionsParser::create(
      argc, argv, Category, cl::ZeroOrMore,
      "torch-tidy: finds LibTorch inference and autograd hazards.\n");
  if (!Parser) {
    llvm::WithColor::error(llvm::errs(), "torch-tidy")
        << llvm::toString(Parser.takeError()) << "\n";
    return ExitError;
  }

  auto BaseFS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  auto Provider = createOptionsProvider(BaseFS);
  if (!Provider) return usageError(llvm::toString(Provider.takeError()));

  const std::vector<std::string> &Files = Parser->getSourcePathList();
  if (ListChecks) {
    const std::string File = Files.empty() ? "dummy.cpp" : Files.front();
    const ClangTidyOptions Effective = (*Provider)->getOptions(File);
    std::vector<std::string> Names = getCheckNames(Effective, false);
    llvm::outs() << "Enabled checks:";
    for (const std::string &N : Names) llvm::outs() << "\n    " << N;
    llvm::outs() << "\n\n";
    return ExitClean;
  }
  if (Files.empty()) return usageError("no input files");

  ClangTidyContext Context(std::move(*Provider));
  // Every enabled check must exist: a typo in --checks is a usage error.
  if (getCheckNames(Context.getOptions(), false).empty())
    return usageError("no checks enabled (see --checks and --list-checks)");

  const bool ApplyFixes = Fix || FixErrors;
  torch_tidy::TidyRunResult Run = torch_tidy::runTidy(
      Context, Parser->getCompilations(), Files, BaseFS, ApplyFixes);

  bool FoundCompilerErrors = Run.ToolStatus != 0;
  unsigned Findings = 0;
  for (const ClangTidyError &E : Run.Errors) {
    if (E.DiagLevel == ClangTidyError::Error &&
        StringRef(E.DiagnosticName).starts_with("clang-diagnostic-"))
      FoundCompilerErrors = true;
    else
      ++Findings;
  }
  const bool DisableFixes = FoundCompilerErrors && !FixErrors;
  unsigned WarningsAsErrorsCount = 0;
  handleErrors(Run.Errors, Context,
               ApplyFixes && !DisableFixes ? FB_Fix : FB_NoFix,
               WarningsAsErrorsCount, BaseFS);

  if (!ExportFixes.empty() && !Run.Errors.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(ExportFixes, EC, llvm::sys::fs::OF_None);
    if (EC) return usageError("cannot write --export-fixes file '" +
                              ExportFixes + "': " + EC.message());
    exportReplacements(Files.front(), Run.Errors, OS);
  }

  if (!Quiet) {
    const ClangTidyStats &Stats = Context.getStats();
    if (Stats.errorsIgnored()) {
      llvm::errs() << "Suppressed " << Stats.errorsIgnored() << " warnings (";
      llvm::StringRef Sep;
      auto Part = [&](unsigned N, llvm::StringRef What) {
        if (!N) return;
        llvm::errs() << Sep << N << " " << What;
        Sep = ", ";
      };
      Part(Stats.ErrorsIgnoredNonUserCode, "in non-user code");
      Part(Stats.ErrorsIgnoredLineFilter, "due to line filter");
      Part(Stats.ErrorsIgnoredNOLINT, "NOLINT");
      Part(Stats.ErrorsIgnoredCheckFilter, "with check filters");
      llvm::errs() << ").\n";
    }
    if (DisableFixes && ApplyFixes)
      llvm::errs() << "Found compiler errors, but -fix-errors was not "
                      "specified.\nFixes have NOT been applied.\n\n";
  }

  if (FoundCompilerErrors) {
    llvm::errs() << "torch-tidy: the input could not be parsed; see the "
                    "compiler errors above\n";
    return ExitError;
  }
  if (WarningsAsErrorsCount > 0) {
    llvm::errs() << WarningsAsErrorsCount << " warning"
                 << (WarningsAsErrorsCount == 1 ? " was" : "s were")
                 << " treated as error" << (WarningsAsErrorsCount == 1 ? "" : "s")
                 << "\n";
  }
  return Findings > 0 ? ExitFindings : ExitClean;
}
