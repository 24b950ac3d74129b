// What clang-tidy's runClangTidy does besides running the checks: it
// defines __clang_analyzer__ and adds the configuration's ExtraArgs.
#include <torch/torch.h>

void analyzer_only() {
#ifdef __clang_analyzer__
  torch::NoGradGuard();
#endif
}

void extra_args_only() {
#ifdef FROM_EXTRA_ARGS
  c10::InferenceMode{};
#endif
#ifdef FROM_EXTRA_ARGS_BEFORE
  torch::AutoGradMode(false);
#endif
}
