// A small stand-in for torch::jit::Module (TorchScript), which the runtime
// does not implement: only what the checks look at.
#pragma once

#include <string>
#include <vector>

#include <torch/torch.h>

namespace torch {
namespace jit {
struct IValue {
  IValue(torch::Tensor t) : tensor(t) {}  // NOLINT
  torch::Tensor toTensor() const { return tensor; }
  torch::Tensor tensor;
};
class Module {
public:
  IValue forward(std::vector<IValue> inputs) { return inputs.front(); }
  IValue operator()(std::vector<IValue> inputs) { return forward(inputs); }
  IValue run_method(const std::string& name, IValue x) { return x; }
  void train(bool on = true) { training_ = on; }
  void eval() { train(false); }
  bool is_training() const { return training_; }

private:
  bool training_ = true;
};
namespace script {
using Module = ::torch::jit::Module;
}
Module load(const std::string& path);
}  // namespace jit
}  // namespace torch
