// torch::nn::functional::batch_norm, as LibTorch's. The BatchNorm modules call
// detail::batch_norm, which adds LibTorch's shape checks to at::batch_norm.
#pragma once

#include <ATen/Functions.h>
#include <ATen/core/Tensor.h>
#include <c10/util/Exception.h>
#include <torch/nn/options/batchnorm.h>

#include <cstdint>

namespace torch {
namespace nn {
namespace functional {
namespace detail {

inline at::Tensor batch_norm(const at::Tensor& input,
                             const at::Tensor& running_mean,
                             const at::Tensor& running_var, at::Tensor weight,
                             at::Tensor bias, bool training,
                             std::optional<double> momentum, double eps) {
  TORCH_CHECK(input.dim() >= 2,
              "Expected at least 2 input dimensions, but got ", input.dim());
  if (training) {
    auto size = input.sizes();
    int64_t size_prods = size[0];
    for (std::size_t i = 2; i < size.size(); ++i) size_prods *= size[i];
    TORCH_CHECK(size_prods != 1,
                "Expected more than 1 value per channel when training, "
                "got input size ",
                size);
  }
  return at::batch_norm(input, weight, bias, running_mean, running_var,
                        training, momentum.value(), eps);
}

}  // namespace detail

inline at::Tensor batch_norm(const at::Tensor& input,
                             const at::Tensor& running_mean,
                             const at::Tensor& running_var,
                             const BatchNormFuncOptions& options = {}) {
  return detail::batch_norm(input, running_mean, running_var, options.weight(),
                            options.bias(), options.training(),
                            options.momentum(), options.eps());
}

}  // namespace functional
}  // namespace nn
}  // namespace torch
