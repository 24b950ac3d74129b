// The same finding, in a directory whose .clang-tidy enables no check.
#include <torch/torch.h>

void f() { torch::NoGradGuard(); }
