// A policy whose act(), probs(), value() and logProbs() run its layers
// outside forward(); defined in policy.cpp, called from the other files.
#pragma once
#include <torch/torch.h>

struct PolicyImpl : torch::nn::Module {
  PolicyImpl()
      : body(register_module("body", torch::nn::Linear(4, 8))),
        head(register_module("head", torch::nn::Linear(8, 2))) {}
  torch::Tensor forward(torch::Tensor obs);
  torch::Tensor act(torch::Tensor obs);      // the greedy action
  torch::Tensor probs(torch::Tensor obs);    // the action probabilities
  torch::Tensor value(torch::Tensor obs);    // the critic's estimate
  torch::Tensor logProbs(torch::Tensor obs); // for the policy update
  torch::Tensor encode(torch::Tensor obs);   // forward()'s first half
  torch::nn::Linear body, head;
};
TORCH_MODULE(Policy);
