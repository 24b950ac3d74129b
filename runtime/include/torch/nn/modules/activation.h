// ReLU, Sigmoid and Tanh layers, as LibTorch's. ReLU(true) works in place.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/options/activation.h>
#include <torch/nn/pimpl.h>

#include <ostream>

namespace torch {
namespace nn {

class ReLUImpl : public Cloneable<ReLUImpl> {
 public:
  explicit ReLUImpl(const ReLUOptions& options_ = {});
  Tensor forward(Tensor input);
  void reset() override {}
  void pretty_print(std::ostream& stream) const override;

  ReLUOptions options;
};
TORCH_MODULE(ReLU);

class SigmoidImpl : public Cloneable<SigmoidImpl> {
 public:
  Tensor forward(const Tensor& input);
  void reset() override {}
  void pretty_print(std::ostream& stream) const override;
};
TORCH_MODULE(Sigmoid);

class TanhImpl : public Cloneable<TanhImpl> {
 public:
  Tensor forward(const Tensor& input);
  void reset() override {}
  void pretty_print(std::ostream& stream) const override;
};
TORCH_MODULE(Tanh);

}  // namespace nn
}  // namespace torch
