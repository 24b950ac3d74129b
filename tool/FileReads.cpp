#include "FileReads.h"

#include "ParsedContents.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::torch_tidy {

namespace {

// A file whose contents, once read, are reported with its status.
class ObservedFile : public llvm::vfs::File {
public:
  ObservedFile(std::unique_ptr<llvm::vfs::File> Inner, std::string Path,
               const ReadObserver &Observer)
      : Inner(std::move(Inner)), Path(std::move(Path)), Observer(Observer) {}

  llvm::ErrorOr<llvm::vfs::Status> status() override { return Inner->status(); }
  llvm::ErrorOr<std::string> getName() override { return Inner->getName(); }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
  getBuffer(const llvm::Twine &Name, int64_t FileSize,
            bool RequiresNullTerminator, bool IsVolatile) override {
    llvm::ErrorOr<llvm::vfs::Status> Status = Inner->status();
    auto Buffer =
        Inner->getBuffer(Name, FileSize, RequiresNullTerminator, IsVolatile);
    if (Buffer && Status)
      Observer.Read(Path, (*Buffer)->getBuffer(), *Status);
    return Buffer;
  }
  std::error_code close() override { return Inner->close(); }

private:
  std::unique_ptr<llvm::vfs::File> Inner;
  std::string Path;
  const ReadObserver &Observer;
};

class ObservingFileSystem
    : public llvm::RTTIExtends<ObservingFileSystem,
                               llvm::vfs::ProxyFileSystem> {
public:
  static const char ID;
  ObservingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base,
                      ReadObserver Observer)
      : RTTIExtends(std::move(Base)), Observer(std::move(Observer)) {}

  llvm::ErrorOr<llvm::vfs::Status> status(const llvm::Twine &Name) override {
    auto Status = ProxyFileSystem::status(Name);
    if (!Status)
      reportMissing(Name);
    return Status;
  }

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Name) override {
    auto File = ProxyFileSystem::openFileForRead(Name);
    if (!File) {
      reportMissing(Name);
      return File;
    }
    std::optional<std::string> Path = absolute(Name);
    if (!Path)
      return File;
    return std::make_unique<ObservedFile>(std::move(*File), std::move(*Path),
                                          Observer);
  }

private:
  std::optional<std::string> absolute(const llvm::Twine &Name) const {
    llvm::SmallString<256> Path;
    Name.toVector(Path);
    if (makeAbsolute(Path))
      return std::nullopt;
    // `..` stays: dropping it with the directory before it names another
    // file when that directory is a symbolic link.
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/false);
    return std::string(Path);
  }
  void reportMissing(const llvm::Twine &Name) const {
    if (!Observer.Missing)
      return;
    if (std::optional<std::string> Path = absolute(Name))
      Observer.Missing(*Path);
  }

  ReadObserver Observer;
};

const char ObservingFileSystem::ID = 0;

} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
observingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base,
                    ReadObserver Observer) {
  return llvm::makeIntrusiveRefCnt<ObservingFileSystem>(std::move(Base),
                                                        std::move(Observer));
}

ReadObserver FileReads::observer() {
  ReadObserver O;
  O.Read = [this](llvm::StringRef Path, llvm::StringRef Content,
                  const llvm::vfs::Status &Status) {
    FileRead R;
    R.Size = Content.size();
    R.ModifiedNs = nanoseconds(Status.getLastModificationTime());
    R.Hash = llvm::xxh3_128bits(llvm::arrayRefFromStringRef(Content));
    R.ID = Status.getUniqueID();
    auto [It, New] = Read.try_emplace(Path, R);
    if (!New && !(It->second.Hash == R.Hash))
      Changed = true;
    if (Missing.contains(Path))
      Changed = true;
  };
  O.Missing = [this](llvm::StringRef Path) {
    if (Read.contains(Path))
      Changed = true;
    Missing.insert(Path);
  };
  return O;
}

std::string toHex(const llvm::XXH128_hash_t &Hash) {
  std::string Hex;
  llvm::raw_string_ostream OS(Hex);
  OS << llvm::format_hex_no_prefix(Hash.high64, 16)
     << llvm::format_hex_no_prefix(Hash.low64, 16);
  return Hex;
}

int64_t nanoseconds(llvm::sys::TimePoint<> Time) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             Time.time_since_epoch())
      .count();
}

namespace json = llvm::json;
namespace fs = llvm::sys::fs;

void readsToJSON(const FileReads &Reads,
                 const std::set<llvm::sys::fs::UniqueID> &StatOnly,
                 llvm::StringRef StatOnlyDir, json::Object &Into) {
  json::Array Read;
  for (const auto &Entry : Reads.read()) {
    const FileRead &R = Entry.getValue();
    const bool ByTime = StatOnly.count(R.ID) > 0 ||
                        (!StatOnlyDir.empty() &&
                         Entry.getKey().starts_with((StatOnlyDir + "/").str()));
    Read.push_back(json::Array{Entry.getKey(), R.Size, R.ModifiedNs,
                               toHex(R.Hash), ByTime});
  }
  json::Array Missing;
  for (const auto &Entry : Reads.missing())
    Missing.push_back(Entry.getKey());
  Into["read"] = std::move(Read);
  Into["missing"] = std::move(Missing);
}

namespace {

// Whether one file of "read" still holds what was read.
bool fileUnchanged(const json::Value &V, ParsedContents *ParsedInto) {
  const json::Array *Fields = V.getAsArray();
  if (!Fields || Fields->size() != 5)
    return false;
  std::optional<llvm::StringRef> Path = (*Fields)[0].getAsString();
  std::optional<uint64_t> Size = (*Fields)[1].getAsUINT64();
  std::optional<int64_t> Modified = (*Fields)[2].getAsInteger();
  std::optional<llvm::StringRef> Hash = (*Fields)[3].getAsString();
  std::optional<bool> ByTime = (*Fields)[4].getAsBoolean();
  if (!Path || !Size || !Modified || !Hash || !ByTime)
    return false;
  fs::file_status Status;
  if (fs::status(*Path, Status) || Status.getSize() != *Size)
    return false;
  if (*ByTime && !ParsedInto)
    return nanoseconds(Status.getLastModificationTime()) == *Modified;
  auto Content = llvm::MemoryBuffer::getFile(*Path, /*IsText=*/false,
                                             /*RequiresNullTerminator=*/false);
  if (!Content || (*Content)->getBufferSize() != *Size ||
      toHex(llvm::xxh3_128bits(
          llvm::arrayRefFromStringRef((*Content)->getBuffer()))) != *Hash)
    return false;
  if (ParsedInto)
    ParsedInto->record(*Path, (*Content)->getBuffer());
  return true;
}

} // namespace

bool readsUnchanged(const json::Object &Reads, ParsedContents *ParsedInto) {
  const json::Array *Read = Reads.getArray("read");
  const json::Array *Missing = Reads.getArray("missing");
  if (!Read || !Missing)
    return false;
  for (const json::Value &M : *Missing) {
    std::optional<llvm::StringRef> Path = M.getAsString();
    fs::file_status Status;
    if (!Path || !fs::status(*Path, Status))
      return false;
  }
  return llvm::all_of(*Read, [&](const json::Value &V) {
    return fileUnchanged(V, ParsedInto);
  });
}

std::string sealedText(llvm::StringRef Format, const json::Value &Body) {
  std::string Text;
  llvm::raw_string_ostream(Text) << Body;
  return (Format + " " +
          toHex(llvm::xxh3_128bits(llvm::arrayRefFromStringRef(Text))) + "\n" +
          Text)
      .str();
}

std::optional<json::Value> unsealText(llvm::StringRef Format,
                                      llvm::StringRef Text) {
  if (!Text.consume_front(Format) || !Text.consume_front(" "))
    return std::nullopt;
  auto [Hash, Body] = Text.split('\n');
  if (toHex(llvm::xxh3_128bits(llvm::arrayRefFromStringRef(Body))) != Hash)
    return std::nullopt;
  llvm::Expected<json::Value> Parsed = json::parse(Body);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    return std::nullopt;
  }
  return std::move(*Parsed);
}

} // namespace clang::tidy::torch_tidy
