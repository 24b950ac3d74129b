// torch-missing-eval, fixed: the prediction service puts the model in eval
// mode; Dropout passes everything through and BatchNorm uses (and keeps) its
// running statistics.
#include "../demo.h"
#include "model.h"

torch::Tensor predict(Classifier& model, const torch::Tensor& x) {
  torch::NoGradGuard no_grad;
  model->eval();
  return model(x);
}

int main() {
  torch::manual_seed(0);
  Classifier model(8, 16, 3);
  torch::Tensor x = torch::randn({4, 8});
  torch::Tensor stats_before = model->bn->running_mean.clone();
  torch::Tensor first = predict(model, x);
  torch::Tensor second = predict(model, x);
  std::printf("two predictions of the same input: %s\n",
              torch::equal(first, second) ? "identical" : "different");
  std::printf("BatchNorm running_mean after the predictions: %s\n",
              torch::equal(stats_before, model->bn->running_mean)
                  ? "unchanged"
                  : "changed by inference");
  return 0;
}
