// Options of Linear and Flatten, as LibTorch's torch/nn/options/linear.h.
#pragma once

#include <torch/arg.h>

#include <cstdint>

namespace torch {
namespace nn {

// LinearOptions(in, out).bias(false)
struct LinearOptions {
  LinearOptions(int64_t in_features, int64_t out_features)
      : in_features_(in_features), out_features_(out_features) {}
  TORCH_ARG(int64_t, in_features);
  TORCH_ARG(int64_t, out_features);
  TORCH_ARG(bool, bias) = true;
};

// FlattenOptions().start_dim(1).end_dim(-1)
struct FlattenOptions {
  TORCH_ARG(int64_t, start_dim) = 1;
  TORCH_ARG(int64_t, end_dim) = -1;
};

}  // namespace nn
}  // namespace torch
