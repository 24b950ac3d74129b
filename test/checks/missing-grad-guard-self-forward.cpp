// RUN: %check_torch_tidy %s torch-missing-grad-guard %t
// RUN: %check_torch_tidy_plugin %s torch-missing-grad-guard %t-plugin
// The same cases on the real LibTorch headers:
// RUN: %if libtorch %{ %check_torch_tidy -no-runtime-include %s \
// RUN:   torch-missing-grad-guard %t-libtorch -- %libtorch_includes %}
// RUN: %if libtorch %{ %check_torch_tidy_plugin -no-runtime-include %s \
// RUN:   torch-missing-grad-guard %t-libtorch-plugin -- %libtorch_includes %}

// A module's member function that runs its own forward pass, `forward(x)`
// through the implicit `this` (a generate() or sample() loop), is a forward
// pass like `model->forward(x)`: inference when its result is only decoded,
// and then it needs a guard there or at every caller. Pattern from a public
// language model whose greedy decoding loop calls forward() with no guard
// while its caller never sets one, minimized.

#include <torch/torch.h>

#include <iostream>

struct DecoderImpl : torch::nn::Module {
  DecoderImpl() : head(register_module("head", torch::nn::Linear(8, 8))) {}
  torch::Tensor forward(torch::Tensor ids) { return head(ids); }
  // Another forward: an overload calling the first is part of the module's
  // own forward pass (negative).
  torch::Tensor forward(torch::Tensor ids, double scale) {
    return forward(ids) * scale;
  }
  torch::Tensor operator()(torch::Tensor ids) { return forward(ids, 1.0); }

  // Positive: a greedy loop whose logits are only argmax-ed.
  torch::Tensor generate(torch::Tensor ids, int steps) {
    for (int i = 0; i < steps; ++i) {
      torch::Tensor logits = forward(ids);
      // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'this' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
      // CHECK-FIXES: {{^}}    torch::NoGradGuard no_grad;{{$}}
      ids = torch::cat({ids, logits.argmax(1, true).to(torch::kFloat)}, 1);
    }
    return ids;
  }

  // Positive: spelled `this->forward`, result only printed.
  void show(torch::Tensor ids) {
    std::cout << this->forward(ids).sum().item<float>() << std::endl;
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'this' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
  }

  // Negative: a guard in the function.
  int64_t predict(torch::Tensor ids) {
    torch::NoGradGuard no_grad;
    return forward(ids).argmax(1).item<int64_t>();
  }

  // Negative: a training step backpropagates the result.
  void step(torch::Tensor ids, torch::Tensor target,
            torch::optim::Optimizer &opt) {
    opt.zero_grad();
    torch::Tensor loss = torch::mse_loss(forward(ids), target);
    loss.backward();
    opt.step();
  }

  // Negative: the result goes back to the callers, who train with it.
  torch::Tensor logits_for(torch::Tensor ids) { return forward(ids); }

  // Negative: every caller of sample() holds a guard.
  torch::Tensor sample(torch::Tensor ids) {
    return forward(ids).argmax(1);
  }
  torch::Tensor sample_guarded(torch::Tensor ids) {
    torch::NoGradGuard no_grad;
    return sample(ids);
  }

  torch::nn::Linear head;
};
TORCH_MODULE(Decoder);

void fit(Decoder &decoder, torch::Tensor ids, torch::Tensor target) {
  torch::Tensor loss = torch::mse_loss(decoder->logits_for(ids), target);
  loss.backward();
}

// Through a macro, and in a template instantiated with a module.
#define RUN_SELF(x) forward(x)

template <typename Layer> struct ScorerImpl : torch::nn::Module {
  explicit ScorerImpl(Layer l) : inner(register_module("inner", l)) {}
  torch::Tensor forward(torch::Tensor x) { return inner(x); }
  float score(torch::Tensor x) {
    return RUN_SELF(x).max().template item<float>();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'this' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
  }
  Layer inner;
};
template struct ScorerImpl<torch::nn::Linear>;

// An alias of the module type changes nothing.
using Net = DecoderImpl;
struct Beam : Net {
  // Negative: the caller's guard covers it (a derived class calling the
  // base's forward through `this`).
  torch::Tensor best(torch::Tensor ids) { return forward(ids).argmax(1); }
  torch::Tensor search(torch::Tensor ids) {
    c10::InferenceMode guard;
    return best(ids);
  }
};
