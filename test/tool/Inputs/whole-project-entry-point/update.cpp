// The policy-gradient step: logProbs() and the module's call (forward(),
// through the holder's operator()) feed backward().
#include "policy.h"

void update(Policy &policy, torch::optim::SGD &opt, torch::Tensor obs,
            torch::Tensor advantage) {
  torch::Tensor loss = -(policy->logProbs(obs) * advantage).mean() +
                       policy(obs).pow(2).mean();
  opt.zero_grad();
  loss.backward();
  opt.step();
}
