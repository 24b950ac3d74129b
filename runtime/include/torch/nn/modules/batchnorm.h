// BatchNorm1d and BatchNorm2d, as LibTorch's (NormImplBase and
// BatchNormImplBase<D, Derived>). Mode-dependent:
// - training: normalise with the batch mean and biased variance, then update
//   running_mean/running_var (stored variance unbiased) with the factor
//   momentum, or 1/num_batches_tracked when momentum is unset, and count the
//   batch in num_batches_tracked;
// - eval with tracked stats: normalise with the running stats, update nothing;
// - track_running_stats(false): always use batch statistics.
#pragma once

#include <ATen/Functions.h>
#include <ATen/core/Tensor.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/functional/batchnorm.h>
#include <torch/nn/init.h>
#include <torch/nn/options/batchnorm.h>
#include <torch/nn/pimpl.h>

#include <cstddef>
#include <optional>
#include <ostream>

namespace torch {
namespace nn {

// Parameters weight (ones) and bias (zeros) when affine; buffers
// running_mean (zeros), running_var (ones) and num_batches_tracked (a 0-dim
// kLong 0) when tracking running stats. Otherwise they are registered as
// undefined tensors, which parameters()/buffers() skip.
template <std::size_t D, typename Derived, typename DerivedOptions>
class NormImplBase : public Cloneable<Derived> {
 protected:
  // The subclass's shape check, with LibTorch's message.
  virtual void _check_input_dim(const Tensor& input) = 0;

 public:
  NormImplBase(const DerivedOptions& options_) : options(options_) {  // NOLINT
    reset();
  }

  void reset() override {
    if (options.affine()) {
      weight = this->register_parameter("weight",
                                        at::empty({options.num_features()}));
      bias =
          this->register_parameter("bias", at::empty({options.num_features()}));
    } else {
      weight = this->register_parameter("weight", Tensor(),
                                        /*requires_grad=*/false);
      bias = this->register_parameter("bias", Tensor(),
                                      /*requires_grad=*/false);
    }
    if (options.track_running_stats()) {
      running_mean = this->register_buffer("running_mean",
                                           at::zeros({options.num_features()}));
      running_var = this->register_buffer("running_var",
                                          at::ones({options.num_features()}));
      num_batches_tracked = this->register_buffer(
          "num_batches_tracked", at::zeros({}, at::dtype(at::kLong)));
    } else {
      running_mean = this->register_buffer("running_mean", Tensor());
      running_var = this->register_buffer("running_var", Tensor());
      num_batches_tracked =
          this->register_buffer("num_batches_tracked", Tensor());
    }
    reset_parameters();
  }

  // In-place, so the buffers keep their identity (and bump their versions).
  void reset_running_stats() {
    if (options.track_running_stats()) {
      running_mean.zero_();
      running_var.fill_(1);
      num_batches_tracked.zero_();
    }
  }

  void reset_parameters() {
    reset_running_stats();
    if (options.affine()) {
      init::ones_(weight);
      init::zeros_(bias);
    }
  }

  DerivedOptions options;
  Tensor weight;
  Tensor bias;
  Tensor running_mean;
  Tensor running_var;
  Tensor num_batches_tracked;
};

template <std::size_t D, typename Derived>
class BatchNormImplBase : public NormImplBase<D, Derived, BatchNormOptions> {
 public:
  using NormImplBase<D, Derived, BatchNormOptions>::NormImplBase;

  Tensor forward(const Tensor& input) {
    this->_check_input_dim(input);
    double exponential_average_factor =
        this->options.momentum().has_value() ? *this->options.momentum() : 0.0;
    if (this->is_training() && this->options.track_running_stats() &&
        this->num_batches_tracked.defined()) {
      this->num_batches_tracked += 1;  // in place: bumps its version
      exponential_average_factor =
          this->options.momentum().has_value()
              ? *this->options.momentum()
              : 1.0 / this->num_batches_tracked.template item<double>();
    }
    return functional::detail::batch_norm(
        input, this->running_mean, this->running_var, this->weight, this->bias,
        /*training=*/this->is_training() ||
            !this->options.track_running_stats(),
        /*momentum=*/exponential_average_factor, this->options.eps());
  }

  // "torch::nn::BatchNorm1d(3, eps=1e-05, momentum=0.1, affine=true,
  // track_running_stats=true)"
  void pretty_print(std::ostream& stream) const override {
    stream << std::boolalpha << "torch::nn::BatchNorm" << D << "d("
           << this->options.num_features() << ", "
           << "eps=" << this->options.eps() << ", "
           << "momentum=";
    if (this->options.momentum().has_value()) {
      stream << *this->options.momentum();
    } else {
      stream << "None";
    }
    stream << ", affine=" << this->options.affine()
           << ", track_running_stats=" << this->options.track_running_stats()
           << ")";
  }
};

// Input (N, C) or (N, C, L).
class BatchNorm1dImpl : public BatchNormImplBase<1, BatchNorm1dImpl> {
 protected:
  void _check_input_dim(const Tensor& input) override;

 public:
  using BatchNormImplBase<1, BatchNorm1dImpl>::BatchNormImplBase;
};
TORCH_MODULE(BatchNorm1d);

// Input (N, C, H, W).
class BatchNorm2dImpl : public BatchNormImplBase<2, BatchNorm2dImpl> {
 protected:
  void _check_input_dim(const Tensor& input) override;

 public:
  using BatchNormImplBase<2, BatchNorm2dImpl>::BatchNormImplBase;
};
TORCH_MODULE(BatchNorm2d);

}  // namespace nn
}  // namespace torch
