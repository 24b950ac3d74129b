// torch::nn::Module: registration, recursive traversal, training mode.
#include <ATen/core/Tensor.h>
#include <c10/core/GradMode.h>
#include <c10/core/TensorImpl.h>
#include <c10/util/Exception.h>
#include <cxxabi.h>
#include <torch/nn/module.h>

#include <cstdlib>
#include <memory>
#include <ostream>
#include <string>

namespace torch {
namespace nn {

namespace detail {
std::string demangle(const char* mangled) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> demangled(
      abi::__cxa_demangle(mangled, nullptr, nullptr, &status), std::free);
  return status == 0 && demangled ? std::string(demangled.get())
                                  : std::string(mangled);
}
}  // namespace detail

namespace {
// "fc1" + "weight" -> "fc1.weight"; a top-level entry keeps its bare name.
std::string join_name(const std::string& prefix, const std::string& name) {
  if (prefix.empty()) return name;
  return prefix + "." + name;
}
}  // namespace

Module::Module(std::string name) : name_(std::move(name)) {}

Module::Module() = default;

const std::string& Module::name() const noexcept {
  // Lazily, because typeid(*this) is only the final type after construction.
  if (!name_.has_value()) name_ = detail::demangle(typeid(*this).name());
  return *name_;
}

std::shared_ptr<Module> Module::clone() const {
  TORCH_CHECK(
      false, "clone() has not been implemented for ", name(),
      ". Subclass torch::nn::Cloneable<", name(),
      "> instead of torch::nn::Module to inherit the ability to clone.");
  return nullptr;
}

void Module::clone_(Module& /*other*/) {
  TORCH_CHECK(
      false, "clone_() has not been implemented for ", name(),
      ". Subclass torch::nn::Cloneable<", name(),
      "> instead of torch::nn::Module to inherit the ability to clone.");
}

// --- traversal
// ----------------------------------------------------------------

std::vector<std::pair<std::string, std::shared_ptr<Module>>>
Module::named_submodules(const std::string& name_prefix) const {
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> out;
  collect_submodules(name_prefix, out);
  return out;
}

// Pre-order: each child, then that child's own subtree, in registration order.
void Module::collect_submodules(
    const std::string& name_prefix,
    std::vector<std::pair<std::string, std::shared_ptr<Module>>>& out) const {
  for (const auto& child : children_) {
    std::string qualified_name = join_name(name_prefix, child.key());
    out.emplace_back(qualified_name, child.value());
    child.value()->collect_submodules(qualified_name, out);
  }
}

void Module::apply(const ModuleApplyFunction& function) {
  function(*this);
  for (const auto& entry : named_submodules("")) function(*entry.second);
}

void Module::apply(const ConstModuleApplyFunction& function) const {
  function(*this);
  for (const auto& entry : named_submodules("")) function(*entry.second);
}

void Module::apply(const NamedModuleApplyFunction& function,
                   const std::string& name_prefix) {
  function(name_prefix, *this);
  for (const auto& entry : named_submodules(name_prefix))
    function(entry.first, *entry.second);
}

void Module::apply(const ConstNamedModuleApplyFunction& function,
                   const std::string& name_prefix) const {
  function(name_prefix, *this);
  for (const auto& entry : named_submodules(name_prefix))
    function(entry.first, *entry.second);
}

void Module::apply(const ModulePointerApplyFunction& function) const {
  function(shared_from_this_checked());
  for (const auto& entry : named_submodules("")) function(entry.second);
}

void Module::apply(const NamedModulePointerApplyFunction& function,
                   const std::string& name_prefix) const {
  function(name_prefix, shared_from_this_checked());
  for (const auto& entry : named_submodules(name_prefix))
    function(entry.first, entry.second);
}

std::shared_ptr<Module> Module::shared_from_this_checked() const {
  std::shared_ptr<const Module> ptr;
  try {
    ptr = shared_from_this();
  } catch (const std::bad_weak_ptr&) {
    TORCH_CHECK(
        false,
        "It looks like you attempted to retrieve your top-level module "
        "as a shared_ptr, but it is not stored in a shared_ptr. "
        "Use std::make_shared<",
        name(),
        "> instead of creating your "
        "module on the stack, or alternatively do not try to access "
        "your top-level module at all by passing /*include_self=*/false "
        "to modules() or named_modules()");
  }
  return std::const_pointer_cast<Module>(ptr);
}

// --- parameters and buffers
// -----------------------------------------------------

std::vector<Tensor> Module::parameters(bool recurse) const {
  return named_parameters(recurse).values();
}

OrderedDict<std::string, Tensor> Module::named_parameters(bool recurse) const {
  OrderedDict<std::string, Tensor> result;
  for (const auto& parameter : parameters_)
    if (parameter.value().defined())
      result.insert(parameter.key(), parameter.value());
  if (recurse) {
    for (const auto& entry : named_submodules(""))
      for (const auto& parameter : entry.second->named_parameters(false))
        result.insert(join_name(entry.first, parameter.key()),
                      parameter.value());
  }
  return result;
}

std::vector<Tensor> Module::buffers(bool recurse) const {
  return named_buffers(recurse).values();
}

OrderedDict<std::string, Tensor> Module::named_buffers(bool recurse) const {
  OrderedDict<std::string, Tensor> result;
  for (const auto& buffer : buffers_)
    if (buffer.value().defined()) result.insert(buffer.key(), buffer.value());
  if (recurse) {
    for (const auto& entry : named_submodules(""))
      for (const auto& buffer : entry.second->named_buffers(false))
        result.insert(join_name(entry.first, buffer.key()), buffer.value());
  }
  return result;
}

Tensor& Module::register_parameter(std::string name, Tensor tensor,
                                   bool requires_grad) {
  TORCH_CHECK(!name.empty(), "Parameter name must not be empty");
  TORCH_CHECK(name.find('.') == std::string::npos,
              "Parameter name must not contain a dot (got '", name, "')");
  // LibTorch warns when an undefined tensor is asked to require grad; the
  // runtime has no warning channel, so it silently ignores the flag.
  if (tensor.defined()) tensor.set_requires_grad(requires_grad);
  return parameters_.insert(std::move(name), std::move(tensor));
}

Tensor& Module::register_buffer(std::string name, Tensor tensor) {
  TORCH_CHECK(!name.empty(), "Buffer name must not be empty");
  TORCH_CHECK(name.find('.') == std::string::npos,
              "Buffer name must not contain a dot (got '", name, "')");
  return buffers_.insert(std::move(name), std::move(tensor));
}

// --- submodules
// -------------------------------------------------------------------

void Module::check_child_name(const std::string& name) {
  TORCH_CHECK(!name.empty(), "Submodule name must not be empty");
  TORCH_CHECK(name.find('.') == std::string::npos,
              "Submodule name must not contain a dot (got '", name, "')");
}

void Module::unregister_module(const std::string& name) {
  TORCH_CHECK(children_.contains(name), "No Module with name `", name,
              "` is registered");
  children_.erase(name);
}

std::vector<std::shared_ptr<Module>> Module::modules(bool include_self) const {
  std::vector<std::shared_ptr<Module>> result;
  if (include_self) result.push_back(shared_from_this_checked());
  for (auto& entry : named_submodules(""))
    result.push_back(std::move(entry.second));
  return result;
}

OrderedDict<std::string, std::shared_ptr<Module>> Module::named_modules(
    const std::string& name_prefix, bool include_self) const {
  OrderedDict<std::string, std::shared_ptr<Module>> result;
  if (include_self) result.insert(name_prefix, shared_from_this_checked());
  for (auto& entry : named_submodules(name_prefix))
    result.insert(std::move(entry.first), std::move(entry.second));
  return result;
}

std::vector<std::shared_ptr<Module>> Module::children() const {
  return children_.values();
}

OrderedDict<std::string, std::shared_ptr<Module>> Module::named_children()
    const {
  return children_;
}

// --- modes and gradients
// -----------------------------------------------------------

void Module::train(bool on) {
  for (auto& child : children_) child.value()->train(on);
  is_training_ = on;
}

void Module::eval() { train(/*on=*/false); }

bool Module::is_training() const noexcept { return is_training_; }

namespace {
// As LibTorch's Tensor::set_data: `dst` takes over `src`'s data, shape and
// dtype but keeps its identity, autograd state and version counter, so every
// handle to it (the module's `weight` member, an optimizer) sees the change.
void set_data(const Tensor& dst, const Tensor& src) {
  c10::TensorImpl& d = dst.impl();
  const c10::TensorImpl& s = src.impl();
  d.storage = s.storage;
  d.storage_offset = s.storage_offset;
  d.sizes = s.sizes;
  d.strides = s.strides;
  d.dtype = s.dtype;
}
}  // namespace

void Module::to(ScalarType dtype, bool non_blocking) {
  for (auto& child : children_) child.value()->to(dtype, non_blocking);
  NoGradGuard no_grad;
  // Every defined tensor converts, num_batches_tracked (kLong) included: that
  // is what LibTorch 1.13's C++ Module::to(dtype) does (Python's skips
  // non-floating tensors).
  for (auto& parameter : parameters_)
    if (parameter.value().defined())
      set_data(parameter.value(), parameter.value().detach().to(dtype));
  for (auto& buffer : buffers_)
    if (buffer.value().defined())
      set_data(buffer.value(), buffer.value().detach().to(dtype));
}

void Module::zero_grad(bool set_to_none) {
  for (auto& child : children_) child.value()->zero_grad(set_to_none);
  for (auto& parameter : named_parameters(/*recurse=*/false)) {
    Tensor& grad = parameter.value().mutable_grad();
    if (grad.defined()) {
      grad = grad.detach();
      if (set_to_none) {
        grad = Tensor();
      } else {
        grad.zero_();
      }
    }
  }
}

// --- printing
// ------------------------------------------------------------------------

void Module::pretty_print(std::ostream& stream) const { stream << name(); }

void Module::pretty_print_recursive(std::ostream& stream,
                                    const std::string& indentation) const {
  pretty_print(stream);
  if (!children_.is_empty()) {
    stream << "(\n";
    const std::string next_indentation = indentation + "  ";
    for (const auto& child : children_) {
      stream << next_indentation << "(" << child.key() << "): ";
      child.value()->pretty_print_recursive(stream, next_indentation);
      stream << '\n';
    }
    stream << indentation << ")";
  }
}

std::ostream& operator<<(std::ostream& stream, const Module& module) {
  module.pretty_print_recursive(stream, "");
  return stream;
}

}  // namespace nn
}  // namespace torch
