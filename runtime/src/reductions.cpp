// Reductions (sum, mean, max, min, argmax), softmax/log_softmax, equality.
#include <ATen/Functions.h>

#include <cmath>
#include <limits>

#include "autograd/backward_ops.h"
#include "autograd/record.h"
#include "kernels.h"

namespace at {

using namespace torch_tidy::rt;  // NOLINT: runtime-internal helpers

namespace {

// Output sizes of a reduction over `dims` (a mask over t's dims).
DimVector reduced_sizes(IntArrayRef sizes, const bool* mask, bool keepdim) {
  DimVector out;
  for (std::size_t d = 0; d < sizes.size(); ++d) {
    if (!mask[d])
      out.push_back(sizes[d]);
    else if (keepdim)
      out.push_back(1);
  }
  return out;
}

void dims_mask(IntArrayRef dims, int64_t ndim, bool* mask) {
  for (int64_t d = 0; d < ndim; ++d) mask[d] = dims.empty();
  for (int64_t d : dims) mask[wrap_dim(d, ndim)] = true;
}

// Moves `dim` last and makes the data contiguous: rows of length size(dim).
Tensor rows_along(const Tensor& t, int64_t dim) {
  DimVector perm;
  for (int64_t d = 0; d < t.dim(); ++d)
    if (d != dim) perm.push_back(d);
  perm.push_back(dim);
  DimVector sizes, strides;
  for (std::size_t i = 0; i < perm.size(); ++i) {
    sizes.push_back(t.size(perm[i]));
    strides.push_back(t.stride(perm[i]));
  }
  return raw_contiguous(make_view(t, sizes, strides, t.storage_offset()));
}

// The inverse of rows_along for a result with the same shape as `like`.
Tensor unrows(const Tensor& rows, const Tensor& like, int64_t dim) {
  // rows has like's dims with `dim` moved last; view it back.
  DimVector sizes(like.sizes()), strides(like.sizes());
  DimVector rstrides = contiguous_strides(rows.sizes());
  int64_t j = 0;
  for (int64_t d = 0; d < like.dim(); ++d)
    if (d != dim) strides[d] = rstrides[j++];
  strides[dim] = rstrides[like.dim() - 1];
  return raw_contiguous(make_view(rows, sizes, strides, 0));
}

Tensor unsqueeze_reduced(const Tensor& g, IntArrayRef in_sizes,
                         const bool* mask, bool keepdim) {
  if (keepdim) return g;
  DimVector shape;
  for (std::size_t d = 0; d < in_sizes.size(); ++d)
    shape.push_back(mask[d] ? 1 : in_sizes[d]);
  return g.reshape(shape);
}

}  // namespace

Tensor raw_sum_impl(const Tensor& t, IntArrayRef dims, bool keepdim) {
  bool mask[c10::DimVector::kMaxDims];
  dims_mask(dims, t.dim(), mask);
  DimVector keep = reduced_sizes(t.sizes(), mask, true);
  const ScalarType out_type =
      c10::isFloatingType(t.scalar_type()) ? t.scalar_type() : kLong;
  int64_t cells = 1;
  for (std::size_t i = 0; i < keep.size(); ++i) cells *= keep[i];
  DimVector kstrides = contiguous_strides(keep);
  DimVector ostrides;
  for (int64_t d = 0; d < t.dim(); ++d)
    ostrides.push_back(mask[d] ? 0 : kstrides[d]);
  Tensor out = make_tensor(reduced_sizes(t.sizes(), mask, keepdim), out_type);
  // Floating point accumulates in double and is written once; integers
  // accumulate in int64_t and wrap on overflow, as LibTorch's kernel does.
  const auto accumulate = [&](auto zero) {
    using Acc = decltype(zero);
    std::vector<Acc> acc(std::size_t(std::max<int64_t>(1, cells)), zero);
    dispatch(t.scalar_type(), [&](auto tag) {
      using T = decltype(tag);
      const T* p = static_cast<const T*>(t.impl().data_bytes());
      for_each_offset2(t.sizes(), t.strides(), ostrides,
                       [&](int64_t oi, int64_t oo) { acc[oo] += Acc(p[oi]); });
    });
    dispatch(out_type, [&](auto tag) {
      using T = decltype(tag);
      T* p = static_cast<T*>(out.impl().data_bytes());
      for (int64_t i = 0, n = out.numel(); i < n; ++i)
        p[i] = static_cast<T>(acc[i]);
    });
  };
  if (out_type == kLong)
    accumulate(uint64_t{0});
  else
    accumulate(0.0);
  return out;
}

}  // namespace at

namespace torch_tidy {
namespace rt {

Tensor raw_sum(const Tensor& t, IntArrayRef dims, bool keepdim) {
  return at::raw_sum_impl(t, dims, keepdim);
}

// As LibTorch's at::sum_to (ATen/ExpandUtils.h): sum() to a 0-dim shape,
// else a keepdim sum and a view() when leading dims went (SumBackward0,
// SumBackward1, ViewBackward0 under create_graph).
Tensor sum_to(const Tensor& grad, IntArrayRef shape) {
  if (grad.sizes() == shape) return grad;
  if (shape.empty()) return grad.sum();
  const int64_t lead = grad.dim() - int64_t(shape.size());
  DimVector dims;
  for (int64_t d = 0; d < grad.dim(); ++d)
    if (d < lead || (shape[d - lead] == 1 && grad.size(d) != 1))
      dims.push_back(d);
  Tensor r = dims.size() ? grad.sum(dims, /*keepdim=*/true) : grad;
  return lead > 0 ? r.view(shape) : r;
}

}  // namespace rt
}  // namespace torch_tidy

namespace at {

Tensor Tensor::sum(c10::optional<ScalarType> dtype) const {
  Tensor src = dtype ? raw_to(*this, *dtype) : *this;
  Tensor r = raw_sum(src, {}, false);
  DimVector in(sizes());
  record(TT_OP("sum", ""), {this}, r,
         [in](const Tensor& g, const Saved&) -> variable_list {
           return {g.expand(in)};
         });
  return r;
}

Tensor Tensor::sum(IntArrayRef dims, bool keepdim,
                   c10::optional<ScalarType> dtype) const {
  Tensor src = dtype ? raw_to(*this, *dtype) : *this;
  Tensor r = raw_sum(src, dims, keepdim);
  DimVector in(sizes()), dv(dims);
  record(TT_OP("sum", "dim"), {this}, r,
         [in, dv, keepdim](const Tensor& g, const Saved&) -> variable_list {
           bool mask[c10::DimVector::kMaxDims];
           dims_mask(dv, int64_t(in.size()), mask);
           return {unsqueeze_reduced(g, in, mask, keepdim).expand(in)};
         });
  return r;
}

namespace {
void check_mean_dtype(const Tensor& t, c10::optional<ScalarType> dtype) {
  const ScalarType ty = dtype.value_or(t.scalar_type());
  TORCH_CHECK(c10::isFloatingType(ty),
              "mean(): could not infer output dtype. Input dtype must be "
              "either a floating point or complex dtype. Got: ",
              c10::toString(ty));
}
}  // namespace

Tensor Tensor::mean(c10::optional<ScalarType> dtype) const {
  check_mean_dtype(*this, dtype);
  Tensor src = dtype ? raw_to(*this, *dtype) : *this;
  const double n = double(numel());
  Tensor r = raw_sum(src, {}, false);
  r = dispatch(r.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    return unary_kernel<T, T>(r, [n](T x) { return static_cast<T>(x / n); });
  });
  DimVector in(sizes());
  record(TT_OP("mean", ""), {this}, r,
         [in, n](const Tensor& g, const Saved&) -> variable_list {
           return {g.expand(in) / n};
         });
  return r;
}

Tensor Tensor::mean(IntArrayRef dims, bool keepdim,
                    c10::optional<ScalarType> dtype) const {
  check_mean_dtype(*this, dtype);
  Tensor src = dtype ? raw_to(*this, *dtype) : *this;
  bool mask[c10::DimVector::kMaxDims];
  dims_mask(dims, dim(), mask);
  double n = 1;
  for (int64_t d = 0; d < dim(); ++d)
    if (mask[d]) n *= double(size(d));
  Tensor r = raw_sum(src, dims, keepdim);
  r = dispatch(r.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    return unary_kernel<T, T>(r, [n](T x) { return static_cast<T>(x / n); });
  });
  DimVector in(sizes()), dv(dims);
  record(TT_OP("mean", "dim"), {this}, r,
         [in, dv, keepdim, n](const Tensor& g, const Saved&) -> variable_list {
           bool m[c10::DimVector::kMaxDims];
           dims_mask(dv, int64_t(in.size()), m);
           return {unsqueeze_reduced(g, in, m, keepdim).expand(in) / n};
         });
  return r;
}

namespace {

// Whether `x` replaces `best` as the running max (min): a NaN wins and
// stays, as LibTorch's max/min/argmax propagate NaN.
template <class T>
bool replaces(T x, T best, bool is_max) {
  if (best != best) return false;  // NOLINT: NaN test that compiles for ints
  if (x != x) return true;         // NOLINT
  return is_max ? x > best : x < best;
}

// Full max/min: value and gradient spread evenly over the extremal elements.
Tensor extreme_all(const Tensor& t, bool is_max, const char* name) {
  TORCH_CHECK(t.numel() > 0, name,
              "(): Expected reduction dim to be specified for input.numel() "
              "== 0. Specify the reduction dim with the 'dim' argument.");
  Tensor r = make_tensor({}, t.scalar_type());
  dispatch(t.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    Tensor c = raw_contiguous(t);
    const T* p = static_cast<const T*>(c.impl().data_bytes());
    T best = p[0];
    for (int64_t i = 1, n = c.numel(); i < n; ++i)
      if (replaces(p[i], best, is_max)) best = p[i];
    *static_cast<T*>(r.impl().data_bytes()) = best;
  });
  return r;
}

// LibTorch's evenly_distribute_backward: zeros with grad / count filled in
// where the input equals the result (is NaN, for a NaN result), so an
// infinite gradient does not turn the other places into inf * 0 = nan. Under
// create_graph the gradient is MaskedFillBackward1's.
variable_list evenly_distribute(const Tensor& g, const Saved& s) {
  Tensor m = std::isnan(read_double(s.result, 0)) ? s.self.eq(s.self).eq(false)
                                                  : s.self.eq(s.result);
  Tensor z = zeros(s.self.sizes(), TensorOptions(g.scalar_type()));
  z.masked_fill_(m, g / m.sum());
  return {z};
}

// max/min along dim: values and int64 indices.
std::tuple<Tensor, Tensor> extreme_dim(const Tensor& t, int64_t dim,
                                       bool keepdim, bool is_max) {
  dim = wrap_dim(dim, t.dim());
  Tensor rows = t.dim() ? rows_along(t, dim) : raw_contiguous(t);
  const int64_t len = t.dim() ? t.size(dim) : 1;
  TORCH_CHECK(len > 0, "max(): Expected reduction dim ", dim,
              " to have non-zero size.");
  bool mask[c10::DimVector::kMaxDims] = {false};
  if (t.dim()) mask[dim] = true;
  DimVector out_sizes = reduced_sizes(t.sizes(), mask, keepdim);
  Tensor values = make_tensor(out_sizes, t.scalar_type());
  Tensor indices = make_tensor(out_sizes, kLong);
  dispatch(t.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    const T* p = static_cast<const T*>(rows.impl().data_bytes());
    T* pv = static_cast<T*>(values.impl().data_bytes());
    int64_t* pi = static_cast<int64_t*>(indices.impl().data_bytes());
    for (int64_t r = 0, n = values.numel(); r < n; ++r) {
      const T* row = p + r * len;
      int64_t best = 0;
      for (int64_t j = 1; j < len; ++j)
        if (replaces(row[j], row[best], is_max)) best = j;
      pv[r] = row[best];
      pi[r] = best;
    }
  });
  return {values, indices};
}

// gather(src, d, index) for an index with size 1 along d (one pick per row).
Tensor gather_rows(const Tensor& src, int64_t d, const Tensor& index) {
  Tensor rows = rows_along(src, d);
  Tensor idx = raw_contiguous(index);
  const int64_t len = src.size(d);
  Tensor out = make_tensor(index.sizes(), src.scalar_type());
  dispatch(src.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    const T* ps = static_cast<const T*>(rows.impl().data_bytes());
    const int64_t* pi = static_cast<const int64_t*>(idx.impl().data_bytes());
    T* po = static_cast<T*>(out.impl().data_bytes());
    for (int64_t r = 0, n = out.numel(); r < n; ++r)
      po[r] = ps[r * len + pi[r]];
  });
  // GatherBackward0 under create_graph is not modelled (third derivative).
  return out;
}

// The indices are the node's saved second output (freed after a backward
// without retain_graph, checked for in-place changes), as LibTorch saves them.
BackwardFn index_backward(IntArrayRef in_sizes, int64_t dim, bool keepdim) {
  DimVector in(in_sizes);
  return [in, dim, keepdim](const Tensor& g, const Saved& s) -> variable_list {
    if (in.size() == 0) return {g.clone()};  // a 0-dim input: all of g
    const Tensor& indices = s.result1;
    Tensor gi = g, ii = indices;
    if (!keepdim) {
      gi = g.unsqueeze(dim);
      ii = indices.unsqueeze(dim);
    }
    Tensor out = zeros(in, TensorOptions(g.scalar_type()));
    // Scatter row by row along `dim`.
    Tensor out_rows = rows_along(out, wrap_dim(dim, int64_t(in.size())));
    Tensor g_rows = raw_contiguous(gi);
    Tensor i_rows = raw_contiguous(ii);
    const int64_t len = in.size() ? in[wrap_dim(dim, int64_t(in.size()))] : 1;
    dispatch(g.scalar_type(), [&](auto tag) {
      using T = decltype(tag);
      T* po = static_cast<T*>(out_rows.impl().data_bytes());
      const T* pg = static_cast<const T*>(g_rows.impl().data_bytes());
      const int64_t* pi =
          static_cast<const int64_t*>(i_rows.impl().data_bytes());
      for (int64_t r = 0, n = g_rows.numel(); r < n; ++r)
        po[r * len + pi[r]] += pg[r];
    });
    const int64_t d = wrap_dim(dim, int64_t(in.size()));
    Tensor r = unrows(out_rows, out, d);
    // zeros.scatter(dim, indices, grad) in LibTorch: under create_graph,
    // ScatterBackward0, whose gradient for grad gathers back.
    record(TT_OP("scatter", "src"), {nullptr, nullptr, &ii, &gi}, r,
           [d](const Tensor& gg, const Saved& s) -> variable_list {
             return {Tensor(), Tensor(), Tensor(), gather_rows(gg, d, s.third)};
           });
    return {r};
  };
}

}  // namespace

Tensor Tensor::max() const {
  Tensor r = extreme_all(*this, true, "max");
  record(TT_OP("max", ""), {this}, r, evenly_distribute);
  return r;
}
Tensor Tensor::min() const {
  Tensor r = extreme_all(*this, false, "min");
  record(TT_OP("min", ""), {this}, r, evenly_distribute);
  return r;
}
std::tuple<Tensor, Tensor> Tensor::max(int64_t dim, bool keepdim) const {
  auto [v, i] = extreme_dim(*this, dim, keepdim, true);
  record(TT_OP("max", "dim"), {this}, v, index_backward(sizes(), dim, keepdim));
  save_second_output(v, i);
  return {v, i};
}
std::tuple<Tensor, Tensor> Tensor::min(int64_t dim, bool keepdim) const {
  auto [v, i] = extreme_dim(*this, dim, keepdim, false);
  record(TT_OP("min", "dim"), {this}, v, index_backward(sizes(), dim, keepdim));
  save_second_output(v, i);
  return {v, i};
}

Tensor Tensor::argmax(c10::optional<int64_t> dim, bool keepdim) const {
  if (dim) return std::get<1>(extreme_dim(*this, *dim, keepdim, true));
  Tensor flat = raw_contiguous(*this);
  Tensor f = make_view(flat, {numel()}, {1}, 0);
  Tensor idx = std::get<1>(extreme_dim(f, 0, false, true));
  if (keepdim) {
    DimVector ones;
    for (int64_t d = 0; d < this->dim(); ++d) ones.push_back(1);
    return make_view(idx, ones, contiguous_strides(ones), 0);
  }
  return idx;
}

namespace {
Tensor softmax_impl(const Tensor& t, int64_t dim, bool log) {
  // LibTorch's CPU kernels take floating types only (no dtype= given).
  const bool last = t.dim() == 0 || wrap_dim(dim, t.dim()) == t.dim() - 1;
  // (1.13's log_softmax names its other kernel "softmax_kernel_impl".)
  TORCH_CHECK(t.is_floating_point(), "\"", log && last ? "log_" : "",
              "softmax_", last ? "lastdim_" : "",
              "kernel_impl\" not implemented for '",
              c10::toString(t.scalar_type()), "'");
  const ScalarType ct = t.is_floating_point() ? t.scalar_type() : kFloat;
  Tensor src = raw_to(t, ct);
  if (t.dim() == 0) {
    Tensor r = make_tensor({}, ct);
    dispatch(ct, [&](auto tag) {
      using T = decltype(tag);
      // x - x: NaN for an infinite or NaN input, as LibTorch computes it.
      const T x = *static_cast<const T*>(src.impl().data_bytes());
      *static_cast<T*>(r.impl().data_bytes()) = log ? x - x : std::exp(x - x);
    });
    return r;
  }
  dim = wrap_dim(dim, t.dim());
  Tensor rows = rows_along(src, dim);
  const int64_t len = t.size(dim);
  dispatch(ct, [&](auto tag) {
    using T = decltype(tag);
    T* p = static_cast<T*>(rows.impl().data_bytes());
    for (int64_t r = 0, n = len ? rows.numel() / len : 0; r < n; ++r) {
      T* row = p + r * len;
      T mx = row[0];
      for (int64_t j = 1; j < len; ++j) mx = row[j] > mx ? row[j] : mx;
      double sum = 0;
      for (int64_t j = 0; j < len; ++j) sum += std::exp(double(row[j] - mx));
      for (int64_t j = 0; j < len; ++j)
        row[j] = log ? static_cast<T>(double(row[j] - mx) - std::log(sum))
                     : static_cast<T>(std::exp(double(row[j] - mx)) / sum);
    }
  });
  return unrows(rows, src, dim);
}
}  // namespace

Tensor Tensor::softmax(int64_t dim, c10::optional<ScalarType> dtype) const {
  Tensor r = softmax_impl(dtype ? raw_to(*this, *dtype) : *this, dim, false);
  record(TT_OP("softmax", ""), {this}, r,
         [dim](const Tensor& g, const Saved& s) -> variable_list {
           return {softmax_backward_data(g, s.result, dim)};
         });
  return r;
}

Tensor Tensor::log_softmax(int64_t dim, c10::optional<ScalarType> dtype) const {
  Tensor r = softmax_impl(dtype ? raw_to(*this, *dtype) : *this, dim, true);
  record(TT_OP("log_softmax", ""), {this}, r,
         [dim](const Tensor& g, const Saved& s) -> variable_list {
           return {log_softmax_backward_data(g, s.result, dim)};
         });
  return r;
}

bool Tensor::equal(const Tensor& other) const {
  if (sizes() != other.sizes()) return false;
  for (int64_t i = 0, n = numel(); i < n; ++i)
    if (read_double(*this, i) != read_double(other, i)) return false;
  return true;
}

bool Tensor::allclose(const Tensor& other, double rtol, double atol,
                      bool equal_nan) const {
  DimVector shape = broadcast_shapes(sizes(), other.sizes());
  Tensor a = expand(shape).detach(), b = other.expand(shape).detach();
  for (int64_t i = 0, n = a.numel(); i < n; ++i) {
    const double x = read_double(a, i), y = read_double(b, i);
    if (std::isnan(x) || std::isnan(y)) {
      if (!(equal_nan && std::isnan(x) && std::isnan(y))) return false;
      continue;
    }
    if (std::abs(x - y) > atol + rtol * std::abs(y)) return false;
  }
  return true;
}

Tensor sum(const Tensor& t, c10::optional<ScalarType> dtype) {
  return t.sum(dtype);
}
Tensor sum(const Tensor& t, IntArrayRef dim, bool keepdim,
           c10::optional<ScalarType> dtype) {
  return t.sum(dim, keepdim, dtype);
}
Tensor mean(const Tensor& t, c10::optional<ScalarType> dtype) {
  return t.mean(dtype);
}
Tensor mean(const Tensor& t, IntArrayRef dim, bool keepdim,
            c10::optional<ScalarType> dtype) {
  return t.mean(dim, keepdim, dtype);
}
Tensor max(const Tensor& t) { return t.max(); }
std::tuple<Tensor, Tensor> max(const Tensor& t, int64_t dim, bool keepdim) {
  return t.max(dim, keepdim);
}
Tensor min(const Tensor& t) { return t.min(); }
std::tuple<Tensor, Tensor> min(const Tensor& t, int64_t dim, bool keepdim) {
  return t.min(dim, keepdim);
}
Tensor argmax(const Tensor& t, c10::optional<int64_t> dim, bool keepdim) {
  return t.argmax(dim, keepdim);
}
Tensor softmax(const Tensor& t, int64_t dim, c10::optional<ScalarType> dtype) {
  return t.softmax(dim, dtype);
}
Tensor log_softmax(const Tensor& t, int64_t dim,
                   c10::optional<ScalarType> dtype) {
  return t.log_softmax(dim, dtype);
}
bool equal(const Tensor& a, const Tensor& b) { return a.equal(b); }
bool allclose(const Tensor& a, const Tensor& b, double rtol, double atol,
              bool equal_nan) {
  return a.allclose(b, rtol, atol, equal_nan);
}

}  // namespace at
