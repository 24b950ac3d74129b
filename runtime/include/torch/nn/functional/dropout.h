// torch::nn::functional::dropout / dropout2d, as LibTorch's. Unlike the
// modules, the functions do not know a training flag: DropoutFuncOptions
// .training() defaults to true.
#pragma once

#include <ATen/Functions.h>
#include <ATen/core/Tensor.h>
#include <c10/util/Exception.h>
#include <torch/nn/options/dropout.h>

namespace torch {
namespace nn {
namespace functional {
namespace detail {

inline at::Tensor dropout(at::Tensor input, double p, bool training,
                          bool inplace) {
  TORCH_CHECK(p >= 0. && p <= 1.,
              "dropout probability has to be between 0 and 1, but got ", p);
  if (inplace) return at::dropout_(input, p, training);
  return at::dropout(input, p, training);
}

// A (C, H, W) input is treated as one batch element, as in LibTorch 1.13.
inline at::Tensor dropout2d(at::Tensor input, double p, bool training,
                            bool inplace) {
  TORCH_CHECK(p >= 0. && p <= 1.,
              "dropout probability has to be between 0 and 1, but got ", p);
  const bool is_batched = input.dim() == 4;
  at::Tensor batched = is_batched ? input : input.unsqueeze(0);
  at::Tensor result = at::feature_dropout(batched, p, training);
  if (!is_batched) result = result.squeeze(0);
  if (!inplace) return result;
  // The runtime has no feature_dropout_: write the result back into the
  // input, which bumps its version as the in-place op would.
  if (!result.is_same(input)) input.copy_(result);
  return input;
}

}  // namespace detail

inline at::Tensor dropout(at::Tensor input,
                          const DropoutFuncOptions& options = {}) {
  return detail::dropout(std::move(input), options.p(), options.training(),
                         options.inplace());
}

inline at::Tensor dropout2d(at::Tensor input,
                            const Dropout2dFuncOptions& options = {}) {
  return detail::dropout2d(std::move(input), options.p(), options.training(),
                           options.inplace());
}

}  // namespace functional
}  // namespace nn
}  // namespace torch
