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

// The indentation (leading whitespace) of the line `Loc` is on.
std::string indentationAt(const ASTContext &Ctx, SourceLocation Loc);

}  // namespace clang::tidy::torch_tidy
