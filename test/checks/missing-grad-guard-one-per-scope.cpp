// RUN: %check_torch_tidy %s torch-missing-grad-guard %t
// RUN: %clangxx -std=c++17 -fsyntax-only -I%S/../../runtime/include -I%S/Inputs/Headers %t.cpp
// RUN: %check_torch_tidy_plugin %s torch-missing-grad-guard %t-plugin

// One missing guard is one finding: the first unguarded forward pass of a
// function gets the warning, every other one a note, and the fix-it guards
// them all. The second RUN line compiles the fixed file.

#include "models.h"

#include <iostream>
#include <vector>

// Three calls, one block: one warning, one guard.
void evaluate(Net& model, torch::Tensor a, torch::Tensor b) {
  auto ya = model(a);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: 'model' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
  // CHECK-FIXES: {{^}}void evaluate(Net& model, torch::Tensor a, torch::Tensor b) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  torch::NoGradGuard no_grad;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  auto ya = model(a);{{$}}
  auto yb = model->forward(b);
  // CHECK-NOTES: :[[@LINE-1]]:13: note: 'model' is also used for inference without a grad guard here
  std::cout << ya.sum().item<float>() + yb.sum().item<float>() << std::endl;
  std::cout << model(a + b).argmax(1) << std::endl;
  // CHECK-NOTES: :[[@LINE-1]]:16: note: 'model' is also used for inference without a grad guard here
}

// Calls in two loops and a model of another name: the guard goes at the
// start of the innermost block that holds them all.
void compare(Net& left, Net& right, std::vector<torch::Tensor>& xs) {
  int agree = 0;
  // CHECK-FIXES: {{^}}void compare(Net& left, Net& right, std::vector<torch::Tensor>& xs) {{{$}}
  // CHECK-FIXES-NEXT: {{^}}  torch::NoGradGuard no_grad;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  int agree = 0;{{$}}
  for (auto& x : xs) {
    auto l = left(x).argmax(1);
    // CHECK-NOTES: :[[@LINE-1]]:14: warning: 'left' is used for inference without a grad guard
    auto r = right(x).argmax(1);
    // CHECK-NOTES: :[[@LINE-1]]:14: note: 'right' is also used for inference without a grad guard here
    agree += l.eq(r).sum().item<int>();
  }
  for (auto& x : xs)
    std::cout << left->forward(x).max().item<float>() << std::endl;
  // CHECK-NOTES: :[[@LINE-1]]:18: note: 'left' is also used for inference without a grad guard here
  std::cout << agree << std::endl;
}

// The block holding both validation loops also trains: each loop gets its
// own guard, and the training step stays outside them.
void fit(Net& model, torch::optim::SGD& opt, std::vector<torch::Tensor>& xs) {
  for (auto& x : xs) {
    model->eval();
    // CHECK-FIXES: {{^}}void fit(Net& model, torch::optim::SGD& opt, std::vector<torch::Tensor>& xs) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (auto& x : xs) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    torch::NoGradGuard no_grad;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    model->eval();{{$}}
    std::cout << model(x).mean().item<float>() << std::endl;
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: 'model' is used for inference without a grad guard
    // CHECK-NOTES: :[[@LINE-7]]:5: note: 'model' was put in eval mode here; eval() does not disable gradients
    // CHECK-NOTES: :[[@LINE+13]]:18: note: 'model' is also used for inference without a grad guard here
  }
  model->train();
  auto loss = model(xs.front()).sum();
  opt.zero_grad();
  loss.backward();
  opt.step();
  for (auto& x : xs) {
    model->eval();
    // CHECK-FIXES: {{^}}  opt.step();{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (auto& x : xs) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    torch::NoGradGuard no_grad;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    model->eval();{{$}}
    std::cout << model(x).argmax(1) << std::endl;
  }
}

// Each function, and each lambda, is a finding of its own.
void first(Net& model, torch::Tensor x) {
  std::cout << model(x) << std::endl;
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'model' is used for inference without a grad guard
  // CHECK-FIXES: {{^}}  torch::NoGradGuard no_grad;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  std::cout << model(x) << std::endl;{{$}}
  auto later = [&] {
    std::cout << model(x) << std::endl;
    // CHECK-NOTES: :[[@LINE-1]]:18: warning: 'model' is used for inference without a grad guard
    // CHECK-FIXES: {{^}}    torch::NoGradGuard no_grad;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    std::cout << model(x) << std::endl;{{$}}
  };
  later();
}

// Negative: a guarded call is not a note of the unguarded finding.
void half_guarded(Net& model, torch::Tensor x) {
  {
    torch::NoGradGuard no_grad;
    std::cout << model(x) << std::endl;
  }
  std::cout << model(x) << std::endl;
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: 'model' is used for inference without a grad guard
}
