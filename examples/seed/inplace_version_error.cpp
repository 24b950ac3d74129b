// The third hazard: modifying in place a tensor that autograd saved for
// backward. pow saves its input y; y.mul_(2) bumps y's version; backward()
// checks the version and throws LibTorch's error.
#include <cstdio>
#include <cstring>

#include <torch/torch.h>

#include "demo_check.h"

int main() {
  torch::Tensor x = torch::ones({3}, torch::requires_grad());
  torch::Tensor y = x * 2;
  torch::Tensor z = y.pow(2);  // saves y (version 0)
  y.mul_(2);                   // y is now at version 1
  try {
    z.backward(torch::ones({3}));
    DEMO_EXPECT(false, "backward must throw");
  } catch (const c10::Error& e) {
    std::printf("z.backward() after y.mul_(2):\n  %s\n", e.what_without_backtrace());
    DEMO_EXPECT(std::strstr(e.what_without_backtrace(),
                            "which is output 0 of MulBackward1, is at version 1; "
                            "expected version 0") != nullptr,
                "the exact LibTorch message");
  }
  // The fix: an out-of-place op leaves the saved y untouched.
  torch::Tensor x2 = torch::ones({3}, torch::requires_grad());
  torch::Tensor y2 = x2 * 2;
  torch::Tensor z2 = y2.pow(2);
  y2 = y2.mul(2);
  z2.backward(torch::ones({3}));
  std::printf("fixed (y = y.mul(2)): backward ok, x.grad = [%.1f, %.1f, %.1f]\n",
              x2.grad()[0].item<float>(), x2.grad()[1].item<float>(),
              x2.grad()[2].item<float>());
  DEMO_EXPECT(x2.grad()[0].item<float>() == 8.0f, "d/dx (2x)^2 = 8x");
  return 0;
}
