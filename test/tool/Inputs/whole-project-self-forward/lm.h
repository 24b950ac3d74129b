// A language model whose generate() runs its own forward pass in a loop;
// defined in lm.cpp, called from serve.cpp and batch.cpp.
#pragma once
#include <torch/torch.h>

struct LMImpl : torch::nn::Module {
  LMImpl() : head(register_module("head", torch::nn::Linear(8, 8))) {}
  torch::Tensor forward(torch::Tensor ids) { return head(ids); }
  torch::Tensor generate(torch::Tensor ids, int steps);
  torch::nn::Linear head;
};
TORCH_MODULE(LM);
