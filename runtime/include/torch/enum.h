// torch::kValid, torch::kZeros, torch::kFanIn, ...: tag values LibTorch
// passes where Python passes strings ("same", "zeros", "fan_in"). Each is a
// distinct empty type in torch::enumtype so options can hold a variant of
// them, as LibTorch's torch/enum.h.
#pragma once

#include <string>
#include <variant>

#define TORCH_ENUM_DECLARE(name)                  \
  namespace torch {                               \
  namespace enumtype {                            \
  struct k##name {                                \
    k##name() {}                                  \
    std::string str() const { return "k" #name; } \
  };                                              \
  }                                               \
  inline const enumtype::k##name k##name;         \
  }

TORCH_ENUM_DECLARE(Linear)
TORCH_ENUM_DECLARE(Conv1D)
TORCH_ENUM_DECLARE(Conv2D)
TORCH_ENUM_DECLARE(Conv3D)
TORCH_ENUM_DECLARE(ConvTranspose1D)
TORCH_ENUM_DECLARE(ConvTranspose2D)
TORCH_ENUM_DECLARE(ConvTranspose3D)
TORCH_ENUM_DECLARE(Sigmoid)
TORCH_ENUM_DECLARE(Tanh)
TORCH_ENUM_DECLARE(ReLU)
TORCH_ENUM_DECLARE(LeakyReLU)
TORCH_ENUM_DECLARE(FanIn)
TORCH_ENUM_DECLARE(FanOut)
TORCH_ENUM_DECLARE(Zeros)
TORCH_ENUM_DECLARE(Reflect)
TORCH_ENUM_DECLARE(Replicate)
TORCH_ENUM_DECLARE(Circular)
TORCH_ENUM_DECLARE(Valid)
TORCH_ENUM_DECLARE(Same)
TORCH_ENUM_DECLARE(None)
TORCH_ENUM_DECLARE(Mean)
TORCH_ENUM_DECLARE(Sum)

namespace torch {
namespace enumtype {
// "kZeros" for a variant holding kZeros, as LibTorch's get_enum_name.
template <typename... Ts>
std::string get_enum_name(const std::variant<Ts...>& v) {
  return std::visit([](const auto& e) { return e.str(); }, v);
}
}  // namespace enumtype
}  // namespace torch
