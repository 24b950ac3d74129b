// The base of the checks that judge inference calls (torch-missing-eval,
// torch-missing-grad-guard): the InferenceFunctions option and the
// collection of inference sites (see InferenceSites.h). A derived check
// decides in onEndOfTranslationUnit() which sites to report.
#pragma once

#include "InferenceSites.h"
#include "TorchCheck.h"

namespace clang::tidy::torch_tidy {

class InferenceCheck : public TorchCheck {
public:
  InferenceCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

protected:
  // With a project recorder (-p: ProjectFacts.h), records the TU's calls
  // and returns the recorder; else null.
  project::FactsRecorder *startProjectRecording();
  // A finding at site `S` whose verdict the callers of its function may
  // change, or none when the function cannot be named across files.
  std::optional<project::PendingFinding> pendingAt(const InferenceSite &S,
                                                   project::Condition When);

  const std::string InferenceFunctions;
  InferenceSites Sites;
};

} // namespace clang::tidy::torch_tidy
