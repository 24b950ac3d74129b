// InferenceMode goes further than NoGradGuard: tensors created inside are
// inference tensors, without version counters, which cannot be modified in
// place or saved for backward outside the mode.
#include <cstdio>

#include <torch/torch.h>

#include "demo_check.h"

int main() {
  torch::Tensor x;
  {
    c10::InferenceMode guard;
    x = torch::ones({3}) * 2;
    std::printf("inside InferenceMode: is_enabled = %d, x.is_inference() = %d\n",
                c10::InferenceMode::is_enabled(), x.is_inference());
    DEMO_EXPECT(x.is_inference(), "results are inference tensors");
  }
  try {
    x._version();
    DEMO_EXPECT(false, "_version() must throw");
  } catch (const c10::Error& e) {
    std::printf("x._version():  %s\n", e.what_without_backtrace());
  }
  try {
    x.mul_(2);
    DEMO_EXPECT(false, "in-place outside InferenceMode must throw");
  } catch (const c10::Error& e) {
    std::printf("x.mul_(2):     %s\n", e.what_without_backtrace());
  }
  torch::Tensor w = torch::ones({3}, torch::requires_grad());
  try {
    torch::Tensor y = x * w;
    DEMO_EXPECT(false, "saving an inference tensor must throw");
  } catch (const c10::Error& e) {
    std::printf("x * w:         %s\n", e.what_without_backtrace());
  }
  torch::Tensor normal = x.clone();
  std::printf("x.clone() outside the mode: is_inference() = %d\n", normal.is_inference());
  DEMO_EXPECT(!normal.is_inference(), "a clone made outside is a normal tensor");
  return 0;
}
