#include "InferenceCheck.h"

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

} // namespace clang::tidy::torch_tidy
