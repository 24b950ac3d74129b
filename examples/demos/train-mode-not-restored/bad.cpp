// torch-train-mode-not-restored: validation switches the model to eval mode
// and the next epoch trains in it: Dropout off, BatchNorm statistics frozen
// (bad.cpp); fixed.cpp is what `torch-tidy --fix` makes of it.
#include "../demo.h"
#include "model.h"

int main() {
  torch::manual_seed(0);
  Classifier model(8, 16, 3);
  torch::optim::SGD optimizer(model->parameters(),
                              torch::optim::SGDOptions(0.1));
  torch::Tensor x = torch::randn({32, 8});
  torch::Tensor y = x.slice(1, 0, 3).argmax(1);
  for (int epoch = 0; epoch < 3; ++epoch) {
    std::printf("epoch %d trains in %s mode\n", epoch,
                model->is_training() ? "training" : "eval");
    optimizer.zero_grad();
    torch::Tensor loss = torch::nn::functional::cross_entropy(model(x), y);
    loss.backward();
    optimizer.step();

    model->eval();
    torch::NoGradGuard no_grad;
    torch::Tensor accuracy =
        model(x).argmax(1).eq(y).to(torch::kFloat).mean();
    (void)accuracy;
  }
  std::printf("BatchNorm batches tracked in training: %lld\n",
              static_cast<long long>(
                  model->bn->num_batches_tracked.item<int64_t>()));
  return 0;
}
