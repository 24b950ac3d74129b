// Conv2d, as LibTorch's (ConvNdImpl<D, Derived> holds what any dimension
// shares). weight is [out_channels, in_channels / groups, kH, kW], bias
// [out_channels]; both start uniform in +-1/sqrt(fan_in), as LibTorch.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/expanding_array.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/options/conv.h>
#include <torch/nn/pimpl.h>

#include <cstddef>
#include <cstdint>
#include <ostream>

namespace torch {
namespace nn {

template <std::size_t D, typename Derived>
class ConvNdImpl : public Cloneable<Derived> {
 public:
  explicit ConvNdImpl(ConvOptions<D> options_) : options(options_) {}

  ConvOptions<D> options;
  Tensor weight;
  Tensor bias;  // undefined when options.bias() is false
};

class Conv2dImpl : public ConvNdImpl<2, Conv2dImpl> {
 public:
  Conv2dImpl(int64_t input_channels, int64_t output_channels,
             ExpandingArray<2> kernel_size)
      : Conv2dImpl(
            Conv2dOptions(input_channels, output_channels, kernel_size)) {}
  explicit Conv2dImpl(Conv2dOptions options_);

  void reset() override;
  void reset_parameters();
  // "torch::nn::Conv2d(1, 2, kernel_size=[3, 3], stride=[1, 1])"
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
};
TORCH_MODULE(Conv2d);

}  // namespace nn
}  // namespace torch
