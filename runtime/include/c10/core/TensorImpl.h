// The data behind an at::Tensor handle: strided storage, dtype, the version
// counter and autograd metadata.
//
// Note [Version counter sharing]
// A tensor's version counter counts the in-place modifications of its data.
// It is shared (one heap object, several owners) by a tensor, every view of
// it (view, reshape-as-view, slice, select, operator[], transpose, t,
// unsqueeze, squeeze, expand, permute) and detach(): all of them alias the
// same memory, so a write through any of them invalidates what autograd saved
// of the others. clone(), contiguous() of a non-contiguous tensor and to() of
// another dtype allocate new storage and a new counter. Inference tensors
// (created under InferenceMode) have no counter at all.
#pragma once

#include <c10/core/ScalarType.h>
#include <c10/util/ArrayRef.h>
#include <c10/util/Exception.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>

namespace torch {
namespace autograd {
struct Node;
struct AutogradMeta;
}  // namespace autograd
}  // namespace torch

namespace c10 {

// Sizes and strides held inline: tensors here have at most kMaxDims dims.
class DimVector {
 public:
  static constexpr std::size_t kMaxDims = 8;
  DimVector() = default;
  DimVector(IntArrayRef a) { assign(a); }  // NOLINT
  void assign(IntArrayRef a) {
    TORCH_CHECK(a.size() <= kMaxDims, "the runtime supports at most ", kMaxDims,
                " dimensions, got ", a.size());
    n_ = a.size();
    for (std::size_t i = 0; i < n_; ++i) d_[i] = a[i];
  }
  void push_back(int64_t v) {
    TORCH_CHECK(n_ < kMaxDims, "the runtime supports at most ", kMaxDims,
                " dimensions");
    d_[n_++] = v;
  }
  void insert(std::size_t pos, int64_t v) {
    push_back(0);
    for (std::size_t i = n_ - 1; i > pos; --i) d_[i] = d_[i - 1];
    d_[pos] = v;
  }
  void erase(std::size_t pos) {
    for (std::size_t i = pos; i + 1 < n_; ++i) d_[i] = d_[i + 1];
    --n_;
  }
  std::size_t size() const { return n_; }
  int64_t& operator[](std::size_t i) { return d_[i]; }
  int64_t operator[](std::size_t i) const { return d_[i]; }
  const int64_t* data() const { return d_.data(); }
  operator IntArrayRef() const { return IntArrayRef(d_.data(), n_); }  // NOLINT
  IntArrayRef ref() const { return IntArrayRef(d_.data(), n_); }

 private:
  std::array<int64_t, kMaxDims> d_{};
  std::size_t n_ = 0;
};

struct StorageImpl {
  explicit StorageImpl(std::size_t nbytes)
      : data(new char[nbytes == 0 ? 1 : nbytes]), nbytes(nbytes) {}
  std::unique_ptr<char[]> data;
  std::size_t nbytes;
};

// See Note [Version counter sharing].
struct VersionCounter {
  std::uint32_t version = 0;
};

struct TensorImpl {
  std::shared_ptr<StorageImpl> storage;
  int64_t storage_offset = 0;
  DimVector sizes;
  DimVector strides;
  ScalarType dtype = ScalarType::Float;
  std::shared_ptr<VersionCounter> version_counter;  // null: inference tensor
  bool is_inference = false;
  // Set for views: the tensor whose storage this one aliases.
  std::shared_ptr<TensorImpl> view_base;
  // A view made by a view op (not detach()): autograd tracks its relation to
  // the base (CopySlices, AsStridedBackward0 regeneration).
  bool differentiable_view = false;
  // Set for a differentiable view made while grad mode was off: LibTorch
  // forbids modifying it in place later with grad mode on.
  bool view_created_in_no_grad = false;
  // ... while InferenceMode was on (LibTorch's CreationMeta::INFERENCE_MODE).
  bool view_created_in_inference = false;
  std::unique_ptr<torch::autograd::AutogradMeta> autograd_meta;

  TensorImpl();
  ~TensorImpl();

  int64_t numel() const {
    int64_t n = 1;
    for (std::size_t i = 0; i < sizes.size(); ++i) n *= sizes[i];
    return n;
  }
  bool is_contiguous() const;
  void* data_bytes() const {
    return storage->data.get() + storage_offset * elementSize(dtype);
  }
  torch::autograd::AutogradMeta& meta();
  bool requires_grad() const;
};

}  // namespace c10
