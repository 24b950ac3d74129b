// Two models whose forward passes are defined in blocks.cpp.
#pragma once
#include <torch/torch.h>

struct HardWiredImpl : torch::nn::Module {
  HardWiredImpl();
  torch::Tensor forward(torch::Tensor x);
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(HardWired);

struct FollowsModeImpl : torch::nn::Module {
  FollowsModeImpl();
  torch::Tensor forward(torch::Tensor x);
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(FollowsMode);
