// torch::nn modules: train/eval recursion, Dropout and BatchNorm in both
// modes, Linear/Conv2d with fixed weights, Sequential, parameter and buffer
// names. Random outputs (dropout masks, default initialisation) are never
// printed, only properties that hold for every draw.
#include <algorithm>
#include <cmath>
#include <memory>

#include "diff_print.h"

using namespace diff;
using torch::Tensor;

namespace {

// Relative comparison: LibTorch scales in float, by a precomputed 1 / (1 - p).
bool close(double a, double b) {
  return std::fabs(a - b) <= 1e-5 * std::max(1.0, std::fabs(b));
}

// Counts how many times train() was called on it, to show that eval() and a
// parent's train() dispatch to the virtual train().
struct CountingImpl : torch::nn::Module {
  int train_calls = 0;
  void train(bool on = true) override {
    ++train_calls;
    torch::nn::Module::train(on);
  }
  Tensor forward(const Tensor& x) { return x; }
};
TORCH_MODULE(Counting);

struct NetImpl : torch::nn::Module {
  NetImpl()
      : fc1(register_module("fc1", torch::nn::Linear(3, 4))),
        drop(register_module("drop", torch::nn::Dropout(0.5))),
        bn(register_module("bn", torch::nn::BatchNorm1d(4))),
        counting(register_module("counting", Counting())),
        hidden(0.5) {  // a plain member, never registered
    scale = register_parameter("scale", torch::ones({1}));
    offset = register_buffer("offset", torch::zeros({4}));
  }
  Tensor forward(const Tensor& x) {
    return bn(drop(fc1(x))) * scale + offset;
  }
  torch::nn::Linear fc1;
  torch::nn::Dropout drop;
  torch::nn::BatchNorm1d bn;
  Counting counting;
  torch::nn::Dropout hidden;
  Tensor scale;
  Tensor offset;
};
TORCH_MODULE(Net);

// Each element of `out` is either 0 or in / (1 - p).
void dropout_properties(const char* label, const Tensor& out, const Tensor& in,
                        double p) {
  Tensor o = out.contiguous().reshape({-1});
  Tensor x = in.contiguous().reshape({-1});
  bool ok = true;
  bool any_zero = false;
  bool any_kept = false;
  for (int64_t i = 0; i < o.numel(); ++i) {
    double ov = o[i].item<double>();
    double xv = x[i].item<double>();
    if (ov == 0.0) {
      any_zero = true;
    } else if (close(ov, xv / (1.0 - p))) {
      any_kept = true;
    } else {
      ok = false;
    }
  }
  std::printf("%s: sizes %s each 0 or x/(1-p)=%s some zeroed=%s some kept=%s\n",
              label, sizes_str(out).c_str(), flag(ok), flag(any_zero),
              flag(any_kept));
}

// Dropout2d on [N, C, H, W]: every (n, c) plane is all zero or all scaled.
void dropout2d_properties(const char* label, const Tensor& out,
                          const Tensor& in, double p) {
  bool ok = true;
  bool any_zero = false;
  bool any_kept = false;
  for (int64_t n = 0; n < out.sizes()[0]; ++n) {
    for (int64_t c = 0; c < out.sizes()[1]; ++c) {
      Tensor o = out[n][c].contiguous().reshape({-1});
      Tensor x = in[n][c].contiguous().reshape({-1});
      bool zero = true;
      bool kept = true;
      for (int64_t i = 0; i < o.numel(); ++i) {
        double ov = o[i].item<double>();
        double xv = x[i].item<double>();
        if (ov != 0.0) zero = false;
        if (!close(ov, xv / (1.0 - p))) kept = false;
      }
      if (zero) any_zero = true;
      if (kept) any_kept = true;
      if (!zero && !kept) ok = false;
    }
  }
  std::printf(
      "%s: sizes %s each plane 0 or x/(1-p)=%s some zeroed=%s some kept=%s\n",
      label, sizes_str(out).c_str(), flag(ok), flag(any_zero),
      flag(any_kept));
}

Tensor batch43() {
  return torch::tensor({0.5f, 1.0f, 2.0f, -1.0f, 0.25f, 3.0f, 1.5f, -2.0f,
                        0.0f, 2.5f, 0.75f, -0.5f})
      .reshape({4, 3});
}

void print_bn_state(const std::string& label,
                    const torch::nn::BatchNorm1d& bn) {
  print_tensor((label + " running_mean").c_str(), bn->running_mean);
  print_tensor((label + " running_var").c_str(), bn->running_var);
  print_long_tensor((label + " num_batches_tracked").c_str(),
                    bn->num_batches_tracked);
}

}  // namespace

int main() {
  torch::manual_seed(0);

  section("train / eval recursion");
  {
    Net net;
    print_flag("new net is_training", net->is_training());
    print_flag("new fc1 is_training", net->fc1->is_training());
    print_flag("new hidden (unregistered) is_training",
               net->hidden->is_training());
    net->eval();
    print_flag("after net->eval(): net", net->is_training());
    print_flag("after net->eval(): fc1", net->fc1->is_training());
    print_flag("after net->eval(): drop", net->drop->is_training());
    print_flag("after net->eval(): bn", net->bn->is_training());
    print_flag("after net->eval(): counting", net->counting->is_training());
    print_int("after net->eval(): counting train() calls",
              net->counting->train_calls);
    print_flag("after net->eval(): hidden (unregistered)",
               net->hidden->is_training());
    net->train();
    print_flag("after net->train(): net", net->is_training());
    print_flag("after net->train(): bn", net->bn->is_training());
    print_int("after net->train(): counting train() calls",
              net->counting->train_calls);
    net->train(false);
    print_flag("after net->train(false): drop", net->drop->is_training());
    net->fc1->train(true);
    print_flag("after net->fc1->train(true): fc1", net->fc1->is_training());
    print_flag("after net->fc1->train(true): net", net->is_training());
    net->counting->eval();
    print_int("after counting->eval(): counting train() calls",
              net->counting->train_calls);
    net->hidden->eval();
    print_flag("after hidden->eval(): hidden", net->hidden->is_training());

    print_int("children().size()", static_cast<int64_t>(net->children().size()));
    print_int("modules().size()", static_cast<int64_t>(net->modules().size()));
    print_int("parameters().size()",
              static_cast<int64_t>(net->parameters().size()));
    print_int("buffers().size()", static_cast<int64_t>(net->buffers().size()));
    for (const auto& p : net->named_parameters()) {
      std::printf("named_parameter: %s sizes %s requires_grad=%s\n",
                  p.key().c_str(), sizes_str(p.value()).c_str(),
                  flag(p.value().requires_grad()));
    }
    for (const auto& b : net->named_buffers()) {
      std::printf("named_buffer: %s sizes %s requires_grad=%s\n",
                  b.key().c_str(), sizes_str(b.value()).c_str(),
                  flag(b.value().requires_grad()));
    }
    print_int("named_parameters(recurse=false).size()",
              static_cast<int64_t>(net->named_parameters(false).size()));
    print_int("parameters(recurse=false).size()",
              static_cast<int64_t>(net->parameters(false).size()));
  }

  section("Dropout");
  {
    Tensor x = torch::arange(1, 401, torch::kFloat).reshape({20, 20});
    torch::nn::Dropout drop(0.5);
    print_flag("Dropout(0.5) is_training", drop->is_training());
    dropout_properties("Dropout(0.5) train", drop(x), x, 0.5);
    torch::nn::Dropout drop25(torch::nn::DropoutOptions().p(0.25));
    dropout_properties("Dropout(0.25) train", drop25(x), x, 0.25);
    drop->eval();
    Tensor e = drop(x);
    print_flag("Dropout eval: equal(x)", e.equal(x));
    torch::nn::Dropout def;
    dropout_properties("Dropout() default p train", def(x), x, 0.5);
    torch::nn::Dropout zero(0.0);
    print_flag("Dropout(0.0) train: equal(x)", zero(x).equal(x));
    torch::nn::Dropout one(1.0);
    print_tensor("Dropout(1.0) train sum", one(x).sum());

    Tensor xg = torch::ones({3}, torch::TensorOptions().requires_grad(true));
    drop->train();
    print_autograd("Dropout train output (input requires grad)", drop(xg));
    drop->eval();
    Tensor ev = drop(xg);
    print_autograd("Dropout eval output (input requires grad)", ev);

    print_flag("torch::dropout(x, 0.5, false) equal(x)",
               torch::dropout(x, 0.5, false).equal(x));
    dropout_properties("torch::dropout(x, 0.5, true)",
                       torch::dropout(x, 0.5, true), x, 0.5);
    {
      torch::NoGradGuard g;
      dropout_properties("Dropout train under NoGradGuard", drop25(x), x,
                         0.25);
    }

    Tensor x4 = torch::arange(1, 2 * 8 * 3 * 3 + 1, torch::kFloat)
                    .reshape({2, 8, 3, 3});
    torch::nn::Dropout2d d2(0.5);
    dropout2d_properties("Dropout2d(0.5) train", d2(x4), x4, 0.5);
    d2->eval();
    print_flag("Dropout2d eval: equal(x)", d2(x4).equal(x4));
  }

  section("BatchNorm1d");
  {
    Tensor x = batch43();
    torch::nn::BatchNorm1d bn(3);
    print_flag("is_training", bn->is_training());
    print_tensor("weight", bn->weight);
    print_tensor("bias", bn->bias);
    print_bn_state("initial", bn);
    print_int("parameters().size()", static_cast<int64_t>(bn->parameters().size()));
    for (const auto& b : bn->named_buffers()) {
      std::printf("named_buffer: %s sizes %s\n", b.key().c_str(),
                  sizes_str(b.value()).c_str());
    }
    Tensor y = bn(x);
    print_tensor("train output", y);
    print_autograd("train output", y);
    print_bn_state("after 1 train forward", bn);
    bn(x * 2 + 1);
    print_bn_state("after 2 train forwards", bn);
    bn->eval();
    Tensor ye = bn(x);
    print_tensor("eval output", ye);
    print_bn_state("after eval forward (unchanged)", bn);
    print_autograd("eval output (weight requires grad)", ye);
    Tensor xg = x.clone().requires_grad_(true);
    Tensor yg = bn(xg);
    print_autograd("eval output (input requires grad)", yg);
    TRY("eval backward", (yg * batch43()).sum().backward());
    print_grad("eval grad input", xg);
    print_grad("eval grad weight", bn->weight);
    print_grad("eval grad bias", bn->bias);
    {
      torch::NoGradGuard g;
      Tensor yn = bn(x);
      print_autograd("eval output under NoGradGuard", yn);
    }
    bn->train();
    {
      torch::NoGradGuard g;
      bn(x);
    }
    print_bn_state("after train forward under NoGradGuard (still updates)",
                   bn);
    {
      torch::InferenceMode g;
      bn(x);
    }
    print_bn_state("after train forward under InferenceMode (still updates)",
                   bn);
    TRY("train forward with batch size 1", bn(x.slice(0, 0, 1)));
    bn->eval();
    TRY("eval forward with batch size 1",
        print_tensor("eval output batch 1", bn(x.slice(0, 0, 1))));
  }
  {
    Tensor x = batch43();
    torch::nn::BatchNorm1d bn(
        torch::nn::BatchNorm1dOptions(3).momentum(c10::nullopt));
    bn(x);
    print_bn_state("momentum unset, after 1", bn);
    bn(x * 2 + 1);
    print_bn_state("momentum unset, after 2", bn);
    bn(x * -1);
    print_bn_state("momentum unset, after 3", bn);
  }
  {
    Tensor x = batch43();
    torch::nn::BatchNorm1d bn(torch::nn::BatchNorm1dOptions(3).momentum(0.5));
    bn(x);
    print_bn_state("momentum 0.5, after 1", bn);
    torch::nn::BatchNorm1d bn_eps(torch::nn::BatchNorm1dOptions(3).eps(0.5));
    print_tensor("eps 0.5 train output", bn_eps(x));
  }
  {
    Tensor x = batch43();
    torch::nn::BatchNorm1d bn(torch::nn::BatchNorm1dOptions(3).affine(false));
    print_flag("affine(false): weight defined", bn->weight.defined());
    print_flag("affine(false): bias defined", bn->bias.defined());
    print_int("affine(false): parameters().size()",
              static_cast<int64_t>(bn->parameters().size()));
    print_int("affine(false): buffers().size()",
              static_cast<int64_t>(bn->buffers().size()));
    Tensor y = bn(x);
    print_tensor("affine(false) train output", y);
    print_autograd("affine(false) train output", y);
    print_bn_state("affine(false) after 1", bn);
  }
  {
    Tensor x = batch43();
    torch::nn::BatchNorm1d bn(
        torch::nn::BatchNorm1dOptions(3).track_running_stats(false));
    print_flag("track_running_stats(false): running_mean defined",
               bn->running_mean.defined());
    print_flag("track_running_stats(false): running_var defined",
               bn->running_var.defined());
    print_flag("track_running_stats(false): num_batches_tracked defined",
               bn->num_batches_tracked.defined());
    print_int("track_running_stats(false): buffers().size()",
              static_cast<int64_t>(bn->buffers().size()));
    Tensor yt = bn(x);
    bn->eval();
    Tensor ye = bn(x);
    print_tensor("track_running_stats(false) train output", yt);
    print_flag("track_running_stats(false) eval output equals train output",
               ye.allclose(yt));
  }
  {
    // 3-D input [N, C, L].
    Tensor x = torch::arange(0, 12, torch::kFloat).reshape({2, 3, 2});
    torch::nn::BatchNorm1d bn(3);
    print_tensor("BatchNorm1d [2, 3, 2] train output", bn(x));
    print_bn_state("BatchNorm1d [2, 3, 2]", bn);
  }

  section("BatchNorm2d");
  {
    Tensor x = torch::tensor({1.0f, 2.0f, 3.0f, 4.0f, -1.0f, 0.0f, 2.0f, 5.0f,
                              0.5f, 1.5f, -2.0f, 3.0f, 2.0f, 2.0f, 1.0f, 0.0f})
                   .reshape({2, 2, 2, 2});
    torch::nn::BatchNorm2d bn(2);
    Tensor y = bn(x);
    print_tensor("train output", y);
    print_grad_fn("train output", y);
    print_tensor("running_mean", bn->running_mean);
    print_tensor("running_var", bn->running_var);
    print_long_tensor("num_batches_tracked", bn->num_batches_tracked);
    bn->eval();
    Tensor ye = bn(x);
    print_tensor("eval output", ye);
    print_grad_fn("eval output", ye);
    print_tensor("running_mean after eval", bn->running_mean);
    torch::nn::BatchNorm2d bn2(
        torch::nn::BatchNorm2dOptions(2).affine(false).momentum(0.2).eps(1e-3));
    print_tensor("affine(false) momentum 0.2 eps 1e-3 output", bn2(x));
    print_tensor("its running_var", bn2->running_var);
  }

  section("Linear");
  {
    torch::nn::Linear lin(3, 2);
    print_sizes("weight sizes", lin->weight);
    print_sizes("bias sizes", lin->bias);
    print_autograd("weight", lin->weight);
    print_int("weight._version() after construction", lin->weight._version());
    print_int("bias._version() after construction", lin->bias._version());
    {
      torch::NoGradGuard g;
      lin->weight.copy_(torch::tensor({0.5f, -1.0f, 2.0f, 1.0f, 0.0f, -0.5f})
                            .reshape({2, 3}));
      lin->bias.fill_(0.25);
    }
    print_int("weight._version() after copy_", lin->weight._version());
    print_autograd("weight after copy_ under NoGradGuard", lin->weight);
    Tensor x = batch43();
    Tensor y = lin(x);
    print_tensor("Linear output", y);
    print_grad_fn("Linear output", y);
    print_tensor("Linear 1-D output", lin(torch::tensor({1.0f, 2.0f, 3.0f})));
    y.sum().backward();
    print_grad("weight.grad", lin->weight);
    print_grad("bias.grad", lin->bias);
    TRY("weight.fill_(0) in grad mode", lin->weight.fill_(0));
    torch::nn::Linear nb(torch::nn::LinearOptions(3, 2).bias(false));
    print_flag("bias(false): bias defined", nb->bias.defined());
    print_int("bias(false): parameters().size()",
              static_cast<int64_t>(nb->parameters().size()));
    for (const auto& p : lin->named_parameters()) {
      std::printf("Linear named_parameter: %s\n", p.key().c_str());
    }
  }

  section("Sequential");
  {
    torch::nn::Sequential seq(torch::nn::Linear(3, 4), torch::nn::ReLU(),
                              torch::nn::Linear(4, 2));
    print_int("size", static_cast<int64_t>(seq->size()));
    {
      torch::NoGradGuard g;
      int k = 0;
      for (auto& p : seq->parameters()) {
        Tensor flat = p.reshape({-1});
        for (int64_t i = 0; i < flat.numel(); ++i) {
          flat[i].fill_(0.1 * ((k % 7) - 3));
          ++k;
        }
      }
    }
    for (const auto& p : seq->named_parameters()) {
      std::printf("Sequential named_parameter: %s sizes %s\n", p.key().c_str(),
                  sizes_str(p.value()).c_str());
    }
    Tensor x = batch43();
    Tensor y = seq->forward(x);
    print_tensor("seq->forward(x)", y);
    print_grad_fn("seq->forward(x)", y);
    std::shared_ptr<torch::nn::Module> first = seq[0];
    print_int("seq[0]->parameters().size()",
              static_cast<int64_t>(first->parameters().size()));
    print_int("seq[1]->parameters().size()",
              static_cast<int64_t>(seq[1]->parameters().size()));
    seq->push_back(torch::nn::Dropout(0.5));
    print_int("size after push_back(Dropout)", static_cast<int64_t>(seq->size()));
    seq->eval();
    print_flag("seq[3] (Dropout) after seq->eval()", seq[3]->is_training());
    print_flag("seq[0] after seq->eval()", seq[0]->is_training());
    print_tensor("seq->forward(x) eval with Dropout", seq->forward(x));
    seq->train();
    print_flag("seq[3] after seq->train()", seq[3]->is_training());
    print_int("children().size()", static_cast<int64_t>(seq->children().size()));
  }

  section("Conv2d");
  {
    torch::nn::Conv2d conv(torch::nn::Conv2dOptions(1, 2, 2));
    print_sizes("weight sizes", conv->weight);
    print_sizes("bias sizes", conv->bias);
    {
      torch::NoGradGuard g;
      conv->weight.copy_(
          torch::tensor({1.0f, 0.0f, 0.0f, -1.0f, 0.5f, 0.5f, 0.5f, 0.5f})
              .reshape({2, 1, 2, 2}));
      conv->bias.copy_(torch::tensor({0.0f, 1.0f}));
    }
    Tensor x = torch::arange(0, 9, torch::kFloat).reshape({1, 1, 3, 3});
    Tensor y = conv(x);
    print_tensor("Conv2d output", y);
    print_grad_fn("Conv2d output", y);
    y.sum().backward();
    print_grad("Conv2d weight.grad", conv->weight);
    print_grad("Conv2d bias.grad", conv->bias);
    torch::nn::Conv2d strided(
        torch::nn::Conv2dOptions(1, 1, 2).stride(2).bias(false));
    {
      torch::NoGradGuard g;
      strided->weight.fill_(1.0);
    }
    Tensor x4 = torch::arange(0, 16, torch::kFloat).reshape({1, 1, 4, 4});
    print_tensor("Conv2d stride 2 output", strided(x4));
    for (const auto& p : conv->named_parameters()) {
      std::printf("Conv2d named_parameter: %s\n", p.key().c_str());
    }
  }
  return 0;
}
