// torch::nn::Module: the base of every layer and user model, as LibTorch's.
// A module owns named parameters, buffers and child modules, each in
// registration order; the recursive accessors walk them depth first, a
// module's own entries before its children's, and name nested entries with
// dots ("fc1.weight", "bn.running_mean").
//
// Training mode is per module and orthogonal to grad mode: train(on) sets the
// flag here and recurses into *registered* children only, so a submodule kept
// as a plain member and never passed to register_module is not switched.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/core/ScalarType.h>
#include <c10/util/Exception.h>
#include <torch/nn/pimpl.h>
#include <torch/ordered_dict.h>
#include <torch/types.h>

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace torch {
namespace nn {

namespace detail {
// "torch::nn::LinearImpl" for typeid(LinearImpl).name(): what name()
// returns for a module constructed without a name.
std::string demangle(const char* mangled);
}  // namespace detail

// enable_shared_from_this: modules(), named_modules() and apply() hand out the
// module itself as a shared_ptr, which needs it to be owned by one.
class Module : public std::enable_shared_from_this<Module> {
 public:
  using ModuleApplyFunction = std::function<void(Module&)>;
  using ConstModuleApplyFunction = std::function<void(const Module&)>;
  using NamedModuleApplyFunction =
      std::function<void(const std::string&, Module&)>;
  using ConstNamedModuleApplyFunction =
      std::function<void(const std::string&, const Module&)>;
  using ModulePointerApplyFunction =
      std::function<void(const std::shared_ptr<Module>&)>;
  using NamedModulePointerApplyFunction =
      std::function<void(const std::string&, const std::shared_ptr<Module>&)>;

  explicit Module(std::string name);
  // Without a name, name() is the demangled dynamic type ("NetImpl").
  Module();
  virtual ~Module() = default;

  const std::string& name() const noexcept;

  // Only modules deriving from Cloneable<Derived> can be cloned; this throws.
  virtual std::shared_ptr<Module> clone() const;

  // Calls `function` on this module and then on every submodule, depth first.
  void apply(const ModuleApplyFunction& function);
  void apply(const ConstModuleApplyFunction& function) const;
  void apply(const NamedModuleApplyFunction& function,
             const std::string& name_prefix = std::string());
  void apply(const ConstNamedModuleApplyFunction& function,
             const std::string& name_prefix = std::string()) const;
  void apply(const ModulePointerApplyFunction& function) const;
  void apply(const NamedModulePointerApplyFunction& function,
             const std::string& name_prefix = std::string()) const;

  // Parameters and buffers registered as undefined tensors (Linear without
  // bias) are skipped, as in LibTorch.
  std::vector<Tensor> parameters(bool recurse = true) const;
  OrderedDict<std::string, Tensor> named_parameters(bool recurse = true) const;
  std::vector<Tensor> buffers(bool recurse = true) const;
  OrderedDict<std::string, Tensor> named_buffers(bool recurse = true) const;

  // include_self needs this module to be owned by a shared_ptr.
  std::vector<std::shared_ptr<Module>> modules(bool include_self = true) const;
  OrderedDict<std::string, std::shared_ptr<Module>> named_modules(
      const std::string& name_prefix = std::string(),
      bool include_self = true) const;
  std::vector<std::shared_ptr<Module>> children() const;
  OrderedDict<std::string, std::shared_ptr<Module>> named_children() const;

  virtual void train(bool on = true);
  // Non-virtual, as in LibTorch: overriding train() is enough to hook both.
  void eval();
  virtual bool is_training() const noexcept;

  // Converts every parameter and buffer to `dtype` in place: the tensors
  // keep their identity (handles held elsewhere see the new data).
  virtual void to(ScalarType dtype, bool non_blocking = false);

  // Zeroes the gradients of all parameters in place (1.13 default), or
  // resets them to undefined with set_to_none.
  virtual void zero_grad(bool set_to_none = false);

  // `module.as<Linear>()` / `module.as<LinearImpl>()`: nullptr if the module
  // is of another type.
  template <typename ModuleType>
  typename ModuleType::ContainedType* as() noexcept {
    return as<typename ModuleType::ContainedType>();
  }
  template <typename ModuleType>
  const typename ModuleType::ContainedType* as() const noexcept {
    return as<typename ModuleType::ContainedType>();
  }
  template <typename ModuleType,
            typename = torch::detail::disable_if_module_holder_t<ModuleType>>
  ModuleType* as() noexcept {
    return dynamic_cast<ModuleType*>(this);
  }
  template <typename ModuleType,
            typename = torch::detail::disable_if_module_holder_t<ModuleType>>
  const ModuleType* as() const noexcept {
    return dynamic_cast<const ModuleType*>(this);
  }

  // One line describing this module alone; operator<< adds the children.
  virtual void pretty_print(std::ostream& stream) const;

  // Sets requires_grad on a defined tensor and stores it; returns a reference
  // to the stored handle (which aliases `tensor`).
  Tensor& register_parameter(std::string name, Tensor tensor,
                             bool requires_grad = true);
  Tensor& register_buffer(std::string name, Tensor tensor);

  template <typename ModuleType>
  std::shared_ptr<ModuleType> register_module(
      std::string name, std::shared_ptr<ModuleType> module) {
    check_child_name(name);
    auto& stored = children_.insert(std::move(name), std::move(module));
    return std::dynamic_pointer_cast<ModuleType>(stored);
  }
  template <typename ModuleType>
  std::shared_ptr<ModuleType> register_module(
      std::string name, ModuleHolder<ModuleType> module_holder) {
    return register_module(std::move(name), module_holder.ptr());
  }
  template <typename ModuleType>
  std::shared_ptr<ModuleType> replace_module(
      const std::string& name, std::shared_ptr<ModuleType> module) {
    auto& stored = (children_[name] = std::move(module));
    return std::dynamic_pointer_cast<ModuleType>(stored);
  }
  template <typename ModuleType>
  std::shared_ptr<ModuleType> replace_module(
      const std::string& name, ModuleHolder<ModuleType> module_holder) {
    return replace_module(name, module_holder.ptr());
  }
  void unregister_module(const std::string& name);

 protected:
  OrderedDict<std::string, Tensor> parameters_{"Parameter"};

 private:
  template <typename Derived>
  friend class Cloneable;
  friend std::ostream& operator<<(std::ostream& stream, const Module& module);

  // Cloneable<Derived> overrides this to copy `other` into *this.
  virtual void clone_(Module& other);
  void pretty_print_recursive(std::ostream& stream,
                              const std::string& indentation) const;
  // Every submodule with its dotted name, depth first (pre-order): the one
  // traversal behind apply(), named_parameters(), modules() and the rest.
  std::vector<std::pair<std::string, std::shared_ptr<Module>>> named_submodules(
      const std::string& name_prefix) const;
  void collect_submodules(
      const std::string& name_prefix,
      std::vector<std::pair<std::string, std::shared_ptr<Module>>>& out) const;
  std::shared_ptr<Module> shared_from_this_checked() const;
  static void check_child_name(const std::string& name);

  OrderedDict<std::string, Tensor> buffers_{"Buffer"};
  OrderedDict<std::string, std::shared_ptr<Module>> children_{"Submodule"};
  mutable std::optional<std::string> name_;
  bool is_training_ = true;  // modules start in training mode
};

// Prints the module and, indented below it, its registered children.
std::ostream& operator<<(std::ostream& stream, const Module& module);

}  // namespace nn
}  // namespace torch
