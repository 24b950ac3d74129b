#pragma once

#include "model.h"

// Trains `model` for `epochs` on synthetic data, validating after each
// epoch; returns the last validation accuracy.
double train(Classifier& model, int epochs);

// Trains a small student to match a teacher's outputs.
void distill_step(Classifier& teacher, torch::nn::Linear& student,
                  torch::optim::SGD& optimizer, const torch::Tensor& x);
