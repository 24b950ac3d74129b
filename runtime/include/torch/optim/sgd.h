// torch::optim::SGD, as LibTorch 1.13's: with g = grad + weight_decay * p,
// the momentum buffer is clone(g) at the first step and
// momentum * buf + (1 - dampening) * g afterwards; p -= lr * buf (or
// lr * (g + momentum * buf) with nesterov, or lr * g without momentum).
//
// As LibTorch, the update writes through p.data(): it does not bump p's
// version counter (Adam's does).
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/arg.h>
#include <torch/optim/optimizer.h>

#include <vector>

namespace torch {
namespace optim {

struct SGDOptions : public OptimizerCloneableOptions<SGDOptions> {
  SGDOptions(double lr);  // NOLINT: implicit, as LibTorch
  TORCH_ARG(double, lr);
  TORCH_ARG(double, momentum) = 0;
  TORCH_ARG(double, dampening) = 0;
  TORCH_ARG(double, weight_decay) = 0;
  TORCH_ARG(bool, nesterov) = false;

 public:
  double get_lr() const override;
  void set_lr(const double lr) override;
  friend bool operator==(const SGDOptions& lhs, const SGDOptions& rhs);
};

struct SGDParamState : public OptimizerCloneableParamState<SGDParamState> {
  TORCH_ARG(Tensor, momentum_buffer);
};

class SGD : public Optimizer {
 public:
  explicit SGD(std::vector<OptimizerParamGroup> param_groups,
               SGDOptions defaults);
  explicit SGD(std::vector<Tensor> params, SGDOptions defaults);

  Tensor step(LossClosure closure = nullptr) override;
};

}  // namespace optim
}  // namespace torch
