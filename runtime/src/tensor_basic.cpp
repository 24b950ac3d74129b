// Metadata and autograd accessors of at::Tensor.
#include <ATen/Functions.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/variable.h>
#include <torch_tidy/messages.h>

#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "autograd/record.h"
#include "kernels.h"

namespace at {

using torch_tidy::rt::dispatch;
using torch_tidy::rt::wrap_dim;

int64_t Tensor::size(int64_t d) const {
  return impl().sizes[wrap_dim(d, dim())];
}
int64_t Tensor::stride(int64_t d) const {
  return impl().strides[wrap_dim(d, dim())];
}

bool Tensor::is_alias_of(const Tensor& o) const {
  return impl().storage == o.impl().storage;
}

std::string Tensor::toString() const {
  return std::string("CPU") + c10::toString(scalar_type()) + "Type";
}

template <typename T>
T* Tensor::data_ptr() const {
  TORCH_CHECK(torch_tidy::rt::scalar_type_of<T>() == scalar_type(),
              "expected scalar type ",
              c10::toString(torch_tidy::rt::scalar_type_of<T>()), " but found ",
              c10::toString(scalar_type()));
  return static_cast<T*>(impl().data_bytes());
}
template bool* Tensor::data_ptr<bool>() const;
template int64_t* Tensor::data_ptr<int64_t>() const;
template float* Tensor::data_ptr<float>() const;
template double* Tensor::data_ptr<double>() const;

Scalar Tensor::item() const {
  TORCH_CHECK(numel() == 1, "a Tensor with ", numel(),
              " elements cannot be converted to Scalar");
  return dispatch(scalar_type(), [&](auto tag) -> Scalar {
    using T = decltype(tag);
    return Scalar(*static_cast<const T*>(impl().data_bytes()));
  });
}

const Tensor& Tensor::requires_grad_(bool requires_grad) const {
  c10::TensorImpl& i = impl();
  if (requires_grad && i.is_inference && !c10::InferenceMode::is_enabled())
    throw c10::Error(torch_tidy::messages::ERR_INFERENCE_REQUIRES_GRAD);
  // LibTorch raises this one as a plain std::runtime_error; asking a
  // non-leaf (which already requires grad) to require grad is a no-op.
  if (!is_leaf()) {
    if (requires_grad) return *this;
    throw std::runtime_error(
        "you can only change requires_grad flags of leaf variables. If you "
        "want to use a computed variable in a subgraph that doesn't require "
        "differentiation use var_no_grad = var.detach().");
  }
  TORCH_CHECK(!requires_grad || is_floating_point(),
              "Only Tensors of floating point and complex dtype can require "
              "gradients");
  if (requires_grad || i.autograd_meta) i.meta().requires_grad = requires_grad;
  return *this;
}

bool Tensor::is_leaf() const {
  const c10::TensorImpl& i = impl();
  return !i.autograd_meta || !i.autograd_meta->grad_fn;
}

const Tensor& Tensor::grad() const {
  static const Tensor undefined;
  const c10::TensorImpl& i = impl();
  return i.autograd_meta ? i.autograd_meta->grad : undefined;
}

Tensor& Tensor::mutable_grad() const { return impl().meta().grad; }

const std::shared_ptr<torch::autograd::Node>& Tensor::grad_fn() const {
  static const std::shared_ptr<torch::autograd::Node> none;
  c10::TensorImpl& i = impl();
  torch_tidy::rt::refresh_view_grad_fn(i);
  return i.autograd_meta ? i.autograd_meta->grad_fn : none;
}

uint32_t Tensor::output_nr() const {
  const c10::TensorImpl& i = impl();
  return i.autograd_meta ? i.autograd_meta->output_nr : 0;
}

int64_t Tensor::_version() const {
  const c10::TensorImpl& i = impl();
  if (!i.version_counter)
    throw c10::Error(torch_tidy::messages::ERR_INFERENCE_TENSOR_VERSION);
  return i.version_counter->version;
}

// Shares storage and version counter, but is not a view (is_view() is false
// in LibTorch): views made of it have it as their base, not its base.
Tensor Tensor::detach() const {
  Tensor t =
      torch_tidy::rt::make_view(*this, sizes(), strides(), storage_offset());
  t.impl().view_base.reset();
  return t;
}

Tensor& Tensor::detach_() const {
  c10::TensorImpl& i = impl();
  // Inside InferenceMode LibTorch skips the autograd kernel: a no-op.
  if (c10::InferenceMode::is_enabled()) return const_cast<Tensor&>(*this);
  TORCH_CHECK(!is_view(), torch_tidy::messages::ERR_DETACH_VIEW_INPLACE);
  if (i.autograd_meta) {
    i.autograd_meta->grad_fn.reset();
    i.autograd_meta->requires_grad = false;
    i.autograd_meta->output_nr = 0;
  }
  return const_cast<Tensor&>(*this);
}

std::ostream& operator<<(std::ostream& os, const Tensor& t) {
  if (!t.defined()) return os << "[ Tensor (undefined) ]";
  std::ostringstream body;
  body << std::setprecision(4);
  const int64_t n = t.numel();
  for (int64_t i = 0; i < n; ++i) {
    body << " " << torch_tidy::rt::read_double(t, i);
    if (t.dim() > 0 && (i + 1) % t.size(-1) == 0) body << "\n";
  }
  if (t.dim() == 0) body << "\n";
  os << body.str() << "[ " << t.toString() << "{";
  for (int64_t d = 0; d < t.dim(); ++d) os << (d ? "," : "") << t.size(d);
  return os << "} ]";
}

}  // namespace at
