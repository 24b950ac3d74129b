#include "Shards.h"

#include <algorithm>
#include <set>

#include "DiagnosticSources.h"
#include "ErrorJson.h"
#include "KeyHasher.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

namespace clang::tidy::torch_tidy {

namespace json = llvm::json;

namespace {

// The key of the run's property bag that holds a shard's data, and the
// version of its layout.
constexpr llvm::StringLiteral PropertyKey = "torch-tidy/shard";
constexpr int64_t LayoutVersion = 1;

// The outcome of the file at project path `File`.
json::Value outcomeToJSON(const FileOutcome &O, std::string File,
                          bool WholeProject) {
  json::Array Errors;
  for (const ClangTidyError &E : O.Errors)
    Errors.push_back(errorToJSON(E));
  json::Object Unit{{"file", std::move(File)},
                    {"status", O.ToolStatus},
                    {"stats", statsToJSON(O.Stats)},
                    {"errors", std::move(Errors)}};
  if (WholeProject)
    Unit["facts"] = project::toJSON(O.Facts);
  return Unit;
}

bool outcomeFromJSON(const json::Value &V, FileOutcome &O, bool WholeProject,
                     json::Path P) {
  json::ObjectMapper M(V, P);
  if (!M || !M.map("file", O.File) || !M.map("status", O.ToolStatus))
    return false;
  const json::Object *Unit = V.getAsObject();
  const json::Value *Stats = Unit->get("stats");
  const json::Array *Errors = Unit->getArray("errors");
  if (!Stats || !statsFromJSON(*Stats, O.Stats, P.field("stats")))
    return false;
  if (!Errors) {
    P.field("errors").report("expected an array");
    return false;
  }
  for (size_t I = 0; I < Errors->size(); ++I) {
    ClangTidyError E("", ClangTidyError::Warning, "", false);
    if (!errorFromJSON((*Errors)[I], E, P.field("errors").index(I)))
      return false;
    O.Errors.push_back(std::move(E));
  }
  return !WholeProject || M.map("facts", O.Facts);
}

json::Value headerToJSON(const ShardHeader &H) {
  return json::Object{{"layout", LayoutVersion},
                      {"shard", H.Shard.Index},
                      {"of", H.Shard.Count},
                      {"tool", H.Tool},
                      {"root", H.Root},
                      {"fileList", H.FileList},
                      {"files", static_cast<int64_t>(H.Files)},
                      {"wholeProject", H.WholeProject},
                      {"checks", H.Checks}};
}

bool headerFromJSON(const json::Value &V, ShardHeader &H, json::Path P) {
  json::ObjectMapper M(V, P);
  int64_t Layout = 0;
  uint64_t Files = 0, Index = 0, Count = 0;
  if (!M || !M.map("layout", Layout))
    return false;
  if (Layout != LayoutVersion) {
    P.field("layout").report("a layout this torch-tidy does not read");
    return false;
  }
  if (!M.map("shard", Index) || !M.map("of", Count) || !M.map("tool", H.Tool) ||
      !M.map("root", H.Root) || !M.map("fileList", H.FileList) ||
      !M.map("files", Files) || !M.map("wholeProject", H.WholeProject) ||
      !M.map("checks", H.Checks))
    return false;
  H.Files = Files;
  if (Index < 1 || Index > Count || Count > UINT32_MAX) {
    P.field("shard").report("not a shard of 'of'");
    return false;
  }
  H.Shard = {static_cast<unsigned>(Index), static_cast<unsigned>(Count)};
  return true;
}

// One shard's log, read back.
struct ShardLog {
  std::string Path;
  ShardHeader Header;
  std::vector<FileOutcome> Outcomes;
};

llvm::Error readError(llvm::StringRef Path, const llvm::Twine &Problem) {
  return llvm::createStringError("'" + Path + "': " + Problem);
}

llvm::Expected<ShardLog> readShardLog(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Text)
    return readError(Path, "cannot read it: " + Text.getError().message());
  llvm::Expected<json::Value> Log = json::parse((*Text)->getBuffer());
  if (!Log)
    return readError(Path,
                     "not a JSON file: " + llvm::toString(Log.takeError()));
  const json::Value *Bag = nullptr;
  if (const json::Object *Root = Log->getAsObject())
    if (const json::Array *Runs = Root->getArray("runs"))
      if (Runs->size() == 1)
        if (const json::Object *Run = Runs->front().getAsObject())
          if (const json::Object *Properties = Run->getObject("properties"))
            Bag = Properties->get(PropertyKey);
  if (!Bag)
    return readError(Path, "not the SARIF log of a torch-tidy shard (made "
                           "with --shard K/N --output-format=sarif)");
  ShardLog Read;
  Read.Path = Path.str();
  json::Path::Root Where(PropertyKey);
  const json::Object *Shard = Bag->getAsObject();
  const json::Array *Units = Shard ? Shard->getArray("units") : nullptr;
  bool Valid =
      Shard && Units && headerFromJSON(*Bag, Read.Header, json::Path(Where));
  for (size_t I = 0; Valid && I < Units->size(); ++I) {
    FileOutcome O;
    Valid = outcomeFromJSON((*Units)[I], O, Read.Header.WholeProject,
                            json::Path(Where).field("units").index(I));
    Read.Outcomes.push_back(std::move(O));
  }
  if (!Valid) {
    llvm::Error Problem = Where.getError();
    return readError(Path, "damaged shard data: " +
                               llvm::toString(std::move(Problem)));
  }
  return Read;
}

// A log that belongs to another run than the first log.
std::optional<std::string> mismatch(const ShardLog &First,
                                    const ShardLog &Log) {
  const ShardHeader &A = First.Header, &B = Log.Header;
  if (A.Shard.Count != B.Shard.Count)
    return llvm::formatv("'{0}' is a shard of {1}, '{2}' of {3}", First.Path,
                         A.Shard.Count, Log.Path, B.Shard.Count)
        .str();
  if (A.FileList != B.FileList || A.Files != B.Files ||
      A.WholeProject != B.WholeProject)
    return "'" + Log.Path + "' lints other files than '" + First.Path +
           "' (another compilation database, --files or -p)";
  return std::nullopt;
}

// Checks that the logs are the N shards of one run, each once.
llvm::Error checkShards(llvm::ArrayRef<ShardLog> Logs, llvm::StringRef Root,
                        llvm::StringRef Tool) {
  std::vector<const ShardLog *> ByIndex(Logs.front().Header.Shard.Count);
  for (const ShardLog &Log : Logs) {
    if (Log.Header.Tool != Tool)
      return readError(Log.Path, "made by torch-tidy " + Log.Header.Tool +
                                     ", not by this torch-tidy (" + Tool + ")");
    if (Log.Header.Root != Root)
      return readError(Log.Path,
                       "made in the project root '" + Log.Header.Root +
                           "', not '" + Root +
                           "': merge in the same checkout path, or pass its "
                           "--project-root");
    if (std::optional<std::string> Problem = mismatch(Logs.front(), Log))
      return llvm::createStringError(*Problem);
    const ShardLog *&Slot = ByIndex[Log.Header.Shard.Index - 1];
    if (Slot)
      return llvm::createStringError(
          llvm::formatv("shard {0}/{1} is given twice: '{2}' and '{3}'",
                        Log.Header.Shard.Index, Log.Header.Shard.Count,
                        Slot->Path, Log.Path)
              .str());
    Slot = &Log;
  }
  for (size_t I = 0; I < ByIndex.size(); ++I)
    if (!ByIndex[I])
      return llvm::createStringError(
          llvm::formatv("shard {0}/{1} is missing: every shard's log is "
                        "needed to decide the findings",
                        I + 1, ByIndex.size())
              .str());
  return llvm::Error::success();
}

} // namespace

std::optional<ShardSpec> parseShardSpec(llvm::StringRef Text) {
  auto [K, N] = Text.split('/');
  ShardSpec Spec;
  if (K.empty() || N.empty() || !llvm::all_of(K, llvm::isDigit) ||
      !llvm::all_of(N, llvm::isDigit) || K.getAsInteger(10, Spec.Index) ||
      N.getAsInteger(10, Spec.Count) || Spec.Index < 1 ||
      Spec.Index > Spec.Count)
    return std::nullopt;
  return Spec;
}

std::string projectPath(llvm::StringRef File, llvm::StringRef Root) {
  const std::string Absolute = absolutePath(File, "");
  std::string Dir = absolutePath(Root, "");
  if (!llvm::StringRef(Dir).ends_with("/"))
    Dir += '/';
  llvm::StringRef Relative(Absolute);
  if (Relative.consume_front(Dir) && !Relative.empty())
    return Relative.str();
  return Absolute;
}

std::vector<std::string> shardFiles(llvm::ArrayRef<std::string> Files,
                                    llvm::StringRef Root,
                                    const ShardSpec &Shard) {
  std::vector<std::pair<std::string, size_t>> ByPath;
  for (size_t I = 0; I < Files.size(); ++I)
    ByPath.emplace_back(projectPath(Files[I], Root), I);
  llvm::sort(ByPath);
  // Shard K holds ranks [(K-1)F/N, KF/N).
  const uint64_t Count = Files.size();
  const size_t Begin = (Shard.Index - 1) * Count / Shard.Count;
  const size_t End = Shard.Index * Count / Shard.Count;
  std::vector<size_t> Kept;
  for (size_t Rank = Begin; Rank < End; ++Rank)
    Kept.push_back(ByPath[Rank].second);
  llvm::sort(Kept);
  std::vector<std::string> Selected;
  for (size_t I : Kept)
    Selected.push_back(Files[I]);
  return Selected;
}

std::string fileListId(llvm::ArrayRef<std::string> Files,
                       llvm::StringRef Root) {
  std::set<std::string> Sorted;
  for (const std::string &File : Files)
    Sorted.insert(projectPath(File, Root));
  KeyHasher H;
  for (const std::string &Path : Sorted)
    H.add(Path);
  return H.hex();
}

void attachShard(json::Value &Log, const ShardHeader &Header,
                 llvm::ArrayRef<FileOutcome> Outcomes) {
  json::Value Bag = headerToJSON(Header);
  json::Array Units;
  for (const FileOutcome &O : Outcomes)
    Units.push_back(outcomeToJSON(O, projectPath(O.File, Header.Root),
                                  Header.WholeProject));
  Bag.getAsObject()->try_emplace("units", std::move(Units));
  json::Object &Run =
      *Log.getAsObject()->getArray("runs")->front().getAsObject();
  json::Object *Properties = Run.getObject("properties");
  if (!Properties)
    Properties = Run.try_emplace("properties", json::Object())
                     .first->second.getAsObject();
  (*Properties)[PropertyKey] = std::move(Bag);
}

llvm::Expected<MergedShards> mergeShardLogs(llvm::ArrayRef<std::string> Paths,
                                            llvm::StringRef Root,
                                            llvm::StringRef Tool) {
  std::vector<ShardLog> Logs;
  for (const std::string &Path : Paths) {
    llvm::Expected<ShardLog> Log = readShardLog(Path);
    if (!Log)
      return Log.takeError();
    Logs.push_back(std::move(*Log));
  }
  if (llvm::Error Problem = checkShards(Logs, Root, Tool))
    return std::move(Problem);

  MergedShards Merged;
  std::vector<FileOutcome> Outcomes;
  std::set<std::string> Checks;
  for (ShardLog &Log : Logs) {
    Checks.insert(Log.Header.Checks.begin(), Log.Header.Checks.end());
    std::move(Log.Outcomes.begin(), Log.Outcomes.end(),
              std::back_inserter(Outcomes));
  }
  llvm::sort(Outcomes, [](const FileOutcome &A, const FileOutcome &B) {
    return A.File < B.File;
  });
  for (size_t I = 1; I < Outcomes.size(); ++I)
    if (Outcomes[I].File == Outcomes[I - 1].File)
      return llvm::createStringError("'" + Outcomes[I].File +
                                     "' is in more than one shard's log");
  const ShardHeader &Header = Logs.front().Header;
  if (Outcomes.size() != Header.Files)
    return llvm::createStringError(
        llvm::formatv("the shards' logs hold {0} files of the run's {1}",
                      Outcomes.size(), Header.Files)
            .str());
  mergeOutcomes(Outcomes, Header.WholeProject, PendingFindings::Decide,
                Merged.Run);
  Merged.Checks.assign(Checks.begin(), Checks.end());
  Merged.Files = Outcomes.size();
  return Merged;
}

} // namespace clang::tidy::torch_tidy
