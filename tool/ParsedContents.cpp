#include "ParsedContents.h"

#include "FileReads.h"

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

llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem>
recordingFileSystem(llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base,
                    ParsedContents &Into) {
  ReadObserver Observer;
  Observer.Read = [&Into](llvm::StringRef Path, llvm::StringRef Content,
                          const llvm::vfs::Status &) {
    llvm::SmallString<256> Clean(Path);
    llvm::sys::path::remove_dots(Clean, /*remove_dot_dot=*/true);
    Into.record(Clean, Content);
  };
  return observingFileSystem(std::move(Base), std::move(Observer));
}

} // namespace clang::tidy::torch_tidy
