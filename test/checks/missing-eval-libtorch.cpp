// REQUIRES: libtorch
// RUN: %check_torch_tidy -no-runtime-include %s torch-missing-eval %t \
// RUN:   -- %libtorch_includes
// RUN: %check_torch_tidy_plugin -no-runtime-include %s torch-missing-eval \
// RUN:   %t-plugin -- %libtorch_includes

// The real LibTorch 1.13 headers: layers are ModuleHolder<...Impl>,
// torch::jit::Module comes from <torch/script.h>.
#include <torch/script.h>
#include <torch/torch.h>

// Has a Dropout: mode-dependent.
struct NetImpl : torch::nn::Module {
  NetImpl()
      : fc(register_module("fc", torch::nn::Linear(4, 2))),
        drop(register_module("drop", torch::nn::Dropout(0.5))) {}
  torch::Tensor forward(torch::Tensor x) { return drop(fc(x)); }
  torch::nn::Linear fc;
  torch::nn::Dropout drop;
};
TORCH_MODULE(Net);

// BatchNorm registered without a member.
struct BNNetImpl : torch::nn::Module {
  BNNetImpl() { register_module("bn", torch::nn::BatchNorm1d(4)); }
  torch::Tensor forward(torch::Tensor x) { return x; }
};
TORCH_MODULE(BNNet);

// Only Linear and ReLU: the same in both modes.
struct PlainImpl : torch::nn::Module {
  PlainImpl() : fc(register_module("fc", torch::nn::Linear(4, 2))) {}
  torch::Tensor forward(torch::Tensor x) { return relu(fc(x)); }
  torch::nn::Linear fc;
  torch::nn::ReLU relu;
};
TORCH_MODULE(Plain);

// Positive cases

torch::Tensor predict(Net& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode; dropout and batch norm behave as in training [torch-missing-eval]
  // CHECK-MESSAGES: :{{[0-9]+}}:22: note: 'drop' holds a mode-dependent layer ('Dropout')
  // CHECK-MESSAGES: :[[@LINE-4]]:22: note: a grad guard is live here; it does not switch layers to eval mode
}

torch::Tensor infer_bn(BNNet model, torch::Tensor x) {
  c10::InferenceMode guard;
  return model(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'model' is used for inference while it may be in training mode
  // CHECK-MESSAGES: :{{[0-9]+}}:3: note: 'BNNetImpl' holds a mode-dependent layer ('BatchNorm1d')
}

// A Dropout layer on its own.
torch::Tensor detect(torch::nn::Dropout drop, torch::Tensor x) {
  return drop(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'drop' is used for inference while it may be in training mode
}

// A Sequential's contents are filled at run time: assumed mode-dependent.
torch::Tensor evaluate(torch::nn::Sequential seq, torch::Tensor x) {
  return seq->forward(x);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'seq' is used for inference while it may be in training mode
}

// TorchScript modules keep the mode they were saved with.
torch::Tensor serve(const std::string& path, torch::Tensor x) {
  torch::jit::script::Module module = torch::jit::load(path);
  return module.forward({x}).toTensor();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: TorchScript module 'module' is used for inference without 'eval()'; it runs in whatever mode it was saved in [torch-missing-eval]
}

// run_method is declared in torch::jit::Object, Module's base class. A
// transducer-style wrapper loads three scripted parts and switches two of
// them to eval mode; the third keeps the mode it was saved in.
class Transducer {
 public:
  Transducer(const std::string& enc, const std::string& dec) {
    encoder_ = torch::jit::load(enc);
    encoder_.eval();
    decoder_ = torch::jit::load(dec);
    encoder_.eval();  // meant decoder_
  }
  torch::Tensor run_encoder(const torch::Tensor& x);
  torch::Tensor run_decoder(const torch::Tensor& x);

 private:
  torch::jit::Module encoder_;
  torch::jit::Module decoder_;
};
torch::Tensor Transducer::run_decoder(const torch::Tensor& x) {
  c10::InferenceMode no_grad;
  return decoder_.run_method("forward", x, /*need_pad=*/false).toTensor();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: TorchScript module 'decoder_' is used for inference without 'eval()'; it runs in whatever mode it was saved in [torch-missing-eval]
}

// Validation inside the training function, with neither a guard nor
// eval(): a loop over the training batches, then one over the held-out
// batches, whose output is only scored.
template <typename Loader>
void fit_batches_then_score(Net& net, torch::optim::SGD& opt, Loader& batches,
                            Loader& held_out) {
  for (auto& batch : batches) {
    opt.zero_grad();
    auto loss = torch::nll_loss(torch::log_softmax(net->forward(batch.data), 1),
                                batch.target);
    loss.backward();
    opt.step();
  }
  float hits = 0;
  for (auto& batch : held_out) {
    auto out = net->forward(batch.data);
    // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'net' is used for inference while it may be in training mode; dropout and batch norm behave as in training [torch-missing-eval]
    // CHECK-MESSAGES: :[[@LINE-9]]:52: note: 'net' is trained here, and nothing puts it in eval mode before the call
    // CHECK-MESSAGES: :19:22: note: 'drop' holds a mode-dependent layer ('Dropout')
    hits += out.argmax(1).eq(batch.target).sum().template item<float>();
  }
  std::cout << hits << std::endl;
}
template void fit_batches_then_score(Net&, torch::optim::SGD&,
                                     std::vector<torch::data::Example<>>&,
                                     std::vector<torch::data::Example<>>&);

// Negative cases

// The same with eval() between the loops, and with a model whose layers
// ignore the mode.
void fit_then_score_switched(Net& net, torch::optim::SGD& opt,
                             torch::Tensor x) {
  net(x).sum().backward();
  opt.step();
  net->eval();
  std::cout << net(x).mean().item<float>() << std::endl;  // no warning
}
void fit_and_score_plain(Plain& net, torch::optim::SGD& opt, torch::Tensor x) {
  net(x).sum().backward();
  opt.step();
  std::cout << net(x).mean().item<float>() << std::endl;  // no warning
}

torch::Tensor predict_ok(Net& model, torch::Tensor x) {
  model->eval();  // no warning: eval dominates the call
  torch::NoGradGuard no_grad;
  return model(x);
}

torch::Tensor predict_train_false(BNNet& model, torch::Tensor x) {
  model->train(false);  // no warning: train(false) is eval
  return model(x);
}

torch::Tensor predict_plain(Plain& model, torch::Tensor x) {
  torch::NoGradGuard no_grad;
  return model(x);  // no warning: Linear and ReLU only
}

using ScriptModule = torch::jit::Module;
torch::Tensor serve_eval(const std::string& path, torch::Tensor x) {
  ScriptModule module = torch::jit::load(path);
  module.eval();
  c10::InferenceMode guard;
  return module.forward({x}).toTensor();  // no warning: eval() called
}

// Training code.
void train_epoch(Net& model, torch::Tensor x) {
  torch::Tensor loss = model(x).sum();  // no warning: backward follows
  loss.backward();
}

// A function template over a data loader: its instantiation is analysed,
// where the eval() before the dependent loop is seen on every path.
struct Batch {
  torch::Tensor data;
};
template <typename Loader>
float test_loader(torch::jit::script::Module network, Loader& loader) {
  network.eval();
  torch::NoGradGuard no_grad;
  float sum = 0;
  for (const auto& batch : *loader) {
    std::vector<torch::jit::IValue> input;
    input.push_back(batch.data.to(torch::kCPU));
    sum += network.forward(input).toTensor().sum().template item<float>();
  }
  return sum;
}
template <typename Loader>
float test_loader_no_eval(torch::jit::script::Module network, Loader& loader) {
  torch::NoGradGuard no_grad;
  float sum = 0;
  for (const auto& batch : *loader) {
    std::vector<torch::jit::IValue> input;
    input.push_back(batch.data.to(torch::kCPU));
    sum += network.forward(input).toTensor().sum().template item<float>();
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: TorchScript module 'network' is used for inference without 'eval()'; it runs in whatever mode it was saved in [torch-missing-eval]
  }
  return sum;
}
float run_tests(torch::jit::script::Module network,
                std::unique_ptr<std::vector<Batch>>& loader) {
  return test_loader(network, loader) + test_loader_no_eval(network, loader);
}

torch::Tensor Transducer::run_encoder(const torch::Tensor& x) {
  c10::InferenceMode no_grad;
  return encoder_.run_method("forward", x).toTensor();  // no warning: eval() in the constructor
}

// Submodules read from a loaded module share its objects: the owner's eval()
// in the constructor reaches them, called directly or through members.
class Recognizer {
 public:
  explicit Recognizer(const std::string& path) {
    model_ = torch::jit::load(path);
    model_.eval();
    encoder_ = model_.attr("encoder").toModule();
    joiner_ = encoder_;
  }
  torch::Tensor encode(const torch::Tensor& x) {
    c10::InferenceMode no_grad;
    return encoder_.run_method("forward", x).toTensor();  // no warning
  }
  torch::Tensor join(const torch::Tensor& x) {
    c10::InferenceMode no_grad;
    return joiner_.forward({x}).toTensor();  // no warning: a copy of encoder_
  }
  torch::Tensor decode(const torch::Tensor& x) {
    c10::InferenceMode no_grad;
    return model_.attr("decoder").toModule().run_method("forward", x)
        .toTensor();  // no warning
  }

 private:
  torch::jit::Module model_;
  torch::jit::Module encoder_;
  torch::jit::Module joiner_;
};

// A C interface hands the module out as an opaque handle: where it was
// loaded and switched is not visible through the cast.
extern "C" void* load_module(const char* path) {
  auto* module = new torch::jit::Module(torch::jit::load(path));
  module->eval();
  return module;
}
extern "C" void module_forward(void* handle, torch::Tensor* in,
                               torch::Tensor* out, bool requires_grad) {
  torch::AutoGradMode enable_grad(requires_grad);
  auto model = static_cast<torch::jit::Module*>(handle);
  *out = model->forward({*in}).toTensor();  // no warning: opaque handle
}
