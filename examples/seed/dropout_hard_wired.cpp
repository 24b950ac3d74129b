// Dropout hard-wired to training mode (torch-missing-eval): eval() only
// changes what is_training() returns, so a module that calls
// torch::dropout(x, p, true), or F::dropout with its default options
// (training(true)), still drops after eval(). Passing is_training() makes
// the dropout follow the module's mode.
#include <cstdio>

#include <torch/torch.h>

#include "demo_check.h"

namespace F = torch::nn::functional;

struct HardWiredImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor x) {
    x = torch::dropout(x, 0.5, true);
    return F::dropout(x, F::DropoutFuncOptions().p(0.5));
  }
};
TORCH_MODULE(HardWired);

struct FollowsModeImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor x) {
    x = torch::dropout(x, 0.5, is_training());
    return F::dropout(x, F::DropoutFuncOptions().p(0.5).training(is_training()));
  }
};
TORCH_MODULE(FollowsMode);

int main() {
  torch::manual_seed(0);
  torch::Tensor x = torch::ones({16});

  HardWired hard;
  hard->eval();
  torch::Tensor a = hard(x), b = hard(x);
  std::printf("hard-wired, after eval(): is_training() = %d\n",
              hard->is_training());
  std::printf("  two forward passes of the same input equal: %s\n",
              torch::equal(a, b) ? "yes" : "no");
  std::printf("  forward == input: %s\n", torch::equal(a, x) ? "yes" : "no");
  DEMO_EXPECT(!torch::equal(a, b), "hard-wired dropout still drops after eval()");

  FollowsMode follows;
  follows->eval();
  torch::Tensor c = follows(x), d = follows(x);
  std::printf("is_training() passed, after eval(): forward == input: %s, %s\n",
              torch::equal(c, x) ? "yes" : "no", torch::equal(d, x) ? "yes" : "no");
  DEMO_EXPECT(torch::equal(c, x) && torch::equal(d, x),
              "dropout that follows the mode is the identity in eval mode");
  return 0;
}
