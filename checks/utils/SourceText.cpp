#include "SourceText.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"

namespace clang::tidy::torch_tidy {

std::string spelling(const ASTContext &Ctx, const Expr *E, StringRef Fallback) {
  if (!E)
    return Fallback.str();
  // `forward(x)` in a member function: the object is the implicit `this`.
  if (const auto *This = dyn_cast<CXXThisExpr>(E->IgnoreParenImpCasts());
      This && This->isImplicit())
    return "this";
  const SourceManager &SM = Ctx.getSourceManager();
  // A macro argument is spelled where the macro is used: take the text at
  // the spelling location when both ends are spelled in one place.
  const SourceLocation Begin = SM.getSpellingLoc(E->getBeginLoc());
  const SourceLocation End = SM.getSpellingLoc(E->getEndLoc());
  if (SM.getFileID(Begin) != SM.getFileID(End))
    return Fallback.str();
  const StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(Begin, End), SM, Ctx.getLangOpts());
  if (Text.empty() || Text.contains('\n'))
    return Fallback.str();
  return Text.str();
}

std::string tensorSpelling(const ASTContext &Ctx, const Expr *E) {
  return spelling(Ctx, E ? E->IgnoreParenImpCasts() : nullptr, "the tensor");
}

std::string indentationAt(const ASTContext &Ctx, SourceLocation Loc) {
  const SourceManager &SM = Ctx.getSourceManager();
  Loc = SM.getExpansionLoc(Loc);
  bool Invalid = false;
  const StringRef Buffer = SM.getBufferData(SM.getFileID(Loc), &Invalid);
  if (Invalid)
    return "";
  const unsigned Offset = SM.getFileOffset(Loc);
  size_t LineStart = Buffer.rfind('\n', Offset == 0 ? 0 : Offset - 1);
  LineStart = LineStart == StringRef::npos ? 0 : LineStart + 1;
  size_t End = LineStart;
  while (End < Buffer.size() && (Buffer[End] == ' ' || Buffer[End] == '\t'))
    ++End;
  return Buffer.substr(LineStart, End - LineStart).str();
}

bool isWholeStatement(ASTContext &Ctx, const Expr *E) {
  const DynTypedNode Node = DynTypedNode::create(*E);
  DynTypedNodeList Parents = Ctx.getParents(Node);
  while (Parents.size() == 1) {
    const auto *P = Parents[0].get<Stmt>();
    if (!P)
      return false;
    if (isa<ExprWithCleanups>(P) || isa<CXXBindTemporaryExpr>(P) ||
        isa<MaterializeTemporaryExpr>(P) || isa<ImplicitCastExpr>(P)) {
      Parents = Ctx.getParents(*P);
      continue;
    }
    return isa<CompoundStmt>(P);
  }
  return false;
}

} // namespace clang::tidy::torch_tidy
