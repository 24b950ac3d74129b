// RUN: %check_torch_tidy %s torch-unnamed-guard %t
// RUN: %check_torch_tidy_plugin %s torch-unnamed-guard %t-plugin

#include <torch/torch.h>

torch::Tensor forward(torch::Tensor x);

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

// Aliases and typedefs are seen through.
using Guard = torch::NoGradGuard;
typedef c10::NoGradGuard OldGuard;
struct MyGuard : torch::NoGradGuard {};

void aliases(torch::Tensor x) {
  Guard();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'Guard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  Guard no_grad;{{$}}
  OldGuard{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OldGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  OldGuard no_grad;{{$}}
  MyGuard();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'MyGuard' temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  forward(x);
}

// The most vexing parse declares a function.
void vexing(torch::Tensor x) {
  torch::NoGradGuard g();
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'g' declares a function, not a guard (most vexing parse); gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  torch::NoGradGuard g;{{$}}
  forward(x);
}

// A name already in use: no fix-it, a note instead.
void name_taken(torch::Tensor no_grad) {
  torch::NoGradGuard();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'torch::NoGradGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: name the guard to keep it alive until the end of the scope
  // CHECK-FIXES: {{^}}  torch::NoGradGuard();{{$}}
  forward(no_grad);
}

// Macros: warned at the use, no fix-it.
#define NO_GRAD() torch::NoGradGuard()
void in_macro(torch::Tensor x) {
  NO_GRAD();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'torch::NoGradGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: name the guard to keep it alive until the end of the scope
  forward(x);
}

// Templates: reported once, at the spelling.
template <typename T>
void in_template(T x) {
  torch::NoGradGuard();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'torch::NoGradGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  torch::NoGradGuard no_grad;{{$}}
  forward(x);
}
template void in_template(torch::Tensor);

// Lambdas.
auto lambda = [](torch::Tensor x) {
  torch::NoGradGuard{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'torch::NoGradGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  torch::NoGradGuard no_grad;{{$}}
  return forward(x);
};

// Negative cases

void named_guards(torch::Tensor x, bool flag) {
  torch::NoGradGuard no_grad;           // no warning: the guard is named
  c10::InferenceMode guard;             // no warning: named
  torch::AutoGradMode enable(flag);     // no warning: named, with an argument
  torch::NoGradGuard braces{};          // no warning: named, braces
  auto g = torch::NoGradGuard();        // no warning: bound to a variable
  forward(x);
}

torch::NoGradGuard *make_guard() {
  return new torch::NoGradGuard();      // no warning: lives on the heap
}

void not_guards(torch::Tensor x) {
  torch::Tensor();                      // no warning: not a guard
  torch::ones({2});                     // no warning: not a guard
  torch::Tensor t();                    // no warning: vexing, but not a guard
  forward(x);
}
