// torch-tidy real-code benchmark: a stand-in for the CUDA driver API's <cuda.h>; the
// listed file (crim TestBench/training.cpp) uses nothing from it directly.
#pragma once
#include <cuda_runtime_api.h>
