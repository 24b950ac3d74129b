// Not touched by the change (diff-mode.test): not linted in pull-request
// mode, although it has a finding.
#include <torch/torch.h>

#include <iostream>

void untouched(torch::nn::Linear& model, torch::Tensor x) {
  std::cout << model(x) << std::endl;
}
