// at::Tensor: a cheap, copyable handle to a shared TensorImpl. Copying a
// Tensor aliases it (both handles see the same data, version counter and
// autograd state); clone() is the deep copy. See Note [Version counter
// sharing] in c10/core/TensorImpl.h.
#pragma once

#include <c10/core/MemoryFormat.h>
#include <c10/core/Scalar.h>
#include <c10/core/ScalarType.h>
#include <c10/core/TensorImpl.h>
#include <c10/core/TensorOptions.h>
#include <c10/util/ArrayRef.h>
#include <c10/util/Exception.h>

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

namespace at {

class Tensor;
using TensorList = ArrayRef<Tensor>;

namespace indexing {
struct Slice {
  Slice(c10::optional<int64_t> start = c10::nullopt,
        c10::optional<int64_t> stop = c10::nullopt,
        c10::optional<int64_t> step = c10::nullopt)
      : start(start), stop(stop), step(step) {}
  c10::optional<int64_t> start, stop, step;
};
struct EllipsisIndexType {};
constexpr EllipsisIndexType Ellipsis{};
// A new dimension of size 1, as LibTorch's `None` (c10::nullopt).
constexpr c10::nullopt_t None = c10::nullopt;
class TensorIndex;
}  // namespace indexing

class Tensor {
 public:
  Tensor() = default;
  Tensor(const Tensor&) = default;
  Tensor(Tensor&&) = default;
  Tensor& operator=(const Tensor&) & = default;
  Tensor& operator=(Tensor&&) & = default;
  // Assigning to a temporary (`t[0] = v`, `t.slice(0, 0, 2) = 0`) writes
  // into the tensor it views, as in LibTorch: copy_ and fill_.
  Tensor& operator=(const Tensor& src) && { return copy_(src); }
  Tensor& operator=(const Scalar& value) && { return fill_(value); }
  explicit Tensor(std::shared_ptr<c10::TensorImpl> impl)
      : impl_(std::move(impl)) {}

  // --- metadata ------------------------------------------------------------
  bool defined() const { return impl_ != nullptr; }
  int64_t dim() const { return static_cast<int64_t>(impl().sizes.size()); }
  int64_t ndimension() const { return dim(); }
  int64_t numel() const { return impl().numel(); }
  IntArrayRef sizes() const { return impl().sizes; }
  IntArrayRef strides() const { return impl().strides; }
  int64_t size(int64_t d) const;
  int64_t stride(int64_t d) const;
  int64_t storage_offset() const { return impl().storage_offset; }
  ScalarType scalar_type() const { return impl().dtype; }
  ScalarType dtype() const { return impl().dtype; }
  TensorOptions options() const { return TensorOptions(scalar_type()); }
  bool is_contiguous() const { return impl().is_contiguous(); }
  bool is_floating_point() const { return c10::isFloatingType(scalar_type()); }
  std::size_t element_size() const { return c10::elementSize(scalar_type()); }
  bool is_same(const Tensor& o) const { return impl_ == o.impl_; }
  bool is_alias_of(const Tensor& o) const;
  long use_count() const { return impl_.use_count(); }
  // "CPUFloatType", as LibTorch's Tensor::toString().
  std::string toString() const;
  template <typename T>
  T* data_ptr() const;
  void* data_ptr() const { return impl().data_bytes(); }
  template <typename T>
  T item() const {
    return item().to<T>();
  }
  Scalar item() const;

  // --- autograd ------------------------------------------------------------
  bool requires_grad() const { return impl().requires_grad(); }
  const Tensor& requires_grad_(bool requires_grad = true) const;
  void set_requires_grad(bool r) const { requires_grad_(r); }
  bool is_leaf() const;
  const Tensor& grad() const;
  Tensor& mutable_grad() const;
  const std::shared_ptr<torch::autograd::Node>& grad_fn() const;
  uint32_t output_nr() const;
  void backward(const Tensor& gradient, c10::optional<bool> retain_graph,
                bool create_graph, c10::optional<TensorList> inputs) const;
  void backward(const Tensor& gradient = {},
                c10::optional<bool> retain_graph = c10::nullopt,
                bool create_graph = false) const;
  int64_t _version() const;
  bool is_inference() const { return impl().is_inference; }
  bool is_view() const { return impl().view_base != nullptr; }
  Tensor detach() const;
  Tensor& detach_() const;

  // --- views (see Note [Version counter sharing]) ---------------------------
  Tensor view(IntArrayRef size) const;
  Tensor reshape(IntArrayRef size) const;
  Tensor flatten(int64_t start_dim = 0, int64_t end_dim = -1) const;
  Tensor slice(int64_t dim = 0, c10::optional<int64_t> start = c10::nullopt,
               c10::optional<int64_t> end = c10::nullopt,
               int64_t step = 1) const;
  Tensor narrow(int64_t dim, int64_t start, int64_t length) const;
  Tensor select(int64_t dim, int64_t index) const;
  Tensor operator[](int64_t index) const { return select(0, index); }
  Tensor transpose(int64_t dim0, int64_t dim1) const;
  Tensor t() const;
  // In place, as squeeze_: version bump, node (TransposeBackward1, ...).
  Tensor& transpose_(int64_t dim0, int64_t dim1) const;
  Tensor& t_() const;
  Tensor& unsqueeze_(int64_t dim) const;
  Tensor permute(IntArrayRef dims) const;
  Tensor unsqueeze(int64_t dim) const;
  Tensor squeeze() const;
  Tensor squeeze(int64_t dim) const;
  Tensor& squeeze_(int64_t dim) const;
  Tensor expand(IntArrayRef size) const;
  Tensor expand_as(const Tensor& other) const { return expand(other.sizes()); }
  Tensor view_as(const Tensor& other) const { return view(other.sizes()); }

  // --- copies ----------------------------------------------------------------
  Tensor contiguous() const;
  // Preserve (the default) keeps this tensor's layout; Contiguous does not.
  Tensor clone(c10::optional<MemoryFormat> memory_format = c10::nullopt) const;
  Tensor to(ScalarType dtype) const;
  // copy=true always makes a new tensor (ToCopyBackward0).
  Tensor to(ScalarType dtype, bool non_blocking, bool copy = false) const;
  Tensor to(TensorOptions options) const { return to(options.dtype()); }
  Tensor repeat(IntArrayRef repeats) const;
  Tensor index(std::initializer_list<indexing::TensorIndex> indices) const;

  // --- pointwise math
  // ----------------------------------------------------------
  Tensor add(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor add(const Scalar& other, const Scalar& alpha = 1) const;
  Tensor sub(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor sub(const Scalar& other, const Scalar& alpha = 1) const;
  Tensor mul(const Tensor& other) const;
  Tensor mul(const Scalar& other) const;
  Tensor div(const Tensor& other) const;
  Tensor div(const Scalar& other) const;
  Tensor pow(const Scalar& exponent) const;
  Tensor pow(const Tensor& exponent) const;
  Tensor neg() const;
  Tensor exp() const;
  Tensor log() const;
  Tensor sqrt() const;
  Tensor sigmoid() const;
  Tensor tanh() const;
  Tensor relu() const;
  Tensor abs() const;
  Tensor sin() const;
  Tensor cos() const;
  // Tensor bounds (ClampBackward0): broadcast, each may be undefined.
  Tensor clamp(const c10::optional<Tensor>& min,
               const c10::optional<Tensor>& max = c10::nullopt) const;
  Tensor clamp(c10::optional<Scalar> min = c10::nullopt,
               c10::optional<Scalar> max = c10::nullopt) const;
  Tensor clamp_min(const Scalar& min) const;  // ClampMinBackward0
  Tensor clamp_max(const Scalar& max) const;  // ClampMaxBackward0
  Tensor eq(const Tensor& other) const;
  Tensor eq(const Scalar& other) const;
  Tensor ne(const Scalar& other) const;
  Tensor gt(const Scalar& other) const;
  Tensor lt(const Scalar& other) const;
  Tensor ge(const Scalar& other) const;
  Tensor le(const Scalar& other) const;
  Tensor gt(const Tensor& other) const;
  Tensor lt(const Tensor& other) const;
  Tensor masked_fill(const Tensor& mask, const Scalar& value) const;
  // A 0-dim value tensor (MaskedFillBackward1; the value gets a gradient).
  Tensor masked_fill(const Tensor& mask, const Tensor& value) const;
  Tensor where(const Tensor& condition, const Tensor& other) const;

  // --- reductions ----------------------------------------------------------
  Tensor sum(c10::optional<ScalarType> dtype = c10::nullopt) const;
  Tensor sum(IntArrayRef dim, bool keepdim = false,
             c10::optional<ScalarType> dtype = c10::nullopt) const;
  Tensor mean(c10::optional<ScalarType> dtype = c10::nullopt) const;
  Tensor mean(IntArrayRef dim, bool keepdim = false,
              c10::optional<ScalarType> dtype = c10::nullopt) const;
  Tensor max() const;
  std::tuple<Tensor, Tensor> max(int64_t dim, bool keepdim = false) const;
  Tensor min() const;
  std::tuple<Tensor, Tensor> min(int64_t dim, bool keepdim = false) const;
  Tensor argmax(c10::optional<int64_t> dim = c10::nullopt,
                bool keepdim = false) const;
  Tensor softmax(int64_t dim,
                 c10::optional<ScalarType> dtype = c10::nullopt) const;
  Tensor log_softmax(int64_t dim,
                     c10::optional<ScalarType> dtype = c10::nullopt) const;
  bool equal(const Tensor& other) const;
  bool allclose(const Tensor& other, double rtol = 1e-05, double atol = 1e-08,
                bool equal_nan = false) const;

  // --- linear algebra --------------------------------------------------------
  Tensor mm(const Tensor& mat2) const;
  Tensor matmul(const Tensor& other) const;
  Tensor addmm(const Tensor& mat1, const Tensor& mat2) const;

  // --- in-place (each bumps the version counter) -----------------------------
  Tensor& add_(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor& add_(const Scalar& other, const Scalar& alpha = 1) const;
  Tensor& sub_(const Tensor& other, const Scalar& alpha = 1) const;
  Tensor& sub_(const Scalar& other, const Scalar& alpha = 1) const;
  Tensor& mul_(const Tensor& other) const;
  Tensor& mul_(const Scalar& other) const;
  Tensor& div_(const Tensor& other) const;
  Tensor& div_(const Scalar& other) const;
  Tensor& pow_(const Scalar& exponent) const;
  Tensor& neg_() const;
  Tensor& exp_() const;
  Tensor& log_() const;
  Tensor& sqrt_() const;
  Tensor& sigmoid_() const;
  Tensor& tanh_() const;
  Tensor& relu_() const;
  Tensor& abs_() const;
  Tensor& sin_() const;
  Tensor& cos_() const;
  Tensor& clamp_(c10::optional<Scalar> min = c10::nullopt,
                 c10::optional<Scalar> max = c10::nullopt) const;
  Tensor& clamp_min_(const Scalar& min) const;
  Tensor& clamp_max_(const Scalar& max) const;
  Tensor& zero_() const;
  Tensor& fill_(const Scalar& value) const;
  Tensor& fill_(const Tensor& value) const;
  Tensor& copy_(const Tensor& src, bool non_blocking = false) const;
  Tensor& masked_fill_(const Tensor& mask, const Scalar& value) const;
  Tensor& masked_fill_(const Tensor& mask, const Tensor& value) const;
  Tensor& index_put_(std::initializer_list<indexing::TensorIndex> indices,
                     const Tensor& values);
  Tensor& index_put_(std::initializer_list<indexing::TensorIndex> indices,
                     const Scalar& value);
  Tensor& uniform_(double from = 0, double to = 1) const;
  Tensor& normal_(double mean = 0, double std = 1) const;
  Tensor& bernoulli_(double p) const;

  Tensor& operator+=(const Tensor& o) { return add_(o); }
  Tensor& operator+=(const Scalar& o) { return add_(o); }
  Tensor& operator-=(const Tensor& o) { return sub_(o); }
  Tensor& operator-=(const Scalar& o) { return sub_(o); }
  Tensor& operator*=(const Tensor& o) { return mul_(o); }
  Tensor& operator*=(const Scalar& o) { return mul_(o); }
  Tensor& operator/=(const Tensor& o) { return div_(o); }
  Tensor& operator/=(const Scalar& o) { return div_(o); }
  Tensor operator-() const { return neg(); }

  // Runtime internals (not LibTorch API).
  c10::TensorImpl& impl() const {
    TORCH_CHECK(impl_ != nullptr, "Expected a proper Tensor but got None");
    return *impl_;
  }
  c10::TensorImpl* unsafeGetTensorImpl() const { return impl_.get(); }
  const std::shared_ptr<c10::TensorImpl>& impl_ptr() const { return impl_; }

 private:
  std::shared_ptr<c10::TensorImpl> impl_;
};

namespace indexing {
// One index of index()/index_put_(): an integer, a Slice, or a tensor (a
// bool mask or int64 indices).
class TensorIndex {
 public:
  TensorIndex(int64_t i) : kind_(Kind::Integer), integer_(i) {}  // NOLINT
  TensorIndex(int i) : TensorIndex(int64_t(i)) {}                // NOLINT
  TensorIndex(Slice s) : kind_(Kind::Slice), slice_(s) {}        // NOLINT
  TensorIndex(EllipsisIndexType) : kind_(Kind::Ellipsis) {}      // NOLINT
  TensorIndex(c10::nullopt_t) : kind_(Kind::None) {}             // NOLINT
  TensorIndex(Tensor t)
      : kind_(Kind::Tensor), tensor_(std::move(t)) {}  // NOLINT
  enum class Kind { Integer, Slice, Ellipsis, None, Tensor };
  Kind kind() const { return kind_; }
  int64_t integer() const { return integer_; }
  const Slice& slice() const { return slice_; }
  const Tensor& tensor() const { return tensor_; }

 private:
  Kind kind_;
  int64_t integer_ = 0;
  Slice slice_;
  Tensor tensor_;
};
}  // namespace indexing

Tensor operator+(const Tensor& a, const Tensor& b);
Tensor operator+(const Tensor& a, const Scalar& b);
Tensor operator+(const Scalar& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Tensor& b);
Tensor operator-(const Tensor& a, const Scalar& b);
Tensor operator-(const Scalar& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Tensor& b);
Tensor operator*(const Tensor& a, const Scalar& b);
Tensor operator*(const Scalar& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Tensor& b);
Tensor operator/(const Tensor& a, const Scalar& b);
Tensor operator/(const Scalar& a, const Tensor& b);
Tensor operator==(const Tensor& a, const Tensor& b);
Tensor operator==(const Tensor& a, const Scalar& b);
Tensor operator>(const Tensor& a, const Scalar& b);
Tensor operator<(const Tensor& a, const Scalar& b);
Tensor operator>=(const Tensor& a, const Scalar& b);
Tensor operator<=(const Tensor& a, const Scalar& b);

// Prints values and a footer, close to LibTorch's format.
std::ostream& operator<<(std::ostream& os, const Tensor& t);

}  // namespace at
