// Fine-tuning a frozen backbone with a new head, then exporting embeddings:
// requires_grad_(false) on the backbone, SGD with momentum on the head,
// gradient accumulation, and an embedding pass in inference mode.
#include <torch/torch.h>

#include <iostream>
#include <vector>

struct BackboneImpl : torch::nn::Module {
  BackboneImpl()
      : embed(register_module("embed", torch::nn::Embedding(1000, 64))),
        encoder(register_module(
            "encoder",
            torch::nn::LSTM(torch::nn::LSTMOptions(64, 128).batch_first(true)))),
        norm(register_module(
            "norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({128})))) {}

  torch::Tensor forward(torch::Tensor tokens) {
    auto [out, state] = encoder(embed(tokens));
    (void)state;
    return norm(out.mean(/*dim=*/1));
  }

  torch::nn::Embedding embed;
  torch::nn::LSTM encoder;
  torch::nn::LayerNorm norm;
};
TORCH_MODULE(Backbone);

struct HeadImpl : torch::nn::Module {
  explicit HeadImpl(int64_t classes)
      : drop(register_module("drop", torch::nn::Dropout(0.2))),
        out(register_module("out", torch::nn::Linear(128, classes))) {}
  torch::Tensor forward(torch::Tensor x) { return out(drop(x)); }
  torch::nn::Dropout drop;
  torch::nn::Linear out;
};
TORCH_MODULE(Head);

std::vector<torch::Tensor> embed_all(Backbone& backbone,
                                     const std::vector<torch::Tensor>& batches) {
  torch::InferenceMode guard;
  backbone->eval();
  std::vector<torch::Tensor> embeddings;
  embeddings.reserve(batches.size());
  for (const torch::Tensor& tokens : batches)
    embeddings.push_back(backbone->forward(tokens));
  return embeddings;
}

int main() {
  Backbone backbone;
  Head head(5);
  for (auto& p : backbone->parameters()) p.requires_grad_(false);

  torch::optim::SGD optimizer(
      head->parameters(), torch::optim::SGDOptions(0.01).momentum(0.9).nesterov(true));
  torch::nn::CrossEntropyLoss criterion;

  constexpr int kAccumulate = 4;
  backbone->eval();
  head->train();
  for (int step = 0; step < 100; ++step) {
    torch::Tensor tokens = torch::randint(0, 1000, {16, 24}, torch::kLong);
    torch::Tensor labels = torch::randint(0, 5, {16}, torch::kLong);
    torch::Tensor features;
    {
      torch::NoGradGuard no_grad;
      features = backbone->forward(tokens);
    }
    torch::Tensor loss = criterion(head->forward(features), labels) / kAccumulate;
    loss.backward();
    if ((step + 1) % kAccumulate == 0) {
      optimizer.step();
      optimizer.zero_grad();
    }
    if (step % 20 == 0) std::cout << "step " << step << " loss " << loss.item<float>() << "\n";
  }

  std::vector<torch::Tensor> batches;
  for (int i = 0; i < 3; ++i) batches.push_back(torch::randint(0, 1000, {8, 24}, torch::kLong));
  std::vector<torch::Tensor> embeddings = embed_all(backbone, batches);
  std::cout << "embedded " << embeddings.size() << " batches of shape "
            << embeddings.front().sizes() << "\n";
  return 0;
}
