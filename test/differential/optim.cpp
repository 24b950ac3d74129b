// torch::optim::SGD (with and without momentum) and Adam: a few steps on
// fixed data, zero_grad, and what step() does to version counters.
#include <functional>

#include "diff_print.h"

using namespace diff;
using torch::Tensor;

namespace {

Tensor inputs() {
  return torch::tensor({1.0f, 2.0f, -1.0f, 0.5f, 0.0f, -2.0f, 3.0f, 1.0f})
      .reshape({4, 2});
}
Tensor targets() {
  return torch::tensor({1.0f, -1.0f, 2.0f, 0.5f}).reshape({4, 1});
}

torch::nn::Linear make_model() {
  torch::nn::Linear lin(2, 1);
  torch::NoGradGuard g;
  lin->weight.copy_(torch::tensor({0.5f, -0.25f}).reshape({1, 2}));
  lin->bias.fill_(0.1);
  return lin;
}

void train(const char* name, torch::nn::Linear& lin,
           torch::optim::Optimizer& opt, int steps) {
  Tensor x = inputs();
  Tensor y = targets();
  for (int s = 0; s < steps; ++s) {
    opt.zero_grad();
    Tensor loss = torch::mse_loss(lin(x), y);
    loss.backward();
    opt.step();
    std::string l = std::string(name) + " step " + std::to_string(s + 1);
    print_tensor((l + " loss").c_str(), loss);
    print_tensor((l + " weight").c_str(), lin->weight);
    print_tensor((l + " bias").c_str(), lin->bias);
  }
  print_autograd((std::string(name) + " weight after steps").c_str(),
                 lin->weight);
}

// Linear(2, 3) -> ReLU -> Linear(3, 1): the second layer's input requires
// grad, so its weight is saved for backward.
torch::nn::Sequential make_two_layer() {
  torch::nn::Sequential seq(torch::nn::Linear(2, 3), torch::nn::ReLU(),
                            torch::nn::Linear(3, 1));
  torch::NoGradGuard g;
  int k = 0;
  for (auto& p : seq->parameters()) {
    Tensor flat = p.reshape({-1});
    for (int64_t i = 0; i < flat.numel(); ++i) {
      flat[i].fill_(0.25 * ((k % 5) - 1));
      ++k;
    }
  }
  return seq;
}

// The classic mistake: step() between forward and backward.
void step_before_backward(const char* name, torch::nn::Sequential& seq,
                          torch::optim::Optimizer& opt) {
  Tensor loss = torch::mse_loss(seq->forward(inputs()), targets());
  torch::mse_loss(seq->forward(inputs()), targets()).backward();
  opt.step();
  opt.zero_grad();
  TRY((std::string(name) + ": backward of a loss computed before step()")
          .c_str(),
      loss.backward());
  print_grad((std::string(name) + ": last layer weight.grad").c_str(),
             seq->parameters()[2]);
}

}  // namespace

int main() {
  section("SGD");
  {
    torch::nn::Linear lin = make_model();
    torch::optim::SGD opt(lin->parameters(), torch::optim::SGDOptions(0.1));
    train("SGD lr=0.1", lin, opt, 3);
  }
  section("SGD momentum");
  {
    torch::nn::Linear lin = make_model();
    torch::optim::SGD opt(lin->parameters(),
                          torch::optim::SGDOptions(0.1).momentum(0.9));
    train("SGD lr=0.1 momentum=0.9", lin, opt, 4);
  }
  section("Adam");
  {
    torch::nn::Linear lin = make_model();
    torch::optim::Adam opt(lin->parameters(), torch::optim::AdamOptions(0.1));
    train("Adam lr=0.1", lin, opt, 4);
  }
  {
    torch::nn::Linear lin = make_model();
    torch::optim::Adam opt(lin->parameters());
    train("Adam default lr", lin, opt, 2);
  }

  section("plain tensors");
  {
    Tensor w = torch::tensor({1.0f, -2.0f, 3.0f}).clone().requires_grad_(true);
    torch::optim::SGD opt({w}, torch::optim::SGDOptions(0.1));
    for (int s = 0; s < 3; ++s) {
      opt.zero_grad();
      Tensor loss = (w * w).sum();
      loss.backward();
      opt.step();
      print_tensor("w after step", w);
    }
  }

  section("zero_grad");
  {
    torch::nn::Linear lin = make_model();
    torch::optim::SGD opt(lin->parameters(), torch::optim::SGDOptions(0.1));
    print_grad("weight.grad before backward", lin->weight);
    opt.zero_grad();
    print_grad("weight.grad after zero_grad before any backward", lin->weight);
    torch::mse_loss(lin(inputs()), targets()).backward();
    print_grad("weight.grad after backward", lin->weight);
    torch::mse_loss(lin(inputs()), targets()).backward();
    print_grad("weight.grad after second backward (accumulated)", lin->weight);
    opt.zero_grad();
    print_grad("weight.grad after zero_grad", lin->weight);
    print_grad("bias.grad after zero_grad", lin->bias);
    lin->zero_grad();
    print_grad("weight.grad after module zero_grad", lin->weight);
    opt.step();
    print_tensor("weight after step with zero grads", lin->weight);
  }

  section("step and version counters");
  {
    torch::nn::Linear lin = make_model();
    torch::optim::SGD opt(lin->parameters(), torch::optim::SGDOptions(0.1));
    print_int("weight._version() before", lin->weight._version());
    torch::mse_loss(lin(inputs()), targets()).backward();
    opt.step();
    print_int("weight._version() after SGD step", lin->weight._version());
    print_autograd("weight after step", lin->weight);
  }
  {
    torch::nn::Linear lin = make_model();
    torch::optim::SGD opt(lin->parameters(),
                          torch::optim::SGDOptions(0.1).momentum(0.9));
    int64_t v0 = lin->weight._version();
    torch::mse_loss(lin(inputs()), targets()).backward();
    opt.step();
    print_int("SGD momentum: weight version bump per step",
              lin->weight._version() - v0);
  }
  {
    torch::nn::Linear lin = make_model();
    torch::optim::Adam opt(lin->parameters(), torch::optim::AdamOptions(0.1));
    int64_t v0 = lin->weight._version();
    torch::mse_loss(lin(inputs()), targets()).backward();
    opt.step();
    print_int("Adam: weight version bump per step",
              lin->weight._version() - v0);
  }
  {
    torch::nn::Sequential seq = make_two_layer();
    torch::optim::SGD opt(seq->parameters(), torch::optim::SGDOptions(0.1));
    step_before_backward("SGD two-layer", seq, opt);
  }
  {
    torch::nn::Sequential seq = make_two_layer();
    torch::optim::Adam opt(seq->parameters(), torch::optim::AdamOptions(0.1));
    step_before_backward("Adam two-layer", seq, opt);
  }
  return 0;
}
