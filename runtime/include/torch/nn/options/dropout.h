// Options of the dropout layers and functions, as LibTorch's. DropoutOptions
// converts implicitly from a double, which is what makes Dropout(0.5) work.
#pragma once

#include <torch/arg.h>

namespace torch {
namespace nn {

struct DropoutOptions {
  /* implicit */ DropoutOptions(double p = 0.5) : p_(p) {}  // NOLINT
  TORCH_ARG(double, p) = 0.5;
  TORCH_ARG(bool, inplace) = false;
};
using Dropout2dOptions = DropoutOptions;

namespace functional {
// F::dropout(x, F::DropoutFuncOptions().p(0.2).training(is_training()))
// Note: `training` defaults to true here, unlike the module's flag.
struct DropoutFuncOptions {
  TORCH_ARG(double, p) = 0.5;
  TORCH_ARG(bool, training) = true;
  TORCH_ARG(bool, inplace) = false;
};
using Dropout2dFuncOptions = DropoutFuncOptions;
}  // namespace functional

}  // namespace nn
}  // namespace torch
