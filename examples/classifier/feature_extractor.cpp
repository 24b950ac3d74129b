#include "feature_extractor.h"

torch::Tensor extract_features(Classifier& backbone, const torch::Tensor& x) {
  c10::InferenceMode guard;
  backbone->eval();
  return backbone->features(x);
}

double fit_head(Classifier& backbone, const Batch& data, int steps) {
  torch::nn::Linear head(16, 3);
  torch::optim::SGD optimizer(head->parameters(), torch::optim::SGDOptions(0.1));
  torch::Tensor features = extract_features(backbone, data.x);
  double last = 0;
  for (int step = 0; step < steps; ++step) {
    optimizer.zero_grad();
    // torch-inference-tensor-escape: linear saves its input for the weight's
    // gradient, and inference tensors cannot be saved.
    torch::Tensor loss =
        torch::nn::functional::cross_entropy(head(features), data.y);
    loss.backward();
    optimizer.step();
    last = loss.item<double>();
  }
  return last;
}
