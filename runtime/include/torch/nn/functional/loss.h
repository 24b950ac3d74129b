// torch::nn::functional::{mse_loss, nll_loss, cross_entropy}, as LibTorch's:
// the at:: losses with the reduction given as torch::kMean etc.
#pragma once

#include <ATen/Functions.h>
#include <ATen/core/Tensor.h>
#include <torch/nn/options/loss.h>

namespace torch {
namespace nn {
namespace functional {

inline at::Tensor mse_loss(const at::Tensor& input, const at::Tensor& target,
                           const MSELossFuncOptions& options = {}) {
  return at::mse_loss(input, target,
                      torch::nn::detail::reduction_enum(options.reduction()));
}

inline at::Tensor nll_loss(const at::Tensor& input, const at::Tensor& target,
                           const NLLLossFuncOptions& options = {}) {
  return at::nll_loss(input, target, options.weight(),
                      torch::nn::detail::reduction_enum(options.reduction()),
                      options.ignore_index());
}

inline at::Tensor cross_entropy(const at::Tensor& input,
                                const at::Tensor& target,
                                const CrossEntropyFuncOptions& options = {}) {
  return at::cross_entropy_loss(
      input, target, options.weight(),
      torch::nn::detail::reduction_enum(options.reduction()),
      options.ignore_index(), options.label_smoothing());
}

}  // namespace functional
}  // namespace nn
}  // namespace torch
