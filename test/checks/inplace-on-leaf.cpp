// RUN: %check_torch_tidy %s torch-inplace-on-leaf %t
// RUN: %check_torch_tidy_plugin %s torch-inplace-on-leaf %t-plugin

#include <torch/torch.h>

// A hand-written SGD step over a model's parameters.
void sgd_step(torch::nn::Linear& model, double lr) {
  for (auto& p : model->parameters()) {
    p.sub_(lr * p.grad());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'sub_' on 'p', a leaf tensor that requires grad, while gradients are enabled; it throws "a leaf Variable that requires grad is being used in an in-place operation." [torch-inplace-on-leaf]
    // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'p' is a parameter of 'model'; parameters are leaves that require grad
    // CHECK-FIXES: {{^}}    { torch::NoGradGuard no_grad; p.sub_(lr * p.grad()); }{{$}}
  }
}

// The same with an operator, and without braces: no fix-it.
void sgd_step_operator(torch::nn::Linear& model, double lr) {
  for (auto& p : model->parameters())
    p -= lr * p.grad();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place '-=' on 'p', a leaf tensor
  // CHECK-FIXES: {{^}}    p -= lr * p.grad();{{$}}
}

// named_parameters(): the item's value().
void scale_named(torch::nn::Linear& model) {
  for (auto& kv : model->named_parameters()) {
    kv.value().mul_(0.5);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'mul_' on 'kv.value()', a leaf tensor
    // CHECK-MESSAGES: :[[@LINE-3]]:19: note: 'kv.value()' is a parameter of 'model'
  }
}

// A built-in layer's weight.
void reset_weight(torch::nn::Linear& fc) {
  fc->weight.fill_(0.1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: in-place 'fill_' on 'fc->weight', a leaf tensor
}

// A member registered as a parameter, initialised in place in the
// constructor.
struct ScaleImpl : torch::nn::Module {
  ScaleImpl() {
    gamma = register_parameter("gamma", torch::ones({4}));
    gamma.mul_(0.5);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'mul_' on 'gamma', a leaf tensor
    // CHECK-MESSAGES: :[[@LINE-3]]:13: note: 'gamma' was registered as a parameter here
  }
  torch::Tensor forward(torch::Tensor x) { return x * gamma; }
  torch::Tensor gamma;
};

// A tensor created with requires_grad.
void fit_by_hand(torch::Tensor x, torch::Tensor y) {
  auto w = torch::zeros({3}, torch::requires_grad());
  auto loss = (x.matmul(w) - y).pow(2).sum();
  loss.backward();
  w.sub_(0.1 * w.grad());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: in-place 'sub_' on 'w', a leaf tensor
  // CHECK-MESSAGES: :[[@LINE-5]]:12: note: 'w' was created with requires_grad here
  // CHECK-FIXES: {{^}}  { torch::NoGradGuard no_grad; w.sub_(0.1 * w.grad()); }{{$}}
}

// Macros and aliases.
#define STEP(t, lr) (t).sub_((lr) * (t).grad())
using Params = std::vector<torch::Tensor>;
void step_macro(torch::nn::Linear& model) {
  for (auto& p : model->parameters()) {
    STEP(p, 0.1);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'sub_' on 'p', a leaf tensor
    // CHECK-FIXES: {{^}}    STEP(p, 0.1);{{$}}
  }
}

// A function template: its instantiation is judged.
template <typename Model>
void zero_all(Model& model) {
  for (auto& p : model->parameters()) {
    p.zero_();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'zero_' on 'p', a leaf tensor
  }
}
void zero_linear(torch::nn::Linear& model) { zero_all(model); }

// Negative cases

// Under a guard.
void sgd_guarded(torch::nn::Linear& model, double lr) {
  torch::NoGradGuard no_grad;
  for (auto& p : model->parameters())
    p.sub_(lr * p.grad());  // no warning
}

// The guard is held by every caller of the helper.
static void update(torch::nn::Linear& model, double lr) {
  for (auto& p : model->parameters())
    p.sub_(lr * p.grad());  // no warning: caller guards
}
void step_with_guard(torch::nn::Linear& model) {
  torch::NoGradGuard no_grad;
  update(model, 0.1);
}

// Not the leaf itself: detach() and grad() are tensors of their own.
void not_the_leaf(torch::nn::Linear& model) {
  for (auto& p : model->parameters()) {
    p.detach().zero_();    // no warning
    p.grad().zero_();      // no warning
  }
}

// torch::nn::init disables gradients itself.
void init_weights(torch::nn::Linear& fc) {
  torch::nn::init::zeros_(fc->weight);  // no warning
}

// A frozen model: requires_grad was switched off by hand.
void frozen(torch::nn::Linear& model) {
  for (auto& p : model->parameters())
    p.set_requires_grad(false);
  for (auto& p : model->parameters())
    p.mul_(0.5);  // no warning
}

// A tensor passed in: whether it is a leaf that requires grad is not known.
void unknown(torch::Tensor t) {
  t.add_(1);  // no warning
}

// Reassigned: no longer the leaf made by the factory.
void reassigned(torch::Tensor x) {
  auto w = torch::zeros({3}, torch::requires_grad());
  w = x * 2;
  w.add_(1);  // no warning
}

// Registered without requires_grad.
struct FixedImpl : torch::nn::Module {
  FixedImpl() {
    scale = register_parameter("scale", torch::ones({1}), false);
    scale.mul_(2);  // no warning
  }
  torch::Tensor scale;
};

// A lambda does not see the guard around its call.
void in_lambda(torch::nn::Linear& model) {
  torch::NoGradGuard no_grad;
  auto step = [](torch::Tensor& p) { p.sub_(p.grad()); };
  for (auto& p : model->parameters())
    step(p);  // no warning
}

// A buffer does not require grad.
void reset_stats(torch::nn::BatchNorm1d& bn) {
  bn->running_mean.zero_();  // no warning
}
