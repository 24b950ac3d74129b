// Helpers whose verdict depends on their callers in main.cpp and train.cpp.
#include "net.h"

// Only sizes leave the function; both callers hold a guard: silent with -p.
std::vector<int64_t> output_shape(Net &net, const torch::Tensor &x) {
  torch::Tensor y = net->forward(x);
  return y.sizes().vec();
}

// One of the callers holds no guard.
std::vector<int64_t> probe_shape(Net &net, const torch::Tensor &x) {
  torch::Tensor y = net->forward(x);
  return y.sizes().vec();
}

// The result goes back to the callers; main.cpp prints it unguarded.
torch::Tensor score(Net &net, const torch::Tensor &x) {
  return net->forward(x);
}

// train.cpp backpropagates what this returns: training.
torch::Tensor embed(Net &net, const torch::Tensor &x) {
  return net->forward(x);
}

// The only caller prints it under a guard.
torch::Tensor guarded_score(Net &net, const torch::Tensor &x) {
  return net->forward(x);
}

// Returned through predict() in main.cpp, which main() prints unguarded.
torch::Tensor logits(Net &net, const torch::Tensor &x) {
  return net->forward(x);
}

// Every caller puts the model in eval mode first.
float validate(Net &net, const torch::Tensor &x) {
  torch::NoGradGuard no_grad;
  return net->forward(x).mean().item<float>();
}

// main.cpp calls it before eval().
float check(Net &net, const torch::Tensor &x) {
  torch::NoGradGuard no_grad;
  return net->forward(x).mean().item<float>();
}

// Only reads what it is given: a result passed here is only inspected.
int64_t count_correct(const torch::Tensor &pred, const torch::Tensor &target) {
  return pred.argmax(1).eq(target).sum().item<int64_t>();
}

// Keeps what it is given where no one can tell what becomes of it.
static std::vector<torch::Tensor> kept;
void remember(const torch::Tensor &t) { kept.push_back(t); }

// Return what they compute from their argument: the caller follows it.
torch::Tensor penalty(const torch::Tensor &t) { return t.pow(2).mean(); }
torch::Tensor to_probabilities(const torch::Tensor &t) {
  return t.softmax(1);
}
