// torch-inplace-on-saved: a custom loss clamps, in place, the error tensor
// that pow saved for backward (bad.cpp); fixed.cpp is what
// `torch-tidy --fix` makes of it.
#include "../demo.h"

torch::Tensor robust_loss(const torch::Tensor& pred,
                          const torch::Tensor& target) {
  auto err = pred - target;
  auto sq = err.pow(2);
  err.clamp_(-1, 1);
  return (sq * 0.5 + err.abs()).mean();
}

int main() {
  torch::Tensor w = torch::full({3}, 2.0, torch::requires_grad());
  torch::Tensor x = torch::arange(1.0, 4.0) * 0.25;
  torch::Tensor loss = robust_loss(w * x, torch::zeros({3}));
  try {
    loss.backward();
    demo::values("loss.backward() ran; w.grad", w.grad());
  } catch (const c10::Error& e) {
    demo::error("loss.backward()", e);
  }
  return 0;
}
