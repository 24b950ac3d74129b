#include "ConfigLimits.h"

#include <algorithm>

namespace clang::tidy::torch_tidy {

namespace {

// The flow nesting at the end of `Line`, starting from `Depth`; quotes and
// comments are skipped (a quoted scalar does not span lines in a config).
unsigned flowDepthAfter(llvm::StringRef Line, unsigned Depth, unsigned &Max) {
  char Quote = 0;
  for (size_t I = 0; I < Line.size(); ++I) {
    const char C = Line[I];
    if (Quote) {
      if (C == Quote)
        Quote = 0;
      continue;
    }
    if (C == '"' || C == '\'') {
      Quote = C;
    } else if (C == '#' &&
               (I == 0 || Line[I - 1] == ' ' || Line[I - 1] == '\t')) {
      break;
    } else if (C == '[' || C == '{') {
      Max = std::max(Max, ++Depth);
    } else if ((C == ']' || C == '}') && Depth > 0) {
      --Depth;
    }
  }
  return Depth;
}

} // namespace

unsigned yamlNestingBound(llvm::StringRef Text) {
  unsigned Flow = 0, MaxFlow = 0;
  size_t MaxBlock = 0;
  while (!Text.empty()) {
    llvm::StringRef Line;
    std::tie(Line, Text) = Text.split('\n');
    const size_t Indent = Line.find_first_not_of(" \t-");
    MaxBlock = std::max(MaxBlock,
                        Indent == llvm::StringRef::npos ? Line.size() : Indent);
    Flow = flowDepthAfter(Line, Flow, MaxFlow);
  }
  return MaxFlow + static_cast<unsigned>(std::min<size_t>(MaxBlock, ~0u / 2));
}

std::optional<std::string> configTooDeep(llvm::StringRef Text,
                                         llvm::StringRef Source) {
  const unsigned Depth = yamlNestingBound(Text);
  if (Depth <= MaxConfigNesting)
    return std::nullopt;
  return "invalid configuration in " + Source.str() + ": nested about " +
         std::to_string(Depth) + " levels deep (at most " +
         std::to_string(MaxConfigNesting) + " are read)";
}

} // namespace clang::tidy::torch_tidy
