// torch-unnamed-guard (the temporary) and torch-missing-grad-guard (the model
// call that the temporary fails to guard) both report this function.
#include <torch/torch.h>

torch::Tensor predict(torch::nn::Linear& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard();
  return model->forward(x);
}
