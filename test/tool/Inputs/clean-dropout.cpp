// Correct inference with a mode-dependent module: eval() and a grad guard.
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl() : drop(register_module("drop", torch::nn::Dropout(0.5))) {}
  torch::Tensor forward(torch::Tensor x) { return drop(x); }
  torch::nn::Dropout drop;
};
TORCH_MODULE(Net);

torch::Tensor predict(Net& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  model->eval();
  return model->forward(x);
}
