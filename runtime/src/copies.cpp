// Copies and writes: clone/contiguous/to/repeat/cat/stack, and the in-place
// writes fill_/zero_/copy_/masked_fill_/index_put_ and random fills.
#include <ATen/Functions.h>
#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/variable.h>
#include <torch_tidy/messages.h>

#include <random>

#include "autograd/record.h"
#include "kernels.h"

namespace at {

using namespace torch_tidy::rt;  // NOLINT: runtime-internal helpers

namespace {
variable_list identity_bw(const Tensor& g, const Saved&) { return {g}; }
variable_list zero_bw(const Tensor& g, const Saved&) { return {zeros_like(g)}; }

// Which memory-overlap checks LibTorch's kernel makes (its TensorIterator
// configuration): all, none (fill_ is idempotent; index_put_), or only an
// input partly overlapping self (masked_fill_ merely warns about an
// expanded self).
enum class Overlap { Checked, Unchecked, InputsOnly };

// Writes without autograd: precondition checks, raw write, version bump,
// then the node when recording.
template <typename Write>
Tensor& write_inplace(const Tensor& self, const torch_tidy::ops::OpInfo* op,
                      std::initializer_list<const Tensor*> others, Write write,
                      BackwardFn bw, Overlap overlap = Overlap::Checked) {
  check_inplace(self, others);
  if (overlap != Overlap::Unchecked)
    assert_no_overlap_for_write(self, others,
                                /*internal=*/overlap == Overlap::Checked);
  write();
  record_inplace(op, self, others, Tensor(), std::move(bw));
  // LibTorch's in-place methods are const and return a mutable reference.
  return const_cast<Tensor&>(self);
}

void fill_raw(const Tensor& t, const Scalar& v) {
  raw_copy_into(t, scalar_tensor(v, t.scalar_type()));
}
}  // namespace

Tensor Tensor::clone(c10::optional<MemoryFormat> memory_format) const {
  Tensor r = raw_contiguous(*this);
  if (memory_format.value_or(MemoryFormat::Preserve) == MemoryFormat::Preserve)
    r = with_strides(r, preserved_strides(*this));
  // LibTorch 1.13 clones an inference tensor outside InferenceMode through a
  // copy_ into a fresh normal tensor: it starts at version 1.
  if (is_inference() && r.impl().version_counter)
    r.impl().version_counter->version = 1;
  record(TT_OP("clone", ""), {this}, r, identity_bw);
  return r;
}

Tensor Tensor::contiguous() const {
  if (is_contiguous()) return *this;
  Tensor r = raw_contiguous(*this);
  record(TT_OP("contiguous", ""), {this}, r, identity_bw);
  return r;
}

Tensor Tensor::to(ScalarType dtype) const {
  if (dtype == scalar_type()) return *this;
  Tensor r = raw_to(*this, dtype);
  if (c10::isFloatingType(dtype)) {
    const ScalarType src = scalar_type();
    record(TT_OP("to", "dtype"), {this}, r,
           [src](const Tensor& g, const Saved&) -> variable_list {
             return {g.to(src)};
           });
  }
  return r;
}

Tensor Tensor::to(ScalarType dtype, bool /*non_blocking*/, bool copy) const {
  if (!copy || dtype != scalar_type()) return to(dtype);
  Tensor r = with_strides(raw_contiguous(*this), preserved_strides(*this));
  if (c10::isFloatingType(dtype))
    record(TT_OP("to", "dtype"), {this}, r,
           [](const Tensor& g, const Saved&) -> variable_list { return {g}; });
  return r;
}

Tensor Tensor::repeat(IntArrayRef repeats) const {
  TORCH_CHECK(int64_t(repeats.size()) >= dim(),
              "Number of dimensions of repeat dims can not be smaller than "
              "number of dimensions of tensor");
  const int64_t lead = int64_t(repeats.size()) - dim();
  DimVector padded;
  for (int64_t i = 0; i < lead; ++i) padded.push_back(1);
  for (int64_t d = 0; d < dim(); ++d) padded.push_back(size(d));
  // Expand [1, s0, 1, s1, ...] to [r0, s0, r1, s1, ...], then merge pairs.
  DimVector inter, expanded, out;
  for (std::size_t i = 0; i < repeats.size(); ++i) {
    inter.push_back(1);
    inter.push_back(padded[i]);
    expanded.push_back(repeats[i]);
    expanded.push_back(padded[i]);
    out.push_back(repeats[i] * padded[i]);
  }
  Tensor src = raw_contiguous(*this);
  Tensor view = make_view(src, inter, contiguous_strides(inter), 0);
  Tensor r = make_tensor(out, scalar_type());
  Tensor r_view = make_view(r, expanded, contiguous_strides(expanded), 0);
  raw_copy_into(r_view, view);
  DimVector in(sizes());
  record(TT_OP("repeat", ""), {this}, r,
         [expanded, in](const Tensor& g, const Saved&) -> variable_list {
           Tensor gv = g.reshape(expanded);
           DimVector even;
           for (std::size_t i = 0; i < expanded.size(); i += 2)
             even.push_back(int64_t(i));
           return {gv.sum(even).reshape(in)};
         });
  return r;
}

Tensor& Tensor::fill_(const Scalar& value) const {
  return write_inplace(
      *this, TT_OP("fill_", "Scalar"), {}, [&] { fill_raw(*this, value); },
      zero_bw, Overlap::Unchecked);
}

Tensor& Tensor::fill_(const Tensor& value) const {
  TORCH_CHECK(value.dim() == 0,
              "fill_ only supports 0-dimension value tensor but got tensor "
              "with ",
              value.dim(), " dimensions.");
  return write_inplace(
      *this, TT_OP("fill_", "Tensor"), {&value},
      [&] { raw_copy_into(*this, value); },
      [](const Tensor& g, const Saved&) -> variable_list {
        return {zeros_like(g), g.sum()};
      },
      Overlap::Unchecked);
}

Tensor& Tensor::zero_() const {
  return write_inplace(
      *this, TT_OP("zero_", ""), {}, [&] { fill_raw(*this, 0); }, zero_bw,
      Overlap::Unchecked);
}

Tensor& Tensor::copy_(const Tensor& src, bool /*non_blocking*/) const {
  // TensorIterator's shape rules: src broadcasts to self's shape.
  const DimVector shape = broadcast_shapes(sizes(), src.sizes());
  TORCH_CHECK(shape.ref() == sizes(), "output with shape ", sizes(),
              " doesn't match the broadcast shape ", shape.ref());
  DimVector src_sizes(src.sizes());
  const ScalarType src_type = src.scalar_type();
  // copy_ of the tensor itself writes nothing (LibTorch returns early, after
  // the version bump), so no overlap check.
  const bool same = src.is_same(*this);
  return write_inplace(
      *this, TT_OP("copy_", ""), {&src},
      [&] {
        if (!same) raw_copy_into(*this, src);
      },
      [src_sizes, src_type](const Tensor& g, const Saved&) -> variable_list {
        return {zeros_like(g), sum_to(g, src_sizes).to(src_type)};
      },
      same ? Overlap::Unchecked : Overlap::Checked);
}

namespace {
Tensor raw_masked_fill(const Tensor& t, const Tensor& mask, const Scalar& v) {
  TORCH_CHECK(mask.scalar_type() == kBool,
              "masked_fill_ only supports boolean masks, but got mask with "
              "dtype ",
              c10::toString(mask.scalar_type()));
  Tensor r = raw_contiguous(t);
  Tensor m = raw_contiguous(mask.expand(t.sizes()).detach());
  dispatch(r.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    T* p = static_cast<T*>(r.impl().data_bytes());
    const bool* pm = static_cast<const bool*>(m.impl().data_bytes());
    const T x = v.to<T>();
    for (int64_t i = 0, n = r.numel(); i < n; ++i)
      if (pm[i]) p[i] = x;
  });
  return r;
}
variable_list masked_fill_bw(const Tensor& g, const Saved& s) {
  return {g.masked_fill(s.other, 0)};
}
}  // namespace

namespace {
void check_fill_value(const Tensor& value) {
  TORCH_CHECK(value.dim() == 0,
              "masked_fill_ only supports a 0-dimensional value tensor, but "
              "got tensor with ",
              value.dim(), " dimension(s).");
}
// The value's gradient is the sum of the gradient where the mask is set.
variable_list masked_fill_tensor_bw(const Tensor& g, const Saved& s) {
  return {g.masked_fill(s.other, 0), Tensor(),
          (g * s.other.expand(g.sizes()).to(g.scalar_type())).sum()};
}
}  // namespace

Tensor Tensor::masked_fill(const Tensor& mask, const Tensor& value) const {
  check_fill_value(value);
  Tensor r = raw_masked_fill(*this, mask, value.item());
  record(TT_OP("masked_fill", "Tensor"), {this, &mask, &value}, r,
         masked_fill_tensor_bw);
  return r;
}

Tensor& Tensor::masked_fill_(const Tensor& mask, const Tensor& value) const {
  check_fill_value(value);
  const Scalar v = value.item();
  return write_inplace(
      *this, TT_OP("masked_fill_", "Tensor"), {&mask, &value},
      [&] { raw_copy_into(*this, raw_masked_fill(*this, mask, v)); },
      masked_fill_tensor_bw, Overlap::InputsOnly);
}

Tensor Tensor::masked_fill(const Tensor& mask, const Scalar& value) const {
  Tensor r = raw_masked_fill(*this, mask, value);
  record(TT_OP("masked_fill", "Scalar"), {this, &mask}, r, masked_fill_bw);
  return r;
}

Tensor& Tensor::masked_fill_(const Tensor& mask, const Scalar& value) const {
  return write_inplace(
      *this, TT_OP("masked_fill_", "Scalar"), {&mask},
      [&] { raw_copy_into(*this, raw_masked_fill(*this, mask, value)); },
      masked_fill_bw, Overlap::InputsOnly);
}

namespace {
// The region of `t` that index_put_ writes (a detached view), or with a
// tensor index, the whole tensor and the index in `*index`.
Tensor index_region(const Tensor& t,
                    const std::vector<indexing::TensorIndex>& indices,
                    Tensor* index) {
  return index_view(t.detach(), indices, index);
}

// Writes `values` at the rows a long index tensor names, in index order
// (values broadcast to [len(idx), rest...]).
void put_rows(const Tensor& t, const Tensor& idx, const Tensor& values) {
  const int64_t n = idx.numel();
  DimVector shape(t.sizes());
  shape[0] = n;
  Tensor v = values.detach().expand(shape);
  for (int64_t k = 0; k < n; ++k) {
    const int64_t row = idx.reshape({-1})[k].item<int64_t>();
    // Checked row by row as LibTorch's kernel does: earlier rows are
    // written.
    TORCH_CHECK_INDEX(row >= -t.size(0) && row < t.size(0), "index ", row,
                      " is out of bounds for dimension 0 with size ",
                      t.size(0));
    raw_copy_into(t.detach().select(0, row), v.select(0, k));
  }
}

// Writes through `region` or, with a tensor index, through the mask/rows.
void put(const Tensor& t, const Tensor& region, const Tensor& index,
         const Tensor& values) {
  if (!index.defined()) {
    raw_copy_into(region, values);
  } else if (index.scalar_type() == kLong) {
    put_rows(t, index, values);
  } else {
    TORCH_CHECK(values.numel() == 1,
                "index_put_ with a boolean mask needs a single value");
    raw_copy_into(t, raw_masked_fill(t, index, values.item()));
  }
}

}  // namespace

namespace {

bool only_integers_and_slices(
    std::initializer_list<indexing::TensorIndex> indices) {
  for (const indexing::TensorIndex& i : indices)
    if (i.kind() == indexing::TensorIndex::Kind::Tensor) return false;
  return true;
}

// LibTorch's index_put_ with TensorIndex arguments is indexing's set_item:
// without a tensor index it writes through the sliced view (a full slice is
// self itself) with copy_ when the shapes agree, fill_ for a 0-dim value,
// copy_ of the expanded value otherwise (so CopySlices on the base).
void set_item(const Tensor& self,
              std::initializer_list<indexing::TensorIndex> indices,
              const Tensor& value) {
  Tensor sliced = index_view(self, indices, nullptr, /*skip_full_slices=*/true);
  if (sliced.sizes() == value.sizes())
    sliced.copy_(value);
  else if (value.dim() == 0)
    sliced.fill_(value);
  else
    sliced.copy_(value.expand(sliced.sizes()));
}

}  // namespace

Tensor& Tensor::index_put_(std::initializer_list<indexing::TensorIndex> indices,
                           const Tensor& values) {
  if (only_integers_and_slices(indices)) {
    set_item(*this, indices, values);
    return *this;
  }
  std::vector<indexing::TensorIndex> idx(indices);
  Tensor mask;
  Tensor region = index_region(*this, idx, &mask);
  DimVector vsizes(values.sizes());
  // Self's gradient is zero where values were written; values receive the
  // gradient of the written region.
  auto bw = [vsizes, idx](const Tensor& g, const Saved&) -> variable_list {
    Tensor m;
    Tensor gs = g.clone();
    Tensor region_g = index_region(g, idx, &m);
    if (m.defined() && m.scalar_type() == kLong) {
      std::vector<Tensor> rows;
      for (int64_t k = 0; k < m.numel(); ++k)
        rows.push_back(g.select(0, m.reshape({-1})[k].item<int64_t>()));
      put_rows(gs, m, zeros({}, TensorOptions(g.scalar_type())));
      return {gs, sum_to(stack(rows, 0), vsizes)};
    }
    if (m.defined()) {
      return {gs.masked_fill(m, 0),
              (g * m.to(g.scalar_type())).sum().reshape(vsizes)};
    }
    raw_copy_into(index_region(gs, idx, &m),
                  zeros({}, TensorOptions(g.scalar_type())));
    return {gs, sum_to(region_g, vsizes)};
  };
  return write_inplace(
      *this, TT_OP("index_put_", ""), {&values},
      [&] { put(*this, region, mask, values); }, bw, Overlap::Unchecked);
}

// As LibTorch's: the scalar becomes a 0-dim tensor (recording nothing) and
// takes the tensor path, so a tensor index gives IndexPutBackward0 with a
// zero gradient where the value was written.
Tensor& Tensor::index_put_(std::initializer_list<indexing::TensorIndex> indices,
                           const Scalar& value) {
  Tensor v;
  {
    c10::NoGradGuard no_grad;
    v = scalar_tensor(value, scalar_type());
  }
  return index_put_(indices, v);
}

namespace {
// Random fills: write, bump the version, and (as in LibTorch) a node whose
// gradient is zero (UniformBackward0, NormalBackward0, BernoulliBackward2).
// `values` runs where LibTorch's kernel does: after the autograd checks.
template <class Values>
Tensor& random_write(const Tensor& self, const torch_tidy::ops::OpInfo* op,
                     Values&& values) {
  return write_inplace(
      self, op, {}, [&] { raw_copy_into(self, values()); }, zero_bw);
}

// uniform_/normal_ have floating-point kernels only (the kernel's name in
// LibTorch's message).
void check_floating_fill(const Tensor& self, const char* kernel) {
  TORCH_CHECK(self.is_floating_point(), "\"", kernel,
              "\" not implemented for '", c10::toString(self.scalar_type()),
              "'");
}
}  // namespace

Tensor& Tensor::uniform_(double from, double to) const {
  return random_write(*this, TT_OP("uniform_", ""), [&] {
    check_floating_fill(*this, "check_uniform_bounds");
    return rand(sizes(), TensorOptions(scalar_type())) * (to - from) + from;
  });
}

Tensor& Tensor::normal_(double mean, double std) const {
  return random_write(*this, TT_OP("normal_", ""), [&] {
    check_floating_fill(*this, "normal_kernel_cpu");
    return randn(sizes(), TensorOptions(scalar_type())) * std + mean;
  });
}

Tensor& Tensor::bernoulli_(double p) const {
  return random_write(*this, TT_OP("bernoulli_", "float"), [&] {
    return rand(sizes(), TensorOptions(kDouble)).lt(p);
  });
}

// --- cat / stack / where
// ----------------------------------------------------------

Tensor cat(TensorList tensors, int64_t dim) {
  TORCH_CHECK(!tensors.empty(),
              "torch.cat(): expected a non-empty list of Tensors");
  const Tensor& first = tensors[0];
  dim = wrap_dim(dim, first.dim());
  DimVector out(first.sizes());
  ScalarType type = first.scalar_type();
  for (std::size_t i = 1; i < tensors.size(); ++i) {
    const Tensor& t = tensors[i];
    TORCH_CHECK(t.dim() == first.dim(),
                "Tensors must have same number of dimensions: got ",
                first.dim(), " and ", t.dim());
    for (int64_t d = 0; d < first.dim(); ++d)
      TORCH_CHECK(d == dim || t.size(d) == first.size(d),
                  "Sizes of tensors must match except in dimension ", dim,
                  ". Expected size ", first.size(d), " but got size ",
                  t.size(d), " for tensor number ", i, " in the list.");
    out[dim] += t.size(dim);
    type = promote_types(type, t.scalar_type());
  }
  Tensor r = make_tensor(out, type);
  int64_t offset = 0;
  std::vector<int64_t> lengths;
  for (const Tensor& t : tensors) {
    Tensor region = r.detach().narrow(dim, offset, t.size(dim));
    raw_copy_into(region, t);
    offset += t.size(dim);
    lengths.push_back(t.size(dim));
  }
  bool any = false;
  for (const Tensor& t : tensors) any = any || t.requires_grad();
  if (any && recording_enabled()) {
    // cat has one edge per input; it saves nothing.
    auto node = std::make_shared<OpNode>(
        TT_OP("cat", ""),
        [dim, lengths](const Tensor& g, const Saved&) -> variable_list {
          variable_list grads;
          int64_t off = 0;
          for (int64_t len : lengths) {
            grads.push_back(g.narrow(dim, off, len));
            off += len;
          }
          return grads;
        });
    for (const Tensor& t : tensors)
      node->next_edges_.push_back(torch::autograd::gradient_edge(t));
    node->set_input_metadata(r);
    r.impl().meta().grad_fn = node;
  }
  return r;
}

Tensor stack(TensorList tensors, int64_t dim) {
  TORCH_CHECK(!tensors.empty(), "stack expects a non-empty TensorList");
  dim = wrap_dim(dim, tensors[0].dim() + 1);
  std::vector<Tensor> parts;
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    TORCH_CHECK(tensors[i].sizes() == tensors[0].sizes(),
                "stack expects each tensor to be equal size, but got ",
                tensors[0].sizes(), " at entry 0 and ", tensors[i].sizes(),
                " at entry ", i);
    c10::NoGradGuard no_grad;
    parts.push_back(tensors[i].unsqueeze(dim));
  }
  Tensor r;
  {
    c10::NoGradGuard no_grad;
    r = cat(parts, dim);
  }
  bool any = false;
  for (const Tensor& t : tensors) any = any || t.requires_grad();
  if (any && recording_enabled()) {
    auto node = std::make_shared<OpNode>(
        TT_OP("stack", ""),
        [dim, n = tensors.size()](const Tensor& g,
                                  const Saved&) -> variable_list {
          variable_list grads;
          for (std::size_t i = 0; i < n; ++i)
            grads.push_back(g.select(dim, int64_t(i)));
          return grads;
        });
    for (const Tensor& t : tensors)
      node->next_edges_.push_back(torch::autograd::gradient_edge(t));
    node->set_input_metadata(r);
    r.impl().meta().grad_fn = node;
  }
  return r;
}

// A Scalar operand is a wrapped number: it takes the tensor's dtype class.
Tensor where(const Tensor& cond, const Tensor& a, const Scalar& b) {
  return where(cond, a, scalar_tensor(b, result_type(a, b)));
}
Tensor where(const Tensor& cond, const Scalar& a, const Tensor& b) {
  return where(cond, scalar_tensor(a, result_type(b, a)), b);
}
Tensor Tensor::where(const Tensor& condition, const Tensor& other) const {
  return at::where(condition, *this, other);
}

Tensor where(const Tensor& cond, const Tensor& a, const Tensor& b) {
  DimVector shape =
      broadcast_shapes(broadcast_shapes(cond.sizes(), a.sizes()), b.sizes());
  const ScalarType type = result_type(a, b);
  Tensor r = make_tensor(shape, type);
  const Tensor a_as = raw_to(a, type), b_as = raw_to(b, type);
  raw_copy_into(r, b_as);
  Tensor c = raw_contiguous(cond.expand(shape).detach());
  dispatch(type, [&](auto tag) {
    using T = decltype(tag);
    T* p = static_cast<T*>(r.impl().data_bytes());
    const bool* pc = static_cast<const bool*>(c.impl().data_bytes());
    Tensor ac = raw_contiguous(a_as.expand(shape).detach());
    const T* pa = static_cast<const T*>(ac.impl().data_bytes());
    for (int64_t i = 0, n = r.numel(); i < n; ++i)
      if (pc[i]) p[i] = pa[i];
  });
  // TensorIterator's operands: the condition, then both values as converted.
  r = iterator_layout(r, {&cond, &a_as, &b_as});
  DimVector sa(a.sizes()), sb(b.sizes());
  // where(cond, a, b): cond is Self in the op table's sense.
  record(TT_OP("where", ""), {&cond, &a, &b}, r,
         [sa, sb](const Tensor& g, const Saved& s) -> variable_list {
           Tensor z = zeros_like(g);
           return {Tensor(), sum_to(where(s.self, g, z), sa),
                   sum_to(where(s.self, z, g), sb)};
         });
  return r;
}

}  // namespace at
