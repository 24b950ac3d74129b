#include "lm.h"

torch::Tensor LMImpl::generate(torch::Tensor ids, int steps) {
  for (int i = 0; i < steps; ++i) {
    torch::Tensor logits = forward(ids);
    ids = torch::cat({ids, logits.argmax(1, true).to(torch::kFloat)}, 1);
  }
  return ids;
}
