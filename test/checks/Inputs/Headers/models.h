// Models shared by the inference-check tests.
#pragma once

#include <torch/torch.h>

// Has a Dropout: mode-dependent.
struct NetImpl : torch::nn::Module {
  NetImpl()
      : fc(register_module("fc", torch::nn::Linear(4, 2))),
        drop(register_module("drop", torch::nn::Dropout(0.5))) {}
  torch::Tensor forward(torch::Tensor x) { return drop(fc(x)); }
  torch::nn::Linear fc;
  torch::nn::Dropout drop;
};
TORCH_MODULE(Net);

// Only Linear layers: behaves the same in both modes.
struct PlainImpl : torch::nn::Module {
  PlainImpl() : fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor x) { return fc(x); }
  torch::nn::Linear fc;
};
TORCH_MODULE(Plain);

// BatchNorm registered without a member.
struct BNNetImpl : torch::nn::Module {
  BNNetImpl() { register_module("bn", torch::nn::BatchNorm1d(4)); }
  torch::Tensor forward(torch::Tensor x) { return x; }
};
TORCH_MODULE(BNNet);

// Layers hidden behind a Sequential: cannot be seen.
struct SeqNetImpl : torch::nn::Module {
  SeqNetImpl() : body(register_module("body", torch::nn::Sequential())) {}
  torch::Tensor forward(torch::Tensor x) { return body->forward(x); }
  torch::nn::Sequential body;
};
TORCH_MODULE(SeqNet);

// A Sequential member built from visible layers, with a Dropout.
struct SeqDropImpl : torch::nn::Module {
  SeqDropImpl()
      : body(register_module("body", torch::nn::Sequential(
                                         torch::nn::Linear(4, 4),
                                         torch::nn::Dropout(0.2)))) {}
  torch::Tensor forward(torch::Tensor x) { return body->forward(x); }
  torch::nn::Sequential body;
};
TORCH_MODULE(SeqDrop);

// A Sequential member built from visible layers, none mode-dependent.
struct SeqPlainImpl : torch::nn::Module {
  SeqPlainImpl()
      : body(register_module("body", torch::nn::Sequential(
                                         torch::nn::Linear(4, 4),
                                         torch::nn::ReLU()))) {}
  torch::Tensor forward(torch::Tensor x) { return body->forward(x); }
  torch::nn::Sequential body;
};
TORCH_MODULE(SeqPlain);

// A Dropout held as a plain member, never registered: the owner's eval()
// does not reach it.
struct HiddenDropImpl : torch::nn::Module {
  HiddenDropImpl() : fc(register_module("fc", torch::nn::Linear(4, 4))) {}
  torch::Tensor forward(torch::Tensor x) { return drop(fc(x)); }
  torch::nn::Linear fc;
  torch::nn::Dropout drop{0.5};
};
TORCH_MODULE(HiddenDrop);
