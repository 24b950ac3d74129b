// Parse-only stand-in for KFR (univector, element-wise maths, Hann window, real
// DFT plan); expressions are eager here. Declarations only; nothing runs.
#pragma once
#include <complex>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <type_traits>
#include <vector>

namespace kfr {

template <class T> using complex = std::complex<T>;
template <class T> constexpr T c_pi = T(3.14159265358979323846);

template <class T> class univector_ref;

// Owning vector of samples.
template <class T> class univector : public std::vector<T> {
public:
  using std::vector<T>::vector;
  univector() = default;
  univector_ref<T> slice(std::size_t start, std::size_t size);
};

// Non-owning view of contiguous samples; assignment copies elements.
template <class T> class univector_ref {
public:
  using value_type = std::remove_const_t<T>;
  univector_ref(T *data, std::size_t size) : ptr(data), n(size) {}
  univector_ref(univector<value_type> &v) : ptr(v.data()), n(v.size()) {}
  template <class U = T, class = std::enable_if_t<std::is_const_v<U>>>
  univector_ref(const univector<value_type> &v) : ptr(v.data()), n(v.size()) {}
  univector_ref(const univector_ref &) = default;
  univector_ref &operator=(const univector_ref &) { return *this; }
  template <class E> univector_ref &operator=(const E &) { return *this; }
  T &operator[](std::size_t i) const { return ptr[i]; }
  T *data() const { return ptr; }
  std::size_t size() const { return n; }
  univector_ref slice(std::size_t start, std::size_t size) const {
    return {ptr + start, size};
  }

private:
  T *ptr;
  std::size_t n;
};

template <class T>
univector_ref<T> univector<T>::slice(std::size_t start, std::size_t size) {
  return {this->data() + start, size};
}

// One channel of interleaved samples: every `stride`-th value from `data`.
template <class T> struct strided_channel {
  T *data;
  std::size_t size;
  std::size_t stride;
};

namespace detail {
template <class E> struct vec_traits {
  using elem = E;
  static constexpr bool is_vec = false;
};
template <class T> struct vec_traits<univector<T>> {
  using elem = T;
  static constexpr bool is_vec = true;
};
template <class T> struct vec_traits<univector_ref<T>> {
  using elem = std::remove_const_t<T>;
  static constexpr bool is_vec = true;
};
template <class E> using elem_t = typename vec_traits<E>::elem;
template <class A, class B>
constexpr bool any_vec = vec_traits<A>::is_vec || vec_traits<B>::is_vec;
template <class A, class B, class Op>
using result_t = univector<std::decay_t<decltype(std::declval<Op>()(
    std::declval<elem_t<A>>(), std::declval<elem_t<B>>()))>>;
} // namespace detail

// Element-wise arithmetic between vectors, or a vector and a scalar.
#define KFR_STUB_BINARY(op, fn)                                                \
  template <class A, class B, class = std::enable_if_t<detail::any_vec<A, B>>> \
  detail::result_t<A, B, fn> operator op(const A &, const B &) {               \
    return {};                                                                 \
  }
KFR_STUB_BINARY(+, std::plus<>)
KFR_STUB_BINARY(-, std::minus<>)
KFR_STUB_BINARY(*, std::multiplies<>)
KFR_STUB_BINARY(/, std::divides<>)
#undef KFR_STUB_BINARY

template <class A, class B>
detail::elem_t<A> dotproduct(const A &x, const B &y) {
  return {};
}
template <class E> univector<detail::elem_t<E>> log10(const E &x) { return {}; }
template <class T> univector<complex<T>> cconj(const univector<complex<T>> &x) {
  return {};
}
template <class T> univector<T> cabssqr(const univector<complex<T>> &x) {
  return {};
}
template <class T> univector<T> real(const univector<complex<T>> &x) {
  return {};
}

template <class T> univector<T> window_hann(std::size_t size) { return {}; }

// Plan for a real-input DFT of a fixed size.
template <class T> class dft_plan_real {
public:
  explicit dft_plan_real(std::size_t size) : size(size) {}
  std::size_t size;
  std::size_t temp_size = 0;
  void execute(univector<complex<T>> &out, const univector<T> &in,
               univector<std::uint8_t> &temp) const;
};

} // namespace kfr
