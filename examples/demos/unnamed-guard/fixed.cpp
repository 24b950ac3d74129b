// torch-unnamed-guard: the guard is a temporary, destroyed at its semicolon,
// so inference records a graph after all (bad.cpp); fixed.cpp is what
// `torch-tidy --fix` makes of it.
#include "../demo.h"
#include "model.h"

torch::Tensor predict(Classifier& model, const torch::Tensor& x) {
  model->eval();
  torch::NoGradGuard no_grad;
  return torch::softmax(model(x), 1);
}

int main() {
  torch::manual_seed(0);
  Classifier model(8, 16, 3);
  torch::Tensor x = torch::randn({256, 8});
  demo::memory("before inference");
  torch::Tensor probabilities = predict(model, x);
  demo::graph("predict(x)", probabilities);
  std::printf("predict(x).requires_grad() = %s\n",
              probabilities.requires_grad() ? "true" : "false");
  demo::memory("while the result is alive");
  return 0;
}
