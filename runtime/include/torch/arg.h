// TORCH_ARG(T, name): declares an option field `name_` with a chainable
// setter `name(value)` and a getter `name()`, as LibTorch's torch/arg.h, so
// `LinearOptions(4, 8).bias(false)` and `options.bias()` both work.
#pragma once

#include <utility>

#define TORCH_ARG(T, name)                                                     \
 public:                                                                       \
  inline auto name(const T& new_##name) -> decltype(*this) { /* NOLINT */      \
    this->name##_ = new_##name;                                                \
    return *this;                                                              \
  }                                                                            \
  inline auto name(T&& new_##name) -> decltype(*this) { /* NOLINT */           \
    this->name##_ = std::move(new_##name);                                     \
    return *this;                                                              \
  }                                                                            \
  inline const T& name() const noexcept { /* NOLINT */ return this->name##_; } \
  inline T& name() noexcept { /* NOLINT */ return this->name##_; }             \
                                                                               \
 private:                                                                      \
  T name##_ /* NOLINT */
