// A small classifier: Linear -> BatchNorm1d -> ReLU -> Dropout -> Linear.
// BatchNorm and Dropout behave differently in training and eval mode, which
// is what makes a forgotten eval() (or a forgotten train()) a bug.
#pragma once

#include <torch/torch.h>

struct ClassifierImpl : torch::nn::Module {
  ClassifierImpl(int64_t inputs, int64_t hidden, int64_t classes)
      : fc1(register_module("fc1", torch::nn::Linear(inputs, hidden))),
        bn(register_module("bn", torch::nn::BatchNorm1d(hidden))),
        drop(register_module("drop", torch::nn::Dropout(0.5))),
        fc2(register_module("fc2", torch::nn::Linear(hidden, classes))) {}

  // The hidden representation, also used as features by other models.
  torch::Tensor features(torch::Tensor x) { return torch::relu(bn(fc1(x))); }

  torch::Tensor forward(torch::Tensor x) { return fc2(drop(features(x))); }

  torch::nn::Linear fc1;
  torch::nn::BatchNorm1d bn;
  torch::nn::Dropout drop;
  torch::nn::Linear fc2;
};
TORCH_MODULE(Classifier);

// Synthetic data: `count` points of `inputs` features, labels in [0, 3).
struct Batch {
  torch::Tensor x, y;
};
Batch make_batch(int64_t count, int64_t inputs, uint64_t seed);
