// torch::nn::Functional: wraps a Tensor -> Tensor function as a module, so
// plain functions can go into a Sequential:
//   Sequential(Linear(4, 8), Functional(torch::relu))
//   Functional(torch::softmax, /*dim=*/1, c10::nullopt)  (extra args bound)
#pragma once

#include <ATen/core/Tensor.h>
#include <torch/nn/cloneable.h>
#include <torch/nn/pimpl.h>

#include <functional>
#include <ostream>
#include <type_traits>
#include <utility>

namespace torch {
namespace nn {

class FunctionalImpl : public Cloneable<FunctionalImpl> {
 public:
  using Function = std::function<Tensor(Tensor)>;

  explicit FunctionalImpl(Function function) : function_(std::move(function)) {}
  // Binds the arguments after the input: f(input, args...).
  template <typename SomeFunction, typename... Args,
            typename = std::enable_if_t<(sizeof...(Args) > 0)>>
  explicit FunctionalImpl(SomeFunction original_function, Args&&... args)
      : function_(std::bind(original_function, std::placeholders::_1,
                            std::forward<Args>(args)...)) {}

  void reset() override {}
  void pretty_print(std::ostream& stream) const override {
    stream << "torch::nn::Functional()";
  }
  Tensor forward(Tensor input) { return function_(std::move(input)); }
  Tensor operator()(Tensor input) { return forward(std::move(input)); }

 private:
  Function function_;
};
TORCH_MODULE(Functional);

}  // namespace nn
}  // namespace torch
