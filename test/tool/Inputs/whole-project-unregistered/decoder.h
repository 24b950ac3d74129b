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

// A class template whose constructor registers its members (seen in a
// ResNet<Block> zoo), and a derived model constructed in decoder.cpp.
template <typename Head>
struct GenericDecoderImpl : torch::nn::Module {
  explicit GenericDecoderImpl(double p)
      : head(4, 4), drop(torch::nn::Dropout2dOptions().p(p)) {
    register_module("head", head);
    register_module("drop", drop);
  }
  torch::Tensor forward(torch::Tensor x) { return drop(head(x)); }
  Head head;
  torch::nn::Dropout2d drop;
};

struct LinearDecoderImpl : GenericDecoderImpl<torch::nn::Linear> {
  explicit LinearDecoderImpl(double p);
};
TORCH_MODULE(LinearDecoder);
