// torch::nn::AnyModule, reduced to what Sequential needs: a type-erased
// module whose forward takes one Tensor and returns one. It keeps the module
// as shared_ptr<Module> plus a std::function that calls its forward; the
// function owns a shared_ptr to the module, never a raw reference.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/util/Exception.h>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include <functional>
#include <memory>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <utility>

namespace torch {
namespace nn {

namespace detail {
// Whether `m.forward(tensor)` compiles and yields something Tensor-like.
template <typename M, typename = void>
struct has_tensor_forward : std::false_type {};
template <typename M>
struct has_tensor_forward<M, std::void_t<decltype(std::declval<M&>().forward(
                                 std::declval<const Tensor&>()))>>
    : std::is_convertible<decltype(std::declval<M&>().forward(
                              std::declval<const Tensor&>())),
                          Tensor> {};
}  // namespace detail

class AnyModule {
 public:
  AnyModule() = default;
  template <typename ModuleType>
  explicit AnyModule(std::shared_ptr<ModuleType> module)
      : module_(module),
        forward_(make_forward(module)),
        clone_([](const std::shared_ptr<Module>& m) {
          return AnyModule(std::dynamic_pointer_cast<ModuleType>(m->clone()));
        }),
        type_info_(&typeid(ModuleType)) {}
  // A module given by value is moved into a new shared_ptr.
  template <typename ModuleType,
            typename = torch::detail::disable_if_module_holder_t<ModuleType>,
            typename = std::enable_if_t<
                std::is_base_of<Module, std::decay_t<ModuleType>>::value>>
  explicit AnyModule(ModuleType&& module)
      : AnyModule(std::make_shared<std::decay_t<ModuleType>>(
            std::forward<ModuleType>(module))) {}
  template <typename ModuleType>
  explicit AnyModule(const ModuleHolder<ModuleType>& module_holder)
      : AnyModule(module_holder.ptr()) {}

  // Only Tensor -> Tensor is supported (LibTorch allows any signature).
  template <typename ReturnType = Tensor>
  ReturnType forward(const Tensor& input) {
    static_assert(std::is_same<ReturnType, Tensor>::value,
                  "the runtime's AnyModule::forward returns only Tensor");
    TORCH_CHECK(!is_empty(), "Cannot call forward() on an empty AnyModule");
    return forward_(input);
  }

  const std::shared_ptr<Module>& ptr() const {
    TORCH_CHECK(!is_empty(), "Cannot call ptr() on an empty AnyModule");
    return module_;
  }
  // The module as type T; throws if it is of another type.
  template <typename T, typename = torch::detail::disable_if_module_holder_t<T>>
  std::shared_ptr<T> ptr() const {
    TORCH_CHECK(!is_empty(), "Cannot call ptr() on an empty AnyModule");
    auto typed = std::dynamic_pointer_cast<T>(module_);
    TORCH_CHECK(typed != nullptr, "Attempted to cast module of type ",
                module_->name(), " to type ", demangled<T>());
    return typed;
  }
  template <typename T, typename = torch::detail::disable_if_module_holder_t<T>>
  T& get() const {
    return *ptr<T>();
  }
  // The holder type too: seq->at<Linear>(0) is not LibTorch API, but
  // any.get<Linear>() is.
  template <typename T, typename ContainedType = typename T::ContainedType>
  T get() const {
    return T(ptr<ContainedType>());
  }

  // A deep copy (Module::clone) of the held module.
  AnyModule clone() const {
    TORCH_CHECK(!is_empty(), "Cannot clone an empty AnyModule");
    return clone_(module_);
  }
  bool is_empty() const noexcept { return module_ == nullptr; }
  const std::type_info& type_info() const {
    TORCH_CHECK(!is_empty(), "Cannot call type_info() on an empty AnyModule");
    return *type_info_;
  }

 private:
  template <typename T>
  static std::string demangled() {
    return torch::nn::detail::demangle(typeid(T).name());
  }

  template <typename ModuleType>
  static std::function<Tensor(const Tensor&)> make_forward(
      std::shared_ptr<ModuleType> module) {
    if constexpr (detail::has_tensor_forward<ModuleType>::value) {
      return [module](const Tensor& input) -> Tensor {
        return module->forward(input);
      };
    } else {
      // Kept so the module can still be stored and registered; calling it
      // through Sequential is an error.
      return [module](const Tensor&) -> Tensor {
        TORCH_CHECK(false,
                    "The runtime's Sequential can only call modules "
                    "whose forward takes one Tensor and returns a "
                    "Tensor; ",
                    module->name(), " does not");
        return Tensor();
      };
    }
  }

  std::shared_ptr<Module> module_;
  std::function<Tensor(const Tensor&)> forward_;
  std::function<AnyModule(const std::shared_ptr<Module>&)> clone_;
  const std::type_info* type_info_ = nullptr;
};

}  // namespace nn
}  // namespace torch
