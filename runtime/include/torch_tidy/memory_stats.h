// What an autograd graph costs while it is alive: the number of graph nodes
// and the bytes of the tensors they saved for backward. Not a LibTorch API:
// it lets a demo turn "inference without a grad guard keeps a graph alive"
// into a number.
#pragma once

#include <cstdint>

namespace torch_tidy {

struct AutogradMemory {
  int64_t live_nodes = 0;
  int64_t saved_tensor_bytes = 0;
};

AutogradMemory autograd_memory();

}  // namespace torch_tidy
