// The argument of torch::tensor(...): a scalar, a (nested) braced list or a
// std::vector, flattened with its sizes and inferred dtype, as LibTorch infers
// them: integer literals -> kLong, floating literals -> kFloat (the default
// dtype), bool -> kBool; a std::vector keeps its element type.
#pragma once

#include <ATen/core/Tensor.h>

#include <initializer_list>
#include <type_traits>
#include <vector>

namespace torch {
namespace detail {

class TensorDataContainer {
 public:
  template <typename T, std::enable_if_t<std::is_arithmetic<T>::value, int> = 0>
  TensorDataContainer(T v)  // NOLINT
      : scalar_type_(std::is_floating_point<T>::value ? at::kFloat
                                                      : type_of<T>()),
        values_{static_cast<double>(v)} {}

  TensorDataContainer(
      std::initializer_list<TensorDataContainer> list);  // NOLINT

  template <typename T, std::enable_if_t<std::is_arithmetic<T>::value, int> = 0>
  TensorDataContainer(const std::vector<T>& v)  // NOLINT
      : sizes_{int64_t(v.size())}, scalar_type_(type_of<T>()) {
    for (const T& x : v) values_.push_back(static_cast<double>(x));
  }
  template <typename T, std::enable_if_t<std::is_arithmetic<T>::value, int> = 0>
  TensorDataContainer(at::ArrayRef<T> v)  // NOLINT
      : TensorDataContainer(v.vec()) {}

  const std::vector<int64_t>& sizes() const { return sizes_; }
  at::ScalarType scalar_type() const { return scalar_type_; }
  const std::vector<double>& values() const { return values_; }

  at::Tensor convert_to_tensor(at::TensorOptions options) const;

 private:
  template <typename T>
  static constexpr at::ScalarType type_of() {
    if constexpr (std::is_same<T, bool>::value)
      return at::kBool;
    else if constexpr (std::is_integral<T>::value)
      return at::kLong;
    else if constexpr (std::is_same<T, double>::value)
      return at::kDouble;
    else
      return at::kFloat;
  }

  // LibTorch 1.13 fills a braced list element by element with fill_, so the
  // tensor starts at version numel(); vectors and scalars start at 0.
  bool from_braced_list_ = false;
  std::vector<int64_t> sizes_;
  at::ScalarType scalar_type_ = at::kFloat;
  std::vector<double> values_;
};

}  // namespace detail

at::Tensor tensor(detail::TensorDataContainer data,
                  at::TensorOptions options = {});

}  // namespace torch
