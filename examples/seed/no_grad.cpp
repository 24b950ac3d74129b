// Under NoGradGuard results have no grad_fn and do not require grad, but
// version counters still count in-place writes, so a tensor saved for backward
// before the guard is still protected.
#include <cstdio>

#include <torch/torch.h>

#include "demo_check.h"

int main() {
  torch::Tensor w = torch::ones({3}, torch::requires_grad());
  torch::Tensor y;
  {
    torch::NoGradGuard no_grad;
    y = w * 2;
    std::printf("inside NoGradGuard: GradMode::is_enabled() = %d\n",
                torch::GradMode::is_enabled());
    std::printf("  y = w * 2: requires_grad = %d, grad_fn = %s, _version = %lld\n",
                y.requires_grad(), y.grad_fn() ? y.grad_fn()->name().c_str() : "null",
                static_cast<long long>(y._version()));
    DEMO_EXPECT(!y.requires_grad() && !y.grad_fn(), "no graph under the guard");
    y.add_(1);
    std::printf("  after y.add_(1): _version = %lld (in-place still counts)\n",
                static_cast<long long>(y._version()));
    DEMO_EXPECT(y._version() == 1, "versions still bump under no-grad");
  }
  std::printf("after the guard: GradMode::is_enabled() = %d\n",
              torch::GradMode::is_enabled());
  DEMO_EXPECT(torch::GradMode::is_enabled(), "the guard restores grad mode");
  return 0;
}
