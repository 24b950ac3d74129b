// Options of the activation layers, as LibTorch's. ReLUOptions converts
// implicitly from a bool, so ReLU(true) is an in-place ReLU.
#pragma once

#include <c10/core/ScalarType.h>
#include <c10/util/ArrayRef.h>
#include <torch/arg.h>

#include <cstdint>

namespace torch {
namespace nn {

struct ReLUOptions {
  /* implicit */ ReLUOptions(bool inplace = false)  // NOLINT
      : inplace_(inplace) {}
  TORCH_ARG(bool, inplace);
};

namespace functional {
using ReLUFuncOptions = ReLUOptions;

// F::softmax(x, F::SoftmaxFuncOptions(1)), optionally .dtype(...).
struct SoftmaxFuncOptions {
  /* implicit */ SoftmaxFuncOptions(int64_t dim) : dim_(dim) {}  // NOLINT
  TORCH_ARG(int64_t, dim);
  TORCH_ARG(c10::optional<c10::ScalarType>, dtype) = c10::nullopt;
};
struct LogSoftmaxFuncOptions {
  /* implicit */ LogSoftmaxFuncOptions(int64_t dim) : dim_(dim) {}  // NOLINT
  TORCH_ARG(int64_t, dim);
  TORCH_ARG(c10::optional<c10::ScalarType>, dtype) = c10::nullopt;
};
}  // namespace functional

}  // namespace nn
}  // namespace torch
