// The policy-gradient step: logProbs() feeds backward().
#include "policy.h"

void update(Policy &policy, torch::optim::SGD &opt, torch::Tensor obs,
            torch::Tensor advantage) {
  torch::Tensor loss = -(policy->logProbs(obs) * advantage).mean();
  opt.zero_grad();
  loss.backward();
  opt.step();
}
