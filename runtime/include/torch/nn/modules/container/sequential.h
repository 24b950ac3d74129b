// torch::nn::Sequential: chains modules, each fed the previous one's output,
// as LibTorch's. Children are registered as "0", "1", ... (or by the names
// given), so train()/eval(), parameters() and named_parameters() ("0.weight")
// see them. Runtime restriction: every module's forward takes one Tensor and
// returns a Tensor (see AnyModule).
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/util/Exception.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/module.h>
#include <torch/nn/modules/container/any.h>
#include <torch/nn/modules/container/named_any.h>
#include <torch/nn/pimpl.h>
#include <torch/ordered_dict.h>

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace torch {
namespace nn {

class SequentialImpl : public Cloneable<SequentialImpl> {
 public:
  using Iterator = std::vector<AnyModule>::iterator;
  using ConstIterator = std::vector<AnyModule>::const_iterator;

  SequentialImpl() = default;
  // Sequential(Linear(4, 8), ReLU(), Dropout(0.5))
  template <typename... Modules>
  explicit SequentialImpl(Modules&&... modules) {
    modules_.reserve(sizeof...(Modules));
    push_back(std::forward<Modules>(modules)...);
  }
  explicit SequentialImpl(
      torch::OrderedDict<std::string, AnyModule>&& ordered_dict) {
    modules_.reserve(ordered_dict.size());
    for (auto& item : ordered_dict) push_back(item.key(), item.value());
  }
  explicit SequentialImpl(std::initializer_list<NamedAnyModule> named_modules) {
    modules_.reserve(named_modules.size());
    for (const auto& named_module : named_modules)
      push_back(named_module.name(), named_module.module());
  }

  // Clones each module and pushes it into a new Sequential.
  std::shared_ptr<Module> clone() const override {
    auto clone = std::make_shared<SequentialImpl>();
    for (const auto& module : modules_) clone->push_back(module.clone());
    return clone;
  }
  void reset() override {}
  void pretty_print(std::ostream& stream) const override {
    stream << "torch::nn::Sequential";
  }

  template <typename ReturnType = Tensor>
  ReturnType forward(const Tensor& input) {
    static_assert(std::is_same<ReturnType, Tensor>::value,
                  "the runtime's Sequential::forward returns only Tensor");
    TORCH_CHECK(!is_empty(), "Cannot call forward() on an empty Sequential");
    auto it = modules_.begin();
    Tensor output = it->forward(input);
    for (++it; it != modules_.end(); ++it) output = it->forward(output);
    return output;
  }

  // --- adding modules (each is registered as a child) -----------------------
  template <typename ModuleType>
  void push_back(std::shared_ptr<ModuleType> module_ptr) {
    push_back(std::to_string(modules_.size()), std::move(module_ptr));
  }
  template <typename ModuleType>
  void push_back(std::string name, std::shared_ptr<ModuleType> module_ptr) {
    push_back(std::move(name), AnyModule(std::move(module_ptr)));
  }
  template <typename M, typename = std::enable_if_t<
                            std::is_base_of<Module, std::decay_t<M>>::value>>
  void push_back(M&& module) {
    push_back(std::to_string(modules_.size()), std::forward<M>(module));
  }
  template <typename M, typename = std::enable_if_t<
                            std::is_base_of<Module, std::decay_t<M>>::value>>
  void push_back(std::string name, M&& module) {
    push_back(std::move(name),
              std::make_shared<std::decay_t<M>>(std::forward<M>(module)));
  }
  template <typename M>
  void push_back(const ModuleHolder<M>& module_holder) {
    push_back(std::to_string(modules_.size()), module_holder);
  }
  template <typename M>
  void push_back(std::string name, const ModuleHolder<M>& module_holder) {
    push_back(std::move(name), module_holder.ptr());
  }
  void push_back(AnyModule any_module) {
    push_back(std::to_string(modules_.size()), std::move(any_module));
  }
  void push_back(std::string name, AnyModule any_module) {
    modules_.push_back(std::move(any_module));
    register_module(std::move(name), modules_.back().ptr());
  }
  template <typename Container>
  void extend(const Container& container) {
    for (const auto& module : container) push_back(module);
  }

  // --- access
  // -------------------------------------------------------------------
  Iterator begin() { return modules_.begin(); }
  ConstIterator begin() const { return modules_.begin(); }
  Iterator end() { return modules_.end(); }
  ConstIterator end() const { return modules_.end(); }

  // seq->at<LinearImpl>(0): the module as its impl type; throws on mismatch.
  template <typename T>
  T& at(std::size_t index) {
    static_assert(std::is_base_of<Module, T>::value,
                  "Can only call Sequential::at with an nn::Module type");
    TORCH_CHECK(index < size(), "Index out of range");
    return modules_[index].get<T>();
  }
  template <typename T>
  const T& at(std::size_t index) const {
    static_assert(std::is_base_of<Module, T>::value,
                  "Can only call Sequential::at with an nn::Module type");
    TORCH_CHECK(index < size(), "Index out of range");
    return modules_[index].get<T>();
  }
  std::shared_ptr<Module> ptr(std::size_t index) const {
    TORCH_CHECK(index < size(), "Index out of range");
    return modules_[index].ptr();
  }
  template <typename T>
  std::shared_ptr<T> ptr(std::size_t index) const {
    static_assert(std::is_base_of<Module, T>::value,
                  "Can only call Sequential::ptr with an nn::Module type");
    TORCH_CHECK(index < size(), "Index out of range");
    return modules_[index].ptr<T>();
  }
  std::shared_ptr<Module> operator[](std::size_t index) const {
    return ptr(index);
  }
  std::size_t size() const noexcept { return modules_.size(); }
  bool is_empty() const noexcept { return size() == 0; }

 private:
  // Unpacks the constructor's arguments one by one (not for (name, module)).
  template <typename First, typename Second, typename... Rest,
            typename = std::enable_if_t<
                !std::is_same<std::decay_t<First>, std::string>::value &&
                !std::is_same<std::decay_t<First>, const char*>::value>>
  void push_back(First&& first, Second&& second, Rest&&... rest) {
    push_back(std::forward<First>(first));
    push_back(std::forward<Second>(second), std::forward<Rest>(rest)...);
  }
  void push_back() {}

  std::vector<AnyModule> modules_;
};

class Sequential : public torch::nn::ModuleHolder<SequentialImpl> {
 public:
  using torch::nn::ModuleHolder<SequentialImpl>::ModuleHolder;
  Sequential() : ModuleHolder() {}
  // Sequential({{"fc", Linear(4, 8)}, {"relu", ReLU()}})
  Sequential(std::initializer_list<NamedAnyModule> named_modules)
      : ModuleHolder(std::make_shared<SequentialImpl>(named_modules)) {}
};

}  // namespace nn
}  // namespace torch
