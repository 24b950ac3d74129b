// Per-tensor autograd state.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/csrc/autograd/function.h>

#include <memory>

namespace torch {
namespace autograd {

struct AutogradMeta {
  bool requires_grad = false;
  bool retains_grad = false;
  at::Tensor grad;
  std::shared_ptr<Node> grad_fn;
  // Leaves that require grad accumulate through one AccumulateGrad node,
  // created lazily and owned by the graph that uses it.
  std::weak_ptr<Node> grad_accumulator;
  uint32_t output_nr = 0;
  // For differentiable views: the version at which grad_fn was set. When the
  // shared version moves on (an in-place op on the base or another view),
  // grad_fn() regenerates it as AsStridedBackward0 of the base.
  uint32_t attr_version = 0;
};

// The edge a consumer op records for `t`: its grad_fn, or the accumulator of
// a leaf that requires grad; invalid when `t` does not require grad.
Edge gradient_edge(const at::Tensor& t);

}  // namespace autograd
}  // namespace torch
