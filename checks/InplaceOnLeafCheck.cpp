#include "InplaceOnLeafCheck.h"

#include "utils/EnclosingFunction.h"
#include "utils/GuardScopes.h"
#include "utils/ProjectRecording.h"
#include "utils/SourceText.h"
#include "utils/TensorOps.h"
#include "clang/AST/ASTLambda.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::torch_tidy {

namespace {
constexpr llvm::StringLiteral InPlaceId = "inplace-call";

// The op as written: `-=` for an operator, the method or function name.
std::string opSpelling(const CallExpr *Call, const TensorCall &T) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
    return getOperatorSpelling(Op->getOperator());
  return T.Name;
}

// `{ torch::NoGradGuard no_grad; <statement> }` around a whole statement on
// one line, when that can be done safely.
std::vector<FixItHint> guardFix(ASTContext &Ctx, const CallExpr *Call) {
  const SourceManager &SM = Ctx.getSourceManager();
  const SourceLocation Begin = Call->getBeginLoc(), End = Call->getEndLoc();
  if (Begin.isMacroID() || End.isMacroID() || !isWholeStatement(Ctx, Call))
    return {};
  std::optional<Token> Semi = Lexer::findNextToken(End, SM, Ctx.getLangOpts());
  if (!Semi || !Semi->is(tok::semi) ||
      SM.getSpellingLineNumber(Begin) !=
          SM.getSpellingLineNumber(Semi->getLocation()))
    return {};
  return {FixItHint::CreateInsertion(Begin, "{ torch::NoGradGuard no_grad; "),
          FixItHint::CreateInsertion(Semi->getEndLoc(), " }")};
}
} // namespace

InplaceOnLeafCheck::InplaceOnLeafCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : TorchCheck(Name, Context), Sites(DefaultInferenceFunctions) {}

void InplaceOnLeafCheck::registerMatchers(MatchFinder *Finder) {
  // Only the callers (for their guards) and the whole-project facts.
  Sites.registerMatchers(Finder, this, inCheckedCode(),
                         InferenceSites::Collect::CallGraph);
  // In-place ops: `t.add_(...)`, `torch::relu_(t)`, `t -= ...`.
  Finder->addMatcher(
      callExpr(inCheckedCode(), callee(functionDecl(matchesName("_$"))))
          .bind(InPlaceId),
      this);
  Finder->addMatcher(
      cxxOperatorCallExpr(inCheckedCode(),
                          hasAnyOverloadedOperatorName("+=", "-=", "*=", "/="))
          .bind(InPlaceId),
      this);
}

void InplaceOnLeafCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>(InPlaceId)) {
    Candidates.push_back(Call);
    return;
  }
  Sites.collect(Result);
}

void InplaceOnLeafCheck::onEndOfTranslationUnit() {
  if (!Ctx)
    return;
  project::FactsRecorder *Recorder = project::activeRecorder();
  if (Recorder)
    Sites.recordFacts(*Recorder);
  for (const CallExpr *Call : Candidates)
    judge(Call, Recorder);
}

void InplaceOnLeafCheck::judge(const CallExpr *Call,
                               project::FactsRecorder *Recorder) {
  const TensorCall T = classifyCall(*Ctx, Call);
  if (T.Role != CallRole::Op || T.Kind != ops::Kind::InPlace ||
      T.Operands.empty() || !T.Operands[0])
    return;
  // torch::nn::init::* disable gradients themselves.
  if (const FunctionDecl *FD = Call->getDirectCallee())
    if (llvm::StringRef(FD->getQualifiedNameAsString())
            .starts_with("torch::nn::init::"))
      return;
  std::optional<LeafTensor> Leaf = leafTensorOf(*Ctx, T.Operands[0]);
  if (!Leaf)
    return;
  const EnclosingFunction Fn = enclosingFunction(*Ctx, *Call);
  // A lambda does not see the guards around it (it may run under one).
  if (!Fn || Fn.Function->isDependentContext() ||
      isLambdaCallOperator(Fn.Function))
    return;
  if (liveGuardAt(*Ctx, *Call).State != GradState::Enabled ||
      Sites.guardedByCallersOf(Fn.Function) ||
      mayDisableGradByHand(*Ctx, Fn.Body))
    return;
  // With -p, callers in other files may hold the guard.
  if (Recorder) {
    std::optional<std::string> Function = project::usrOf(Fn.Function);
    std::optional<project::SourcePoint> At =
        project::pointOf(*Ctx, Call->getBeginLoc());
    if (Function && At) {
      project::PendingFinding F;
      F.Check = getID().str();
      F.At = std::move(*At);
      F.Function = std::move(*Function);
      F.When = project::Condition::UnlessCallersGuard;
      Recorder->Facts.Pending.push_back(std::move(F));
    }
  }
  report(Call, T, *Leaf);
}

void InplaceOnLeafCheck::report(const CallExpr *Call, const TensorCall &T,
                                const LeafTensor &Leaf) {
  const std::string Name = tensorSpelling(*Ctx, T.Operands[0]);
  {
    auto D = diag(Call->getBeginLoc(),
                  "in-place '%0' on '%1', a leaf tensor that requires grad, "
                  "while gradients are enabled; it throws \"a leaf Variable "
                  "that requires grad is being used in an in-place "
                  "operation.\"")
             << opSpelling(Call, T) << Name;
    for (const FixItHint &Fix : guardFix(*Ctx, Call))
      D << Fix;
  }
  const std::string Decl = Leaf.Decl->getName().str();
  switch (Leaf.Kind) {
  case LeafKind::Parameter: {
    // `model->parameters()`: the module is the operand of `->`.
    const Expr *Owner = Leaf.Owner->IgnoreParenImpCasts();
    if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Owner))
      if (Arrow->getOperator() == OO_Arrow && Arrow->getNumArgs() == 1)
        Owner = Arrow->getArg(0);
    diag(Leaf.Origin->getBeginLoc(),
         "'%0' is a parameter of '%1'; parameters are leaves that require "
         "grad",
         DiagnosticIDs::Note)
        << Name << spelling(*Ctx, Owner, "the module");
    break;
  }
  case LeafKind::Registered:
    diag(Leaf.Origin->getBeginLoc(), "'%0' was registered as a parameter here",
         DiagnosticIDs::Note)
        << Decl;
    break;
  case LeafKind::Factory:
    diag(Leaf.Origin->getBeginLoc(), "'%0' was created with requires_grad here",
         DiagnosticIDs::Note)
        << Decl;
    break;
  case LeafKind::LayerParameter:
    break;
  }
}

} // namespace clang::tidy::torch_tidy
