// RUN: %check_torch_tidy %s torch-missing-eval %t
// RUN: %check_torch_tidy_plugin %s torch-missing-eval %t-plugin

#include "jit_module.h"
#include "models.h"

#include <iostream>

// Positive cases

torch::Tensor predict(Net& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return model->forward(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode; dropout and batch norm behave as in training [torch-missing-eval]
  // CHECK-MESSAGES: models.h:13:22: note: 'drop' holds a mode-dependent layer ('Dropout')
  // CHECK-MESSAGES: :[[@LINE-4]]:22: note: a grad guard is live here; it does not switch layers to eval mode
}

// train() at the top of each epoch and no eval() before the test pass:
// known to be in training mode, and the note says where.
void epochs_then_test(Net& net, torch::optim::SGD& opt, torch::Tensor x) {
  for (int epoch = 0; epoch < 2; ++epoch) {
    net->train();
    auto loss = net->forward(x).sum();
    opt.zero_grad();
    loss.backward();
    opt.step();
    torch::NoGradGuard no_grad;
    auto predicted = net->forward(x).argmax(1);
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'net' is used for inference in training mode; dropout and batch norm behave as in training [torch-missing-eval]
    // CHECK-MESSAGES: :[[@LINE-8]]:5: note: 'net' was put in training mode here
    // CHECK-MESSAGES: models.h:13:22: note: 'drop' holds a mode-dependent layer ('Dropout')
    // CHECK-MESSAGES: :[[@LINE-5]]:24: note: a grad guard is live here; it does not switch layers to eval mode
    std::cout << predicted << std::endl;
  }
}

// An eval() that may run in between (here on one branch): "may be".
void maybe_switched(Net& net, torch::Tensor x, bool quick) {
  net->train();
  if (quick)
    net->eval();
  torch::NoGradGuard no_grad;
  std::cout << net->forward(x) << std::endl;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'net' is used for inference while it may be in training mode; dropout and batch norm behave as in training [torch-missing-eval]
  // CHECK-MESSAGES: models.h:13:22: note: 'drop' holds a mode-dependent layer ('Dropout')
  // CHECK-MESSAGES: :[[@LINE-4]]:22: note: a grad guard is live here; it does not switch layers to eval mode
}

// BatchNorm registered in the constructor, no member.
torch::Tensor infer_bn(BNNet model, torch::Tensor x) {
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode
  // CHECK-MESSAGES: models.h:27:3: note: 'BNNetImpl' holds a mode-dependent layer ('BatchNorm1d')
}

// Layers behind a Sequential cannot be seen: assumed mode-dependent.
torch::Tensor infer_seq(SeqNet model, torch::Tensor x) {
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode
  // CHECK-MESSAGES: models.h:{{[0-9]+}}:8: note: the layers of 'SeqNetImpl' cannot all be seen; assumed to depend on the mode
}

// A Sequential itself, and a raw shared_ptr to the base Module type.
torch::Tensor evaluate(torch::nn::Sequential seq, torch::Tensor x) {
  return seq->forward(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'seq' is used for inference while it may be in training mode
}

// train() after eval() undoes it.
torch::Tensor validate(Net& model, torch::Tensor x, bool again) {
  model->eval();
  if (again) model->train();
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode
}

// eval() on one branch only does not dominate the call.
torch::Tensor detect(Net& model, torch::Tensor x, bool flag) {
  if (flag) model->eval();
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode
}

// Eval on another model does not count.
torch::Tensor classify(Net& model, Net& other, torch::Tensor x) {
  other->eval();
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode
}

// Loops: a train() later in the loop body reaches the next iteration.
void sample_loop(Net& model, std::vector<torch::Tensor>& xs) {
  model->eval();
  for (auto& x : xs) {
    x = model(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'model' is used for inference while it may be in training mode
    model->train();
  }
}

// TorchScript modules keep the mode they were saved with.
torch::Tensor serve(const std::string& path, torch::Tensor x) {
  torch::jit::Module module = torch::jit::load(path);
  return module.forward({x}).toTensor();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: TorchScript module 'module' is used for inference without 'eval()'; it runs in whatever mode it was saved in
}

// Macros: reported at the use.
#define RUN_MODEL(m, x) (m)->forward(x)
torch::Tensor infer_macro(Net& model, torch::Tensor x) {
  return RUN_MODEL(model, x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode
}

// Templates.
template <typename M>
torch::Tensor predict_template(M& model, torch::Tensor x) {
  c10::InferenceMode guard;
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode
}
template torch::Tensor predict_template(Net&, torch::Tensor);

// An alias of the model type.
using Model = Net;
torch::Tensor predict_model_alias(Model& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode
}

// The script module alias, run through run_method("forward").
torch::Tensor serve_run_method(const std::string& path, torch::Tensor x) {
  torch::jit::script::Module module = torch::jit::load(path);
  return module.run_method("forward", x).toTensor();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: TorchScript module 'module' is used for inference without 'eval()'; it runs in whatever mode it was saved in
}

// eval() after the call, as the last statement, is too late.
torch::Tensor predict_late_eval(Net& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  torch::Tensor y = model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'model' is used for inference while it may be in training mode
  model->eval();
  return y;
}

// A member function that calls train() defeats eval() in another member.
class Tagger {
public:
  void load(const std::string& path) {
    torch::load(net_, path);
    net_->eval();
  }
  void fit(torch::Tensor x) { net_->train(); }
  torch::Tensor predict(torch::Tensor x) {
    torch::NoGradGuard no_grad;
    return net_(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'net_' is used for inference while it may be in training mode
  }

private:
  Net net_;
};

// A fit() that trains and then validates leaves the model in eval mode:
// it does not defeat load()'s eval() (a detector's Train() with its
// validation pass at the end of every epoch).
class Detector {
public:
  void load(const std::string& path) {
    torch::load(net_, path);
    net_->eval();
  }
  void fit(torch::Tensor x, int epochs) {
    for (int epoch = 0; epoch < epochs; ++epoch) {
      net_->train();
      net_(x).sum().backward();
      net_->eval();
      torch::NoGradGuard no_grad;
      std::cout << net_(x).sum().item<float>() << "\n";
    }
  }
  torch::Tensor predict(torch::Tensor x) {
    torch::NoGradGuard no_grad;
    return net_(x);  // no warning: neither member leaves it in training mode
  }

private:
  Net net_;
};
// An early return between train() and eval() leaves it in training mode.
class EarlyExit {
public:
  void load(const std::string& path) {
    torch::load(net_, path);
    net_->eval();
  }
  void fit(torch::Tensor x, bool dry_run) {
    net_->train();
    if (dry_run)
      return;
    net_(x).sum().backward();
    net_->eval();
  }
  torch::Tensor predict(torch::Tensor x) {
    torch::NoGradGuard no_grad;
    return net_(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'net_' is used for inference while it may be in training mode
  }

private:
  Net net_;
};

// FIXME: false positive, a lambda does not inherit the eval() of the
// function that defines it.
torch::Tensor predict_lambda(Net& model, torch::Tensor x) {
  model->eval();
  auto run = [&] {
    torch::NoGradGuard no_grad;
    return model(x);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'model' is used for inference while it may be in training mode
  };
  return run();
}

// FIXME: false negative, train(flag) with a run-time flag between eval()
// and the call may switch the model back to training mode.
torch::Tensor predict_train_flag(Net& model, torch::Tensor x, bool flag) {
  model->eval();
  model->train(flag);
  torch::NoGradGuard no_grad;
  return model(x);
}

// eval() recurses into registered children only; a submodule held as a
// plain member is not switched by its owner's eval().
struct Unregistered : torch::nn::Module {
  Net net;  // never passed to register_module
};
torch::Tensor predict_unregistered(Unregistered& owner, torch::Tensor x) {
  owner.eval();
  torch::NoGradGuard no_grad;
  return owner.net(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'owner.net' is used for inference while it may be in training mode
  // CHECK-MESSAGES: :[[@LINE-7]]:7: note: 'net' is not registered with register_module(); eval() on its owner does not switch it
}

// Validation inside a training function, under a guard but without eval():
// the dropout layer still drops.
void fit_and_validate(Net& model, torch::optim::SGD& opt, torch::Tensor x) {
  model(x).sum().backward();
  opt.step();
  torch::NoGradGuard no_grad;
  auto val = model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'model' is used for inference while it may be in training mode; dropout and batch norm behave as in training [torch-missing-eval]
  std::cout << val.mean().item<float>() << std::endl;
}

// The number of epochs comes from the caller and may be zero: the eval()
// inside the loop may never have run before the final test.
void fit_epochs_then_test(Net& model, torch::optim::SGD& opt, torch::Tensor x,
                          int epochs) {
  for (int e = 0; e < epochs; ++e) {
    model->train();
    model(x).sum().backward();
    opt.step();
    model->eval();
  }
  torch::NoGradGuard no_grad;
  std::cout << model(x).mean().item<float>() << std::endl;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'model' is used for inference while it may be in training mode; dropout and batch norm behave as in training [torch-missing-eval]
}

// Validation inside the training function, with neither a guard nor
// eval(): the function trains this model, and the second pass's result is
// only scored, so it runs in training mode (the dropout drops).
void fit_and_score(Net& net, torch::optim::SGD& opt, torch::Tensor x,
                   torch::Tensor y) {
  for (int epoch = 0; epoch < 3; ++epoch) {
    auto loss = torch::mse_loss(net(x), y);
    opt.zero_grad();
    loss.backward();
    opt.step();
    auto hits = net(x).argmax(1).eq(y).sum();
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'net' is used for inference while it may be in training mode; dropout and batch norm behave as in training [torch-missing-eval]
    // CHECK-MESSAGES: :[[@LINE-6]]:33: note: 'net' is trained here, and nothing puts it in eval mode before the call
    // CHECK-MESSAGES: models.h:13:22: note: 'drop' holds a mode-dependent layer ('Dropout')
    std::cout << hits.item<float>() << std::endl;
  }
}

// A loop over the training batches, then one over the held-out batches in
// the same epoch (the shape of a training bench's train()).
void fit_batches_then_score(Net& net, torch::optim::SGD& opt,
                            std::vector<torch::Tensor>& train_batches,
                            std::vector<torch::Tensor>& held_out) {
  for (int epoch = 0; epoch < 3; ++epoch) {
    for (auto& x : train_batches) {
      opt.zero_grad();
      net->forward(x).sum().backward();
      opt.step();
    }
    float hits = 0;
    for (auto& x : held_out) {
      auto out = net->forward(x);
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'net' is used for inference while it may be in training mode; dropout and batch norm behave as in training [torch-missing-eval]
      // CHECK-MESSAGES: :[[@LINE-7]]:7: note: 'net' is trained here, and nothing puts it in eval mode before the call
      // CHECK-MESSAGES: models.h:13:22: note: 'drop' holds a mode-dependent layer ('Dropout')
      hits += out.argmax(1).sum().item<float>();
    }
    std::cout << hits << std::endl;
  }
}

// The same in a function template, through its instantiation.
template <typename Model>
void fit_and_score_generic(Model& net, torch::optim::SGD& opt,
                           torch::Tensor x) {
  net->forward(x).sum().backward();
  opt.step();
  std::cout << net->forward(x).max().template item<float>() << std::endl;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'net' is used for inference while it may be in training mode
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'net' is trained here
}
template void fit_and_score_generic<Net>(Net&, torch::optim::SGD&,
                                         torch::Tensor);

// Negative cases

// A training function that only looks at another model's output (a
// teacher it does not train): nothing says that model was meant to be in
// eval mode; and one that scores a model whose layers are the same in both
// modes.
void distil_step(Net& student, Net& teacher, torch::optim::SGD& opt,
                 torch::Tensor x) {
  student(x).sum().backward();
  opt.step();
  std::cout << teacher(x).mean().item<float>() << std::endl;  // no warning
}
void fit_and_score_plain(Plain& net, torch::optim::SGD& opt, torch::Tensor x) {
  net(x).sum().backward();
  opt.step();
  std::cout << net(x).mean().item<float>() << std::endl;  // no warning
}

// Scoring after eval() in the training function: nothing to report.
void fit_then_score_switched(Net& net, torch::optim::SGD& opt,
                             torch::Tensor x) {
  net(x).sum().backward();
  opt.step();
  net->eval();
  std::cout << net(x).mean().item<float>() << std::endl;  // no warning
}

// A look at the untrained model's output shape before training starts:
// no training pass runs before it (a tutorial's "test the model" line).
void shape_check_then_fit(Net& net, torch::optim::SGD& opt, torch::Tensor x) {
  std::cout << net(x).sizes() << std::endl;  // no warning
  for (int epoch = 0; epoch < 3; ++epoch) {
    net(x).sum().backward();
    opt.step();
  }
}

// Inside one training step, a pass written before the model's own training
// pass (a discriminator scored during the generator's step, trained later
// in the step) reaches it only through the loop's back edge: part of the
// step, not a pass after training.
void adversarial_steps(Net& gen, Net& critic, torch::optim::SGD& opt,
                       torch::Tensor x) {
  for (int step = 0; step < 3; ++step) {
    auto fake = gen(x);
    auto scored = critic(fake.detach());
    std::cout << scored.mean().item<float>() << std::endl;  // no warning
    gen(x).sum().backward();
    critic(fake.detach()).sum().backward();
    opt.step();
  }
}

// A fixed number of epochs runs the loop at least once, so the eval() of
// its last epoch holds for the test after it; the train() behind a flag
// initialised false and never set is on a branch never taken.
void fit_fixed_epochs_then_test(Net& model, torch::optim::SGD& opt,
                                torch::Tensor x) {
  const unsigned long epochs = 2;
  bool reload_best{false};
  for (unsigned long e = 0; e != epochs; ++e) {
    model->train();
    model(x).sum().backward();
    opt.step();
    model->eval();
  }
  if (reload_best)
    model->train();
  torch::NoGradGuard no_grad;
  std::cout << model(x).mean().item<float>() << std::endl;  // no warning
}


// A module's own forward pass run from its generate(): the mode is the one
// the module's user set before calling it, not this function's to decide.
struct SamplerImpl : torch::nn::Module {
  SamplerImpl() : drop(register_module("drop", torch::nn::Dropout(0.5))) {}
  torch::Tensor forward(torch::Tensor x) { return drop(x); }
  torch::Tensor generate(torch::Tensor x) {
    torch::NoGradGuard no_grad;
    for (int i = 0; i < 3; ++i)
      x = torch::cat({x, forward(x).argmax(1, true)}, 1);  // no warning
    return x;
  }
  torch::nn::Dropout drop;
};

// The holder passed in is stored in the member and registered under the
// parameter's name: the same module.
struct SharedDropImpl : torch::nn::Module {
  explicit SharedDropImpl(torch::nn::Dropout d) {
    this->drop = d;
    register_module("drop", d);
  }
  torch::Tensor forward(torch::Tensor x) { return drop(x); }
  torch::nn::Dropout drop{nullptr};
};
TORCH_MODULE(SharedDrop);
torch::Tensor predict_shared_drop(SharedDrop& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard no_grad;
  return model(x);  // no warning: `drop` is registered through `d`
}

// The constructor is defined in another file, where it may register the
// member: unknown, so no claim that eval() misses it.
struct ElsewhereImpl : torch::nn::Module {
  ElsewhereImpl();
  torch::Tensor forward(torch::Tensor x) { return drop(x); }
  torch::nn::Dropout drop{nullptr};
};
TORCH_MODULE(Elsewhere);
torch::Tensor predict_elsewhere(Elsewhere& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard no_grad;
  return model(x);  // no warning
}

// A demo forward whose output is only printed is inference for the grad
// guard, but nothing says the model was meant to be in eval mode.
void print_demo(Net& model, torch::Tensor x) {
  auto y = model(x);  // no warning
  std::cout << y << std::endl;
}


torch::Tensor predict_ok(Net& model, torch::Tensor x) {
  model->eval();  // no warning: eval dominates the call
  torch::NoGradGuard no_grad;
  return model(x);
}

torch::Tensor predict_train_false(Net& model, torch::Tensor x) {
  model->train(false);  // no warning: train(false) is eval
  return model(x);
}

// The save-and-restore idiom.
torch::Tensor evaluate_restoring(Net& model, torch::Tensor x) {
  const bool was_training = model->is_training();
  model->eval();
  torch::Tensor y = model(x);  // no warning
  model->train(was_training);
  return y;
}

torch::Tensor predict_plain(Plain& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return model(x);  // no warning: Linear only, same in both modes
}

torch::Tensor serve_eval(const std::string& path, torch::Tensor x) {
  torch::jit::Module module = torch::jit::load(path);
  module.eval();
  return module.forward({x}).toTensor();  // no warning
}

// eval() on an owner switches its registered children.
struct Outer {
  Net net;
};
torch::Tensor infer_owner(Outer& outer, torch::Tensor x) {
  outer.net->eval();
  return outer.net(x);  // no warning
}

// eval() in another member function, and no member calls train().
class Classifier {
public:
  void load(const std::string& path) {
    torch::load(net_, path);
    net_->eval();
  }
  torch::Tensor classify(torch::Tensor x) {
    torch::NoGradGuard no_grad;
    return net_(x);  // no warning: load() put it in eval mode
  }

private:
  Net net_;
};

// A helper taking the model, called only with evaluated models.
static torch::Tensor helper_infer(Net& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return model(x);  // no warning: every caller calls eval() first
}
torch::Tensor caller(Net& model, torch::Tensor x) {
  model->eval();
  return helper_infer(model, x);
}

// Not an inference context.
torch::Tensor forward_features(Net& model, torch::Tensor x) {
  return model(x);  // no warning: no guard, no eval, neutral name
}

// Training code.
void train_epoch(Net& model, torch::Tensor x) {
  torch::Tensor loss = model(x).sum();  // no warning: backward follows
  loss.backward();
}

// Sequential contents are seen when built in one expression.
torch::Tensor infer_seq_drop(SeqDrop model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode
  // CHECK-MESSAGES: models.h:{{[0-9]+}}:25: note: 'body' holds a mode-dependent layer ('Dropout')
}
torch::Tensor infer_seq_plain(SeqPlain model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return model(x);  // no warning: Linear and ReLU only
}
torch::Tensor infer_local_seq(torch::Tensor x) {
  torch::nn::Sequential seq(torch::nn::Linear(4, 4), torch::nn::Dropout(0.5));
  torch::NoGradGuard no_grad;
  return seq->forward(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'seq' is used for inference while it may be in training mode
}
torch::Tensor infer_local_plain_seq(torch::Tensor x) {
  torch::nn::Sequential seq(torch::nn::Linear(4, 4), torch::nn::ReLU());
  torch::NoGradGuard no_grad;
  return seq->forward(x);  // no warning: the layers are visible and stateless
}

// A Sequential member assigned in the constructor's body, then registered
// by name (a policy network's actor head): its layers are seen there.
struct AssignedHeadImpl : torch::nn::Module {
  AssignedHeadImpl() : actor(nullptr) {
    actor = torch::nn::Sequential(torch::nn::Linear(4, 4),
                                  torch::nn::Functional(torch::tanh));
    register_module("actor", actor);
  }
  torch::Tensor forward(torch::Tensor x) { return actor->forward(x); }
  torch::nn::Sequential actor;
};
TORCH_MODULE(AssignedHead);
torch::Tensor act(AssignedHead head, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return head(x);  // no warning: Linear and tanh only
}
struct AssignedDropHeadImpl : torch::nn::Module {
  AssignedDropHeadImpl() {
    actor = torch::nn::Sequential(torch::nn::Linear(4, 4),
                                  torch::nn::Dropout(0.5));
    register_module("actor", actor);
  }
  torch::Tensor forward(torch::Tensor x) { return actor->forward(x); }
  torch::nn::Sequential actor;
};
TORCH_MODULE(AssignedDropHead);
torch::Tensor act_drop(AssignedDropHead head, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return head(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'head' is used for inference while it may be in training mode
  // CHECK-MESSAGES: :[[@LINE-7]]:25: note: 'actor' holds a mode-dependent layer ('Dropout')
}
// Layers pushed back after the assignment are not seen: assumed
// mode-dependent.
struct GrownHeadImpl : torch::nn::Module {
  GrownHeadImpl() {
    actor = torch::nn::Sequential(torch::nn::Linear(4, 4));
    actor->push_back(torch::nn::Dropout(0.5));
    register_module("actor", actor);
  }
  torch::Tensor forward(torch::Tensor x) { return actor->forward(x); }
  torch::nn::Sequential actor;
};
TORCH_MODULE(GrownHead);
torch::Tensor act_grown(GrownHead head, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return head(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'head' is used for inference while it may be in training mode
  // CHECK-MESSAGES: :[[@LINE-14]]:8: note: the layers of 'GrownHeadImpl' cannot all be seen; assumed to depend on the mode
}

// eval() on `this` in a member of the owning module.
struct Wrapper : torch::nn::Module {
  Wrapper() { net = register_module("net", Net()); }
  torch::Tensor predict(torch::Tensor x) {
    eval();
    torch::NoGradGuard no_grad;
    return net(x);  // no warning: eval() switches registered children
  }
  Net net;
};

// eval() through the holder's pointer, the call through operator*.
torch::Tensor predict_get(Net& model, torch::Tensor x) {
  model.get()->eval();
  torch::NoGradGuard no_grad;
  return (*model).forward(x);  // no warning: the same model
}

// Inside a module's forward(), the layers run in the mode its caller set;
// the caller here both evaluates and guards.
struct EncoderImpl : torch::nn::Module {
  EncoderImpl() : drop(register_module("drop", torch::nn::Dropout(0.1))) {}
  torch::Tensor forward(torch::Tensor x) {
    return drop(x);  // no warning: the caller put the module in eval mode
  }
  torch::nn::Dropout drop;
};
TORCH_MODULE(Encoder);
torch::Tensor encode(Encoder& encoder, torch::Tensor x) {
  encoder->eval();
  torch::NoGradGuard no_grad;
  return encoder->forward(x);  // no warning: eval and guard
}

// eval() on an owner reaches only registered submodules.
struct Owner : torch::nn::Module {
  Owner() {
    registered = register_module("registered", Net());
  }
  Net registered;
  Net unregistered;
};
torch::Tensor predict_children(Owner& owner, torch::Tensor x) {
  owner.eval();
  torch::NoGradGuard no_grad;
  torch::Tensor a = owner.registered(x);  // no warning: registered child
  return owner.unregistered(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'owner.unregistered' is used for inference while it may be in training mode
  // CHECK-MESSAGES: :[[@LINE-8]]:7: note: 'unregistered' is not registered with register_module(); eval() on its owner does not switch it
}

// A Dropout member that is never registered stays in training mode after the
// model's eval().
torch::Tensor predict_hidden(HiddenDrop& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard no_grad;
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference with 'drop' still in training mode; it is not registered with register_module(), so eval() does not reach it
  // CHECK-MESSAGES: models.h:{{[0-9]+}}:22: note: 'drop' declared here
}

// A model held as torch::nn::AnyModule (picked at run time from a list of
// architectures, as in a public training bench): its forward runs the module
// it holds, whose layers cannot be seen, so they are taken to depend on the
// mode; eval() reaches it through ptr().
void any_module_demo() {
  torch::NoGradGuard no_grad;
  torch::nn::AnyModule net(Net{});
  std::cout << net.forward(torch::ones({1, 4})) << std::endl;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'net' is used for inference while it may be in training mode; dropout and batch norm behave as in training
  // CHECK-MESSAGES: any.h:{{[0-9]+}}:7: note: the layers of 'AnyModule' cannot all be seen; assumed to depend on the mode
  // CHECK-MESSAGES: :[[@LINE-5]]:22: note: a grad guard is live here; it does not switch layers to eval mode
}
void any_module_in_eval() {
  torch::NoGradGuard no_grad;
  torch::nn::AnyModule net(Net{});
  net.ptr()->eval();
  std::cout << net.forward(torch::ones({1, 4})) << std::endl;  // no warning
}
