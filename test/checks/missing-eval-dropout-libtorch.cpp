// REQUIRES: libtorch
// RUN: %check_torch_tidy -no-runtime-include %s torch-missing-eval %t \
// RUN:   -- %libtorch_includes
// RUN: %check_torch_tidy_plugin -no-runtime-include %s torch-missing-eval \
// RUN:   %t-plugin -- %libtorch_includes

// Dropout hard-wired to training mode, on the real LibTorch 1.13 headers:
// torch::dropout is at::dropout, F::dropout's options train by default, and
// torch::nn::Functional binds its arguments through a variadic constructor.
#include <torch/torch.h>

namespace F = torch::nn::functional;

struct NiNBlockImpl : torch::nn::Module {
  NiNBlockImpl() : conv(register_module("conv", torch::nn::Conv2d(3, 8, 3))) {}
  torch::Tensor forward(torch::Tensor x) {
    x = torch::relu(conv(x));
    return torch::dropout(x, 0.5, true);
    // CHECK-FIXES: {{^}}    return torch::dropout(x, 0.5, is_training());{{$}}
  }
  torch::nn::Conv2d conv;
};
TORCH_MODULE(NiNBlock);

torch::Tensor classify(NiNBlock& net, torch::Tensor x) {
  net->eval();
  torch::NoGradGuard no_grad;
  return net->forward(x).argmax(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'net' is used for inference with dropout hard-wired to training mode; eval() does not turn it off [torch-missing-eval]
  // CHECK-MESSAGES: :[[@LINE-12]]:12: note: this dropout runs in training mode whatever the module's mode; pass is_training()
}

struct HeadImpl : torch::nn::Module {
  HeadImpl() : fc(register_module("fc", torch::nn::Linear(8, 2))) {}
  torch::Tensor forward(torch::Tensor x) {
    return fc(F::dropout(x, F::DropoutFuncOptions().p(0.3)));
    // CHECK-FIXES: {{^}}    return fc(F::dropout(x, F::DropoutFuncOptions().p(0.3).training(is_training())));{{$}}
  }
  torch::nn::Linear fc;
};
TORCH_MODULE(Head);

torch::Tensor predict_head(Head& head, torch::Tensor x) {
  head->eval();
  torch::NoGradGuard no_grad;
  return head(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'head' is used for inference with dropout hard-wired to training mode
  // CHECK-MESSAGES: :[[@LINE-12]]:15: note: this dropout runs in training mode
}

torch::Tensor predict_functional(torch::Tensor x) {
  torch::nn::Sequential seq(torch::nn::Linear(8, 8),
                            torch::nn::Functional(torch::dropout, 0.5, true));
  seq->eval();
  torch::NoGradGuard no_grad;
  return seq->forward(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'seq' is used for inference with dropout hard-wired to training mode
  // CHECK-MESSAGES: :[[@LINE-5]]:29: note: this dropout runs in training mode
}

// Negative cases

struct FollowsImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor x) {
    x = torch::dropout(x, 0.5, is_training());
    return F::dropout(x, F::DropoutFuncOptions().training(is_training()));
  }
};
TORCH_MODULE(Follows);

torch::Tensor predict_follows(Follows& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard no_grad;
  return model(x);  // no warning
}

// alpha_dropout's options do not train by default.
struct AlphaImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor x) { return F::alpha_dropout(x); }
};
TORCH_MODULE(Alpha);

torch::Tensor predict_alpha(Alpha& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard no_grad;
  return model(x);  // no warning
}
