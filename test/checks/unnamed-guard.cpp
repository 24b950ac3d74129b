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
  // A second guard in the function gets a name of its own (two `no_grad`
  // would not compile).
  OldGuard{};
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'OldGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  OldGuard no_grad_2;{{$}}
  MyGuard();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'MyGuard' temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  MyGuard no_grad_3;{{$}}
  forward(x);
}

// The most vexing parse declares a function.
void vexing(torch::Tensor x) {
  torch::NoGradGuard g();
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'g' declares a function, not a guard (most vexing parse); gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  torch::NoGradGuard g;{{$}}
  forward(x);
}

// A name already in use: the next free one.
void name_taken(torch::Tensor no_grad, torch::Tensor no_grad_2) {
  torch::NoGradGuard();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'torch::NoGradGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  torch::NoGradGuard no_grad_3;{{$}}
  forward(no_grad);
  forward(no_grad_2);
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

// A dependent guard type: reported in the instantiation, under the
// canonical name.
template <typename G>
void dependent_guard(torch::Tensor x) {
  G();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'c10::NoGradGuard' temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  G no_grad;{{$}}
  forward(x);
}
template void dependent_guard<torch::NoGradGuard>(torch::Tensor);

// A whole statement from a macro: no fix-it.
#define ENTER_NO_GRAD torch::NoGradGuard();
void statement_macro(torch::Tensor x) {
  ENTER_NO_GRAD
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'torch::NoGradGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: name the guard to keep it alive until the end of the scope
  forward(x);
}

// The last statement of a block: destroyed at once all the same.
void last_statement(torch::Tensor x) {
  forward(x);
  torch::NoGradGuard();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'torch::NoGradGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  torch::NoGradGuard no_grad;{{$}}
}

// Inside a GNU statement expression, but not its last statement.
void statement_expression(torch::Tensor x) {
  ({ torch::NoGradGuard(); forward(x); });
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: 'torch::NoGradGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  ({ torch::NoGradGuard no_grad; forward(x); });{{$}}
}

// A function returning a guard by value: no type to name, no fix-it.
torch::NoGradGuard make_no_grad();
void returned_guard(torch::Tensor x) {
  make_no_grad();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'torch::NoGradGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: name the guard to keep it alive until the end of the scope
  forward(x);
}

// The most vexing parse with the other guards.
void vexing_kinds(torch::Tensor x) {
  c10::InferenceMode inference();
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'inference' declares a function, not a guard (most vexing parse); inference mode is not entered [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  c10::InferenceMode inference;{{$}}
  forward(x);
}

// AutoGradMode has no default constructor: removing the parentheses would
// not compile, so there must be no fix-it.
void vexing_autograd_mode(torch::Tensor x) {
  torch::AutoGradMode mode();
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'mode' declares a function, not a guard (most vexing parse); gradient mode is not changed [torch-unnamed-guard]
  // CHECK-FIXES: {{^}}  torch::AutoGradMode mode();{{$}}
  forward(x);
}

// A guard temporary as the body of an unbraced if: no block to name it in,
// so no fix-it.
void unbraced_if(torch::Tensor x, bool flag) {
  if (flag) torch::NoGradGuard();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'torch::NoGradGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: declare a named guard in the block it should protect
  forward(x);
}

// A guard temporary cast to void is destroyed at once just the same.
void cast_to_void(torch::Tensor x) {
  (void)torch::NoGradGuard();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'torch::NoGradGuard' (aka 'c10::NoGradGuard') temporary is destroyed immediately; gradient tracking stays enabled [torch-unnamed-guard]
  // CHECK-MESSAGES: :[[@LINE-2]]:3: note: declare a named guard in the block it should protect
  forward(x);
}

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

void comma_expression(torch::Tensor x) {
  // no warning: the temporary lives until the end of the full expression,
  // so forward() runs without gradients
  (torch::NoGradGuard(), forward(x));
}

void statement_expression_value(torch::Tensor x) {
  // no warning: the last statement of a statement expression is its value
  auto g = ({ torch::NoGradGuard(); });
  forward(x);
}

template <typename G>
void dependent_named(torch::Tensor x) {
  G guard;  // no warning: named
  forward(x);
}
template void dependent_named<c10::InferenceMode>(torch::Tensor);
