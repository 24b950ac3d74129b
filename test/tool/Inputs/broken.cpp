// Does not parse: a missing expression, and a fixable finding before it.
#include <torch/torch.h>

void f() {
  torch::NoGradGuard();
  int a = ;
}
