// torch-tidy real-code benchmark: a stand-in for the CUDA toolkit's
// <cuda_runtime.h>, declaring just what the listed files use.
#pragma once
#include <cstddef>

typedef int cudaError_t;
cudaError_t cudaMemGetInfo(std::size_t *free, std::size_t *total);
