#include "lm.h"

// Decodes under a guard.
torch::Tensor decode_batch(LM &lm, torch::Tensor ids) {
  torch::NoGradGuard no_grad;
  return lm->generate(ids, 4);
}
