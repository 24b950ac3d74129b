// The cases of torch-inference-tensor-escape
// (test/checks/inference-tensor-escape.cpp), run: every flagged function
// throws the LibTorch error its warning quotes, every silent one runs.
#include "check_cases.h"

// The lit file's functions, kept local to this test (the lit files share
// function names). <torch/torch.h> is already included, so the lit file's
// own #include adds nothing inside the namespace.
namespace {
#include "inference-tensor-escape.cpp"
}  // namespace

namespace {
namespace expected = torch_tidy_test::expected;
}  // namespace

TT_POSITIVE(InferenceTensorEscape, pos_inplace_after_scope,
            expected::kInferenceInplaceOutside)
TT_POSITIVE(InferenceTensorEscape, pos_saved_by_mul, expected::kInferenceSaved)
TT_POSITIVE(InferenceTensorEscape, pos_requires_grad,
            expected::kInferenceRequiresGrad)
TT_POSITIVE(InferenceTensorEscape, pos_version,
            expected::kInferenceTensorVersion)
TT_POSITIVE(InferenceTensorEscape, pos_module_output,
            expected::kInferenceInplaceOutside)
TT_POSITIVE(InferenceTensorEscape, pos_linear_saves_input,
            expected::kInferenceSaved)
TT_POSITIVE(InferenceTensorEscape, pos_mm, expected::kInferenceSaved)
TT_POSITIVE(InferenceTensorEscape, pos_view,
            expected::kInferenceInplaceOutside)
TT_POSITIVE(InferenceTensorEscape, pos_helper_result,
            expected::kInferenceInplaceOutside)
TT_POSITIVE(InferenceTensorEscape, pos_helper_modifies,
            expected::kInferenceInplaceOutside)
TT_POSITIVE(InferenceTensorEscape, pos_alias_and_macro,
            expected::kInferenceInplaceOutside)

TT_NEGATIVE(InferenceTensorEscape, neg_add)
TT_NEGATIVE(InferenceTensorEscape, neg_clone)
TT_NEGATIVE(InferenceTensorEscape, neg_inside_scope)
TT_NEGATIVE(InferenceTensorEscape, neg_no_grad_guard)
TT_NEGATIVE(InferenceTensorEscape, neg_inference_mode_off)
TT_NEGATIVE(InferenceTensorEscape, neg_no_grad_operands)
TT_NEGATIVE(InferenceTensorEscape, neg_view_of_normal)
TT_NEGATIVE(InferenceTensorEscape, neg_saved_under_no_grad)
