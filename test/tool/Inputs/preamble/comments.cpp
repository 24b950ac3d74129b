/* A block comment
   over lines, then the includes the preamble holds. */
#include <torch/torch.h> // the C++ API
#include <vector>

torch::Tensor noisy(torch::nn::Linear &net, const torch::Tensor &x) {
  net->eval();
  std::vector<torch::Tensor> outs{net->forward(x)};
  return outs.front();
}
