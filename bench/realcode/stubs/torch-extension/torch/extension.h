// torch-tidy real-code benchmark: <torch/extension.h> without the Python
// bindings (pybind11 is not installed here). The C++ part is <torch/torch.h>.
#pragma once
#include <torch/torch.h>
