// Autograd graph nodes. A Node is the backward of one recorded op: it maps
// the gradient of the op's output to gradients of its inputs, and its edges
// point at the nodes of those inputs (their grad_fn, or the AccumulateGrad
// node of a leaf). Nodes own their edges and saved tensors by value; a node
// never refers to its own output strongly (see SavedVariable).
#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace torch {
namespace autograd {

using Variable = at::Tensor;
using variable_list = std::vector<Variable>;

struct Node;

struct Edge {
  Edge() = default;
  Edge(std::shared_ptr<Node> fn, uint32_t nr)
      : function(std::move(fn)), input_nr(nr) {}
  bool is_valid() const { return function != nullptr; }
  std::shared_ptr<Node> function;
  uint32_t input_nr = 0;
};

struct Node : std::enable_shared_from_this<Node> {
  Node();
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  virtual ~Node();

  // LibTorch's node name, e.g. "MulBackward0".
  virtual std::string name() const = 0;
  virtual variable_list apply(variable_list&& grads) = 0;
  // Frees saved tensors after a backward without retain_graph.
  virtual void release_variables() {}

  const std::vector<Edge>& next_edges() const { return next_edges_; }
  uint32_t num_outputs() const { return uint32_t(next_edges_.size()); }
  const Edge& next_edge(std::size_t i) const { return next_edges_[i]; }
  uint64_t sequence_nr() const { return sequence_nr_; }
  variable_list operator()(variable_list&& grads) {
    return apply(std::move(grads));
  }

  std::vector<Edge> next_edges_;

  // The shape and dtype of each tensor whose gradient the node receives
  // (LibTorch's input_metadata(nr): input `nr` is the gradient of the
  // node's output `nr`), set when the tensor takes the node as its grad_fn.
  // The engine validates incoming gradients against it (validate_outputs).
  void set_input_metadata(at::IntArrayRef shape, at::ScalarType dtype,
                          uint32_t nr = 0) {
    if (inputs_.size() <= nr) inputs_.resize(nr + 1);
    inputs_[nr] = InputMetadata{c10::DimVector(shape), dtype, true};
  }
  void set_input_metadata(const at::Tensor& t, uint32_t nr = 0) {
    set_input_metadata(t.sizes(), t.scalar_type(), nr);
  }
  uint32_t num_inputs() const { return uint32_t(inputs_.size()); }
  bool has_input_metadata(uint32_t nr = 0) const {
    return nr < inputs_.size() && inputs_[nr].set;
  }
  at::IntArrayRef input_shape(uint32_t nr = 0) const {
    return inputs_[nr].shape;
  }
  at::ScalarType input_dtype(uint32_t nr = 0) const {
    return inputs_[nr].dtype;
  }

 private:
  struct InputMetadata {
    c10::DimVector shape;
    at::ScalarType dtype = at::ScalarType::Float;
    bool set = false;
  };
  uint64_t sequence_nr_;
  std::vector<InputMetadata> inputs_;
};

}  // namespace autograd
}  // namespace torch
