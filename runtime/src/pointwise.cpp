// Pointwise ops: arithmetic with broadcasting, unary math, comparisons, and
// their in-place forms. Each op computes raw (kernels.h), then records its
// node (autograd/record.h) with the backward formula next to the forward.
#include <ATen/Functions.h>
#include <c10/core/GradMode.h>

#include <cmath>
#include <limits>
#include <type_traits>

#include "autograd/backward_ops.h"
#include "autograd/record.h"
#include "kernels.h"

namespace at {

using namespace torch_tidy::rt;  // NOLINT: runtime-internal helpers

namespace {

// --- raw computation ------------------------------------------------------

template <typename F>
Tensor compute_binary(const Tensor& a, const Tensor& b, ScalarType ct, F f) {
  Tensor ac = raw_to(a, ct), bc = raw_to(b, ct);
  Tensor r = dispatch(ct, [&](auto tag) {
    using T = decltype(tag);
    return binary_kernel<T, T>(ac, bc, [&](T x, T y) { return f(x, y); });
  });
  return iterator_layout(r, {&ac, &bc});
}

template <typename F>
Tensor compute_scalar(const Tensor& a, const Scalar& s, ScalarType ct, F f) {
  Tensor ac = raw_to(a, ct);
  Tensor r = dispatch(ct, [&](auto tag) {
    using T = decltype(tag);
    const T y = s.to<T>();
    return unary_kernel<T, T>(ac, [&](T x) { return f(x, y); });
  });
  return iterator_layout(r, {&ac});
}

// Unary float math: integer inputs compute in kFloat, as LibTorch does. The
// math runs in double and is rounded once, which matches LibTorch's
// vectorized float kernels where a float libm call would be off by an ulp.
template <typename F>
Tensor compute_unary_float(const Tensor& a, F f) {
  const ScalarType ct = a.is_floating_point() ? a.scalar_type() : kFloat;
  Tensor ac = raw_to(a, ct);
  Tensor r = dispatch(ct, [&](auto tag) {
    using T = decltype(tag);
    return unary_kernel<T, T>(
        ac, [&](T x) { return static_cast<T>(f(static_cast<double>(x))); });
  });
  return iterator_layout(r, {&ac});
}

template <typename F>
Tensor compute_unary_same(const Tensor& a, F f) {
  Tensor r = dispatch(a.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    return unary_kernel<T, T>(a, [&](T x) { return static_cast<T>(f(x)); });
  });
  return iterator_layout(r, {&a});
}

template <typename F>
Tensor compare(const Tensor& a, const Tensor& b, F f) {
  const ScalarType ct = result_type(a, b);
  Tensor ac = raw_to(a, ct), bc = raw_to(b, ct);
  Tensor r = dispatch(ct, [&](auto tag) {
    using T = decltype(tag);
    return binary_kernel<T, bool>(ac, bc, [&](T x, T y) { return f(x, y); });
  });
  return iterator_layout(r, {&ac, &bc});
}

template <typename F>
Tensor compare_scalar(const Tensor& a, const Scalar& s, F f) {
  Tensor r = dispatch(a.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    const double y = s.toDouble();
    return unary_kernel<T, bool>(a, [&](T x) { return f(double(x), y); });
  });
  return iterator_layout(r, {&a});
}

struct Add {
  double alpha;
  template <typename T>
  T operator()(T x, T y) const {
    return static_cast<T>(x + static_cast<T>(alpha) * y);
  }
};
struct Sub {
  double alpha;
  template <typename T>
  T operator()(T x, T y) const {
    return static_cast<T>(x - static_cast<T>(alpha) * y);
  }
};
struct Mul {
  template <typename T>
  T operator()(T x, T y) const {
    return static_cast<T>(x * y);
  }
};
struct Div {
  template <typename T>
  T operator()(T x, T y) const {
    return static_cast<T>(x / y);
  }
};
// LibTorch's CPU pow with a scalar exponent computes some exponents without
// std::pow (sqrt, rsqrt, reciprocal, products), which differs at -0.0:
// pow(-0.0, -0.5) is -inf there. A tensor exponent always goes to std::pow.
struct Pow {
  bool scalar_exponent;
  template <typename T>
  T operator()(T x, T y) const {
    const double b = double(x), e = double(y);
    if (!scalar_exponent) return static_cast<T>(std::pow(b, e));
    if (std::is_floating_point<T>::value) {
      if (e == 0.5) return static_cast<T>(std::sqrt(b));
      if (e == -0.5) return static_cast<T>(1 / std::sqrt(b));
      if (e == -1) return static_cast<T>(1 / b);
      if (e == -2) return static_cast<T>(1 / (b * b));
    }
    if (e == 2) return static_cast<T>(b * b);
    if (e == 3) return static_cast<T>(b * b * b);
    return static_cast<T>(std::pow(b, e));
  }
};

ScalarType div_type(ScalarType t) {
  return c10::isFloatingType(t) ? t : kFloat;
}

// In-place results are cast back to self's dtype; LibTorch refuses casts that
// would lose the category (a float result into a long tensor).
void check_cast(ScalarType result, ScalarType self) {
  const bool ok = c10::isFloatingType(self) || !c10::isFloatingType(result);
  TORCH_CHECK(ok, "result type ", c10::toString(result),
              " can't be cast to the desired output type ",
              c10::toString(self));
}

// Runs an in-place op: LibTorch's preconditions, compute the functional
// result, write it into self, bump the version, record the node.
template <typename Compute>
Tensor& inplace(const Tensor& self, const torch_tidy::ops::OpInfo* op,
                std::initializer_list<const Tensor*> others, Compute compute,
                BackwardFn backward) {
  check_inplace(self, others);
  assert_no_overlap_for_write(self, others);
  // LibTorch saves `original_self = self.clone()`, an autograd op: under
  // create_graph the gradient through it reaches self's history.
  Tensor original;
  if (inplace_needs_original(op, self, others)) original = self.clone();
  Tensor r = compute();
  TORCH_CHECK(r.sizes() == self.sizes(), "output with shape ", self.sizes(),
              " doesn't match the broadcast shape ", r.sizes());
  check_cast(r.scalar_type(), self.scalar_type());
  raw_copy_into(self, r);
  record_inplace(op, self, others, original, std::move(backward));
  // LibTorch's in-place methods are const and return a mutable reference.
  return const_cast<Tensor&>(self);
}

// --- backward formulas (run with grad mode off) ----------------------------

BackwardFn add_backward(IntArrayRef sa, IntArrayRef sb, double alpha) {
  DimVector a(sa), b(sb);
  return [a, b, alpha](const Tensor& g, const Saved&) -> variable_list {
    return {sum_to(g, a), sum_to(alpha == 1 ? g : g * alpha, b)};
  };
}
BackwardFn sub_backward(IntArrayRef sa, IntArrayRef sb, double alpha) {
  DimVector a(sa), b(sb);
  return [a, b, alpha](const Tensor& g, const Saved&) -> variable_list {
    return {sum_to(g, a), sum_to(g * -alpha, b)};
  };
}
BackwardFn mul_backward(IntArrayRef sa, IntArrayRef sb) {
  DimVector a(sa), b(sb);
  return [a, b](const Tensor& g, const Saved& s) -> variable_list {
    return {s.other.defined() ? sum_to(g * s.other, a) : Tensor(),
            s.self.defined() ? sum_to(g * s.self, b) : Tensor()};
  };
}
BackwardFn div_backward(IntArrayRef sa, IntArrayRef sb) {
  DimVector a(sa), b(sb);
  return [a, b](const Tensor& g, const Saved& s) -> variable_list {
    // LibTorch's div_tensor_other_backward: -grad * ((self / other) /
    // other), so under create_graph the gradient's last op is a mul.
    return {sum_to(g / s.other, a),
            s.self.defined() ? sum_to(-g * ((s.self / s.other) / s.other), b)
                             : Tensor()};
  };
}
BackwardFn scale_backward(double factor) {
  return [factor](const Tensor& g, const Saved&) -> variable_list {
    return {g * factor};
  };
}
BackwardFn pow_scalar_backward(double e) {
  return [e](const Tensor& g, const Saved& s) -> variable_list {
    if (e == 0) return {zeros_like(g)};
    return {g * e * s.self.pow(e - 1)};
  };
}

}  // namespace

// --- add / sub
// ----------------------------------------------------------------

namespace {
// LibTorch's alpha_check on the op's common dtype.
ScalarType checked_alpha(ScalarType type, const Scalar& alpha) {
  TORCH_CHECK(!alpha.isFloatingPoint() || c10::isFloatingType(type),
              "For integral input tensors, argument alpha must not be a "
              "floating point number.");
  return type;
}
}  // namespace

Tensor Tensor::add(const Tensor& other, const Scalar& alpha) const {
  Tensor r = compute_binary(*this, other,
                            checked_alpha(result_type(*this, other), alpha),
                            Add{alpha.toDouble()});
  record(TT_OP("add", "Tensor"), {this, &other}, r,
         add_backward(sizes(), other.sizes(), alpha.toDouble()));
  return r;
}
Tensor Tensor::add(const Scalar& other, const Scalar& alpha) const {
  const double a = alpha.toDouble() * other.toDouble();
  Tensor r = compute_scalar(*this, 1, result_type(*this, other),
                            [a](auto x, auto) { return decltype(x)(x + a); });
  record(TT_OP("add", "Scalar"), {this}, r, scale_backward(1));
  return r;
}
Tensor Tensor::sub(const Tensor& other, const Scalar& alpha) const {
  Tensor r = compute_binary(*this, other,
                            checked_alpha(result_type(*this, other), alpha),
                            Sub{alpha.toDouble()});
  record(TT_OP("sub", "Tensor"), {this, &other}, r,
         sub_backward(sizes(), other.sizes(), alpha.toDouble()));
  return r;
}
Tensor Tensor::sub(const Scalar& other, const Scalar& alpha) const {
  const double a = alpha.toDouble() * other.toDouble();
  Tensor r = compute_scalar(*this, 1, result_type(*this, other),
                            [a](auto x, auto) { return decltype(x)(x - a); });
  record(TT_OP("sub", "Scalar"), {this}, r, scale_backward(1));
  return r;
}
Tensor& Tensor::add_(const Tensor& other, const Scalar& alpha) const {
  const double al = alpha.toDouble();
  DimVector sa = impl().sizes, sb = other.impl().sizes;
  return inplace(
      *this, TT_OP("add_", "Tensor"), {&other},
      [&] {
        return compute_binary(*this, other,
                              checked_alpha(result_type(*this, other), alpha),
                              Add{al});
      },
      add_backward(sa, sb, al));
}
Tensor& Tensor::add_(const Scalar& other, const Scalar& alpha) const {
  const double a = alpha.toDouble() * other.toDouble();
  return inplace(
      *this, TT_OP("add_", "Scalar"), {},
      [&] {
        return compute_scalar(*this, 1, result_type(*this, other),
                              [a](auto x, auto) { return decltype(x)(x + a); });
      },
      scale_backward(1));
}
Tensor& Tensor::sub_(const Tensor& other, const Scalar& alpha) const {
  const double al = alpha.toDouble();
  DimVector sa = impl().sizes, sb = other.impl().sizes;
  return inplace(
      *this, TT_OP("sub_", "Tensor"), {&other},
      [&] {
        return compute_binary(*this, other,
                              checked_alpha(result_type(*this, other), alpha),
                              Sub{al});
      },
      sub_backward(sa, sb, al));
}
Tensor& Tensor::sub_(const Scalar& other, const Scalar& alpha) const {
  const double a = alpha.toDouble() * other.toDouble();
  return inplace(
      *this, TT_OP("sub_", "Scalar"), {},
      [&] {
        return compute_scalar(*this, 1, result_type(*this, other),
                              [a](auto x, auto) { return decltype(x)(x - a); });
      },
      scale_backward(1));
}

// --- mul / div
// ----------------------------------------------------------------

Tensor Tensor::mul(const Tensor& other) const {
  Tensor r = compute_binary(*this, other, result_type(*this, other), Mul{});
  record(TT_OP("mul", "Tensor"), {this, &other}, r,
         mul_backward(sizes(), other.sizes()));
  return r;
}
Tensor Tensor::mul(const Scalar& other) const {
  Tensor r = compute_scalar(*this, other, result_type(*this, other), Mul{});
  record(TT_OP("mul", "Scalar"), {this}, r, scale_backward(other.toDouble()));
  return r;
}
Tensor& Tensor::mul_(const Tensor& other) const {
  DimVector sa = impl().sizes, sb = other.impl().sizes;
  return inplace(
      *this, TT_OP("mul_", "Tensor"), {&other},
      [&] {
        return compute_binary(*this, other, result_type(*this, other), Mul{});
      },
      mul_backward(sa, sb));
}
Tensor& Tensor::mul_(const Scalar& other) const {
  return inplace(
      *this, TT_OP("mul_", "Scalar"), {},
      [&] {
        return compute_scalar(*this, other, result_type(*this, other), Mul{});
      },
      scale_backward(other.toDouble()));
}
Tensor Tensor::div(const Tensor& other) const {
  Tensor r =
      compute_binary(*this, other, div_type(result_type(*this, other)), Div{});
  record(TT_OP("div", "Tensor"), {this, &other}, r,
         div_backward(sizes(), other.sizes()));
  return r;
}
Tensor Tensor::div(const Scalar& other) const {
  Tensor r =
      compute_scalar(*this, other, div_type(result_type(*this, other)), Div{});
  record(TT_OP("div", "Scalar"), {this}, r,
         scale_backward(1.0 / other.toDouble()));
  return r;
}
Tensor& Tensor::div_(const Tensor& other) const {
  DimVector sa = impl().sizes, sb = other.impl().sizes;
  return inplace(
      *this, TT_OP("div_", "Tensor"), {&other},
      [&] {
        return compute_binary(*this, other, div_type(result_type(*this, other)),
                              Div{});
      },
      div_backward(sa, sb));
}
Tensor& Tensor::div_(const Scalar& other) const {
  return inplace(
      *this, TT_OP("div_", "Scalar"), {},
      [&] {
        return compute_scalar(*this, other, div_type(result_type(*this, other)),
                              Div{});
      },
      scale_backward(1.0 / other.toDouble()));
}

// --- pow --------------------------------------------------------------------

Tensor Tensor::pow(const Scalar& exponent) const {
  Tensor r =
      compute_scalar(*this, exponent, result_type(*this, exponent), Pow{true});
  record(TT_OP("pow", "Tensor_Scalar"), {this}, r,
         pow_scalar_backward(exponent.toDouble()));
  return r;
}
Tensor& Tensor::pow_(const Scalar& exponent) const {
  return inplace(
      *this, TT_OP("pow_", "Scalar"), {},
      [&] {
        return compute_scalar(*this, exponent, result_type(*this, exponent),
                              Pow{true});
      },
      pow_scalar_backward(exponent.toDouble()));
}
Tensor Tensor::pow(const Tensor& exponent) const {
  Tensor r =
      compute_binary(*this, exponent, result_type(*this, exponent), Pow{false});
  DimVector sa = impl().sizes, sb = exponent.impl().sizes;
  record(TT_OP("pow", "Tensor_Tensor"), {this, &exponent}, r,
         [sa, sb](const Tensor& g, const Saved& s) -> variable_list {
           // LibTorch's pow_backward_self / _exponent: 0 where the
           // exponent is 0, and where the base is 0 with exponent >= 0
           // (not 0 * inf = nan).
           Tensor zero = zeros({}, TensorOptions(g.scalar_type()));
           Tensor d_self = at::where(s.other.eq(0), zero,
                                     g * s.other * s.self.pow(s.other - 1));
           Tensor base_zero =
               (s.self.eq(0).to(kFloat) * s.other.ge(0).to(kFloat)).gt(0);
           Tensor d_exp =
               g * at::where(base_zero, zero, s.result * s.self.log());
           return {sum_to(d_self, sa), sum_to(d_exp, sb)};
         });
  return r;
}

// --- unary ------------------------------------------------------------------

#define TT_UNARY(NAME, FN, BACKWARD)                                           \
  Tensor Tensor::NAME() const {                                                \
    Tensor r = compute_unary_float(*this, [](auto x) { return FN; });          \
    record(TT_OP(#NAME, ""), {this}, r, BACKWARD);                             \
    return r;                                                                  \
  }                                                                            \
  Tensor& Tensor::NAME##_() const {                                            \
    return inplace(                                                            \
        *this, TT_OP(#NAME "_", ""), {},                                       \
        [&] { return compute_unary_float(*this, [](auto x) { return FN; }); }, \
        BACKWARD);                                                             \
  }

namespace {
// Gradient formulas of the unary ops, in terms of the saved operand.
variable_list exp_bw(const Tensor& g, const Saved& s) { return {g * s.result}; }
variable_list log_bw(const Tensor& g, const Saved& s) { return {g / s.self}; }
variable_list sqrt_bw(const Tensor& g, const Saved& s) {
  return {g / (s.result * 2)};
}
variable_list sigmoid_bw(const Tensor& g, const Saved& s) {
  return {sigmoid_backward(g, s.result)};
}
variable_list tanh_bw(const Tensor& g, const Saved& s) {
  return {tanh_backward(g, s.result)};
}
// threshold_backward: a select, not a product (an infinite gradient stays 0
// where the output is 0, instead of inf * 0 = nan).
variable_list relu_bw(const Tensor& g, const Saved& s) {
  return {threshold_backward(g, s.result, 0)};
}
// self.sgn(): -1, 0 or 1 ((0 < x) - (x < 0), so 0 for NaN), recorded as
// SgnBackward0 (zero gradient) so that abs's gradient has a history under
// create_graph, as LibTorch's grad * self.sgn() has.
Tensor sgn_of(const Tensor& t) {
  return compute_and_record(
      TT_OP("sgn", ""), {&t},
      [&] { return t.gt(0).to(t.scalar_type()) - t.lt(0).to(t.scalar_type()); },
      [](const Tensor& g, const Saved&) -> variable_list {
        return {zeros_like(g)};
      });
}
variable_list abs_bw(const Tensor& g, const Saved& s) {
  return {g * sgn_of(s.self)};
}
variable_list sin_bw(const Tensor& g, const Saved& s) {
  return {g * s.self.cos()};
}
variable_list cos_bw(const Tensor& g, const Saved& s) {
  return {-g * s.self.sin()};
}
variable_list neg_bw(const Tensor& g, const Saved&) { return {-g}; }
}  // namespace

TT_UNARY(exp, std::exp(x), exp_bw)
TT_UNARY(log, std::log(x), log_bw)
TT_UNARY(sqrt, std::sqrt(x), sqrt_bw)
TT_UNARY(sigmoid, 1 / (1 + std::exp(-x)), sigmoid_bw)
TT_UNARY(tanh, std::tanh(x), tanh_bw)
TT_UNARY(sin, std::sin(x), sin_bw)
TT_UNARY(cos, std::cos(x), cos_bw)
#undef TT_UNARY

// LibTorch's relu is clamp_min(x, 0), std::max(x, 0): NaN stays NaN and -0
// stays -0 (neither compares below 0).
template <class T>
T relu_value(T x) {
  return x < T(0) ? T(0) : x;
}

// std::abs for floating types: abs(-0) is +0, as LibTorch's kernel gives.
template <class T>
T abs_value(T x) {
  if constexpr (std::is_floating_point_v<T>) {
    return std::abs(x);
  } else {
    return x < 0 ? T(-x) : x;
  }
}

Tensor Tensor::relu() const {
  Tensor r = compute_unary_same(*this, [](auto x) { return relu_value(x); });
  record(TT_OP("relu", ""), {this}, r, relu_bw);
  return r;
}
Tensor& Tensor::relu_() const {
  return inplace(
      *this, TT_OP("relu_", ""), {},
      [&] {
        return compute_unary_same(*this, [](auto x) { return relu_value(x); });
      },
      relu_bw);
}
Tensor Tensor::abs() const {
  Tensor r = compute_unary_same(*this, [](auto x) { return abs_value(x); });
  record(TT_OP("abs", ""), {this}, r, abs_bw);
  return r;
}
Tensor& Tensor::abs_() const {
  return inplace(
      *this, TT_OP("abs_", ""), {},
      [&] {
        return compute_unary_same(*this, [](auto x) { return abs_value(x); });
      },
      abs_bw);
}
Tensor Tensor::neg() const {
  TORCH_CHECK(scalar_type() != kBool,
              "Negation, the `-` operator, on a bool tensor is not supported. "
              "If you are trying to invert a mask, use the `~` or "
              "`logical_not()` operator instead.");
  Tensor r = compute_unary_same(*this, [](auto x) { return -x; });
  record(TT_OP("neg", ""), {this}, r, neg_bw);
  return r;
}
Tensor& Tensor::neg_() const {
  return inplace(
      *this, TT_OP("neg_", ""), {},
      [&] { return compute_unary_same(*this, [](auto x) { return -x; }); },
      neg_bw);
}

namespace {
BackwardFn clamp_backward(c10::optional<Scalar> lo, c10::optional<Scalar> hi) {
  const double l = lo ? lo->toDouble() : -INFINITY;
  const double h = hi ? hi->toDouble() : INFINITY;
  return [l, h](const Tensor& g, const Saved& s) -> variable_list {
    // A select, as LibTorch's clamp_backward (no inf * 0 = nan).
    Tensor inside = (s.self.ge(l).to(kFloat) * s.self.le(h).to(kFloat)).gt(0);
    return {at::where(inside, g, zeros({}, TensorOptions(g.scalar_type())))};
  };
}
Tensor compute_clamp(const Tensor& t, c10::optional<Scalar> lo,
                     c10::optional<Scalar> hi) {
  TORCH_CHECK(lo || hi,
              "torch.clamp: At least one of 'min' or 'max' must not be None");
  const double l = lo ? lo->toDouble() : -INFINITY;
  const double h = hi ? hi->toDouble() : INFINITY;
  // Type promotion: an integral tensor with a floating bound gives Float.
  const bool to_float =
      !t.is_floating_point() &&
      ((lo && lo->isFloatingPoint()) || (hi && hi->isFloatingPoint()));
  return compute_unary_same(to_float ? raw_to(t, kFloat) : t, [l, h](auto x) {
    using T = decltype(x);
    double v = double(x);
    v = v < l ? l : v;
    v = v > h ? h : v;
    return static_cast<T>(v);
  });
}
}  // namespace

Tensor Tensor::clamp(c10::optional<Scalar> min,
                     c10::optional<Scalar> max) const {
  Tensor r = compute_clamp(*this, min, max);
  record(TT_OP("clamp", ""), {this}, r, clamp_backward(min, max));
  return r;
}
Tensor& Tensor::clamp_(c10::optional<Scalar> min,
                       c10::optional<Scalar> max) const {
  return inplace(
      *this, TT_OP("clamp_", ""), {},
      [&] { return compute_clamp(*this, min, max); }, clamp_backward(min, max));
}

// Tensor bounds (ClampBackward0): min applied first, then max, broadcast.
Tensor Tensor::clamp(const c10::optional<Tensor>& min,
                     const c10::optional<Tensor>& max) const {
  const bool has_min = min && min->defined(), has_max = max && max->defined();
  TORCH_CHECK(has_min || has_max,
              "torch.clamp: At least one of 'min' or 'max' must not be None");
  Tensor r;
  {
    c10::NoGradGuard no_grad;
    r = *this;
    if (has_min) r = at::where(r.lt(*min), *min, r);
    if (has_max) r = at::where(r.gt(*max), *max, r);
    // LibTorch's kernel: a NaN bound gives NaN.
    if (r.is_floating_point()) {
      const double nan = std::numeric_limits<double>::quiet_NaN();
      if (has_min) r = at::where(min->eq(*min), r, nan);
      if (has_max) r = at::where(max->eq(*max), r, nan);
    }
    // TensorIterator's operands: self, then the bounds given.
    std::vector<const Tensor*> operands{this};
    if (has_min) operands.push_back(&*min);
    if (has_max) operands.push_back(&*max);
    r = with_strides(r, iterator_strides(r.sizes(), operands));
  }
  const Tensor none;
  DimVector sa(sizes()), smin, smax;
  if (has_min) smin.assign(min->sizes());
  if (has_max) smax.assign(max->sizes());
  record(TT_OP("clamp", "Tensor"),
         {this, has_min ? &*min : &none, has_max ? &*max : &none}, r,
         [sa, smin, smax, has_min, has_max](const Tensor& g,
                                            const Saved& s) -> variable_list {
           Tensor zero = zeros({}, TensorOptions(g.scalar_type()));
           Tensor below = has_min ? s.self.lt(s.other) : Tensor();
           Tensor above = has_max ? s.self.gt(s.third) : Tensor();
           Tensor inside = g;
           if (has_min) inside = at::where(below, zero, inside);
           if (has_max) inside = at::where(above, zero, inside);
           variable_list out{sum_to(inside, sa), Tensor(), Tensor()};
           if (has_min) {
             Tensor gm = at::where(below, g, zero);
             if (has_max) gm = at::where(above, zero, gm);
             out[1] = sum_to(gm, smin);
           }
           if (has_max) out[2] = sum_to(at::where(above, g, zero), smax);
           return out;
         });
  return r;
}

// Ops of their own in LibTorch (ClampMinBackward0, ClampMaxBackward0).
Tensor Tensor::clamp_min(const Scalar& min) const {
  Tensor r = compute_clamp(*this, min, c10::nullopt);
  record(TT_OP("clamp_min", ""), {this}, r, clamp_backward(min, c10::nullopt));
  return r;
}
Tensor Tensor::clamp_max(const Scalar& max) const {
  Tensor r = compute_clamp(*this, c10::nullopt, max);
  record(TT_OP("clamp_max", ""), {this}, r, clamp_backward(c10::nullopt, max));
  return r;
}
Tensor& Tensor::clamp_min_(const Scalar& min) const {
  return inplace(
      *this, TT_OP("clamp_min_", ""), {},
      [&] { return compute_clamp(*this, min, c10::nullopt); },
      clamp_backward(min, c10::nullopt));
}
Tensor& Tensor::clamp_max_(const Scalar& max) const {
  return inplace(
      *this, TT_OP("clamp_max_", ""), {},
      [&] { return compute_clamp(*this, c10::nullopt, max); },
      clamp_backward(c10::nullopt, max));
}

// --- comparisons (never differentiable)
// ------------------------------------------

Tensor Tensor::eq(const Tensor& o) const {
  return compare(*this, o, [](auto x, auto y) { return x == y; });
}
Tensor Tensor::gt(const Tensor& o) const {
  return compare(*this, o, [](auto x, auto y) { return x > y; });
}
Tensor Tensor::lt(const Tensor& o) const {
  return compare(*this, o, [](auto x, auto y) { return x < y; });
}
Tensor Tensor::eq(const Scalar& s) const {
  return compare_scalar(*this, s, [](double x, double y) { return x == y; });
}
Tensor Tensor::ne(const Scalar& s) const {
  return compare_scalar(*this, s, [](double x, double y) { return x != y; });
}
Tensor Tensor::gt(const Scalar& s) const {
  return compare_scalar(*this, s, [](double x, double y) { return x > y; });
}
Tensor Tensor::lt(const Scalar& s) const {
  return compare_scalar(*this, s, [](double x, double y) { return x < y; });
}
Tensor Tensor::ge(const Scalar& s) const {
  return compare_scalar(*this, s, [](double x, double y) { return x >= y; });
}
Tensor Tensor::le(const Scalar& s) const {
  return compare_scalar(*this, s, [](double x, double y) { return x <= y; });
}

// --- operators and free functions
// ---------------------------------------------------

Tensor operator+(const Tensor& a, const Tensor& b) { return a.add(b); }
Tensor operator+(const Tensor& a, const Scalar& b) { return a.add(b); }
Tensor operator+(const Scalar& a, const Tensor& b) { return b.add(a); }
Tensor operator-(const Tensor& a, const Tensor& b) { return a.sub(b); }
Tensor operator-(const Tensor& a, const Scalar& b) { return a.sub(b); }
// Scalar on the left, as LibTorch's TensorOperators.h spells it: a fresh
// tensor filled with the scalar, then the in-place op (SubBackward0 /
// DivBackward0, and the fresh tensor ends at version 2).
Tensor operator-(const Scalar& a, const Tensor& b) {
  Tensor r = empty_like(b);
  r.fill_(a);
  return r.sub_(b);
}
Tensor operator*(const Tensor& a, const Tensor& b) { return a.mul(b); }
Tensor operator*(const Tensor& a, const Scalar& b) { return a.mul(b); }
Tensor operator*(const Scalar& a, const Tensor& b) { return b.mul(a); }
Tensor operator/(const Tensor& a, const Tensor& b) { return a.div(b); }
Tensor operator/(const Tensor& a, const Scalar& b) { return a.div(b); }
Tensor operator/(const Scalar& a, const Tensor& b) {
  Tensor r = empty_like(b);
  r.fill_(a);
  return r.div_(b);
}
Tensor operator==(const Tensor& a, const Tensor& b) { return a.eq(b); }
Tensor operator==(const Tensor& a, const Scalar& b) { return a.eq(b); }
Tensor operator>(const Tensor& a, const Scalar& b) { return a.gt(b); }
Tensor operator<(const Tensor& a, const Scalar& b) { return a.lt(b); }
Tensor operator>=(const Tensor& a, const Scalar& b) { return a.ge(b); }
Tensor operator<=(const Tensor& a, const Scalar& b) { return a.le(b); }

Tensor add(const Tensor& a, const Tensor& b, const Scalar& alpha) {
  return a.add(b, alpha);
}
Tensor sub(const Tensor& a, const Tensor& b, const Scalar& alpha) {
  return a.sub(b, alpha);
}
Tensor mul(const Tensor& a, const Tensor& b) { return a.mul(b); }
Tensor div(const Tensor& a, const Tensor& b) { return a.div(b); }
Tensor pow(const Tensor& a, const Scalar& e) { return a.pow(e); }
Tensor pow(const Tensor& a, const Tensor& e) { return a.pow(e); }
Tensor neg(const Tensor& t) { return t.neg(); }
Tensor exp(const Tensor& t) { return t.exp(); }
Tensor log(const Tensor& t) { return t.log(); }
Tensor sqrt(const Tensor& t) { return t.sqrt(); }
Tensor sigmoid(const Tensor& t) { return t.sigmoid(); }
Tensor tanh(const Tensor& t) { return t.tanh(); }
Tensor relu(const Tensor& t) { return t.relu(); }
Tensor abs(const Tensor& t) { return t.abs(); }
Tensor sin(const Tensor& t) { return t.sin(); }
Tensor cos(const Tensor& t) { return t.cos(); }
Tensor clamp(const Tensor& t, c10::optional<Scalar> min,
             c10::optional<Scalar> max) {
  return t.clamp(min, max);
}
Tensor& relu_(Tensor& t) { return t.relu_(); }
Tensor& sigmoid_(Tensor& t) { return t.sigmoid_(); }
Tensor& tanh_(Tensor& t) { return t.tanh_(); }
Tensor& exp_(Tensor& t) { return t.exp_(); }

}  // namespace at
