// Linear, Flatten and Identity, as LibTorch's torch/nn/modules/linear.h.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/options/linear.h>
#include <torch/nn/pimpl.h>

#include <cstdint>
#include <ostream>

namespace torch {
namespace nn {

// y = x W^T + b, with W of shape [out_features, in_features] and b of shape
// [out_features]; both start uniform in +-1/sqrt(in_features), as LibTorch's
// kaiming_uniform_(a = sqrt(5)).
class LinearImpl : public Cloneable<LinearImpl> {
 public:
  LinearImpl(int64_t in_features, int64_t out_features)
      : LinearImpl(LinearOptions(in_features, out_features)) {}
  explicit LinearImpl(const LinearOptions& options_);

  void reset() override;
  void reset_parameters();
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  LinearOptions options;
  Tensor weight;
  Tensor bias;  // undefined when options.bias() is false
};
TORCH_MODULE(Linear);

// Flattens dims start_dim..end_dim of the input (by default all but batch).
class FlattenImpl : public Cloneable<FlattenImpl> {
 public:
  explicit FlattenImpl(const FlattenOptions& options_ = {});
  void reset() override {}
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);

  FlattenOptions options;
};
TORCH_MODULE(Flatten);

// Returns its input unchanged (the same tensor, not a copy).
class IdentityImpl : public Cloneable<IdentityImpl> {
 public:
  void reset() override {}
  void pretty_print(std::ostream& stream) const override;
  Tensor forward(const Tensor& input);
};
TORCH_MODULE(Identity);

}  // namespace nn
}  // namespace torch
