#include "ResultCache.h"

#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <sys/stat.h>

#include "AtomicOutput.h"
#include "ErrorJson.h"
#include "KeyHasher.h"
#include "clang/Basic/Version.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::torch_tidy {

namespace json = llvm::json;
namespace fs = llvm::sys::fs;

namespace {

// The format named on an entry's first line.
constexpr llvm::StringLiteral Format = "torch-tidy-cache 1";

// The variables the driver reads to find headers.
constexpr llvm::StringLiteral DriverVariables[] = {"CPATH",
                                                   "C_INCLUDE_PATH",
                                                   "CPLUS_INCLUDE_PATH",
                                                   "OBJC_INCLUDE_PATH",
                                                   "OBJCPLUS_INCLUDE_PATH",
                                                   "CCC_OVERRIDE_OPTIONS",
                                                   "SDKROOT"};

json::Value runToJSON(const CachedRun &Run) {
  json::Array Errors;
  for (const ClangTidyError &E : Run.Errors)
    Errors.push_back(errorToJSON(E));
  json::Value Facts = nullptr;
  if (Run.Facts)
    Facts = project::toJSON(*Run.Facts);
  return json::Object{{"status", Run.ToolStatus},
                      {"log", Run.Log},
                      {"stats", statsToJSON(Run.Stats)},
                      {"errors", std::move(Errors)},
                      {"facts", std::move(Facts)}};
}

std::optional<CachedRun> runFromJSON(const json::Value *V) {
  const json::Object *O = V ? V->getAsObject() : nullptr;
  if (!O)
    return std::nullopt;
  CachedRun Run;
  json::Path::Root Root;
  json::Path P(Root);
  std::optional<int64_t> Status = O->getInteger("status");
  std::optional<llvm::StringRef> Log = O->getString("log");
  const json::Value *Stats = O->get("stats");
  const json::Array *Errors = O->getArray("errors");
  const json::Value *Facts = O->get("facts");
  if (!Status || !Log || !Stats || !Errors || !Facts ||
      !statsFromJSON(*Stats, Run.Stats, P))
    return std::nullopt;
  Run.ToolStatus = static_cast<int>(*Status);
  Run.Log = Log->str();
  for (const json::Value &E : *Errors) {
    ClangTidyError &Error =
        Run.Errors.emplace_back("", ClangTidyError::Warning, "", false);
    if (!errorFromJSON(E, Error, P))
      return std::nullopt;
  }
  if (Facts->kind() != json::Value::Null &&
      !project::fromJSON(*Facts, Run.Facts.emplace(), P))
    return std::nullopt;
  return Run;
}

// Marks an entry used now: trim() removes the least recently used first.
void touch(const std::string &Path) {
  (void)::utimensat(AT_FDCWD, Path.c_str(), nullptr, 0);
}

} // namespace

llvm::Expected<std::string> toolIdentity(llvm::StringRef Executable) {
  // The executable by size and modification time: a rebuilt torch-tidy of
  // the same version (a developer's) does not replay its predecessor.
  fs::file_status Status;
  if (std::error_code EC = fs::status(Executable, Status))
    return llvm::createStringError("cannot read '" + Executable +
                                   "': " + EC.message());
  std::string Tool;
  llvm::raw_string_ostream(Tool)
      << TORCH_TIDY_VERSION << ' ' << TORCH_TIDY_GIT_DESCRIBE << ' '
      << getClangFullVersion() << ' ' << Executable << ' ' << Status.getSize()
      << ' ' << nanoseconds(Status.getLastModificationTime());
  return Tool;
}

void addDriverEnvironment(KeyHasher &H) {
  for (llvm::StringRef Name : DriverVariables)
    H.add(llvm::sys::Process::GetEnv(Name).value_or("\1unset"));
}

std::string ResultCache::defaultDirectory() {
  llvm::SmallString<256> Dir;
  if (std::optional<std::string> Xdg =
          llvm::sys::Process::GetEnv("XDG_CACHE_HOME");
      Xdg && llvm::sys::path::is_absolute(*Xdg)) {
    Dir = *Xdg;
  } else if (std::optional<std::string> Home =
                 llvm::sys::Process::GetEnv("HOME");
             Home && !Home->empty()) {
    Dir = *Home;
    llvm::sys::path::append(Dir, ".cache");
  } else {
    return "";
  }
  llvm::sys::path::append(Dir, "torch-tidy");
  return std::string(Dir);
}

llvm::Expected<ResultCache> ResultCache::open(llvm::StringRef Dir,
                                              uint64_t SizeLimit,
                                              llvm::StringRef Executable) {
  llvm::SmallString<256> Absolute(Dir);
  if (std::error_code EC = fs::make_absolute(Absolute))
    return llvm::errorCodeToError(EC);
  if (std::error_code EC = fs::create_directories(Absolute))
    return llvm::createStringError("cannot create '" + Absolute +
                                   "': " + EC.message());
  if (!fs::is_directory(Absolute))
    return llvm::createStringError("cannot create '" + Absolute +
                                   "': it is not a directory");
  if (std::error_code EC = fs::access(Absolute, fs::AccessMode::Write))
    return llvm::createStringError("'" + Absolute +
                                   "' is not writable: " + EC.message());
  llvm::Expected<std::string> Tool = toolIdentity(Executable);
  if (!Tool)
    return Tool.takeError();
  return ResultCache(std::string(Absolute), SizeLimit, std::move(*Tool));
}

std::string ResultCache::key(const CacheKeyInputs &In) const {
  KeyHasher H;
  H.add(Tool).add(In.File).add(configurationAsText(In.Options));
  for (const tooling::CompileCommand &C : In.Commands) {
    H.add(C.Directory).add(C.Filename).add(C.Output);
    H.add(std::to_string(C.CommandLine.size()));
    for (const std::string &Arg : C.CommandLine)
      H.add(Arg);
  }
  H.add(In.ApplyAnyFix ? "fix" : "").add(In.Quiet ? "quiet" : "");
  H.add(In.WholeProject ? "project" : "");
  addDriverEnvironment(H);
  return H.hex();
}

std::string ResultCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Key.take_front(2), Key.drop_front(2));
  return std::string(Path);
}

std::optional<CachedRun> ResultCache::lookup(llvm::StringRef Key,
                                             ParsedContents *ParsedInto) const {
  const std::string Path = entryPath(Key);
  auto Text = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                          /*RequiresNullTerminator=*/false);
  if (!Text)
    return std::nullopt;
  std::optional<json::Value> Body = unsealText(Format, (*Text)->getBuffer());
  const json::Object *O = Body ? Body->getAsObject() : nullptr;
  if (!O || O->getString("key") != Key)
    return std::nullopt;
  // Checked into a copy: a miss must not leave records of files not parsed.
  ParsedContents Parsed;
  if (!readsUnchanged(*O, ParsedInto ? &Parsed : nullptr))
    return std::nullopt;
  std::optional<CachedRun> Run = runFromJSON(O->get("run"));
  if (!Run)
    return std::nullopt;
  if (ParsedInto)
    ParsedInto->merge(Parsed);
  touch(Path);
  return Run;
}

void ResultCache::store(llvm::StringRef Key, const FileReads &Reads,
                        const std::set<llvm::sys::fs::UniqueID> &SystemFiles,
                        const CachedRun &Run) const {
  if (Run.ToolStatus != 0 || Reads.changedDuringRun())
    return;
  json::Object Body{{"key", Key}, {"run", runToJSON(Run)}};
  // The shared preambles (under the cache) are compared by time: one that
  // was rebuilt is another input.
  readsToJSON(Reads, SystemFiles, Dir, Body);
  const std::string Text = sealedText(Format, std::move(Body));
  const std::string Path = entryPath(Key);
  llvm::SmallString<256> EntryDir(Path);
  llvm::sys::path::remove_filename(EntryDir);
  if (!fs::create_directories(EntryDir))
    llvm::consumeError(replaceFile(Path, Text));
}

void ResultCache::trim() const {
  struct Entry {
    std::string Path;
    uint64_t Size;
    llvm::sys::TimePoint<> Used;
  };
  std::vector<Entry> Entries;
  uint64_t Total = 0;
  const auto Now = std::chrono::system_clock::now();
  std::error_code EC;
  for (fs::recursive_directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    fs::file_status Status;
    if (It->type() == fs::file_type::directory_file ||
        fs::status(It->path(), Status) ||
        Status.type() != fs::file_type::regular_file)
      continue;
    const bool Temporary =
        llvm::sys::path::filename(It->path()).contains(".tmp-");
    if (Temporary) {
      if (Now - Status.getLastModificationTime() > std::chrono::hours(1))
        fs::remove(It->path());
      continue;
    }
    Entries.push_back(
        {It->path(), Status.getSize(), Status.getLastModificationTime()});
    Total += Status.getSize();
  }
  if (Total <= SizeLimit)
    return;
  llvm::sort(Entries,
             [](const Entry &A, const Entry &B) { return A.Used < B.Used; });
  for (const Entry &E : Entries) {
    if (Total <= SizeLimit)
      break;
    if (!fs::remove(E.Path))
      Total -= E.Size;
  }
}

std::optional<uint64_t> parseByteSize(llvm::StringRef Text) {
  uint64_t Unit = 1;
  if (Text.consume_back_insensitive("k"))
    Unit = uint64_t(1) << 10;
  else if (Text.consume_back_insensitive("m"))
    Unit = uint64_t(1) << 20;
  else if (Text.consume_back_insensitive("g"))
    Unit = uint64_t(1) << 30;
  uint64_t N = 0;
  if (Text.getAsInteger(10, N) || N > UINT64_MAX / Unit)
    return std::nullopt;
  return N * Unit;
}

} // namespace clang::tidy::torch_tidy
