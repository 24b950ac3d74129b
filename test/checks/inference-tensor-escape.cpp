// RUN: %check_torch_tidy %s torch-inference-tensor-escape %t
// RUN: %check_torch_tidy_plugin %s torch-inference-tensor-escape %t-plugin
// The same cases, the same expectations, on the real LibTorch headers:
// RUN: %if libtorch %{ %check_torch_tidy -no-runtime-include %s \
// RUN:   torch-inference-tensor-escape %t-libtorch -- %libtorch_includes %}
//
// Every function here also runs on the runtime and on real LibTorch
// (test/runtime/inference_tensor_escape_cases_test.cpp): each pos_* throws
// the LibTorch error its warning quotes, each neg_* runs cleanly.

#include <torch/torch.h>

// --- Positive cases --------------------------------------------------------

void pos_inplace_after_scope() {
  torch::Tensor feat;
  {
    c10::InferenceMode guard;
    feat = torch::ones({3}) * 2;
  }
  feat.add_(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: inference tensor 'feat' is modified in place by 'add_' outside InferenceMode; LibTorch throws "Inplace update to inference tensor outside InferenceMode is not allowed"; use a clone made outside InferenceMode ('feat.clone()'), which is a normal tensor [torch-inference-tensor-escape]
  // CHECK-MESSAGES: :[[@LINE-5]]:24: note: 'feat' was created under the InferenceMode guard 'guard' declared here
}

// mul keeps its input for the other operand's gradient.
void pos_saved_by_mul() {
  auto w = torch::ones({3}, torch::requires_grad());
  torch::Tensor feat;
  {
    c10::InferenceMode guard;
    feat = torch::ones({3}).exp();
  }
  auto out = feat * w;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: inference tensor 'feat' is saved for backward by 'mul' outside InferenceMode; LibTorch throws "Inference tensors cannot be saved for backward"
  // CHECK-FIXES: {{^}}  auto out = feat.clone() * w;{{$}}
  out.sum().backward();
}

void pos_requires_grad() {
  torch::Tensor feat;
  {
    c10::InferenceMode guard;
    feat = torch::zeros({2});
  }
  feat.requires_grad_();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: inference tensor 'feat' is made to require grad by 'requires_grad_' outside InferenceMode
}

void pos_version() {
  torch::Tensor feat;
  {
    c10::InferenceMode guard;
    feat = torch::zeros({2});
  }
  auto v = feat._version();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: inference tensor 'feat' is asked for its version by '_version' outside InferenceMode; LibTorch throws "Inference tensors do not track version counter"
  (void)v;
}

// A module run under InferenceMode returns an inference tensor.
void pos_module_output() {
  torch::nn::Linear encoder(3, 2);
  auto x = torch::ones({1, 3});
  torch::Tensor emb;
  {
    c10::InferenceMode guard;
    emb = encoder(x);
  }
  emb.mul_(2);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: inference tensor 'emb' is modified in place by 'mul_' outside InferenceMode
}

// linear(x) keeps x for the weight's gradient.
void pos_linear_saves_input() {
  torch::nn::Linear encoder(3, 2), head(2, 1);
  torch::Tensor emb;
  {
    c10::InferenceMode guard;
    emb = encoder(torch::ones({1, 3}));
  }
  auto out = head(emb);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: inference tensor 'emb' is saved for backward by 'linear' outside InferenceMode
  // CHECK-FIXES: {{^}}  auto out = head(emb.clone());{{$}}
  out.sum().backward();
}

void pos_mm() {
  auto w = torch::ones({3, 1}, torch::requires_grad());
  torch::Tensor feat;
  {
    c10::InferenceMode guard;
    feat = torch::rand({2, 3});
  }
  auto out = torch::mm(feat, w);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: inference tensor 'feat' is saved for backward by 'mm' outside InferenceMode
  // CHECK-FIXES: {{^}}  auto out = torch::mm(feat.clone(), w);{{$}}
  out.sum().backward();
}

// A view of an inference tensor is an inference tensor.
void pos_view() {
  torch::Tensor feat;
  {
    c10::InferenceMode guard;
    feat = torch::ones({2, 2});
  }
  auto row = feat[0];
  row.zero_();
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: inference tensor 'row' is modified in place by 'zero_' outside InferenceMode
}

// A feature extractor that runs under InferenceMode inside.
torch::Tensor extract(const torch::Tensor& x) {
  c10::InferenceMode guard;
  return x * 2;
}

void scale_(torch::Tensor& t) { t.mul_(0.5); }

void pos_helper_result() {
  auto f = extract(torch::ones({3}));
  f.relu_();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: inference tensor 'f' is modified in place by 'relu_' outside InferenceMode
  // CHECK-MESSAGES: :[[@LINE-10]]:22: note: 'f' was created under the InferenceMode guard 'guard' declared here
}

void pos_helper_modifies() {
  auto f = extract(torch::ones({3}));
  scale_(f);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: inference tensor 'f' is modified in place by 'mul_' outside InferenceMode
}

using Features = torch::Tensor;
#define FEATURES_OF(x) extract(x)

void pos_alias_and_macro() {
  Features f = FEATURES_OF(torch::ones({3}));
  f += 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: inference tensor 'f' is modified in place by '+=' outside InferenceMode
}

// --- Negative cases: silence is asserted --------------------------------

// add does not save its operands: an inference tensor may enter a graph.
void neg_add() {
  auto w = torch::ones({3}, torch::requires_grad());
  torch::Tensor feat;
  {
    c10::InferenceMode guard;
    feat = torch::ones({3}) * 2;
  }
  (feat + w).sum().backward();
}

// The suggested fix: a clone made outside InferenceMode is a normal tensor.
void neg_clone() {
  auto w = torch::ones({3}, torch::requires_grad());
  torch::Tensor feat;
  {
    c10::InferenceMode guard;
    feat = torch::ones({3}) * 2;
  }
  auto normal = feat.clone();
  normal.add_(1);
  (normal * w).sum().backward();
}

// Inside the scope everything is allowed.
void neg_inside_scope() {
  c10::InferenceMode guard;
  auto feat = torch::ones({3});
  feat.add_(1);
  auto v = feat * 2;
  (void)v;
}

// NoGradGuard makes normal tensors.
void neg_no_grad_guard() {
  torch::Tensor feat;
  {
    torch::NoGradGuard no_grad;
    feat = torch::ones({3}) * 2;
  }
  feat.add_(1);
  feat.requires_grad_();
  (feat * 3).sum().backward();
}

// InferenceMode(false) is normal mode.
void neg_inference_mode_off() {
  torch::Tensor feat;
  {
    c10::InferenceMode guard(false);
    feat = torch::ones({3});
  }
  feat.mul_(2);
}

// Nothing requires grad: mul records no node and saves nothing.
void neg_no_grad_operands() {
  torch::Tensor feat;
  {
    c10::InferenceMode guard;
    feat = torch::ones({3});
  }
  auto scaled = feat * torch::full({3}, 2.0);
  (void)scaled;
}

// A view made under InferenceMode of a normal tensor is a normal tensor.
void neg_view_of_normal() {
  auto base = torch::ones({4});
  torch::Tensor v;
  {
    c10::InferenceMode guard;
    v = base.view({2, 2});
  }
  v.mul_(2);
}

// A save made with gradients disabled does not happen.
void neg_saved_under_no_grad() {
  auto w = torch::ones({3}, torch::requires_grad());
  torch::Tensor feat;
  {
    c10::InferenceMode guard;
    feat = torch::ones({3});
  }
  torch::NoGradGuard no_grad;
  auto out = feat * w;
  (void)out;
}
