// Parse-only stand-in for xtensor's containers and the helpers the listed files
// use (empty, view, all, noalias). Declarations only; nothing runs.
#pragma once
#include <array>
#include <cstddef>
#include <vector>

namespace xt {

template <class T, std::size_t N> class xtensor {
public:
  using value_type = T;
  using shape_type = std::array<std::size_t, N>;
  xtensor() = default;
  explicit xtensor(const shape_type &shape);
  xtensor(const shape_type &shape, const T &value);
  T *data();
  const T *data() const;
  const shape_type &shape() const;
  std::size_t size() const;
  template <class... I> T &operator()(I... index);
  template <class... I> const T &operator()(I... index) const;
};

// Dynamic-rank container.
template <class T> class xarray {
public:
  using value_type = T;
  using shape_type = std::vector<std::size_t>;
  xarray() = default;
  explicit xarray(const shape_type &shape);
  xarray(const shape_type &shape, const T &value);
  T *data();
  const T *data() const;
  const shape_type &shape() const;
  std::size_t size() const;
  template <class... I> T &operator()(I... index);
  template <class... I> const T &operator()(I... index) const;
};

namespace detail {
template <class T, class S> struct empty_result {
  using type = xarray<T>;
};
template <class T, class I, std::size_t N>
struct empty_result<T, std::array<I, N>> {
  using type = xtensor<T, N>;
};
} // namespace detail

// Uninitialised container of the given shape: fixed rank for std::array or a
// braced list, dynamic otherwise.
template <class T, class S>
typename detail::empty_result<T, S>::type empty(const S &shape);
template <class T, class I, std::size_t N>
xtensor<T, N> empty(const I (&shape)[N]);

struct xall_tag {};
inline xall_tag all() { return {}; }

template <class E> class xview {
public:
  template <class R> xview &operator=(const R &rhs) { return *this; }
};
template <class E, class... S> xview<E> view(E &e, S &&...slices) { return {}; }

template <class E> class noalias_proxy {
public:
  template <class R> noalias_proxy &operator=(const R &rhs) { return *this; }
};
template <class E> noalias_proxy<E> noalias(E &&e) { return {}; }

} // namespace xt
