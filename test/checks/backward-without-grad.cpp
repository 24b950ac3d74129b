// RUN: %check_torch_tidy %s torch-backward-without-grad %t
// RUN: %check_torch_tidy_plugin %s torch-backward-without-grad %t-plugin
// The same cases, the same expectations, on the real LibTorch headers:
// RUN: %if libtorch %{ %check_torch_tidy -no-runtime-include %s \
// RUN:   torch-backward-without-grad %t-libtorch -- %libtorch_includes %}
//
// Every function here also runs on the runtime and on real LibTorch
// (test/runtime/backward_without_grad_cases_test.cpp): each pos_* throws
// "element 0 of tensors does not require grad and does not have a grad_fn",
// each neg_* runs cleanly.

#include <torch/torch.h>

// --- Positive cases --------------------------------------------------------

// The loss was computed for logging under no_grad, then trained on.
void pos_loss_under_guard() {
  torch::nn::Linear model(3, 1);
  auto x = torch::ones({2, 3});
  auto target = torch::zeros({2, 1});
  torch::Tensor loss;
  {
    torch::NoGradGuard no_grad;
    loss = torch::mse_loss(model(x), target);
  }
  loss.backward();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: backward through 'loss', which was computed with gradients disabled and has no grad_fn; LibTorch throws "element 0 of tensors does not require grad and does not have a grad_fn" [torch-backward-without-grad]
  // CHECK-MESSAGES: :[[@LINE-5]]:24: note: gradients were disabled by 'no_grad' here
}

void pos_inference_mode() {
  auto w = torch::ones({3}, torch::requires_grad());
  torch::Tensor loss;
  {
    c10::InferenceMode guard;
    loss = (w * 2).sum();
  }
  loss.backward();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: backward through 'loss', which was computed with gradients disabled
}

// Derived outside the guard from tensors computed inside it: still no graph.
void pos_derived_after_guard() {
  torch::nn::Linear model(3, 1);
  torch::Tensor out;
  {
    torch::NoGradGuard no_grad;
    out = model(torch::ones({2, 3}));
  }
  auto loss = out.pow(2).mean();
  loss.backward();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: backward through 'loss', which was computed with gradients disabled
  // CHECK-MESSAGES: :[[@LINE-6]]:24: note: gradients were disabled by 'no_grad' here
}

void pos_autograd_mode_off() {
  auto w = torch::ones({3}, torch::requires_grad());
  torch::AutoGradMode mode(false);
  auto loss = (w * w).sum();
  torch::autograd::grad({loss}, {w});
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: backward through 'loss', which was computed with gradients disabled
}

// A helper that evaluates under no_grad.
torch::Tensor eval_loss(torch::nn::Linear& model, const torch::Tensor& x) {
  torch::NoGradGuard no_grad;
  return model(x).abs().mean();
}

void pos_helper_result() {
  torch::nn::Linear model(3, 1);
  eval_loss(model, torch::ones({1, 3})).backward();
  // CHECK-MESSAGES: :[[@LINE-1]]:41: warning: backward through 'eval_loss(model, torch::ones({1, 3}))', which was computed with gradients disabled
  // CHECK-MESSAGES: :[[@LINE-8]]:22: note: gradients were disabled by 'no_grad' here
}

using Loss = torch::Tensor;
#define BACKWARD(t) (t).backward()

void pos_alias_and_macro() {
  auto w = torch::ones({3}, torch::requires_grad());
  Loss loss;
  {
    torch::NoGradGuard no_grad;
    loss = w.sum();
  }
  BACKWARD(loss);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: backward through 'loss', which was computed with gradients disabled
}

// --- Negative cases: silence is asserted --------------------------------

// The guard ended before the loss was computed.
void neg_after_guard() {
  auto w = torch::ones({3}, torch::requires_grad());
  {
    torch::NoGradGuard no_grad;
    auto logged = w * 2;
    (void)logged;
  }
  auto loss = (w * 2).sum();
  loss.backward();
}

// A tensor computed without grad, made to require grad afterwards.
void neg_requires_grad_after() {
  torch::Tensor t;
  {
    torch::NoGradGuard no_grad;
    t = torch::ones({3}) * 2;
  }
  t.requires_grad_();
  (t * t).sum().backward();
}

// Gradients turned back on inside the no-grad block.
void neg_enabled_inside() {
  auto w = torch::ones({3}, torch::requires_grad());
  torch::Tensor loss;
  {
    torch::NoGradGuard no_grad;
    {
      torch::AutoGradMode enable(true);
      loss = (w * 3).sum();
    }
  }
  loss.backward();
}

// Features computed without grad, combined with a parameter afterwards.
void neg_mixed() {
  auto w = torch::ones({3}, torch::requires_grad());
  torch::Tensor feat;
  {
    torch::NoGradGuard no_grad;
    feat = torch::ones({3}).exp();
  }
  auto loss = (feat * w).sum();
  loss.backward();
}

// A leaf created with requires_grad under no_grad still requires grad.
void neg_leaf_under_guard() {
  torch::Tensor w;
  {
    torch::NoGradGuard no_grad;
    w = torch::ones({3}, torch::requires_grad());
  }
  (w * 2).sum().backward();
}
