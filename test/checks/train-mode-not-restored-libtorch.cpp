// REQUIRES: libtorch
// RUN: %check_torch_tidy -no-runtime-include %s torch-train-mode-not-restored \
// RUN:   %t -- %libtorch_includes
// RUN: %check_torch_tidy_plugin -no-runtime-include %s \
// RUN:   torch-train-mode-not-restored %t-plugin -- %libtorch_includes

// The real LibTorch 1.13 headers: torch::optim::Optimizer::step() and
// Tensor::backward() as LibTorch declares them.
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl()
      : fc(register_module("fc", torch::nn::Linear(4, 2))),
        bn(register_module("bn", torch::nn::BatchNorm1d(2))) {}
  torch::Tensor forward(torch::Tensor x) { return bn(fc(x)); }
  torch::nn::Linear fc;
  torch::nn::BatchNorm1d bn;
};
TORCH_MODULE(Net);

void fit(Net& model, torch::optim::Adam& opt, torch::Tensor x, torch::Tensor y,
         torch::Tensor vx) {
  for (int epoch = 0; epoch < 10; ++epoch) {
    opt.zero_grad();
    torch::Tensor loss = torch::mse_loss(model->forward(x), y);
    loss.backward();
    opt.step();
    model->eval();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'model' is put in eval mode inside a training loop and not switched back with 'train()'; later iterations train with dropout and batch norm in eval mode [torch-train-mode-not-restored]
    // CHECK-MESSAGES: :[[@LINE-5]]:42: note: this training forward pass then runs in eval mode
    // CHECK-FIXES: {{^}}    model->train();{{$}}
    // CHECK-FIXES-NEXT: {{^}}    opt.zero_grad();{{$}}
    torch::NoGradGuard no_grad;
    model->forward(vx);
  }
}

// Negative cases

void fit_restored(Net& model, torch::optim::SGD& opt, torch::Tensor x,
                  torch::Tensor vx) {
  for (int epoch = 0; epoch < 10; ++epoch) {
    model->train();  // no warning: restored at the start of every epoch
    model->forward(x).sum().backward();
    opt.step();
    model->eval();
    torch::NoGradGuard no_grad;
    model->forward(vx);
  }
}

void evaluate_after(Net& model, torch::optim::SGD& opt, torch::Tensor x) {
  for (int epoch = 0; epoch < 10; ++epoch) {
    model->forward(x).sum().backward();
    opt.step();
  }
  model->eval();  // no warning: after the training loop
  torch::NoGradGuard no_grad;
  model->forward(x);
}
