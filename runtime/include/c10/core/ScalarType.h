// The four dtypes the runtime supports, with LibTorch's names.
#pragma once

#include <cstdint>
#include <string>

namespace c10 {

enum class ScalarType : int8_t { Bool = 0, Long = 1, Float = 2, Double = 3 };

constexpr ScalarType kBool = ScalarType::Bool;
constexpr ScalarType kLong = ScalarType::Long;
constexpr ScalarType kFloat = ScalarType::Float;
constexpr ScalarType kDouble = ScalarType::Double;
constexpr ScalarType kInt64 = ScalarType::Long;
constexpr ScalarType kFloat32 = ScalarType::Float;
constexpr ScalarType kFloat64 = ScalarType::Double;

inline std::size_t elementSize(ScalarType t) {
  switch (t) {
    case ScalarType::Bool:
      return 1;
    case ScalarType::Long:
      return 8;
    case ScalarType::Float:
      return 4;
    case ScalarType::Double:
      return 8;
  }
  return 0;
}

inline bool isFloatingType(ScalarType t) {
  return t == ScalarType::Float || t == ScalarType::Double;
}
inline bool isIntegralType(ScalarType t, bool includeBool) {
  return t == ScalarType::Long || (includeBool && t == ScalarType::Bool);
}

// "Float", "Double", ... as in LibTorch's toString(ScalarType).
inline const char* toString(ScalarType t) {
  switch (t) {
    case ScalarType::Bool:
      return "Bool";
    case ScalarType::Long:
      return "Long";
    case ScalarType::Float:
      return "Float";
    case ScalarType::Double:
      return "Double";
  }
  return "Undefined";
}

}  // namespace c10

namespace at {
using c10::kBool;
using c10::kDouble;
using c10::kFloat;
using c10::kFloat32;
using c10::kFloat64;
using c10::kInt64;
using c10::kLong;
using c10::ScalarType;
}  // namespace at
