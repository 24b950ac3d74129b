// torch-tidy real-code benchmark: a stand-in for <ATen/cuda/CUDAGraph.h>, which needs the
// CUDA toolkit (cuda_runtime_api.h). It declares just the graph-capture API the listed files use.
#pragma once
#include <c10/cuda/CUDAStream.h>

namespace at::cuda {

// Records the kernels launched between capture_begin() and capture_end()
// so that replay() can launch them again.
class CUDAGraph {
public:
  CUDAGraph();
  ~CUDAGraph();
  void capture_begin();
  void capture_end();
  void replay();
  void reset();
};

} // namespace at::cuda
