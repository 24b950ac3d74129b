// nn ops: linear, conv2d, batch_norm, dropout, and the losses.
#include <ATen/Functions.h>
#include <c10/core/GradMode.h>

#include <cmath>
#include <type_traits>

#include "autograd/backward_ops.h"
#include "autograd/record.h"
#include "kernels.h"

namespace at {

using namespace torch_tidy::rt;  // NOLINT: runtime-internal helpers

Tensor linear(const Tensor& input, const Tensor& weight, const Tensor& bias) {
  // As LibTorch 1.13: addmm for 2-D input with bias, else matmul (+ bias).
  if (input.dim() == 2 && bias.defined()) return addmm(bias, input, weight.t());
  Tensor out = input.matmul(weight.t());
  if (bias.defined()) out.add_(bias);
  return out;
}

// --- dropout
// --------------------------------------------------------------------

namespace {
Tensor dropout_noise(const Tensor& input, double p, bool feature) {
  DimVector shape(input.sizes());
  if (feature)
    for (std::size_t d = 2; d < shape.size(); ++d) shape[d] = 1;
  Tensor noise = empty(shape, TensorOptions(input.scalar_type()));
  noise.bernoulli_(1 - p);
  noise.div_(1 - p);
  return noise;
}
}  // namespace

Tensor dropout(const Tensor& input, double p, bool train) {
  TORCH_CHECK(p >= 0 && p <= 1,
              "dropout probability has to be between 0 and 1, but got ", p);
  if (p == 0 || !train || input.numel() == 0) return input;
  if (p == 1) return input.mul(zeros({}, TensorOptions(input.scalar_type())));
  return input * dropout_noise(input, p, false);
}

Tensor& dropout_(Tensor& input, double p, bool train) {
  if (p == 0 || !train || input.numel() == 0) return input;
  if (p == 1) return input.mul_(zeros({}, TensorOptions(input.scalar_type())));
  return input.mul_(dropout_noise(input, p, false));
}

Tensor feature_dropout(const Tensor& input, double p, bool train) {
  TORCH_CHECK(p >= 0 && p <= 1,
              "dropout probability has to be between 0 and 1, but got ", p);
  if (p == 0 || !train || input.numel() == 0) return input;
  if (p == 1) return input.mul(zeros({}, TensorOptions(input.scalar_type())));
  return input * dropout_noise(input, p, true);
}

// --- batch norm
// ------------------------------------------------------------------

namespace {

// LibTorch 1.13's CPU kernel (aten/src/ATen/native/cpu/batch_norm_kernel.cpp)
// in its order of operations, so that ties after normalization (which decide
// max/min gradients) fall where LibTorch's do: per channel, the mean and the
// sum of squared deviations accumulate in double from T-precision terms;
// invstd = 1 / sqrt(var_sum / n + eps) in double, stored as T; then
// out = x * alpha + beta with alpha = invstd * w and beta = b - mean * alpha
// in T, the multiply-add fused (LibTorch's AVX2 kernel is built with FMA
// contraction: an input equal to the mean gives +-2^-24, not 0, there). The
// running statistics are updated in T, with momentum rounded to T.
Tensor batch_norm_kernel(const Tensor& x, const Tensor& weight,
                         const Tensor& bias, const Tensor& running_mean,
                         const Tensor& running_var, bool training,
                         double momentum, double eps, Tensor& mean_out,
                         Tensor& invstd_out) {
  const int64_t N = x.size(0), C = x.size(1);
  const int64_t image = C ? x.numel() / (N * C) : 0;
  const int64_t n = N * image;
  Tensor in = raw_contiguous(x);
  Tensor out = make_tensor(x.sizes(), x.scalar_type());
  mean_out = make_tensor({C}, x.scalar_type());
  invstd_out = make_tensor({C}, x.scalar_type());
  // The new running statistics, copied in (with the stats' dtype) at the end.
  Tensor new_rm = make_tensor({C}, x.scalar_type());
  Tensor new_rv = make_tensor({C}, x.scalar_type());
  dispatch(x.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_floating_point_v<T>) {
      const T* px = static_cast<const T*>(in.impl().data_bytes());
      T* po = static_cast<T*>(out.impl().data_bytes());
      T* pm = static_cast<T*>(mean_out.impl().data_bytes());
      T* pi = static_cast<T*>(invstd_out.impl().data_bytes());
      T* prm = static_cast<T*>(new_rm.impl().data_bytes());
      T* prv = static_cast<T*>(new_rv.impl().data_bytes());
      auto at = [&](int64_t b, int64_t c, int64_t i) {
        return (b * C + c) * image + i;
      };
      for (int64_t c = 0; c < C; ++c) {
        T mean, invstd;
        if (training) {
          double sum = 0;
          for (int64_t b = 0; b < N; ++b)
            for (int64_t i = 0; i < image; ++i) sum += px[at(b, c, i)];
          mean = static_cast<T>(sum / n);
          double sq = 0;
          for (int64_t b = 0; b < N; ++b)
            for (int64_t i = 0; i < image; ++i) {
              const T d = px[at(b, c, i)] - mean;
              sq += d * d;
            }
          const T var_sum = static_cast<T>(sq);
          invstd = static_cast<T>(1 / std::sqrt(double(var_sum / T(n)) + eps));
          if (running_mean.defined()) {
            const T unbiased = var_sum / T(n - 1);
            const T m = static_cast<T>(momentum), keep = T(1) - m;
            const T rm_old = static_cast<T>(read_double(running_mean, c));
            const T rv_old = static_cast<T>(read_double(running_var, c));
            const T m_mean = m * mean, m_var = m * unbiased;
            prm[c] = m_mean + keep * rm_old;
            prv[c] = m_var + keep * rv_old;
          }
        } else {
          mean = static_cast<T>(read_double(running_mean, c));
          invstd = 1 / std::sqrt(static_cast<T>(read_double(running_var, c)) +
                                 static_cast<T>(eps));
        }
        pm[c] = mean;
        pi[c] = invstd;
        const T w =
            weight.defined() ? static_cast<T>(read_double(weight, c)) : T(1);
        const T bv =
            bias.defined() ? static_cast<T>(read_double(bias, c)) : T(0);
        const T alpha = invstd * w;
        const T beta = bv - mean * alpha;
        for (int64_t b = 0; b < N; ++b)
          for (int64_t i = 0; i < image; ++i)
            po[at(b, c, i)] = std::fma(px[at(b, c, i)], alpha, beta);
      }
    }
  });
  if (training && running_mean.defined()) {
    raw_copy_into(running_mean, new_rm);
    raw_copy_into(running_var, new_rv);
  }
  return out;
}

}  // namespace

Tensor batch_norm(const Tensor& input, const Tensor& weight, const Tensor& bias,
                  const Tensor& running_mean, const Tensor& running_var,
                  bool training, double momentum, double eps,
                  bool /*cudnn_enabled*/) {
  TORCH_CHECK(input.dim() >= 2, "batch_norm: expected at least 2D input");
  const int64_t C = input.size(1);
  // Reduce over every dim but the channel dim.
  DimVector red, bshape;
  for (int64_t d = 0; d < input.dim(); ++d) {
    if (d != 1) red.push_back(d);
    bshape.push_back(d == 1 ? C : 1);
  }
  const double n = double(input.numel()) / double(C);
  if (training)
    TORCH_CHECK(n > 1,
                "Expected more than 1 value per channel when "
                "training, got input size ",
                input.sizes());
  Tensor x = raw_to(input, input.scalar_type()).detach();
  Tensor mean, invstd, out;
  if (x.is_floating_point()) {
    out = batch_norm_kernel(x, weight, bias, running_mean, running_var,
                            training, momentum, eps, mean, invstd);
  } else {
    c10::NoGradGuard no_grad;
    if (training) {
      mean = x.mean(red);
      Tensor centered = x - mean.reshape(bshape);
      Tensor var_biased = (centered * centered).mean(red);
      invstd = (var_biased + eps).pow(-0.5);
      if (running_mean.defined()) {
        Tensor var_unbiased = var_biased * (n / (n - 1));
        raw_copy_into(running_mean,
                      running_mean * (1 - momentum) + mean * momentum);
        raw_copy_into(running_var,
                      running_var * (1 - momentum) + var_unbiased * momentum);
      }
    } else {
      mean = running_mean.detach().clone();
      invstd = (running_var.detach() + eps).pow(-0.5);
    }
    out = (x - mean.reshape(bshape)) * invstd.reshape(bshape);
    if (weight.defined()) out = out * weight.detach().reshape(bshape);
    if (bias.defined()) out = out + bias.detach().reshape(bshape);
  }
  Tensor r = raw_contiguous(out);
  record(TT_OP("batch_norm", ""),
         {&input, &weight, &bias, &running_mean, &running_var}, r,
         [training, mean, invstd](const Tensor& g,
                                  const Saved& s) -> variable_list {
           return batch_norm_backward(g, s.self, s.other, mean, invstd,
                                      training);
         });
  return r;
}

// --- conv2d
// ----------------------------------------------------------------------

Tensor conv2d(const Tensor& input, const Tensor& weight, const Tensor& bias,
              IntArrayRef stride, IntArrayRef padding, IntArrayRef dilation,
              int64_t groups) {
  TORCH_CHECK(groups == 1, "conv2d: the runtime supports groups == 1 only");
  TORCH_CHECK(input.dim() == 4 && weight.dim() == 4,
              "conv2d: expected 4-D input and weight");
  auto pick = [](IntArrayRef a, std::size_t i) {
    return a.size() == 1 ? a[0] : a[i];
  };
  const int64_t sh = pick(stride, 0), sw = pick(stride, 1);
  const int64_t ph = pick(padding, 0), pw = pick(padding, 1);
  const int64_t dh = pick(dilation, 0), dw = pick(dilation, 1);
  const int64_t N = input.size(0), C = input.size(1), H = input.size(2),
                W = input.size(3);
  const int64_t O = weight.size(0), KH = weight.size(2), KW = weight.size(3);
  TORCH_CHECK(weight.size(1) == C, "Given groups=1, weight of size ",
              weight.sizes(), ", expected input", input.sizes(), " to have ",
              weight.size(1), " channels, but got ", C, " channels instead");
  const int64_t OH = (H + 2 * ph - dh * (KH - 1) - 1) / sh + 1;
  const int64_t OW = (W + 2 * pw - dw * (KW - 1) - 1) / sw + 1;
  Tensor x = raw_contiguous(input), w = raw_contiguous(weight);
  Tensor out = make_tensor({N, O, OH, OW}, input.scalar_type());
  // Visits every (output, input, weight) index triple of the convolution.
  auto for_each_tap = [=](auto&& f) {
    for (int64_t n = 0; n < N; ++n)
      for (int64_t o = 0; o < O; ++o)
        for (int64_t oh = 0; oh < OH; ++oh)
          for (int64_t ow = 0; ow < OW; ++ow)
            for (int64_t c = 0; c < C; ++c)
              for (int64_t kh = 0; kh < KH; ++kh)
                for (int64_t kw = 0; kw < KW; ++kw) {
                  const int64_t ih = oh * sh - ph + kh * dh;
                  const int64_t iw = ow * sw - pw + kw * dw;
                  if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                  f(((n * O + o) * OH + oh) * OW + ow,
                    ((n * C + c) * H + ih) * W + iw,
                    ((o * C + c) * KH + kh) * KW + kw);
                }
  };
  dispatch(input.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    T* po = static_cast<T*>(out.impl().data_bytes());
    const T* px = static_cast<const T*>(x.impl().data_bytes());
    const T* pw_ = static_cast<const T*>(w.impl().data_bytes());
    for (int64_t i = 0, e = out.numel(); i < e; ++i) po[i] = T(0);
    for_each_tap([&](int64_t oi, int64_t xi, int64_t wi) {
      po[oi] = T(po[oi] + px[xi] * pw_[wi]);
    });
    if (bias.defined()) {
      Tensor b = raw_contiguous(bias);
      const T* pb = static_cast<const T*>(b.impl().data_bytes());
      for (int64_t i = 0, e = out.numel(); i < e; ++i)
        po[i] = T(po[i] + pb[(i / (OH * OW)) % O]);
    }
  });
  const bool has_bias = bias.defined();
  record(TT_OP("conv2d", ""), {&input, &weight, &bias}, out,
         [for_each_tap, has_bias](const Tensor& g,
                                  const Saved& s) -> variable_list {
           Tensor gc = raw_contiguous(g);
           Tensor xs = raw_contiguous(s.self), ws = raw_contiguous(s.other);
           Tensor gx = zeros_like(xs), gw = zeros_like(ws);
           dispatch(g.scalar_type(), [&](auto tag) {
             using T = decltype(tag);
             const T* pg = static_cast<const T*>(gc.impl().data_bytes());
             const T* px = static_cast<const T*>(xs.impl().data_bytes());
             const T* pw_ = static_cast<const T*>(ws.impl().data_bytes());
             T* pgx = static_cast<T*>(gx.impl().data_bytes());
             T* pgw = static_cast<T*>(gw.impl().data_bytes());
             for_each_tap([&](int64_t oi, int64_t xi, int64_t wi) {
               pgx[xi] = T(pgx[xi] + pg[oi] * pw_[wi]);
               pgw[wi] = T(pgw[wi] + pg[oi] * px[xi]);
             });
           });
           return {gx, gw, has_bias ? g.sum({0, 2, 3}) : Tensor()};
         });
  return out;
}

// --- losses
// ---------------------------------------------------------------------

namespace {
Tensor reduce(const Tensor& t, int64_t reduction) {
  if (reduction == Reduction::Mean) return t.mean();
  if (reduction == Reduction::Sum) return t.sum();
  return t;
}
}  // namespace

Tensor mse_loss(const Tensor& input, const Tensor& target, int64_t reduction) {
  Tensor r;
  {
    c10::NoGradGuard no_grad;
    Tensor d = input - target;
    // Reduction none is TensorIterator's (input, target) layout.
    r = iterator_layout(raw_contiguous(reduce(d * d, reduction)),
                        {&input, &target});
  }
  DimVector in(input.sizes()), tg(target.sizes());
  const double n = double(broadcast_shapes(in, tg).size() ? 1 : 1) *
                   double(std::max<int64_t>(input.numel(), target.numel()));
  record(
      TT_OP("mse_loss", ""), {&input, &target}, r,
      [reduction, n, in, tg](const Tensor& g, const Saved& s) -> variable_list {
        // LibTorch's mse_loss_backward kernel wants one dtype: the forward
        // promotes, the backward refuses a target of another dtype.
        TORCH_CHECK(s.other.scalar_type() == s.self.scalar_type(),
                    "Found dtype ", c10::toString(s.other.scalar_type()),
                    " but expected ", c10::toString(s.self.scalar_type()));
        // As derivatives.yaml: the target's gradient is mse_loss_backward
        // with the operands swapped.
        return {
            sum_to(mse_loss_backward(g, s.self, s.other, reduction, n), in),
            sum_to(mse_loss_backward(g, s.other, s.self, reduction, n), tg)};
      });
  return r;
}

Tensor nll_loss(const Tensor& input, const Tensor& target, const Tensor& weight,
                int64_t reduction, int64_t ignore_index) {
  TORCH_CHECK(input.dim() == 1 || input.dim() == 2,
              "nll_loss: expected input of 1 or 2 dims");
  TORCH_CHECK(target.scalar_type() == kLong,
              "expected scalar type Long but found ",
              c10::toString(target.scalar_type()));
  const bool batched = input.dim() == 2;
  const int64_t N = batched ? input.size(0) : 1, C = input.size(-1);
  Tensor x = raw_contiguous(raw_to(input, input.scalar_type()));
  Tensor t = raw_contiguous(target);
  Tensor w =
      weight.defined() ? raw_contiguous(raw_to(weight, kDouble)) : Tensor();
  const int64_t* pt = static_cast<const int64_t*>(t.impl().data_bytes());
  std::vector<double> per(std::size_t(N), 0.0), wt(std::size_t(N), 0.0);
  double total_weight = 0;
  dispatch(input.scalar_type(), [&](auto tag) {
    using T = decltype(tag);
    const T* px = static_cast<const T*>(x.impl().data_bytes());
    for (int64_t i = 0; i < N; ++i) {
      const int64_t cls = pt[i];
      if (cls == ignore_index) continue;
      TORCH_CHECK_INDEX(cls >= 0 && cls < C, "Target ", cls,
                        " is out of bounds.");
      const double wi =
          w.defined() ? static_cast<const double*>(w.impl().data_bytes())[cls]
                      : 1.0;
      per[i] = -wi * double(px[i * C + cls]);
      wt[i] = wi;
      total_weight += wi;
    }
  });
  Tensor r;
  if (reduction == Reduction::None && batched) {
    r = make_tensor({N}, input.scalar_type());
    dispatch(r.scalar_type(), [&](auto tag) {
      using T = decltype(tag);
      T* p = static_cast<T*>(r.impl().data_bytes());
      for (int64_t i = 0; i < N; ++i) p[i] = static_cast<T>(per[i]);
    });
  } else {
    double sum = 0;
    for (double v : per) sum += v;
    if (reduction == Reduction::Mean) sum /= total_weight;
    r = scalar_tensor(sum, input.scalar_type());
  }
  DimVector in(input.sizes());
  record(TT_OP("nll_loss", ""), {&input, &target}, r,
         [in, wt, total_weight, reduction, N, C](
             const Tensor& g, const Saved& s) -> variable_list {
           Tensor gi = zeros(in, TensorOptions(g.scalar_type()));
           Tensor tc = raw_contiguous(s.other);
           const int64_t* ptc =
               static_cast<const int64_t*>(tc.impl().data_bytes());
           dispatch(g.scalar_type(), [&](auto tag) {
             using T = decltype(tag);
             T* p = static_cast<T*>(gi.impl().data_bytes());
             for (int64_t i = 0; i < N; ++i) {
               if (wt[i] == 0) continue;
               const double gv = reduction == Reduction::None && g.dim() == 1
                                     ? read_double(g, i)
                                     : g.item<double>();
               const double scale =
                   reduction == Reduction::Mean ? wt[i] / total_weight : wt[i];
               p[i * C + ptc[i]] = static_cast<T>(-gv * scale);
             }
           });
           return {gi, Tensor()};
         });
  return r;
}

Tensor cross_entropy_loss(const Tensor& input, const Tensor& target,
                          const Tensor& weight, int64_t reduction,
                          int64_t ignore_index, double label_smoothing) {
  TORCH_CHECK(label_smoothing == 0.0,
              "cross_entropy_loss: label_smoothing is not supported by the "
              "runtime");
  return nll_loss(input.log_softmax(input.dim() == 1 ? 0 : 1), target, weight,
                  reduction, ignore_index);
}

}  // namespace at
