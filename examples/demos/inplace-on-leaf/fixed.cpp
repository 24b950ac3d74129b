// torch-inplace-on-leaf: a hand-written SGD step updates the model's
// parameters in place with gradients enabled; parameters are leaves that
// require grad (bad.cpp); fixed.cpp is what `torch-tidy --fix` makes of it.
#include "../demo.h"

void sgd_step(torch::nn::Linear& model, double lr) {
  for (auto& p : model->parameters()) {
    { torch::NoGradGuard no_grad; p.sub_(lr * p.grad()); }
  }
}

int main() {
  torch::nn::Linear model(3, 2);
  torch::nn::init::constant_(model->weight, 0.5);
  torch::nn::init::zeros_(model->bias);
  torch::Tensor x = torch::arange(1.0, 7.0).reshape({2, 3}) * 0.5;
  torch::Tensor y = torch::arange(0.0, 4.0).reshape({2, 2});
  torch::Tensor loss = torch::mse_loss(model(x), y);
  loss.backward();
  try {
    sgd_step(model, 0.2);
    demo::values("sgd_step ran; model->weight", model->weight);
    demo::values("model->bias", model->bias);
  } catch (const c10::Error& e) {
    demo::error("sgd_step(model, 0.2)", e);
  }
  return 0;
}
