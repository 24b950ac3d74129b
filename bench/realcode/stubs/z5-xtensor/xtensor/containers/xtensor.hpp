// Parse-only stand-in for xtensor's containers and the helpers the listed files
// use (empty, view, all, noalias). Declarations only; nothing runs.
#pragma once
#include <array>
#include <cstddef>
#include <vector>

namespace xt {

namespace detail {
// What both containers offer; they differ in the type of their shape only.
template <class T, class Shape> class xcontainer {
public:
  using value_type = T;
  using shape_type = Shape;
  xcontainer() = default;
  explicit xcontainer(const shape_type &shape);
  xcontainer(const shape_type &shape, const T &value);
  T *data();
  const T *data() const;
  const shape_type &shape() const;
  std::size_t size() const;
  template <class... I> T &operator()(I... index);
  template <class... I> const T &operator()(I... index) const;
};
} // namespace detail

// Fixed-rank container.
template <class T, std::size_t N>
class xtensor : public detail::xcontainer<T, std::array<std::size_t, N>> {
public:
  using detail::xcontainer<T, std::array<std::size_t, N>>::xcontainer;
};

// Dynamic-rank container.
template <class T>
class xarray : public detail::xcontainer<T, std::vector<std::size_t>> {
public:
  using detail::xcontainer<T, std::vector<std::size_t>>::xcontainer;
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
