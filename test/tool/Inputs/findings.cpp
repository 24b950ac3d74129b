// Several findings from every torch-* check, each with a fix-it or a note.
#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl()
      : fc(register_module("fc", torch::nn::Linear(4, 2))),
        drop(register_module("drop", torch::nn::Dropout(0.5))) {}
  torch::Tensor forward(torch::Tensor x) { return drop(fc(x)); }
  torch::nn::Linear fc;
  torch::nn::Dropout drop;
};
TORCH_MODULE(Net);

torch::Tensor unnamed(Net& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard();
  return model->forward(x);
}

torch::Tensor no_guard(Net& model, torch::Tensor x) {
  model->eval();
  return model->forward(x);
}

torch::Tensor no_eval(Net& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return model->forward(x);
}
