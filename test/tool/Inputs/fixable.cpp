// Findings whose fix-its make the file clean.
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl() : fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor x) { return fc(x); }
  torch::nn::Linear fc;
};
TORCH_MODULE(Net);

torch::Tensor scale(torch::Tensor x);

torch::Tensor unnamed(torch::Tensor x) {
  torch::NoGradGuard();
  return scale(x);
}

torch::Tensor vexing(torch::Tensor x) {
  c10::InferenceMode guard();
  return scale(x);
}

torch::Tensor no_guard(Net& model, torch::Tensor x) {
  model->eval();
  return model->forward(x);
}
