// torch::optim: the Optimizer base, SGD, Adam and AdamW, following LibTorch
// 1.13's torch/csrc/api/src/optim/{optimizer,sgd,adam,adamw}.cpp.
#include <ATen/Functions.h>
#include <c10/core/GradMode.h>
#include <c10/core/TensorImpl.h>
#include <c10/util/Exception.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/optimizer.h>
#include <torch/optim/sgd.h>

#include <cmath>
#include <memory>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace torch {
namespace optim {

// --- options and state
// ----------------------------------------------------------

std::unique_ptr<OptimizerParamState> OptimizerParamState::clone() const {
  TORCH_CHECK(false,
              "clone() has not been implemented for "
              "torch::optim::OptimizerParamState. ",
              "Subclass torch::optim::OptimizerCloneableParamState<"
              "YourOptimizerParamState> ",
              "instead of torch::optim::OptimizerParamState to inherit the "
              "ability to clone.");
  return nullptr;
}

std::unique_ptr<OptimizerOptions> OptimizerOptions::clone() const {
  TORCH_CHECK(false,
              "clone() has not been implemented for "
              "torch::optim::OptimizerOptions. ",
              "Subclass torch::optim::OptimizerCloneableOptions<"
              "YourOptimizerOptions> ",
              "instead of torch::optim::OptimizerOptions to inherit the "
              "ability to clone.");
  return nullptr;
}

double OptimizerOptions::get_lr() const {
  TORCH_CHECK(false,
              "double get_lr() has not been overidden and implemented in "
              "subclass of torch::optim::OptimizerOptions, you must override "
              "it in your subclass.");
  return 0;
}

void OptimizerOptions::set_lr(const double /*lr*/) {
  TORCH_CHECK(false,
              "double set_lr() has not been overidden and implemented in "
              "subclass of torch::optim::OptimizerOptions, you must override "
              "it in your subclass.");
}

bool OptimizerParamGroup::has_options() const { return options_ != nullptr; }

OptimizerOptions& OptimizerParamGroup::options() {
  TORCH_CHECK(has_options(), "params group options needs to be set.");
  return *options_;
}

const OptimizerOptions& OptimizerParamGroup::options() const {
  TORCH_CHECK(has_options(), "params group options needs to be set.");
  return *options_;
}

void OptimizerParamGroup::set_options(
    std::unique_ptr<OptimizerOptions> options) {
  options_ = std::move(options);
}

std::vector<Tensor>& OptimizerParamGroup::params() { return params_; }

const std::vector<Tensor>& OptimizerParamGroup::params() const {
  return params_;
}

// --- Optimizer
// ---------------------------------------------------------------------

Optimizer::Optimizer(std::vector<OptimizerParamGroup> param_groups,
                     std::unique_ptr<OptimizerOptions> defaults)
    : defaults_(std::move(defaults)) {
  for (const auto& param_group : param_groups) add_param_group(param_group);
}

Optimizer::Optimizer(std::vector<Tensor> parameters,
                     std::unique_ptr<OptimizerOptions> defaults)
    : Optimizer(std::vector<OptimizerParamGroup>{OptimizerParamGroup(
                    std::move(parameters))},
                std::move(defaults)) {}

std::string Optimizer::param_key(const Tensor& p) {
  std::ostringstream os;
  os << p.unsafeGetTensorImpl();
  return os.str();
}

void Optimizer::add_param_group(const OptimizerParamGroup& param_group) {
  for (const auto& param : param_group.params())
    TORCH_CHECK(param.is_leaf(), "can't optimize a non-leaf Tensor");
  TORCH_INTERNAL_ASSERT(defaults_ != nullptr);
  OptimizerParamGroup group(param_group.params());
  group.set_options(param_group.has_options() ? param_group.options().clone()
                                              : defaults_->clone());
  // As LibTorch, this only sees parameters that already have state.
  for (const auto& p : group.params())
    TORCH_CHECK(state_.count(param_key(p)) == 0,
                "some parameters appear in more than one parameter group");
  param_groups_.emplace_back(std::move(group));
}

void Optimizer::add_parameters(const std::vector<Tensor>& parameters) {
  auto& params = param_groups_.at(0).params();
  params.insert(params.end(), parameters.begin(), parameters.end());
}

void Optimizer::zero_grad() {
  for (auto& group : param_groups_) {
    for (auto& p : group.params()) {
      if (p.mutable_grad().defined()) {
        p.mutable_grad().detach_();
        p.mutable_grad().zero_();
      }
    }
  }
}

const std::vector<Tensor>& Optimizer::parameters() const noexcept {
  return param_groups_.at(0).params();
}

std::vector<Tensor>& Optimizer::parameters() noexcept {
  return param_groups_.at(0).params();
}

std::size_t Optimizer::size() const noexcept {
  std::size_t count = 0;
  for (const auto& group : param_groups_) count += group.params().size();
  return count;
}

OptimizerOptions& Optimizer::defaults() noexcept { return *defaults_; }

const OptimizerOptions& Optimizer::defaults() const noexcept {
  return *defaults_;
}

std::vector<OptimizerParamGroup>& Optimizer::param_groups() noexcept {
  return param_groups_;
}

const std::vector<OptimizerParamGroup>& Optimizer::param_groups()
    const noexcept {
  return param_groups_;
}

std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>>&
Optimizer::state() noexcept {
  return state_;
}

const std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>>&
Optimizer::state() const noexcept {
  return state_;
}

namespace {

// LibTorch's Tensor::data(): an alias of `t`'s memory that is not part of its
// autograd history and has a fresh version counter, so writes through it do
// not bump `t`'s version (contrast detach(), which shares the counter; see
// Note [Version counter sharing]).
Tensor variable_data(const Tensor& t) {
  const c10::TensorImpl& src = t.impl();
  auto impl = std::make_shared<c10::TensorImpl>();
  impl->storage = src.storage;
  impl->storage_offset = src.storage_offset;
  impl->sizes = src.sizes;
  impl->strides = src.strides;
  impl->dtype = src.dtype;
  impl->is_inference = src.is_inference;
  if (!src.is_inference)
    impl->version_counter = std::make_shared<c10::VersionCounter>();
  return Tensor(std::move(impl));
}

// Runs the closure, if any, with grad mode on (step() itself runs in no-grad).
Tensor evaluate(const Optimizer::LossClosure& closure) {
  if (closure == nullptr) return {};
  AutoGradMode enable_grad(true);
  return closure();
}

// exp_avg_sq.addcmul_(grad, grad, value): LibTorch computes value * a * b.
void addcmul_(Tensor& self, const Tensor& a, const Tensor& b, double value) {
  self.add_(a.mul(value).mul(b));
}

// p.addcdiv_(num, denom, value): LibTorch computes value * num / denom.
void addcdiv_(Tensor& self, const Tensor& num, const Tensor& denom,
              double value) {
  self.add_(num.mul(value).div(denom));
}

// max_exp_avg_sq = max(max_exp_avg_sq, exp_avg_sq), in place (amsgrad).
void maximum_into(Tensor& dst, const Tensor& other) {
  dst.copy_(at::where(other.gt(dst), other, dst));
}

}  // namespace

// --- SGD
// ------------------------------------------------------------------------------

SGDOptions::SGDOptions(double lr) : lr_(lr) {}

double SGDOptions::get_lr() const { return lr(); }

void SGDOptions::set_lr(const double lr) { this->lr(lr); }

bool operator==(const SGDOptions& lhs, const SGDOptions& rhs) {
  return lhs.lr() == rhs.lr() && lhs.momentum() == rhs.momentum() &&
         lhs.dampening() == rhs.dampening() &&
         lhs.weight_decay() == rhs.weight_decay() &&
         lhs.nesterov() == rhs.nesterov();
}

SGD::SGD(std::vector<OptimizerParamGroup> param_groups, SGDOptions defaults)
    : Optimizer(std::move(param_groups),
                std::make_unique<SGDOptions>(defaults)) {
  TORCH_CHECK(defaults.lr() >= 0, "Invalid learning rate: ", defaults.lr());
  TORCH_CHECK(defaults.momentum() >= 0,
              "Invalid momentum value: ", defaults.momentum());
  TORCH_CHECK(defaults.weight_decay() >= 0,
              "Invalid weight_decay value: ", defaults.weight_decay());
  TORCH_CHECK(!defaults.nesterov() ||
                  (defaults.momentum() > 0 && defaults.dampening() == 0),
              "Nesterov momentum requires a momentum and zero dampening");
}

SGD::SGD(std::vector<Tensor> params, SGDOptions defaults)
    : SGD(std::vector<OptimizerParamGroup>{OptimizerParamGroup(
              std::move(params))},
          defaults) {}

Tensor SGD::step(LossClosure closure) {
  NoGradGuard no_grad;
  Tensor loss = evaluate(closure);
  for (auto& group : param_groups_) {
    auto& options = static_cast<SGDOptions&>(group.options());
    const double weight_decay = options.weight_decay();
    const double momentum = options.momentum();
    const double dampening = options.dampening();
    const bool nesterov = options.nesterov();
    for (auto& p : group.params()) {
      if (!p.grad().defined()) continue;
      Tensor d_p = variable_data(p.grad());
      if (weight_decay != 0) d_p = d_p.add(variable_data(p), weight_decay);
      if (momentum != 0) {
        Tensor buf;
        const std::string key = param_key(p);
        auto param_state = state_.find(key);
        if (param_state == state_.end()) {
          buf = d_p.clone().detach();
          auto state = std::make_unique<SGDParamState>();
          state->momentum_buffer(buf);
          state_[key] = std::move(state);
        } else {
          buf = static_cast<SGDParamState&>(*param_state->second)
                    .momentum_buffer();
          buf.mul_(momentum).add_(d_p, 1 - dampening);
        }
        d_p = nesterov ? d_p.add(buf, momentum) : buf;
      }
      variable_data(p).add_(d_p, -1 * options.lr());
    }
  }
  return loss;
}

// --- Adam and AdamW
// ---------------------------------------------------------------------

namespace {

// One Adam update of `p` with gradient `grad` (already weight-decayed for
// Adam), shared by Adam and AdamW. `State` is AdamParamState/AdamWParamState.
template <typename State>
void adam_update(Tensor& p, const Tensor& grad, State& state, double lr,
                 const std::tuple<double, double>& betas, double eps,
                 bool amsgrad) {
  Tensor& exp_avg = state.exp_avg();
  Tensor& exp_avg_sq = state.exp_avg_sq();
  state.step(state.step() + 1);
  const double beta1 = std::get<0>(betas);
  const double beta2 = std::get<1>(betas);
  const double bias_correction1 = 1 - std::pow(beta1, state.step());
  const double bias_correction2 = 1 - std::pow(beta2, state.step());

  // Decay the first and second moment running averages.
  exp_avg.mul_(beta1).add_(grad, 1 - beta1);
  exp_avg_sq.mul_(beta2);
  addcmul_(exp_avg_sq, grad, grad, 1 - beta2);

  Tensor denom;
  if (amsgrad) {
    maximum_into(state.max_exp_avg_sq(), exp_avg_sq);
    denom =
        (state.max_exp_avg_sq().sqrt() / std::sqrt(bias_correction2)).add_(eps);
  } else {
    denom = (exp_avg_sq.sqrt() / std::sqrt(bias_correction2)).add_(eps);
  }
  const double step_size = lr / bias_correction1;
  addcdiv_(p, exp_avg, denom, -step_size);
}

template <typename State>
State& adam_state(
    std::unordered_map<std::string, std::unique_ptr<OptimizerParamState>>&
        states,
    const std::string& key, const Tensor& p, bool amsgrad) {
  auto it = states.find(key);
  if (it == states.end()) {
    auto state = std::make_unique<State>();
    state->step(0);
    state->exp_avg(at::zeros_like(p));
    state->exp_avg_sq(at::zeros_like(p));
    if (amsgrad) state->max_exp_avg_sq(at::zeros_like(p));
    it = states.emplace(key, std::move(state)).first;
  }
  return static_cast<State&>(*it->second);
}

template <typename Options>
void check_adam_options(const Options& defaults) {
  TORCH_CHECK(defaults.lr() >= 0, "Invalid learning rate: ", defaults.lr());
  TORCH_CHECK(defaults.eps() >= 0, "Invalid epsilon value: ", defaults.eps());
  const auto betas = defaults.betas();
  TORCH_CHECK(0 <= std::get<0>(betas) && std::get<0>(betas) < 1.0,
              "Invalid beta parameter at index 0: ", std::get<0>(betas));
  TORCH_CHECK(0 <= std::get<1>(betas) && std::get<1>(betas) < 1.0,
              "Invalid beta parameter at index 1: ", std::get<1>(betas));
  TORCH_CHECK(defaults.weight_decay() >= 0,
              "Invalid weight_decay value: ", defaults.weight_decay());
}

}  // namespace

AdamOptions::AdamOptions(double lr) : lr_(lr) {}

double AdamOptions::get_lr() const { return lr(); }

void AdamOptions::set_lr(const double lr) { this->lr(lr); }

bool operator==(const AdamOptions& lhs, const AdamOptions& rhs) {
  return lhs.lr() == rhs.lr() && lhs.betas() == rhs.betas() &&
         lhs.eps() == rhs.eps() && lhs.weight_decay() == rhs.weight_decay() &&
         lhs.amsgrad() == rhs.amsgrad();
}

Adam::Adam(std::vector<OptimizerParamGroup> param_groups, AdamOptions defaults)
    : Optimizer(std::move(param_groups),
                std::make_unique<AdamOptions>(defaults)) {
  check_adam_options(defaults);
}

Adam::Adam(std::vector<Tensor> params, AdamOptions defaults)
    : Adam(std::vector<OptimizerParamGroup>{OptimizerParamGroup(
               std::move(params))},
           defaults) {}

Tensor Adam::step(LossClosure closure) {
  NoGradGuard no_grad;
  Tensor loss = evaluate(closure);
  for (auto& group : param_groups_) {
    for (auto& p : group.params()) {
      if (!p.grad().defined()) continue;
      Tensor grad = p.grad();
      auto& options = static_cast<AdamOptions&>(group.options());
      auto& state = adam_state<AdamParamState>(state_, param_key(p), p,
                                               options.amsgrad());
      if (options.weight_decay() != 0)
        grad = grad.add(p, options.weight_decay());
      adam_update(p, grad, state, options.lr(), options.betas(), options.eps(),
                  options.amsgrad());
    }
  }
  return loss;
}

AdamWOptions::AdamWOptions(double lr) : lr_(lr) {}

double AdamWOptions::get_lr() const { return lr(); }

void AdamWOptions::set_lr(const double lr) { this->lr(lr); }

bool operator==(const AdamWOptions& lhs, const AdamWOptions& rhs) {
  return lhs.lr() == rhs.lr() && lhs.betas() == rhs.betas() &&
         lhs.eps() == rhs.eps() && lhs.weight_decay() == rhs.weight_decay() &&
         lhs.amsgrad() == rhs.amsgrad();
}

AdamW::AdamW(std::vector<OptimizerParamGroup> param_groups,
             AdamWOptions defaults)
    : Optimizer(std::move(param_groups),
                std::make_unique<AdamWOptions>(defaults)) {
  check_adam_options(defaults);
}

AdamW::AdamW(std::vector<Tensor> params, AdamWOptions defaults)
    : AdamW(std::vector<OptimizerParamGroup>{OptimizerParamGroup(
                std::move(params))},
            defaults) {}

Tensor AdamW::step(LossClosure closure) {
  NoGradGuard no_grad;
  Tensor loss = evaluate(closure);
  for (auto& group : param_groups_) {
    for (auto& p : group.params()) {
      if (!p.grad().defined()) continue;
      const Tensor& grad = p.grad();
      auto& options = static_cast<AdamWOptions&>(group.options());
      auto& state = adam_state<AdamWParamState>(state_, param_key(p), p,
                                                options.amsgrad());
      // Decoupled weight decay: shrink p itself, not the gradient.
      if (options.weight_decay() != 0)
        p.mul_(1 - options.lr() * options.weight_decay());
      adam_update(p, grad, state, options.lr(), options.betas(), options.eps(),
                  options.amsgrad());
    }
  }
  return loss;
}

}  // namespace optim
}  // namespace torch
