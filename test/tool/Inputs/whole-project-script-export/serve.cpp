// The model comes from the command line: the project's export script, if it
// has one, made it.
#include "jit_module.h"
#include <iostream>

int main(int argc, char **argv) {
  torch::jit::Module model = torch::jit::load(argv[1]);
  std::vector<torch::jit::IValue> inputs{torch::ones({1, 3, 8, 8})};
  std::cout << model.forward(inputs).toTensor().sizes() << "\n";
}
