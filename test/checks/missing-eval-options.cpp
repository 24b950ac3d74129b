// RUN: %check_torch_tidy -check-suffix=IGNORE %s torch-missing-eval \
// RUN:   %t-ignore -config='{CheckOptions: \
// RUN:   {torch-missing-eval.ScriptModules: ignore}}'
// RUN: %check_torch_tidy_plugin -check-suffix=IGNORE %s torch-missing-eval \
// RUN:   %t-ignore-plugin -config='{CheckOptions: \
// RUN:   {torch-missing-eval.ScriptModules: ignore}}'
// RUN: %check_torch_tidy -check-suffix=NAMES %s torch-missing-eval \
// RUN:   %t-names -config='{CheckOptions: \
// RUN:   {torch-missing-eval.InferenceFunctions: "^serve$"}}'
// RUN: %check_torch_tidy_plugin -check-suffix=NAMES %s torch-missing-eval \
// RUN:   %t-names-plugin -config='{CheckOptions: \
// RUN:   {torch-missing-eval.InferenceFunctions: "^serve$"}}'

// IGNORE: ScriptModules is "ignore", InferenceFunctions is the default.
// NAMES: InferenceFunctions is "^serve$", ScriptModules is "warn" (the
//        default).

#include "jit_module.h"
#include "models.h"

// Positive cases

// A loaded TorchScript module is an inference call whatever the names.
// IGNORE: silenced.
torch::Tensor load_and_run(const std::string& path, torch::Tensor x) {
  torch::jit::Module module = torch::jit::load(path);
  return module.forward({x}).toTensor();
  // CHECK-MESSAGES-NAMES: :[[@LINE-1]]:10: warning: TorchScript module 'module' is used for inference without 'eval()'; it runs in whatever mode it was saved in [torch-missing-eval]
}

// IGNORE silences script modules only: a C++ module still warns.
torch::Tensor run_guarded(Net& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return model(x);
  // CHECK-MESSAGES-IGNORE: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode; dropout and batch norm behave as in training [torch-missing-eval]
  // CHECK-MESSAGES-NAMES: :[[@LINE-2]]:10: warning: 'model' is used for inference while it may be in training mode; dropout and batch norm behave as in training [torch-missing-eval]
}

// NAMES: the name now marks an inference function. IGNORE: "serve" is
// not one of the default names.
torch::Tensor serve(Net& model, torch::Tensor x) {
  return model(x);
  // CHECK-MESSAGES-NAMES: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode
}

// IGNORE: a default name. NAMES: "predict" is no longer an inference name.
torch::Tensor predict(Net& model, torch::Tensor x) {
  return model(x);
  // CHECK-MESSAGES-IGNORE: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode
}

// NAMES: a script module in a function of the configured name.
torch::Tensor serve(torch::jit::Module& module, torch::Tensor x) {
  return module({x}).toTensor();
  // CHECK-MESSAGES-NAMES: :[[@LINE-1]]:10: warning: TorchScript module 'module' is used for inference without 'eval()'
}

// A script module under a grad guard. IGNORE: silenced.
torch::Tensor predict(torch::jit::Module& module, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return module.forward({x}).toTensor();
  // CHECK-MESSAGES-NAMES: :[[@LINE-1]]:10: warning: TorchScript module 'module' is used for inference without 'eval()'
}

// Negative cases

// NAMES: the configured regex is anchored. IGNORE: not default names.
torch::Tensor serve_batch(Net& model, torch::Tensor x) {
  return model(x);  // no warning: "serve_batch" is not "serve"
}

torch::Tensor serve(Net& model, torch::Tensor x, int repeat) {
  model->eval();  // no warning: eval dominates the call
  return model(x);
}

torch::Tensor serve(Plain& model, torch::Tensor x) {
  return model(x);  // no warning: Linear only, same in both modes
}
