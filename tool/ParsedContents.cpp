#include "ParsedContents.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

namespace clang::tidy::torch_tidy {

uint64_t contentHash(llvm::StringRef Content) {
  return llvm::xxh3_64bits(Content);
}

void ParsedContents::add(llvm::StringRef Path, std::optional<uint64_t> Hash) {
  auto [It, New] = Hashes.try_emplace(Path, Hash);
  if (!New && It->second != Hash)
    It->second = std::nullopt;
}

void ParsedContents::record(llvm::StringRef AbsolutePath,
                            llvm::StringRef Content) {
  add(AbsolutePath, contentHash(Content));
}

void ParsedContents::merge(const ParsedContents &Other) {
  for (const auto &Entry : Other.Hashes)
    add(Entry.getKey(), Entry.getValue());
}

ParsedContents::Lookup
ParsedContents::find(llvm::StringRef AbsolutePath) const {
  auto Found = [](const std::optional<uint64_t> &Hash) {
    return Hash ? Lookup{State::Read, *Hash}
                : Lookup{State::ChangedDuringRun, 0};
  };
  auto It = Hashes.find(AbsolutePath);
  if (It != Hashes.end())
    return Found(It->getValue());
  // Under another name: compare the files the names resolve to.
  llvm::SmallString<256> Wanted;
  if (llvm::sys::fs::real_path(AbsolutePath, Wanted))
    return {};
  std::optional<Lookup> Match;
  for (const auto &Entry : Hashes) {
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(Entry.getKey(), Real) || Real != Wanted)
      continue;
    const Lookup L = Found(Entry.getValue());
    if (Match && (Match->Is != L.Is || Match->Hash != L.Hash))
      return {State::ChangedDuringRun, 0};
    Match = L;
  }
  return Match.value_or(Lookup{});
}

namespace {

// A file whose contents, once read, are recorded under its absolute path.
class RecordingFile : public llvm::vfs::File {
public:
  RecordingFile(std::unique_ptr<llvm::vfs::File> Inner, std::string Path,
                ParsedContents &Into)
      : Inner(std::move(Inner)), Path(std::move(Path)), Into(Into) {}

  llvm::ErrorOr<llvm::vfs::Status> status() override { return Inner->status(); }
  llvm::ErrorOr<std::string> getName() override { return Inner->getName(); }
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
  getBuffer(const llvm::Twine &Name, int64_t FileSize,
            bool RequiresNullTerminator, bool IsVolatile) override {
    auto Buffer =
        Inner->getBuffer(Name, FileSize, RequiresNullTerminator, IsVolatile);
    if (Buffer)
      Into.record(Path, (*Buffer)->getBuffer());
    return Buffer;
  }
  std::error_code close() override { return Inner->close(); }

private:
  std::unique_ptr<llvm::vfs::File> Inner;
  std::string Path;
  ParsedContents &Into;
};

class RecordingFileSystem
    : public llvm::RTTIExtends<RecordingFileSystem,
                               llvm::vfs::ProxyFileSystem> {
public:
  static const char ID;
  RecordingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base,
                      ParsedContents &Into)
      : RTTIExtends(std::move(Base)), Into(Into) {}

  llvm::ErrorOr<std::unique_ptr<llvm::vfs::File>>
  openFileForRead(const llvm::Twine &Name) override {
    auto File = ProxyFileSystem::openFileForRead(Name);
    if (!File)
      return File;
    llvm::SmallString<256> Path;
    Name.toVector(Path);
    if (makeAbsolute(Path))
      return File;
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    return std::make_unique<RecordingFile>(std::move(*File), std::string(Path),
                                           Into);
  }

private:
  ParsedContents &Into;
};

const char RecordingFileSystem::ID = 0;

} // namespace

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
recordingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base,
                    ParsedContents &Into) {
  return llvm::makeIntrusiveRefCnt<RecordingFileSystem>(std::move(Base), Into);
}

} // namespace clang::tidy::torch_tidy
