// predict.cpp later (baseline.test): lines added above every old finding,
// one old finding re-indented, and two new findings: a third function
// with the same line as first() and second(), and a new line.
#include <torch/torch.h>

#include <iostream>

void setup() {}

void first(torch::nn::Linear& model, torch::Tensor x) {
  std::cout << model(x) << std::endl;
}

void second(torch::nn::Linear& model, torch::Tensor x) {
  std::cout << model(x) << std::endl;
}

void scores(torch::nn::Linear& model, torch::Tensor x) {
  if (x.defined())
      std::cout << model(x).softmax(1) << std::endl;
}

void third(torch::nn::Linear& model, torch::Tensor x) {
  std::cout << model(x) << std::endl;
}

void ranks(torch::nn::Linear& model, torch::Tensor x) {
  std::cout << model(x).argmax(1) << std::endl;
}
