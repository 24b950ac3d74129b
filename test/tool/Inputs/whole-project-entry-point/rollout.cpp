// Collects actions and values with gradients off.
#include "policy.h"
#include <iostream>
#include <vector>

void rollout(Policy &policy, torch::Tensor obs,
             std::vector<torch::Tensor> &actions) {
  torch::NoGradGuard no_grad;
  actions.push_back(policy->act(obs));
  std::cout << policy->probs(obs).max().item<float>() << "\n";
  std::cout << policy->value(obs).mean().item<float>() << "\n";
}
