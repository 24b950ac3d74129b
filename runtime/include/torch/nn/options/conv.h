// Options of Conv2d, as LibTorch's ConvOptions<D>. kernel_size, stride,
// padding and dilation are ExpandingArrays (one value or D values); padding
// may also be torch::kValid or torch::kSame.
#pragma once

#include <c10/util/ArrayRef.h>
#include <torch/arg.h>
#include <torch/enum.h>
#include <torch/expanding_array.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <variant>

namespace torch {
namespace nn {
namespace detail {
using conv_padding_mode_t =
    std::variant<enumtype::kZeros, enumtype::kReflect, enumtype::kReplicate,
                 enumtype::kCircular>;
template <std::size_t D>
using conv_padding_t =
    std::variant<ExpandingArray<D>, enumtype::kValid, enumtype::kSame>;
}  // namespace detail

template <std::size_t D>
struct ConvOptions {
  using padding_mode_t = detail::conv_padding_mode_t;
  using padding_t = detail::conv_padding_t<D>;

  ConvOptions(int64_t in_channels, int64_t out_channels,
              ExpandingArray<D> kernel_size)
      : in_channels_(in_channels),
        out_channels_(out_channels),
        kernel_size_(kernel_size) {}

  TORCH_ARG(int64_t, in_channels);
  TORCH_ARG(int64_t, out_channels);
  TORCH_ARG(ExpandingArray<D>, kernel_size);
  TORCH_ARG(ExpandingArray<D>, stride) = 1;
  TORCH_ARG(padding_t, padding) = ExpandingArray<D>(0);

 public:
  // `.padding({1, 2})`: a braced list cannot pick a variant alternative.
  decltype(auto) padding(std::initializer_list<int64_t> il) {
    return padding(padding_t(ExpandingArray<D>(c10::IntArrayRef(il))));
  }
  TORCH_ARG(ExpandingArray<D>, dilation) = 1;
  TORCH_ARG(int64_t, groups) = 1;
  TORCH_ARG(bool, bias) = true;
  // Only kZeros is implemented by the runtime's forward.
  TORCH_ARG(padding_mode_t, padding_mode) = torch::kZeros;
};
using Conv2dOptions = ConvOptions<2>;

}  // namespace nn
}  // namespace torch
