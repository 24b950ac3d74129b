// TensorImpl and the raw (autograd-free) helpers of kernels.h.
#include <c10/core/TensorImpl.h>
#include <torch/csrc/autograd/variable.h>

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "kernels.h"

namespace c10 {

TensorImpl::TensorImpl() = default;
TensorImpl::~TensorImpl() = default;

bool TensorImpl::is_contiguous() const {
  int64_t expected = 1;
  for (int64_t d = int64_t(sizes.size()) - 1; d >= 0; --d) {
    if (sizes[d] == 1) continue;
    if (strides[d] != expected) return false;
    expected *= sizes[d];
  }
  return true;
}

torch::autograd::AutogradMeta& TensorImpl::meta() {
  if (!autograd_meta)
    autograd_meta = std::make_unique<torch::autograd::AutogradMeta>();
  return *autograd_meta;
}

bool TensorImpl::requires_grad() const {
  if (autograd_meta && (autograd_meta->requires_grad || autograd_meta->grad_fn))
    return true;
  // A differentiable view requires grad when its base does, even when it was
  // made under NoGradGuard (it then has no grad_fn and is a leaf).
  return differentiable_view && view_base && view_base->requires_grad();
}

}  // namespace c10

namespace torch_tidy {
namespace rt {

DimVector contiguous_strides(IntArrayRef sizes) {
  DimVector strides;
  strides.assign(sizes);
  int64_t s = 1;
  for (int64_t d = int64_t(sizes.size()) - 1; d >= 0; --d) {
    strides[d] = s;
    s *= std::max<int64_t>(sizes[d], 1);
  }
  return strides;
}

Tensor make_tensor(IntArrayRef sizes, ScalarType dtype) {
  return make_tensor(sizes, dtype, contiguous_strides(sizes));
}

Tensor make_tensor(IntArrayRef sizes, ScalarType dtype, IntArrayRef strides) {
  auto impl = std::make_shared<c10::TensorImpl>();
  impl->sizes.assign(sizes);
  for (auto s : sizes)
    TORCH_CHECK(s >= 0, "Trying to create tensor with negative dimension ", s,
                ": ", sizes);
  impl->strides.assign(strides);
  impl->dtype = dtype;
  int64_t elements = impl->numel() ? 1 : 0;
  for (std::size_t d = 0; d < sizes.size() && elements; ++d)
    elements += (sizes[d] - 1) * strides[d];
  impl->storage = std::make_shared<c10::StorageImpl>(std::size_t(elements) *
                                                     c10::elementSize(dtype));
  if (c10::InferenceMode::is_enabled()) {
    impl->is_inference = true;
  } else {
    impl->version_counter = std::make_shared<c10::VersionCounter>();
  }
  return Tensor(std::move(impl));
}

Tensor make_view(const Tensor& base, IntArrayRef sizes, IntArrayRef strides,
                 int64_t storage_offset) {
  auto impl = std::make_shared<c10::TensorImpl>();
  const c10::TensorImpl& b = base.impl();
  impl->storage = b.storage;
  impl->sizes.assign(sizes);
  impl->strides.assign(strides);
  impl->storage_offset = storage_offset;
  impl->dtype = b.dtype;
  impl->version_counter = b.version_counter;
  impl->is_inference = b.is_inference;
  // LibTorch 1.13 makes no view of an inference tensor (is_view() is false,
  // inside InferenceMode or out): the result shares the storage only.
  if (!b.is_inference)
    impl->view_base = b.view_base ? b.view_base : base.impl_ptr();
  return Tensor(std::move(impl));
}

namespace {

// Strides that are a permutation of contiguous ones (size-1 dims ignored).
bool non_overlapping_and_dense(const c10::TensorImpl& t) {
  std::vector<std::pair<int64_t, int64_t>> dims;  // (stride, size)
  for (std::size_t d = 0; d < t.sizes.size(); ++d)
    if (t.sizes[d] != 1) dims.push_back({t.strides[d], t.sizes[d]});
  std::sort(dims.begin(), dims.end());
  int64_t expected = 1;
  for (const auto& [stride, size] : dims) {
    if (stride != expected) return false;
    expected *= size;
  }
  return true;
}

bool internal_overlap(const c10::TensorImpl& t) {
  if (non_overlapping_and_dense(t)) return false;
  for (std::size_t d = 0; d < t.sizes.size(); ++d)
    if (t.strides[d] == 0 && t.sizes[d] > 1) return true;
  return false;  // LibTorch's TOO_HARD: not refused
}

bool partial_overlap(const c10::TensorImpl& a, const c10::TensorImpl& b) {
  if (&a == &b || a.numel() == 0 || b.numel() == 0) return false;
  if (!non_overlapping_and_dense(a) || !non_overlapping_and_dense(b))
    return false;
  if (a.storage != b.storage) return false;
  const char* a_begin = static_cast<const char*>(a.data_bytes());
  const char* b_begin = static_cast<const char*>(b.data_bytes());
  const char* a_end = a_begin + a.numel() * int64_t(elementSize(a.dtype));
  const char* b_end = b_begin + b.numel() * int64_t(elementSize(b.dtype));
  if (a_begin == b_begin && a_end == b_end)
    return a.strides.ref() != b.strides.ref();
  return a_begin < b_end && b_begin < a_end;
}

}  // namespace

void assert_no_overlap_for_write(const Tensor& out,
                                 std::initializer_list<const Tensor*> inputs,
                                 bool internal) {
  TORCH_CHECK(!internal || !internal_overlap(out.impl()),
              "unsupported operation: more than one element of the written-to "
              "tensor refers to a single memory location. Please clone() the "
              "tensor before performing the operation.");
  for (const Tensor* in : inputs)
    TORCH_CHECK(
        !in || !in->defined() || !partial_overlap(out.impl(), in->impl()),
        "unsupported operation: some elements of the input tensor and "
        "the written-to tensor refer to a single memory location. "
        "Please clone() the tensor before performing the operation.");
}

int64_t wrap_dim(int64_t dim, int64_t ndim) {
  const int64_t n = std::max<int64_t>(ndim, 1);
  TORCH_CHECK_INDEX(dim >= -n && dim < n,
                    "Dimension out of range (expected to be in range of [", -n,
                    ", ", n - 1, "], but got ", dim, ")");
  return dim < 0 ? dim + n : dim;
}

int64_t element_offset(const c10::TensorImpl& t, int64_t i) {
  int64_t off = t.storage_offset, rem = i;
  for (int64_t d = int64_t(t.sizes.size()) - 1; d >= 0; --d) {
    off += (rem % t.sizes[d]) * t.strides[d];
    rem /= t.sizes[d];
  }
  return off;
}

double read_double(const Tensor& t, int64_t linear_index) {
  const c10::TensorImpl& impl = t.impl();
  return dispatch(impl.dtype, [&](auto tag) {
    using T = decltype(tag);
    const T* base = static_cast<const T*>(
        static_cast<const void*>(impl.storage->data.get()));
    return static_cast<double>(base[element_offset(impl, linear_index)]);
  });
}

DimVector broadcast_shapes(IntArrayRef a, IntArrayRef b) {
  const std::size_t n = std::max(a.size(), b.size());
  DimVector out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(1);
  // From the last dim, as LibTorch's infer_size reports the first mismatch.
  for (std::size_t i = n; i-- > 0;) {
    const int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    const int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    TORCH_CHECK(da == db || da == 1 || db == 1, "The size of tensor a (", da,
                ") must match the size of tensor b (", db,
                ") at non-singleton dimension ", i);
    out[i] = da == 1 ? db : da;
  }
  return out;
}

DimVector broadcast_strides(const Tensor& t, IntArrayRef out) {
  DimVector s;
  const std::size_t n = out.size(), k = t.impl().sizes.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (i < n - k) {
      s.push_back(0);
      continue;
    }
    const std::size_t j = i - (n - k);
    s.push_back(t.impl().sizes[j] == 1 && out[i] != 1 ? 0
                                                      : t.impl().strides[j]);
  }
  return s;
}

namespace {
int category(ScalarType t) {
  return t == ScalarType::Bool ? 0 : t == ScalarType::Long ? 1 : 2;
}
}  // namespace

ScalarType promote_types(ScalarType ta, ScalarType tb) {
  if (category(ta) != category(tb))
    return category(ta) > category(tb) ? ta : tb;
  return c10::elementSize(ta) >= c10::elementSize(tb) ? ta : tb;
}

ScalarType result_type(const Tensor& a, const Tensor& b) {
  const ScalarType ta = a.scalar_type(), tb = b.scalar_type();
  if (ta == tb) return ta;
  const bool za = a.dim() == 0, zb = b.dim() == 0;
  if (za == zb) return promote_types(ta, tb);
  // A zero-dim operand only matters when it is of a higher category.
  const ScalarType dimmed = za ? tb : ta, zero = za ? ta : tb;
  // (Its own dtype: only wrapped numbers fall back to the default dtype.)
  if (category(zero) > category(dimmed)) return zero;
  return dimmed;
}

ScalarType result_type(const Tensor& a, const at::Scalar& b) {
  const ScalarType ta = a.scalar_type();
  const int cb = b.isFloatingPoint() ? 2 : b.isBoolean() ? 0 : 1;
  if (cb > category(ta)) return cb == 2 ? ScalarType::Float : ScalarType::Long;
  return ta;
}

void raw_copy_into(const Tensor& dst, const Tensor& src) {
  DimVector shape = dst.impl().sizes;
  DimVector ss = broadcast_strides(src, shape);
  dispatch(dst.scalar_type(), [&](auto dtag) {
    using D = decltype(dtag);
    D* pd = static_cast<D*>(dst.impl().data_bytes());
    dispatch(src.scalar_type(), [&](auto stag) {
      using S = decltype(stag);
      const S* ps = static_cast<const S*>(src.impl().data_bytes());
      for_each_offset2(
          shape, dst.impl().strides, ss,
          [&](int64_t od, int64_t os) { pd[od] = static_cast<D>(ps[os]); });
    });
  });
}

Tensor raw_to(const Tensor& t, ScalarType dtype) {
  if (t.scalar_type() == dtype) return t;
  Tensor out = make_tensor(t.sizes(), dtype, preserved_strides(t));
  raw_copy_into(out, t);
  return out;
}

Tensor raw_contiguous(const Tensor& t) {
  Tensor out = make_tensor(t.sizes(), t.scalar_type());
  if (t.is_contiguous()) {
    std::memcpy(out.impl().data_bytes(), t.impl().data_bytes(),
                std::size_t(t.numel()) * t.element_size());
  } else {
    raw_copy_into(out, t);
  }
  return out;
}

Tensor scalar_tensor(const at::Scalar& s, ScalarType dtype) {
  Tensor out = make_tensor({}, dtype);
  dispatch(dtype, [&](auto tag) {
    using T = decltype(tag);
    *static_cast<T*>(out.impl().data_bytes()) = s.to<T>();
  });
  return out;
}

}  // namespace rt
}  // namespace torch_tidy
