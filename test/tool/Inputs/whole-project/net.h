// A small model and the helpers that helpers.cpp defines and the other
// files call (test/tool/whole-project.test).
#pragma once
#include <torch/torch.h>

#include <cstdint>
#include <vector>

struct NetImpl : torch::nn::Module {
  NetImpl()
      : fc(register_module("fc", torch::nn::Linear(4, 2))),
        drop(register_module("drop", torch::nn::Dropout(0.5))) {}
  torch::Tensor forward(torch::Tensor x) { return drop(fc(x)); }
  torch::nn::Linear fc;
  torch::nn::Dropout drop;
};
TORCH_MODULE(Net);

std::vector<int64_t> output_shape(Net &net, const torch::Tensor &x);
std::vector<int64_t> probe_shape(Net &net, const torch::Tensor &x);
torch::Tensor score(Net &net, const torch::Tensor &x);
torch::Tensor embed(Net &net, const torch::Tensor &x);
torch::Tensor guarded_score(Net &net, const torch::Tensor &x);
torch::Tensor logits(Net &net, const torch::Tensor &x);
float validate(Net &net, const torch::Tensor &x);
float check(Net &net, const torch::Tensor &x);
int64_t count_correct(const torch::Tensor &pred, const torch::Tensor &target);
void remember(const torch::Tensor &t);
torch::Tensor penalty(const torch::Tensor &t);
torch::Tensor to_probabilities(const torch::Tensor &t);
