// torch::nn::functional::relu, as LibTorch's: F::relu(x,
// F::ReLUFuncOptions(true)) works in place.
#pragma once

#include <ATen/Functions.h>
#include <ATen/core/Tensor.h>
#include <torch/nn/options/activation.h>

namespace torch {
namespace nn {
namespace functional {
namespace detail {
inline at::Tensor relu(at::Tensor input, bool inplace) {
  if (inplace) return at::relu_(input);
  return at::relu(input);
}
}  // namespace detail

inline at::Tensor relu(at::Tensor input, const ReLUFuncOptions& options = {}) {
  return detail::relu(std::move(input), options.inplace());
}

inline at::Tensor softmax(const at::Tensor& input,
                          const SoftmaxFuncOptions& options) {
  return input.softmax(options.dim(), options.dtype());
}

inline at::Tensor log_softmax(const at::Tensor& input,
                              const LogSoftmaxFuncOptions& options) {
  return input.log_softmax(options.dim(), options.dtype());
}

}  // namespace functional
}  // namespace nn
}  // namespace torch
