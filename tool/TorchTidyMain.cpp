// torch-tidy: clang-tidy's library with the torch-* checks, and clang-tidy's
// familiar command line. Options, .clang-tidy files, NOLINT, header filtering
// and fix application all come from clang-tidy's library; this file parses
// the command line, picks the files (ParallelRun runs the checks on them),
// writes the findings as text or SARIF (SarifOutput) and maps the outcome to
// an exit status:
//   0  no findings
//   1  findings reported
//   2  usage or configuration error, or an input that could not be parsed
#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include <unistd.h>

#include "AtomicOutput.h"
#include "ChangedLines.h"
#include "CheckDocs.h"
#include "ConfigCompat.h"
#include "ConfigLimits.h"
#include "DiagnosticSources.h"
#include "Fingerprints.h"
#include "FixApplication.h"
#include "InputFile.h"
#include "ParallelRun.h"
#include "SarifOutput.h"
#include "Shards.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Basic/Version.h"
#include "clang/Driver/Types.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/WithColor.h"

using namespace clang;
using namespace clang::tidy;
using namespace clang::tidy::torch_tidy;
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
cl::opt<bool> FixReadOnly("fix-read-only", cl::desc(R"(
With --fix: also fix files without write permission (they keep their
mode). By default they are left unchanged and the run exits 2.)"),
                          cl::init(false), cl::cat(Category));
// For tests: a shell command run once the files are parsed and before the
// fixes are written (to change a file in between).
cl::opt<std::string> RunBeforeFix("run-before-fix", cl::Hidden, cl::init(""),
                                  cl::cat(Category));
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
cl::opt<bool> ExitZero("exit-zero", cl::desc(R"(
Exit with status 0 when findings are the only problem (warn-only builds,
e.g. CMAKE_CXX_CLANG_TIDY in developer builds); the findings are still
printed. An input that could not be parsed and usage errors still exit 2.)"),
                       cl::init(false), cl::cat(Category));
cl::opt<bool> Verbose("verbose", cl::desc(R"(
Also print clang-tidy's statistics of what was not reported: the lines
"Suppressed N warnings" (in headers outside --header-filter, NOLINT, check
filters) and the hint about --header-filter.)"),
                      cl::init(false), cl::cat(Category));
cl::opt<bool> SystemHeaders("system-headers", cl::desc(R"(
Display the errors from system headers.)"),
                            cl::init(false), cl::cat(Category));

enum class OutputFormat { Text, Sarif };
cl::opt<OutputFormat> Format(
    "output-format", cl::desc("How findings are written (default: text)."),
    cl::values(clEnumValN(OutputFormat::Text, "text",
                          "clang-tidy's text diagnostics on stdout"),
               clEnumValN(OutputFormat::Sarif, "sarif",
                          "a SARIF 2.1.0 log, on stdout or --output-file")),
    cl::init(OutputFormat::Text), cl::cat(Category));
cl::opt<std::string> OutputFile("output-file", cl::desc(R"(
Where --output-format=sarif writes the log (default: stdout, which then holds
nothing else; with a file, the text diagnostics still go to stdout).)"),
                                cl::value_desc("path"), cl::cat(Category));
cl::opt<std::string> ProjectRoot("project-root", cl::desc(R"(
The directory that SARIF locations are relative to (uriBaseId %SRCROOT%).
Default: the current directory.)"),
                                 cl::value_desc("dir"), cl::cat(Category));
cl::opt<std::string> FilesRegex("files", cl::desc(R"(
Lint only the files whose absolute path matches this regular expression
(anywhere in the path): the files of compile_commands.json when -p is given
without source files, else the source files named.)"),
                                cl::value_desc("regex"), cl::cat(Category));
cl::opt<unsigned> Jobs("j", cl::desc(R"(
Number of files linted at once (default 0: one per core). The output is the
same for any number.)"),
                       cl::init(0), cl::value_desc("N"), cl::Prefix,
                       cl::cat(Category));
cl::opt<bool> WholeProject("whole-project", cl::desc(R"(
With -p (the default there): analyse the files as one project, so that a
helper's findings are decided by its callers and helpers in the other
files. --whole-project=false judges each file alone, as without -p.)"),
                           cl::init(true), cl::cat(Category));
cl::opt<std::string> ProjectFacts("project-facts", cl::desc(R"(
With -p: also write the facts the files told each other (calls between
functions, findings that depend on callers) as JSON to this file.)"),
                                  cl::value_desc("path"), cl::cat(Category));
cl::opt<std::string> Shard("shard", cl::desc(R"(
Lint only shard K of N (K from 1), for a CI matrix of N jobs: the files
sorted by their path relative to --project-root and cut into N runs of
consecutive files. With -p, the findings that depend on other shards' files
are left out of the shard's report; its SARIF log carries what
--merge-sarif needs to decide them.)"),
                           cl::value_desc("K/N"), cl::cat(Category));
cl::opt<bool> MergeSarif("merge-sarif", cl::desc(R"(
Merge the SARIF logs of the N shards of one run (--shard K/N), named in
place of source files, into the log the whole run would write (to
--output-file or stdout), deciding the findings that depend on several
shards' files. Run it in the same checkout: lines, columns and fingerprints
are read from the sources. Exits as the run would.)"),
                         cl::init(false), cl::cat(Category));
cl::opt<std::string> Diff("diff", cl::desc(R"(
Pull-request mode: lint only the files a change touches and report only the
findings on the lines it adds or modifies. The value is what `git diff`
takes (origin/main...HEAD, HEAD~1, a commit to compare the working tree
with), run in the current directory's repository, or - for a unified diff
on standard input (paths relative to the current directory).)"),
                          cl::value_desc("range|-"), cl::cat(Category));
cl::opt<std::string> BaselineFile("baseline", cl::desc(R"(
Report only the findings that are not in this SARIF log of an earlier run
(made with --write-baseline or --output-format=sarif), matched by check,
file and a fingerprint of the finding's line that survives edits elsewhere
in the file. Paths are relative to --project-root, as in the log.)"),
                                  cl::value_desc("sarif"), cl::cat(Category));
cl::opt<std::string> WriteBaseline("write-baseline", cl::desc(R"(
Write the findings to this file as the baseline for --baseline (a SARIF
log) instead of reporting them; exits 0 unless an input could not be
parsed.)"),
                                   cl::value_desc("sarif"), cl::cat(Category));
cl::opt<std::string> CacheDir("cache-dir", cl::desc(R"(
Where the result cache lives (default: $XDG_CACHE_HOME/torch-tidy, else
~/.cache/torch-tidy). A file whose inputs did not change since an earlier
run (its text, the headers it read, its compile command, the configuration,
torch-tidy itself) is not parsed again: that run's findings are replayed.)"),
                              cl::value_desc("dir"), cl::cat(Category));
cl::opt<bool> NoCache("no-cache", cl::desc(R"(
Neither read nor write the result cache.)"),
                      cl::init(false), cl::cat(Category));
cl::opt<std::string> CacheSize("cache-size", cl::desc(R"(
The most the result cache may hold; the least recently used entries are
removed first (default 2G; K, M and G suffixes).)"),
                               cl::value_desc("size"), cl::cat(Category));
cl::opt<bool> NoPch("no-pch", cl::desc(R"(
Parse every file whole. By default, files with the same compile arguments
that start with the same system includes (#include <torch/torch.h>, ...)
are parsed against one precompiled header of them, built in the run and
kept with the result cache; the findings are the same.)"),
                    cl::init(false), cl::cat(Category));
cl::opt<unsigned> PchMinFiles("pch-min-files", cl::Hidden, cl::init(2),
                              cl::desc("Files that must share a preamble "
                                       "for it to be built (tests use 1)."));
cl::opt<std::string> Explain("explain", cl::desc(R"(
Print the summary of a check and where its documentation is, and exit.)"),
                             cl::value_desc("check"), cl::cat(Category));

// --version: torch-tidy's own version, then the clang it is built on.
void printVersion(llvm::raw_ostream &OS) {
  OS << "torch-tidy version " << TORCH_TIDY_VERSION;
  if (llvm::StringRef Describe = TORCH_TIDY_GIT_DESCRIBE; !Describe.empty())
    OS << " (" << Describe << ")";
  OS << "\n  built with " << clang::getClangFullVersion() << "\n";
}

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
    if (std::optional<std::string> Bad = notARegularFile(Json))
      return ("cannot load '" + Json + "': " + *Bad).str();
    std::string Error;
    if (!tooling::JSONCompilationDatabase::loadFromFile(
            Json, Error, tooling::JSONCommandLineSyntax::AutoDetect))
      return ("cannot load '" + Json + "': " + Error).str();
    return std::nullopt;
  }
  llvm::SmallString<256> Flags(Dir);
  path::append(Flags, "compile_flags.txt");
  if (fs::exists(Flags))
    return std::nullopt;
  return ("no compile_commands.json or compile_flags.txt in -p '" + BuildPath +
          "'")
      .str();
}

// Set when a .clang-tidy file does not parse. clang-tidy's library reports
// it and lints on without that file, i.e. with another configuration than
// the project's (its WarningsAsErrors, its Checks); here that is a
// configuration error. Atomic: the providers of parallel runs parse too.
std::atomic<bool> BadConfigFile = false;

// Prints each warning once per run (providers parse a file once each, and
// a parallel run has a provider per file).
void warnOnce(const std::vector<std::string> &Warnings) {
  static std::mutex Lock;
  static llvm::StringSet<> Printed;
  std::lock_guard<std::mutex> Guard(Lock);
  for (const std::string &W : Warnings)
    if (Printed.insert(W).second)
      llvm::errs() << "torch-tidy: warning: " << W << "\n";
}

// The configuration text without the keys clang-tidy removed, each warned
// about once (ConfigCompat.h), or nothing when it sets none.
std::optional<std::string> compatibleConfig(llvm::StringRef Text,
                                            llvm::StringRef Source) {
  std::optional<CompatibleConfig> Compat = withoutRemovedKeys(Text, Source);
  if (!Compat)
    return std::nullopt;
  warnOnce(Compat->Warnings);
  return std::move(Compat->Text);
}

// An options provider whose .clang-tidy parser records failures in
// BadConfigFile. (FileOptionsProvider's constructor that takes handlers
// leaves its file system unset, so the handlers are wrapped instead.)
template <typename Provider> class RecordingProvider : public Provider {
public:
  template <typename... Args>
  explicit RecordingProvider(Args &&...A) : Provider(std::forward<Args>(A)...) {
    for (auto &Handler : this->ConfigHandlers)
      Handler.second =
          [Parse = std::move(Handler.second)](
              llvm::MemoryBufferRef Text) -> llvm::ErrorOr<ClangTidyOptions> {
        if (std::optional<std::string> Deep =
                configTooDeep(Text.getBuffer(), Text.getBufferIdentifier())) {
          llvm::errs() << "torch-tidy: error: " << *Deep << "\n";
          BadConfigFile = true;
          return std::make_error_code(std::errc::invalid_argument);
        }
        // Keys clang-tidy removed: dropped with a warning (ConfigCompat.h).
        std::optional<std::string> Compatible =
            compatibleConfig(Text.getBuffer(), Text.getBufferIdentifier());
        if (Compatible)
          Text = llvm::MemoryBufferRef(*Compatible, Text.getBufferIdentifier());
        llvm::ErrorOr<ClangTidyOptions> Parsed = Parse(Text);
        if (!Parsed)
          BadConfigFile = true;
        return Parsed;
      };
  }
};

// The options of the command line and of --config or --config-file, read
// once: every file of a parallel run gets a provider of its own made of
// them (providers cache .clang-tidy files and are not thread-safe).
struct CommandLineOptions {
  ClangTidyOptions Defaults;
  ClangTidyOptions Overrides;
  std::optional<ClangTidyOptions> Config; // --config or --config-file
};

llvm::Expected<CommandLineOptions> readCommandLineOptions() {
  CommandLineOptions Result;
  Result.Defaults = ClangTidyOptions::getDefaults();
  Result.Defaults.Checks = DefaultChecks.str();
  Result.Defaults.HeaderFilterRegex = HeaderFilter;
  Result.Defaults.SystemHeaders = SystemHeaders;
  Result.Defaults.User = llvm::sys::Process::GetEnv("USER");

  ClangTidyOptions &Overrides = Result.Overrides;
  if (Checks.getNumOccurrences() > 0)
    Overrides.Checks = Checks;
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
    auto Buffer = readInputFile(ConfigFile, ConfigSizeLimit);
    if (!Buffer)
      return llvm::createStringError(
          "cannot read --config-file '" + ConfigFile +
          "': " + llvm::toString(Buffer.takeError()));
    ConfigText = (*Buffer)->getBuffer().str();
    ConfigSource = ConfigFile;
  }
  if (std::optional<std::string> Deep = configTooDeep(ConfigText, ConfigSource))
    return llvm::createStringError(*Deep);
  if (std::optional<std::string> Compatible =
          compatibleConfig(ConfigText, ConfigSource))
    ConfigText = std::move(*Compatible);
  if (!ConfigText.empty() || Config.getNumOccurrences() > 0 ||
      ConfigFile.getNumOccurrences() > 0) {
    auto Parsed =
        parseConfiguration(llvm::MemoryBufferRef(ConfigText, ConfigSource));
    if (!Parsed)
      return llvm::createStringError("invalid configuration in " +
                                     ConfigSource + ": " +
                                     Parsed.getError().message());
    Result.Config = std::move(*Parsed);
  }
  return Result;
}

std::unique_ptr<ClangTidyOptionsProvider>
createOptionsProvider(const CommandLineOptions &Options,
                      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  if (Options.Config)
    return std::make_unique<RecordingProvider<ConfigOptionsProvider>>(
        ClangTidyGlobalOptions(), Options.Defaults, *Options.Config,
        Options.Overrides, std::move(FS));
  return std::make_unique<RecordingProvider<FileOptionsProvider>>(
      ClangTidyGlobalOptions(), Options.Defaults, Options.Overrides,
      std::move(FS));
}

// --explain <check>: the check's summary and its documentation page.
int explain(llvm::StringRef Name) {
  const CheckDoc *Doc = findCheckDoc(Name);
  if (!Doc) {
    std::string Known;
    for (const CheckDoc &D : checkDocs())
      Known += (Known.empty() ? "" : ", ") + D.Name.str();
    return usageError("no check named '" + Name + "' (checks: " + Known + ")");
  }
  llvm::outs() << Doc->Name << "\n\n"
               << Doc->Summary << "\n"
               << "Documentation: " << Doc->DocPath << "\n"
               << "  " << docUrl(*Doc) << "\n";
  return ExitClean;
}

// With no source file named, CommonOptionsParser loads no database; -p alone
// lints all of it, so it is loaded here as the parser would have, with the
// parser's --extra-arg and --extra-arg-before.
std::unique_ptr<tooling::CompilationDatabase>
loadDatabase(llvm::StringRef BuildPath, std::string &Error) {
  std::unique_ptr<tooling::CompilationDatabase> Loaded =
      tooling::CompilationDatabase::autoDetectFromDirectory(BuildPath, Error);
  if (!Loaded)
    return nullptr;
  auto Adjusting = std::make_unique<tooling::ArgumentsAdjustingCompilations>(
      std::move(Loaded));
  auto Extra = [](llvm::StringRef Name) {
    cl::Option *O = cl::getRegisteredOptions().lookup(Name);
    return tooling::CommandLineArguments(
        *static_cast<cl::list<std::string> *>(O));
  };
  Adjusting->appendArgumentsAdjuster(tooling::combineAdjusters(
      tooling::getInsertArgumentAdjuster(
          Extra("extra-arg-before"), tooling::ArgumentInsertPosition::BEGIN),
      tooling::getInsertArgumentAdjuster(
          Extra("extra-arg"), tooling::ArgumentInsertPosition::END)));
  return Adjusting;
}

// Whether clang takes `File` for C, C++, Objective-C or CUDA source (or
// header) by its extension.
bool isCOrCxxSource(llvm::StringRef File) {
  using namespace clang::driver;
  const llvm::StringRef Ext = llvm::sys::path::extension(File);
  if (Ext.empty())
    return false;
  const types::ID T = types::lookupTypeForExtension(Ext.drop_front());
  return T != types::TY_INVALID &&
         (types::isCXX(T) || types::isObjC(T) || T == types::TY_C ||
          T == types::TY_PP_C || T == types::TY_CHeader ||
          T == types::TY_PP_CHeader);
}

// Named inputs that cannot be source files: a directory, a symbolic link
// loop. (A missing file is the compiler's error, as in clang-tidy.)
std::optional<int> checkNamedInputs(llvm::ArrayRef<std::string> Files) {
  for (const std::string &File : Files) {
    llvm::sys::fs::file_status Status;
    const std::error_code EC = llvm::sys::fs::status(File, Status);
    if (EC == std::errc::too_many_symbolic_link_levels)
      return usageError("cannot read '" + File + "': " + EC.message());
    if (!EC && Status.type() == llvm::sys::fs::file_type::directory_file)
      return usageError("'" + File + "' is a directory, not a source file");
    if (std::optional<std::string> Bad = notARegularFile(File))
      return usageError("cannot lint '" + File + "': " + *Bad);
  }
  return std::nullopt;
}

// The files to lint: the source files named, or with none named (Database
// given), every file of the database, in its order and each once; then
// those that --files matches.
std::vector<std::string>
inputFiles(llvm::ArrayRef<std::string> Named,
           const tooling::CompilationDatabase *Database,
           const std::optional<llvm::Regex> &Filter) {
  std::vector<std::string> Files;
  if (Database) {
    llvm::StringSet<> Seen;
    for (const tooling::CompileCommand &Command :
         Database->getAllCompileCommands()) {
      llvm::SmallString<256> File(Command.Filename);
      llvm::sys::fs::make_absolute(Command.Directory, File);
      llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
      if (!Seen.insert(File).second)
        continue;
      // Builds list assembler, Python or resource steps too: parsed as C
      // they would only be compiler errors.
      if (!isCOrCxxSource(File)) {
        if (!Quiet)
          llvm::errs() << "torch-tidy: note: skipping '" << File
                       << "' of the compilation database: not a C or C++ "
                          "source\n";
        continue;
      }
      Files.push_back(std::string(File));
    }
  } else {
    Files = Named;
  }
  if (!Filter)
    return Files;
  llvm::erase_if(Files, [&](const std::string &File) {
    llvm::SmallString<256> Absolute(File);
    llvm::sys::fs::make_absolute(Absolute);
    llvm::sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
    return !Filter->match(Absolute);
  });
  return Files;
}

// One line on stderr after every run:
//   torch-tidy: <N> files, <M> findings (<check>: <k>, ...), <E> errors, <S>s
// with the findings per check sorted by name and E the files that could not
// be parsed. The same bytes for any -j but for the seconds.
void printSummary(size_t Files, const std::map<std::string, unsigned> &PerCheck,
                  unsigned Errors, double Seconds) {
  unsigned Findings = 0;
  std::string Breakdown;
  for (const auto &[Check, Count] : PerCheck) {
    Findings += Count;
    Breakdown +=
        (Breakdown.empty() ? "" : ", ") + Check + ": " + std::to_string(Count);
  }
  llvm::errs() << "torch-tidy: " << Files << " files, " << Findings
               << " findings";
  if (!Breakdown.empty())
    llvm::errs() << " (" << Breakdown << ")";
  llvm::errs() << ", " << Errors << " errors, " << llvm::format("%.1f", Seconds)
               << "s\n";
}

// --- main's steps
// -------------------------------------------------------------

// Flags that cannot go together, and a --files regex that does not compile.
// Returns the usage exit code when there is a problem.
std::optional<int> checkFlags(std::optional<llvm::Regex> &FileFilter) {
  const bool Sarif = Format == OutputFormat::Sarif;
  if (!OutputFile.empty() && !Sarif)
    return usageError("--output-file needs --output-format=sarif (the text "
                      "diagnostics go to stdout)");
  // The text report of the fixes applied shares stdout with the log.
  if (Sarif && OutputFile.empty() && (Fix || FixErrors))
    return usageError("--fix prints the findings on stdout, where the SARIF "
                      "log goes; write the log with --output-file");
  if (!WriteBaseline.empty() && (Fix || FixErrors))
    return usageError("--write-baseline records the findings; it does not "
                      "fix them (drop --fix)");
  if (!WriteBaseline.empty() && !BaselineFile.empty())
    return usageError("--write-baseline and --baseline are mutually exclusive "
                      "(a new baseline holds every finding)");
  if (Diff.getNumOccurrences() > 0 && Diff.empty())
    return usageError("--diff needs a git range (origin/main...HEAD) or - "
                      "for a diff on standard input");
  if (Shard.getNumOccurrences() > 0) {
    if (!parseShardSpec(Shard))
      return usageError("--shard '" + Shard +
                        "': expected K/N, two whole numbers with 1 <= K <= N");
    if (Diff.getNumOccurrences() > 0 || !BaselineFile.empty() ||
        !WriteBaseline.empty())
      return usageError("--shard does not combine with --diff, --baseline or "
                        "--write-baseline: give those to --merge-sarif (or "
                        "lint a change's files in one job)");
  }
  if (FilesRegex.getNumOccurrences() > 0) {
    FileFilter.emplace(FilesRegex);
    std::string Problem;
    if (!FileFilter->isValid(Problem))
      return usageError("invalid --files regular expression '" + FilesRegex +
                        "': " + Problem);
  }
  return std::nullopt;
}

// -p is CommonOptionsParser's own cl::opt<std::string>, found by name;
// compiler arguments after `--` make it unused.
std::string buildPathOption(bool HasCompilerArgs) {
  if (HasCompilerArgs)
    return "";
  if (cl::Option *P = cl::getRegisteredOptions().lookup("p"))
    return *static_cast<cl::opt<std::string> *>(P);
  return "";
}

int listChecks(const tooling::CommonOptionsParser &Parser,
               ClangTidyOptionsProvider &Provider) {
  const std::vector<std::string> &Named = Parser.getSourcePathList();
  const std::string File = Named.empty() ? "dummy.cpp" : Named.front();
  (void)Provider.getOptions(File);
  if (BadConfigFile)
    return usageError("invalid .clang-tidy configuration (see above)");
  llvm::outs() << "Enabled checks:";
  for (const std::string &N : getCheckNames(Provider.getOptions(File), false))
    llvm::outs() << "\n    " << N;
  llvm::outs() << "\n\n";
  return ExitClean;
}

// What is linted: the compilations, the files, and the checks any of their
// configurations enables (the SARIF log's rules).
struct Inputs {
  std::unique_ptr<tooling::CompilationDatabase> WholeDatabase;
  const tooling::CompilationDatabase *Compilations = nullptr;
  std::vector<std::string> Files;
  std::vector<std::string> EnabledChecks;
  // With --shard: the run this shard is part of (Files are the shard's),
  // and the positions of Files in the run's list.
  std::optional<ShardHeader> Shard;
  std::vector<size_t> ShardPositions;
};

// A header filter that is not a regular expression would drop every finding
// in headers without a word (clang-tidy's library treats it as matching
// nothing): a usage error, whether it comes from --header-filter or from a
// configuration file.
std::optional<int> checkHeaderFilters(const ClangTidyOptions &Options,
                                      llvm::StringRef File) {
  const std::pair<llvm::StringRef, const std::optional<std::string> *>
      Filters[] = {
          {"HeaderFilterRegex", &Options.HeaderFilterRegex},
          {"ExcludeHeaderFilterRegex", &Options.ExcludeHeaderFilterRegex}};
  for (const auto &[Name, Value] : Filters) {
    std::string Problem;
    if (!*Value || (*Value)->empty() || llvm::Regex(**Value).isValid(Problem))
      continue;
    const bool FromCommandLine =
        Name == "HeaderFilterRegex" && HeaderFilter.getNumOccurrences() > 0;
    return usageError(
        "invalid regular expression '" + **Value + "' in " +
        (FromCommandLine
             ? llvm::Twine("--header-filter")
             : "option '" + Name + "' (configuration of '" + File + "')") +
        ": " + Problem);
  }
  return std::nullopt;
}

// Loads the inputs; returns the usage exit code on a problem. Every
// input's .clang-tidy files are read now, so that a broken one stops the
// run before anything is linted.
std::optional<int> loadInputs(tooling::CommonOptionsParser &Parser,
                              llvm::StringRef BuildPath,
                              const std::optional<llvm::Regex> &FileFilter,
                              ClangTidyOptionsProvider &Provider, Inputs &In) {
  if (!BuildPath.empty() && Parser.getSourcePathList().empty()) {
    std::string Problem;
    In.WholeDatabase = loadDatabase(BuildPath, Problem);
    if (!In.WholeDatabase)
      return usageError(Problem);
  }
  In.Compilations =
      In.WholeDatabase ? In.WholeDatabase.get() : &Parser.getCompilations();
  if (!In.WholeDatabase)
    if (std::optional<int> Bad = checkNamedInputs(Parser.getSourcePathList()))
      return Bad;
  In.Files = inputFiles(Parser.getSourcePathList(), In.WholeDatabase.get(),
                        FileFilter);
  std::set<std::string> Union;
  for (const std::string &File : In.Files) {
    const ClangTidyOptions Options = Provider.getOptions(File);
    if (std::optional<int> Bad = checkHeaderFilters(Options, File))
      return Bad;
    for (std::string &Name : getCheckNames(Options, false))
      Union.insert(std::move(Name));
  }
  In.EnabledChecks.assign(Union.begin(), Union.end());
  if (BadConfigFile)
    return usageError("invalid .clang-tidy configuration (see above)");
  if (In.Files.empty())
    return usageError(FileFilter
                          ? "no input file matches --files '" + FilesRegex + "'"
                          : "no input files");
  return std::nullopt;
}

// Where the SARIF log goes and what its paths are relative to.
struct SarifTarget {
  llvm::SmallString<256> Root;
};

// The output files (--output-file, --export-fixes, --write-baseline,
// --project-facts): each must be writable, and none may be an input (it
// would be overwritten with the run's output).
std::optional<int> checkOutputFiles(const Inputs &In) {
  std::set<std::string> Sources;
  for (const std::string &File : In.Files)
    Sources.insert(canonicalPath(File, ""));
  const std::pair<llvm::StringRef, const std::string *> Outputs[] = {
      {"--output-file", &OutputFile.getValue()},
      {"--export-fixes", &ExportFixes.getValue()},
      {"--write-baseline", &WriteBaseline.getValue()},
      {"--project-facts", &ProjectFacts.getValue()}};
  for (const auto &[Flag, Path] : Outputs) {
    if (Path->empty())
      continue;
    if (Sources.count(canonicalPath(*Path, "")))
      return usageError(Flag + " '" + *Path +
                        "' is also an input file; it would be overwritten");
    if (llvm::Error E = checkWritable(*Path))
      return usageError("cannot write " + Flag + " '" + *Path +
                        "': " + llvm::toString(std::move(E)));
  }
  return std::nullopt;
}

// Writes an output file atomically (AtomicOutput.h); the usage exit code
// when it cannot be written.
std::optional<int>
writeOutput(llvm::StringRef Flag, llvm::StringRef Path,
            llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  if (llvm::Error E = writeAtomically(Path, Write))
    return usageError("cannot write " + Flag + " '" + Path +
                      "': " + llvm::toString(std::move(E)));
  return std::nullopt;
}

std::optional<int> openSarifTarget(SarifTarget &T) {
  T.Root = ProjectRoot;
  if (std::error_code EC = llvm::sys::fs::make_absolute(T.Root))
    return usageError("cannot resolve --project-root '" + ProjectRoot +
                      "': " + EC.message());
  // One spelling of the directory (the shards' logs record it).
  llvm::sys::path::remove_dots(T.Root, /*remove_dot_dot=*/true);
  if (!llvm::sys::fs::is_directory(T.Root))
    return usageError("--project-root '" + ProjectRoot +
                      "' is not a directory");
  return std::nullopt;
}

// clang-tidy's "Suppressed N warnings (...)" lines.
void printSuppressed(const ClangTidyStats &Stats) {
  if (!Stats.errorsIgnored())
    return;
  llvm::errs() << "Suppressed " << Stats.errorsIgnored() << " warnings (";
  llvm::StringRef Sep;
  auto Part = [&](unsigned N, llvm::StringRef What) {
    if (!N)
      return;
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

std::optional<int>
writeProjectFacts(llvm::ArrayRef<project::TranslationUnitFacts> Facts) {
  llvm::json::Array Units;
  for (const project::TranslationUnitFacts &Unit : Facts)
    Units.push_back(toJSON(Unit));
  const llvm::json::Value Log(std::move(Units));
  return writeOutput("--project-facts", ProjectFacts,
                     [&](llvm::raw_ostream &OS) {
                       OS << llvm::formatv("{0:2}", Log) << "\n";
                     });
}

// The findings per check, and whether a compiler error or an invalid check
// option was among them.
struct Outcome {
  std::map<std::string, unsigned> FindingsPerCheck;
  bool CompilerErrors = false;
  bool ConfigurationErrors = false;
};

constexpr llvm::StringLiteral InvalidOptionsLine =
    "torch-tidy: invalid check options; see the [clang-tidy-config] errors "
    "above\n";

// Invalid check options are printed as errors (clang-tidy prints them as
// warnings, and would count them as findings).
Outcome classifyErrors(ParallelRunResult &Run) {
  Outcome O;
  O.CompilerErrors = Run.ToolStatus != 0;
  for (ClangTidyError &E : Run.Errors) {
    if (isCompilerError(E)) {
      O.CompilerErrors = true;
    } else if (isConfigurationError(E)) {
      O.ConfigurationErrors = true;
      E.DiagLevel = ClangTidyError::Error;
    } else {
      ++O.FindingsPerCheck[E.DiagnosticName];
    }
  }
  return O;
}

// --run-before-fix's command.
void runBeforeFix() {
  if (RunBeforeFix.empty())
    return;
  if (llvm::ErrorOr<std::string> Shell = llvm::sys::findProgramByName("sh"))
    llvm::sys::ExecuteAndWait(*Shell, {"sh", "-c", RunBeforeFix});
}

// Prints the findings (text or SARIF), exports and applies fixes; returns
// how many warnings were treated as errors, or the usage exit code.
// `FixesFailed` is set when a file with fixes was left unchanged.
std::variant<unsigned, int>
writeFindings(ParallelRunResult &Run, ClangTidyContext &Context,
              const Outcome &O, SarifTarget &T, const Inputs &In,
              const FindingPrints &Prints,
              llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS,
              bool &FixesFailed) {
  const bool Sarif = Format == OutputFormat::Sarif;
  const bool ApplyFixes = Fix || FixErrors;
  // Fixes computed under an invalid option are not applied either.
  const bool DisableFixes =
      (O.CompilerErrors && !FixErrors) || O.ConfigurationErrors;
  if (Sarif) {
    // Built before any file is fixed: the log gives the lines and columns
    // of the unfixed files.
    llvm::json::Value Log =
        buildSarifLog(Run.Errors, In.EnabledChecks, T.Root, Prints);
    if (In.Shard)
      attachShard(Log, *In.Shard, In.ShardPositions, Run.Outcomes);
    auto Print = [&](llvm::raw_ostream &OS) {
      OS << llvm::formatv("{0:2}", Log) << "\n";
    };
    if (OutputFile.empty()) {
      Print(llvm::outs());
      llvm::outs().flush();
    } else if (std::optional<int> Bad =
                   writeOutput("--output-file", OutputFile, Print)) {
      return *Bad;
    }
  }
  std::optional<FixApplication> Fixes;
  if (ApplyFixes && !DisableFixes)
    Fixes.emplace(Run.Errors, Run.Parsed, FixReadOnly);
  unsigned WarningsAsErrors = 0;
  if (Sarif && OutputFile.empty()) {
    // handleErrors prints on stdout; what it would count is this.
    WarningsAsErrors = llvm::count_if(
        Run.Errors, [](const ClangTidyError &E) { return E.IsWarningAsError; });
  } else {
    // Printed (from the files as they are now) before any is fixed.
    handleErrors(Fixes ? Fixes->annotated(Run.Errors) : Run.Errors, Context,
                 FB_NoFix, WarningsAsErrors, BaseFS);
  }
  if (!ExportFixes.empty() && !Run.Errors.empty()) {
    // As clang-tidy: MainSourceFile is absolute, like the paths it lists.
    llvm::SmallString<256> MainFile(In.Files.front());
    llvm::sys::fs::make_absolute(MainFile);
    if (std::optional<int> Bad = writeOutput(
            "--export-fixes", ExportFixes, [&](llvm::raw_ostream &OS) {
              exportReplacements(MainFile, Run.Errors, OS);
            }))
      return *Bad;
  }
  if (Fixes) {
    llvm::outs().flush();
    runBeforeFix();
    FixesFailed = !Fixes->apply(Context);
  }
  return WarningsAsErrors;
}

// The exit status, and the lines on stderr that explain it.
int finish(const ParallelRunResult &Run, const Outcome &O,
           unsigned WarningsAsErrors, bool FixesFailed, size_t Files,
           double Seconds) {
  if (!Quiet) {
    if (Verbose)
      printSuppressed(Run.Stats);
    if (O.CompilerErrors && Fix && !FixErrors)
      llvm::errs() << "Found compiler errors, but -fix-errors was not "
                      "specified.\nFixes have NOT been applied.\n\n";
    else if (O.ConfigurationErrors && (Fix || FixErrors))
      llvm::errs() << "Fixes have NOT been applied.\n\n";
  }
  int Exit = O.FindingsPerCheck.empty() ? ExitClean : ExitFindings;
  if (O.CompilerErrors) {
    // ClangTool's 2: a file was skipped ("Compile command not found"), no
    // compiler ran on it, so there are no compiler errors to point at.
    if (Run.ToolStatus == 2)
      llvm::errs() << "torch-tidy: no compile command for an input file; "
                      "see above\n";
    else
      llvm::errs() << "torch-tidy: the input could not be parsed; see the "
                      "compiler errors above\n";
    Exit = ExitError;
  } else if (O.ConfigurationErrors) {
    llvm::errs() << InvalidOptionsLine;
    Exit = ExitError;
  } else if (FixesFailed) {
    Exit = ExitError;
  } else if (WarningsAsErrors > 0 && !Quiet) {
    // --quiet drops this count too, as in clang-tidy.
    llvm::errs() << WarningsAsErrors << " warning"
                 << (WarningsAsErrors == 1 ? " was" : "s were")
                 << " treated as error" << (WarningsAsErrors == 1 ? "" : "s")
                 << "\n";
  }
  if (!Quiet)
    printSummary(Files, O.FindingsPerCheck, Run.FailedFiles, Seconds);
  return Exit == ExitFindings && ExitZero ? ExitClean : Exit;
}

// --write-baseline: the findings as a SARIF log, written to a temporary
// file renamed over the target, so that an interrupted run leaves the old
// baseline whole.
std::optional<int> writeBaseline(const ParallelRunResult &Run, const Inputs &In,
                                 llvm::StringRef Root,
                                 const FindingPrints &Prints) {
  const llvm::json::Value Log =
      buildSarifLog(Run.Errors, In.EnabledChecks, Root, Prints);
  return writeOutput("--write-baseline", WriteBaseline,
                     [&](llvm::raw_ostream &OS) {
                       OS << llvm::formatv("{0:2}", Log) << "\n";
                     });
}

// --write-baseline's end: the baseline written, the compiler's errors shown
// (the findings are not), and exit 0 unless an input did not parse.
int finishBaseline(
    ParallelRunResult &Run, const Outcome &O, const Inputs &In,
    llvm::StringRef Root, const FindingPrints &Prints,
    ClangTidyContext &Context,
    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS) {
  if (std::optional<int> Bad = writeBaseline(Run, In, Root, Prints))
    return *Bad;
  unsigned Findings = 0;
  for (const auto &[Check, Count] : O.FindingsPerCheck)
    Findings += Count;
  if (!Quiet)
    llvm::errs() << "torch-tidy: wrote a baseline of " << Findings << " finding"
                 << (Findings == 1 ? "" : "s") << " to '" << WriteBaseline
                 << "'\n";
  if (!O.CompilerErrors && !O.ConfigurationErrors)
    return ExitClean;
  std::vector<ClangTidyError> Errors;
  for (const ClangTidyError &E : Run.Errors)
    if (isToolError(E))
      Errors.push_back(E);
  unsigned Ignored = 0;
  handleErrors(Errors, Context, FB_NoFix, Ignored, BaseFS);
  if (O.CompilerErrors)
    llvm::errs() << "torch-tidy: the input could not be parsed; its findings "
                    "are missing from the baseline\n";
  else
    llvm::errs() << InvalidOptionsLine;
  return ExitError;
}

// --diff: the changed lines, from git or from standard input.
llvm::Expected<ChangedLines> readChangedLines() {
  if (Diff != "-")
    return ChangedLines::fromGit(Diff);
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> Text =
      readStandardInput(LogSizeLimit);
  if (!Text)
    return llvm::createStringError("cannot read the diff on standard input: " +
                                   llvm::toString(Text.takeError()));
  llvm::SmallString<256> Cwd;
  if (std::error_code EC = llvm::sys::fs::current_path(Cwd))
    return llvm::errorCodeToError(EC);
  return ChangedLines::fromUnifiedDiff((*Text)->getBuffer(), Cwd);
}

// --diff: keeps the input files the change touches.
std::optional<int> selectChangedFiles(Inputs &In,
                                      std::optional<ChangedLines> &Changed) {
  llvm::Expected<ChangedLines> Read = readChangedLines();
  if (!Read)
    return usageError("--diff: " + llvm::toString(Read.takeError()));
  Changed = std::move(*Read);
  llvm::erase_if(In.Files, [&](const std::string &File) {
    return !Changed->changes(canonicalPath(File, ""));
  });
  return std::nullopt;
}

// A failed write of the findings on stdout (a full disk, a closed pipe)
// makes the run an error: the findings were not all delivered. The stream's
// error is cleared, else LLVM aborts with "IO failure on output stream".
int checkStdout(int Exit) {
  llvm::outs().flush();
  if (!llvm::outs().has_error())
    return Exit;
  llvm::WithColor::error(llvm::errs(), "torch-tidy")
      << "cannot write the findings to standard output: "
      << llvm::outs().error().message() << "\n";
  llvm::outs().clear_error();
  return ExitError;
}

// SIGPIPE on a write to stdout or stderr (the reader went away, as in
// `torch-tidy ... | head`): exit 2 with a line, not LLVM's exit 74. Runs in
// a signal handler: write(2) and _exit only.
void onClosedPipe() {
  static const char Message[] =
      "torch-tidy: error: cannot write the findings: the pipe was closed\n";
  (void)!::write(2, Message, sizeof(Message) - 1);
  ::_exit(ExitError);
}

int lint(int argc, const char **argv);

// What a shard's log and the merge compare to be sure one torch-tidy made
// every shard.
std::string toolVersion() {
  std::string Version = TORCH_TIDY_VERSION;
  if (llvm::StringRef Describe = TORCH_TIDY_GIT_DESCRIBE; !Describe.empty())
    Version += " (" + Describe.str() + ")";
  return Version;
}

// --shard: keeps the shard's files (each once), and records the whole
// run's in the header its SARIF log carries.
void selectShard(Inputs &In, llvm::StringRef Root, bool Project) {
  llvm::StringSet<> Seen;
  llvm::erase_if(In.Files, [&](const std::string &File) {
    return !Seen.insert(projectPath(File, Root)).second;
  });
  const ShardSpec Spec = *parseShardSpec(Shard);
  In.Shard = shardHeader(Spec, In.Files, Root);
  In.Shard->Tool = toolVersion();
  In.Shard->WholeProject = Project;
  In.Shard->Checks = In.EnabledChecks;
  In.ShardPositions = shardPositions(In.Files, Root, Spec);
  std::vector<std::string> Kept;
  for (size_t Position : In.ShardPositions)
    Kept.push_back(In.Files[Position]);
  In.Files = std::move(Kept);
}

// --baseline's log, loaded; the usage exit code when it cannot be.
std::optional<int> loadBaseline(std::optional<Baseline> &Known) {
  if (BaselineFile.empty())
    return std::nullopt;
  llvm::Expected<Baseline> Loaded = Baseline::load(BaselineFile);
  if (!Loaded)
    return usageError("--baseline: " + llvm::toString(Loaded.takeError()));
  Known = std::move(*Loaded);
  return std::nullopt;
}

// The steps after the files were linted (or the shards merged): findings
// filtered by --diff and --baseline, written, fixed; the exit status.
struct Reporting {
  ClangTidyContext &Context;
  SarifTarget &Sarif;
  const std::optional<ChangedLines> &Changed;
  const std::optional<Baseline> &Known;
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS;
  std::chrono::steady_clock::time_point Start;
};

int report(ParallelRunResult &Run, const Inputs &In, size_t Files,
           const Reporting &R) {
  if (!ProjectFacts.empty())
    if (std::optional<int> Bad = writeProjectFacts(Run.Facts))
      return *Bad;
  // Fingerprints rank a finding among all of its file's: taken before any
  // are left out.
  const FindingPrints Prints(Run.Errors, R.Sarif.Root);
  if (R.Changed)
    Run.Stats.ErrorsIgnoredLineFilter +=
        keepChangedFindings(Run.Errors, *R.Changed);
  if (R.Known)
    if (const size_t Old = dropBaselineFindings(Run.Errors, *R.Known, Prints);
        Old > 0 && !Quiet)
      llvm::errs() << "torch-tidy: " << Old << " finding"
                   << (Old == 1 ? " is" : "s are")
                   << " in the baseline and not shown\n";
  const Outcome O = classifyErrors(Run);
  if (!WriteBaseline.empty())
    return finishBaseline(Run, O, In, R.Sarif.Root, Prints, R.Context,
                          R.BaseFS);
  bool FixesFailed = false;
  const auto Written = writeFindings(Run, R.Context, O, R.Sarif, In, Prints,
                                     R.BaseFS, FixesFailed);
  if (const int *Bad = std::get_if<int>(&Written))
    return *Bad;
  return finish(
      Run, O, std::get<unsigned>(Written), FixesFailed, Files,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - R.Start)
          .count());
}

// Options that pick, configure or fix the files to lint: --merge-sarif
// lints nothing, so they would do nothing there.
constexpr llvm::StringLiteral NotForMerge[] = {"p",
                                               "shard",
                                               "files",
                                               "diff",
                                               "fix",
                                               "fix-errors",
                                               "export-fixes",
                                               "checks",
                                               "config",
                                               "config-file",
                                               "header-filter",
                                               "warnings-as-errors",
                                               "project-facts",
                                               "extra-arg",
                                               "extra-arg-before"};

// --merge-sarif: the shards' logs (the named "source files") merged and
// reported as the run they are the parts of.
int mergeShards(const tooling::CommonOptionsParser &Parser,
                const CommandLineOptions &Options,
                llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> BaseFS) {
  for (llvm::StringRef Name : NotForMerge)
    if (cl::getRegisteredOptions().lookup(Name)->getNumOccurrences() > 0)
      return usageError((Name.size() == 1 ? "-" : "--") + Name +
                        " does not apply to --merge-sarif, which lints "
                        "nothing: give it to the shards' runs");
  Inputs In;
  In.Files = Parser.getSourcePathList();
  if (In.Files.empty())
    return usageError("--merge-sarif needs the shards' SARIF logs");
  SarifTarget Sarif;
  if (std::optional<int> Bad = openSarifTarget(Sarif))
    return *Bad;
  if (std::optional<int> Bad = checkOutputFiles(In))
    return *Bad;
  std::optional<Baseline> Known;
  if (std::optional<int> Bad = loadBaseline(Known))
    return *Bad;
  const auto Start = std::chrono::steady_clock::now();
  llvm::Expected<MergedShards> Merged =
      mergeShardLogs(In.Files, Sarif.Root, toolVersion());
  if (!Merged)
    return usageError("--merge-sarif: " + llvm::toString(Merged.takeError()));
  // What the shards said of the files they could not lint.
  llvm::errs() << Merged->Log;
  In.EnabledChecks = std::move(Merged->Checks);
  ClangTidyContext Context(createOptionsProvider(Options, BaseFS));
  const std::optional<ChangedLines> Changed;
  return report(Merged->Run, In, Merged->Files,
                Reporting{Context, Sarif, Changed, Known, BaseFS, Start});
}

// The result cache of this run, or none (--no-cache, or no default place
// for it and none named). A --cache-dir or --cache-size that cannot be used
// is a usage error; a default directory that cannot be made only turns the
// cache off.
std::optional<int> openCache(const char *Argv0,
                             std::optional<ResultCache> &Cache) {
  if (NoCache)
    return std::nullopt;
  uint64_t Limit = ResultCache::DefaultSizeLimit;
  if (CacheSize.getNumOccurrences() > 0) {
    std::optional<uint64_t> Parsed = parseByteSize(CacheSize);
    if (!Parsed)
      return usageError(
          "--cache-size: '" + CacheSize +
          "' is not a size (a number, optionally with K, M or G)");
    Limit = *Parsed;
  }
  const bool Named = CacheDir.getNumOccurrences() > 0;
  const std::string Dir = Named ? CacheDir : ResultCache::defaultDirectory();
  if (Dir.empty())
    return std::nullopt;
  static int Anchor;
  llvm::Expected<ResultCache> Opened = ResultCache::open(
      Dir, Limit, llvm::sys::fs::getMainExecutable(Argv0, &Anchor));
  if (Opened) {
    Cache = std::move(*Opened);
    return std::nullopt;
  }
  const std::string Problem = llvm::toString(Opened.takeError());
  if (Named)
    return usageError("--cache-dir: " + Problem);
  if (Verbose && !Quiet)
    llvm::errs() << "torch-tidy: the result cache is off: " << Problem << "\n";
  return std::nullopt;
}

// Where the shared preambles are kept: with the result cache, else in a
// directory of this run's (removed by the caller). Empty: none.
std::string preambleDirectory(const std::optional<ResultCache> &Cache,
                              bool &Temporary) {
  Temporary = false;
  if (NoPch)
    return "";
  llvm::SmallString<256> Dir;
  if (Cache) {
    Dir = Cache->directory();
    llvm::sys::path::append(Dir, "preambles");
    return std::string(Dir);
  }
  if (llvm::sys::fs::createUniqueDirectory("torch-tidy-preambles", Dir))
    return "";
  Temporary = true;
  return std::string(Dir);
}

// --verbose: what the cache and the shared preambles did.
void printReuse(const ParallelRunResult &Run, size_t Files,
                const std::optional<ResultCache> &Cache) {
  if (!Verbose || Quiet)
    return;
  if (Cache)
    llvm::errs() << "torch-tidy: " << Run.CachedFiles << " of " << Files
                 << " files replayed from the cache in '" << Cache->directory()
                 << "'\n";
  llvm::errs() << Run.PreambleNotes;
  if (Run.PreambleFallbacks > 0)
    llvm::errs() << "torch-tidy: " << Run.PreambleFallbacks
                 << " files could not use their preamble and were parsed "
                    "whole\n";
}

} // namespace

int main(int argc, const char **argv) {
  llvm::InitLLVM X(argc, argv);
  llvm::sys::SetOneShotPipeSignalFunction(onClosedPipe);
  (void)TorchTidyModuleAnchorSource;
  // --merge-sarif names SARIF logs where source files go: a `--` (compiler
  // arguments, none) keeps CommonOptionsParser from looking for a
  // compilation database for them.
  std::vector<const char *> Args(argv, argv + argc);
  const bool Merging = llvm::any_of(Args, [](llvm::StringRef A) {
    if (!A.consume_front("-"))
      return false;
    A.consume_front("-");
    if (!A.consume_front("merge-sarif"))
      return false;
    return A.empty() || (A.consume_front("=") &&
                         llvm::is_contained({"true", "TRUE", "True", "1"}, A));
  });
  if (Merging &&
      llvm::none_of(Args, [](llvm::StringRef A) { return A == "--"; }))
    Args.push_back("--");
  return checkStdout(lint(static_cast<int>(Args.size()), Args.data()));
}

namespace {

int lint(int argc, const char **argv) {

  cl::SetVersionPrinter(printVersion);
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
  if (Explain.getNumOccurrences() > 0)
    return explain(Explain);
  // A merge writes the log of the run it merges.
  if (MergeSarif && Format.getNumOccurrences() == 0)
    Format = OutputFormat::Sarif;
  std::optional<llvm::Regex> FileFilter;
  if (std::optional<int> Bad = checkFlags(FileFilter))
    return *Bad;
  const std::string BuildPath = buildPathOption(HasCompilerArgs);
  if (!BuildPath.empty() && !ListChecks)
    if (std::optional<std::string> Problem = checkBuildPath(BuildPath))
      return usageError(*Problem);
  if (!ProjectFacts.empty() && (BuildPath.empty() || !WholeProject))
    return usageError("--project-facts needs -p (the whole-project analysis)");

  auto Options = readCommandLineOptions();
  if (!Options)
    return usageError(llvm::toString(Options.takeError()));
  auto BaseFS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  std::unique_ptr<ClangTidyOptionsProvider> Provider =
      createOptionsProvider(*Options, BaseFS);
  if (ListChecks)
    return listChecks(*Parser, *Provider);
  if (MergeSarif)
    return mergeShards(*Parser, *Options, BaseFS);

  Inputs In;
  if (std::optional<int> Bad =
          loadInputs(*Parser, BuildPath, FileFilter, *Provider, In))
    return *Bad;
  std::optional<ChangedLines> Changed;
  if (Diff.getNumOccurrences() > 0) {
    if (std::optional<int> Bad = selectChangedFiles(In, Changed))
      return *Bad;
    // A change that touches no input file: nothing to report.
    if (In.Files.empty()) {
      if (!Quiet)
        llvm::errs() << "torch-tidy: --diff: the change touches none of the "
                        "input files\n";
      return ExitClean;
    }
  }
  ClangTidyContext Context(std::move(Provider));
  // Decided by the configurations of the files linted (not the current
  // directory's): no check enabled for any of them, or only names of checks
  // that do not exist (a typo in --checks), is a usage error.
  if (In.EnabledChecks.empty())
    return usageError("no checks enabled (see --checks and --list-checks)");
  SarifTarget Sarif;
  if (std::optional<int> Bad = openSarifTarget(Sarif))
    return *Bad;
  if (std::optional<int> Bad = checkOutputFiles(In))
    return *Bad;
  std::optional<ResultCache> Cache;
  if (std::optional<int> Bad = openCache(argv[0], Cache))
    return *Bad;
  std::optional<Baseline> Known;
  if (std::optional<int> Bad = loadBaseline(Known))
    return *Bad;
  const bool Project = !BuildPath.empty() && WholeProject;
  if (Shard.getNumOccurrences() > 0)
    selectShard(In, Sarif.Root, Project);

  const auto Start = std::chrono::steady_clock::now();
  bool TemporaryPreambles = false;
  PreambleOptions Preambles;
  Preambles.Dir = preambleDirectory(Cache, TemporaryPreambles);
  Preambles.MinFiles = PchMinFiles;
  Preambles.Jobs = Jobs;
  // The cache's identity of this torch-tidy when there is a cache.
  if (Cache) {
    Preambles.Tool = Cache->tool();
  } else if (!Preambles.Dir.empty()) {
    static int Anchor;
    llvm::Expected<std::string> Tool =
        toolIdentity(llvm::sys::fs::getMainExecutable(argv[0], &Anchor));
    if (Tool)
      Preambles.Tool = std::move(*Tool);
    else
      llvm::consumeError(Tool.takeError());
  }
  const bool UsePreambles = !Preambles.Dir.empty() && !Preambles.Tool.empty();
  ParallelRunResult Run = runFiles(
      In.Files, *In.Compilations,
      [&](llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
        return createOptionsProvider(*Options, std::move(FS));
      },
      ParallelRunOptions{
          Jobs, Fix || FixErrors, Quiet, Project, Cache ? &*Cache : nullptr,
          UsePreambles ? &Preambles : nullptr,
          // One shard of one has every file's facts.
          In.Shard && In.Shard->Shard.Count > 1 ? PendingFindings::Withhold
                                                : PendingFindings::Decide,
          /*KeepOutcomes=*/In.Shard && Format == OutputFormat::Sarif});
  if (TemporaryPreambles)
    llvm::sys::fs::remove_directories(Preambles.Dir);
  if (Cache)
    Cache->trim();
  printReuse(Run, In.Files.size(), Cache);
  if (Run.Withheld > 0 && !Quiet)
    llvm::errs() << "torch-tidy: " << Run.Withheld << " finding"
                 << (Run.Withheld == 1 ? " depends" : "s depend")
                 << " on files of other shards; "
                 << (Run.Outcomes.empty()
                         ? "write this shard's SARIF log "
                           "(--output-format=sarif) for --merge-sarif to "
                           "decide them\n"
                         : "--merge-sarif decides them\n");
  return report(Run, In, In.Files.size(),
                Reporting{Context, Sarif, Changed, Known, BaseFS, Start});
}

} // namespace
