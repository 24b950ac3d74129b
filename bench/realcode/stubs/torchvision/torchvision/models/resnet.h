// torch-tidy real-code benchmark: a parse-only stand-in for TorchVision's C++
// <torchvision/models/resnet.h>, declaring just what crim-libtorch-extensions' TestBench
// uses (vision::models::ResNet34Impl). Like the real one it has BatchNorm2d layers and a
// Linear head. Declarations only; nothing runs. (Proposed, not compiled.)
#pragma once
#include <torch/torch.h>

namespace vision {
namespace models {

struct ResNet34Impl : torch::nn::Module {
  torch::nn::Conv2d conv1{nullptr};
  torch::nn::BatchNorm2d bn1{nullptr};
  torch::nn::Sequential layer1{nullptr}, layer2{nullptr}, layer3{nullptr}, layer4{nullptr};
  torch::nn::Linear fc{nullptr};

  explicit ResNet34Impl(int64_t num_classes = 1000, bool zero_init_residual = false);
  torch::Tensor forward(torch::Tensor x);
};

TORCH_MODULE(ResNet34);

} // namespace models
} // namespace vision
