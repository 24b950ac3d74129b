// REQUIRES: libtorch
// RUN: %check_torch_tidy -no-runtime-include %s torch-inplace-on-leaf %t \
// RUN:   -- %libtorch_includes
// RUN: %check_torch_tidy_plugin -no-runtime-include %s \
// RUN:   torch-inplace-on-leaf %t-plugin -- %libtorch_includes

// The real LibTorch 1.13 headers: parameters() returns std::vector<Tensor>,
// named_parameters() an OrderedDict whose items have value(), layers are
// ModuleHolder<...Impl> reached through operator->.
#include <torch/torch.h>

void sgd_step(torch::nn::Linear& model, double lr) {
  for (auto& p : model->parameters()) {
    p.sub_(lr * p.grad());
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'sub_' on 'p', a leaf tensor that requires grad, while gradients are enabled; it throws "a leaf Variable that requires grad is being used in an in-place operation." [torch-inplace-on-leaf]
    // CHECK-MESSAGES: :[[@LINE-3]]:18: note: 'p' is a parameter of 'model'; parameters are leaves that require grad
    // CHECK-FIXES: {{^}}    { torch::NoGradGuard no_grad; p.sub_(lr * p.grad()); }{{$}}
  }
}

struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(4, 2))) {
    bias = register_parameter("bias", torch::zeros({2}));
    for (auto& kv : named_parameters()) {
      if (kv.key().find("weight") != std::string::npos)
        kv.value().uniform_(-0.1, 0.1);
      // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: in-place 'uniform_' on 'kv.value()', a leaf tensor
    }
    bias.fill_(0.01);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: in-place 'fill_' on 'bias', a leaf tensor
  }
  torch::Tensor forward(torch::Tensor x) { return fc(x) + bias; }
  torch::nn::Linear fc;
  torch::Tensor bias;
};
TORCH_MODULE(Net);

void shift(torch::nn::Conv2d& conv) {
  conv->bias += 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: in-place '+=' on 'conv->bias', a leaf tensor
}

// Negative cases

void init_guarded(Net& net) {
  torch::NoGradGuard no_grad;
  for (auto& p : net->parameters())
    p.uniform_(-0.1, 0.1);  // no warning
}

void init_with_library(torch::nn::Linear& fc) {
  torch::nn::init::xavier_uniform_(fc->weight);  // no warning
  torch::nn::init::constant_(fc->bias, 0.0);     // no warning
}

void through_data(Net& net) {
  for (auto& p : net->parameters())
    p.data().mul_(0.9);  // no warning: data() is not the leaf
}

void in_inference_mode(Net& net) {
  c10::InferenceMode guard;
  for (auto& p : net->parameters())
    p.clamp_(-1, 1);  // no warning
}
