// Memory formats of new tensors (LibTorch's c10/core/MemoryFormat.h), the
// two the runtime supports: Contiguous (row-major) and Preserve (the
// source's layout: its strides when it is dense, else dense strides in its
// dimension order). Channels-last formats are not supported.
#pragma once

#include <cstdint>

namespace c10 {
enum class MemoryFormat : int8_t { Contiguous, Preserve };
}  // namespace c10

namespace at {
using c10::MemoryFormat;
}  // namespace at
