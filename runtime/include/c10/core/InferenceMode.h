// InferenceMode: no graph recording (it turns grad mode off) and no version
// counters or view tracking for the tensors created inside: they are
// *inference tensors*. Thread-local (!), RAII, nests; InferenceMode(false)
// inside an InferenceMode scope returns to normal mode (grad mode on).
// Setting InferenceMode sets grad mode, not vice versa.
#pragma once

#include <c10/core/GradMode.h>

namespace c10 {

namespace detail {
bool inference_mode_enabled();
void set_inference_mode_enabled(bool enabled);
}  // namespace detail

struct InferenceMode {
  explicit InferenceMode(bool enabled = true)
      : prev_grad_mode_(GradMode::is_enabled()),
        prev_inference_(detail::inference_mode_enabled()) {
    detail::set_inference_mode_enabled(enabled);
    GradMode::set_enabled(!enabled);
  }
  InferenceMode(const InferenceMode&) = delete;
  InferenceMode& operator=(const InferenceMode&) = delete;
  InferenceMode(InferenceMode&&) = delete;
  InferenceMode& operator=(InferenceMode&&) = delete;
  ~InferenceMode() {
    detail::set_inference_mode_enabled(prev_inference_);
    GradMode::set_enabled(prev_grad_mode_);
  }

  static bool is_enabled() { return detail::inference_mode_enabled(); }

 private:
  bool prev_grad_mode_;
  bool prev_inference_;
};

}  // namespace c10
