#include "infer.h"

torch::Tensor predict(const std::string& checkpoint, const torch::Tensor& x) {
  Classifier model(8, 16, 3);
  torch::load(model, checkpoint);
  // torch-missing-eval and torch-missing-grad-guard: still in training mode
  // (Dropout drops, BatchNorm updates its statistics), and recording a graph.
  return torch::softmax(model(x), 1);
}

torch::Tensor predict_batch(Classifier& model, const torch::Tensor& x) {
  model->eval();
  torch::NoGradGuard();  // torch-unnamed-guard: destroyed at the semicolon
  return torch::softmax(model(x), 1);
}
