// The backward engine: runs the graph from the roots' grad_fns in reverse
// creation order, summing gradients per node input, and frees saved tensors
// after each node unless retain_graph.
#include <ATen/Functions.h>
#include <c10/core/GradMode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/variable.h>
#include <torch_tidy/messages.h>

#include <algorithm>
#include <atomic>
#include <queue>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "autograd/record.h"
#include "kernels.h"

namespace torch {
namespace autograd {

namespace {
std::atomic<uint64_t> g_sequence_nr{0};
}

Node::Node() : sequence_nr_(g_sequence_nr++) {
  torch_tidy::rt::note_node_created();
}
Node::~Node() { torch_tidy::rt::note_node_destroyed(); }

Edge gradient_edge(const at::Tensor& t) {
  c10::TensorImpl& impl = t.impl();
  if (!impl.autograd_meta) return Edge();
  torch_tidy::rt::refresh_view_grad_fn(impl);
  AutogradMeta& meta = *impl.autograd_meta;
  if (meta.grad_fn) return Edge(meta.grad_fn, meta.output_nr);
  if (!meta.requires_grad) return Edge();
  std::shared_ptr<Node> acc = meta.grad_accumulator.lock();
  if (!acc) {
    acc = std::make_shared<torch_tidy::rt::AccumulateGrad>(t);
    acc->set_input_metadata(t);
    meta.grad_accumulator = acc;
  }
  return Edge(acc, 0);
}

namespace {

struct Task {
  Node* node;
  bool operator<(const Task& o) const {
    return node->sequence_nr() < o.node->sequence_nr();
  }
};

// LibTorch's is_expandable_to: `shape` broadcasts to `desired`.
bool expandable_to(at::IntArrayRef shape, at::IntArrayRef desired) {
  if (shape.size() > desired.size()) return false;
  for (std::size_t d = 1; d <= shape.size(); ++d) {
    const int64_t s = shape[shape.size() - d];
    if (s != desired[desired.size() - d] && s != 1) return false;
  }
  return true;
}

// The engine's validate_outputs for the gradient `g` flowing into `to`: a
// gradient of another shape is summed down to the shape the node expects
// when that shape expands to it, anything else is refused (`who` names the
// node that produced it, empty for a root); the dtype is the expected one.
at::Tensor validate_grad(at::Tensor g, const Edge& to, const std::string& who,
                         std::size_t i) {
  const Node& node = *to.function;
  if (!g.defined() || !node.has_input_metadata(to.input_nr)) return g;
  const at::IntArrayRef want = node.input_shape(to.input_nr);
  if (g.sizes() != want) {
    std::ostringstream got, expected;
    got << g.sizes();
    expected << want;
    TORCH_CHECK(expandable_to(want, g.sizes()),
                who.empty() ? "" : "Function " + who + " returned an ",
                "invalid gradient at index ", i, " - got ", got.str(),
                " but expected shape compatible with ", expected.str());
    g = torch_tidy::rt::sum_to(g, want);
  }
  const at::ScalarType dtype = node.input_dtype(to.input_nr);
  if (g.scalar_type() != dtype) g = g.to(dtype);
  return g;
}

// validate_outputs for a root's gradient, against the root's gradient edge
// (the shape its grad_fn was recorded with, which an in-place op under
// no_grad does not update).
at::Tensor validate_root_grad(at::Tensor g, const Edge& edge, std::size_t i) {
  c10::NoGradGuard no_grad;
  return validate_grad(std::move(g), edge, "", i);
}

// Runs backward from `roots` with `grad_in`; when `inputs` is non-empty,
// returns the gradients flowing into them instead of accumulating. An input
// that does not require grad fails with `input_error` (autograd::grad's
// text, or the retain_grad() text of backward(inputs=...)).

variable_list run(const variable_list& roots, const variable_list& grad_in,
                  bool keep_graph, bool create_graph,
                  const variable_list& inputs, bool allow_unused,
                  const char* input_error) {
  // LibTorch's order: implicit gradients (_make_grads), then every root must
  // have a history (run_backward), then every input must require grad, then
  // each gradient is validated against its root (the engine's
  // validate_outputs: a broadcastable shape is summed down, the dtype cast).
  variable_list grads(roots.size());
  for (std::size_t i = 0; i < roots.size(); ++i) {
    const at::Tensor& root = roots[i];
    at::Tensor g = i < grad_in.size() ? grad_in[i] : at::Tensor();
    if (!g.defined() && root.requires_grad()) {
      TORCH_CHECK(root.numel() == 1,
                  torch_tidy::messages::ERR_IMPLICIT_GRAD_NON_SCALAR);
      g = at::ones_like(root);
    }
    grads[i] = g;
  }
  std::vector<Edge> root_edges;
  for (std::size_t i = 0; i < roots.size(); ++i) {
    Edge e = roots[i].requires_grad() ? gradient_edge(roots[i]) : Edge();
    TORCH_CHECK(e.is_valid(), torch_tidy::messages::no_grad_fn(i));
    root_edges.push_back(e);
  }
  std::vector<Edge> capture;
  for (const at::Tensor& t : inputs) {
    TORCH_CHECK(t.requires_grad(), input_error);
    capture.push_back(gradient_edge(t));
  }
  for (std::size_t i = 0; i < roots.size(); ++i)
    grads[i] = validate_root_grad(grads[i], root_edges[i], i);

  // Discover the graph and which nodes lead to a captured edge.
  std::vector<Node*> order;
  std::unordered_set<Node*> seen;
  std::vector<Node*> stack;
  for (const Edge& e : root_edges)
    if (seen.insert(e.function.get()).second) stack.push_back(e.function.get());
  while (!stack.empty()) {
    Node* n = stack.back();
    stack.pop_back();
    order.push_back(n);
    for (const Edge& e : n->next_edges())
      if (e.function && seen.insert(e.function.get()).second)
        stack.push_back(e.function.get());
  }
  std::unordered_set<Node*> needed;
  if (!capture.empty()) {
    std::unordered_set<Node*> targets;
    for (const Edge& e : capture) targets.insert(e.function.get());
    // A node is needed when a captured edge is reachable from it: an
    // iterative post-order walk (creation order cannot be trusted: a leaf's
    // accumulator is created after its first consumer).
    std::unordered_set<Node*> done;
    std::vector<std::pair<Node*, std::size_t>> walk;
    for (const Edge& e : root_edges) walk.push_back({e.function.get(), 0});
    while (!walk.empty()) {
      auto& [n, next] = walk.back();
      if (done.count(n)) {
        walk.pop_back();
        continue;
      }
      if (next < n->next_edges().size()) {
        Node* child = n->next_edges()[next++].function.get();
        if (child && !done.count(child)) walk.push_back({child, 0});
        continue;
      }
      bool need = targets.count(n) > 0;
      for (const Edge& e : n->next_edges())
        need = need || (e.function && needed.count(e.function.get()));
      if (need) needed.insert(n);
      done.insert(n);
      walk.pop_back();
    }
  }
  auto is_needed = [&](Node* n) { return capture.empty() || needed.count(n); };

  std::unordered_map<Node*, int> deps;
  for (Node* n : order) {
    if (!is_needed(n)) continue;
    for (const Edge& e : n->next_edges())
      if (e.function && is_needed(e.function.get())) ++deps[e.function.get()];
  }

  c10::AutoGradMode grad_mode(create_graph);
  std::unordered_map<Node*, variable_list> buffers;
  auto accumulate = [&](const Edge& e, const at::Tensor& g) {
    if (!g.defined()) return;
    variable_list& buf = buffers[e.function.get()];
    if (buf.size() <= e.input_nr) buf.resize(e.input_nr + 1);
    buf[e.input_nr] = buf[e.input_nr].defined() ? buf[e.input_nr] + g : g;
  };
  for (std::size_t i = 0; i < root_edges.size(); ++i)
    accumulate(root_edges[i], grads[i]);

  variable_list captured(capture.size());
  std::priority_queue<Task> ready;
  std::unordered_set<Node*> queued;
  for (const Edge& e : root_edges) {
    Node* n = e.function.get();
    if (is_needed(n) && deps[n] == 0 && queued.insert(n).second)
      ready.push({n});
  }
  while (!ready.empty()) {
    Node* n = ready.top().node;
    ready.pop();
    variable_list in = std::move(buffers[n]);
    buffers.erase(n);
    bool is_target = false;
    for (std::size_t c = 0; c < capture.size(); ++c) {
      if (capture[c].function.get() != n) continue;
      is_target = true;
      if (capture[c].input_nr < in.size())
        captured[c] = in[capture[c].input_nr];
      // validate_outputs: the gradient takes the input's dtype.
      if (captured[c].defined())
        captured[c] =
            torch_tidy::rt::raw_to(captured[c], inputs[c].scalar_type());
    }
    if (is_target && !capture.empty() &&
        dynamic_cast<torch_tidy::rt::AccumulateGrad*>(n) != nullptr)
      continue;
    if (in.size() < n->num_inputs()) in.resize(n->num_inputs());
    if (in.empty()) in.resize(1);
    variable_list out = n->apply(std::move(in));
    if (!keep_graph) n->release_variables();
    const auto& edges = n->next_edges();
    for (std::size_t i = 0; i < edges.size(); ++i) {
      const Edge& e = edges[i];
      if (!e.function || !is_needed(e.function.get())) continue;
      if (i < out.size()) accumulate(e, validate_grad(out[i], e, n->name(), i));
      if (--deps[e.function.get()] == 0 &&
          queued.insert(e.function.get()).second)
        ready.push({e.function.get()});
    }
  }
  if (!capture.empty() && !allow_unused) {
    for (const at::Tensor& g : captured)
      TORCH_CHECK(g.defined(),
                  "One of the differentiated Tensors appears to not have "
                  "been used in the graph. Set allow_unused=True if this is "
                  "the desired behavior.");
  }
  return captured;
}

}  // namespace

void backward(const variable_list& tensors, const variable_list& grad_tensors,
              c10::optional<bool> retain_graph, bool create_graph,
              const variable_list& inputs) {
  // With inputs=..., gradients reach only these tensors' .grad (leaves or
  // not), accumulated as AccumulateGrad does. LibTorch calls retain_grad()
  // on each input, which refuses one that does not require grad.
  variable_list grads =
      run(tensors, grad_tensors, retain_graph.value_or(create_graph),
          create_graph, inputs, /*allow_unused=*/true,
          "can't retain_grad on Tensor that has requires_grad=False");
  c10::AutoGradMode grad_mode(create_graph);
  for (std::size_t i = 0; i < inputs.size(); ++i)
    if (grads[i].defined())
      torch_tidy::rt::AccumulateGrad(inputs[i]).apply({grads[i]});
}

variable_list grad(const variable_list& outputs, const variable_list& inputs,
                   const variable_list& grad_outputs,
                   c10::optional<bool> retain_graph, bool create_graph,
                   bool allow_unused) {
  return run(outputs, grad_outputs, retain_graph.value_or(create_graph),
             create_graph, inputs, allow_unused,
             "One of the differentiated Tensors does not require grad");
}

}  // namespace autograd
}  // namespace torch

namespace at {

void Tensor::backward(const Tensor& gradient, c10::optional<bool> retain_graph,
                      bool create_graph,
                      c10::optional<TensorList> inputs) const {
  TORCH_CHECK(!inputs || !inputs->empty(),
              "'inputs' argument to backward cannot be empty");
  torch::autograd::backward(
      {*this}, {gradient}, retain_graph, create_graph,
      inputs ? torch::autograd::variable_list(inputs->begin(), inputs->end())
             : torch::autograd::variable_list{});
}

void Tensor::backward(const Tensor& gradient, c10::optional<bool> retain_graph,
                      bool create_graph) const {
  torch::autograd::backward({*this}, {gradient}, retain_graph, create_graph);
}

}  // namespace at
