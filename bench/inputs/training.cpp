// A training loop for a small MLP regressor: DataLoader over a synthetic
// dataset, Adam, a learning-rate schedule, gradient clipping, validation
// under NoGradGuard in eval mode, and checkpoints.
#include <torch/torch.h>

#include <cstdio>
#include <iostream>
#include <limits>

struct SyntheticDataset : torch::data::datasets::Dataset<SyntheticDataset> {
  explicit SyntheticDataset(int64_t size, uint64_t seed) {
    torch::manual_seed(seed);
    inputs = torch::randn({size, 16});
    torch::Tensor w = torch::linspace(-1, 1, 16).unsqueeze(1);
    targets = inputs.matmul(w) + 0.1 * torch::randn({size, 1});
  }
  torch::data::Example<> get(size_t index) override {
    return {inputs[index], targets[index]};
  }
  torch::optional<size_t> size() const override { return inputs.size(0); }

  torch::Tensor inputs, targets;
};

struct RegressorImpl : torch::nn::Module {
  RegressorImpl()
      : layers(register_module(
            "layers",
            torch::nn::Sequential(torch::nn::Linear(16, 64), torch::nn::ReLU(),
                                  torch::nn::Dropout(0.1),
                                  torch::nn::Linear(64, 64), torch::nn::ReLU(),
                                  torch::nn::Linear(64, 1)))) {}
  torch::Tensor forward(torch::Tensor x) { return layers->forward(x); }
  torch::nn::Sequential layers;
};
TORCH_MODULE(Regressor);

template <typename Loader>
double validate(Regressor& model, Loader& loader) {
  torch::NoGradGuard no_grad;
  model->eval();
  double total = 0;
  int64_t count = 0;
  for (auto& batch : loader) {
    torch::Tensor pred = model->forward(batch.data);
    torch::Tensor loss =
        torch::mse_loss(pred, batch.target, torch::Reduction::Sum);
    total += loss.item<double>();
    count += batch.data.size(0);
  }
  model->train();
  return total / static_cast<double>(count);
}

int main() {
  torch::Device device =
      torch::cuda::is_available() ? torch::kCUDA : torch::kCPU;
  Regressor model;
  model->to(device);

  auto train_set = SyntheticDataset(4096, 1).map(torch::data::transforms::Stack<>());
  auto valid_set = SyntheticDataset(512, 2).map(torch::data::transforms::Stack<>());
  auto train_loader = torch::data::make_data_loader<torch::data::samplers::RandomSampler>(
      std::move(train_set), torch::data::DataLoaderOptions().batch_size(64).workers(2));
  auto valid_loader = torch::data::make_data_loader<torch::data::samplers::SequentialSampler>(
      std::move(valid_set), torch::data::DataLoaderOptions().batch_size(256));

  torch::optim::Adam optimizer(model->parameters(),
                               torch::optim::AdamOptions(1e-3).weight_decay(1e-4));
  torch::optim::StepLR scheduler(optimizer, /*step_size=*/5, /*gamma=*/0.5);

  double best = std::numeric_limits<double>::infinity();
  for (int epoch = 1; epoch <= 20; ++epoch) {
    model->train();
    double running = 0;
    int64_t batches = 0;
    for (auto& batch : *train_loader) {
      torch::Tensor x = batch.data.to(device);
      torch::Tensor y = batch.target.to(device);
      optimizer.zero_grad();
      torch::Tensor loss = torch::mse_loss(model->forward(x), y);
      loss.backward();
      torch::nn::utils::clip_grad_norm_(model->parameters(), /*max_norm=*/1.0);
      optimizer.step();
      running += loss.item<double>();
      ++batches;
    }
    scheduler.step();
    const double valid = validate(model, *valid_loader);
    std::printf("epoch %2d  train %.4f  valid %.4f\n", epoch,
                running / static_cast<double>(batches), valid);
    if (valid < best) {
      best = valid;
      torch::save(model, "regressor-best.pt");
    }
  }
  std::cout << "best validation loss " << best << "\n";
  return 0;
}
