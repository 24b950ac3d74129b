// REQUIRES: libtorch
// RUN: %check_torch_tidy -no-runtime-include %s torch-missing-grad-guard %t \
// RUN:   -- %libtorch_includes
// RUN: %check_torch_tidy_plugin -no-runtime-include %s \
// RUN:   torch-missing-grad-guard %t-plugin -- %libtorch_includes

// missing-grad-guard-value-flow.cpp on the real LibTorch 1.13 headers:
// results followed through at::Tensor methods, losses, std containers and
// streams as LibTorch declares them.
#include <torch/torch.h>

#include <iostream>
#include <vector>

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

void fit(Net& model, torch::optim::SGD& opt, torch::Tensor x, torch::Tensor y) {
  for (int epoch = 0; epoch < 3; ++epoch) {
    model->train();
    auto loss = torch::mse_loss(model(x), y);
    opt.zero_grad();
    loss.backward();
    opt.step();
    model->eval();
    auto val_loss = torch::mse_loss(model->forward(x), y);
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'model' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'model' was put in eval mode here; eval() does not disable gradients
    std::cout << epoch << " " << val_loss.item<float>() << std::endl;
  }
}

int main() {
  Net net;
  auto y = net(torch::ones({1, 4}));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'net' is used for inference without a grad guard
  // CHECK-FIXES: {{^}}  torch::NoGradGuard no_grad;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  Net net;{{$}}
  std::cout << y.sizes() << std::endl;
  int64_t correct = 0;
  std::vector<torch::Tensor> outs;
  for (int i = 0; i < 2; ++i) {
    auto out = net->forward(torch::ones({1, 4}));
    // CHECK-MESSAGES: :[[@LINE-1]]:16: note: 'net' is also used for inference without a grad guard here
    correct += out.argmax(1).eq(0).sum().item<int64_t>();
    outs.push_back(out);
  }
  std::cout << correct << " " << outs.size() << std::endl;
  return 0;
}

// One variable holds the printed output first and the training loss
// later: two values. The first forward pass is only printed.
void reused_variable(Net& model, torch::Tensor x) {
  torch::Tensor out = model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'model' is used for inference without a grad guard
  std::cout << out << std::endl;
  out = model(x).sum();  // no warning: trains
  out.backward();
}

// Negative cases

// An in-place op writes the result into its object (LibTorch declares
// mul_ const): the gate reaches the loss through `weighted.mul_(gate)`.
void train_gated(Net& gate_net, torch::Tensor features, torch::Tensor h) {
  torch::Tensor gate = torch::sigmoid(gate_net(h));  // no warning
  torch::Tensor weighted = features * 2;
  weighted.mul_(gate);
  weighted.sum().backward();
}
void train_gated_op(Net& gate_net, torch::Tensor features, torch::Tensor h) {
  torch::Tensor weighted = features * 2;
  weighted *= gate_net(h);  // no warning
  weighted.sum().backward();
}

// A value that may survive to the backward pass (the replacement is
// conditional) may be trained on.
void maybe_replaced(Net& model, torch::Tensor x, bool fresh) {
  torch::Tensor out = model(x);  // no warning
  if (fresh) out = x * 2;
  out.sum().backward();
}

struct Recorder {
  std::vector<torch::Tensor> history;
  void record(Net& model, torch::Tensor x) {
    history.push_back(model(x));  // no warning: stored in a member container
  }
};

void accumulate(Net& model, std::vector<torch::Tensor>& xs) {
  torch::Tensor total = torch::zeros({});
  for (auto& x : xs) total = total + model(x).sum();  // no warning
  total.backward();
}

void frozen(Net& model, torch::Tensor x) {
  for (auto& p : model->parameters()) p.requires_grad_(false);
  auto y = model(x);  // no warning: the parameters were frozen by hand
  std::cout << y << std::endl;
}

// torch::nn::AnyModule's forward (a variadic template there) is a forward
// pass: the validation after the training step.
float any_module_epoch(torch::nn::AnyModule net, torch::optim::SGD& opt,
                       torch::Tensor x, torch::Tensor y) {
  opt.zero_grad();
  torch::mse_loss(net.forward(x), y).backward();  // no warning: trains
  opt.step();
  auto out = net.forward(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'net' is used for inference without a grad guard
  return out.argmax(1).eq(y).sum().item<float>();
}
