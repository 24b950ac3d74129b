// Whether infer() runs under a grad guard is decided by <guard.h>, the first
// one on the include path.
#include <torch/torch.h>

#include <guard.h>

torch::Tensor infer(torch::nn::Linear &net, const torch::Tensor &x) {
  net->eval();
  INFERENCE_GUARD;
  return net->forward(x);
}
