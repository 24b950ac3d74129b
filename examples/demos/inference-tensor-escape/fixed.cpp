// torch-inference-tensor-escape: features computed under InferenceMode train
// a head, whose linear layer saves its input for the weight's gradient
// (bad.cpp); fixed.cpp is what `torch-tidy --fix` makes of it.
#include "../demo.h"

torch::Tensor extract_features(torch::nn::Linear& backbone,
                               const torch::Tensor& x) {
  c10::InferenceMode guard;
  return torch::relu(backbone(x));
}

int main() {
  torch::manual_seed(0);
  torch::nn::Linear backbone(4, 8);
  torch::nn::Linear head(8, 2);
  torch::Tensor x = torch::ones({5, 4});
  torch::Tensor features = extract_features(backbone, x);
  try {
    torch::Tensor loss = head(features.clone()).pow(2).mean();
    loss.backward();
    std::printf("training step on the features ran; head.weight.grad is %s\n",
                head->weight.grad().defined() ? "defined" : "undefined");
  } catch (const c10::Error& e) {
    demo::error("head(features)", e);
  }
  return 0;
}
