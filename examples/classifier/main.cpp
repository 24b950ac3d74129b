// The example's entry point: train, save, predict, fine-tune a head on
// frozen features. Each hazard torch-tidy reports in this project is
// demonstrated, with its fix, by a pair in examples/demos/.
#include <cstdio>

#include "feature_extractor.h"
#include "infer.h"
#include "train.h"

int main() {
  Classifier model(8, 16, 3);
  std::printf("validation accuracy: %.3f\n", train(model, 5));
  torch::save(model, "classifier.pt");
  torch::Tensor probabilities = predict("classifier.pt", make_batch(4, 8, 3).x);
  std::printf("p[0] = %.3f\n", probabilities[0][0].item<double>());
  std::printf("head loss: %.3f\n", fit_head(model, make_batch(32, 8, 4), 3));
  return 0;
}
