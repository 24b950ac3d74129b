// Written for an older LibTorch: `step()` reads a member its result type no
// longer has, so the file does not compile. What step() does with the
// forward pass's result is not known (clang could not type it), so it is
// not judged; show() compiles and is.
#include <torch/torch.h>

#include <iostream>

std::vector<torch::Tensor> step(torch::nn::Linear &fc, torch::Tensor x) {
  auto out = fc->forward(x);
  return {out.output, out.state};
}

void show(torch::nn::Linear &fc, torch::Tensor x) {
  std::cout << fc->forward(x).sum() << "\n";
}
