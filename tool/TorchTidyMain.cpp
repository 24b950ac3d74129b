// torch-tidy: clang-tidy's library with the torch-* checks, and clang-tidy's
// familiar command line. Options, .clang-tidy files, NOLINT, header filtering
// and fix application all come from clang-tidy's library; this file parses
// the command line, runs the checks (TidyRunner) and maps the outcome to an
// exit status:
//   0  no findings
//   1  findings reported
//   2  usage or configuration error, or an input that could not be parsed
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "TidyRunner.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
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
Do not print statistics about ignored warnings, warnings treated as errors,
or the number of warnings generated.)"),
                    cl::init(false), cl::cat(Category));
cl::opt<bool> SystemHeaders("system-headers", cl::desc(R"(
Display the errors from system headers.)"),
                            cl::init(false), cl::cat(Category));

// Reports a fatal usage problem and returns the usage exit code.
int usageError(const llvm::Twine &Message) {
  llvm::WithColor::error(llvm::errs(), "torch-tidy") << Message << "\n";
  return ExitError;
}

// -p names the build directory that holds compile_commands.json (or
// compile_flags.txt), or that file itself. clang-tidy's library would also
// search the parent directories, skipping a malformed database on the way,
// and else run without flags: a broken build/compile_commands.json would
// silently lint with another database's flags, or none. Both are errors.
std::optional<std::string> checkBuildPath(llvm::StringRef BuildPath) {
  namespace fs = llvm::sys::fs;
  namespace path = llvm::sys::path;
  llvm::SmallString<256> Dir(BuildPath);
  if (!fs::is_directory(Dir)) {
    if (path::filename(Dir) != "compile_commands.json" || !fs::exists(Dir))
      return ("-p '" + BuildPath + "' is not a build directory").str();
    path::remove_filename(Dir);
  }
  llvm::SmallString<256> Json(Dir);
  path::append(Json, "compile_commands.json");
  if (fs::exists(Json)) {
    std::string Error;
    if (!tooling::JSONCompilationDatabase::loadFromFile(
            Json, Error, tooling::JSONCommandLineSyntax::AutoDetect))
      return ("cannot load '" + Json + "': " + Error).str();
    return std::nullopt;
  }
  llvm::SmallString<256> Flags(Dir);
  path::append(Flags, "compile_flags.txt");
  if (fs::exists(Flags)) return std::nullopt;
  return ("no compile_commands.json or compile_flags.txt in -p '" +
          BuildPath + "'").str();
}

// Set when a .clang-tidy file does not parse. clang-tidy's library reports
// it and lints on without that file, i.e. with another configuration than
// the project's (its WarningsAsErrors, its Checks); here that is a
// configuration error.
bool BadConfigFile = false;

// An options provider whose .clang-tidy parser records failures in
// BadConfigFile. (FileOptionsProvider's constructor that takes handlers
// leaves its file system unset, so the handlers are wrapped instead.)
template <typename Provider>
class RecordingProvider : public Provider {
public:
  template <typename... Args>
  explicit RecordingProvider(Args &&...A) : Provider(std::forward<Args>(A)...) {
    for (auto &Handler : this->ConfigHandlers)
      Handler.second = [Parse = std::move(Handler.second)](
                           llvm::MemoryBufferRef Text) {
        llvm::ErrorOr<ClangTidyOptions> Parsed = Parse(Text);
        if (!Parsed) BadConfigFile = true;
        return Parsed;
      };
  }
};

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
    return std::make_unique<RecordingProvider<ConfigOptionsProvider>>(
        std::move(GlobalOptions), std::move(DefaultOptions),
        std::move(*Parsed), std::move(Overrides), FS);
  }
  return std::make_unique<RecordingProvider<FileOptionsProvider>>(
      std::move(GlobalOptions), std::move(DefaultOptions),
      std::move(Overrides), FS);
}

}  // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM X(argc, argv);
  (void)TorchTidyModuleAnchorSource;

  // Compiler arguments after `--` replace any compilation database (and -p).
  const bool HasCompilerArgs =
      std::any_of(argv, argv + argc,
                  [](const char *A) { return llvm::StringRef(A) == "--"; });
  auto Parser = tooling::CommonOptionsParser::create(
      argc, argv, Category, cl::ZeroOrMore,
      "torch-tidy: finds LibTorch inference and autograd hazards.\n");
  if (!Parser) {
    llvm::WithColor::error(llvm::errs(), "torch-tidy")
        << llvm::toString(Parser.takeError()) << "\n";
    return ExitError;
  }

  // -p is CommonOptionsParser's own cl::opt<std::string>, found by name;
  // compiler arguments after `--` make it unused.
  if (!HasCompilerArgs && !ListChecks)
    if (cl::Option *P = cl::getRegisteredOptions().lookup("p"))
      if (const std::string &BuildPath =
              *static_cast<cl::opt<std::string> *>(P);
          !BuildPath.empty())
        if (std::optional<std::string> Problem = checkBuildPath(BuildPath))
          return usageError(*Problem);

  auto BaseFS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  auto Provider = createOptionsProvider(BaseFS);
  if (!Provider) return usageError(llvm::toString(Provider.takeError()));

  const std::vector<std::string> &Files = Parser->getSourcePathList();
  // Reads every input's .clang-tidy files now (they are cached for the run),
  // so that a broken one stops the run before anything is linted.
  for (const std::string &File : Files) (void)(*Provider)->getOptions(File);
  if (Files.empty()) (void)(*Provider)->getOptions("dummy.cpp");
  if (BadConfigFile)
    return usageError("invalid .clang-tidy configuration (see above)");
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
      Context, Parser->getCompilations(), Files, BaseFS, ApplyFixes, Quiet);

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
    // As clang-tidy: MainSourceFile is absolute, like the paths it lists.
    llvm::SmallString<256> MainFile(Files.front());
    llvm::sys::fs::make_absolute(MainFile);
    exportReplacements(MainFile, Run.Errors, OS);
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
      // clang-tidy's hint, word for word (the plugin prints the same).
      if (Stats.ErrorsIgnoredNonUserCode)
        llvm::errs() << "Use -header-filter=.* to display errors from all "
                        "non-system headers. Use -system-headers to display "
                        "errors from system headers as well.\n";
    }
    if (DisableFixes && ApplyFixes)
      llvm::errs() << "Found compiler errors, but -fix-errors was not "
                      "specified.\nFixes have NOT been applied.\n\n";
  }

  if (FoundCompilerErrors) {
    // ClangTool's 2: a file was skipped ("Compile command not found"), no
    // compiler ran on it, so there are no compiler errors to point at.
    if (Run.ToolStatus == 2)
      llvm::errs() << "torch-tidy: no compile command for an input file; "
                      "see above\n";
    else
      llvm::errs() << "torch-tidy: the input could not be parsed; see the "
                      "compiler errors above\n";
    return ExitError;
  }
  // --quiet drops this count too, as in clang-tidy.
  if (WarningsAsErrorsCount > 0 && !Quiet) {
    llvm::errs() << WarningsAsErrorsCount << " warning"
                 << (WarningsAsErrorsCount == 1 ? " was" : "s were")
                 << " treated as error" << (WarningsAsErrorsCount == 1 ? "" : "s")
                 << "\n";
  }
  return Findings > 0 ? ExitFindings : ExitClean;
}
