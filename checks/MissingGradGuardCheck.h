#pragma once

#include "utils/InferenceCheck.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::torch_tidy {

/// Finds inference calls that run with gradient tracking enabled: no live
/// `torch::NoGradGuard`, `c10::InferenceMode` or `AutoGradMode(false)`,
/// neither in the function nor in every caller of it.
class MissingGradGuardCheck : public InferenceCheck {
public:
  MissingGradGuardCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void onEndOfTranslationUnit() override;

private:
  // The unguarded inference calls of one function under one condition (with
  // -p): one finding, at the first call, with a note at each other.
  struct UnguardedScope;
  void report(const UnguardedScope &Scope);
  void noteTemporaryGuard(const InferenceSite &S);
  // Where the finding's fix-it inserts guards (none when it cannot); sets
  // Escapes when a caller of the function trains on its result.
  std::vector<const CompoundStmt *> guardBlocks(const UnguardedScope &Scope,
                                                bool &Escapes);

  std::string FixItGuard; // validated: one declaration
  // The blocks that received a guard from a fix-it in this translation unit.
  llvm::SmallPtrSet<const CompoundStmt *, 8> FixedBlocks;
};

} // namespace clang::tidy::torch_tidy
