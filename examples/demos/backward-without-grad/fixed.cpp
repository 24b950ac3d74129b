// torch-backward-without-grad, fixed: only the teacher runs without grad.
#include "../demo.h"

int main() {
  torch::manual_seed(0);
  torch::nn::Linear teacher(4, 2);
  torch::nn::Linear student(4, 2);
  torch::Tensor x = torch::randn({8, 4});
  torch::Tensor target;
  torch::Tensor prediction;
  {
    torch::NoGradGuard no_grad;
    target = teacher(x);
  }
  prediction = student(x);
  torch::Tensor loss = torch::mse_loss(prediction, target);
  try {
    loss.backward();
    std::printf("distillation step ran; student.weight.grad is %s\n",
                student->weight.grad().defined() ? "defined" : "undefined");
  } catch (const c10::Error& e) {
    demo::error("loss.backward()", e);
  }
  return 0;
}
