#include "classifier.h"

#include <iostream>

// Loads the weights (eval mode), predicts, then fine-tunes on the same
// object: Fit() trains with batch norm in eval mode.
int main() {
  Classifier classifier;
  classifier.LoadWeights("classifier.pt");
  std::cout << classifier.Predict(torch::rand({1, 4})) << std::endl;
  classifier.Fit(torch::rand({8, 4}), torch::rand({8, 2}), 3);

  // Regressor::Fit() calls train() first: nothing to report.
  Regressor regressor;
  regressor.LoadWeights("regressor.pt");
  regressor.Fit(torch::rand({8, 4}), torch::rand({8, 2}), 3);
  return 0;
}

// Fitting before loading: the eval() comes after the training.
void fit_then_load() {
  Tagger tagger;
  tagger.Fit(torch::rand({8, 4}), torch::rand({8, 2}), 3);
  tagger.LoadWeights("tagger.pt");
}
