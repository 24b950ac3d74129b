// MSELoss, NLLLoss and CrossEntropyLoss modules, as LibTorch's:
// `loss_fn(output, target)` with the reduction from the options. Their
// forward takes two tensors, so they cannot sit inside a Sequential.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/functional/loss.h>
#include <torch/nn/options/loss.h>
#include <torch/nn/pimpl.h>

#include <ostream>

namespace torch {
namespace nn {

class MSELossImpl : public Cloneable<MSELossImpl> {
 public:
  explicit MSELossImpl(const MSELossOptions& options_ = {})
      : options(options_) {}
  void reset() override {}
  void pretty_print(std::ostream& stream) const override {
    stream << "torch::nn::MSELoss()";
  }
  Tensor forward(const Tensor& input, const Tensor& target) {
    return functional::mse_loss(input, target, options);
  }

  MSELossOptions options;
};
TORCH_MODULE(MSELoss);

class NLLLossImpl : public Cloneable<NLLLossImpl> {
 public:
  explicit NLLLossImpl(const NLLLossOptions& options_ = {})
      : options(options_) {
    reset();
  }
  // The class weights are a buffer, as in LibTorch.
  void reset() override {
    weight = register_buffer("weight", options.weight());
  }
  void pretty_print(std::ostream& stream) const override {
    stream << "torch::nn::NLLLoss()";
  }
  Tensor forward(const Tensor& input, const Tensor& target) {
    return functional::nll_loss(input, target,
                                NLLLossOptions(options).weight(weight));
  }

  NLLLossOptions options;
  Tensor weight;
};
TORCH_MODULE(NLLLoss);

class CrossEntropyLossImpl : public Cloneable<CrossEntropyLossImpl> {
 public:
  explicit CrossEntropyLossImpl(const CrossEntropyLossOptions& options_ = {})
      : options(options_) {
    reset();
  }
  void reset() override {
    weight = register_buffer("weight", options.weight());
  }
  void pretty_print(std::ostream& stream) const override {
    stream << "torch::nn::CrossEntropyLoss()";
  }
  Tensor forward(const Tensor& input, const Tensor& target) {
    return functional::cross_entropy(
        input, target, CrossEntropyLossOptions(options).weight(weight));
  }

  CrossEntropyLossOptions options;
  Tensor weight;
};
TORCH_MODULE(CrossEntropyLoss);

}  // namespace nn
}  // namespace torch
