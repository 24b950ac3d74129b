// Runtime-private building blocks for ops: allocation honouring the current
// mode (inference tensors under InferenceMode), dtype dispatch, strided and
// broadcasting element loops. Nothing here touches autograd; ops compute with
// these helpers, then record their node (see autograd/record.h).
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/core/InferenceMode.h>

#include <cmath>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

namespace torch_tidy {
namespace rt {

using at::IntArrayRef;
using at::ScalarType;
using at::Tensor;
using c10::DimVector;

// Calls f(T{}) with T the C++ type of `t`.
template <typename F>
decltype(auto) dispatch(ScalarType t, F&& f) {
  switch (t) {
    case ScalarType::Bool:
      return f(bool{});
    case ScalarType::Long:
      return f(int64_t{});
    case ScalarType::Float:
      return f(float{});
    case ScalarType::Double:
      return f(double{});
  }
  return f(float{});
}

template <typename T>
constexpr ScalarType scalar_type_of() {
  if constexpr (std::is_same<T, bool>::value)
    return ScalarType::Bool;
  else if constexpr (std::is_same<T, int64_t>::value)
    return ScalarType::Long;
  else if constexpr (std::is_same<T, float>::value)
    return ScalarType::Float;
  else
    return ScalarType::Double;
}

DimVector contiguous_strides(IntArrayRef sizes);

// A new contiguous tensor with uninitialised data; an inference tensor when
// InferenceMode is enabled, otherwise a normal tensor with its own version
// counter.
Tensor make_tensor(IntArrayRef sizes, ScalarType dtype);
// The same with the given strides (storage for the elements they reach).
Tensor make_tensor(IntArrayRef sizes, ScalarType dtype, IntArrayRef strides);

// Layouts of new results (layout.cpp). iterator_strides: the strides
// TensorIterator gives an output of `shape` it allocates for these inputs
// (dense, in the inputs' stride order; contiguous when no input decides).
// preserved_strides: MemoryFormat::Preserve (empty_like, clone, to).
// iterator_layout: `r` (a fresh contiguous result) copied into the layout
// TensorIterator would have given it; `r` itself when that is its own.
DimVector iterator_strides(IntArrayRef shape,
                           const std::vector<const Tensor*>& inputs);
DimVector preserved_strides(const Tensor& t);
bool is_non_overlapping_and_dense(const Tensor& t);
Tensor with_strides(const Tensor& r, IntArrayRef strides);
Tensor iterator_layout(const Tensor& r,
                       const std::vector<const Tensor*>& inputs);

// A tensor sharing `base`'s storage and version counter (see Note [Version
// counter sharing]); an inference tensor exactly when `base` is one.
// LibTorch's memory-overlap checks of an op writing `out` (TensorIterator,
// ATen/MemoryOverlap.cpp): no element of `out` written twice, no input that
// partly overlaps it (the same elements are fine: x.mul_(x)).
void assert_no_overlap_for_write(const Tensor& out,
                                 std::initializer_list<const Tensor*> inputs,
                                 bool internal = true);

// LibTorch's _unsafe_view: `t` (a fresh contiguous result) under a new
// shape, recorded as UnsafeViewBackward0; not a view of anything.
Tensor unsafe_view(const Tensor& t, IntArrayRef sizes);

Tensor make_view(const Tensor& base, IntArrayRef sizes, IntArrayRef strides,
                 int64_t storage_offset);

int64_t wrap_dim(int64_t dim, int64_t ndim);

// The storage index (in elements) of element `i`, in row-major logical
// order, of `t` (from its sizes, strides and storage offset).
int64_t element_offset(const c10::TensorImpl& t, int64_t i);

// Reads element `i` (in row-major logical order) of any tensor as double.
double read_double(const Tensor& t, int64_t linear_index);

// Calls f(offset) with the storage offset (in elements, relative to the data
// pointer) of every element of a tensor with these sizes/strides, in
// row-major order.
template <typename F>
void for_each_offset(IntArrayRef sizes, IntArrayRef strides, F&& f) {
  const std::size_t nd = sizes.size();
  int64_t n = 1;
  for (auto s : sizes) n *= s;
  if (n == 0) return;
  if (nd == 0) {
    f(int64_t(0));
    return;
  }
  int64_t idx[DimVector::kMaxDims] = {0};
  int64_t off = 0;
  const int64_t inner = sizes[nd - 1], inner_stride = strides[nd - 1];
  for (int64_t done = 0; done < n; done += inner) {
    for (int64_t j = 0; j < inner; ++j) f(off + j * inner_stride);
    // Advance the outer dims.
    for (int64_t d = int64_t(nd) - 2; d >= 0; --d) {
      if (++idx[d] < sizes[d]) {
        off += strides[d];
        break;
      }
      off -= strides[d] * (sizes[d] - 1);
      idx[d] = 0;
    }
  }
}

// Two-operand version: offsets into two tensors of the same logical shape
// (strides may be 0 for broadcast dims).
template <typename F>
void for_each_offset2(IntArrayRef sizes, IntArrayRef sa, IntArrayRef sb,
                      F&& f) {
  const std::size_t nd = sizes.size();
  int64_t n = 1;
  for (auto s : sizes) n *= s;
  if (n == 0) return;
  if (nd == 0) {
    f(int64_t(0), int64_t(0));
    return;
  }
  int64_t idx[DimVector::kMaxDims] = {0};
  int64_t oa = 0, ob = 0;
  const int64_t inner = sizes[nd - 1], ia = sa[nd - 1], ib = sb[nd - 1];
  for (int64_t done = 0; done < n; done += inner) {
    for (int64_t j = 0; j < inner; ++j) f(oa + j * ia, ob + j * ib);
    for (int64_t d = int64_t(nd) - 2; d >= 0; --d) {
      if (++idx[d] < sizes[d]) {
        oa += sa[d];
        ob += sb[d];
        break;
      }
      oa -= sa[d] * (sizes[d] - 1);
      ob -= sb[d] * (sizes[d] - 1);
      idx[d] = 0;
    }
  }
}

// Broadcast shape of two shapes (LibTorch's rules), or throws.
DimVector broadcast_shapes(IntArrayRef a, IntArrayRef b);
// Strides of `t` seen with shape `out` (0 on broadcast dims).
DimVector broadcast_strides(const Tensor& t, IntArrayRef out);

// Dtype of a binary op's result (LibTorch's promotion: category first, then
// width; zero-dim tensors and scalars only raise the category).
ScalarType result_type(const Tensor& a, const Tensor& b);
// Promotion of two dtypes regardless of dims (category, then width).
ScalarType promote_types(ScalarType a, ScalarType b);
ScalarType result_type(const Tensor& a, const at::Scalar& b);

// Applies integer / slice / ellipsis indices as views. A tensor index is
// only accepted alone and when `tensor_index` is given: it is returned there
// and `t` itself is returned. With `skip_full_slices`, a slice of a whole
// dimension (0 to its length, step 1) is no view at all (applySlice).
Tensor index_view(const Tensor& t,
                  at::ArrayRef<at::indexing::TensorIndex> indices,
                  Tensor* tensor_index, bool skip_full_slices = false);

// Converts without autograd (raw copy) when the dtype differs.
Tensor raw_to(const Tensor& t, ScalarType dtype);
// A contiguous raw copy (no autograd, new version counter).
Tensor raw_contiguous(const Tensor& t);
// Copies values of `src` (broadcast to dst's shape, any dtype) into `dst`.
void raw_copy_into(const Tensor& dst, const Tensor& src);
// A zero-dim tensor holding `s` in `dtype` (no autograd).
Tensor scalar_tensor(const at::Scalar& s, ScalarType dtype);

// Sum over `dims` (raw, no autograd), in the tensor's dtype (bool -> long).
Tensor raw_sum(const Tensor& t, IntArrayRef dims, bool keepdim);
// Reduces a broadcast gradient back to `shape` (sums the broadcast dims).
Tensor sum_to(const Tensor& grad, IntArrayRef shape);

// out[i] = f(a[i], b[i]) with broadcasting; a and b must already have
// dtype In; the result has dtype Out.
template <typename In, typename Out, typename F>
Tensor binary_kernel(const Tensor& a, const Tensor& b, F&& f) {
  DimVector shape = broadcast_shapes(a.sizes(), b.sizes());
  Tensor out = make_tensor(shape, scalar_type_of<Out>());
  Out* o = static_cast<Out*>(out.impl().data_bytes());
  const In* pa = static_cast<const In*>(a.impl().data_bytes());
  const In* pb = static_cast<const In*>(b.impl().data_bytes());
  if (a.is_contiguous() && b.is_contiguous() && a.sizes() == b.sizes()) {
    const int64_t n = out.numel();
    for (int64_t i = 0; i < n; ++i) o[i] = static_cast<Out>(f(pa[i], pb[i]));
    return out;
  }
  DimVector sa = broadcast_strides(a, shape), sb = broadcast_strides(b, shape);
  int64_t i = 0;
  for_each_offset2(shape, sa, sb, [&](int64_t oa, int64_t ob) {
    o[i++] = static_cast<Out>(f(pa[oa], pb[ob]));
  });
  return out;
}

// out[i] = f(a[i]); a must have dtype In.
template <typename In, typename Out, typename F>
Tensor unary_kernel(const Tensor& a, F&& f) {
  Tensor out = make_tensor(a.sizes(), scalar_type_of<Out>());
  Out* o = static_cast<Out*>(out.impl().data_bytes());
  const In* pa = static_cast<const In*>(a.impl().data_bytes());
  if (a.is_contiguous()) {
    const int64_t n = out.numel();
    for (int64_t i = 0; i < n; ++i) o[i] = static_cast<Out>(f(pa[i]));
    return out;
  }
  int64_t i = 0;
  for_each_offset(a.sizes(), a.strides(),
                  [&](int64_t oa) { o[i++] = static_cast<Out>(f(pa[oa])); });
  return out;
}

}  // namespace rt
}  // namespace torch_tidy
