#include "InferenceCheck.h"
#include "ProjectRecording.h"

namespace clang::tidy::torch_tidy {

InferenceCheck::InferenceCheck(StringRef Name, ClangTidyContext *Context)
    : TorchCheck(Name, Context),
      InferenceFunctions(
          Options.get("InferenceFunctions", DefaultInferenceFunctions)),
      Sites(InferenceFunctions) {
  // A bad regex would silently disable name matching: say so.
  if (const std::string Error = Sites.regexError(); !Error.empty())
    configurationDiag("invalid regular expression '%0' in option "
                      "'InferenceFunctions': %1")
        << InferenceFunctions << Error;
}

void InferenceCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "InferenceFunctions", InferenceFunctions);
}

void InferenceCheck::registerMatchers(ast_matchers::MatchFinder *Finder) {
  Sites.registerMatchers(Finder, this, inCheckedCode());
}

void InferenceCheck::check(
    const ast_matchers::MatchFinder::MatchResult &Result) {
  Sites.collect(Result);
}

project::FactsRecorder *InferenceCheck::startProjectRecording() {
  project::FactsRecorder *R = project::activeRecorder();
  if (R)
    Sites.recordFacts(*R);
  return R;
}

std::optional<project::PendingFinding>
InferenceCheck::pendingAt(const InferenceSite &S, project::Condition When) {
  std::optional<std::string> Function = project::usrOf(S.Function.Function);
  std::optional<project::SourcePoint> At =
      project::pointOf(*Sites.context(), S.Forward.Call->getBeginLoc());
  if (!Function || !At)
    return std::nullopt;
  project::PendingFinding F;
  F.Check = getID().str();
  F.At = std::move(*At);
  F.Function = std::move(*Function);
  F.When = When;
  F.ResultReturned = S.Uses.Returned;
  if (When == project::Condition::IfHelpersOnlyInspect) {
    std::optional<std::vector<project::HelperParam>> Helpers =
        project::unseenHelpersOf(S.Uses);
    if (!Helpers)
      return std::nullopt;
    F.Helpers = std::move(*Helpers);
  }
  return F;
}

} // namespace clang::tidy::torch_tidy
