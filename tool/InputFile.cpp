#include "InputFile.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Process.h"

namespace clang::tidy::torch_tidy {

namespace fs = llvm::sys::fs;

namespace {

std::string megabytes(uint64_t Bytes) {
  if (Bytes % (uint64_t(1) << 30) == 0)
    return std::to_string(Bytes >> 30) + " GiB";
  return std::to_string(Bytes >> 20) + " MiB";
}

// What a file of this type is, when it is not one torch-tidy reads.
std::optional<std::string> unreadableType(fs::file_type Type) {
  switch (Type) {
  case fs::file_type::directory_file:
    return "it is a directory";
  case fs::file_type::block_file:
  case fs::file_type::character_file:
    return "it is a device, not a file";
  case fs::file_type::socket_file:
    return "it is a socket, not a file";
  default:
    return std::nullopt;
  }
}

// Reads `File` to its end, failing past `Limit` bytes.
llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readToEnd(fs::file_t File, uint64_t Limit, llvm::StringRef Name) {
  llvm::SmallVector<char, 0> Text;
  constexpr size_t Chunk = 1 << 16;
  while (true) {
    const size_t Size = Text.size();
    Text.resize_for_overwrite(Size + Chunk);
    llvm::Expected<size_t> Read = fs::readNativeFile(
        File, llvm::MutableArrayRef<char>(Text.data() + Size, Chunk));
    if (!Read)
      return Read.takeError();
    Text.truncate(Size + *Read);
    if (*Read == 0)
      break;
    if (Text.size() > Limit)
      return llvm::createStringError("it is larger than " + megabytes(Limit));
  }
  return llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(Text.data(), Text.size()), Name);
}

} // namespace

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readStandardInput(uint64_t Limit) {
  if (llvm::sys::Process::StandardInIsUserInput())
    return llvm::createStringError("it is a terminal; pipe the input in");
  fs::file_status Status, Null;
  if (!fs::status(fs::getStdinHandle(), Status) &&
      Status.type() != fs::file_type::socket_file &&
      !(!fs::status("/dev/null", Null) && fs::equivalent(Status, Null)))
    if (std::optional<std::string> Bad = unreadableType(Status.type()))
      return llvm::createStringError(*Bad);
  return readToEnd(fs::getStdinHandle(), Limit, "<stdin>");
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
readInputFile(llvm::StringRef Path, uint64_t Limit) {
  fs::file_status Status;
  if (std::error_code EC = fs::status(Path, Status))
    return llvm::errorCodeToError(EC);
  if (std::optional<std::string> Bad = unreadableType(Status.type()))
    return llvm::createStringError(*Bad);
  if (Status.type() == fs::file_type::regular_file && Status.getSize() > Limit)
    return llvm::createStringError("it is larger than " + megabytes(Limit));
  llvm::Expected<fs::file_t> File = fs::openNativeFileForRead(Path);
  if (!File)
    return File.takeError();
  auto Result = readToEnd(*File, Limit, Path);
  fs::closeFile(*File);
  return Result;
}

std::optional<std::string> notARegularFile(llvm::StringRef Path) {
  fs::file_status Status;
  if (fs::status(Path, Status) || Status.type() == fs::file_type::regular_file)
    return std::nullopt;
  if (std::optional<std::string> Bad = unreadableType(Status.type()))
    return Bad;
  return std::string("it is a FIFO or another special file, not a "
                     "regular file");
}

} // namespace clang::tidy::torch_tidy
