// Dropout behaves differently in training and eval mode: in training it zeroes
// each element with probability p and scales the rest by 1/(1-p), so two
// forward passes over the same input differ; in eval mode it is the identity.
#include <cstdio>

#include <torch/torch.h>

#include "demo_check.h"

int main() {
  torch::manual_seed(0);
  torch::nn::Dropout dropout(0.5);
  torch::Tensor x = torch::ones({8});

  std::printf("training mode (the default): is_training() = %d\n",
              dropout->is_training());
  torch::Tensor a = dropout(x), b = dropout(x);
  std::printf("  forward #1:");
  for (int i = 0; i < 8; ++i) std::printf(" %.1f", a[i].item<float>());
  std::printf("\n  forward #2:");
  for (int i = 0; i < 8; ++i) std::printf(" %.1f", b[i].item<float>());
  std::printf("\n  same input, different outputs: %s\n",
              torch::equal(a, b) ? "no" : "yes");
  for (int i = 0; i < 8; ++i) {
    const float v = a[i].item<float>();
    DEMO_EXPECT(v == 0.0f || v == 2.0f, "train-mode dropout gives 0 or x/(1-p)");
  }

  dropout->eval();
  torch::Tensor c = dropout(x), d = dropout(x);
  std::printf("eval mode: is_training() = %d\n", dropout->is_training());
  std::printf("  forward #1 == input: %s, forward #2 == input: %s\n",
              torch::equal(c, x) ? "yes" : "no", torch::equal(d, x) ? "yes" : "no");
  DEMO_EXPECT(torch::equal(c, x) && torch::equal(d, x), "eval-mode dropout is the identity");
  return 0;
}
