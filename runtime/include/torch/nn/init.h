// torch::nn::init: in-place initialisers for parameters, as LibTorch's. Each
// runs under NoGradGuard (initialising a leaf that requires grad is not a
// differentiable step) and returns the tensor it filled.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/enum.h>
#include <torch/types.h>

#include <cstdint>
#include <tuple>
#include <variant>

namespace torch {
namespace nn {
namespace init {

using NonlinearityType =
    std::variant<enumtype::kLinear, enumtype::kConv1D, enumtype::kConv2D,
                 enumtype::kConv3D, enumtype::kConvTranspose1D,
                 enumtype::kConvTranspose2D, enumtype::kConvTranspose3D,
                 enumtype::kSigmoid, enumtype::kTanh, enumtype::kReLU,
                 enumtype::kLeakyReLU>;
using FanModeType = std::variant<enumtype::kFanIn, enumtype::kFanOut>;

double calculate_gain(NonlinearityType nonlinearity, double param = 0.01);
Tensor constant_(Tensor tensor, Scalar value);
Tensor normal_(Tensor tensor, double mean = 0, double std = 1);
Tensor ones_(Tensor tensor);
Tensor uniform_(Tensor tensor, double low = 0, double high = 1);
Tensor zeros_(Tensor tensor);
Tensor kaiming_normal_(Tensor tensor, double a = 0,
                       FanModeType mode = torch::kFanIn,
                       NonlinearityType nonlinearity = torch::kLeakyReLU);
Tensor kaiming_uniform_(Tensor tensor, double a = 0,
                        FanModeType mode = torch::kFanIn,
                        NonlinearityType nonlinearity = torch::kLeakyReLU);
Tensor xavier_normal_(Tensor tensor, double gain = 1.0);
Tensor xavier_uniform_(Tensor tensor, double gain = 1.0);
// (fan_in, fan_out): size(1) and size(0), times the receptive field size of
// a conv weight.
std::tuple<int64_t, int64_t> _calculate_fan_in_and_fan_out(
    const Tensor& tensor);

}  // namespace init
}  // namespace nn
}  // namespace torch
