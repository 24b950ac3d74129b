// RUN: %check_torch_tidy -check-suffix=IGNORE %s torch-inplace-on-saved %t-ignore
// RUN: %check_torch_tidy -check-suffix=ASSUME %s torch-inplace-on-saved \
// RUN:   %t-assume -config='{CheckOptions: \
// RUN:   {torch-inplace-on-saved.UnknownOps: assume-saved}}'
// RUN: %check_torch_tidy_plugin -check-suffix=ASSUME %s \
// RUN:   torch-inplace-on-saved %t-assume-plugin -config='{CheckOptions: \
// RUN:   {torch-inplace-on-saved.UnknownOps: assume-saved}}'
//
// UnknownOps: what an op defined elsewhere (not in the op table, not in this
// file) saves. The default, ignore, assumes nothing; assume-saved assumes
// every tensor operand. The runtime test
// (test/runtime/inplace_on_saved_cases_test.cpp) defines `external_square`
// as t * t, which saves t, so pos_unknown_op does throw. An invalid value
// is a configuration error: test/tool/bad-check-options.test.

#include <torch/torch.h>

torch::Tensor external_square(const torch::Tensor& t);  // another file

void pos_unknown_op() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = external_square(y);
  y.add_(1);
  // CHECK-MESSAGES-ASSUME: :[[@LINE-1]]:5: warning: in-place 'add_' modifies 'y' after 'external_square' saved it for backward
  z.sum().backward();
}

// Ops the table knows are unaffected by the option: add saves nothing.
void neg_known_op() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = y + 1;
  y.add_(1);
  z.sum().backward();
}
