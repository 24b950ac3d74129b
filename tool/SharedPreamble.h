// Shared precompiled preambles. Parsing <torch/torch.h> is most of the cost
// of linting a LibTorch source, and every file of a project parses it again.
// Files with the same effective compile arguments whose text starts with
// the same system includes (`#include <torch/torch.h>`, ...) are parsed
// against one precompiled header of those includes (-include-pch), built
// once in the run, with templates instantiated in it
// (-fpch-instantiate-templates), and kept next to the result cache, where
// later runs reuse it while every header it read is unchanged.
//
// Only system headers may be in it: the checks do not walk declarations
// loaded from a precompiled header (UserCodeScope.h), so a project header
// there would lose its findings. A prefix that pulls one in is not
// precompiled, and the decision is kept until its inputs change. A file
// whose preamble cannot be built or loaded is parsed whole, as without one:
// the findings are the same either way.
#pragma once

#include <string>
#include <vector>

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"

namespace clang::tidy::torch_tidy {

// The `<...>` names of the #include directives a source starts with, after
// comments and blank lines, up to the first other line.
std::vector<std::string> leadingSystemIncludes(llvm::StringRef Text);

struct PreambleInput {
  std::string File; // absolute
  const std::vector<tooling::CompileCommand> *Commands = nullptr;
  ClangTidyOptions Options; // the file's effective options
  // False for a file replayed from the result cache: it counts towards its
  // group (whose includes then do not depend on which files changed), but
  // gets no preamble, and a group with no file to parse builds none.
  bool Parse = true;
};

struct PreambleOptions {
  std::string Dir;       // where the preambles are kept
  std::string Tool;      // toolIdentity(): part of each preamble's key
  unsigned MinFiles = 2; // files that must share a preamble to build it
  unsigned Jobs = 0;     // preambles built at once (0: one per core)
};

struct PreamblePlan {
  // Per input: the precompiled header to parse it with, or empty.
  std::vector<std::string> Pch;
  // For --verbose: one line per preamble (built, reused, or why not).
  std::string Notes;
};

PreamblePlan planPreambles(llvm::ArrayRef<PreambleInput> Inputs,
                           const PreambleOptions &Options);

} // namespace clang::tidy::torch_tidy
