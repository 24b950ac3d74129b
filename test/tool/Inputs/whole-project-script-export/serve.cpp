// The model comes from the command line: which script made it is not known,
// so every export of the project decides.
#include "jit_module.h"
#include <iostream>

int main(int argc, char **argv) {
  torch::jit::Module model = torch::jit::load(argv[1]);
  std::vector<torch::jit::IValue> inputs{torch::ones({1, 3, 8, 8})};
  std::cout << model.forward(inputs).toTensor().sizes() << "\n";
}
