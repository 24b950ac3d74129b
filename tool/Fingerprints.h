// Stable identities of findings, for baselines (--baseline,
// --write-baseline) and SARIF's partialFingerprints, which code-scanning
// services use to follow an alert from one commit to the next.
//
// A finding's fingerprint hashes its check, its file (relative to the
// project root, as the SARIF log names it), the text of its line with all
// white space removed, and which of the findings with those three it is, in
// file order. It does not change when lines are added or removed above the
// finding, when the line is re-indented, or when the message's wording
// changes between torch-tidy versions; it changes when the line itself
// does.
#pragma once

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

namespace clang::tidy::torch_tidy {

// The key of the fingerprint in a SARIF result's partialFingerprints.
inline constexpr llvm::StringLiteral FingerprintKey = "torchTidy/v1";

// One fingerprint per error, in order; empty for an error without a file.
// ProjectRoot is an absolute directory.
std::vector<std::string> fingerprints(llvm::ArrayRef<ClangTidyError> Errors,
                                      llvm::StringRef ProjectRoot);

// The fingerprints of all the findings of a run, taken before --baseline or
// --diff leave some out: a finding's rank among equal lines counts every
// finding of the file, so it must not depend on which others are shown.
class FindingPrints {
public:
  FindingPrints(llvm::ArrayRef<ClangTidyError> Errors,
                llvm::StringRef ProjectRoot);
  // The fingerprint of one of those errors; empty for an error without a
  // file or one the run did not have.
  llvm::StringRef of(const ClangTidyError &E) const;

private:
  using Key =
      std::tuple<std::string, std::string, std::string, unsigned, std::string>;
  static Key keyOf(const ClangTidyError &E);
  std::map<Key, std::string> Prints;
};

// The findings of an earlier run, read from its SARIF log.
class Baseline {
public:
  static llvm::Expected<Baseline> load(llvm::StringRef SarifPath);
  bool contains(llvm::StringRef Check, llvm::StringRef Fingerprint) const {
    return Known.count({Check.str(), Fingerprint.str()});
  }
  size_t size() const { return Known.size(); }

private:
  std::set<std::pair<std::string, std::string>> Known; // check, fingerprint
};

// Drops the findings the baseline holds; compiler errors always stay.
// Returns how many were dropped.
size_t dropBaselineFindings(std::vector<ClangTidyError> &Errors,
                            const Baseline &Known, const FindingPrints &Prints);

} // namespace clang::tidy::torch_tidy
