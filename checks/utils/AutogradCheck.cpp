#include "AutogradCheck.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::torch_tidy {

void AutogradCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(isDefinition(), hasBody(compoundStmt())).bind("function"),
      this);
}

void AutogradCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!FD || FD->isDependentContext() || FD->isInvalidDecl())
    return;
  if (Result.SourceManager->isInSystemHeader(FD->getLocation()))
    return;
  if (!Analysis || AnalysisContext != Result.Context) {
    Analysis =
        std::make_unique<AutogradAnalysis>(*Result.Context, AnalysisOptions);
    AnalysisContext = Result.Context;
  }
  report(*Result.Context, Analysis->analyze(FD));
}

void AutogradCheck::onEndOfTranslationUnit() {
  Analysis.reset();
  AnalysisContext = nullptr;
  Reported.clear();
}

} // namespace clang::tidy::torch_tidy
