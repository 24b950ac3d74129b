// TensorOptions: dtype and requires_grad for factory functions (CPU only).
#pragma once

#include <c10/core/ScalarType.h>

namespace c10 {

struct TensorOptions {
  TensorOptions() = default;
  TensorOptions(ScalarType t) : dtype_(t), has_dtype_(true) {}  // NOLINT

  TensorOptions dtype(ScalarType t) const {
    TensorOptions o = *this;
    o.dtype_ = t;
    o.has_dtype_ = true;
    return o;
  }
  TensorOptions requires_grad(bool r) const {
    TensorOptions o = *this;
    o.requires_grad_ = r;
    return o;
  }
  ScalarType dtype() const { return dtype_; }
  bool has_dtype() const { return has_dtype_; }
  bool requires_grad() const { return requires_grad_; }

 private:
  ScalarType dtype_ = ScalarType::Float;
  bool has_dtype_ = false;
  bool requires_grad_ = false;
};

inline TensorOptions dtype(ScalarType t) { return TensorOptions().dtype(t); }
inline TensorOptions requires_grad(bool r = true) {
  return TensorOptions().requires_grad(r);
}

}  // namespace c10

namespace at {
using c10::dtype;
using c10::requires_grad;
using c10::TensorOptions;
}  // namespace at
