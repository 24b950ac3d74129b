#include "train.h"

namespace {
// A robust loss for the auxiliary objective: quadratic near zero, linear
// beyond |err| > 1, averaged.
torch::Tensor robust_loss(const torch::Tensor& pred,
                          const torch::Tensor& target) {
  auto err = pred - target;
  auto sq = err.pow(2);
  err.clamp_(-1, 1);  // torch-inplace-on-saved: pow saved err
  return (sq * 0.5 + err.abs()).mean();
}

double accuracy(Classifier& model, const Batch& data) {
  torch::NoGradGuard no_grad;
  torch::Tensor predicted = model(data.x).argmax(1);
  return predicted.eq(data.y).to(torch::kFloat).mean().item<double>();
}
}  // namespace

double train(Classifier& model, int epochs) {
  torch::optim::SGD optimizer(model->parameters(),
                              torch::optim::SGDOptions(0.1));
  const Batch data = make_batch(64, 8, 1);
  const Batch validation = make_batch(32, 8, 2);
  double last = 0;
  for (int epoch = 0; epoch < epochs; ++epoch) {
    optimizer.zero_grad();
    torch::Tensor logits = model(data.x);
    torch::Tensor loss = torch::nn::functional::cross_entropy(logits, data.y) +
                         0.1 * robust_loss(logits.sum(1), torch::zeros({64}));
    loss.backward();
    optimizer.step();

    model->eval();  // torch-train-mode-not-restored: no train() after this
    last = accuracy(model, validation);
  }
  return last;
}

void distill_step(Classifier& teacher, torch::nn::Linear& student,
                  torch::optim::SGD& optimizer, const torch::Tensor& x) {
  teacher->eval();
  torch::Tensor target;
  {
    torch::NoGradGuard no_grad;
    target = teacher(x);
  }
  optimizer.zero_grad();
  // torch-backward-without-grad: the loss compares the teacher with itself,
  // the student's output is never used.
  torch::Tensor loss = torch::mse_loss(target, target.detach() * 0.5);
  loss.backward();
  optimizer.step();
  (void)student;
}
