// View ops: results share storage and the version counter with their base
// (see Note [Version counter sharing]). Their backward applies the same view
// to a zero tensor of the base's shape and writes the gradient through it.
#include <ATen/Functions.h>
#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/variable.h>
#include <torch_tidy/messages.h>

#include <algorithm>
#include <functional>
#include <numeric>
#include <stdexcept>

#include "autograd/record.h"
#include "kernels.h"

namespace at {

using namespace torch_tidy::rt;  // NOLINT: runtime-internal helpers

namespace {

Tensor record_view(const torch_tidy::ops::OpInfo* op, const Tensor& self,
                   Tensor view, BackwardFn bw) {
  c10::TensorImpl& v = view.impl();
  const c10::TensorImpl& s = self.impl();
  v.differentiable_view = v.view_base != nullptr;
  // A view of such a view inherits how it was made (propagate_creation_meta).
  v.view_created_in_inference =
      c10::InferenceMode::is_enabled() ||
      (s.differentiable_view && s.view_created_in_inference);
  v.view_created_in_no_grad =
      !c10::GradMode::is_enabled() ||
      (s.differentiable_view && s.view_created_in_no_grad);
  record(op, {&self}, view, std::move(bw));
  if (v.version_counter) v.meta().attr_version = v.version_counter->version;
  return view;
}

// LibTorch's computeStride: strides for viewing `t` as `shape`, or empty.
bool compute_view_strides(const Tensor& t, IntArrayRef shape, DimVector& out) {
  IntArrayRef old_sizes = t.sizes(), old_strides = t.strides();
  out.assign(shape);
  if (t.numel() == 0 || old_sizes.empty()) {
    out = contiguous_strides(shape);
    return true;
  }
  int64_t view_d = int64_t(shape.size()) - 1;
  int64_t chunk_base_stride = old_strides.back();
  int64_t tensor_numel = 1, view_numel = 1;
  for (int64_t d = int64_t(old_sizes.size()) - 1; d >= 0; --d) {
    tensor_numel *= old_sizes[d];
    if (d == 0 || (old_sizes[d - 1] != 1 &&
                   old_strides[d - 1] != tensor_numel * chunk_base_stride)) {
      while (view_d >= 0 && (view_numel < tensor_numel || shape[view_d] == 1)) {
        out[view_d] = view_numel * chunk_base_stride;
        view_numel *= shape[view_d];
        --view_d;
      }
      if (view_numel != tensor_numel) return false;
      if (d > 0) {
        chunk_base_stride = old_strides[d - 1];
        tensor_numel = 1;
        view_numel = 1;
      }
    }
  }
  return view_d == -1;
}

DimVector infer_size(IntArrayRef shape, int64_t numel) {
  DimVector out(shape);
  int64_t known = 1, infer = -1;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1) {
      TORCH_CHECK(infer < 0, "only one dimension can be inferred");
      infer = int64_t(i);
    } else {
      TORCH_CHECK(shape[i] >= 0, "invalid shape dimension ", shape[i]);
      known *= shape[i];
    }
  }
  // LibTorch raises these as plain std::runtime_error.
  const bool ok =
      infer >= 0 ? known != 0 && numel % known == 0 : known == numel;
  if (!ok)
    throw std::runtime_error(c10::detail::str(
        "shape '", shape, "' is invalid for input of size ", numel));
  if (infer >= 0) out[infer] = numel / known;
  return out;
}

Tensor raw_view(const Tensor& t, IntArrayRef shape) {
  DimVector sizes = infer_size(shape, t.numel());
  DimVector strides;
  TORCH_CHECK(compute_view_strides(t, sizes, strides),
              "view size is not compatible with input tensor's size and "
              "stride (at least one dimension spans across two contiguous "
              "subspaces). Use .reshape(...) instead.");
  return make_view(t, sizes, strides, t.storage_offset());
}

BackwardFn reshape_backward(IntArrayRef sizes) {
  DimVector s(sizes);
  return [s](const Tensor& g, const Saved&) -> variable_list {
    return {g.reshape(s)};
  };
}

}  // namespace

}  // namespace at

namespace torch_tidy {
namespace rt {

Tensor unsafe_view(const Tensor& t, IntArrayRef sizes) {
  DimVector sizes_out = at::infer_size(sizes, t.numel());
  Tensor r = make_view(t, sizes_out, contiguous_strides(sizes_out),
                       t.storage_offset());
  r.impl().view_base.reset();
  record(TT_OP("_unsafe_view", ""), {&t}, r, at::reshape_backward(t.sizes()));
  return r;
}

}  // namespace rt
}  // namespace torch_tidy

namespace at {

Tensor Tensor::view(IntArrayRef size) const {
  return record_view(TT_OP("view", ""), *this, raw_view(*this, size),
                     reshape_backward(sizes()));
}

Tensor Tensor::reshape(IntArrayRef size) const {
  DimVector sizes_out = infer_size(size, numel());
  DimVector strides;
  if (compute_view_strides(*this, sizes_out, strides))
    return record_view(TT_OP("reshape", ""), *this,
                       make_view(*this, sizes_out, strides, storage_offset()),
                       reshape_backward(sizes()));
  return unsafe_view(clone(MemoryFormat::Contiguous), sizes_out);
}

Tensor Tensor::flatten(int64_t start_dim, int64_t end_dim) const {
  if (dim() == 0) return reshape({1});
  start_dim = wrap_dim(start_dim, dim());
  end_dim = wrap_dim(end_dim, dim());
  TORCH_CHECK(
      start_dim <= end_dim,
      "flatten() has invalid args: start_dim cannot come after end_dim");
  if (start_dim == end_dim) return *this;
  DimVector shape;
  for (int64_t d = 0; d < start_dim; ++d) shape.push_back(size(d));
  int64_t n = 1;
  for (int64_t d = start_dim; d <= end_dim; ++d) n *= size(d);
  shape.push_back(n);
  for (int64_t d = end_dim + 1; d < dim(); ++d) shape.push_back(size(d));
  return reshape(shape);
}

namespace {
Tensor raw_slice(const Tensor& t, int64_t dim, c10::optional<int64_t> start,
                 c10::optional<int64_t> end, int64_t step) {
  TORCH_CHECK(t.dim() > 0, "slice() cannot be applied to a 0-dim tensor.");
  dim = wrap_dim(dim, t.dim());
  TORCH_CHECK(step > 0, "slice step must be positive");
  const int64_t n = t.size(dim);
  int64_t s = start.value_or(0), e = end.value_or(n);
  if (s < 0) s += n;
  if (e < 0) e += n;
  s = std::min(std::max<int64_t>(s, 0), n);
  e = std::min(std::max<int64_t>(e, s), n);
  DimVector sizes = t.impl().sizes, strides = t.impl().strides;
  sizes[dim] = (e - s + step - 1) / step;
  strides[dim] *= step;
  return make_view(t, sizes, strides, t.storage_offset() + s * t.stride(dim));
}

Tensor raw_select(const Tensor& t, int64_t dim, int64_t index) {
  TORCH_CHECK(t.dim() > 0, "select() cannot be applied to a 0-dim tensor.");
  dim = wrap_dim(dim, t.dim());
  const int64_t n = t.size(dim);
  TORCH_CHECK_INDEX(index >= -n && index < n, "select(): index ", index,
                    " out of range for tensor of size ", t.sizes(),
                    " at dimension ", dim);
  if (index < 0) index += n;
  DimVector sizes = t.impl().sizes, strides = t.impl().strides;
  sizes.erase(dim);
  strides.erase(dim);
  return make_view(t, sizes, strides,
                   t.storage_offset() + index * t.stride(dim));
}

Tensor raw_permute(const Tensor& t, IntArrayRef dims) {
  TORCH_CHECK(int64_t(dims.size()) == t.dim(),
              "permute(sparse_coo): number of dimensions in the tensor input "
              "does not match the length of the desired ordering of dimensions "
              "i.e. input.dim() = ",
              t.dim(), " is not equal to len(dims) = ", dims.size());
  DimVector sizes, strides;
  for (int64_t d : dims) {
    d = wrap_dim(d, t.dim());
    sizes.push_back(t.size(d));
    strides.push_back(t.stride(d));
  }
  return make_view(t, sizes, strides, t.storage_offset());
}

Tensor raw_transpose(const Tensor& t, int64_t d0, int64_t d1) {
  if (t.dim() == 0) return make_view(t, {}, {}, t.storage_offset());
  d0 = wrap_dim(d0, t.dim());
  d1 = wrap_dim(d1, t.dim());
  DimVector sizes = t.impl().sizes, strides = t.impl().strides;
  std::swap(sizes[d0], sizes[d1]);
  std::swap(strides[d0], strides[d1]);
  return make_view(t, sizes, strides, t.storage_offset());
}

// `t` without dimension d when its size is 1, else `t` as it is (a 0-dim
// tensor too, whatever d).
Tensor raw_squeeze(const Tensor& t, int64_t d) {
  DimVector sizes = t.impl().sizes, strides = t.impl().strides;
  if (t.dim() > 0) {
    d = wrap_dim(d, t.dim());
    if (t.size(d) == 1) {
      sizes.erase(d);
      strides.erase(d);
    }
  }
  return make_view(t, sizes, strides, t.storage_offset());
}

// `t` with a new dimension of size 1 at d (of dim() + 1 positions).
Tensor raw_unsqueeze(const Tensor& t, int64_t d) {
  d = wrap_dim(d, t.dim() + 1);
  DimVector sizes = t.impl().sizes, strides = t.impl().strides;
  const int64_t st = d < t.dim() ? t.size(d) * t.stride(d) : 1;
  sizes.insert(d, 1);
  strides.insert(d, st);
  return make_view(t, sizes, strides, t.storage_offset());
}

// slice_backward / select_backward: g scattered into zeros of the base's
// shape through the view `into` takes. Ops of their own in LibTorch; under
// create_graph they record `op` (SliceBackwardBackward0 /
// SelectBackwardBackward0), whose gradient takes the same view (`again`) of
// the incoming gradient.
using ViewFn = std::function<Tensor(const Tensor&)>;
Tensor scatter_into_base(const torch_tidy::ops::OpInfo* op, const Tensor& g,
                         IntArrayRef sizes, const ViewFn& into, ViewFn again) {
  Tensor z = zeros(sizes, TensorOptions(g.scalar_type()));
  raw_copy_into(into(z), g);
  record(op, {&g}, z,
         [again = std::move(again)](const Tensor& gg, const Saved&)
             -> variable_list { return {again(gg)}; });
  return z;
}

}  // namespace

Tensor Tensor::slice(int64_t dim, c10::optional<int64_t> start,
                     c10::optional<int64_t> end, int64_t step) const {
  DimVector in(sizes());
  return record_view(
      TT_OP("slice", ""), *this, raw_slice(*this, dim, start, end, step),
      [=](const Tensor& g, const Saved&) -> variable_list {
        return {scatter_into_base(
            TT_OP("slice_backward", ""), g, in,
            [=](const Tensor& z) {
              return raw_slice(z, dim, start, end, step);
            },
            [=](const Tensor& gg) { return gg.slice(dim, start, end, step); })};
      });
}

Tensor Tensor::narrow(int64_t dim, int64_t start, int64_t length) const {
  TORCH_CHECK(length >= 0, "narrow(): length must be non-negative.");
  const int64_t n = size(dim);
  if (start < 0) start += n;
  TORCH_CHECK(start >= 0 && start + length <= n, "start (", start,
              ") + length (", length, ") exceeds dimension size (", n, ").");
  return slice(dim, start, start + length);
}

Tensor Tensor::select(int64_t dim, int64_t index) const {
  DimVector in(sizes());
  return record_view(
      TT_OP("select", ""), *this, raw_select(*this, dim, index),
      [=](const Tensor& g, const Saved&) -> variable_list {
        return {scatter_into_base(
            TT_OP("select_backward", ""), g, in,
            [=](const Tensor& z) { return raw_select(z, dim, index); },
            [=](const Tensor& gg) { return gg.select(dim, index); })};
      });
}

Tensor Tensor::transpose(int64_t d0, int64_t d1) const {
  return record_view(TT_OP("transpose", ""), *this,
                     raw_transpose(*this, d0, d1),
                     [d0, d1](const Tensor& g, const Saved&) -> variable_list {
                       return {g.transpose(d0, d1)};
                     });
}

Tensor Tensor::t() const {
  TORCH_CHECK(dim() <= 2,
              "t() expects a tensor with <= 2 dimensions, but self is ", dim(),
              "D");
  return record_view(
      TT_OP("t", ""), *this, raw_transpose(*this, 0, dim() < 2 ? 0 : 1),
      [](const Tensor& g, const Saved&) -> variable_list { return {g.t()}; });
}

Tensor Tensor::permute(IntArrayRef dims) const {
  DimVector inverse(dims);
  for (std::size_t i = 0; i < dims.size(); ++i)
    inverse[wrap_dim(dims[i], dim())] = int64_t(i);
  return record_view(TT_OP("permute", ""), *this, raw_permute(*this, dims),
                     [inverse](const Tensor& g, const Saved&) -> variable_list {
                       return {g.permute(inverse)};
                     });
}

// LibTorch's gradients: unsqueeze's is grad.squeeze(d) (SqueezeBackward1
// under create_graph); squeeze's is unsqueeze_to(grad, ...), which
// unsqueezes the dims that were 1 (UnsqueezeBackward0).
Tensor Tensor::unsqueeze(int64_t d) const {
  const int64_t wrapped = wrap_dim(d, dim() + 1);
  return record_view(TT_OP("unsqueeze", ""), *this, raw_unsqueeze(*this, d),
                     [wrapped](const Tensor& g, const Saved&) -> variable_list {
                       return {g.squeeze(wrapped)};
                     });
}

namespace {
BackwardFn unsqueeze_to(IntArrayRef sizes, c10::optional<int64_t> only) {
  DimVector in(sizes);
  return [in, only](const Tensor& g, const Saved&) -> variable_list {
    Tensor r = g;
    for (int64_t d = 0; d < int64_t(in.size()); ++d)
      if (in[d] == 1 && (!only || *only == d)) r = r.unsqueeze(d);
    return {r};
  };
}
}  // namespace

Tensor Tensor::squeeze() const {
  DimVector sizes_out, strides_out;
  for (int64_t d = 0; d < dim(); ++d) {
    if (size(d) == 1) continue;
    sizes_out.push_back(size(d));
    strides_out.push_back(stride(d));
  }
  return record_view(TT_OP("squeeze", ""), *this,
                     make_view(*this, sizes_out, strides_out, storage_offset()),
                     unsqueeze_to(sizes(), c10::nullopt));
}

Tensor Tensor::squeeze(int64_t d) const {
  return record_view(TT_OP("squeeze", "dim"), *this, raw_squeeze(*this, d),
                     unsqueeze_to(sizes(), dim() ? wrap_dim(d, dim()) : 0));
}

namespace {

// An in-place change of shape (squeeze_, unsqueeze_, transpose_, t_), as
// LibTorch: the leaf and no-grad-view checks first, then the op's own checks
// and new sizes and strides (those of the out-of-place view `reshaped()`
// returns), a version bump, and a node even when nothing changed.
template <typename Reshape>
Tensor& restride_inplace(const Tensor& self, const torch_tidy::ops::OpInfo* op,
                         Reshape reshaped, BackwardFn backward) {
  check_inplace(self);
  const Tensor shaped = reshaped();
  c10::TensorImpl& i = self.impl();
  i.sizes = shaped.impl().sizes;
  i.strides = shaped.impl().strides;
  bump_version(self);
  if (self.requires_grad() && recording_enabled()) {
    auto node = std::make_shared<OpNode>(op, std::move(backward));
    node->next_edges_.push_back(torch::autograd::gradient_edge(self));
    node->set_input_metadata(self);
    i.meta().grad_fn = node;
    i.meta().output_nr = 0;
  }
  return const_cast<Tensor&>(self);
}

}  // namespace

// SqueezeBackward3 even when no dimension goes away.
Tensor& Tensor::squeeze_(int64_t d) const {
  return restride_inplace(
      *this, TT_OP("squeeze_", "dim"), [&] { return raw_squeeze(*this, d); },
      reshape_backward(sizes()));
}

Tensor& Tensor::unsqueeze_(int64_t d) const {
  // g has the new dimension, so d wraps the same way for it.
  return restride_inplace(
      *this, TT_OP("unsqueeze_", ""), [&] { return raw_unsqueeze(*this, d); },
      [d](const Tensor& g, const Saved&) -> variable_list {
        return {g.squeeze(d)};
      });
}

Tensor& Tensor::transpose_(int64_t d0, int64_t d1) const {
  return restride_inplace(
      *this, TT_OP("transpose_", ""),
      [&] { return raw_transpose(*this, d0, d1); },
      [d0, d1](const Tensor& g, const Saved&) -> variable_list {
        return {g.transpose(d0, d1)};
      });
}

Tensor& Tensor::t_() const {
  return restride_inplace(
      *this, TT_OP("t_", ""),
      [&] {
        TORCH_CHECK(dim() <= 2,
                    "t_() expects a tensor with <= 2 dimensions, but self is ",
                    dim(), "D");
        return raw_transpose(*this, 0, dim() < 2 ? 0 : 1);
      },
      [](const Tensor& g, const Saved&) -> variable_list { return {g.t()}; });
}

Tensor Tensor::expand(IntArrayRef size) const {
  TORCH_CHECK(int64_t(size.size()) >= dim(), "expand(", toString(), "{",
              sizes(), "}, size=", size, "): the number of sizes provided (",
              size.size(), ") ",
              "must be greater or equal to the number of dimensions in the "
              "tensor (",
              dim(), ")");
  DimVector sizes_out, strides_out;
  const int64_t lead = int64_t(size.size()) - dim();
  for (int64_t i = 0; i < int64_t(size.size()); ++i) {
    const int64_t d = i - lead;
    if (d < 0) {
      TORCH_CHECK(size[i] >= 0,
                  "The expanded size of the tensor (-1) isn't allowed in a "
                  "leading, non-existing dimension ",
                  i);
      sizes_out.push_back(size[i]);
      strides_out.push_back(0);
      continue;
    }
    const int64_t target = size[i] == -1 ? this->size(d) : size[i];
    if (this->size(d) == target) {
      sizes_out.push_back(target);
      strides_out.push_back(stride(d));
    } else {
      TORCH_CHECK(this->size(d) == 1, "The expanded size of the tensor (",
                  target, ") must match the existing size (", this->size(d),
                  ") at non-singleton dimension ", i, ".  Target sizes: ", size,
                  ".  Tensor sizes: ", sizes());
      sizes_out.push_back(target);
      strides_out.push_back(0);
    }
  }
  DimVector in(sizes());
  return record_view(TT_OP("expand", ""), *this,
                     make_view(*this, sizes_out, strides_out, storage_offset()),
                     [in](const Tensor& g, const Saved&) -> variable_list {
                       return {sum_to(g, in)};
                     });
}

}  // namespace at

namespace torch_tidy {
namespace rt {

Tensor index_view(const Tensor& t,
                  at::ArrayRef<at::indexing::TensorIndex> indices,
                  Tensor* tensor_index, bool skip_full_slices) {
  using at::indexing::TensorIndex;
  Tensor r = t;
  int64_t d = 0, remaining = int64_t(indices.size());
  for (const TensorIndex& i : indices) {
    --remaining;
    switch (i.kind()) {
      case TensorIndex::Kind::Integer:
        r = r.select(d, i.integer());
        break;
      case TensorIndex::Kind::Slice:
        // LibTorch's applySlice returns self for start 0, stop == length,
        // step 1, unless told not to (get_item with a single index).
        if (!(skip_full_slices && i.slice().start.value_or(0) == 0 &&
              i.slice().stop.value_or(INT64_MAX) == r.size(d) &&
              i.slice().step.value_or(1) == 1))
          r = r.slice(d, i.slice().start, i.slice().stop,
                      i.slice().step.value_or(1));
        ++d;
        break;
      case TensorIndex::Kind::Ellipsis:
        d = r.dim() - remaining;
        break;
      case TensorIndex::Kind::None:
        r = r.unsqueeze(d);
        ++d;
        break;
      case TensorIndex::Kind::Tensor:
        TORCH_CHECK(tensor_index && indices.size() == 1,
                    "the runtime supports integer, slice and ellipsis "
                    "indices, or a single tensor index with index_put_");
        TORCH_CHECK(i.tensor().scalar_type() == at::kBool ||
                        i.tensor().scalar_type() == at::kLong,
                    "tensors used as indices must be long, byte or bool "
                    "tensors");
        *tensor_index = i.tensor();
        break;
    }
  }
  return r;
}

}  // namespace rt
}  // namespace torch_tidy

namespace at {

namespace {

// LibTorch's index_backward: zeros with `g` put back at the mask's places
// (_index_put_impl_, accumulate). Under create_graph it records
// IndexPutImplBackward0, whose gradient for the values gathers again.
Tensor index_backward(const Tensor& g, const Tensor& mask, IntArrayRef in) {
  Tensor z = zeros(in, TensorOptions(g.scalar_type()));
  Tensor gc = raw_contiguous(g);
  Tensor m = raw_contiguous(mask);
  const bool* pm = static_cast<const bool*>(m.impl().data_bytes());
  dispatch(g.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    const T* pg = static_cast<const T*>(gc.impl().data_bytes());
    T* pz = static_cast<T*>(z.impl().data_bytes());
    for (int64_t i = 0, k = 0; i < z.numel(); ++i)
      if (pm[i]) pz[i] = pg[k++];
  });
  record(TT_OP("_index_put_impl_", ""), {nullptr, &mask, &g}, z,
         [](const Tensor& gg, const Saved& s) -> variable_list {
           return {Tensor(), Tensor(), gg.index({s.other})};
         });
  return z;
}

// x.index({mask}) with a boolean mask of x's shape: the selected elements in
// order, a copy (IndexBackward0) whose gradient goes back to those places.
Tensor index_with_mask(const Tensor& self, const Tensor& mask) {
  TORCH_CHECK(mask.sizes() == self.sizes(),
              "the runtime supports a boolean mask index of the indexed "
              "tensor's shape only");
  TORCH_CHECK(!self.is_inference() || c10::InferenceMode::is_enabled(),
              torch_tidy::messages::ERR_INFERENCE_TENSOR_VERSION);
  Tensor m = raw_contiguous(mask), src = raw_contiguous(self);
  const bool* pm = static_cast<const bool*>(m.impl().data_bytes());
  int64_t n = 0;
  for (int64_t i = 0; i < m.numel(); ++i) n += pm[i] ? 1 : 0;
  Tensor r = make_tensor({n}, self.scalar_type());
  dispatch(self.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    const T* ps = static_cast<const T*>(src.impl().data_bytes());
    T* pr = static_cast<T*>(r.impl().data_bytes());
    for (int64_t i = 0, k = 0; i < m.numel(); ++i)
      if (pm[i]) pr[k++] = ps[i];
  });
  DimVector in(self.sizes());
  // The mask is saved (version-checked, freed with the graph), as
  // IndexBackward0 saves its indices.
  record(TT_OP("index", "Tensor"), {&self, &mask}, r,
         [in](const Tensor& g, const Saved& s) -> variable_list {
           return {index_backward(g, s.other, in)};
         });
  return r;
}

}  // namespace

// index(): integers select, slices slice, an ellipsis skips dims; a single
// boolean mask gathers.
Tensor Tensor::index(
    std::initializer_list<indexing::TensorIndex> indices) const {
  if (indices.size() == 1 &&
      indices.begin()->kind() == indexing::TensorIndex::Kind::Tensor &&
      indices.begin()->tensor().scalar_type() == kBool)
    return index_with_mask(*this, indices.begin()->tensor());
  return index_view(*this, indices, nullptr,
                    /*skip_full_slices=*/indices.size() > 1);
}

}  // namespace at
