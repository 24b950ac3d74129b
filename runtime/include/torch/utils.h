// torch::NoGradGuard, torch::AutoGradMode, torch::InferenceMode,
// torch::manual_seed: the spellings user code reaches for.
#pragma once

#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>
#include <torch/types.h>

namespace torch {
using NoGradGuard = at::NoGradGuard;
using AutoGradMode = at::AutoGradMode;
using InferenceMode = c10::InferenceMode;
using at::GradMode;
}  // namespace torch
