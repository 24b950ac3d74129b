// Matrix products: mm, matmul, addmm.
#include <ATen/Functions.h>

#include "autograd/record.h"
#include "kernels.h"

namespace at {

using namespace torch_tidy::rt;  // NOLINT: runtime-internal helpers

namespace {

// out (n x p) = a (n x m) @ b (m x p), raw, in dtype `ct`.
Tensor raw_mm(const Tensor& a, const Tensor& b) {
  TORCH_CHECK(a.dim() == 2, "self must be a matrix");
  TORCH_CHECK(b.dim() == 2, "mat2 must be a matrix");
  TORCH_CHECK(a.size(1) == b.size(0),
              "mat1 and mat2 shapes cannot be multiplied (", a.size(0), "x",
              a.size(1), " and ", b.size(0), "x", b.size(1), ")");
  const ScalarType ct = result_type(a, b);
  TORCH_CHECK(a.scalar_type() == b.scalar_type(), "expected scalar type ",
              c10::toString(a.scalar_type()), " but found ",
              c10::toString(b.scalar_type()));
  const int64_t n = a.size(0), m = a.size(1), p = b.size(1);
  // Rows of b must be contiguous for the vectorizable i-k-j loop below; a
  // transposed weight (linear) is copied once, which is cheaper than
  // strided reads.
  Tensor bc = b.stride(1) == 1 ? b : raw_contiguous(b);
  const int64_t sa0 = a.stride(0), sa1 = a.stride(1), sb0 = bc.stride(0);
  Tensor out = make_tensor({n, p}, ct);
  dispatch(ct, [&](auto tag) {
    using T = decltype(tag);
    const T* pa = static_cast<const T*>(a.impl().data_bytes());
    const T* pb = static_cast<const T*>(bc.impl().data_bytes());
    T* po = static_cast<T*>(out.impl().data_bytes());
    for (int64_t i = 0; i < n * p; ++i) po[i] = T(0);
    for (int64_t i = 0; i < n; ++i) {
      T* __restrict ro = po + i * p;
      for (int64_t k = 0; k < m; ++k) {
        const T x = pa[i * sa0 + k * sa1];
        const T* __restrict rb = pb + k * sb0;
        for (int64_t j = 0; j < p; ++j) ro[j] = T(ro[j] + x * rb[j]);
      }
    }
  });
  return out;
}

// dot (1-D . 1-D) and mv (2-D @ 1-D): their own nodes, as LibTorch's matmul
// dispatches to them.
Tensor vector_product(const Tensor& a, const Tensor& b, bool is_dot) {
  TORCH_CHECK(!is_dot || a.scalar_type() == b.scalar_type(),
              "dot : expected both vectors to have same dtype, but found ",
              c10::toString(a.scalar_type()), " and ",
              c10::toString(b.scalar_type()));
  TORCH_CHECK(is_dot || a.size(-1) == b.size(0), "size mismatch, got ",
              a.size(0), ", ", a.size(0), "x", a.size(-1), ",", b.size(0));
  TORCH_CHECK(a.size(-1) == b.size(0),
              "inconsistent tensor size, expected tensor [", a.size(-1),
              "] and src [", b.size(0),
              "] to have the same number of elements, but got ", a.size(-1),
              " and ", b.size(0), " elements respectively");
  Tensor prod = raw_mm(
      is_dot
          ? make_view(a, {1, a.size(0)}, {0, a.stride(0)}, a.storage_offset())
          : a,
      make_view(b, {b.size(0), 1}, {b.stride(0), 0}, b.storage_offset()));
  Tensor r = is_dot ? make_view(prod, {}, {}, 0)
                    : make_view(prod, {prod.size(0)}, {1}, 0);
  r = raw_contiguous(r);
  record(is_dot ? TT_OP("dot", "") : TT_OP("mv", ""), {&a, &b}, r,
         [is_dot](const Tensor& g, const Saved& s) -> variable_list {
           if (is_dot)
             return {s.other.defined() ? g * s.other : Tensor(),
                     s.self.defined() ? g * s.self : Tensor()};
           return {s.other.defined() ? g.unsqueeze(1) * s.other.unsqueeze(0)
                                     : Tensor(),
                   s.self.defined() ? s.self.t().matmul(g) : Tensor()};
         });
  return r;
}

int64_t product(IntArrayRef sizes, std::size_t from, std::size_t to) {
  int64_t n = 1;
  for (std::size_t d = from; d < to; ++d) n *= sizes[d];
  return n;
}

// LibTorch 1.13's matmul folds a batched operand against a vector or a
// matrix before multiplying (mv or mm of the folded rows; a matrix or
// vector on the left multiplies the transposed right operand), so a
// mismatch of the contracted dims is reported in the words of the op it
// reaches, with the folded sizes.
void check_folded_matmul(const Tensor& a, const Tensor& b) {
  const std::size_t da = a.dim(), db = b.dim();
  if (da >= 3 && db == 1) {
    const int64_t rows = product(a.sizes(), 0, da - 1);
    TORCH_CHECK(a.size(-1) == b.size(0), "size mismatch, got ", rows, ", ",
                rows, "x", a.size(-1), ",", b.size(0));
  }
  if (da <= 2 && db >= 3) {
    // b.mT() folded: rows are its batch dims times its last dim.
    const int64_t m = b.size(-2);
    const int64_t rows = product(b.sizes(), 0, db - 2) * b.size(-1);
    if (da == 1)
      TORCH_CHECK(a.size(0) == m, "size mismatch, got ", rows, ", ", rows, "x",
                  m, ",", a.size(0));
    else
      TORCH_CHECK(a.size(1) == m, "mat1 and mat2 shapes cannot be multiplied (",
                  rows, "x", m, " and ", a.size(1), "x", a.size(0), ")");
  }
}

}  // namespace

Tensor Tensor::mm(const Tensor& mat2) const {
  Tensor r = raw_mm(*this, mat2);
  record(TT_OP("mm", ""), {this, &mat2}, r,
         [](const Tensor& g, const Saved& s) -> variable_list {
           return {s.other.defined() ? g.mm(s.other.t()) : Tensor(),
                   s.self.defined() ? s.self.t().mm(g) : Tensor()};
         });
  return r;
}

Tensor Tensor::matmul(const Tensor& other) const {
  const int64_t da = dim(), db = other.dim();
  TORCH_CHECK(da > 0 && db > 0,
              "both arguments to matmul need to be at least 1D, but they are ",
              da, "D and ", db, "D");
  if (da == 1 && db == 1) return vector_product(*this, other, true);
  if (da == 2 && db == 1) return vector_product(*this, other, false);
  if (da == 1 && db == 2) {
    // In place, as LibTorch does: the result is not a view.
    Tensor r = unsqueeze(0).mm(other);
    r.squeeze_(0);
    return r;
  }
  if (da == 2 && db == 2) return mm(other);
  check_folded_matmul(*this, other);
  if (da >= 3 && db <= 2) {
    // Fold the batch dims into the rows.
    DimVector out(sizes());
    Tensor b2 = db == 1 ? other.unsqueeze(1) : other;
    Tensor folded = reshape({-1, size(-1)}).mm(b2);
    if (db == 1)
      out.erase(out.size() - 1);
    else
      out[out.size() - 1] = other.size(1);
    return unsafe_view(folded, out);
  }
  // Batched: broadcast the batch dims and multiply slice by slice.
  Tensor a = da == 1 ? unsqueeze(0) : *this;
  Tensor b = db == 1 ? other.unsqueeze(1) : other;
  DimVector batch_a, batch_b;
  for (int64_t d = 0; d < a.dim() - 2; ++d) batch_a.push_back(a.size(d));
  for (int64_t d = 0; d < b.dim() - 2; ++d) batch_b.push_back(b.size(d));
  DimVector batch = broadcast_shapes(batch_a, batch_b);
  // Both batched: one bmm over the broadcast batch.
  TORCH_CHECK(
      a.size(-1) == b.size(-2),
      "Expected size for first two dimensions of batch2 tensor to be: [",
      product(batch, 0, batch.size()), ", ", a.size(-1), "] but got: [",
      product(batch, 0, batch.size()), ", ", b.size(-2), "].");
  DimVector ea = batch, eb = batch;
  ea.push_back(a.size(-2));
  ea.push_back(a.size(-1));
  eb.push_back(b.size(-2));
  eb.push_back(b.size(-1));
  Tensor af = a.expand(ea).reshape({-1, a.size(-2), a.size(-1)});
  Tensor bf = b.expand(eb).reshape({-1, b.size(-2), b.size(-1)});
  std::vector<Tensor> parts;
  for (int64_t i = 0; i < af.size(0); ++i) parts.push_back(af[i].mm(bf[i]));
  DimVector out = batch;
  out.push_back(a.size(-2));
  out.push_back(b.size(-1));
  Tensor r = unsafe_view(stack(parts, 0), out);
  if (da == 1) r = r.squeeze(-2);
  if (db == 1) r = r.squeeze(-1);
  return r;
}

Tensor Tensor::addmm(const Tensor& mat1, const Tensor& mat2) const {
  // LibTorch's addmm checks dtypes (self against mat2 first) before raw_mm's
  // shape and dtype checks.
  TORCH_CHECK(scalar_type() == mat2.scalar_type(),
              "self and mat2 must have the same dtype");
  TORCH_CHECK(mat1.scalar_type() == mat2.scalar_type(),
              "mat1 and mat2 must have the same dtype");
  Tensor prod = raw_mm(mat1, mat2);
  Tensor r = make_tensor(prod.sizes(), prod.scalar_type());
  raw_copy_into(r, raw_to(*this, prod.scalar_type()));
  dispatch(r.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    T* pr = static_cast<T*>(r.impl().data_bytes());
    const T* pp = static_cast<const T*>(prod.impl().data_bytes());
    for (int64_t i = 0, n = r.numel(); i < n; ++i) pr[i] = T(pr[i] + pp[i]);
  });
  DimVector bias_sizes(sizes());
  record(TT_OP("addmm", ""), {this, &mat1, &mat2}, r,
         [bias_sizes](const Tensor& g, const Saved& s) -> variable_list {
           return {sum_to(g, bias_sizes),
                   s.third.defined() ? g.mm(s.third.t()) : Tensor(),
                   s.other.defined() ? s.other.t().mm(g) : Tensor()};
         });
  return r;
}

Tensor mm(const Tensor& a, const Tensor& b) { return a.mm(b); }
Tensor matmul(const Tensor& a, const Tensor& b) { return a.matmul(b); }
Tensor addmm(const Tensor& bias, const Tensor& m1, const Tensor& m2) {
  return bias.addmm(m1, m2);
}

}  // namespace at
