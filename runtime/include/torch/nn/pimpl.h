// torch::nn::ModuleHolder<Impl> and TORCH_MODULE(Name): LibTorch's "pimpl"
// pattern. `Linear` is a shared_ptr<LinearImpl> in a thin wrapper, so copying
// a Linear aliases the same layer, `lin->weight` reaches the impl, and
// `lin(x)` calls `lin->forward(x)`.
#pragma once

#include <c10/util/Exception.h>

#include <cstddef>
#include <memory>
#include <ostream>
#include <type_traits>
#include <utility>

namespace torch {
namespace detail {
// Tag base: lets templates tell holders (Linear) from impls (LinearImpl).
struct ModuleHolderIndicator {};

template <typename T>
using is_module_holder =
    std::is_base_of<ModuleHolderIndicator, std::decay_t<T>>;
template <typename T>
using disable_if_module_holder_t =
    std::enable_if_t<!is_module_holder<T>::value>;

// True when T is a holder of C: its single-argument "construct the impl"
// constructor must not hijack copies of holders.
template <typename T, typename C, bool = is_module_holder<T>::value>
struct is_module_holder_of : std::false_type {};
template <typename T, typename C>
struct is_module_holder_of<T, C, true>
    : std::is_same<typename std::decay_t<T>::ContainedType, C> {};

// The type of `C::forward(args...)`; a struct so that the lookup of forward
// waits until operator() is used (ModuleList has no forward).
template <typename C, typename... Args>
struct return_type_of_forward {
  using type = decltype(std::declval<C&>().forward(std::declval<Args>()...));
};
template <typename C, typename... Args>
using return_type_of_forward_t =
    typename return_type_of_forward<C, Args...>::type;
}  // namespace detail

namespace nn {

template <typename Contained>
class ModuleHolder : torch::detail::ModuleHolderIndicator {
 protected:
  std::shared_ptr<Contained> impl_;

 public:
  using ContainedType = Contained;

  // Default-constructs the impl; impls without a default constructor must be
  // given `= nullptr` instead, as LibTorch requires.
  ModuleHolder() : impl_(default_construct()) {
    static_assert(
        std::is_default_constructible<Contained>::value,
        "You are trying to default construct a module which has "
        "no default constructor. Use = nullptr to give it the empty state "
        "(e.g. `Linear linear = nullptr;` instead of `Linear linear;`).");
  }
  /* implicit */ ModuleHolder(std::nullptr_t) : impl_(nullptr) {}  // NOLINT
  // Forwards any arguments to the impl's constructor: Linear(4, 8).
  template <typename Head, typename... Tail,
            typename = std::enable_if_t<
                !(torch::detail::is_module_holder_of<Head, Contained>::value &&
                  sizeof...(Tail) == 0)>>
  explicit ModuleHolder(Head&& head, Tail&&... tail)
      : impl_(std::make_shared<Contained>(std::forward<Head>(head),
                                          std::forward<Tail>(tail)...)) {}
  /* implicit */ ModuleHolder(std::shared_ptr<Contained> module)  // NOLINT
      : impl_(std::move(module)) {}

  explicit operator bool() const noexcept { return !is_empty(); }
  Contained* operator->() { return get(); }
  const Contained* operator->() const { return get(); }
  Contained& operator*() { return *get(); }
  const Contained& operator*() const { return *get(); }
  const std::shared_ptr<Contained>& ptr() const {
    TORCH_CHECK(!is_empty(), "Accessing empty ModuleHolder");
    return impl_;
  }
  Contained* get() {
    TORCH_CHECK(!is_empty(), "Accessing empty ModuleHolder");
    return impl_.get();
  }
  const Contained* get() const {
    TORCH_CHECK(!is_empty(), "Accessing empty ModuleHolder");
    return impl_.get();
  }

  // `module(x)` is `module->forward(x)`.
  template <typename... Args>
  auto operator()(Args&&... args)
      -> torch::detail::return_type_of_forward_t<Contained, Args...> {
    return impl_->forward(std::forward<Args>(args)...);
  }
  // `seq[0]` is `seq->operator[](0)`.
  template <typename Arg>
  decltype(auto) operator[](Arg&& arg) {
    return (*impl_)[std::forward<Arg>(arg)];
  }

  bool is_empty() const noexcept { return impl_ == nullptr; }

 private:
  static std::shared_ptr<Contained> default_construct() {
    if constexpr (std::is_default_constructible<Contained>::value) {
      return std::make_shared<Contained>();
    } else {
      return nullptr;
    }
  }
};

// Prints the held module (see operator<< for Module).
template <typename ModuleType>
std::ostream& operator<<(std::ostream& stream,
                         const ModuleHolder<ModuleType>& module) {
  return stream << *module;
}

}  // namespace nn
}  // namespace torch

// Declares `class Name : public ModuleHolder<NameImpl>` with the holder's
// constructors, as LibTorch's macro.
#define TORCH_MODULE_IMPL(Name, ImplType)                              \
  class Name : public torch::nn::ModuleHolder<ImplType> { /* NOLINT */ \
   public:                                                             \
    using torch::nn::ModuleHolder<ImplType>::ModuleHolder;             \
    using Impl [[maybe_unused]] = ImplType;                            \
  }

#define TORCH_MODULE(Name) TORCH_MODULE_IMPL(Name, Name##Impl)
