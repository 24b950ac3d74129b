// .clang-tidy keys that clang-tidy itself has removed. Configurations
// written by `clang-tidy -dump-config` of older releases carry them (LLVM 17
// and earlier wrote `AnalyzeTemporaryDtors: false`); clang-tidy 19 rejects
// the whole file over such a key and lints with another configuration. Here
// the key is dropped with a warning and the rest of the file applies.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::torch_tidy {

struct RemovedKey {
  llvm::StringRef Key;
  llvm::StringRef RemovedIn; // the LLVM release that dropped it
};

// The configuration text without its top-level lines that set a removed
// key (blanked, so that line numbers stay), and a warning per key, or
// nothing when `Text` sets none.
struct CompatibleConfig {
  std::string Text;
  std::vector<std::string> Warnings;
};
std::optional<CompatibleConfig> withoutRemovedKeys(llvm::StringRef Text,
                                                   llvm::StringRef Source);

} // namespace clang::tidy::torch_tidy
