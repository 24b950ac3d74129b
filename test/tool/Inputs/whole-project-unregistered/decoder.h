// Two decoders whose constructors are defined in decoder.cpp; both hold a
// Dropout2d, one forgets to register it.
#pragma once
#include <torch/torch.h>

struct LeakyDecoderImpl : torch::nn::Module {
  explicit LeakyDecoderImpl(double p);
  torch::Tensor forward(torch::Tensor x) { return drop(fc(x)); }
  torch::nn::Linear fc{nullptr};
  torch::nn::Dropout2d drop{nullptr};
};
TORCH_MODULE(LeakyDecoder);

struct TidyDecoderImpl : torch::nn::Module {
  explicit TidyDecoderImpl(double p);
  torch::Tensor forward(torch::Tensor x) { return drop(fc(x)); }
  torch::nn::Linear fc{nullptr};
  torch::nn::Dropout2d drop{nullptr};
};
TORCH_MODULE(TidyDecoder);

// A segmentation model that registers its decoder.
struct SegmenterImpl : torch::nn::Module {
  SegmenterImpl() { decoder = register_module("decoder", LeakyDecoder(0.2)); }
  torch::Tensor forward(torch::Tensor x) { return decoder(x); }
  LeakyDecoder decoder{nullptr};
};
TORCH_MODULE(Segmenter);
