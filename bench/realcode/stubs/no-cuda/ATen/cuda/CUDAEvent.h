// torch-tidy real-code benchmark: a stand-in for <ATen/cuda/CUDAEvent.h>, which needs the
// CUDA toolkit (cuda_runtime_api.h). It declares just the event API the listed files use.
#pragma once
#include <c10/cuda/CUDAStream.h>

namespace at::cuda {

// A CUDA event that can be recorded on one stream and waited on by another.
class CUDAEvent {
public:
  CUDAEvent() = default;
  void record();
  void record(const CUDAStream &stream);
  void block(const CUDAStream &stream);
  bool query() const;
  void synchronize() const;
};

} // namespace at::cuda
