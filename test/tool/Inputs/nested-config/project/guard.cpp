// A finding of torch-unnamed-guard, which this directory's .clang-tidy
// enables.
#include <torch/torch.h>

void f() { torch::NoGradGuard(); }
