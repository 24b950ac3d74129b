#include "DiagnosticSources.h"

#include "llvm/Support/ConvertUTF.h"

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

bool isConfigurationError(const ClangTidyError &E) {
  return E.DiagnosticName == "clang-tidy-config";
}

bool isToolError(const ClangTidyError &E) {
  return isCompilerError(E) || isConfigurationError(E);
}

const SourceLines::Source *SourceLines::read(llvm::StringRef File) {
  auto [It, Inserted] = Files.try_emplace(File);
  if (Inserted) {
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (Buffer) {
      Source S{std::move(*Buffer), {0}};
      llvm::StringRef Text = S.Buffer->getBuffer();
      const bool LoneCR = Ends == LineEnds::Compiler;
      for (size_t I = 0; I < Text.size(); ++I)
        if (Text[I] == '\n' || (LoneCR && Text[I] == '\r' &&
                                (I + 1 == Text.size() || Text[I + 1] != '\n')))
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
  const unsigned Start = S->Starts[Line - 1];
  const llvm::StringRef Before = S->Buffer->getBuffer().slice(Start, Offset);
  return Position{Line, Offset - Start + 1, utf16Length(Before) + 1};
}

unsigned utf16Length(llvm::StringRef Text) {
  unsigned Units = 0;
  const auto *P = reinterpret_cast<const llvm::UTF8 *>(Text.begin());
  const auto *End = reinterpret_cast<const llvm::UTF8 *>(Text.end());
  while (P < End) {
    const unsigned Bytes = llvm::getNumBytesForUTF8(*P);
    if (Bytes > 1 && Bytes <= static_cast<unsigned>(End - P) &&
        llvm::isLegalUTF8Sequence(P, P + Bytes)) {
      Units += Bytes == 4 ? 2 : 1; // beyond the BMP: a surrogate pair
      P += Bytes;
    } else {
      ++Units; // ASCII, or a byte that is not UTF-8: one unit each
      ++P;
    }
  }
  return Units;
}

llvm::StringRef SourceLines::lineText(llvm::StringRef File, unsigned Offset) {
  std::optional<Position> P = at(File, Offset);
  if (!P)
    return "";
  const Source &S = *read(File);
  llvm::StringRef Text =
      S.Buffer->getBuffer().drop_front(S.Starts[P->Line - 1]);
  return Text.take_until([](char C) { return C == '\n' || C == '\r'; });
}

} // namespace clang::tidy::torch_tidy
