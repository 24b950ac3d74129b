// batch_norm's backward as an op of its own (LibTorch's
// native_batch_norm_backward) and the gradients of that op, so that a second
// derivative through BatchNorm has LibTorch's node and values.
//
// Per channel, over the M values of that channel: d = x - mean, s = invstd,
// xhat = d * s, y = gamma * xhat + beta. The first backward for grad_out gO:
//   gB = sum(gO), gW = sum(gO * xhat),
//   gI = gamma * s / M * (M gO - sum(gO) - d s^2 sum(gO d))   (training)
//   gI = gamma * s * gO                                        (eval)
// In training mode the batch mean and s depend on x (ds/dx = -s^3 d / M).
#include <ATen/Functions.h>

#include "autograd/backward_ops.h"
#include "autograd/record.h"

namespace torch_tidy {
namespace rt {

namespace {

// The dims batch_norm reduces over (all but the channel dim 1) and the shape
// that broadcasts a per-channel vector against the input.
struct ChannelDims {
  explicit ChannelDims(const Tensor& x) {
    for (int64_t d = 0; d < x.dim(); ++d) {
      if (d != 1) reduced.push_back(d);
      broadcast.push_back(d == 1 ? x.size(1) : 1);
    }
    count = x.size(1) ? double(x.numel()) / double(x.size(1)) : 0.;
  }
  Tensor sum(const Tensor& t) const { return t.sum(reduced, true); }
  Tensor per_channel(const Tensor& t) const { return t.reshape(broadcast); }
  c10::DimVector reduced, broadcast;
  double count;  // M
};

// The input gradient of the first backward for grad_out `go` and scale
// `gamma` (per channel, broadcast; undefined means 1): linear in both.
Tensor input_grad(const ChannelDims& c, const Tensor& go, const Tensor& gamma,
                  const Tensor& d, const Tensor& s, bool training) {
  Tensor scaled = gamma.defined() ? gamma * s : s;
  if (!training) return go * scaled;
  const double m = c.count;
  Tensor centered = go * m - c.sum(go) - d * (s * s) * c.sum(go * d);
  return scaled / m * centered;
}

// d/dx of sum(ggI * gI(x)) in training mode, without the gamma factor.
Tensor input_grad_through_stats(const ChannelDims& c, const Tensor& gO,
                                const Tensor& ggI, const Tensor& d,
                                const Tensor& s) {
  const double m = c.count;
  Tensor a = c.sum(gO), b = c.sum(gO * d);
  Tensor cc = c.sum(ggI), dd = c.sum(ggI * d), e = c.sum(ggI * gO);
  Tensor s3 = s * s * s;
  Tensor through_s = d * s3 / m * (a * cc / m - e + s * s * b * dd * (3 / m));
  Tensor through_b = dd * s3 / m * (a / m - gO);
  Tensor through_d = b * s3 / m * (cc / m - ggI);
  return through_s + through_b + through_d;
}

Tensor add_defined(const Tensor& a, const Tensor& b) {
  return a.defined() ? a + b : b;
}

// NativeBatchNormBackwardBackward0: the gradients of {gI, gW, gB} with
// respect to grad_out, input and weight (none for mean and invstd, which
// never require grad here).
variable_list double_backward(const variable_list& grads, const Saved& saved,
                              bool training) {
  const Tensor &ggI = grads[0], &ggW = grads[1], &ggB = grads[2];
  const Tensor &gO = saved.self, &x = saved.other, &w = saved.third;
  const ChannelDims c(x);
  const Tensor gamma = w.defined() ? c.per_channel(w) : Tensor();
  const Tensor d = x - c.per_channel(saved.fourth);
  const Tensor s = c.per_channel(saved.fifth);
  Tensor g_out, g_input, g_weight;
  if (ggI.defined()) {
    g_out = input_grad(c, ggI, gamma, d, s, training);
    if (w.defined())
      g_weight =
          (ggI * input_grad(c, gO, Tensor(), d, s, training)).sum(c.reduced);
    if (training) {
      Tensor one = at::ones({}, at::TensorOptions(x.scalar_type()));
      g_input = (gamma.defined() ? gamma : one) *
                input_grad_through_stats(c, gO, ggI, d, s);
    }
  }
  if (ggW.defined() && w.defined()) {
    const Tensor ggw = c.per_channel(ggW);
    g_input = add_defined(g_input, input_grad(c, gO, ggw, d, s, training));
    g_out = add_defined(g_out, ggw * d * s);
  }
  if (ggB.defined())
    g_out = add_defined(g_out, c.per_channel(ggB).expand(x.sizes()));
  return {g_out, g_input, g_weight, Tensor(), Tensor()};
}

}  // namespace

variable_list batch_norm_backward(const Tensor& grad_out, const Tensor& input,
                                  const Tensor& weight, const Tensor& mean,
                                  const Tensor& invstd, bool training) {
  const ChannelDims c(input);
  Tensor g_input, g_weight, g_bias;
  {
    c10::NoGradGuard no_grad;
    const Tensor gamma = weight.defined() ? c.per_channel(weight) : Tensor();
    const Tensor d = input - c.per_channel(mean);
    const Tensor s = c.per_channel(invstd);
    g_input = input_grad(c, grad_out, gamma, d, s, training);
    if (weight.defined()) g_weight = (grad_out * d * s).sum(c.reduced);
    g_bias = grad_out.sum(c.reduced);
  }
  record_outputs(TT_OP("native_batch_norm_backward", ""),
                 {&grad_out, &input, &weight, &mean, &invstd},
                 {&g_input, &g_weight, &g_bias},
                 [training](const variable_list& grads, const Saved& saved) {
                   return double_backward(grads, saved, training);
                 });
  return {g_input, g_weight, g_bias};
}

}  // namespace rt
}  // namespace torch_tidy
