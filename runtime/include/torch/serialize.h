// torch::save / torch::load for modules and tensors. The runtime's file
// format is its own (LibTorch writes a zip archive of pickles): files round-
// trip through the runtime, not between the runtime and LibTorch.
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include <memory>
#include <string>

namespace torch {

namespace serialize {
// Parameters and buffers by their dotted names.
void save_module(const nn::Module& module, const std::string& path);
void load_module(nn::Module& module, const std::string& path);
void save_tensor(const at::Tensor& tensor, const std::string& path);
at::Tensor load_tensor(const std::string& path);
}  // namespace serialize

template <typename M>
void save(const std::shared_ptr<M>& module, const std::string& path) {
  serialize::save_module(*module, path);
}
template <typename M>
void save(const nn::ModuleHolder<M>& module, const std::string& path) {
  serialize::save_module(*module.ptr(), path);
}
inline void save(const at::Tensor& tensor, const std::string& path) {
  serialize::save_tensor(tensor, path);
}

template <typename M>
void load(std::shared_ptr<M>& module, const std::string& path) {
  serialize::load_module(*module, path);
}
template <typename M>
void load(nn::ModuleHolder<M>& module, const std::string& path) {
  serialize::load_module(*module.ptr(), path);
}
inline void load(at::Tensor& tensor, const std::string& path) {
  tensor = serialize::load_tensor(path);
}

}  // namespace torch
