#pragma once

#include <string>

#include "model.h"

// Loads a trained classifier and returns class probabilities for `x`.
torch::Tensor predict(const std::string& checkpoint, const torch::Tensor& x);

// Predicts a batch with an already loaded model.
torch::Tensor predict_batch(Classifier& model, const torch::Tensor& x);
