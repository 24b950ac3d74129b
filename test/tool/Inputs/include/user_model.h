// A project header with a finding of its own.
#pragma once
#include <torch/torch.h>

inline torch::Tensor scaled(torch::Tensor x) {
  torch::NoGradGuard();
  return x * 2;
}
