// Options of BatchNorm1d/2d, as LibTorch's. An unset momentum
// (`.momentum(c10::nullopt)`) means a cumulative average of the batch
// statistics (factor 1 / num_batches_tracked).
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/arg.h>

#include <cstdint>
#include <optional>

namespace torch {
namespace nn {

struct BatchNormOptions {
  /* implicit */ BatchNormOptions(int64_t num_features)  // NOLINT
      : num_features_(num_features) {}
  TORCH_ARG(int64_t, num_features);
  TORCH_ARG(double, eps) = 1e-5;
  TORCH_ARG(std::optional<double>, momentum) = 0.1;
  TORCH_ARG(bool, affine) = true;
  TORCH_ARG(bool, track_running_stats) = true;
};
using BatchNorm1dOptions = BatchNormOptions;
using BatchNorm2dOptions = BatchNormOptions;

namespace functional {
// F::batch_norm(x, mean, var, F::BatchNormFuncOptions().training(true))
struct BatchNormFuncOptions {
  TORCH_ARG(at::Tensor, weight) = at::Tensor();
  TORCH_ARG(at::Tensor, bias) = at::Tensor();
  TORCH_ARG(bool, training) = false;
  TORCH_ARG(std::optional<double>, momentum) = 0.1;
  TORCH_ARG(double, eps) = 1e-5;
};
}  // namespace functional

}  // namespace nn
}  // namespace torch
