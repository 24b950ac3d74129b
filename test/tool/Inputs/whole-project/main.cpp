// The inference entry point.
#include "net.h"

#include <iostream>

torch::Tensor predict(Net &net, const torch::Tensor &x) {
  return logits(net, x).softmax(1);
}

int main() {
  Net net;
  const torch::Tensor x = torch::ones({2, 4});
  std::cout << check(net, x) << "\n";
  net->eval();
  {
    torch::NoGradGuard no_grad;
    std::cout << output_shape(net, x).size() << probe_shape(net, x).size()
              << guarded_score(net, x) << "\n";
  }
  std::cout << probe_shape(net, x).size() << "\n";
  std::cout << score(net, x) << "\n";
  std::cout << predict(net, x) << "\n";
  std::cout << validate(net, x) << "\n";
}
