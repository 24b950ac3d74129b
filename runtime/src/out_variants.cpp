// The out= forms of the arithmetic ops: compute, then copy into `out` with
// one version bump, as LibTorch's out kernels do. No autograd: LibTorch
// refuses them when grad mode is on and an argument requires grad.
#include <ATen/Functions.h>
#include <c10/core/GradMode.h>
#include <c10/util/Exception.h>
#include <torch_tidy/messages.h>

namespace at {

namespace {
template <typename Compute>
Tensor& writeOut(const char* name, Tensor& out, const Tensor& a,
                 const Tensor& b, Compute compute) {
  const bool anyRequiresGrad =
      a.requires_grad() || b.requires_grad() || out.requires_grad();
  TORCH_CHECK(!(c10::GradMode::is_enabled() && anyRequiresGrad), name,
              torch_tidy::messages::ERR_OUT_REQUIRES_GRAD_SUFFIX);
  c10::NoGradGuard no_grad;
  out.copy_(compute());
  return out;
}
}  // namespace

Tensor& add_out(Tensor& out, const Tensor& a, const Tensor& b,
                const Scalar& alpha) {
  return writeOut("add", out, a, b, [&] { return add(a, b, alpha); });
}
Tensor& sub_out(Tensor& out, const Tensor& a, const Tensor& b,
                const Scalar& alpha) {
  return writeOut("sub", out, a, b, [&] { return sub(a, b, alpha); });
}
Tensor& mul_out(Tensor& out, const Tensor& a, const Tensor& b) {
  return writeOut("mul", out, a, b, [&] { return mul(a, b); });
}
Tensor& div_out(Tensor& out, const Tensor& a, const Tensor& b) {
  return writeOut("div", out, a, b, [&] { return div(a, b); });
}

}  // namespace at
