// No finding: the guard is named and the model is in eval mode.
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor x) { return fc(x); }
  torch::nn::Linear fc;
};
TORCH_MODULE(Net);

torch::Tensor predict(Net& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  model->eval();
  return model->forward(x);
}
