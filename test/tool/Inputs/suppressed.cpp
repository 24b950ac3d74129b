// Findings that NOLINT comments suppress, and one that stays.
#include <torch/torch.h>

void nolint() {
  torch::NoGradGuard(); // NOLINT
  torch::NoGradGuard(); // NOLINT(torch-unnamed-guard)
  torch::NoGradGuard(); // NOLINT(torch-*)
  // NOLINTNEXTLINE
  torch::NoGradGuard();
  // NOLINTNEXTLINE(torch-unnamed-guard)
  torch::NoGradGuard();
  // NOLINTBEGIN(torch-unnamed-guard)
  torch::NoGradGuard();
  c10::InferenceMode{};
  // NOLINTEND(torch-unnamed-guard)
}

#ifndef ONLY_SUPPRESSED
void not_suppressed() {
  torch::NoGradGuard(); // NOLINT(torch-missing-eval)
  // NOLINTNEXTLINE(torch-missing-eval)
  c10::InferenceMode{};
}
#endif
