#include "DiagnosticSources.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::torch_tidy {

std::string absolutePath(llvm::StringRef Path, llvm::StringRef BaseDir) {
  llvm::SmallString<256> Abs;
  if (llvm::sys::path::is_absolute(Path) || BaseDir.empty()) {
    Abs = Path;
    llvm::sys::fs::make_absolute(Abs);
  } else {
    Abs = BaseDir;
    llvm::sys::path::append(Abs, Path);
  }
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

std::string canonicalPath(llvm::StringRef Path, llvm::StringRef BaseDir) {
  std::string Abs = absolutePath(Path, BaseDir);
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Abs, Real))
    return std::string(Real);
  return Abs;
}

bool isCompilerError(const ClangTidyError &E) {
  return E.DiagLevel == ClangTidyError::Error &&
         llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-");
}

const SourceLines::Source *SourceLines::read(llvm::StringRef File) {
  auto [It, Inserted] = Files.try_emplace(File);
  if (Inserted) {
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (Buffer) {
      Source S{std::move(*Buffer), {0}};
      llvm::StringRef Text = S.Buffer->getBuffer();
      for (size_t I = 0; I < Text.size(); ++I)
        if (Text[I] == '\n')
          S.Starts.push_back(I + 1);
      It->second = std::move(S);
    }
  }
  return It->second ? &*It->second : nullptr;
}

std::optional<SourceLines::Position> SourceLines::at(llvm::StringRef File,
                                                     unsigned Offset) {
  const Source *S = read(File);
  if (!S || Offset > S->Buffer->getBufferSize())
    return std::nullopt;
  const auto Next = llvm::upper_bound(S->Starts, Offset);
  const unsigned Line = Next - S->Starts.begin();
  return Position{Line, Offset - S->Starts[Line - 1] + 1};
}

llvm::StringRef SourceLines::lineText(llvm::StringRef File, unsigned Offset) {
  std::optional<Position> P = at(File, Offset);
  if (!P)
    return "";
  const Source &S = *read(File);
  llvm::StringRef Text =
      S.Buffer->getBuffer().drop_front(S.Starts[P->Line - 1]);
  return Text.take_until([](char C) { return C == '\n'; }).rtrim('\r');
}

} // namespace clang::tidy::torch_tidy
