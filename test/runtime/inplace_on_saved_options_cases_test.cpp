// The cases of test/checks/inplace-on-saved-options.cpp (UnknownOps), run.
#include "check_cases.h"

namespace {
#include "inplace-on-saved-options.cpp"

// The op "defined in another file": squaring saves its input.
torch::Tensor external_square(const torch::Tensor& t) { return t * t; }

const std::string& kError = torch_tidy_test::expected::kVersionMismatchPrefix;
}  // namespace

TT_POSITIVE(InplaceOnSavedOptions, pos_unknown_op, kError)
TT_NEGATIVE(InplaceOnSavedOptions, neg_known_op)
