// predict.cpp before the change (diff-mode.test).
#include <torch/torch.h>

#include <iostream>

// Unguarded before the change: an old finding, not the change's.
void old_predict(torch::nn::Linear& model, torch::Tensor x) {
  std::cout << model(x) << std::endl;
}

// The change adds a second forward pass here.
void report(torch::nn::Linear& model, torch::Tensor x) {
  std::cout << model(x).sum() << std::endl;
}

// The change deletes the guard: no line of the finding is an added line.
void guarded(torch::nn::Linear& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  std::cout << model(x) << std::endl;
}
