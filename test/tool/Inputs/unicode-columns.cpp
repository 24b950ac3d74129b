// Non-ASCII text before findings: SARIF columns count UTF-16 code units,
// the text output bytes (as clang).
#include <torch/torch.h>

torch::Tensor scale(torch::Tensor x);

torch::Tensor f(torch::Tensor x) {
  /* é */ torch::NoGradGuard();
  return scale(x);
}

torch::Tensor g(torch::Tensor x) {
  /* 😀 */ torch::NoGradGuard();
  return scale(x);
}
