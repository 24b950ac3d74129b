// From the AST to project facts (ProjectFacts.h): the names and locations
// that are the same in every translation unit.
#pragma once

#include <optional>
#include <string>

#include "GuardScopes.h"
#include "ProjectFacts.h"
#include "ValueFlow.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"

namespace clang::tidy::torch_tidy::project {

// The USR of a function (of its template pattern for an instantiation), or
// none when it has none (a lambda's call operator is named by its lambda,
// which is never called by name).
std::optional<std::string> usrOf(const FunctionDecl *F);
// The USR of a class (of its template pattern for a specialization).
std::optional<std::string> usrOf(const CXXRecordDecl *RD);

// Where a diagnostic at `Loc` is reported (its file location), with an
// absolute path as the runner's findings have it.
std::optional<SourcePoint> pointOf(ASTContext &Ctx, SourceLocation Loc);

CallGuard callGuardOf(GradState State);

// What a value's uses in its function tell other files (ValueFlow.h): it
// trains, is returned on, escapes, or is only inspected, in that order.
ResultUse resultUseOf(const ValueUses &Uses);

// The helpers of other files a value is passed to (ValueUses::Unseen), or
// none when one of them cannot be named across files.
std::optional<std::vector<HelperParam>> unseenHelpersOf(const ValueUses &Uses);

} // namespace clang::tidy::torch_tidy::project
