#include "Shards.h"

#include <algorithm>
#include <map>

#include "DiagnosticSources.h"
#include "ErrorJson.h"
#include "InputFile.h"
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
constexpr int64_t LayoutVersion = 2;

// The outcome of the file at project path `File`.
// A file's outcome and its position in the run's file list.
struct Unit {
  size_t Position = 0;
  FileOutcome Outcome;
};

// The outcome of the file at project path `File`. The log lines matter
// only when the file could not be linted: the merge prints them.
json::Value unitToJSON(const FileOutcome &O, size_t Position, std::string File,
                       bool WholeProject) {
  json::Array Errors;
  for (const ClangTidyError &E : O.Errors)
    Errors.push_back(errorToJSON(E));
  json::Object Unit{{"position", static_cast<int64_t>(Position)},
                    {"file", std::move(File)},
                    {"status", O.ToolStatus},
                    {"stats", statsToJSON(O.Stats)},
                    {"errors", std::move(Errors)}};
  if (O.ToolStatus != 0)
    Unit["log"] = O.Log;
  if (WholeProject)
    Unit["facts"] = project::toJSON(O.Facts);
  return Unit;
}

bool unitFromJSON(const json::Value &V, Unit &U, bool WholeProject,
                  json::Path P) {
  json::ObjectMapper M(V, P);
  FileOutcome &O = U.Outcome;
  uint64_t Position = 0;
  if (!M || !M.map("position", Position) || !M.map("file", O.File) ||
      !M.map("status", O.ToolStatus) || !M.mapOptional("log", O.Log))
    return false;
  U.Position = Position;
  const json::Object *Object = V.getAsObject();
  const json::Value *Stats = Object->get("stats");
  const json::Array *Errors = Object->getArray("errors");
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
                      {"tool", H.Tool},
                      {"shard", H.Shard.Index},
                      {"of", H.Shard.Count},
                      {"root", H.Root},
                      {"fileList", H.FileList},
                      {"order", H.Order},
                      {"files", static_cast<int64_t>(H.Files)},
                      {"wholeProject", H.WholeProject},
                      {"checks", H.Checks}};
}

// The header, read field by field: a log of another layout or torch-tidy
// is named as such before anything else is read.
bool headerFromJSON(const json::Value &V, ShardHeader &H, json::Path P) {
  json::ObjectMapper M(V, P);
  int64_t Layout = 0;
  uint64_t Files = 0, Index = 0, Count = 0;
  if (!M || !M.map("layout", Layout) || !M.map("tool", H.Tool))
    return false;
  if (Layout != LayoutVersion) {
    P.field("layout").report("a layout this torch-tidy does not read");
    return false;
  }
  if (!M.map("shard", Index) || !M.map("of", Count) || !M.map("root", H.Root) ||
      !M.map("fileList", H.FileList) || !M.map("order", H.Order) ||
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
  std::vector<Unit> Units;
};

llvm::Error readError(llvm::StringRef Path, const llvm::Twine &Problem) {
  return llvm::createStringError("'" + Path + "': " + Problem);
}

// The shard data of a SARIF log (an object), or null.
const json::Value *shardBag(const json::Value &Log) {
  if (const json::Object *Root = Log.getAsObject())
    if (const json::Array *Runs = Root->getArray("runs"))
      if (Runs->size() == 1)
        if (const json::Object *Run = Runs->front().getAsObject())
          if (const json::Object *Properties = Run->getObject("properties"))
            if (const json::Value *Bag = Properties->get(PropertyKey))
              return Bag->getAsObject() ? Bag : nullptr;
  return nullptr;
}

llvm::Error damaged(llvm::StringRef Path, json::Path::Root &Where) {
  return readError(Path,
                   "damaged shard data: " + llvm::toString(Where.getError()));
}

llvm::Expected<ShardLog> readShardLog(llvm::StringRef Path,
                                      llvm::StringRef Tool) {
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> Text =
      readInputFile(Path, LogSizeLimit);
  if (!Text)
    return readError(Path, llvm::toString(Text.takeError()));
  llvm::Expected<json::Value> Log = json::parse((*Text)->getBuffer());
  if (!Log)
    return readError(Path,
                     "not a JSON file: " + llvm::toString(Log.takeError()));
  const json::Value *Bag = shardBag(*Log);
  if (!Bag)
    return readError(Path, "not the SARIF log of a torch-tidy shard (made "
                           "with --shard K/N --output-format=sarif)");
  ShardLog Read;
  Read.Path = Path.str();
  json::Path::Root Where(PropertyKey);
  if (!headerFromJSON(*Bag, Read.Header, json::Path(Where))) {
    if (!Read.Header.Tool.empty() && Read.Header.Tool != Tool)
      return readError(Path, "made by torch-tidy " + Read.Header.Tool +
                                 ", not by this torch-tidy (" + Tool + ")");
    return damaged(Path, Where);
  }
  if (Read.Header.Tool != Tool)
    return readError(Path, "made by torch-tidy " + Read.Header.Tool +
                               ", not by this torch-tidy (" + Tool + ")");
  const json::Array *Units = Bag->getAsObject()->getArray("units");
  if (!Units) {
    json::Path(Where).field("units").report("expected an array");
    return damaged(Path, Where);
  }
  for (size_t I = 0; I < Units->size(); ++I) {
    Unit U;
    if (!unitFromJSON((*Units)[I], U, Read.Header.WholeProject,
                      json::Path(Where).field("units").index(I)))
      return damaged(Path, Where);
    Read.Units.push_back(std::move(U));
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
  if (A.Checks != B.Checks)
    return "'" + Log.Path + "' runs other checks than '" + First.Path +
           "' (another --checks or configuration)";
  return std::nullopt;
}

// Checks that the logs are the N shards of one run, each once.
llvm::Error checkShards(llvm::ArrayRef<ShardLog> Logs, llvm::StringRef Root) {
  std::map<unsigned, const ShardLog *> ByIndex;
  for (const ShardLog &Log : Logs) {
    if (Log.Header.Root != Root)
      return readError(Log.Path,
                       "made in the project root '" + Log.Header.Root +
                           "', not '" + Root +
                           "': merge in the same checkout path, or pass its "
                           "--project-root");
    if (std::optional<std::string> Problem = mismatch(Logs.front(), Log))
      return llvm::createStringError(*Problem);
    auto [It, New] = ByIndex.try_emplace(Log.Header.Shard.Index, &Log);
    if (!New)
      return llvm::createStringError(
          llvm::formatv("shard {0}/{1} is given twice: '{2}' and '{3}'",
                        Log.Header.Shard.Index, Log.Header.Shard.Count,
                        It->second->Path, Log.Path)
              .str());
  }
  // With fewer logs than shards, one of the first Logs.size() + 1 is
  // missing.
  const unsigned Count = Logs.front().Header.Shard.Count;
  for (unsigned K = 1; K <= Count && K <= Logs.size() + 1; ++K)
    if (!ByIndex.count(K))
      return llvm::createStringError(
          llvm::formatv("shard {0}/{1} is missing: every shard's log is "
                        "needed to decide the findings",
                        K, Count)
              .str());
  return llvm::Error::success();
}

// Puts the units in the run's order: their positions when every shard
// listed the files in one order, else their paths. Fails on a file given
// twice.
llvm::Error orderUnits(std::vector<Unit> &Units, bool SameOrder, size_t Files) {
  llvm::sort(Units, [](const Unit &A, const Unit &B) {
    return A.Outcome.File < B.Outcome.File;
  });
  for (size_t I = 1; I < Units.size(); ++I)
    if (Units[I].Outcome.File == Units[I - 1].Outcome.File)
      return llvm::createStringError("'" + Units[I].Outcome.File +
                                     "' is in more than one shard's log");
  if (Units.size() != Files)
    return llvm::createStringError(
        llvm::formatv("the shards' logs hold {0} files of the run's {1}",
                      Units.size(), Files)
            .str());
  if (!SameOrder)
    return llvm::Error::success();
  llvm::sort(Units, [](const Unit &A, const Unit &B) {
    return A.Position < B.Position;
  });
  for (size_t I = 0; I < Units.size(); ++I)
    if (Units[I].Position != I)
      return llvm::createStringError(
          "damaged shard data: the files' positions are not those of one list");
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

std::vector<size_t> shardPositions(llvm::ArrayRef<std::string> Files,
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
  std::vector<size_t> Positions;
  for (size_t Rank = Begin; Rank < End; ++Rank)
    Positions.push_back(ByPath[Rank].second);
  llvm::sort(Positions);
  return Positions;
}

ShardHeader shardHeader(const ShardSpec &Shard,
                        llvm::ArrayRef<std::string> Files,
                        llvm::StringRef Root) {
  ShardHeader H;
  H.Shard = Shard;
  H.Root = Root.str();
  H.Files = Files.size();
  std::vector<std::string> Paths;
  KeyHasher Order;
  for (const std::string &File : Files) {
    Paths.push_back(projectPath(File, Root));
    Order.add(Paths.back());
  }
  H.Order = Order.hex();
  llvm::sort(Paths);
  KeyHasher List;
  for (const std::string &Path : Paths)
    List.add(Path);
  H.FileList = List.hex();
  return H;
}

void attachShard(json::Value &Log, const ShardHeader &Header,
                 llvm::ArrayRef<size_t> Positions,
                 llvm::ArrayRef<FileOutcome> Outcomes) {
  json::Value Bag = headerToJSON(Header);
  json::Array Units;
  for (size_t I = 0; I < Outcomes.size(); ++I)
    Units.push_back(unitToJSON(Outcomes[I], Positions[I],
                               projectPath(Outcomes[I].File, Header.Root),
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
    llvm::Expected<ShardLog> Log = readShardLog(Path, Tool);
    if (!Log)
      return Log.takeError();
    Logs.push_back(std::move(*Log));
  }
  if (llvm::Error Problem = checkShards(Logs, Root))
    return std::move(Problem);

  const ShardHeader &Header = Logs.front().Header;
  bool SameOrder = true;
  std::vector<Unit> Units;
  for (ShardLog &Log : Logs) {
    SameOrder &= Log.Header.Order == Header.Order;
    std::move(Log.Units.begin(), Log.Units.end(), std::back_inserter(Units));
  }
  if (llvm::Error Problem = orderUnits(Units, SameOrder, Header.Files))
    return std::move(Problem);
  MergedShards Merged;
  std::vector<FileOutcome> Outcomes;
  for (Unit &U : Units) {
    Merged.Log += U.Outcome.Log;
    Outcomes.push_back(std::move(U.Outcome));
  }
  mergeOutcomes(Outcomes, Header.WholeProject, PendingFindings::Decide,
                Merged.Run);
  Merged.Checks = Header.Checks;
  Merged.Files = Outcomes.size();
  return Merged;
}

} // namespace clang::tidy::torch_tidy
