// The cases of torch-backward-without-grad
// (test/checks/backward-without-grad.cpp), run: every flagged function
// throws LibTorch's "does not require grad" error, every silent one runs.
#include "check_cases.h"

// The lit file's functions, kept local to this test (the lit files share
// function names). <torch/torch.h> is already included, so the lit file's
// own #include adds nothing inside the namespace.
namespace {
#include "backward-without-grad.cpp"
}  // namespace

namespace {
const std::string& kError = torch_tidy_test::expected::kNoGradFnElement0;
}  // namespace

TT_POSITIVE(BackwardWithoutGrad, pos_loss_under_guard, kError)
TT_POSITIVE(BackwardWithoutGrad, pos_inference_mode, kError)
TT_POSITIVE(BackwardWithoutGrad, pos_derived_after_guard, kError)
TT_POSITIVE(BackwardWithoutGrad, pos_autograd_mode_off, kError)
TT_POSITIVE(BackwardWithoutGrad, pos_helper_result, kError)
TT_POSITIVE(BackwardWithoutGrad, pos_alias_and_macro, kError)

TT_NEGATIVE(BackwardWithoutGrad, neg_after_guard)
TT_NEGATIVE(BackwardWithoutGrad, neg_requires_grad_after)
TT_NEGATIVE(BackwardWithoutGrad, neg_enabled_inside)
TT_NEGATIVE(BackwardWithoutGrad, neg_mixed)
TT_NEGATIVE(BackwardWithoutGrad, neg_leaf_under_guard)
