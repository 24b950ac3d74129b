// torch::nn::init: the formulas of LibTorch's torch/csrc/api/src/nn/init.cpp.
#include <c10/core/GradMode.h>
#include <c10/util/Exception.h>
#include <torch/nn/init.h>

#include <cmath>
#include <variant>

namespace torch {
namespace nn {
namespace init {

namespace {
struct Fan {
  explicit Fan(const Tensor& tensor) {
    std::tie(in, out) = _calculate_fan_in_and_fan_out(tensor);
  }
  int64_t in = 0;
  int64_t out = 0;
};

double calculate_kaiming_std(const Tensor& tensor, double a, FanModeType mode,
                             NonlinearityType nonlinearity) {
  const Fan fan(tensor);
  const double gain = calculate_gain(nonlinearity, a);
  const bool fan_in = std::holds_alternative<enumtype::kFanIn>(mode);
  return gain / std::sqrt(double(fan_in ? fan.in : fan.out));
}
}  // namespace

double calculate_gain(NonlinearityType nonlinearity, double param) {
  if (std::holds_alternative<enumtype::kTanh>(nonlinearity)) return 5.0 / 3.0;
  if (std::holds_alternative<enumtype::kReLU>(nonlinearity))
    return std::sqrt(2.0);
  if (std::holds_alternative<enumtype::kLeakyReLU>(nonlinearity))
    return std::sqrt(2.0 / (1 + std::pow(param, 2)));
  return 1.0;  // linear, conv and sigmoid
}

Tensor constant_(Tensor tensor, Scalar value) {
  NoGradGuard guard;
  return tensor.fill_(value);
}

Tensor normal_(Tensor tensor, double mean, double std) {
  NoGradGuard guard;
  return tensor.normal_(mean, std);
}

Tensor ones_(Tensor tensor) {
  NoGradGuard guard;
  return tensor.fill_(1);
}

Tensor uniform_(Tensor tensor, double low, double high) {
  NoGradGuard guard;
  return tensor.uniform_(low, high);
}

Tensor zeros_(Tensor tensor) {
  NoGradGuard guard;
  return tensor.zero_();
}

Tensor kaiming_normal_(Tensor tensor, double a, FanModeType mode,
                       NonlinearityType nonlinearity) {
  NoGradGuard guard;
  const double std = calculate_kaiming_std(tensor, a, mode, nonlinearity);
  return tensor.normal_(0, std);
}

Tensor kaiming_uniform_(Tensor tensor, double a, FanModeType mode,
                        NonlinearityType nonlinearity) {
  NoGradGuard guard;
  const double std = calculate_kaiming_std(tensor, a, mode, nonlinearity);
  const double bound =
      std::sqrt(3.0) * std;  // uniform(-b, b) has std b/sqrt(3)
  return tensor.uniform_(-bound, bound);
}

Tensor xavier_normal_(Tensor tensor, double gain) {
  NoGradGuard guard;
  const Fan fan(tensor);
  const double std = gain * std::sqrt(2.0 / double(fan.in + fan.out));
  return tensor.normal_(0, std);
}

Tensor xavier_uniform_(Tensor tensor, double gain) {
  NoGradGuard guard;
  const Fan fan(tensor);
  const double std = gain * std::sqrt(2.0 / double(fan.in + fan.out));
  const double a = std::sqrt(3.0) * std;
  return tensor.uniform_(-a, a);
}

std::tuple<int64_t, int64_t> _calculate_fan_in_and_fan_out(
    const Tensor& tensor) {
  const int64_t dimensions = tensor.dim();
  TORCH_CHECK(dimensions >= 2,
              "Fan in and fan out can not be computed "
              "for tensor with fewer than 2 dimensions");
  if (dimensions == 2) return {tensor.size(1), tensor.size(0)};
  int64_t receptive_field_size = 1;
  for (int64_t d = 2; d < dimensions; ++d)
    receptive_field_size *= tensor.size(d);
  return {tensor.size(1) * receptive_field_size,
          tensor.size(0) * receptive_field_size};
}

}  // namespace init
}  // namespace nn
}  // namespace torch
