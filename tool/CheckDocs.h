// The user documentation of the torch-* checks, as built into the binary:
// each check's summary (the first paragraph of docs/checks/<name>.md, which
// is word for word the `///` sentence of the check's header) and the page's
// path. `--explain` prints them and the SARIF rules describe the checks
// with them, so that neither needs the source tree at run time.
//
// The table is read from the docs when the build is configured
// (tool/CMakeLists.txt); registration-order.test keeps one page per
// registered check.
#pragma once

#include <string>

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"

namespace clang::tidy::torch_tidy {

// The project's home page; check pages live under docs/checks/ there.
inline constexpr llvm::StringLiteral ProjectUrl =
    "https://github.com/torch-tidy/torch-tidy";

struct CheckDoc {
  llvm::StringRef Name;    // torch-missing-eval
  llvm::StringRef DocPath; // docs/checks/missing-eval.md
  llvm::StringRef Summary; // wrapped as in the page, ends with a newline
};

// Every documented check, sorted by name.
llvm::ArrayRef<CheckDoc> checkDocs();

// The entry of the check named Name (with its torch- prefix), or null.
const CheckDoc *findCheckDoc(llvm::StringRef Name);

// The page on the project's site, e.g. <ProjectUrl>/blob/main/docs/...
std::string docUrl(const CheckDoc &Doc);

// The summary on one line (its line breaks are the page's wrapping only).
std::string oneLineSummary(const CheckDoc &Doc);

} // namespace clang::tidy::torch_tidy
