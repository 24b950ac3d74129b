// Loads the classifier that scripts/export_classifier.py saves after
// eval(): the file is known, and in eval mode.
#include "jit_module.h"
#include <iostream>

int classify(const torch::Tensor &image) {
  torch::jit::Module net;
  std::string path = "models/classifier.pt";
  net = torch::jit::load(path);
  std::vector<torch::jit::IValue> inputs{image};
  return net.forward(inputs).toTensor().argmax().item<int>();
}
