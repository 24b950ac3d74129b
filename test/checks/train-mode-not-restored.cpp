// RUN: %check_torch_tidy %s torch-train-mode-not-restored %t
// RUN: %check_torch_tidy_plugin %s torch-train-mode-not-restored %t-plugin

#include "models.h"

// Positive cases

void fit(Net& model, torch::optim::SGD& opt, torch::Tensor x, torch::Tensor y,
         torch::Tensor vx, int epochs) {
  for (int epoch = 0; epoch < epochs; ++epoch) {
    opt.zero_grad();
    torch::Tensor loss = torch::mse_loss(model(x), y);
    loss.backward();
    opt.step();
    model->eval();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'model' is put in eval mode inside a training loop and not switched back with 'train()'; later iterations train with dropout and batch norm in eval mode [torch-train-mode-not-restored]
    // CHECK-MESSAGES: :[[@LINE-5]]:42: note: this training forward pass then runs in eval mode
    // CHECK-FIXES: {{^}}    model->train();{{$}}
    // CHECK-FIXES-NEXT: {{^}}    opt.zero_grad();{{$}}
    torch::NoGradGuard no_grad;
    torch::Tensor val = model(vx);
  }
}

// Validation in the epoch loop, training in a nested batch loop.
void fit_batches(Net& model, torch::optim::Adam& opt,
                 std::vector<torch::Tensor>& batches, torch::Tensor vx) {
  for (int epoch = 0; epoch < 3; ++epoch) {
    for (auto& b : batches) {
      torch::Tensor loss = model->forward(b).sum();
      loss.backward();
      opt.step();
    }
    model->train(false);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'model' is put in eval mode inside a training loop
    // CHECK-MESSAGES: :[[@LINE-6]]:28: note: this training forward pass then runs in eval mode
    model(vx);
  }
}

// A train() on one branch only does not restore on every path.
void fit_sometimes(Net& model, torch::optim::SGD& opt, torch::Tensor x,
                   bool flag) {
  while (true) {
    model(x).sum().backward();
    opt.step();
    model->eval();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'model' is put in eval mode inside a training loop
    // CHECK-MESSAGES: :[[@LINE-4]]:5: note: this training forward pass then runs in eval mode
    if (flag) model->train();
  }
}

// A member model and a do-while loop.
struct Trainer {
  Net net;
  void run(torch::optim::SGD& opt, torch::Tensor x) {
    do {
      net(x).sum().backward();
      opt.step();
      net->eval();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'net' is put in eval mode inside a training loop
      // CHECK-MESSAGES: :[[@LINE-4]]:7: note: this training forward pass then runs in eval mode
    } while (x.defined());
  }
};

// Negative cases

void fit_restored(Net& model, torch::optim::SGD& opt, torch::Tensor x,
                  torch::Tensor vx) {
  for (int epoch = 0; epoch < 3; ++epoch) {
    model->train();  // no warning: training mode restored every epoch
    model(x).sum().backward();
    opt.step();
    model->eval();
    torch::NoGradGuard no_grad;
    model(vx);
  }
}

void fit_restored_at_end(Net& model, torch::optim::SGD& opt, torch::Tensor x,
                         torch::Tensor vx) {
  for (int epoch = 0; epoch < 3; ++epoch) {
    model(x).sum().backward();
    opt.step();
    model->eval();
    {
      torch::NoGradGuard no_grad;
      model(vx);
    }
    model->train(true);  // no warning: switched back before the next epoch
  }
}

void validate_after_training(Net& model, torch::optim::SGD& opt,
                             torch::Tensor x) {
  for (int epoch = 0; epoch < 3; ++epoch) {
    model(x).sum().backward();
    opt.step();
  }
  model->eval();  // no warning: after the training loop
  model(x);
}

void plain_model(Plain& model, torch::optim::SGD& opt, torch::Tensor x) {
  for (int epoch = 0; epoch < 3; ++epoch) {
    model(x).sum().backward();
    opt.step();
    model->eval();  // no warning: Linear layers only, same in both modes
  }
}

void other_model(Net& model, Net& teacher, torch::optim::SGD& opt,
                 torch::Tensor x) {
  for (int epoch = 0; epoch < 3; ++epoch) {
    model(x).sum().backward();
    opt.step();
    teacher->eval();  // no warning: the teacher is not trained here
    teacher(x);
  }
}

void inference_loop(Net& model, std::vector<torch::Tensor>& xs) {
  for (auto& x : xs) {
    model->eval();  // no warning: not a training loop
    x = model(x);
  }
}
