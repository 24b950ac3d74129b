// The findings of a run as a SARIF 2.1.0 log (--output-format=sarif), the
// format code-scanning services read: one run whose tool.driver lists a rule
// per enabled check and whose results are the findings and compiler errors,
// each with its location, its notes (relatedLocations) and its fix-its
// (fixes).
//
// Paths under the project root are written relative to it, with uriBaseId
// %SRCROOT%, so the log does not depend on where the checkout was; other
// files get an absolute file:// URI. Lines and columns are computed from the
// diagnostics' byte offsets, and columns count bytes, as clang's do (SARIF's
// default unit is UTF-16 code units: the two differ only on lines with
// non-ASCII text before the column). Fixes also carry the exact byteOffset
// and byteLength.
#pragma once

#include <string>

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/JSON.h"

namespace clang::tidy::torch_tidy {

class FindingPrints;

// EnabledChecks become the rules, in their order; ProjectRoot is an absolute
// directory. Prints has the fingerprints of the run's findings
// (Fingerprints.h), taken before any were left out.
llvm::json::Value buildSarifLog(llvm::ArrayRef<ClangTidyError> Errors,
                                llvm::ArrayRef<std::string> EnabledChecks,
                                llvm::StringRef ProjectRoot,
                                const FindingPrints &Prints);

} // namespace clang::tidy::torch_tidy
