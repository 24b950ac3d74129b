// Dropout and Dropout2d, as LibTorch's. Mode-dependent: in training each
// element (Dropout) or each channel (Dropout2d) is zeroed with probability p
// and the rest scaled by 1/(1-p); in eval the input passes through unchanged.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/util/Exception.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/options/dropout.h>
#include <torch/nn/pimpl.h>

#include <ostream>

namespace torch {
namespace nn {
namespace detail {

// The shared part of the dropout layers: options and the check on p.
template <typename Derived>
class _DropoutNd : public Cloneable<Derived> {
 public:
  _DropoutNd(double p) : _DropoutNd(DropoutOptions().p(p)) {}  // NOLINT
  explicit _DropoutNd(const DropoutOptions& options_ = {}) : options(options_) {
    reset();
  }
  void reset() override {
    TORCH_CHECK(options.p() >= 0. && options.p() <= 1.,
                "dropout probability has to be between 0 and 1, but got ",
                options.p());
  }

  DropoutOptions options;
};

}  // namespace detail

class DropoutImpl : public detail::_DropoutNd<DropoutImpl> {
 public:
  using detail::_DropoutNd<DropoutImpl>::_DropoutNd;
  Tensor forward(Tensor input);
  void pretty_print(std::ostream& stream) const override;
};
TORCH_MODULE(Dropout);

// Zeroes whole channels of an (N, C, H, W) input, or of a (C, H, W) one.
class Dropout2dImpl : public detail::_DropoutNd<Dropout2dImpl> {
 public:
  using detail::_DropoutNd<Dropout2dImpl>::_DropoutNd;
  Tensor forward(Tensor input);
  void pretty_print(std::ostream& stream) const override;
};
TORCH_MODULE(Dropout2d);

}  // namespace nn
}  // namespace torch
