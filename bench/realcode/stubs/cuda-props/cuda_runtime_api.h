// torch-tidy real-code benchmark: a stand-in for the CUDA toolkit's <cuda_runtime_api.h>,
// declaring just what crim TestBench/training.cpp uses. Declarations only. (Proposed, not compiled.)
#pragma once
#include <cstddef>

typedef int cudaError_t;

struct cudaDeviceProp {
  char name[256];
  std::size_t totalGlobalMem;
  int major;
  int minor;
};

cudaError_t cudaGetDeviceCount(int *count);
cudaError_t cudaSetDevice(int device);
cudaError_t cudaGetDevice(int *device);
cudaError_t cudaMemGetInfo(std::size_t *free, std::size_t *total);
