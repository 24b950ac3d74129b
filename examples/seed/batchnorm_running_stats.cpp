// BatchNorm in training mode normalizes with the batch's statistics AND
// updates its running statistics: an "inference" pass that forgot eval()
// changes the model. In eval mode it uses the running statistics and updates
// nothing.
#include <cmath>
#include <cstdio>

#include <torch/torch.h>

#include "demo_check.h"

namespace {
void print_stats(const char* when, torch::nn::BatchNorm1d& bn) {
  std::printf("%-34s running_mean = [%.4f, %.4f]  running_var = [%.4f, %.4f]"
              "  num_batches_tracked = %lld\n",
              when, bn->running_mean[0].item<float>(),
              bn->running_mean[1].item<float>(), bn->running_var[0].item<float>(),
              bn->running_var[1].item<float>(),
              static_cast<long long>(bn->num_batches_tracked.item<int64_t>()));
}
}  // namespace

int main() {
  torch::nn::BatchNorm1d bn(2);
  torch::Tensor batch = torch::tensor({{1.0, 10.0}, {3.0, 20.0}, {5.0, 30.0}});
  print_stats("fresh module:", bn);

  torch::Tensor y = bn(batch);  // training mode: uses and updates statistics
  print_stats("after one training-mode forward:", bn);
  std::printf("  output column 0 (batch-normalized): [%.4f, %.4f, %.4f]\n",
              y[0][0].item<float>(), y[1][0].item<float>(), y[2][0].item<float>());
  // running = 0.9 * 0 + 0.1 * mean; var stored unbiased: 0.9 * 1 + 0.1 * 4.
  DEMO_EXPECT(std::abs(bn->running_mean[0].item<float>() - 0.3f) < 1e-6, "running mean updated");
  DEMO_EXPECT(std::abs(bn->running_var[0].item<float>() - 1.3f) < 1e-6, "running var updated (unbiased)");

  bn->eval();
  torch::Tensor before = bn->running_mean.clone();
  torch::Tensor z = bn(batch);
  print_stats("after an eval-mode forward:", bn);
  std::printf("  output column 0 (running stats):    [%.4f, %.4f, %.4f]\n",
              z[0][0].item<float>(), z[1][0].item<float>(), z[2][0].item<float>());
  DEMO_EXPECT(torch::equal(before, bn->running_mean), "eval leaves running stats alone");
  DEMO_EXPECT(bn->num_batches_tracked.item<int64_t>() == 1, "eval does not count batches");
  return 0;
}
