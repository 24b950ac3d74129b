// Factory functions: zeros/ones/full/empty/arange/tensor/rand*, *_like.
#include <ATen/Functions.h>
#include <torch/detail/TensorDataContainer.h>

#include <cmath>
#include <random>

#include "kernels.h"

namespace at {

using torch_tidy::rt::dispatch;
using torch_tidy::rt::make_tensor;

namespace {

ScalarType dtype_or(const TensorOptions& o, ScalarType dflt) {
  return o.has_dtype() ? o.dtype() : dflt;
}

Tensor finish(Tensor t, const TensorOptions& o) {
  if (o.requires_grad()) t.requires_grad_(true);
  return t;
}

void fill_raw(const Tensor& t, const Scalar& v) {
  dispatch(t.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    T* p = static_cast<T*>(t.impl().data_bytes());
    const T x = v.to<T>();
    for (int64_t i = 0, n = t.numel(); i < n; ++i) p[i] = x;
  });
}

std::mt19937_64& generator() {
  static std::mt19937_64 gen(67280421310721ULL);
  return gen;
}

// A new tensor filled with draws from `dist`.
template <typename Dist>
Tensor random_tensor(IntArrayRef size, ScalarType dtype, Dist dist) {
  Tensor t = make_tensor(size, dtype);
  dispatch(t.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    T* p = static_cast<T*>(t.impl().data_bytes());
    for (int64_t i = 0, n = t.numel(); i < n; ++i)
      p[i] = static_cast<T>(dist(generator()));
  });
  return t;
}

}  // namespace

void manual_seed(uint64_t seed) { generator().seed(seed); }

Tensor empty(IntArrayRef size, TensorOptions o) {
  return finish(make_tensor(size, dtype_or(o, kFloat)), o);
}

Tensor full(IntArrayRef size, const Scalar& value, TensorOptions o) {
  const ScalarType dflt = value.isFloatingPoint() ? kFloat
                          : value.isBoolean()     ? kBool
                                                  : kLong;
  Tensor t = make_tensor(size, dtype_or(o, dflt));
  fill_raw(t, value);
  return finish(t, o);
}

Tensor zeros(IntArrayRef size, TensorOptions o) {
  return full(size, 0, o.dtype(dtype_or(o, kFloat)));
}
Tensor ones(IntArrayRef size, TensorOptions o) {
  return full(size, 1, o.dtype(dtype_or(o, kFloat)));
}

Tensor arange(const Scalar& end, TensorOptions o) {
  return arange(0, end, 1, o);
}
Tensor arange(const Scalar& start, const Scalar& end, TensorOptions o) {
  return arange(start, end, 1, o);
}
Tensor arange(const Scalar& start, const Scalar& end, const Scalar& step,
              TensorOptions o) {
  const bool fp = start.isFloatingPoint() || end.isFloatingPoint() ||
                  step.isFloatingPoint();
  const double s = start.toDouble(), e = end.toDouble(), st = step.toDouble();
  TORCH_CHECK(st != 0, "step must be nonzero");
  TORCH_CHECK((st > 0 && e >= s) || (st < 0 && e <= s),
              "upper bound and larger bound inconsistent with step sign");
  const int64_t n = int64_t(std::ceil((e - s) / st));
  Tensor t = make_tensor({n}, dtype_or(o, fp ? kFloat : kLong));
  dispatch(t.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    T* p = static_cast<T*>(t.impl().data_bytes());
    for (int64_t i = 0; i < n; ++i) p[i] = static_cast<T>(s + double(i) * st);
  });
  return finish(t, o);
}

Tensor rand(IntArrayRef size, TensorOptions o) {
  return finish(random_tensor(size, dtype_or(o, kFloat),
                              std::uniform_real_distribution<double>(0.0, 1.0)),
                o);
}

Tensor randn(IntArrayRef size, TensorOptions o) {
  return finish(random_tensor(size, dtype_or(o, kFloat),
                              std::normal_distribution<double>(0.0, 1.0)),
                o);
}

Tensor randint(int64_t high, IntArrayRef size, TensorOptions o) {
  return randint(0, high, size, o);
}
Tensor randint(int64_t low, int64_t high, IntArrayRef size, TensorOptions o) {
  TORCH_CHECK(low < high,
              "random_ expects 'from' to be less than 'to', but got from=", low,
              " >= to=", high);
  return finish(
      random_tensor(size, dtype_or(o, kLong),
                    std::uniform_int_distribution<int64_t>(low, high - 1)),
      o);
}

namespace {
// *_like under MemoryFormat::Preserve: `fresh` (contiguous) takes `t`'s
// layout (empty_like), then o's requires_grad.
Tensor like(const Tensor& t, const Tensor& fresh, const TensorOptions& o) {
  return finish(
      torch_tidy::rt::with_strides(fresh, torch_tidy::rt::preserved_strides(t)),
      o);
}
TensorOptions dtype_of(const Tensor& t, const TensorOptions& o) {
  return TensorOptions(dtype_or(o, t.scalar_type()));
}
}  // namespace

Tensor empty_like(const Tensor& t, TensorOptions o) {
  return like(t, empty(t.sizes(), dtype_of(t, o)), o);
}
Tensor zeros_like(const Tensor& t, TensorOptions o) {
  return like(t, zeros(t.sizes(), dtype_of(t, o)), o);
}
Tensor ones_like(const Tensor& t, TensorOptions o) {
  return like(t, ones(t.sizes(), dtype_of(t, o)), o);
}
Tensor full_like(const Tensor& t, const Scalar& v, TensorOptions o) {
  return like(t, full(t.sizes(), v, dtype_of(t, o)), o);
}
Tensor rand_like(const Tensor& t, TensorOptions o) {
  return like(t, rand(t.sizes(), dtype_of(t, o)), o);
}
Tensor randn_like(const Tensor& t, TensorOptions o) {
  return like(t, randn(t.sizes(), dtype_of(t, o)), o);
}

}  // namespace at

namespace torch {
namespace detail {

TensorDataContainer::TensorDataContainer(
    std::initializer_list<TensorDataContainer> list) {
  from_braced_list_ = true;
  sizes_.push_back(int64_t(list.size()));
  bool first = true;
  for (const TensorDataContainer& e : list) {
    if (first) {
      sizes_.insert(sizes_.end(), e.sizes_.begin(), e.sizes_.end());
      scalar_type_ = e.scalar_type_;
      first = false;
    } else {
      TORCH_CHECK(
          e.sizes_.size() + 1 == sizes_.size() &&
              std::equal(e.sizes_.begin(), e.sizes_.end(), sizes_.begin() + 1),
          "Expected all sub-lists to have sizes: ",
          at::IntArrayRef(sizes_.data() + 1, sizes_.size() - 1), " (e.g. ",
          at::IntArrayRef(sizes_.data() + 1, sizes_.size() - 1),
          "), but got sub-list ", at::IntArrayRef(e.sizes_),
          " with sizes: ", at::IntArrayRef(e.sizes_));
      TORCH_CHECK(
          e.scalar_type_ == scalar_type_,
          "Expected all elements of the tensor to have the same "
          "scalar type: ",
          c10::toString(scalar_type_),
          ", but got element of scalar type: ", c10::toString(e.scalar_type_));
    }
    values_.insert(values_.end(), e.values_.begin(), e.values_.end());
  }
}

at::Tensor TensorDataContainer::convert_to_tensor(at::TensorOptions o) const {
  at::Tensor t = torch_tidy::rt::make_tensor(
      sizes_, o.has_dtype() ? o.dtype() : scalar_type_);
  torch_tidy::rt::dispatch(t.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    T* p = static_cast<T*>(t.impl().data_bytes());
    for (std::size_t i = 0; i < values_.size(); ++i)
      p[i] = static_cast<T>(values_[i]);
  });
  if (from_braced_list_ && t.impl().version_counter)
    t.impl().version_counter->version = uint32_t(t.numel());
  if (o.requires_grad()) t.requires_grad_(true);
  return t;
}

}  // namespace detail

at::Tensor tensor(detail::TensorDataContainer data, at::TensorOptions options) {
  return data.convert_to_tensor(options);
}

}  // namespace torch
