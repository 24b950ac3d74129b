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
  if (!RD || !RD->hasDefinition()) return false;
  return llvm::any_of(RD->getDefinition()->ctors(), [](const CXXConstructorDecl *C) {
    return C->getMinRequiredArguments() == 0 && !C->isDeleted() &&
           C->getAccess() != AS_private && C->getAccess() != AS_protected;
  });
}

// Whether `Name` is already declared in the function around `S`.
bool nameTaken(ASTContext &Ctx, const Stmt &S, llvm::StringRef Name) {
  const EnclosingFunction F = enclosingFunction(Ctx, S);
  return !F || declaresName(Ctx, F, Name);  // unknown: no fix-it
}

}  // namespace

void UnnamedGuardCheck::registerMatchers(MatchFinder *Finder) {
  // A full-expression statement whose value is a guard:
  //   torch::NoGradGuard();   c10::InferenceMode{};   torch::AutoGradMode(false);
  const auto GuardTemporary =
      expr(inCheckedCode(), hasGuardType(),
           hasParent(compoundStmt().bind(CompoundId)),
           unless(cxxConstructExpr(hasParent(varDecl()))))
          .bind(TemporaryId);
  Finder->addMatcher(GuardTemporary, this);
  // The same without a block to name it in: the body of an unbraced
  // if/loop (`if (c) torch::NoGradGuard();`), or discarded with a cast
  // (`(void)torch::NoGradGuard();`). Reported without a fix-it.
  const auto Body = stmt(anyOf(ifStmt(), forStmt(), whileStmt(), doStmt(),
                               cxxForRangeStmt()));
  Finder->addMatcher(
      // (A guard cannot be a condition: it does not convert to bool.)
      expr(inCheckedCode(),
           anyOf(expr(hasGuardType(), hasParent(Body)),
                 cStyleCastExpr(
                     hasDestinationType(voidType()),
                     hasSourceExpression(ignoringImplicit(expr(hasGuardType()))),
                     hasParent(stmt(anyOf(
                         compoundStmt(),
                         exprWithCleanups(hasParent(compoundStmt()))))))))
          .bind(UnblockedId),
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
  const SourceManager &SM = *Result.SourceManager;
  const LangOptions &LO = Result.Context->getLangOpts();

  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>(VexingId)) {
    const GuardKind K = guardKindOf(FD->getReturnType());
    auto Diag = diag(FD->getLocation(),
                     "%0 declares a function, not a guard (most vexing "
                     "parse); %select{|gradient tracking stays enabled|"
                     "gradient mode is not changed|inference mode is not "
                     "entered}1")
                << FD << static_cast<int>(K);
    // Removing the empty parentheses makes it a variable; only safe when
    // they are spelled right after the name, outside macros, and when the
    // guard can be default-constructed (AutoGradMode needs its bool).
    const SourceLocation NameEnd = Lexer::getLocForEndOfToken(
        FD->getLocation(), 0, SM, LO);
    const SourceLocation End = FD->getSourceRange().getEnd();
    if (NameEnd.isValid() && !NameEnd.isMacroID() && !End.isMacroID() &&
        isDefaultConstructible(FD->getReturnType())) {
      const CharSourceRange Parens = CharSourceRange::getTokenRange(
          Lexer::GetBeginningOfToken(NameEnd, SM, LO), End);
      const StringRef Text = Lexer::getSourceText(Parens, SM, LO);
      if (Text.drop_while([](char C) { return C == ' '; }) == "()")
          Diag << FixItHint::CreateRemoval(
              CharSourceRange::getCharRange(NameEnd,
                                            End.getLocWithOffset(1)));
    }
    return;
  }

  if (const auto *U = Result.Nodes.getNodeAs<Expr>(UnblockedId)) {
    const Expr *Guard = U;
    if (const auto *Cast = dyn_cast<CStyleCastExpr>(U))
      Guard = Cast->getSubExpr();
    const GuardKind K = guardKindOf(Guard->getType());
    diag(U->getBeginLoc(),
         "%0 temporary is destroyed immediately; %select{|gradient tracking "
         "stays enabled|gradient mode is not changed|inference mode is not "
         "entered}1")
        << Guard->getType().getUnqualifiedType() << static_cast<int>(K);
    diag(U->getBeginLoc(),
         "declare a named guard in the block it should protect",
         DiagnosticIDs::Note);
    return;
  }

  const auto *E = Result.Nodes.getNodeAs<Expr>(TemporaryId);
  const auto *Compound = Result.Nodes.getNodeAs<CompoundStmt>(CompoundId);
  if (!E || !Compound) return;
  // The value of the last statement of a GNU statement expression is used.
  if (Compound->body_back() == E &&
      !Result.Context->getParents(*Compound).empty() &&
      Result.Context->getParents(*Compound)[0].get<StmtExpr>())
    return;

  const GuardKind K = guardKindOf(E->getType());
  const Expr *Inner = E->IgnoreImplicit();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Inner))
    Inner = Cleanups->getSubExpr()->IgnoreImplicit();
  Inner = Inner->IgnoreImplicit();
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Inner))
    Inner = Bind->getSubExpr()->IgnoreImplicit();

  // The type as written, for the message and the fix-it.
  QualType Written;
  SourceLocation TypeBegin, TypeEnd, ArgsBegin, ArgsEnd;
  if (const auto *Temp = dyn_cast<CXXTemporaryObjectExpr>(Inner)) {
    TypeSourceInfo *TSI = Temp->getTypeSourceInfo();
    Written = TSI->getType();
    TypeBegin = TSI->getTypeLoc().getBeginLoc();
    TypeEnd = TSI->getTypeLoc().getEndLoc();
    ArgsBegin = Temp->getParenOrBraceRange().getBegin();
    ArgsEnd = Temp->getParenOrBraceRange().getEnd();
  } else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Inner)) {
    TypeSourceInfo *TSI = Cast->getTypeInfoAsWritten();
    Written = TSI->getType();
    TypeBegin = TSI->getTypeLoc().getBeginLoc();
    TypeEnd = TSI->getTypeLoc().getEndLoc();
    ArgsBegin = Cast->getLParenLoc();
    ArgsEnd = Cast->getRParenLoc();
    if (Cast->isListInitialization()) {
      if (const auto *Init = dyn_cast<InitListExpr>(Cast->getSubExpr()->IgnoreImplicit())) {
        ArgsBegin = Init->getLBraceLoc();
        ArgsEnd = Init->getRBraceLoc();
      }
    }
  } else {
    // Some other expression producing a guard (a function returning one by
    // value): still destroyed at once, but there is no type to name.
    Written = E->getType();
  }

  // The fix-it names the guard: `T(args);` -> `T name(args);`, `T();` and
  // `T{};` -> `T name;`. Not in macros, and not when the name is taken.
  const llvm::StringRef Name = suggestedName(K);
  const bool InMacro = E->getBeginLoc().isMacroID() ||
                       E->getEndLoc().isMacroID();
  const bool CanFix = TypeBegin.isValid() && ArgsBegin.isValid() && !InMacro &&
                      !nameTaken(*Result.Context, *E, Name);
  {
    auto Diag = diag(E->getBeginLoc(),
                     "%0 temporary is destroyed immediately; %select{|"
                     "gradient tracking stays enabled|gradient mode is not "
                     "changed|inference mode is not entered}1")
                << Written.getUnqualifiedType() << static_cast<int>(K);
    if (CanFix) {
      const SourceLocation AfterType =
          Lexer::getLocForEndOfToken(TypeEnd, 0, SM, LO);
      const StringRef ArgsText = Lexer::getSourceText(
          CharSourceRange::getTokenRange(ArgsBegin, ArgsEnd), SM, LO);
      const bool Empty = ArgsText.size() >= 2 &&
                         ArgsText.drop_front().drop_back().trim().empty();
      // Empty arguments go away with the name; others stay after it.
      const SourceLocation ReplaceEnd =
          Empty ? ArgsEnd.getLocWithOffset(1) : ArgsBegin;
      Diag << FixItHint::CreateReplacement(
          CharSourceRange::getCharRange(AfterType, ReplaceEnd),
          (" " + Name).str());
    }
  }
  if (!CanFix)
    diag(E->getBeginLoc(),
         "name the guard to keep it alive until the end of the scope",
         DiagnosticIDs::Note);
}

}  // namespace clang::tidy::torch_tidy
