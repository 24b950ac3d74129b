// Grad mode: whether ops record an autograd graph. Thread-local (!): a guard
// in one thread does not affect another. Guards are RAII: they restore the
// previous state on destruction, so they nest.
#pragma once

namespace c10 {

struct GradMode {
  static bool is_enabled();
  static void set_enabled(bool enabled);
};

// Sets grad mode for its lifetime; AutoGradMode(false) is a no-grad guard.
// Copy and move are deleted: a guard copied out of its scope would restore
// the state twice.
struct AutoGradMode {
  explicit AutoGradMode(bool enabled) : prev_mode(GradMode::is_enabled()) {
    GradMode::set_enabled(enabled);
  }
  AutoGradMode(const AutoGradMode&) = delete;
  AutoGradMode& operator=(const AutoGradMode&) = delete;
  AutoGradMode(AutoGradMode&&) = delete;
  AutoGradMode& operator=(AutoGradMode&&) = delete;
  ~AutoGradMode() { GradMode::set_enabled(prev_mode); }
  bool prev_mode;
};

struct NoGradGuard : public AutoGradMode {
  NoGradGuard() : AutoGradMode(/*enabled=*/false) {}
};

}  // namespace c10

namespace at {
using c10::AutoGradMode;
using c10::GradMode;
using c10::NoGradGuard;
}  // namespace at

namespace torch {
namespace autograd {
using c10::AutoGradMode;
using c10::GradMode;
}  // namespace autograd
}  // namespace torch
