#include "AutogradCheck.h"

#include <map>
#include <mutex>
#include <utility>

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::torch_tidy {

namespace {
// The analyses of the translation units being processed (one per thread in
// parallel runs), keyed by context and by the option that changes results.
// An entry lives from the first match to the end of its translation unit.
using SharedKey = std::pair<const ASTContext *, bool>;
std::mutex SharedMutex;
std::map<SharedKey, std::shared_ptr<AutogradAnalysis>> SharedAnalyses;
} // namespace

void AutogradCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(inCheckedCode(), isDefinition(), hasBody(compoundStmt()))
          .bind("function"),
      this);
}

void AutogradCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!FD || FD->isDependentContext() || FD->isInvalidDecl())
    return;
  if (Result.SourceManager->isInSystemHeader(FD->getLocation()))
    return;
  if (!Analysis || AnalysisContext != Result.Context) {
    std::lock_guard<std::mutex> Lock(SharedMutex);
    auto &Slot =
        SharedAnalyses[{Result.Context, AnalysisOptions.AssumeUnknownOpsSave}];
    if (!Slot)
      Slot =
          std::make_shared<AutogradAnalysis>(*Result.Context, AnalysisOptions);
    Analysis = Slot;
    AnalysisContext = Result.Context;
  }
  report(*Result.Context, Analysis->analyze(FD));
}

void AutogradCheck::onEndOfTranslationUnit() {
  if (AnalysisContext) {
    std::lock_guard<std::mutex> Lock(SharedMutex);
    SharedAnalyses.erase(
        {AnalysisContext, AnalysisOptions.AssumeUnknownOpsSave});
  }
  Analysis.reset();
  AnalysisContext = nullptr;
  Reported.clear();
}

} // namespace clang::tidy::torch_tidy
