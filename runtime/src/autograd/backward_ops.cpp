#include "autograd/backward_ops.h"

#include <ATen/Functions.h>

#include "autograd/record.h"

namespace torch_tidy {
namespace rt {

Tensor threshold_backward(const Tensor& grad, const Tensor& self,
                          double threshold) {
  return compute_and_record(
      TT_OP("threshold_backward", ""), {&grad, &self},
      [&] {
        return at::where(self.le(threshold),
                         at::zeros({}, at::TensorOptions(grad.scalar_type())),
                         grad);
      },
      [threshold](const Tensor& g, const Saved& s) -> variable_list {
        return {threshold_backward(g, s.other, threshold), at::zeros_like(g)};
      });
}

Tensor sigmoid_backward(const Tensor& grad, const Tensor& output) {
  return compute_and_record(
      TT_OP("sigmoid_backward", ""), {&grad, &output},
      [&] { return grad * (1 - output) * output; },
      [](const Tensor& g, const Saved& s) -> variable_list {
        return {sigmoid_backward(g, s.other),
                s.self.defined() ? g * s.self * (s.other * -2 + 1) : Tensor()};
      });
}

Tensor tanh_backward(const Tensor& grad, const Tensor& output) {
  return compute_and_record(
      TT_OP("tanh_backward", ""), {&grad, &output},
      [&] { return grad * (1 - output * output); },
      [](const Tensor& g, const Saved& s) -> variable_list {
        return {tanh_backward(g, s.other),
                s.self.defined() ? g * (s.other * -2 * s.self) : Tensor()};
      });
}

Tensor softmax_backward_data(const Tensor& grad, const Tensor& output,
                             int64_t dim) {
  return compute_and_record(
      TT_OP("_softmax_backward_data", ""), {&grad, &output},
      [&] { return output * (grad - (grad * output).sum({dim}, true)); },
      [dim](const Tensor& g, const Saved& s) -> variable_list {
        // d/d output of output * (go - sum(go * output)), applied to g.
        Tensor go;
        if (s.self.defined())
          go = g * (s.self - (s.self * s.other).sum({dim}, true)) -
               s.self * (g * s.other).sum({dim}, true);
        return {softmax_backward_data(g, s.other, dim), go};
      });
}

Tensor log_softmax_backward_data(const Tensor& grad, const Tensor& output,
                                 int64_t dim) {
  return compute_and_record(
      TT_OP("_log_softmax_backward_data", ""), {&grad, &output},
      [&] { return grad - output.exp() * grad.sum({dim}, true); },
      [dim](const Tensor& g, const Saved& s) -> variable_list {
        Tensor go;
        if (s.self.defined()) go = -s.self.sum({dim}, true) * s.other.exp() * g;
        return {g - (g * s.other.exp()).sum({dim}, true), go};
      });
}

Tensor mse_loss_backward(const Tensor& grad, const Tensor& input,
                         const Tensor& target, int64_t reduction, double n) {
  const double norm = reduction == at::Reduction::Mean ? 2. / n : 2.;
  return compute_and_record(
      TT_OP("mse_loss_backward", ""), {&grad, &input, &target},
      [&] { return (input - target) * norm * grad; },
      [reduction, norm](const Tensor& g, const Saved& s) -> variable_list {
        // mse_loss_double_backward(_grad_output) of derivatives.yaml.
        Tensor gg_out;
        if (s.other.defined()) {
          gg_out = (s.other - s.third) * norm * g;
          if (reduction != at::Reduction::None) gg_out = gg_out.sum();
        }
        Tensor gs = s.self.defined() ? g * s.self * norm : Tensor();
        return {gg_out, gs, gs.defined() ? -gs : Tensor()};
      });
}

}  // namespace rt
}  // namespace torch_tidy
