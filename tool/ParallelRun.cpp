#include "ParallelRun.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "DiagnosticSources.h"
#include "InputFile.h"
#include "SharedPreamble.h"
#include "TidyRunner.h"
#include "utils/ProjectIndex.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::torch_tidy {

namespace {

// The commands of one file, looked up before the file is dispatched.
class LookedUpCommands : public tooling::CompilationDatabase {
public:
  explicit LookedUpCommands(std::vector<tooling::CompileCommand> Commands)
      : Commands(std::move(Commands)) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(llvm::StringRef) const override {
    return Commands;
  }

private:
  std::vector<tooling::CompileCommand> Commands;
};

// Everything one file's run needs and produces; owned by the caller's
// vector, touched by one worker thread between dispatch and the wait.
struct FileRun {
  std::string AbsolutePath;
  std::vector<tooling::CompileCommand> Commands;
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS;
  std::unique_ptr<ClangTidyOptionsProvider> Provider;
  std::string Log; // the file's stderr lines
  TidyRunResult Result;
  ClangTidyStats Stats;
  project::FactsRecorder Recorder;
  ParsedContents Parsed; // with ApplyAnyFix
  FileReads Reads;       // with a cache
  bool FromCache = false;
  std::unique_ptr<ClangTidyContext> Context;
  ClangTidyOptions Options; // the file's effective options
  std::string Key;          // in the result cache
  std::string Pch;          // the shared preamble to parse with, if any
  // A second provider, for a parse without the preamble when the parse with
  // it failed.
  std::unique_ptr<ClangTidyOptionsProvider> SpareProvider;
  bool PchFailed = false;
};

// Replays the cached run of `Key`, if it is still valid.
bool replay(FileRun &Run, const ResultCache &Cache,
            const ParallelRunOptions &Options) {
  std::optional<CachedRun> Hit =
      Cache.lookup(Run.Key, Options.ApplyAnyFix ? &Run.Parsed : nullptr);
  if (!Hit)
    return false;
  Run.Result.ToolStatus = Hit->ToolStatus;
  Run.Result.Errors = std::move(Hit->Errors);
  Run.Log += Hit->Log;
  Run.Stats = Hit->Stats;
  if (Hit->Facts)
    Run.Recorder.Facts = std::move(*Hit->Facts);
  Run.FromCache = true;
  return true;
}

// The first step of a file's run: its context, and its cached run if any.
void lookUp(FileRun &Run, const ParallelRunOptions &Options) {
  Run.Context = std::make_unique<ClangTidyContext>(std::move(Run.Provider));
  Run.Options = Run.Context->getOptionsForFile(Run.AbsolutePath);
  if (!Options.Cache)
    return;
  Run.Key = Options.Cache->key({Run.AbsolutePath, Run.Commands, Run.Options,
                                Options.ApplyAnyFix, Options.Quiet,
                                Options.WholeProject});
  replay(Run, *Options.Cache, Options);
}

// Parses the file and runs the checks; returns what it logged.
std::string parse(FileRun &Run, const ParallelRunOptions &Options,
                  llvm::StringRef Pch) {
  std::optional<project::RecorderScope> Recording;
  if (Options.WholeProject)
    Recording.emplace(Run.Recorder);
  std::string Logged;
  llvm::raw_string_ostream Log(Logged);
  LookedUpCommands Compilations(Run.Commands);
  Run.Result = runTidy(*Run.Context, Compilations, Run.AbsolutePath, Run.FS,
                       Options.ApplyAnyFix, Options.Quiet, Log, Pch);
  return Logged;
}

// The second step of a file not replayed from the cache.
void analyse(FileRun &Run, const ParallelRunOptions &Options) {
  std::string Logged = parse(Run, Options, Run.Pch);
  // Whatever went wrong with the preamble, the file is parsed whole, as
  // without one; that attempt leaves nothing behind.
  if (Run.Result.ToolStatus == 1 && !Run.Pch.empty()) {
    Run.PchFailed = true;
    // The next run builds it again.
    llvm::SmallString<256> Manifest(Run.Pch);
    llvm::sys::path::remove_filename(Manifest);
    llvm::sys::path::append(Manifest, "manifest");
    llvm::sys::fs::remove(Manifest);
    Run.Recorder = project::FactsRecorder();
    Run.Reads = FileReads();
    Run.Context =
        std::make_unique<ClangTidyContext>(std::move(Run.SpareProvider));
    Logged = parse(Run, Options, "");
  }
  Run.Log += Logged;
  Run.Stats = Run.Context->getStats();
  Run.Recorder.finish();
  if (Options.Cache) {
    CachedRun Done{Run.Result.ToolStatus, Logged, Run.Stats, Run.Result.Errors,
                   std::nullopt};
    if (Options.WholeProject)
      Done.Facts = Run.Recorder.Facts;
    Options.Cache->store(Run.Key, Run.Reads, Run.Result.SystemFiles, Done);
  }
}

// The shared preambles of the files to parse.
void planFor(std::vector<FileRun> &Runs, llvm::ArrayRef<size_t> Dispatched,
             const PreambleOptions &Preambles, ParallelRunResult &Merged) {
  std::vector<PreambleInput> Inputs;
  for (size_t I : Dispatched)
    Inputs.push_back({Runs[I].AbsolutePath, &Runs[I].Commands, Runs[I].Options,
                      !Runs[I].FromCache});
  PreamblePlan Plan = planPreambles(Inputs, Preambles);
  for (size_t K = 0; K < Dispatched.size(); ++K)
    Runs[Dispatched[K]].Pch = std::move(Plan.Pch[K]);
  Merged.PreambleNotes = std::move(Plan.Notes);
}

// A finding's file made absolute as the facts name it (ProjectRecording.h).
std::string absolutePath(const ClangTidyError &E) {
  llvm::SmallString<256> Path(E.Message.FilePath);
  if (!Path.empty() && llvm::sys::path::is_relative(Path))
    llvm::sys::fs::make_absolute(E.BuildDirectory, Path);
  return std::string(Path);
}

// The verdicts on the findings the checks made conditional, by check and
// location.
class ProjectVerdicts {
public:
  ProjectVerdicts(llvm::ArrayRef<project::TranslationUnitFacts> Units,
                  llvm::ArrayRef<FileOutcome> Outcomes)
      : Exports(exportsFor(Units, Outcomes)), Index(Units, Exports) {
    // A finding under several conditions stands when each does.
    for (const project::TranslationUnitFacts &Unit : Units)
      for (const project::PendingFinding &F : Unit.Pending) {
        const project::Verdict V = Index.resolve(F);
        auto [It, New] = Verdicts.try_emplace(
            {F.Check, F.At.File, F.At.Offset, F.Message}, V);
        if (New)
          continue;
        It->second.Keep &= V.Keep;
        if (!It->second.Witness)
          It->second.Witness = V.Witness;
        if (!It->second.Dropout)
          It->second.Dropout = V.Dropout;
        if (!It->second.Unregistered)
          It->second.Unregistered = V.Unregistered;
        if (!It->second.Export)
          It->second.Export = V.Export;
        if (!It->second.TrainedLater)
          It->second.TrainedLater = V.TrainedLater;
      }
  }
  // False when the finding is dropped; adds the note at what decided it
  // in another file.
  bool apply(ClangTidyError &E, const std::string &Path) const {
    auto It = find(E, Path);
    if (It == Verdicts.end())
      return true;
    const project::Verdict &V = It->second;
    if (V.Keep && V.Witness)
      addNote(E, V.Witness->At,
              "the result is used here for inference without a grad guard; "
              "guard this call");
    if (V.Keep && V.Dropout)
      addNote(E, V.Dropout->At,
              "this dropout runs in training mode whatever the module's "
              "mode; pass is_training()");
    if (V.Keep && V.Unregistered)
      addNote(E, V.Unregistered->At,
              "'" + V.Unregistered->Member +
                  "' is not registered with register_module(); eval() on "
                  "its owner does not switch it");
    if (V.Keep && V.Export)
      addNote(E, {V.Export->File, V.Export->Offset},
              V.Export->Traced
                  ? "the file is traced here from a model in training mode: "
                    "any dropout or batch norm in it keeps its training "
                    "behaviour in the graph, which eval() after loading "
                    "cannot switch; call eval() on the model before tracing"
                  : "the file is saved here from a model in training mode, "
                    "which the loaded module keeps until eval()");
    if (V.Keep && V.TrainedLater)
      addNote(E, *V.TrainedLater,
              "a later call on the same object trains the model here, in "
              "eval mode: it never calls 'train()' first");
    return V.Keep;
  }

  // Whether the finding waits for a verdict on facts of other files.
  bool pending(const ClangTidyError &E, const std::string &Path) const {
    return find(E, Path) != Verdicts.end();
  }

private:
  using Key = std::tuple<std::string, std::string, unsigned, std::string>;

  std::map<Key, project::Verdict>::const_iterator
  find(const ClangTidyError &E, const std::string &Path) const {
    // A finding that shares its location with others of its check names
    // its text.
    auto It = Verdicts.find(
        {E.DiagnosticName, Path, E.Message.FileOffset, E.Message.Message});
    if (It == Verdicts.end())
      It = Verdicts.find({E.DiagnosticName, Path, E.Message.FileOffset, ""});
    return It;
  }

  static void addNote(ClangTidyError &E, const project::SourcePoint &At,
                      llvm::StringRef Text) {
    tooling::DiagnosticMessage Note(Text);
    Note.FilePath = At.File;
    Note.FileOffset = At.Offset;
    E.Notes.push_back(std::move(Note));
  }

  // The project's export scripts, read only when a TorchScript finding
  // waits for them: under the directory that holds the linted files and
  // the working directory.
  static std::vector<project::ScriptExport>
  exportsFor(llvm::ArrayRef<project::TranslationUnitFacts> Units,
             llvm::ArrayRef<FileOutcome> Outcomes) {
    const bool Wanted = llvm::any_of(Units, [](const auto &Unit) {
      return llvm::any_of(Unit.Pending, [](const project::PendingFinding &F) {
        return F.When == project::Condition::IfExportNeedsEval ||
               F.When == project::Condition::IfExportTracedInTraining;
      });
    });
    if (!Wanted)
      return {};
    std::vector<std::string> Files;
    for (const FileOutcome &Outcome : Outcomes) {
      llvm::SmallString<256> Path(Outcome.File);
      llvm::sys::fs::make_absolute(Path);
      Files.push_back(std::string(Path));
    }
    llvm::SmallString<256> Cwd;
    llvm::sys::fs::current_path(Cwd);
    const std::string Root = project::exportScriptRoot(Files, Cwd);
    return Root.empty() ? std::vector<project::ScriptExport>()
                        : project::findExportScripts(Root);
  }

  std::vector<project::ScriptExport> Exports;
  project::ProjectIndex Index;
  std::map<Key, project::Verdict> Verdicts;
};
void add(ClangTidyStats &Sum, const ClangTidyStats &S) {
  Sum.ErrorsDisplayed += S.ErrorsDisplayed;
  Sum.ErrorsIgnoredCheckFilter += S.ErrorsIgnoredCheckFilter;
  Sum.ErrorsIgnoredNOLINT += S.ErrorsIgnoredNOLINT;
  Sum.ErrorsIgnoredNonUserCode += S.ErrorsIgnoredNonUserCode;
  Sum.ErrorsIgnoredLineFilter += S.ErrorsIgnoredLineFilter;
}

// The first compile command's directory that is not a directory, if any.
const std::string *
missingDirectory(llvm::ArrayRef<tooling::CompileCommand> Commands) {
  for (const tooling::CompileCommand &C : Commands)
    if (!llvm::sys::fs::is_directory(C.Directory))
      return &C.Directory;
  return nullptr;
}

unsigned threadCount(unsigned Jobs, size_t Tasks) {
  const unsigned Wanted =
      Jobs ? Jobs : llvm::hardware_concurrency().compute_thread_count();
  return std::max(1u, static_cast<unsigned>(std::min<size_t>(Wanted, Tasks)));
}

} // namespace

void mergeOutcomes(llvm::ArrayRef<FileOutcome> Outcomes, bool WholeProject,
                   PendingFindings Pending, ParallelRunResult &Merged) {
  if (WholeProject)
    for (const FileOutcome &Outcome : Outcomes)
      Merged.Facts.push_back(Outcome.Facts);
  std::optional<ProjectVerdicts> Verdicts;
  if (WholeProject)
    Verdicts.emplace(Merged.Facts, Outcomes);
  // A header's finding comes from every file that includes the header.
  std::set<std::tuple<std::string, std::string, std::string, unsigned>> Seen;
  for (const FileOutcome &Outcome : Outcomes) {
    add(Merged.Stats, Outcome.Stats);
    const int Status = Outcome.ToolStatus;
    if (Status == 1 || (Status == 2 && Merged.ToolStatus == 0))
      Merged.ToolStatus = Status;
    bool Failed = Status != 0;
    for (ClangTidyError E : Outcome.Errors) {
      Failed |= isCompilerError(E);
      const std::string Path = absolutePath(E);
      const bool Withhold = Verdicts && Pending == PendingFindings::Withhold &&
                            Verdicts->pending(E, Path);
      if (!Withhold && Verdicts && !Verdicts->apply(E, Path))
        continue;
      if (!Seen.emplace(E.DiagnosticName, E.Message.Message, Path,
                        E.Message.FileOffset)
               .second)
        continue;
      if (Withhold)
        ++Merged.Withheld;
      else
        Merged.Errors.push_back(std::move(E));
    }
    Merged.FailedFiles += Failed;
  }
}

ParallelRunResult runFiles(llvm::ArrayRef<std::string> Files,
                           const tooling::CompilationDatabase &Compilations,
                           const OptionsProviderFactory &MakeProvider,
                           const ParallelRunOptions &Options) {
  std::vector<FileRun> Runs(Files.size());
  std::vector<size_t> ToDispatch;
  for (size_t I = 0; I < Files.size(); ++I) {
    FileRun &Run = Runs[I];
    llvm::raw_string_ostream Log(Run.Log);
    // ClangTool changes its file system's working directory to each compile
    // command's: a file system of its own per file, not linked to the
    // process's working directory, keeps the threads apart.
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Disk =
        llvm::vfs::createPhysicalFileSystem();
    if (Options.ApplyAnyFix)
      Disk = recordingFileSystem(std::move(Disk), Run.Parsed);
    if (Options.Cache)
      Disk = observingFileSystem(std::move(Disk), Run.Reads.observer());
    Run.FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
        std::move(Disk));
    auto Absolute = tooling::getAbsolutePath(*Run.FS, Files[I]);
    // ClangTool's messages, word for word, for the cases it would skip.
    if (!Absolute) {
      Log << "Skipping " << Files[I] << ". Error while getting an absolute "
          << "path: " << llvm::toString(Absolute.takeError()) << "\n";
      Run.Result.ToolStatus = 1;
      continue;
    }
    Run.AbsolutePath = std::move(*Absolute);
    Run.Commands = Compilations.getCompileCommands(Run.AbsolutePath);
    if (Run.Commands.empty()) {
      Log << "Skipping " << Run.AbsolutePath
          << ". Compile command not found.\n";
      Run.Result.ToolStatus = 2;
      continue;
    }
    // ClangTool would abort the whole process ("Cannot chdir"): this file
    // is an error, the others are linted.
    if (const std::string *Missing = missingDirectory(Run.Commands)) {
      Log << "error: cannot lint " << Run.AbsolutePath
          << ": the directory of its compile command, '" << *Missing
          << "', does not exist\n";
      Run.Result.ToolStatus = 1;
      continue;
    }
    // The compiler would wait for a FIFO's writer, or read a device forever.
    if (std::optional<std::string> Bad = notARegularFile(Run.AbsolutePath)) {
      Log << "error: cannot lint " << Run.AbsolutePath << ": " << *Bad << "\n";
      Run.Result.ToolStatus = 1;
      continue;
    }
    // ClangTool's progress line, which it prints for a list of files.
    if (Files.size() > 1)
      Log << "[" << I + 1 << "/" << Files.size() << "] Processing file "
          << Run.AbsolutePath << ".\n";
    Run.Provider = MakeProvider(Run.FS);
    if (Options.Preambles)
      Run.SpareProvider = MakeProvider(Run.FS);
    ToDispatch.push_back(I);
  }

  ParallelRunResult Merged;
  const llvm::ThreadPoolStrategy Threads =
      llvm::hardware_concurrency(threadCount(Options.Jobs, ToDispatch.size()));
  // The cache first: the files it replays need no preamble.
  {
    llvm::DefaultThreadPool Pool(Threads);
    for (size_t I : ToDispatch)
      Pool.async([&Run = Runs[I], &Options] { lookUp(Run, Options); });
    Pool.wait();
  }
  std::vector<size_t> ToParse;
  for (size_t I : ToDispatch)
    if (!Runs[I].FromCache)
      ToParse.push_back(I);
  if (Options.Preambles && !ToParse.empty())
    planFor(Runs, ToDispatch, *Options.Preambles, Merged);

  // Printed in list order as the files finish: the output is the same for
  // any -j, and a long run still shows its progress.
  std::vector<std::optional<std::shared_future<void>>> Done(Files.size());
  {
    llvm::DefaultThreadPool Pool(Threads);
    for (size_t I : ToParse)
      Done[I] =
          Pool.async([&Run = Runs[I], &Options] { analyse(Run, Options); });
    for (size_t I = 0; I < Files.size(); ++I) {
      if (Done[I])
        Done[I]->wait();
      llvm::errs() << Runs[I].Log;
    }
  }

  std::vector<FileOutcome> Outcomes(Runs.size());
  for (size_t I = 0; I < Runs.size(); ++I) {
    FileRun &Run = Runs[I];
    Merged.CachedFiles += Run.FromCache;
    Merged.PreambleFallbacks += Run.PchFailed;
    Merged.Parsed.merge(Run.Parsed);
    Outcomes[I] = {
        Files[I],  std::move(Run.Log),           Run.Result.ToolStatus,
        Run.Stats, std::move(Run.Result.Errors), std::move(Run.Recorder.Facts)};
  }
  mergeOutcomes(Outcomes, Options.WholeProject, Options.Pending, Merged);
  if (Options.KeepOutcomes)
    Merged.Outcomes = std::move(Outcomes);
  return Merged;
}

} // namespace clang::tidy::torch_tidy
