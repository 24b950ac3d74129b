// eval() switches layer behaviour; it does NOT disable gradients. A model in
// eval mode still records a graph unless a grad guard is live.
#include <cstdio>

#include <torch/torch.h>

#include "demo_check.h"

int main() {
  torch::nn::Linear model(3, 1);
  model->eval();
  torch::Tensor out = model(torch::ones({1, 3}));
  std::printf("after model->eval(): out.requires_grad() = %d, grad_fn = %s\n",
              out.requires_grad(), out.grad_fn() ? out.grad_fn()->name().c_str() : "null");
  DEMO_EXPECT(out.requires_grad() && out.grad_fn(), "eval mode still records a graph");

  torch::NoGradGuard no_grad;
  torch::Tensor guarded = model(torch::ones({1, 3}));
  std::printf("with torch::NoGradGuard:   out.requires_grad() = %d, grad_fn = %s\n",
              guarded.requires_grad(),
              guarded.grad_fn() ? guarded.grad_fn()->name().c_str() : "null");
  DEMO_EXPECT(!guarded.requires_grad() && !guarded.grad_fn(), "the guard stops recording");
  return 0;
}
