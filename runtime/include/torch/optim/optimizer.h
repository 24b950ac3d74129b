// torch::optim::Optimizer: the base of SGD and Adam, as LibTorch 1.13's.
// Parameters are kept in groups, each with its own options (a copy of the
// defaults unless given); per-parameter state (momentum buffers, Adam
// moments) is keyed by the parameter's TensorImpl address.
//
// The parameters are the module's own tensors (aliases, not copies), so
// step() updates the module in place.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/arg.h>
#include <torch/types.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace torch {
namespace optim {

// Per-parameter state; subclasses (SGDParamState, AdamParamState) add fields.
class OptimizerParamState {
 public:
  virtual std::unique_ptr<OptimizerParamState> clone() const;
  virtual ~OptimizerParamState() = default;
};

template <typename Derived>
class OptimizerCloneableParamState : public OptimizerParamState {
  std::unique_ptr<OptimizerParamState> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
};

// Hyper-parameters; a group's options are reached as
// `static_cast<SGDOptions&>(group.options()).lr(0.01)`.
class OptimizerOptions {
 public:
  virtual std::unique_ptr<OptimizerOptions> clone() const;
  virtual ~OptimizerOptions() = default;
  virtual double get_lr() const;
  virtual void set_lr(const double lr);
};

template <typename Derived>
class OptimizerCloneableOptions : public OptimizerOptions {
 private:
  std::unique_ptr<OptimizerOptions> clone() const override {
    return std::make_unique<Derived>(static_cast<const Derived&>(*this));
  }
};

class OptimizerParamGroup {
 public:
  // Copyable (deep-copies the options) so groups can live in a vector.
  OptimizerParamGroup(const OptimizerParamGroup& param_group)
      : params_(param_group.params()),
        options_(param_group.has_options() ? param_group.options().clone()
                                           : nullptr) {}
  OptimizerParamGroup(std::vector<Tensor> params)  // NOLINT
      : params_(std::move(params)) {}
  OptimizerParamGroup(std::vector<Tensor> params,
                      std::unique_ptr<OptimizerOptions> options)
      : params_(std::move(params)), options_(std::move(options)) {}

  bool has_options() const;
  OptimizerOptions& options();
  const OptimizerOptions& options() const;
  void set_options(std::unique_ptr<OptimizerOptions> options);
  std::vector<Tensor>& params();
  const std::vector<Tensor>& params() const;

 protected:
  std::vector<Tensor> params_;
  std::unique_ptr<OptimizerOptions> options_;
};

class Optimizer {
 public:
  // Not copyable, as in LibTorch (state is per parameter identity).
  Optimizer(const Optimizer& optimizer) = delete;
  Optimizer(Optimizer&& optimizer) = default;

  explicit Optimizer(std::vector<OptimizerParamGroup> param_groups,
                     std::unique_ptr<OptimizerOptions> defaults);
  explicit Optimizer(std::vector<Tensor> parameters,
                     std::unique_ptr<OptimizerOptions> defaults);
  virtual ~Optimizer() = default;

  // A group without options gets a copy of the defaults. A parameter may be
  // in one group only.
  void add_param_group(const OptimizerParamGroup& param_group);
  // Adds parameters to the first group.
  void add_parameters(const std::vector<Tensor>& parameters);

  // Evaluates the closure (with grad mode on) if given, updates every
  // parameter that has a gradient, and returns the closure's loss.
  using LossClosure = std::function<Tensor()>;
  virtual Tensor step(LossClosure closure = nullptr) = 0;

  // LibTorch 1.13: zeroes defined gradients in place (detach_, zero_); they
  // stay defined. (2.x defaults to resetting them to undefined.)
  void zero_grad();

  const std::vector<Tensor>& parameters() const noexcept;
  std::vector<Tensor>& parameters() noexcept;
  std::size_t size() const noexcept;
  OptimizerOptions& defaults() noexcept;
  const OptimizerOptions& defaults() const noexcept;
  std::vector<OptimizerParamGroup>& param_groups() noexcept;
  const std::vector<OptimizerParamGroup>& param_groups() const noexcept;
  std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>>&
  state() noexcept;
  const std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>>&
  state() const noexcept;

 protected:
  // The state_ key of a parameter: its TensorImpl address, as LibTorch.
  static std::string param_key(const Tensor& p);

  std::vector<OptimizerParamGroup> param_groups_;
  std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>> state_;
  std::unique_ptr<OptimizerOptions> defaults_;
};

}  // namespace optim
}  // namespace torch
