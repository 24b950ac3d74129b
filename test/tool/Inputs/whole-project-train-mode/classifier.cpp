#include "classifier.h"

void Classifier::LoadWeights(const std::string& path) {
  torch::load(net, path);
  net->eval();
}

int Classifier::Predict(torch::Tensor image) {
  torch::NoGradGuard no_grad;
  return net->forward(image).argmax(1).item<int>();
}

void Classifier::Fit(torch::Tensor x, torch::Tensor y, int epochs) {
  torch::optim::SGD opt(net->parameters(), 0.1);
  for (int e = 0; e < epochs; ++e) {
    opt.zero_grad();
    torch::mse_loss(net->forward(x), y).backward();
    opt.step();
  }
}

void Regressor::LoadWeights(const std::string& path) {
  torch::load(net, path);
  net->eval();
}

void Regressor::Fit(torch::Tensor x, torch::Tensor y, int epochs) {
  torch::optim::SGD opt(net->parameters(), 0.1);
  net->train();
  for (int e = 0; e < epochs; ++e) {
    opt.zero_grad();
    torch::mse_loss(net->forward(x), y).backward();
    opt.step();
  }
}

void Tagger::LoadWeights(const std::string& path) {
  torch::load(net, path);
  net->eval();
}

void Tagger::Fit(torch::Tensor x, torch::Tensor y, int epochs) {
  torch::optim::SGD opt(net->parameters(), 0.1);
  for (int e = 0; e < epochs; ++e) {
    opt.zero_grad();
    torch::mse_loss(net->forward(x), y).backward();
    opt.step();
  }
}
