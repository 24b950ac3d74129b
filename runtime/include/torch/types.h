// torch:: sees at:: as in LibTorch (torch/types.h: `using namespace at;`).
#pragma once

#include <ATen/Functions.h>
#include <ATen/core/Tensor.h>

namespace torch {
using namespace at;  // NOLINT: LibTorch does exactly this
}  // namespace torch
