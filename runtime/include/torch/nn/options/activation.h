// Options of the activation layers, as LibTorch's. ReLUOptions converts
// implicitly from a bool, so ReLU(true) is an in-place ReLU.
#pragma once

#include <torch/arg.h>

namespace torch {
namespace nn {

struct ReLUOptions {
  /* implicit */ ReLUOptions(bool inplace = false)  // NOLINT
      : inplace_(inplace) {}
  TORCH_ARG(bool, inplace);
};

namespace functional {
using ReLUFuncOptions = ReLUOptions;
}  // namespace functional

}  // namespace nn
}  // namespace torch
