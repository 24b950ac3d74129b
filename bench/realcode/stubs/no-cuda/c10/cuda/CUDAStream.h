// torch-tidy real-code benchmark: an empty stand-in for <c10/cuda/CUDAStream.h>, which needs the
// CUDA toolkit (cuda_runtime_api.h). The listed files include it but use nothing from it.
#pragma once
