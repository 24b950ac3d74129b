// Written for an older LibTorch: `step()` reads a member its result type no
// longer has, so the file does not compile. What step() does with the
// forward pass's result is not known (clang could not type it), so it is
// not judged; show() compiles and is. log() prints the result's sum, then
// initialises a variable of a type the headers no longer have (clang keeps
// the initialiser as code it could not type) and trains on it: whether
// log()'s result feeds backward() is not known either.
#include <torch/torch.h>

#include <iostream>

std::vector<torch::Tensor> step(torch::nn::Linear &fc, torch::Tensor x) {
  auto out = fc->forward(x);
  return {out.output, out.state};
}

void show(torch::nn::Linear &fc, torch::Tensor x) {
  std::cout << fc->forward(x).sum() << "\n";
}

void log(torch::nn::Linear &fc, torch::Tensor x) {
  auto out = fc->forward(x);
  std::cout << out.sum() << "\n";
  OldLoss loss = out;
  loss.backward();
}
