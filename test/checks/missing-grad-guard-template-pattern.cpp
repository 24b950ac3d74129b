// RUN: %check_torch_tidy %s torch-missing-grad-guard,torch-missing-eval %t
// RUN: %check_torch_tidy_plugin %s torch-missing-grad-guard,torch-missing-eval %t-plugin

// Templates that nothing instantiates are judged on their pattern. There a
// forward pass over a dependent batch (`model->forward(batch.data)` in a
// loop over a data loader type parameter) is a call of dependent type: it
// counts where nothing in the function may train (typed or not), and its
// mode switches are taken whatever their order (the CFG may not hold the
// dependent loop). Shapes from public LibTorch projects, minimized.

#include "models.h"

#include <cstdio>
#include <memory>
#include <vector>

// Positive cases

// A scoring helper of a non-template class, templated on the loader: the
// guard is a temporary, destroyed at once, so the loop records graphs.
class Scorer {
public:
  explicit Scorer(std::shared_ptr<NetImpl> m) : model(m) {}
  template <typename Loader>
  void score(Loader& loader) {
    torch::NoGradGuard();
    model->eval();
    int correct = 0;
    for (auto& batch : loader) {
      auto output = model->forward(batch.data);
      // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'model' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
      correct += output.argmax(1).eq(batch.target).sum().template item<int>();
    }
    std::printf("%d\n", correct);
  }

private:
  std::shared_ptr<NetImpl> model;
};

// Under a guard, but the dropout model was never put in eval mode.
template <typename Loader>
void report_accuracy(std::shared_ptr<NetImpl> model, Loader& loader) {
  torch::NoGradGuard no_grad;
  for (auto& batch : loader)
    std::printf("%f\n", model->forward(batch.data).mean().template item<float>());
    // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'model' is used for inference while it may be in training mode; dropout and batch norm behave as in training [torch-missing-eval]
    // CHECK-MESSAGES: models.h:13:22: note: 'drop' holds a mode-dependent layer ('Dropout')
    // CHECK-MESSAGES: :[[@LINE-5]]:22: note: a grad guard is live here; it does not switch layers to eval mode
}

// Negative cases

// Training loops: the loss and its backward() depend on the batch type, so
// they are untyped calls; optimizer step() is typed.
template <typename Loader>
void fit_untyped(std::shared_ptr<NetImpl> model, Loader& loader) {
  for (auto& batch : loader) {
    auto output = model->forward(batch.data);  // no warning
    auto loss = torch::nll_loss(output, batch.target);
    loss.backward();
  }
}
template <typename Loader>
void fit_and_step(std::shared_ptr<NetImpl> model, Loader& loader,
                  torch::optim::SGD& opt) {
  for (auto& batch : loader) {
    auto loss = model->forward(batch.data).sum();  // no warning
    opt.zero_grad();
    loss.backward();
    opt.step();
    std::printf("%f\n", model->forward(batch.data).mean().template item<float>());  // no warning: the function trains
  }
}

// Results that leave the function: the callers decide.
template <typename Loader>
torch::Tensor first_output(std::shared_ptr<NetImpl> model, Loader& loader) {
  return model->forward(loader.begin()->data);  // no warning
}
template <typename Loader>
void collect(std::shared_ptr<NetImpl> model, Loader& loader,
             std::vector<torch::Tensor>& out) {
  for (auto& batch : loader)
    out.push_back(model->forward(batch.data));  // no warning
}

// eval() before the dependent loop, and a guard: nothing to report; a
// train() anywhere in the function: the order is not known, silent.
template <typename Loader>
void report_in_eval(std::shared_ptr<NetImpl> model, Loader& loader) {
  torch::NoGradGuard no_grad;
  model->eval();
  for (auto& batch : loader)
    std::printf("%f\n", model->forward(batch.data).mean().template item<float>());  // no warning
}
template <typename Loader>
void report_then_train(std::shared_ptr<NetImpl> model, Loader& loader) {
  torch::NoGradGuard no_grad;
  for (auto& batch : loader)
    std::printf("%f\n", model->forward(batch.data).mean().template item<float>());  // no warning
  model->train();
}
