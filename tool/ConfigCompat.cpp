#include "ConfigCompat.h"

#include "llvm/Support/FormatVariadic.h"

namespace clang::tidy::torch_tidy {

namespace {
constexpr RemovedKey RemovedKeys[] = {
    {"AnalyzeTemporaryDtors", "18"},
};

// The removed key a top-level `Key: value` line sets, if any.
const RemovedKey *removedKeyOf(llvm::StringRef Line) {
  for (const RemovedKey &R : RemovedKeys) {
    llvm::StringRef Rest = Line;
    if (Rest.consume_front(R.Key) && Rest.ltrim(" \t").starts_with(":"))
      return &R;
  }
  return nullptr;
}
} // namespace

std::optional<CompatibleConfig> withoutRemovedKeys(llvm::StringRef Text,
                                                   llvm::StringRef Source) {
  CompatibleConfig Out;
  unsigned LineNo = 0;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    const bool EndsWithNewline = Text.size() > Line.size();
    ++LineNo;
    if (const RemovedKey *R = removedKeyOf(Line)) {
      Out.Warnings.push_back(llvm::formatv("{0}:{1}: '{2}' was removed from "
                                           "clang-tidy in LLVM {3}; ignored",
                                           Source, LineNo, R->Key,
                                           R->RemovedIn));
      Line = "";
    }
    Out.Text.append(Line.data(), Line.size());
    if (EndsWithNewline)
      Out.Text.push_back('\n');
    Text = Rest;
  }
  if (Out.Warnings.empty())
    return std::nullopt;
  return Out;
}

} // namespace clang::tidy::torch_tidy
