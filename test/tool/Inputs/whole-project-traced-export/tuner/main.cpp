// Fine-tunes a linear head on a TorchScript backbone given on the command
// line, then scores it with the backbone put in eval mode.
#include "jit_module.h"
#include <iostream>

void score(torch::jit::Module backbone, torch::Tensor images) {
  backbone.eval();
  torch::NoGradGuard no_grad;
  std::vector<torch::jit::IValue> inputs{images};
  auto features = backbone.forward(inputs).toTensor();
  std::cout << features.mean().item<float>() << "\n";
}

int main(int argc, char **argv) {
  torch::jit::Module backbone = torch::jit::load(argv[1]);
  score(backbone, torch::rand({4, 3, 224, 224}));
}
