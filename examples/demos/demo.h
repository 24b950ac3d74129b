// Shared by the demo pairs (<check>/bad.cpp, <check>/fixed.cpp): each is a
// whole program that runs one scenario and prints what it observed. The
// words do not depend on the implementation, so the same expected output
// holds for the runtime and for real LibTorch; lines starting with
// "[runtime]" report what only the runtime can count (the memory an autograd
// graph holds) and are left out when comparing with LibTorch.
//
// The scenarios call the library directly (no lambdas around the code under
// test), so torch-tidy sees them as users write them.
#pragma once

#include <cstdio>
#include <string>

#include <torch/torch.h>

#if __has_include(<torch_tidy/memory_stats.h>)
#include <torch_tidy/memory_stats.h>
#define TORCH_TIDY_DEMO_RUNTIME 1
#endif

namespace demo {

inline void error(const char* what, const c10::Error& e) {
  std::printf("%s threw:\n  %s\n", what, e.what_without_backtrace());
}

// "records a graph (grad_fn SoftmaxBackward0)" or "no graph".
inline void graph(const char* what, const torch::Tensor& t) {
  if (t.grad_fn())
    std::printf("%s: records an autograd graph (grad_fn %s)\n", what,
                t.grad_fn()->name().c_str());
  else
    std::printf("%s: no autograd graph\n", what);
}

// What the graphs alive now hold (runtime only).
inline void memory(const char* when) {
#ifdef TORCH_TIDY_DEMO_RUNTIME
  const torch_tidy::AutogradMemory m = torch_tidy::autograd_memory();
  std::printf("[runtime] %s: %lld graph nodes alive, %lld bytes of saved "
              "tensors\n",
              when, static_cast<long long>(m.live_nodes),
              static_cast<long long>(m.saved_tensor_bytes));
#else
  (void)when;
#endif
}

inline void values(const char* what, const torch::Tensor& t) {
  torch::Tensor flat = t.detach().reshape({-1});
  std::printf("%s = [", what);
  for (int64_t i = 0; i < flat.numel(); ++i)
    std::printf("%s%.4f", i ? ", " : "", flat[i].item<double>());
  std::printf("]\n");
}

}  // namespace demo
