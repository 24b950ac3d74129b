// REQUIRES: libtorch
// RUN: %check_torch_tidy -no-runtime-include %s torch-unnamed-guard %t \
// RUN:   -- %libtorch_includes
// RUN: %check_torch_tidy_plugin -no-runtime-include %s torch-unnamed-guard \
// RUN:   %t-plugin -- %libtorch_includes

// The real LibTorch 1.13 headers: the guards are c10::NoGradGuard,
// c10::AutoGradMode and c10::InferenceMode, reached through torch:: aliases.
#include <torch/torch.h>

torch::Tensor forward(torch::Tensor x);

// Positive cases

void temporaries(torch::Tensor x) {
  torch::NoGradGuard();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'torch::NoGradGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  torch::NoGradGuard no_grad;{{$}}
  forward(x);
}

void inference_braces(torch::Tensor x) {
  c10::InferenceMode{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'c10::InferenceMode' temporary is destroyed immediately; inference mode is not entered [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  c10::InferenceMode inference_guard;{{$}}
  forward(x);
}

void autograd_mode(torch::Tensor x) {
  torch::AutoGradMode(false);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'torch::AutoGradMode' (aka 'c10::AutoGradMode') temporary is destroyed immediately; gradient mode is not changed [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  torch::AutoGradMode grad_mode(false);{{$}}
  forward(x);
}

// A user alias of the guard, as in `using InferenceMode = ...`.
using NoGrad = torch::NoGradGuard;
void alias(torch::Tensor x) {
  NoGrad{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'NoGrad' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  NoGrad no_grad;{{$}}
  forward(x);
}

// The most vexing parse.
void vexing(torch::Tensor x) {
  torch::NoGradGuard g();
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'g' declares a function, not a guard (most vexing parse); gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  torch::NoGradGuard g;{{$}}
  forward(x);
}

// Macros: warned at the use, no fix-it.
#define NO_GRAD() torch::NoGradGuard()
void in_macro(torch::Tensor x) {
  NO_GRAD();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'torch::NoGradGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: name the guard to keep it alive until the end of the scope
  forward(x);
}

// Negative cases

void named(torch::Tensor x, bool flag) {
  torch::NoGradGuard no_grad;         // no warning: the guard is named
  c10::InferenceMode guard(flag);     // no warning: named, runtime flag
  torch::AutoGradMode enable(true);   // no warning: named
  NoGrad alias_guard;                 // no warning: named alias
  forward(x);
}

void not_guards(torch::Tensor x) {
  torch::Tensor();                    // no warning: not a guard
  torch::ones({2});                   // no warning: not a guard
  torch::nn::Dropout();               // no warning: a module, not a guard
  forward(x);
}
