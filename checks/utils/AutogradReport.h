// The reporter of the last pass of the autograd flow analysis
// (AutogradTransfer.h): it records a function's findings for the checks and
// the facts its summary needs, each finding once.
#pragma once

#include <optional>
#include <set>
#include <utility>

#include "AutogradTransfer.h"

namespace clang::tidy::torch_tidy::autograd {

class FindingsRecorder : public FlowReporter {
public:
  FindingsRecorder(AutogradFindings &Out, Summary &Sum) : Out(Out), Sum(Sum) {}

  void inPlaceSeen(Event &E, bool FixSafe) override { E.FixSafe = FixSafe; }
  void inPlaceOnParam(unsigned Param, llvm::StringRef Op) override {
    Sum.InPlaceParams.emplace(Param, Op.str());
  }
  void backwardFromParam(unsigned Param) override {
    Sum.BackwardParams.insert(Param);
  }
  void brokenSaveUnpacked(const Event &E, const Site &St,
                          const Expr *Backward) override {
    if (!St.E || !Reported.insert({E.E, St.E}).second)
      return;
    Out.InPlace.push_back({E.E, E.Target, E.Op, E.Inner, St.E, St.Op, St.Via,
                           Backward, E.FixSafe});
  }
  void backwardWithoutGrad(const Expr *Call, const Expr *Root,
                           const VarDecl *Guard) override {
    if (ReportedOnce.insert(Call).second)
      Out.NoGrad.push_back({Call, Root, Guard});
  }
  void escape(EscapeUse Use, const Expr *At, const Expr *Target,
              llvm::StringRef Op, const VarDecl *Guard) override {
    if (ReportedOnce.insert(At).second)
      Out.Escapes.push_back({Use, At, Target, Op.str(), Guard});
  }
  void returned(const Value &V) override {
    if (Returned)
      Returned->joinWith(V);
    else
      Returned = V;
  }

  // The value the function returns, joined over its returns.
  std::optional<Value> Returned;

private:
  AutogradFindings &Out;
  Summary &Sum;
  // (in-place op, save site) pairs reported; the uses reported.
  std::set<std::pair<const Expr *, const Expr *>> Reported;
  std::set<const Expr *> ReportedOnce;
};

} // namespace clang::tidy::torch_tidy::autograd
