// Backward formulas that are ops of their own in LibTorch 1.13
// (tools/autograd/derivatives.yaml): threshold_backward, sigmoid_backward,
// tanh_backward, _softmax_backward_data, _log_softmax_backward_data,
// mse_loss_backward, native_batch_norm_backward. Called
// from the forward ops' gradient formulas; under create_graph they record
// the node LibTorch records (ThresholdBackwardBackward0, ...) with that
// node's own gradient formulas, so a second derivative taken through them
// has LibTorch's names and values.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/csrc/autograd/function.h>

#include <cstdint>

namespace torch_tidy {
namespace rt {

using at::Tensor;

// grad where self > threshold, else 0 (NaN in self passes grad, as
// LibTorch's `self <= threshold ? 0 : grad`).
Tensor threshold_backward(const Tensor& grad, const Tensor& self,
                          double threshold);
// grad * (1 - output) * output.
Tensor sigmoid_backward(const Tensor& grad, const Tensor& output);
// grad * (1 - output * output).
Tensor tanh_backward(const Tensor& grad, const Tensor& output);
// output * (grad - (grad * output).sum(dim, true)).
Tensor softmax_backward_data(const Tensor& grad, const Tensor& output,
                             int64_t dim);
// grad - output.exp() * grad.sum(dim, true).
Tensor log_softmax_backward_data(const Tensor& grad, const Tensor& output,
                                 int64_t dim);

// The gradient of mse_loss with respect to `input` (for the target, call it
// with the two swapped): norm * (input - target) * grad, norm = 2 / n for
// Mean (n: the broadcast numel), 2 otherwise. Reduction is at::Reduction's.
Tensor mse_loss_backward(const Tensor& grad, const Tensor& input,
                         const Tensor& target, int64_t reduction, double n);

// native_batch_norm_backward: the gradients {input, weight, bias} of
// batch_norm for `grad_out`, from the normalization's per-channel `mean`
// and `invstd` (the batch's in training, the running ones in eval). Weight
// gets none when `weight` is undefined. Under create_graph it
// records NativeBatchNormBackwardBackward0, whose formulas give exact second
// derivatives (training mode included: mean and invstd depend on input).
torch::autograd::variable_list batch_norm_backward(
    const Tensor& grad_out, const Tensor& input, const Tensor& weight,
    const Tensor& mean, const Tensor& invstd, bool training);

}  // namespace rt
}  // namespace torch_tidy
