// A smoke test that runs the policy with gradients on, only to look at
// shapes: probs() records a graph nobody needs, and so does forward().
#include "policy.h"
#include <iostream>

void checkShapes(Policy &policy) {
  torch::Tensor obs = torch::zeros({3, 4});
  std::cout << policy->probs(obs).sizes() << "\n";
  std::cout << policy->forward(obs).sizes() << "\n";
}
