#pragma once

#include "model.h"

// Features of `x` from a frozen backbone, computed under InferenceMode.
torch::Tensor extract_features(Classifier& backbone, const torch::Tensor& x);

// Fits a linear head on frozen features; returns the final loss.
double fit_head(Classifier& backbone, const Batch& data, int steps);
