// Parse-only stand-in for <c10/cuda/CUDACachingAllocator.h> (needs the CUDA
// toolkit): just what the listed files use. Declarations only; nothing runs.
#pragma once

namespace c10::cuda::CUDACachingAllocator {
// Returns the allocator's cached, unused blocks to the device.
void emptyCache();
} // namespace c10::cuda::CUDACachingAllocator
