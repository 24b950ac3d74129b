// The built-in layers: Linear, Flatten, Identity, Dropout, Dropout2d,
// BatchNorm1d/2d (shape checks), ReLU, Sigmoid, Tanh, Conv2d.
#include <ATen/Functions.h>
#include <c10/util/Exception.h>
#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/dropout.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>

#include <cmath>
#include <cstdint>
#include <ostream>
#include <tuple>
#include <variant>
#include <vector>

namespace torch {
namespace nn {

namespace F = torch::nn::functional;

// --- Linear, Flatten, Identity
// ------------------------------------------------------

namespace {
// LibTorch's initialization of Linear and Conv: Kaiming-uniform weight
// (a = sqrt(5)), bias uniform in +-1/sqrt(fan_in).
void reset_weight_and_bias(Tensor& weight, Tensor& bias) {
  init::kaiming_uniform_(weight, /*a=*/std::sqrt(5));
  if (bias.defined()) {
    int64_t fan_in = 0, fan_out = 0;
    std::tie(fan_in, fan_out) = init::_calculate_fan_in_and_fan_out(weight);
    const double bound = 1 / std::sqrt(double(fan_in));
    init::uniform_(bias, -bound, bound);
  }
}
}  // namespace

LinearImpl::LinearImpl(const LinearOptions& options_) : options(options_) {
  reset();
}

void LinearImpl::reset() {
  weight = register_parameter(
      "weight", at::empty({options.out_features(), options.in_features()}));
  if (options.bias()) {
    bias = register_parameter("bias", at::empty({options.out_features()}));
  } else {
    bias = register_parameter("bias", Tensor(), /*requires_grad=*/false);
  }
  reset_parameters();
}

void LinearImpl::reset_parameters() { reset_weight_and_bias(weight, bias); }

void LinearImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha
         << "torch::nn::Linear(in_features=" << options.in_features()
         << ", out_features=" << options.out_features()
         << ", bias=" << options.bias() << ")";
}

Tensor LinearImpl::forward(const Tensor& input) {
  return at::linear(input, weight, bias);
}

FlattenImpl::FlattenImpl(const FlattenOptions& options_) : options(options_) {}

void FlattenImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::Flatten(start_dim=" << options.start_dim()
         << ", end_dim=" << options.end_dim() << ")";
}

Tensor FlattenImpl::forward(const Tensor& input) {
  return input.flatten(options.start_dim(), options.end_dim());
}

void IdentityImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::Identity()";
}

Tensor IdentityImpl::forward(const Tensor& input) { return input; }

// --- Dropout
// -----------------------------------------------------------------------

Tensor DropoutImpl::forward(Tensor input) {
  return F::detail::dropout(std::move(input), options.p(), is_training(),
                            options.inplace());
}

void DropoutImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "torch::nn::Dropout(p=" << options.p()
         << ", inplace=" << options.inplace() << ")";
}

Tensor Dropout2dImpl::forward(Tensor input) {
  return F::detail::dropout2d(std::move(input), options.p(), is_training(),
                              options.inplace());
}

void Dropout2dImpl::pretty_print(std::ostream& stream) const {
  stream << std::boolalpha << "torch::nn::Dropout2d(p=" << options.p()
         << ", inplace=" << options.inplace() << ")";
}

// --- BatchNorm
// ---------------------------------------------------------------------

void BatchNorm1dImpl::_check_input_dim(const Tensor& input) {
  TORCH_CHECK(input.dim() == 2 || input.dim() == 3,
              "expected 2D or 3D input (got ", input.dim(), "D input)");
}

void BatchNorm2dImpl::_check_input_dim(const Tensor& input) {
  TORCH_CHECK(input.dim() == 4, "expected 4D input (got ", input.dim(),
              "D input)");
}

// --- activations
// ---------------------------------------------------------------------

ReLUImpl::ReLUImpl(const ReLUOptions& options_) : options(options_) {}

Tensor ReLUImpl::forward(Tensor input) {
  return F::detail::relu(std::move(input), options.inplace());
}

void ReLUImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::ReLU(";
  if (options.inplace()) stream << std::boolalpha << "inplace=" << true;
  stream << ")";
}

Tensor SigmoidImpl::forward(const Tensor& input) { return at::sigmoid(input); }

void SigmoidImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::Sigmoid()";
}

Tensor TanhImpl::forward(const Tensor& input) { return at::tanh(input); }

void TanhImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::Tanh()";
}

// --- Conv2d
// ---------------------------------------------------------------------------

Conv2dImpl::Conv2dImpl(Conv2dOptions options_)
    : ConvNdImpl<2, Conv2dImpl>(std::move(options_)) {
  reset();
}

void Conv2dImpl::reset() {
  TORCH_CHECK(options.in_channels() % options.groups() == 0,
              "in_channels must be divisible by groups");
  TORCH_CHECK(options.out_channels() % options.groups() == 0,
              "out_channels must be divisible by groups");
  if (std::holds_alternative<enumtype::kSame>(options.padding())) {
    for (int64_t s : *options.stride())
      TORCH_CHECK(s == 1,
                  "padding='same' is not supported for strided convolutions");
  }
  std::vector<int64_t> weight_sizes = {
      options.out_channels(), options.in_channels() / options.groups()};
  for (int64_t k : *options.kernel_size()) weight_sizes.push_back(k);
  weight = register_parameter("weight", at::empty(weight_sizes));
  if (options.bias()) {
    bias = register_parameter("bias", at::empty({options.out_channels()}));
  } else {
    // As LibTorch: registered undefined, but the `bias` member is not reset.
    register_parameter("bias", Tensor(), /*requires_grad=*/false);
  }
  reset_parameters();
}

void Conv2dImpl::reset_parameters() { reset_weight_and_bias(weight, bias); }

void Conv2dImpl::pretty_print(std::ostream& stream) const {
  stream << "torch::nn::Conv2d(" << options.in_channels() << ", "
         << options.out_channels() << ", kernel_size=" << options.kernel_size()
         << ", stride=" << options.stride();
  if (std::holds_alternative<enumtype::kValid>(options.padding())) {
    stream << ", padding='valid'";
  } else if (std::holds_alternative<enumtype::kSame>(options.padding())) {
    stream << ", padding='same'";
  } else {
    const auto& pad = std::get<ExpandingArray<2>>(options.padding());
    if (*pad != *ExpandingArray<2>(0)) stream << ", padding=" << pad;
  }
  if (*options.dilation() != *ExpandingArray<2>(1))
    stream << ", dilation=" << options.dilation();
  if (options.groups() != 1) stream << ", groups=" << options.groups();
  if (!options.bias()) stream << ", bias=" << std::boolalpha << false;
  if (!std::holds_alternative<enumtype::kZeros>(options.padding_mode()))
    stream << ", padding_mode="
           << enumtype::get_enum_name(options.padding_mode());
  stream << ")";
}

Tensor Conv2dImpl::forward(const Tensor& input) {
  TORCH_CHECK(std::holds_alternative<enumtype::kZeros>(options.padding_mode()),
              "the runtime's Conv2d supports only padding_mode kZeros, got ",
              enumtype::get_enum_name(options.padding_mode()));
  std::vector<int64_t> padding(2, 0);
  if (std::holds_alternative<enumtype::kSame>(options.padding())) {
    // 'same' pads dilation * (kernel - 1) in total per dim; at::conv2d takes
    // symmetric padding, so an odd total (asymmetric) is not supported.
    for (int d = 0; d < 2; ++d) {
      const int64_t total =
          (*options.dilation())[d] * ((*options.kernel_size())[d] - 1);
      TORCH_CHECK(total % 2 == 0,
                  "the runtime's Conv2d supports padding='same' only when "
                  "dilation * (kernel_size - 1) is even");
      padding[d] = total / 2;
    }
  } else if (const auto* pad =
                 std::get_if<ExpandingArray<2>>(&options.padding())) {
    padding.assign((*pad)->begin(), (*pad)->end());
  }
  // The member `bias` (not the registered entry) is what LibTorch passes too.
  return at::conv2d(input, weight, bias, options.stride(), padding,
                    options.dilation(), options.groups());
}

}  // namespace nn
}  // namespace torch
