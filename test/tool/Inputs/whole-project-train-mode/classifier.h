// A classifier that owns its model: a loader that puts the model in eval
// mode, a prediction helper, and a training loop that never calls train().
#pragma once

#include <torch/torch.h>

struct NetImpl : torch::nn::Module {
  NetImpl()
      : fc(register_module("fc", torch::nn::Linear(4, 2))),
        bn(register_module("bn", torch::nn::BatchNorm1d(2))) {}
  torch::Tensor forward(torch::Tensor x) { return bn(fc(x)); }
  torch::nn::Linear fc;
  torch::nn::BatchNorm1d bn;
};
TORCH_MODULE(Net);

class Classifier {
public:
  void LoadWeights(const std::string& path);
  int Predict(torch::Tensor image);
  void Fit(torch::Tensor x, torch::Tensor y, int epochs);

private:
  Net net;
};

// The same, but its training loop switches the model back first.
class Regressor {
public:
  void LoadWeights(const std::string& path);
  void Fit(torch::Tensor x, torch::Tensor y, int epochs);

private:
  Net net;
};

// Loaded after training only (its one caller fits first).
class Tagger {
public:
  void LoadWeights(const std::string& path);
  void Fit(torch::Tensor x, torch::Tensor y, int epochs);

private:
  Net net;
};
