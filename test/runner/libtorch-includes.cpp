// %libtorch_includes parses the real LibTorch headers (Debian's libtorch-dev),
// not the runtime's look-alikes. About 10 s.
// REQUIRES: libtorch
// RUN: clang++ -std=c++17 -fsyntax-only -H %libtorch_includes %s 2>&1 \
// RUN:   | FileCheck %s
// CHECK: {{^}}. /{{.*}}/torch/csrc/api/include/torch/torch.h
// CHECK-NOT: runtime/include

#include <torch/torch.h>

int main() {
  torch::NoGradGuard no_grad;
  return static_cast<int>(torch::ones({2}).dim());
}
