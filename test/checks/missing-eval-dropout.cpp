// RUN: %check_torch_tidy %s torch-missing-eval %t
// RUN: %check_torch_tidy_plugin %s torch-missing-eval %t-plugin

// Dropout hard-wired to training mode: the functional forms take the flag
// as an argument, and eval() only changes what is_training() returns.
#include <iostream>

#include <torch/torch.h>

namespace F = torch::nn::functional;

// The flag written as a constant.
struct ConstantFlagImpl : torch::nn::Module {
  ConstantFlagImpl() : fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor x) {
    return fc(torch::dropout(x, 0.5, true));
    // CHECK-FIXES: {{^}}    return fc(torch::dropout(x, 0.5, is_training()));{{$}}
  }
  torch::nn::Linear fc;
};
TORCH_MODULE(ConstantFlag);

torch::Tensor predict_constant(ConstantFlag& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard no_grad;
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference with dropout hard-wired to training mode; eval() does not turn it off [torch-missing-eval]
  // CHECK-MESSAGES: :[[@LINE-12]]:15: note: this dropout runs in training mode whatever the module's mode; pass is_training()
}

// A second inference site: warned too, the fix is given once.
torch::Tensor classify_constant(ConstantFlag& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard no_grad;
  return model(x).argmax(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference with dropout hard-wired to training mode
}

// F::dropout's options train unless told otherwise.
struct DefaultOptionsImpl : torch::nn::Module {
  DefaultOptionsImpl() : fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor x) {
    x = F::dropout(x, F::DropoutFuncOptions().p(0.2));
    // CHECK-FIXES: {{^}}    x = F::dropout(x, F::DropoutFuncOptions().p(0.2).training(is_training()));{{$}}
    return fc(x);
  }
  torch::nn::Linear fc;
};
TORCH_MODULE(DefaultOptions);

void evaluate_default(DefaultOptions& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard no_grad;
  std::cout << model(x) << std::endl;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'model' is used for inference with dropout hard-wired to training mode
  // CHECK-MESSAGES: :[[@LINE-13]]:9: note: this dropout runs in training mode
}

// A submodule's forward: the owner runs it.
struct BlockImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor x) { return F::dropout(x); }
};
TORCH_MODULE(Block);
struct OwnerImpl : torch::nn::Module {
  OwnerImpl() : block(register_module("block", Block())) {}
  torch::Tensor forward(torch::Tensor x) { return block(x); }
  Block block;
};
TORCH_MODULE(Owner);
torch::Tensor predict_owner(Owner& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard no_grad;
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference with dropout hard-wired to training mode
  // CHECK-MESSAGES: :[[@LINE-14]]:51: note: this dropout runs in training mode
}

// Bound once in a Functional layer: no fix-it (is_training() in the
// constructor would be read once, while the module trains).
struct BoundImpl : torch::nn::Module {
  BoundImpl()
      : seq(register_module(
            "seq", torch::nn::Sequential(
                       torch::nn::Linear(4, 4),
                       torch::nn::Functional(torch::dropout, 0.5, true)))) {}
  torch::Tensor forward(torch::Tensor x) { return seq->forward(x); }
  torch::nn::Sequential seq;
};
TORCH_MODULE(Bound);
torch::Tensor predict_bound(Bound& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard no_grad;
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference with dropout hard-wired to training mode
  // CHECK-MESSAGES: :[[@LINE-10]]:24: note: this dropout runs in training mode
}

// A dropout of the user's own, run under the module's own flag instead of
// is_training(): eval() does not clear the flag, and this model was built
// with it set.
torch::Tensor apply_dropout(torch::Tensor x, double p) {
  return x * (torch::rand(x.sizes()) > p) / (1.0 - p);
}
struct OwnFlagImpl : torch::nn::Module {
  OwnFlagImpl(int64_t in, bool is_training) : training(is_training) {
    fc = register_module("fc", torch::nn::Linear(in, 2));
  }
  torch::Tensor forward(torch::Tensor x) {
    if (training) {
      x = apply_dropout(x, 0.5);
    }
    return fc(x);
  }
  bool training = false;
  torch::nn::Linear fc{nullptr};
};
TORCH_MODULE(OwnFlag);
void evaluate_own_flag(torch::Tensor x) {
  OwnFlag net = OwnFlag(4, true);
  net->eval();
  torch::NoGradGuard no_grad;
  std::cout << net(x) << std::endl;
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'net' is used for inference with dropout hard-wired to training mode
  // CHECK-MESSAGES: :[[@LINE-14]]:11: note: this dropout runs while 'training' is set, a member of the module's own that eval() does not change; test is_training()
}

// Negative cases

// The same module built with its flag cleared: its dropout never runs.
void evaluate_own_flag_off(torch::Tensor x) {
  OwnFlag net(4, false);
  net->eval();
  torch::NoGradGuard no_grad;
  std::cout << net(x) << std::endl;  // no warning
}

// A flag that another member function sets: not only the constructor's.
struct SwitchedImpl : torch::nn::Module {
  SwitchedImpl() : training(true) {}
  void set_inference() { training = false; }
  torch::Tensor forward(torch::Tensor x) {
    if (training)
      x = apply_dropout(x, 0.5);
    return x;
  }
  bool training;
};
TORCH_MODULE(Switched);
void evaluate_switched(torch::Tensor x) {
  Switched net;
  net->eval();
  torch::NoGradGuard no_grad;
  std::cout << net(x) << std::endl;  // no warning
}


// The flag follows the module.
struct FollowsModeImpl : torch::nn::Module {
  FollowsModeImpl() : fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor x) {
    x = torch::dropout(x, 0.5, is_training());
    x = F::dropout(x, F::DropoutFuncOptions().p(0.2).training(is_training()));
    return fc(x);
  }
  torch::nn::Linear fc;
};
TORCH_MODULE(FollowsMode);
torch::Tensor predict_follows(FollowsMode& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard no_grad;
  return model(x);  // no warning
}

// Named options and a flag from the caller: not known here.
struct ConfiguredImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor x, bool train) {
    F::DropoutFuncOptions opts;
    x = F::dropout(x, opts);
    return torch::dropout(x, 0.5, train);
  }
};
TORCH_MODULE(Configured);
torch::Tensor predict_configured(Configured& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard no_grad;
  return model->forward(x, false);  // no warning
}

// Dropout switched off by a constant: it never drops.
struct OffImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor x) {
    return torch::dropout(x, 0.5, false);
  }
};
TORCH_MODULE(Off);
torch::Tensor predict_off(Off& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return model(x);  // no warning
}

// Training code: dropout in training mode is what training wants.
void train_step(ConstantFlag& model, torch::Tensor x) {
  model->train();
  model(x).sum().backward();  // no warning
}

// Macros: the flag comes from a macro, so the note has no fix-it.
#define ALWAYS_TRAIN true
struct MacroFlagImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor x) {
    return torch::dropout(x, 0.5, ALWAYS_TRAIN);
    // CHECK-FIXES: {{^}}    return torch::dropout(x, 0.5, ALWAYS_TRAIN);{{$}}
  }
};
TORCH_MODULE(MacroFlag);
torch::Tensor predict_macro(MacroFlag& model, torch::Tensor x) {
  model->eval();
  torch::NoGradGuard no_grad;
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference with dropout hard-wired to training mode
  // CHECK-MESSAGES: :[[@LINE-10]]:12: note: this dropout runs in training mode
}
