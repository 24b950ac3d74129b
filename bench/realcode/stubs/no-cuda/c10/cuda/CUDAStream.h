// torch-tidy real-code benchmark: a stand-in for <c10/cuda/CUDAStream.h>, which needs the
// CUDA toolkit (cuda_runtime_api.h). It declares just the stream API the listed files use.
#pragma once
#include <c10/core/Device.h>
#include <c10/macros/Macros.h> // makes at::cuda see c10::cuda (using-directive)

namespace c10::cuda {

// A handle to a CUDA stream on one device; only copied and passed around here.
class CUDAStream {
public:
  DeviceIndex device_index() const { return device_index_; }

private:
  DeviceIndex device_index_ = 0;
};

CUDAStream getStreamFromPool(bool isHighPriority = false,
                             DeviceIndex device = -1);
CUDAStream getCurrentCUDAStream(DeviceIndex device_index = -1);
CUDAStream getDefaultCUDAStream(DeviceIndex device_index = -1);
void setCurrentCUDAStream(CUDAStream stream);

} // namespace c10::cuda
