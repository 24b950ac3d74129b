// c10::Scalar: a number passed where LibTorch accepts a Scalar (x * 2, fill_).
#pragma once

#include <c10/core/ScalarType.h>

#include <cstdint>
#include <type_traits>

namespace c10 {

class Scalar {
 public:
  Scalar() : Scalar(int64_t(0)) {}
  template <typename T, std::enable_if_t<std::is_integral<T>::value &&
                                             !std::is_same<T, bool>::value,
                                         int> = 0>
  Scalar(T v) : tag_(ScalarType::Long), i_(static_cast<int64_t>(v)) {}
  template <typename T,
            std::enable_if_t<std::is_floating_point<T>::value, int> = 0>
  Scalar(T v) : tag_(ScalarType::Double), d_(static_cast<double>(v)) {}
  Scalar(bool v) : tag_(ScalarType::Bool), i_(v ? 1 : 0) {}

  double toDouble() const {
    return tag_ == ScalarType::Double ? d_ : double(i_);
  }
  int64_t toLong() const {
    return tag_ == ScalarType::Double ? static_cast<int64_t>(d_) : i_;
  }
  bool toBool() const { return tag_ == ScalarType::Double ? d_ != 0 : i_ != 0; }
  float toFloat() const { return static_cast<float>(toDouble()); }
  template <typename T>
  T to() const {
    if constexpr (std::is_same<T, bool>::value)
      return toBool();
    else if constexpr (std::is_integral<T>::value)
      return static_cast<T>(toLong());
    else
      return static_cast<T>(toDouble());
  }

  bool isFloatingPoint() const { return tag_ == ScalarType::Double; }
  bool isIntegral(bool includeBool) const {
    return tag_ == ScalarType::Long ||
           (includeBool && tag_ == ScalarType::Bool);
  }
  bool isBoolean() const { return tag_ == ScalarType::Bool; }
  // The dtype class the scalar takes part in type promotion with.
  ScalarType type() const { return tag_; }

 private:
  ScalarType tag_;
  int64_t i_ = 0;
  double d_ = 0;
};

}  // namespace c10

namespace at {
using c10::Scalar;
}
