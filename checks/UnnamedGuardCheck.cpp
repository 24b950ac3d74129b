#include "UnnamedGuardCheck.h"

#include "utils/EnclosingFunction.h"
#include "utils/TorchMatchers.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"

using namespace clang::ast_matchers;

namespace clang::tidy::torch_tidy {

static constexpr llvm::StringLiteral TemporaryId = "guard-temporary";
static constexpr llvm::StringLiteral VexingId = "vexing-guard";
static constexpr llvm::StringLiteral CompoundId = "compound";
static constexpr llvm::StringLiteral UnblockedId = "guard-unblocked";

namespace {

// The variable name a fix-it gives the guard, by kind.
llvm::StringRef suggestedName(GuardKind K) {
  switch (K) {
  case GuardKind::NoGrad:
    return "no_grad";
  case GuardKind::InferenceMode:
    return "inference_guard";
  default:
    return "grad_mode";
  }
}

// Whether `T` has a usable constructor taking no arguments.
bool isDefaultConstructible(QualType T) {
  const CXXRecordDecl *RD = T.getCanonicalType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  return llvm::any_of(
      RD->getDefinition()->ctors(), [](const CXXConstructorDecl *C) {
        return C->getMinRequiredArguments() == 0 && !C->isDeleted() &&
               C->getAccess() != AS_private && C->getAccess() != AS_protected;
      });
}

} // namespace

void UnnamedGuardCheck::registerMatchers(MatchFinder *Finder) {
  // A full-expression statement whose value is a guard:
  //   torch::NoGradGuard();   c10::InferenceMode{}; torch::AutoGradMode(false);
  // Matchers are rooted at the statements that hold the guard (blocks,
  // ifs and loops), not at every expression: a matcher on every Expr of
  // LibTorch's headers costs a third of a parse.
  const auto GuardTemporary =
      expr(hasGuardType(), unless(cxxConstructExpr(hasParent(varDecl()))))
          .bind(TemporaryId);
  Finder->addMatcher(
      compoundStmt(inCheckedCode(), forEach(GuardTemporary)).bind(CompoundId),
      this);
  // The same without a block to name it in: the body of an unbraced
  // if/loop (`if (c) torch::NoGradGuard();`), or discarded with a cast
  // (`(void)torch::NoGradGuard();`). Reported without a fix-it.
  // (A guard cannot be a condition: it does not convert to bool.)
  const auto InBody = forEach(expr(hasGuardType()).bind(UnblockedId));
  Finder->addMatcher(ifStmt(inCheckedCode(), InBody), this);
  Finder->addMatcher(forStmt(inCheckedCode(), InBody), this);
  Finder->addMatcher(whileStmt(inCheckedCode(), InBody), this);
  Finder->addMatcher(doStmt(inCheckedCode(), InBody), this);
  Finder->addMatcher(cxxForRangeStmt(inCheckedCode(), InBody), this);
  const auto VoidCast =
      cStyleCastExpr(
          hasDestinationType(voidType()),
          hasSourceExpression(ignoringImplicit(expr(hasGuardType()))))
          .bind(UnblockedId);
  Finder->addMatcher(
      compoundStmt(
          inCheckedCode(),
          forEach(stmt(anyOf(VoidCast, exprWithCleanups(has(VoidCast)))))),
      this);
  // The most vexing parse: `torch::NoGradGuard g();` declares a function.
  const auto VexingParse =
      functionDecl(inCheckedCode(), parameterCountIs(0), hasParent(declStmt()),
                   returns(qualType(hasCanonicalType(recordType(
                       hasDeclaration(cxxRecordDecl(isGradGuardRecord())))))))
          .bind(VexingId);
  Finder->addMatcher(VexingParse, this);
}

void UnnamedGuardCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>(VexingId))
    return reportVexingParse(*FD, *Result.SourceManager,
                             Result.Context->getLangOpts());
  if (const auto *U = Result.Nodes.getNodeAs<Expr>(UnblockedId))
    return reportUnblocked(*U);
  const auto *E = Result.Nodes.getNodeAs<Expr>(TemporaryId);
  const auto *Compound = Result.Nodes.getNodeAs<CompoundStmt>(CompoundId);
  if (!E || !Compound)
    return;
  // The value of the last statement of a GNU statement expression is used.
  if (Compound->body_back() == E &&
      !Result.Context->getParents(*Compound).empty() &&
      Result.Context->getParents(*Compound)[0].get<StmtExpr>())
    return;
  reportTemporary(*E, *Result.Context);
}

void UnnamedGuardCheck::reportVexingParse(const FunctionDecl &FD,
                                          const SourceManager &SM,
                                          const LangOptions &LO) {
  const GuardKind K = guardKindOf(FD.getReturnType());
  auto Diag = diag(FD.getLocation(),
                   "%0 declares a function, not a guard (most vexing "
                   "parse); %select{|gradient tracking stays enabled|"
                   "gradient mode is not changed|inference mode is not "
                   "entered}1")
              << &FD << static_cast<int>(K);
  // Removing the empty parentheses makes it a variable; only safe when
  // they are spelled right after the name, outside macros, and when the
  // guard can be default-constructed (AutoGradMode needs its bool).
  const SourceLocation NameEnd =
      Lexer::getLocForEndOfToken(FD.getLocation(), 0, SM, LO);
  const SourceLocation End = FD.getSourceRange().getEnd();
  if (NameEnd.isInvalid() || NameEnd.isMacroID() || End.isMacroID() ||
      !isDefaultConstructible(FD.getReturnType()))
    return;
  const CharSourceRange Parens = CharSourceRange::getTokenRange(
      Lexer::GetBeginningOfToken(NameEnd, SM, LO), End);
  const StringRef Text = Lexer::getSourceText(Parens, SM, LO);
  if (Text.drop_while([](char C) { return C == ' '; }) == "()")
    Diag << FixItHint::CreateRemoval(
        CharSourceRange::getCharRange(NameEnd, End.getLocWithOffset(1)));
}

void UnnamedGuardCheck::reportUnblocked(const Expr &U) {
  const Expr *Guard = &U;
  if (const auto *Cast = dyn_cast<CStyleCastExpr>(&U))
    Guard = Cast->getSubExpr();
  const GuardKind K = guardKindOf(Guard->getType());
  diag(U.getBeginLoc(),
       "%0 temporary is destroyed immediately; %select{|gradient tracking "
       "stays enabled|gradient mode is not changed|inference mode is not "
       "entered}1")
      << Guard->getType().getUnqualifiedType() << static_cast<int>(K);
  diag(U.getBeginLoc(), "declare a named guard in the block it should protect",
       DiagnosticIDs::Note);
}

namespace {

// A guard temporary's type as written, and where its type and its
// arguments are spelled (invalid when it is not a `T(...)` / `T{...}`).
struct WrittenGuard {
  QualType Type;
  SourceLocation TypeBegin, TypeEnd, ArgsBegin, ArgsEnd;
};

WrittenGuard writtenGuard(const Expr &E) {
  WrittenGuard W;
  // IgnoreImplicit also strips ExprWithCleanups and CXXBindTemporaryExpr.
  const Expr *Inner = E.IgnoreImplicit();
  const TypeSourceInfo *TSI = nullptr;
  if (const auto *Temp = dyn_cast<CXXTemporaryObjectExpr>(Inner)) {
    TSI = Temp->getTypeSourceInfo();
    W.ArgsBegin = Temp->getParenOrBraceRange().getBegin();
    W.ArgsEnd = Temp->getParenOrBraceRange().getEnd();
  } else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Inner)) {
    TSI = Cast->getTypeInfoAsWritten();
    W.ArgsBegin = Cast->getLParenLoc();
    W.ArgsEnd = Cast->getRParenLoc();
    if (Cast->isListInitialization())
      if (const auto *Init =
              dyn_cast<InitListExpr>(Cast->getSubExpr()->IgnoreImplicit())) {
        W.ArgsBegin = Init->getLBraceLoc();
        W.ArgsEnd = Init->getRBraceLoc();
      }
  }
  if (!TSI) {
    // Some other expression producing a guard (a function returning one by
    // value): still destroyed at once, but there is no type to name.
    W.Type = E.getType();
    return W;
  }
  W.Type = TSI->getType();
  W.TypeBegin = TSI->getTypeLoc().getBeginLoc();
  W.TypeEnd = TSI->getTypeLoc().getEndLoc();
  return W;
}

} // namespace

std::string UnnamedGuardCheck::freshName(const Expr &E, ASTContext &Ctx,
                                         llvm::StringRef Base) {
  const EnclosingFunction F = enclosingFunction(Ctx, E);
  if (!F)
    return ""; // unknown: no fix-it
  llvm::StringSet<> &Given = NamesGiven[F.Function];
  for (unsigned N = 1; N < 100; ++N) {
    const std::string Name =
        N == 1 ? Base.str() : (Base + "_" + llvm::Twine(N)).str();
    if (!Given.contains(Name) && !declaresName(Ctx, F, Name)) {
      Given.insert(Name);
      return Name;
    }
  }
  return "";
}

void UnnamedGuardCheck::reportTemporary(const Expr &E, ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  const GuardKind K = guardKindOf(E.getType());
  const WrittenGuard W = writtenGuard(E);
  // The fix-it names the guard: `T(args);` -> `T name(args);`, `T();` and
  // `T{};` -> `T name;`, with a name the function does not use yet (two
  // guards fixed in one function get two names). Not in macros.
  const bool InMacro = E.getBeginLoc().isMacroID() || E.getEndLoc().isMacroID();
  const std::string Name =
      W.TypeBegin.isValid() && W.ArgsBegin.isValid() && !InMacro
          ? freshName(E, Ctx, suggestedName(K))
          : "";
  const bool CanFix = !Name.empty();
  {
    auto Diag = diag(E.getBeginLoc(),
                     "%0 temporary is destroyed immediately; %select{|"
                     "gradient tracking stays enabled|gradient mode is not "
                     "changed|inference mode is not entered}1")
                << W.Type.getUnqualifiedType() << static_cast<int>(K);
    if (CanFix) {
      const SourceLocation AfterType =
          Lexer::getLocForEndOfToken(W.TypeEnd, 0, SM, LO);
      const StringRef ArgsText = Lexer::getSourceText(
          CharSourceRange::getTokenRange(W.ArgsBegin, W.ArgsEnd), SM, LO);
      const bool Empty = ArgsText.size() >= 2 &&
                         ArgsText.drop_front().drop_back().trim().empty();
      // Empty arguments go away with the name; others stay after it.
      const SourceLocation ReplaceEnd =
          Empty ? W.ArgsEnd.getLocWithOffset(1) : W.ArgsBegin;
      Diag << FixItHint::CreateReplacement(
          CharSourceRange::getCharRange(AfterType, ReplaceEnd), " " + Name);
    }
  }
  if (!CanFix)
    diag(E.getBeginLoc(),
         "name the guard to keep it alive until the end of the scope",
         DiagnosticIDs::Note);
}

} // namespace clang::tidy::torch_tidy
