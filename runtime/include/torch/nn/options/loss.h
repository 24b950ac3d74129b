// Options of MSELoss, NLLLoss and CrossEntropyLoss, as LibTorch's. The
// reduction is torch::kNone, torch::kMean (default) or torch::kSum, and the
// options convert from it: MSELoss(torch::kSum).
#pragma once

#include <ATen/Functions.h>
#include <ATen/core/Tensor.h>
#include <torch/arg.h>
#include <torch/enum.h>

#include <cstdint>
#include <variant>

namespace torch {
namespace nn {

using loss_reduction_t =
    std::variant<enumtype::kNone, enumtype::kMean, enumtype::kSum>;

namespace detail {
// at::Reduction::{None, Mean, Sum}, which the at:: loss functions take.
inline int64_t reduction_enum(const loss_reduction_t& reduction) {
  if (std::holds_alternative<enumtype::kNone>(reduction))
    return at::Reduction::None;
  if (std::holds_alternative<enumtype::kSum>(reduction))
    return at::Reduction::Sum;
  return at::Reduction::Mean;
}
}  // namespace detail

#define TORCH_TIDY_REDUCTION_CTORS(Options)                           \
  Options() {}                                                        \
  Options(enumtype::kNone) : reduction_(torch::kNone) {} /* NOLINT */ \
  Options(enumtype::kMean) : reduction_(torch::kMean) {} /* NOLINT */ \
  Options(enumtype::kSum) : reduction_(torch::kSum) {}   /* NOLINT */

struct MSELossOptions {
  typedef loss_reduction_t reduction_t;
  TORCH_TIDY_REDUCTION_CTORS(MSELossOptions)
  TORCH_ARG(reduction_t, reduction) = torch::kMean;
};

struct NLLLossOptions {
  typedef loss_reduction_t reduction_t;
  TORCH_TIDY_REDUCTION_CTORS(NLLLossOptions)
  TORCH_ARG(at::Tensor, weight) = {};
  TORCH_ARG(int64_t, ignore_index) = -100;
  TORCH_ARG(reduction_t, reduction) = torch::kMean;
};

struct CrossEntropyLossOptions {
  typedef loss_reduction_t reduction_t;
  TORCH_TIDY_REDUCTION_CTORS(CrossEntropyLossOptions)
  TORCH_ARG(at::Tensor, weight) = {};
  TORCH_ARG(int64_t, ignore_index) = -100;
  TORCH_ARG(reduction_t, reduction) = torch::kMean;
  TORCH_ARG(double, label_smoothing) = 0.0;
};

#undef TORCH_TIDY_REDUCTION_CTORS

namespace functional {
using MSELossFuncOptions = MSELossOptions;
using NLLLossFuncOptions = NLLLossOptions;
using CrossEntropyFuncOptions = CrossEntropyLossOptions;
}  // namespace functional

}  // namespace nn
}  // namespace torch
