// torch::nn::functional::linear, as LibTorch's.
#pragma once

#include <ATen/Functions.h>
#include <ATen/core/Tensor.h>

namespace torch {
namespace nn {
namespace functional {

inline at::Tensor linear(const at::Tensor& input, const at::Tensor& weight,
                         const at::Tensor& bias = {}) {
  return at::linear(input, weight, bias);
}

}  // namespace functional
}  // namespace nn
}  // namespace torch
