// Thread-local (!) mode flags behind GradMode and InferenceMode.
#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>

namespace c10 {
namespace {
thread_local bool grad_mode_enabled = true;
thread_local bool inference_mode = false;
}  // namespace

bool GradMode::is_enabled() { return grad_mode_enabled; }
void GradMode::set_enabled(bool enabled) { grad_mode_enabled = enabled; }

namespace detail {
bool inference_mode_enabled() { return inference_mode; }
void set_inference_mode_enabled(bool enabled) { inference_mode = enabled; }
}  // namespace detail

}  // namespace c10
