// RUN: %check_torch_tidy %s torch-missing-grad-guard %t
// RUN: %check_torch_tidy_plugin %s torch-missing-grad-guard %t-plugin

// A forward pass is inference when nothing computed from its result reaches
// a backward pass or leaves the function: decided per call, also inside
// functions that train. Patterns from public LibTorch projects, minimized.

#include "models.h"

#include <iostream>
#include <vector>

// Positive cases

// Validation inside the training function: after eval(), the losses are
// only logged. The epoch loop's block trains, so no fix-it there.
void fit(Net& model, torch::optim::SGD& opt, torch::Tensor x, torch::Tensor y) {
  for (int epoch = 0; epoch < 3; ++epoch) {
    model->train();
    auto loss = torch::mse_loss(model(x), y);
    opt.zero_grad();
    loss.backward();
    opt.step();
    model->eval();
    auto val_loss = torch::mse_loss(model(x), y);
    // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'model' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: 'model' was put in eval mode here; eval() does not disable gradients
    std::cout << epoch << " " << val_loss.item<float>() << std::endl;
  }
}

// A test loop after training, in its own block: the guard goes there.
void fit_then_test(Net& model, torch::optim::SGD& opt,
                   std::vector<torch::Tensor>& batches, torch::Tensor y) {
  for (auto& x : batches) {
    auto loss = torch::mse_loss(model(x), y);
    opt.zero_grad();
    loss.backward();
    opt.step();
  }
  int64_t correct = 0;
  for (auto& x : batches) {
    auto out = model(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'model' is used for inference without a grad guard
    // CHECK-FIXES: {{^}}  int64_t correct = 0;{{$}}
    // CHECK-FIXES-NEXT: {{^}}  for (auto& x : batches) {{{$}}
    // CHECK-FIXES-NEXT: {{^}}    torch::NoGradGuard no_grad;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    auto out = model(x);{{$}}
    correct += out.argmax(1).eq(y).sum().item<int64_t>();
  }
  std::cout << correct << std::endl;
}

// A demo forward in main: the output is only printed.
int main() {
  Net net;
  auto y = net(torch::ones({1, 4}));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'net' is used for inference without a grad guard
  // CHECK-FIXES: {{^}}  torch::NoGradGuard no_grad;{{$}}
  // CHECK-FIXES-NEXT: {{^}}  Net net;{{$}}
  std::cout << y.sizes() << std::endl;
  return 0;
}

// Results collected in a local vector and written out: still inference.
void dump(Plain& model, std::vector<torch::Tensor>& inputs) {
  std::vector<torch::Tensor> outs;
  for (auto& x : inputs) {
    outs.push_back(model(x));
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'model' is used for inference without a grad guard
    // CHECK-FIXES: {{^}}    torch::NoGradGuard no_grad;{{$}}
    // CHECK-FIXES-NEXT: {{^}}    outs.push_back(model(x));{{$}}
  }
  for (auto& o : outs) std::cout << o << std::endl;
}

// One variable holds the printed output first and the training loss
// later: two values. The first forward pass is only printed.
void reused_variable(Net& model, torch::Tensor x) {
  torch::Tensor out = model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'model' is used for inference without a grad guard
  std::cout << out << std::endl;
  out = model(x).sum();  // no warning: trains
  out.backward();
}

// A search over the input (anomaly detection by latent optimisation): z is
// made to require grad and optimised; the final forward pass is only
// scored. Turning gradients on hides no graph.
void latent_search(Net& gen, torch::Tensor z, torch::Tensor image) {
  z.requires_grad_(true);
  torch::optim::SGD opt({z}, 0.1);
  for (int i = 0; i < 10; ++i) {
    auto loss = torch::mse_loss(gen(z), image);
    opt.zero_grad();
    loss.backward();
    opt.step();
  }
  auto output = gen(z);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'gen' is used for inference without a grad guard; {{.*}}
  std::cout << torch::mse_loss(output, image).item<float>() << std::endl;
}

// A pretrained embedding weight frozen by name: the other layers still
// record a graph for the test pass, scored only.
void frozen_embedding(Net& model, torch::optim::SGD& opt, torch::Tensor x) {
  model->fc->weight.requires_grad_(false);
  auto loss = model(x).sum();
  opt.zero_grad();
  loss.backward();
  opt.step();
  auto scores = model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'model' is used for inference without a grad guard; {{.*}}
  std::cout << scores.argmax(1) << std::endl;
}

// A backbone frozen in a loop over its parameters (a fine-tuning Train()),
// then trained and validated: the model it trains keeps parameters that
// require grad, so the validation pass records a graph.
void fine_tune(Net& model, torch::optim::SGD& opt, torch::Tensor x) {
  for (auto& p : model->fc->parameters()) p.set_requires_grad(false);
  for (int epoch = 0; epoch < 2; ++epoch) {
    auto loss = model(x).sum();
    opt.zero_grad();
    loss.backward();
    opt.step();
    auto val = model(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'model' is used for inference without a grad guard; {{.*}}
    std::cout << val.argmax(1) << std::endl;
  }
}

// Per-epoch samples from a generator: only detached copies leave, to an
// image writer of another file. A detached copy holds no graph.
void write_image(const torch::Tensor& t);
void train_and_sample(Net& gen, Plain& dis, torch::optim::SGD& opt,
                      torch::Tensor z) {
  for (int epoch = 0; epoch < 3; ++epoch) {
    auto loss = dis(gen(z)).sum();
    opt.zero_grad();
    loss.backward();
    opt.step();
    torch::Tensor samples = gen(z) / 2 + 0.5;
    // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'gen' is used for inference without a grad guard; {{.*}}
    write_image(samples.detach().clone());
  }
}

// Negative cases: the result may feed a backward pass, or goes where the
// analysis cannot follow it.

// An in-place op writes the result into its object (LibTorch declares
// mul_ const): the gate reaches the loss through `weighted.mul_(gate)`.
void train_gated(Net& gate_net, torch::Tensor features, torch::Tensor h) {
  torch::Tensor gate = torch::sigmoid(gate_net(h));  // no warning
  torch::Tensor weighted = features * 2;
  weighted.mul_(gate);
  weighted.sum().backward();
}
void train_gated_op(Net& gate_net, torch::Tensor features, torch::Tensor h) {
  torch::Tensor weighted = features * 2;
  weighted *= gate_net(h);  // no warning
  weighted.sum().backward();
}

// A value that may survive to the backward pass (the replacement is
// conditional) may be trained on.
void maybe_replaced(Net& model, torch::Tensor x, bool fresh) {
  torch::Tensor out = model(x);  // no warning
  if (fresh) out = x * 2;
  out.sum().backward();
}

// Kept in a member: its uses are elsewhere.
struct Recorder {
  torch::Tensor last;
  std::vector<torch::Tensor> history;
  void record(Net& model, torch::Tensor x) {
    last = model(x);  // no warning: stored in a member
    history.push_back(model(x));  // no warning: stored in a member container
  }
};

// Given to a helper defined in another file.
void consume(torch::Tensor t);
void hand_over(Net& model, torch::Tensor x) {
  consume(model(x));  // no warning: the helper's uses are not visible
}

// Given to a helper of this file that trains on it.
void train_on(torch::Tensor loss) { loss.backward(); }
void through_helper(Net& model, torch::Tensor x) {
  auto out = model(x);  // no warning: train_on() backpropagates it
  train_on(out.sum());
}

// A GAN step: the generator's output reaches the losses through detach()
// and through the discriminator.
void gan_step(Net& gen, Plain& dis, torch::Tensor z) {
  auto fake = gen(z);  // no warning: backpropagated below
  auto d_loss = dis(fake.detach()).mean();
  d_loss.backward();
  auto g_loss = dis(fake).mean();
  g_loss.backward();
}

// Summed over a loop, then backpropagated once.
void accumulate(Net& model, std::vector<torch::Tensor>& xs) {
  torch::Tensor total = torch::zeros({});
  for (auto& x : xs) total = total + model(x).sum();  // no warning
  total.backward();
}

// The parameters were frozen by hand: no graph is recorded.
void frozen(Net& model, torch::Tensor x) {
  for (auto& p : model->parameters()) p.requires_grad_(false);
  auto y = model(x);  // no warning
  std::cout << y << std::endl;
}

// A user module without parameters applied to constant tensors records
// nothing.
struct FocalLoss : torch::nn::Module {
  explicit FocalLoss(float gamma = 2.0f) : gamma(gamma) {}
  torch::Tensor forward(torch::Tensor p, torch::Tensor y) {
    return (-(1 - p).pow(gamma) * y * torch::log(p)).mean();
  }
  float gamma;
};
void focal_demo() {
  FocalLoss loss;
  std::cout << loss.forward(torch::ones({2}), torch::ones({2})) << std::endl;  // no warning
}

// An abstract base declares no parameters of its own, but the object behind
// it is a derived module that may hold some (an RL policy's output layer
// held as a pointer to its abstract base): judged as a module with
// parameters.
struct OutputHead : torch::nn::Module {
  virtual torch::Tensor forward(torch::Tensor x) = 0;
};
struct LinearHead : OutputHead {
  LinearHead() : fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor x) override { return fc(x); }
  torch::nn::Linear fc;
};
void head_demo(std::shared_ptr<OutputHead> head) {
  std::cout << head->forward(torch::ones({1, 4})) << std::endl;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'head' is used for inference without a grad guard
}

// Written through a reference parameter: the caller decides.
void fill(Net& model, torch::Tensor x, torch::Tensor& out) {
  out = model(x);  // no warning
}

// Stored by a lambda into a variable of the enclosing function.
void lambda_store(Net& model, torch::Tensor x) {
  torch::Tensor result;
  auto run = [&] { result = model(x); };  // no warning: leaves the lambda
  run();
  result.sum().backward();
}

// A model held as torch::nn::AnyModule: its forward is a forward pass like
// any other (a training bench's validation loop, after the training step).
float any_module_epoch(torch::nn::AnyModule net, torch::optim::SGD& opt,
                       torch::Tensor x, torch::Tensor y) {
  opt.zero_grad();
  torch::mse_loss(net.forward(x), y).backward();  // no warning: trains
  opt.step();
  auto out = net.forward(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'net' is used for inference without a grad guard
  return out.argmax(1).eq(y).sum().item<float>();
}

// The layers of a Sequential run one by one, each an AnyModule: the
// container's pass, not a model's (a tutorial printing each layer's output
// shape): not judged layer by layer.
void print_layer_shapes(torch::nn::Sequential& net, torch::Tensor x) {
  for (auto& layer : *net) x = layer.forward(x);  // no warning
  std::cout << x.sizes() << std::endl;
}
