// REQUIRES: libtorch
// RUN: %check_torch_tidy -no-runtime-include %s torch-missing-grad-guard %t \
// RUN:   -- %libtorch_includes
// RUN: %check_torch_tidy_plugin -no-runtime-include %s \
// RUN:   torch-missing-grad-guard %t-plugin -- %libtorch_includes

// The real LibTorch 1.13 headers: modules are ModuleHolder<Impl> declared
// with TORCH_MODULE, script modules come from <torch/script.h>.
#include <torch/script.h>
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl()
      : fc(register_module("fc", torch::nn::Linear(4, 2))),
        drop(register_module("drop", torch::nn::Dropout(0.5))) {}
  torch::Tensor forward(torch::Tensor x) { return drop(fc(x)); }
  torch::nn::Linear fc;
  torch::nn::Dropout drop;
};
TORCH_MODULE(Net);

// Positive cases

torch::Tensor predict(Net& model, torch::Tensor x) {
  return model->forward(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
  // CHECK-FIXES: {{^}}  torch::NoGradGuard no_grad;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  return model->forward(x);{{$}}
}

// eval() does not disable gradients.
torch::Tensor run(Net& model, torch::Tensor x) {
  model->eval();
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference without a grad guard
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'model' was put in eval mode here; eval() does not disable gradients
}

// A TorchScript module loaded for inference.
torch::Tensor serve(const std::string& path, torch::Tensor x) {
  torch::jit::script::Module module = torch::jit::load(path);
  return module.forward({x}).toTensor();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'module' is used for inference without a grad guard
  // CHECK-MESSAGES: :[[@LINE-3]]:39: note: 'module' is loaded here for inference
}

// A built-in layer used directly.
torch::Tensor classify(torch::nn::Linear fc, torch::Tensor x) {
  return fc(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'fc' is used for inference without a grad guard
}

// Negative cases

torch::Tensor predict_guarded(Net& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;  // no warning: guarded
  return model(x);
}

torch::Tensor predict_inference_mode(Net& model, torch::Tensor x) {
  c10::InferenceMode guard;  // no warning: InferenceMode disables gradients
  return model(x);
}

torch::Tensor predict_autograd_off(Net& model, torch::Tensor x) {
  torch::AutoGradMode off(false);  // no warning
  return model(x);
}

// A user alias of NoGradGuard.
using InferenceGuard = torch::NoGradGuard;
torch::Tensor predict_alias(Net& model, torch::Tensor x) {
  InferenceGuard guard;  // no warning: an alias of NoGradGuard
  return model(x);
}

torch::Tensor serve_guarded(const std::string& path, torch::Tensor x) {
  torch::jit::Module module = torch::jit::load(path);
  c10::InferenceMode guard;  // no warning: guarded
  return module.forward({x}).toTensor();
}

// Training code: the result feeds backward().
void train_step(Net& model, torch::Tensor x) {
  auto loss = model(x).sum();  // no warning: trains
  loss.backward();
}

// Not an inference context: no eval, no guard, a neutral name.
torch::Tensor forward_features(Net& model, torch::Tensor x) {
  return model(x);  // no warning
}

// Every spelling LibTorch 1.13 and 2.x give the guards (this file also runs
// against LibTorch 2.6's headers: test/lit.cmake).
void spellings(Net& model, torch::Tensor x) {
  {
    torch::InferenceMode guard;
    std::cout << model(x) << std::endl;  // no warning
  }
  {
    at::NoGradGuard guard;
    std::cout << model(x) << std::endl;  // no warning
  }
  {
    c10::AutoGradMode off(false);
    std::cout << model(x) << std::endl;  // no warning
  }
  {
    at::AutoGradMode off(false);
    std::cout << model(x) << std::endl;  // no warning
  }
  {
    torch::autograd::AutoGradMode off(false);
    std::cout << model(x) << std::endl;  // no warning
  }
}
