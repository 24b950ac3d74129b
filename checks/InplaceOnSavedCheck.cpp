#include "InplaceOnSavedCheck.h"

#include "utils/SourceText.h"
#include "utils/TensorOps.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::torch_tidy {

InplaceOnSavedCheck::InplaceOnSavedCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : AutogradCheck(Name, Context),
      UnknownOps(Options.get("UnknownOps", "ignore")) {
  if (UnknownOps != "ignore" && UnknownOps != "assume-saved") {
    configurationDiag("invalid value '%0' for option 'UnknownOps'; expected "
                      "'ignore' or 'assume-saved'")
        << UnknownOps;
    UnknownOps = "ignore";
  }
  AnalysisOptions.AssumeUnknownOpsSave = UnknownOps == "assume-saved";
}

void InplaceOnSavedCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "UnknownOps", UnknownOps);
}

namespace {

StringRef textOf(ASTContext &Ctx, SourceRange R) {
  return Lexer::getSourceText(CharSourceRange::getTokenRange(R),
                              Ctx.getSourceManager(), Ctx.getLangOpts());
}

// The rewrite of an in-place op into its out-of-place form assigned back:
// `y.mul_(2)` -> `y = y.mul(2)`, `h += 1` -> `h = h + 1`,
// `torch::relu_(t)` -> `t = torch::relu(t)`.
std::vector<FixItHint> functionalRewrite(ASTContext &Ctx,
                                         const InPlaceOnSaved &F) {
  const Expr *E = F.InPlace;
  if (!F.FixSafe || !F.InnerOp.empty() || E->getBeginLoc().isMacroID() ||
      E->getEndLoc().isMacroID() || !isWholeStatement(Ctx, E))
    return {};
  const StringRef Var = textOf(Ctx, F.Target->getSourceRange());
  if (Var.empty())
    return {};
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Op->getNumArgs() != 2)
      return {};
    const StringRef Spelled = getOperatorSpelling(Op->getOperator());
    if (!Spelled.ends_with("=") || Spelled.size() != 2)
      return {};
    const Expr *Rhs = Op->getArg(1)->IgnoreUnlessSpelledInSource();
    const bool Simple = isa<DeclRefExpr, IntegerLiteral, FloatingLiteral,
                            MemberExpr, ParenExpr, CXXMemberCallExpr>(Rhs) ||
                        (isa<CallExpr>(Rhs) && !isa<CXXOperatorCallExpr>(Rhs));
    const StringRef RhsText = textOf(Ctx, Op->getArg(1)->getSourceRange());
    if (RhsText.empty())
      return {};
    const std::string NewText =
        ("= " + Var + " " + Spelled.drop_back() + " " +
         (Simple ? RhsText.str() : "(" + RhsText.str() + ")"))
            .str();
    return {FixItHint::CreateReplacement(
        SourceRange(Op->getOperatorLoc(), Op->getEndLoc()), NewText)};
  }
  const StringRef Functional = functionalOf(F.Op);
  if (Functional.empty())
    return {};
  SourceLocation NameLoc;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    if (const auto *ME = dyn_cast<MemberExpr>(MC->getCallee()->IgnoreParens()))
      NameLoc = ME->getMemberLoc();
  } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
    if (const auto *DRE =
            dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts()))
      NameLoc = DRE->getNameInfo().getLoc();
  }
  if (NameLoc.isInvalid() || NameLoc.isMacroID())
    return {};
  return {
      FixItHint::CreateInsertion(E->getBeginLoc(), (Var + " = ").str()),
      FixItHint::CreateReplacement(SourceRange(NameLoc, NameLoc), Functional)};
}

} // namespace

void InplaceOnSavedCheck::report(ASTContext &Ctx,
                                 const AutogradFindings &Findings) {
  for (const InPlaceOnSaved &F : Findings.InPlace) {
    const SourceLocation Loc = F.InPlace->getExprLoc();
    if (!firstAt(Loc))
      continue;
    const std::string Target = tensorSpelling(Ctx, F.Target);
    const std::string Saver =
        F.SaverVia.empty() ? "'" + F.Saver + "'"
                           : "'" + F.Saver + "' (in '" + F.SaverVia + "')";
    {
      auto D = F.InnerOp.empty()
                   ? diag(Loc, "in-place '%0' modifies '%1' after %2 saved "
                               "it for backward; backward() will throw \"one "
                               "of the variables needed for gradient "
                               "computation has been modified by an inplace "
                               "operation\"")
                         << F.Op << Target << Saver
                   : diag(Loc, "'%0' modifies '%1' in place (by '%3') after "
                               "%2 saved it for backward; backward() will "
                               "throw \"one of the variables needed for "
                               "gradient computation has been modified by an "
                               "inplace operation\"")
                         << F.Op << Target << Saver << F.InnerOp;
      for (const FixItHint &Fix : functionalRewrite(Ctx, F))
        D << Fix;
    }
    diag(F.SaveSite->getExprLoc(), "saved for backward by %0 here",
         DiagnosticIDs::Note)
        << Saver;
    diag(F.Backward->getExprLoc(), "backward runs here", DiagnosticIDs::Note);
  }
}

} // namespace clang::tidy::torch_tidy
