#include "CheckDocs.h"

#include <algorithm>

namespace clang::tidy::torch_tidy {

namespace {

// From the build directory: generated from docs/checks/*.md, whose file
// names (and so these entries) CMake's file(GLOB) lists in sorted order.
constexpr CheckDoc Docs[] = {
#include "CheckDocs.inc"
};

} // namespace

llvm::ArrayRef<CheckDoc> checkDocs() { return Docs; }

const CheckDoc *findCheckDoc(llvm::StringRef Name) {
  const auto *It =
      std::find_if(std::begin(Docs), std::end(Docs),
                   [&](const CheckDoc &D) { return D.Name == Name; });
  return It == std::end(Docs) ? nullptr : It;
}

std::string docUrl(const CheckDoc &Doc) {
  return (llvm::Twine(ProjectUrl) + "/blob/main/" + Doc.DocPath).str();
}

std::string oneLineSummary(const CheckDoc &Doc) {
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  Doc.Summary.trim().split(Lines, '\n');
  std::string Joined;
  for (llvm::StringRef Line : Lines) {
    if (!Joined.empty())
      Joined += ' ';
    Joined += Line.trim();
  }
  return Joined;
}

} // namespace clang::tidy::torch_tidy
