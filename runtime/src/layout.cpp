// The memory layout of new results: LibTorch's TensorIterator gives an output
// it allocates the stride order of its inputs (reorder_dimensions, then
// compatible_stride in ATen/TensorIterator.cpp), and empty_like / clone / to
// under MemoryFormat::Preserve keep a dense tensor's strides or infer dense
// ones in its order (infer_dense_strides, ATen/TensorUtils.cpp). The layout
// is observable: reshape() views a result whose strides allow it and copies
// otherwise, contiguous() copies only a non-contiguous one.
#include <algorithm>
#include <utility>
#include <vector>

#include "kernels.h"

namespace torch_tidy {
namespace rt {

namespace {

// TensorIterator's comparison of two dims (as indices into the output
// shape): > 0 when dim0 should move inwards past dim1, < 0 when it should
// stay outside, 0 when no operand decides. Operands are asked in order; one
// that broadcasts in either dim has no opinion; equal strides are broken by
// size (the smaller dim goes inwards).
int should_swap(IntArrayRef shape, const std::vector<DimVector>& strides,
                int64_t dim0, int64_t dim1) {
  for (const DimVector& s : strides) {
    const int64_t s0 = s[dim0], s1 = s[dim1];
    if (s0 == 0 || s1 == 0) continue;
    if (s0 < s1) return -1;
    if (s0 > s1) return 1;
    if (shape[dim0] > shape[dim1]) return 1;
  }
  return 0;
}

// Dims from innermost to outermost: starts from the row-major order and
// insertion-sorts with ambiguous comparisons, as reorder_dimensions does.
std::vector<int64_t> innermost_first(IntArrayRef shape,
                                     const std::vector<DimVector>& strides) {
  const int64_t nd = int64_t(shape.size());
  std::vector<int64_t> perm;
  for (int64_t d = nd - 1; d >= 0; --d) perm.push_back(d);
  for (int64_t i = 1; i < nd; ++i) {
    int64_t dim1 = i;
    for (int64_t dim0 = i - 1; dim0 >= 0; --dim0) {
      const int c = should_swap(shape, strides, perm[dim0], perm[dim1]);
      if (c > 0) {
        std::swap(perm[dim0], perm[dim1]);
        dim1 = dim0;
      } else if (c < 0) {
        break;
      }
    }
  }
  return perm;
}

}  // namespace

bool is_non_overlapping_and_dense(const Tensor& t) {
  const c10::TensorImpl& impl = t.impl();
  const int64_t nd = int64_t(impl.sizes.size());
  std::vector<int64_t> perm;
  for (int64_t d = 0; d < nd; ++d) perm.push_back(d);
  std::sort(perm.begin(), perm.end(), [&](int64_t a, int64_t b) {
    if (impl.sizes[a] < 2) return false;
    if (impl.sizes[b] < 2) return true;
    return impl.strides[a] < impl.strides[b];
  });
  int64_t required = 1;
  for (int64_t d : perm) {
    if (impl.sizes[d] < 2) return true;
    if (impl.strides[d] != required) return false;
    required *= impl.sizes[d];
  }
  return true;
}

DimVector iterator_strides(IntArrayRef shape,
                           const std::vector<const Tensor*>& inputs) {
  std::vector<DimVector> strides;
  for (const Tensor* t : inputs)
    strides.push_back(broadcast_strides(*t, shape));
  DimVector out;
  out.assign(shape);
  int64_t next = 1;
  for (int64_t d : innermost_first(shape, strides)) {
    out[d] = next;
    next *= shape[d];
  }
  return out;
}

DimVector preserved_strides(const Tensor& t) {
  if (is_non_overlapping_and_dense(t)) return DimVector(t.strides());
  return iterator_strides(t.sizes(), {&t});
}

Tensor with_strides(const Tensor& r, IntArrayRef strides) {
  IntArrayRef current = r.strides();
  if (r.numel() < 2 || std::equal(current.begin(), current.end(),
                                  strides.begin(), strides.end()))
    return r;
  Tensor out = make_tensor(r.sizes(), r.scalar_type(), strides);
  raw_copy_into(out, r);
  return out;
}

Tensor iterator_layout(const Tensor& r,
                       const std::vector<const Tensor*>& inputs) {
  if (r.numel() < 2) return r;
  return with_strides(r, iterator_strides(r.sizes(), inputs));
}

}  // namespace rt
}  // namespace torch_tidy
