// torch::ExpandingArray<D>: D integers given either as one value (expanded to
// all D) or as exactly D values, as LibTorch's. Conv2dOptions(1, 2, 3) means
// a 3x3 kernel; .stride({2, 1}) gives each dim its own stride.
#pragma once

#include <c10/util/ArrayRef.h>
#include <c10/util/Exception.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <ostream>
#include <vector>

namespace torch {

template <std::size_t D, typename T = int64_t>
class ExpandingArray {
 public:
  /*implicit*/ ExpandingArray(std::initializer_list<T> list)  // NOLINT
      : ExpandingArray(c10::ArrayRef<T>(list)) {}
  /*implicit*/ ExpandingArray(std::vector<T> vec)  // NOLINT
      : ExpandingArray(c10::ArrayRef<T>(vec)) {}
  /*implicit*/ ExpandingArray(c10::ArrayRef<T> values) {  // NOLINT
    TORCH_CHECK(values.size() == D, "Expected ", D, " values, but instead got ",
                values.size());
    std::copy(values.begin(), values.end(), values_.begin());
  }
  /*implicit*/ ExpandingArray(T single_size) {  // NOLINT
    values_.fill(single_size);
  }
  /*implicit*/ ExpandingArray(const std::array<T, D>& values)  // NOLINT
      : values_(values) {}

  std::array<T, D>& operator*() { return values_; }
  const std::array<T, D>& operator*() const { return values_; }
  std::array<T, D>* operator->() { return &values_; }
  const std::array<T, D>* operator->() const { return &values_; }
  operator c10::ArrayRef<T>() const {  // NOLINT: LibTorch converts implicitly
    return c10::ArrayRef<T>(values_.data(), D);
  }
  std::size_t size() const noexcept { return D; }

 protected:
  std::array<T, D> values_;
};

// Prints "3" for D == 1, else "[3, 3]", as LibTorch.
template <std::size_t D, typename T>
std::ostream& operator<<(std::ostream& os, const ExpandingArray<D, T>& a) {
  if (a.size() == 1) return os << a->at(0);
  return os << static_cast<c10::ArrayRef<T>>(a);
}

}  // namespace torch
