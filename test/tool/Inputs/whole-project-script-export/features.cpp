// Loads the backbone that scripts/export_backbone.py traces in training
// mode.
#include "jit_module.h"
#include <iostream>

int features(const torch::Tensor &image) {
  torch::jit::Module backbone = torch::jit::load("./models/backbone.pt");
  std::vector<torch::jit::IValue> inputs{image};
  return backbone.forward(inputs).toTensor().argmax().item<int>();
}
