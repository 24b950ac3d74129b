// RUN: %check_torch_tidy %s torch-inplace-on-saved %t
// RUN: %check_torch_tidy_plugin %s torch-inplace-on-saved %t-plugin
// The same cases, the same expectations, on the real LibTorch headers:
// RUN: %if libtorch %{ %check_torch_tidy -no-runtime-include %s \
// RUN:   torch-inplace-on-saved %t-libtorch -- %libtorch_includes %}
//
// Every function here also runs on the runtime and on real LibTorch
// (test/runtime/inplace_on_saved_cases_test.cpp): each pos_* throws
// "one of the variables needed for gradient computation has been modified by
// an inplace operation", each neg_* runs cleanly. Keep the two lists equal
// (test/runtime/check_case_parity.py checks it).

#include <torch/torch.h>

// --- Positive cases --------------------------------------------------------

// The classic: pow saves its input, mul_ bumps its version.
void pos_method() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = y.pow(2);
  y.mul_(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'mul_' modifies 'y' after 'pow' saved it for backward; backward() will throw "one of the variables needed for gradient computation has been modified by an inplace operation" [torch-inplace-on-saved]
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: saved for backward by 'pow' here
  // CHECK-MESSAGES: :[[@LINE+2]]:11: note: backward runs here
  // CHECK-FIXES: {{^}}  y = y.mul(2);{{$}}
  z.sum().backward();
}

// exp saves its result; `+=` is add_.
void pos_compound_assignment() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto h = x.exp();
  auto loss = h.sum();
  h += 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place '+=' modifies 'h' after 'exp' saved it for backward
  // CHECK-FIXES: {{^}}  h = h + 1;{{$}}
  loss.backward();
}

// A compound assignment with a compound right-hand side keeps its meaning.
void pos_compound_parenthesized() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto h = x.sigmoid();
  auto loss = h.sum();
  h *= x + 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place '*=' modifies 'h' after 'sigmoid' saved it
  // CHECK-FIXES: {{^}}  h = h * (x + 1);{{$}}
  loss.backward();
}

// mul(a, b) keeps b for a's gradient: modifying the constant operand breaks.
void pos_mul_saves_other() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto scale = torch::full({3}, 2.0);
  auto z = x * scale;
  scale.zero_();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: in-place 'zero_' modifies 'scale' after 'mul' saved it
  z.sum().backward();
}

// A reference is the same tensor.
void pos_reference() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x + 1;
  torch::Tensor& r = y;
  auto z = y.sin();
  r.add_(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'add_' modifies 'r' after 'sin' saved it
  z.sum().backward();
}

// A copy of the handle is the same tensor too.
void pos_handle_copy() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x + 1;
  auto z = torch::log(y);
  torch::Tensor c = y;
  c.fill_(0.5);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'fill_' modifies 'c' after 'log' saved it
  z.sum().backward();
}

// Views share the version counter of their base.
void pos_views() {
  auto x = torch::ones({2, 3}, torch::requires_grad());
  auto y = x * 1;
  auto z = y.cos();
  auto v = y.view({-1});
  v.mul_(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'mul_' modifies 'v' after 'cos' saved it
  y[0].zero_();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: in-place 'zero_' modifies 'y[0]' after 'cos' saved it
  y.narrow(1, 0, 2).add_(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: in-place 'add_' modifies 'y.narrow(1, 0, 2)' after 'cos' saved it
  y.t().div_(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: in-place 'div_' modifies 'y.t()' after 'cos' saved it
  z.sum().backward();
}

// index() with integers is a view too.
void pos_index_view() {
  auto x = torch::ones({2, 3}, torch::requires_grad());
  auto y = x * 1;
  auto z = y.sin();
  y.index({0}).zero_();
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: in-place 'zero_' modifies 'y.index({0})' after 'sin' saved it
  z.sum().backward();
}

// An in-place op through a view records into the base's graph (LibTorch's
// CopySlices): mul_ keeps w for y's gradient.
void pos_through_view_saves_other() {
  auto x = torch::ones({2, 3}, torch::requires_grad());
  auto y = x * 1;
  auto w = torch::full({3}, 2.0);
  y[0].mul_(w);
  w.zero_();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'zero_' modifies 'w' after 'mul_' saved it
  y.sum().backward();
}

// detach() shares the version counter as well.
void pos_detach() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x.sigmoid();
  y.detach().zero_();
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: in-place 'zero_' modifies 'y.detach()' after 'sigmoid' saved it
  y.sum().backward();
}

// Assigning into an indexed element writes through the view.
void pos_element_assignment() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 1;
  auto z = y.abs();
  y[1] = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: in-place '=' modifies 'y[1]' after 'abs' saved it
  z.sum().backward();
}

// Free in-place functions.
void pos_free_function() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x - 2;
  auto z = torch::sqrt(y * y);
  auto w = y.tanh();
  torch::tanh_(w);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: in-place 'tanh_' modifies 'w' after 'tanh' saved it
  // CHECK-FIXES: {{^}}  w = torch::tanh(w);{{$}}
  (z + w).sum().backward();
}

// In-place ops under a guard record nothing but still bump the version.
void pos_under_guard() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 3;
  auto z = y.pow(3);
  {
    torch::NoGradGuard no_grad;
    y.clamp_(0, 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: in-place 'clamp_' modifies 'y' after 'pow' saved it
  }
  z.sum().backward();
}

// The in-place op of one iteration breaks the save of the previous one.
void pos_loop() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 1;
  auto loss = torch::zeros({});
  for (int i = 0; i < 2; ++i) {
    y.add_(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: in-place 'add_' modifies 'y' after 'pow' saved it
    loss = loss + y.pow(2).sum();
  }
  loss.backward();
}

// Only one branch modifies; the analysis follows every branch.
void pos_branch(bool rescale) {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x + 0;
  auto z = y * y;
  if (rescale)
    y.div_(4);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: in-place 'div_' modifies 'y' after 'mul' saved it
  z.sum().backward();
}

// An early return that skips nothing that matters.
void pos_early_return(bool skip) {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = y.pow(2);
  if (skip)
    return;
  y.mul_(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'mul_' modifies 'y' after 'pow' saved it
  z.sum().backward();
}

// A built-in module keeps its input: linear(x) saves x for weight's grad.
void pos_module_input() {
  torch::nn::Linear layer(3, 2);
  auto x = torch::ones({1, 3}, torch::requires_grad());
  auto h = x * 2;
  auto out = layer(h);
  h.add_(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'add_' modifies 'h' after 'linear' saved it
  out.sum().backward();
}

// torch::autograd::grad unpacks the saves as backward() does.
void pos_autograd_grad() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = y.pow(2).sum();
  y.sub_(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'sub_' modifies 'y' after 'pow' saved it
  torch::autograd::grad({z}, {x});
}

// out= forms write into their first argument (here under no_grad, as out=
// forms do not support autograd).
void pos_out_form() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 1;
  auto z = y.sin();
  {
    torch::NoGradGuard no_grad;
    torch::mul_out(y, torch::ones({3}), torch::full({3}, 2.0));
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'mul_out' modifies 'y' after 'sin' saved it
  }
  z.sum().backward();
}

// --- helpers: followed through their summaries ---

void normalize_(torch::Tensor& t) { t.sub_(t.mean().item<float>()); }

torch::Tensor product_loss(const torch::Tensor& a, const torch::Tensor& b) {
  return (a * b).sum();
}

void run_backward(const torch::Tensor& loss) { loss.backward(); }

torch::Tensor squash(const torch::Tensor& t) { return t.tanh(); }

void pos_helper_modifies() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = y.pow(2);
  normalize_(y);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'normalize_' modifies 'y' in place (by 'sub_') after 'pow' saved it for backward
  z.sum().backward();
}

void pos_helper_saves() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto p = x * 2;
  auto q = x + 1;
  auto loss = product_loss(p, q);
  q.zero_();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'zero_' modifies 'q' after 'mul' (in 'product_loss') saved it
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: saved for backward by 'mul' (in 'product_loss') here
  loss.backward();
}

void pos_helper_backward() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto loss = y.exp().sum();
  auto e = y.exp();
  auto total = loss + (e * 1).sum();
  e.add_(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'add_' modifies 'e' after 'exp' saved it
  // CHECK-MESSAGES: :[[@LINE+1]]:3: note: backward runs here
  run_backward(total);
}

// The helper's result itself was saved (tanh saves its output).
void pos_helper_result_saved() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto s = squash(x * 1);
  auto loss = s.sum();
  s.mul_(0.5);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'mul_' modifies 's' after 'tanh' (in 'squash') saved it
  loss.backward();
}

// A custom loss that breaks its own save; backward runs in the caller.
torch::Tensor robust_loss(const torch::Tensor& pred,
                          const torch::Tensor& target) {
  auto err = pred - target;
  auto sq = err.pow(2);
  err.clamp_(-1, 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: in-place 'clamp_' modifies 'err' after 'pow' saved it
  // CHECK-MESSAGES: :[[@LINE-3]]:17: note: saved for backward by 'pow' here
  // CHECK-FIXES: {{^}}  err = err.clamp(-1, 1);{{$}}
  return (sq + err.abs()).mean();
}

void pos_helper_breaks_inside() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto loss = robust_loss(x * 2, torch::zeros({3}));
  loss.backward();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: note: backward runs here
}

// A recursive helper: its summary is computed with the recursive call as an
// unknown op, which still carries the saves made before it.
torch::Tensor power_of_two(const torch::Tensor& t, int n) {
  return n == 0 ? t : power_of_two(t * t, n - 1);
}

void pos_recursive_helper() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = power_of_two(y, 2);
  y.add_(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'add_' modifies 'y' after 'mul' (in 'power_of_two') saved it
  z.sum().backward();
}

// --- macros and templates ---

#define HALVE_(t) (t).mul_(0.5)

void pos_macro() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 1;
  auto z = y.log();
  HALVE_(y);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: in-place 'mul_' modifies 'y' after 'log' saved it
  z.sum().backward();
}

template <typename Loss>
void step_with(Loss loss_of) {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto loss = loss_of(y);
  y.zero_();
  loss.backward();
}

template <typename T>
void pos_template() {
  auto x = torch::ones({3}, torch::requires_grad());
  T y = x * 2;
  T z = y.sin();
  y.neg_();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'neg_' modifies 'y' after 'sin' saved it
  z.sum().backward();
}
template void pos_template<torch::Tensor>();

using Activation = torch::Tensor;

void pos_alias_type() {
  Activation x = torch::ones({3}, torch::requires_grad());
  Activation y = x.relu();
  y.add_(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'add_' modifies 'y' after 'relu' saved it
  y.sum().backward();
}

// LibTorch 1.13's mean over a dimension keeps its input (its backward reads
// the input's element count through it); found by the runtime fuzzer.
void pos_mean_dim_saves_input() {
  auto x = torch::ones({2, 3}, torch::requires_grad());
  auto h = x * 2;
  auto m = h.mean({1});
  h.add_(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'add_' modifies 'h' after 'mean' saved it
  m.sum().backward();
}

// squeeze_ only changes the shape, but counts as an in-place write.
void pos_squeeze_inplace() {
  auto x = torch::ones({1, 3}, torch::requires_grad());
  auto y = x * 2;
  auto z = y.pow(2);
  y.squeeze_(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'squeeze_' modifies 'y' after 'pow' saved it
  z.sum().backward();
}

// --- Negative cases: silence is asserted --------------------------------

// The fixed form: the out-of-place op leaves the saved tensor alone.
void neg_functional_form() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = y.pow(2);
  y = y.mul(2);
  (z + y).sum().backward();
}

// After backward the saved tensors are released; in-place is fine.
void neg_after_backward() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = y.pow(2);
  z.sum().backward();
  y.mul_(2);
}

// add does not save its operands; mul by a scalar does not either.
void neg_not_saved() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = (y + 1) * 3;
  y.mul_(2);
  z.sum().backward();
}

// mul(y, scale) keeps scale, not y, when scale does not require grad.
void neg_saves_only_other() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 1;
  auto scale = torch::full({3}, 2.0);
  auto z = y * scale;
  y.add_(1);
  z.sum().backward();
}

// Constants without requires_grad: pow records nothing.
void neg_constants() {
  auto w = torch::ones({3}, torch::requires_grad());
  auto c = torch::ones({3});
  auto z = c.pow(2);
  c.mul_(2);
  (z * w).sum().backward();
}

// A save made with gradients disabled does not exist.
void neg_saved_under_guard() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  torch::Tensor z;
  {
    torch::NoGradGuard no_grad;
    z = y.pow(2);
  }
  y.mul_(2);
  (z + y).sum().backward();
}

// A clone has a version counter of its own.
void neg_clone() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = y.pow(2);
  auto c = y.clone();
  c.mul_(2);
  (z + c).sum().backward();
}

// No backward ever runs through the save.
void neg_no_backward() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = y.pow(2);
  y.mul_(2);
  (x * 3).sum().backward();
}

// The in-place op is only on a path that returns before any backward.
void neg_early_return(bool abort) {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = y.pow(2);
  if (abort) {
    y.zero_();
    return;
  }
  z.sum().backward();
}

// A fresh tensor every iteration: this iteration's in-place op does not
// touch the previous iteration's saved tensor.
void neg_fresh_each_iteration() {
  auto w = torch::ones({3}, torch::requires_grad());
  auto total = torch::zeros({});
  for (int i = 0; i < 3; ++i) {
    auto t = torch::zeros({3});
    t.add_(i);
    total = total + (t * w).sum();
  }
  total.backward();
}

// Backward every iteration, then an update: the usual training loop.
void neg_training_loop() {
  auto w = torch::ones({3}, torch::requires_grad());
  for (int i = 0; i < 3; ++i) {
    auto y = w * 2;
    auto loss = y.pow(2).sum();
    loss.backward();
    {
      torch::NoGradGuard no_grad;
      w.sub_(w.grad() * 0.1);
      w.grad().zero_();
    }
  }
}

// A helper that only reads its argument.
torch::Tensor shifted(const torch::Tensor& t) { return t + 1; }

void neg_helper_reads() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto z = shifted(y);
  y.mul_(2);
  z.sum().backward();
}

// retain_graph keeps the saves; an in-place op after the first backward
// and no further backward is fine.
void neg_retain_graph() {
  auto x = torch::ones({3}, torch::requires_grad());
  auto y = x * 2;
  auto loss = y.pow(2).sum();
  loss.backward({}, true);
  loss.backward();
  y.mul_(2);
}

// The instantiation with a loss that saves nothing.
void neg_template_instance() {
  step_with([](const torch::Tensor& t) { return (t + 1).sum(); });
}

// The full mean keeps nothing (only the dimension-wise mean does).
void neg_mean_saves_nothing() {
  auto x = torch::ones({2, 3}, torch::requires_grad());
  auto h = x * 2;
  auto m = h.mean();
  h.add_(1);
  m.backward();
}
