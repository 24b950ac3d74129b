// The cases of torch-inplace-on-saved (test/checks/inplace-on-saved.cpp),
// run: every flagged function throws LibTorch's version-counter error at
// backward, every silent one runs cleanly.
#include "check_cases.h"

// The lit file's functions, kept local to this test (the lit files share
// function names). <torch/torch.h> is already included, so the lit file's
// own #include adds nothing inside the namespace.
namespace {
#include "inplace-on-saved.cpp"
}  // namespace

namespace {
const std::string& kError = torch_tidy_test::expected::kVersionMismatchPrefix;
}  // namespace

TT_POSITIVE(InplaceOnSaved, pos_method, kError)
TT_POSITIVE(InplaceOnSaved, pos_compound_assignment, kError)
TT_POSITIVE(InplaceOnSaved, pos_compound_parenthesized, kError)
TT_POSITIVE(InplaceOnSaved, pos_mul_saves_other, kError)
TT_POSITIVE(InplaceOnSaved, pos_reference, kError)
TT_POSITIVE(InplaceOnSaved, pos_handle_copy, kError)
TT_POSITIVE(InplaceOnSaved, pos_views, kError)
TT_POSITIVE(InplaceOnSaved, pos_index_view, kError)
TT_POSITIVE(InplaceOnSaved, pos_through_view_saves_other, kError)
TT_POSITIVE(InplaceOnSaved, pos_detach, kError)
TT_POSITIVE(InplaceOnSaved, pos_element_assignment, kError)
TT_POSITIVE(InplaceOnSaved, pos_free_function, kError)
TT_POSITIVE(InplaceOnSaved, pos_under_guard, kError)
TT_POSITIVE(InplaceOnSaved, pos_loop, kError)
TT_POSITIVE_CALL(InplaceOnSaved, pos_branch, pos_branch(true), kError)
TT_POSITIVE_CALL(InplaceOnSaved, pos_early_return, pos_early_return(false),
                 kError)
TT_POSITIVE(InplaceOnSaved, pos_module_input, kError)
TT_POSITIVE(InplaceOnSaved, pos_autograd_grad, kError)
TT_POSITIVE(InplaceOnSaved, pos_out_form, kError)
TT_POSITIVE(InplaceOnSaved, pos_helper_modifies, kError)
TT_POSITIVE(InplaceOnSaved, pos_helper_saves, kError)
TT_POSITIVE(InplaceOnSaved, pos_helper_backward, kError)
TT_POSITIVE(InplaceOnSaved, pos_helper_result_saved, kError)
TT_POSITIVE(InplaceOnSaved, pos_helper_breaks_inside, kError)
TT_POSITIVE(InplaceOnSaved, pos_recursive_helper, kError)
TT_POSITIVE(InplaceOnSaved, pos_macro, kError)
TT_POSITIVE_CALL(InplaceOnSaved, pos_template, pos_template<torch::Tensor>(),
                 kError)
TT_POSITIVE(InplaceOnSaved, pos_alias_type, kError)
TT_POSITIVE(InplaceOnSaved, pos_mean_dim_saves_input, kError)
TT_POSITIVE(InplaceOnSaved, pos_squeeze_inplace, kError)

TT_NEGATIVE(InplaceOnSaved, neg_functional_form)
TT_NEGATIVE(InplaceOnSaved, neg_after_backward)
TT_NEGATIVE(InplaceOnSaved, neg_not_saved)
TT_NEGATIVE(InplaceOnSaved, neg_saves_only_other)
TT_NEGATIVE(InplaceOnSaved, neg_constants)
TT_NEGATIVE(InplaceOnSaved, neg_saved_under_guard)
TT_NEGATIVE(InplaceOnSaved, neg_clone)
TT_NEGATIVE(InplaceOnSaved, neg_no_backward)
TT_NEGATIVE_CALL(InplaceOnSaved, neg_early_return,
                 (neg_early_return(true), neg_early_return(false)))
TT_NEGATIVE(InplaceOnSaved, neg_fresh_each_iteration)
TT_NEGATIVE(InplaceOnSaved, neg_training_loop)
TT_NEGATIVE(InplaceOnSaved, neg_helper_reads)
TT_NEGATIVE(InplaceOnSaved, neg_retain_graph)
TT_NEGATIVE(InplaceOnSaved, neg_template_instance)
TT_NEGATIVE(InplaceOnSaved, neg_mean_saves_nothing)
