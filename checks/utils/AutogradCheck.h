// The base of the autograd checks (torch-inplace-on-saved,
// torch-inference-tensor-escape, torch-backward-without-grad): each function
// definition of user code is analyzed by AutogradFlow.h, which also follows
// the functions it calls; a derived check reports its kind of finding.
#pragma once

#include <memory>
#include <set>

#include "AutogradFlow.h"
#include "TorchCheck.h"

namespace clang::tidy::torch_tidy {

class AutogradCheck : public TorchCheck {
public:
  AutogradCheck(StringRef Name, ClangTidyContext *Context)
      : TorchCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

protected:
  virtual void report(ASTContext &Ctx, const AutogradFindings &Findings) = 0;
  // Reports a finding once per location (template instantiations and
  // helpers analyzed from several callers see it more than once).
  bool firstAt(SourceLocation Loc) { return Reported.insert(Loc).second; }

  AutogradOptions AnalysisOptions;

private:
  // Shared by the autograd checks of one translation unit (and the same
  // options): each function is analyzed once for all three.
  std::shared_ptr<AutogradAnalysis> Analysis;
  ASTContext *AnalysisContext = nullptr;
  std::set<SourceLocation> Reported;
};

} // namespace clang::tidy::torch_tidy
