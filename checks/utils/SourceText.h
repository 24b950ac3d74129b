// Small helpers over source text for messages and fix-its.
#pragma once

#include <string>

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::torch_tidy {

// The expression as written (one line, for messages); `Fallback` when it
// comes from a macro or spans lines.
std::string spelling(const ASTContext &Ctx, const Expr *E,
                     StringRef Fallback = "the model");

// A tensor expression as written, without parentheses and implicit
// conversions (`HALVE_(y)` names `y`); "the tensor" when it cannot be shown.
std::string tensorSpelling(const ASTContext &Ctx, const Expr *E);

// Whether `E` is a whole expression statement of a braced block (its value
// is not used, and it can be rewritten or wrapped as a statement).
bool isWholeStatement(ASTContext &Ctx, const Expr *E);

// The indentation (leading whitespace) of the line `Loc` is on.
std::string indentationAt(const ASTContext &Ctx, SourceLocation Loc);

} // namespace clang::tidy::torch_tidy
