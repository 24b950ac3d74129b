#include "decoder.h"

LeakyDecoderImpl::LeakyDecoderImpl(double p) {
  fc = register_module("fc", torch::nn::Linear(4, 4));
  // Built but never registered: eval() on the owner does not reach it.
  drop = torch::nn::Dropout2d(torch::nn::Dropout2dOptions().p(p));
}

TidyDecoderImpl::TidyDecoderImpl(double p) {
  fc = register_module("fc", torch::nn::Linear(4, 4));
  drop = register_module(
      "drop", torch::nn::Dropout2d(torch::nn::Dropout2dOptions().p(p)));
}

LinearDecoderImpl::LinearDecoderImpl(double p) : GenericDecoderImpl(p) {}
