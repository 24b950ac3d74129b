// RUN: %check_torch_tidy -check-suffix=NAMES %s torch-missing-grad-guard \
// RUN:   %t-names -config='{CheckOptions: \
// RUN:   {torch-missing-grad-guard.InferenceFunctions: "^serve$"}}'
// RUN: %check_torch_tidy_plugin -check-suffix=NAMES %s \
// RUN:   torch-missing-grad-guard %t-names-plugin -config='{CheckOptions: \
// RUN:   {torch-missing-grad-guard.InferenceFunctions: "^serve$"}}'
// RUN: %check_torch_tidy -check-suffix=GUARD %s torch-missing-grad-guard \
// RUN:   %t-guard -config='{CheckOptions: \
// RUN:   {torch-missing-grad-guard.FixItGuard: "c10::InferenceMode guard;"}}'
// RUN: %check_torch_tidy_plugin -check-suffix=GUARD %s \
// RUN:   torch-missing-grad-guard %t-guard-plugin -config='{CheckOptions: \
// RUN:   {torch-missing-grad-guard.FixItGuard: "c10::InferenceMode guard;"}}'

// NAMES: InferenceFunctions is "^serve$", FixItGuard is the default.
// GUARD: InferenceFunctions is the default, FixItGuard is
//        "c10::InferenceMode guard;".

#include "models.h"

// Positive cases

// NAMES: the name now marks an inference function. GUARD: "serve" is not
// one of the default names.
torch::Tensor serve(Net& model, torch::Tensor x) {
  return model(x);
  // CHECK-MESSAGES-NAMES: :[[@LINE-1]]:10: warning: 'model' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
  // CHECK-FIXES-NAMES: {{^}}  torch::NoGradGuard no_grad;{{$}}
  // CHECK-FIXES-NAMES-NEXT: {{^}}  return model(x);{{$}}
}

// The regex ignores case.
torch::Tensor SERVE(Net& model, torch::Tensor x) {
  return model(x);
  // CHECK-MESSAGES-NAMES: :[[@LINE-1]]:10: warning: 'model' is used for inference without a grad guard
  // CHECK-FIXES-NAMES: {{^}}torch::Tensor SERVE(Net& model, torch::Tensor x) {{{$}}
  // CHECK-FIXES-NAMES-NEXT: {{^}}  torch::NoGradGuard no_grad;{{$}}
}

// GUARD: a default name; the fix-it inserts the configured guard.
// NAMES: "predict" is no longer an inference name.
torch::Tensor predict(Net& model, torch::Tensor x) {
  return model->forward(x);
  // CHECK-MESSAGES-GUARD: :[[@LINE-1]]:10: warning: 'model' is used for inference without a grad guard
  // CHECK-FIXES-GUARD: {{^}}  c10::InferenceMode guard;{{$}}
  // CHECK-FIXES-GUARD-NEXT: {{^}}  return model->forward(x);{{$}}
}

// The name taken is the configured guard's: `no_grad` is free for it.
torch::Tensor infer(Net& model, torch::Tensor no_grad) {
  return model(no_grad);
  // CHECK-MESSAGES-GUARD: :[[@LINE-1]]:10: warning: 'model' is used for inference without a grad guard
  // CHECK-FIXES-GUARD: {{^}}  c10::InferenceMode guard;{{$}}
  // CHECK-FIXES-GUARD-NEXT: {{^}}  return model(no_grad);{{$}}
}

// ... and `guard` is not: a warning without a fix-it.
torch::Tensor classify(Net& model, torch::Tensor guard) {
  return model(guard);
  // CHECK-MESSAGES-GUARD: :[[@LINE-1]]:10: warning: 'model' is used for inference without a grad guard
  // CHECK-FIXES-GUARD: {{^}}torch::Tensor classify(Net& model, torch::Tensor guard) {{{$}}
  // CHECK-FIXES-GUARD-NEXT: {{^}}  return model(guard);{{$}}
}

// eval() marks an inference call whatever the names.
torch::Tensor run(Net& model, torch::Tensor x) {
  model->eval();
  return model(x);
  // CHECK-MESSAGES-NAMES: :[[@LINE-1]]:10: warning: 'model' is used for inference without a grad guard
  // CHECK-MESSAGES-GUARD: :[[@LINE-2]]:10: warning: 'model' is used for inference without a grad guard
  // CHECK-FIXES-NAMES: {{^}}  torch::NoGradGuard no_grad;{{$}}
  // CHECK-FIXES-NAMES-NEXT: {{^}}  model->eval();{{$}}
  // CHECK-FIXES-GUARD: {{^}}  c10::InferenceMode guard;{{$}}
  // CHECK-FIXES-GUARD-NEXT: {{^}}  model->eval();{{$}}
}

// Negative cases

// NAMES: the configured regex is anchored. GUARD: not default names.
torch::Tensor serve_batch(Net& model, torch::Tensor x) {
  return model(x);  // no warning: "serve_batch" is not "serve"
}

torch::Tensor observe(Net& model, torch::Tensor x) {
  return model(x);  // no warning: "observe" is not "serve"
}

// GUARD: any guard counts, not only the configured one.
torch::Tensor evaluate(Net& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;  // no warning: guarded
  return model(x);
}

// NAMES: a matching name (an overload) with a guard.
torch::Tensor serve(Net& model, torch::Tensor x, int repeat) {
  c10::InferenceMode guard;  // no warning: guarded
  return model(x);
}
