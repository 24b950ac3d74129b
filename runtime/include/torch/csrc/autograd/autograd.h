// torch::autograd::backward / grad.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/csrc/autograd/function.h>

namespace torch {
namespace autograd {

void backward(const variable_list& tensors,
              const variable_list& grad_tensors = {},
              c10::optional<bool> retain_graph = c10::nullopt,
              bool create_graph = false, const variable_list& inputs = {});

variable_list grad(const variable_list& outputs, const variable_list& inputs,
                   const variable_list& grad_outputs = {},
                   c10::optional<bool> retain_graph = c10::nullopt,
                   bool create_graph = false, bool allow_unused = false);

}  // namespace autograd
}  // namespace torch
