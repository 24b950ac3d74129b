// Limits on configuration text that clang-tidy's YAML parser would
// otherwise hit as a crash: it recurses once per nesting level, so a
// .clang-tidy nested tens of thousands of levels deep ([[[[... or - - - ...)
// overflows the stack. Real configurations nest a few levels.
#pragma once

#include <optional>
#include <string>

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::torch_tidy {

// The deepest nesting the YAML parser accepts here.
constexpr unsigned MaxConfigNesting = 500;

// An upper bound of the nesting depth of YAML `Text`: its flow collections
// ([ and { outside quotes and comments) plus, per line, the indentation and
// block-sequence dashes that open it.
unsigned yamlNestingBound(llvm::StringRef Text);

// Why `Text` (named `Source`) is refused, or nothing.
std::optional<std::string> configTooDeep(llvm::StringRef Text,
                                         llvm::StringRef Source);

} // namespace clang::tidy::torch_tidy
