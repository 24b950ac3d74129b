// RUN: %check_torch_tidy %s torch-missing-grad-guard %t
// RUN: %check_torch_tidy_plugin %s torch-missing-grad-guard %t-plugin
// The same cases on the real LibTorch headers:
// RUN: %if libtorch %{ %check_torch_tidy -no-runtime-include %s \
// RUN:   torch-missing-grad-guard %t-libtorch -- %libtorch_includes %}
// RUN: %if libtorch %{ %check_torch_tidy_plugin -no-runtime-include %s \
// RUN:   torch-missing-grad-guard %t-libtorch-plugin -- %libtorch_includes %}

// Inside a module's own forward, a layer's result that stays there (read
// for a log line, or dead: overwritten before it is used) says nothing
// about inference: the forward pass belongs to whoever calls the module,
// and that call gets the finding. Pattern from a public speaker-embedding
// model whose block computes a branch and then overwrites it, trained by a
// main that backpropagates, minimized.

#include <torch/torch.h>

#include <iostream>

using Conv = torch::nn::Conv2d;

struct BlockImpl : torch::nn::Module {
  BlockImpl()
      : body(register_module("body", torch::nn::Sequential(Conv(4, 4, 1)))),
        conv(register_module("conv", Conv(4, 4, 1))),
        skip(register_module("skip", torch::nn::Linear(4, 4))) {}
  torch::Tensor forward(torch::Tensor x) {
    // The branch is computed, then overwritten: a dead value.
    torch::Tensor y = this->body->forward(x);
    y = this->conv->forward(y);
    y = skip(x);
    return torch::relu(x + y);
  }
  torch::nn::Sequential body;
  Conv conv;
  torch::nn::Linear skip;
};
TORCH_MODULE(Block);

#define LOG_SHAPE(t) (std::cout << (t).sizes() << std::endl)

struct TracedImpl : torch::nn::Module {
  TracedImpl() : fc(register_module("fc", torch::nn::Linear(4, 4))) {}
  // A layer's result read for a log line inside operator(), through a macro.
  torch::Tensor operator()(torch::Tensor x) {
    LOG_SHAPE(fc(x));
    return fc(x) * 2;
  }
  torch::nn::Linear fc;
};

// Negative cases

void train_block(Block& block, torch::optim::Optimizer& opt, torch::Tensor x) {
  opt.zero_grad();
  torch::Tensor loss = block->forward(x).sum();
  loss.backward();
  opt.step();
}

void train_traced(TracedImpl& traced, torch::Tensor x) {
  torch::Tensor loss = traced(x).sum();
  loss.backward();
}

// The same in a template, instantiated.
template <typename Layer> struct WrapImpl : torch::nn::Module {
  explicit WrapImpl(Layer l) : inner(register_module("inner", l)) {}
  torch::Tensor forward(torch::Tensor x) {
    torch::Tensor unused = inner(x);
    unused = x;
    return inner(unused);
  }
  Layer inner;
};
template struct WrapImpl<torch::nn::Linear>;

// Positive cases

// The module's call still gets the finding when its result is only printed.
void show(Block& block, torch::Tensor x) {
  std::cout << block->forward(x).sum().item<float>() << std::endl;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'block' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
}

// A member that is not the module's forward: its own layer calls are the
// forward pass, and an argmax-ed result is inference.
struct ClassifierImpl : torch::nn::Module {
  ClassifierImpl() : fc(register_module("fc", torch::nn::Linear(4, 3))) {}
  torch::Tensor forward(torch::Tensor x) { return fc(x); }
  int64_t predict(torch::Tensor x) {
    return fc(x).argmax(1).item<int64_t>();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'fc' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
  }
  torch::nn::Linear fc;
};
