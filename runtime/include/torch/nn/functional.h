// torch::nn::functional: stateless versions of the layers. User code usually
// aliases it: `namespace F = torch::nn::functional;`.
#pragma once

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/batchnorm.h>
#include <torch/nn/functional/dropout.h>
#include <torch/nn/functional/linear.h>
#include <torch/nn/functional/loss.h>
