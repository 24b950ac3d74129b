// RUN: %check_torch_tidy %s torch-missing-grad-guard %t
// RUN: %check_torch_tidy_plugin %s torch-missing-grad-guard %t-plugin
// The same cases on the real LibTorch headers (GradMode is c10::GradMode
// there, reached through torch::autograd):
// RUN: %if libtorch %{ %check_torch_tidy -no-runtime-include %s \
// RUN:   torch-missing-grad-guard %t-libtorch -- %libtorch_includes %}
// RUN: %if libtorch %{ %check_torch_tidy_plugin -no-runtime-include %s \
// RUN:   torch-missing-grad-guard %t-libtorch-plugin -- %libtorch_includes %}

// GradMode::set_enabled() decides per forward pass, by the paths that reach
// it: off where a set_enabled(false) may still hold, on (as the function
// started) where none can or set_enabled(true) ran after it. Pattern from
// public LibTorch projects (a demo that copies weights with gradients
// switched off between forward passes), minimized.

#include <torch/torch.h>

#include <iostream>

struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor x) { return fc(x); }
  torch::nn::Linear fc;
};
TORCH_MODULE(Net);

// Positive cases: gradients are on at the forward pass, whatever
// GradMode::set_enabled() did elsewhere in the function. A guard inserted at
// the top of the block could be overridden by set_enabled(true): no fix-it.

// A forward pass before the weights are copied with gradients switched off.
void print_before_switch(Net& model, torch::Tensor x) {
  std::cout << model(x).sizes() << std::endl;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'model' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: no fix-it: 'print_before_switch' switches the grad mode with GradMode::set_enabled(), which could override a guard
  torch::autograd::GradMode::set_enabled(false);
  model->fc->weight.fill_(0.5);
  torch::autograd::GradMode::set_enabled(true);
}

// Gradients switched back on before the forward pass.
void print_after_switch_back(Net& model, torch::Tensor x) {
  torch::autograd::GradMode::set_enabled(false);
  model->fc->weight.fill_(0.5);
  torch::autograd::GradMode::set_enabled(true);
  std::cout << model(x).sizes() << std::endl;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'model' is used for inference without a grad guard
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: no fix-it: 'print_after_switch_back' switches
}

// Switched off and on inside a loop; the forward pass comes after it.
void print_after_loop(Net& model, torch::Tensor x) {
  for (int i = 0; i < 3; ++i) {
    torch::autograd::GradMode::set_enabled(false);
    model->fc->bias.add_(1);
    torch::autograd::GradMode::set_enabled(true);
  }
  std::cout << model(x).sizes() << std::endl;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'model' is used for inference without a grad guard
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: no fix-it
}

// Through an alias of the class.
using Mode = torch::autograd::GradMode;
void print_alias_switch_back(Net& model, torch::Tensor x) {
  Mode::set_enabled(false);
  model->fc->weight.zero_();
  Mode::set_enabled(true);
  std::cout << model(x).sizes() << std::endl;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'model' is used for inference without a grad guard
  // CHECK-MESSAGES: :[[@LINE-2]]:16: note: no fix-it
}

// Negative cases

// Between set_enabled(false) and set_enabled(true): gradients are off.
void print_between(Net& model, torch::Tensor x) {
  torch::autograd::GradMode::set_enabled(false);
  std::cout << model(x).sizes() << std::endl;  // no warning
  torch::autograd::GradMode::set_enabled(true);
}

torch::Tensor predict_switched_off(Net& model, torch::Tensor x) {
  torch::autograd::GradMode::set_enabled(false);
  return model(x);  // no warning
}

// Off on one branch only: unknown, so silent.
void print_one_branch(Net& model, torch::Tensor x, bool quiet) {
  if (quiet)
    torch::autograd::GradMode::set_enabled(false);
  std::cout << model(x).sizes() << std::endl;  // no warning
  torch::autograd::GradMode::set_enabled(true);
}

// A mode only known at run time.
void print_flag(Net& model, torch::Tensor x, bool on) {
  torch::autograd::GradMode::set_enabled(on);
  std::cout << model(x).sizes() << std::endl;  // no warning
}

// Off from the second iteration on: unknown, so silent.
void print_in_loop_before_off(Net& model, torch::Tensor x) {
  for (int i = 0; i < 3; ++i) {
    std::cout << model(x).sizes() << std::endl;  // no warning
    torch::autograd::GradMode::set_enabled(false);
    model->fc->bias.add_(1);
  }
  torch::autograd::GradMode::set_enabled(true);
}

// A template switched off through the alias.
template <typename M>
void print_template_between(M& model, torch::Tensor x) {
  Mode::set_enabled(false);
  std::cout << model(x).sizes() << std::endl;  // no warning
  Mode::set_enabled(true);
}
template void print_template_between<Net>(Net&, torch::Tensor);
