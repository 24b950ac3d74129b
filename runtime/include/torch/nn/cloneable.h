// torch::nn::Cloneable<Derived>: the base of LibTorch's built-in layers. It
// adds reset(), which (re)creates and registers the parameters, buffers and
// children, and clone(), a deep copy built on it: copy the object, clear what
// it registered, reset() to register fresh tensors, then copy the values in.
// Members such as `weight` then point at the copy's own tensors.
#pragma once

#include <c10/core/GradMode.h>
#include <c10/util/Exception.h>
#include <torch/nn/module.h>

#include <memory>

namespace torch {
namespace nn {

// Virtual inheritance, as in LibTorch: a user class may derive from both
// Cloneable<X> and another Module base and still have one Module.
template <typename Derived>
class Cloneable : public virtual Module {
 public:
  using Module::Module;

  // Initialises all of this module's state; called by the constructor.
  virtual void reset() = 0;

  std::shared_ptr<Module> clone() const override {
    NoGradGuard no_grad;  // copying values must not record a graph
    const auto& self = static_cast<const Derived&>(*this);
    auto copy = std::make_shared<Derived>(self);
    copy->parameters_.clear();
    copy->buffers_.clear();
    copy->children_.clear();
    copy->reset();
    TORCH_CHECK(copy->parameters_.size() == parameters_.size(),
                "The cloned module does not have the same number of "
                "parameters as the original module after calling reset(). "
                "Are you sure you called register_parameter() inside reset() "
                "and not the constructor?");
    for (const auto& parameter : named_parameters(/*recurse=*/false))
      copy_values(copy->parameters_[parameter.key()], parameter.value());
    TORCH_CHECK(copy->buffers_.size() == buffers_.size(),
                "The cloned module does not have the same number of "
                "buffers as the original module after calling reset(). "
                "Are you sure you called register_buffer() inside reset() "
                "and not the constructor?");
    for (const auto& buffer : named_buffers(/*recurse=*/false))
      copy_values(copy->buffers_[buffer.key()], buffer.value());
    TORCH_CHECK(copy->children_.size() == children_.size(),
                "The cloned module does not have the same number of "
                "child modules as the original module after calling reset(). "
                "Are you sure you called register_module() inside reset() "
                "and not the constructor?");
    for (const auto& child : children_)
      copy->children_[child.key()]->clone_(*child.value());
    return copy;
  }

 private:
  // Replaces `*this` (a child created by the copy's reset()) by a clone of
  // `other`, so holders in the parent copy keep pointing at this object.
  void clone_(Module& other) final {
    auto clone = std::dynamic_pointer_cast<Derived>(other.clone());
    TORCH_CHECK(clone != nullptr,
                "Attempted to clone submodule, but it is of a "
                "different type than the submodule it was to be cloned into");
    static_cast<Derived&>(*this) = std::move(*clone);
  }

  // LibTorch uses set_data(src.clone()); copying into the freshly reset
  // tensor gives the same values and shape.
  static void copy_values(Tensor& dst, const Tensor& src) {
    if (dst.defined() && src.defined()) dst.copy_(src);
  }
};

}  // namespace nn
}  // namespace torch
