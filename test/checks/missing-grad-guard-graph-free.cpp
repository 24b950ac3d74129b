// RUN: %check_torch_tidy %s torch-missing-grad-guard %t
// RUN: %check_torch_tidy_plugin %s torch-missing-grad-guard %t-plugin
// The same cases on the real LibTorch headers:
// RUN: %if libtorch %{ %check_torch_tidy -no-runtime-include %s \
// RUN:   torch-missing-grad-guard %t-libtorch -- %libtorch_includes %}
// RUN: %if libtorch %{ %check_torch_tidy_plugin -no-runtime-include %s \
// RUN:   torch-missing-grad-guard %t-libtorch-plugin -- %libtorch_includes %}

// A value computed by a no-grad op (argmax, a comparison) or the indices of
// max/min hold none of the forward pass's graph: returning them hands the
// caller no graph, so the forward pass is inference wherever it is called
// from. The values of max/min do carry the graph: returned, the callers
// decide. Pattern from public LibTorch projects (an epsilon-greedy agent
// that returns the index of the best action), minimized.

#include <torch/torch.h>

#include <iostream>
#include <tuple>

struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor x) { return fc(x); }
  torch::nn::Linear fc;
};
TORCH_MODULE(Net);

// Positive cases

// The index of the best action, through std::tie; the values are dropped.
torch::Tensor choose_action(Net& net, torch::Tensor state) {
  torch::Tensor best, action;
  std::tie(best, action) = torch::max(net(state), 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: 'net' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
  return action;
}

// Through a structured binding of the method's result.
torch::Tensor best_class(Net& net, torch::Tensor x) {
  auto [score, index] = net(x).max(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'net' is used for inference without a grad guard
  return index;
}

// std::get of the indices element, and argmax.
torch::Tensor worst_class(Net& net, torch::Tensor x) {
  return std::get<1>(net(x).min(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'net' is used for inference without a grad guard
}
torch::Tensor predict(Net& net, torch::Tensor x) {
  return net(x).argmax(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'net' is used for inference without a grad guard
}

// A comparison kept in a variable, through a macro and an alias.
#define ABOVE_HALF(t) ((t) > 0.5)
using Mask = torch::Tensor;
Mask confident(Net& net, torch::Tensor x) {
  Mask m = ABOVE_HALF(net(x).sigmoid());
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'net' is used for inference without a grad guard
  return m;
}

// In a function template, on its instantiation.
template <typename Model>
torch::Tensor pick(Model& model, torch::Tensor x) {
  auto [value, index] = torch::max(model(x), 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'model' is used for inference without a grad guard
  return index;
}
torch::Tensor pick_with_net(Net& net, torch::Tensor x) { return pick(net, x); }

// Negative cases

// The values of max carry the graph: returned, the callers decide.
torch::Tensor best_score(Net& net, torch::Tensor x) {
  torch::Tensor best, action;
  std::tie(best, action) = torch::max(net(x), 1);
  return best;
}
torch::Tensor best_score_bound(Net& net, torch::Tensor x) {
  auto [score, index] = net(x).max(1);
  return score;
}
torch::Tensor worst_score(Net& net, torch::Tensor x) {
  return std::get<0>(net(x).min(1));
}
// max() of the whole tensor is one value, with the graph.
torch::Tensor top(Net& net, torch::Tensor x) { return net(x).max(); }
// Both elements returned.
std::tuple<torch::Tensor, torch::Tensor> both(Net& net, torch::Tensor x) {
  return torch::max(net(x), 1);
}

// The indices are returned, but the callers run it under a guard.
torch::Tensor guarded_action(Net& net, torch::Tensor state) {
  torch::Tensor best, action;
  std::tie(best, action) = torch::max(net(state), 1);
  return action;
}
void act(Net& net, torch::Tensor state) {
  torch::NoGradGuard no_grad;
  std::cout << guarded_action(net, state) << std::endl;
}

// The values reach a backward pass; the indices are returned.
torch::Tensor train_step(Net& net, torch::Tensor x) {
  auto [score, index] = net(x).max(1);
  score.sum().backward();
  return index;
}
