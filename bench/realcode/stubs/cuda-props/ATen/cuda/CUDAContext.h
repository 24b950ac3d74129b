// torch-tidy real-code benchmark: a stand-in for <ATen/cuda/CUDAContext.h>, which needs the
// CUDA toolkit (cuda_runtime_api.h, cuBLAS, cuSPARSE). It declares just what crim
// TestBench/training.cpp uses. Declarations only. (Proposed, not compiled.)
#pragma once
#include <cstdint>
#include <cuda_runtime_api.h>

namespace at {
namespace cuda {
cudaDeviceProp *getDeviceProperties(int64_t device);
} // namespace cuda
} // namespace at
