// Printing helpers shared by the differential test programs.
//
// Every program in test/differential is built twice, once against real
// LibTorch 1.13 and once against torch-tidy's runtime (runtime/include), and
// the two outputs must be byte-identical to expected/<program>.out. So the
// helpers below use only the small LibTorch API subset that the runtime
// implements (no operator<< on tensors, no dtype queries), print one
// `label: value` line at a time so that a unified diff is readable, and never
// print anything that depends on addresses or random numbers.
#pragma once

#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>

namespace diff {

// `== name` starts a group of related lines.
inline void section(const char* name) { std::printf("== %s\n", name); }

// Fixed precision; -0.0000 is printed as 0.0000 so that a sign of zero
// (an implementation detail of the arithmetic) never makes a difference.
inline std::string fmt(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  std::string s = buf;
  if (s == "-0.0000") s = "0.0000";
  return s;
}

inline const char* flag(bool b) { return b ? "true" : "false"; }

// `[2, 3]`; `[]` for a 0-dim tensor.
inline std::string sizes_str(const at::Tensor& t) {
  std::string s = "[";
  for (int64_t d = 0; d < t.dim(); ++d) {
    if (d) s += ", ";
    s += std::to_string(t.sizes()[d]);
  }
  return s + "]";
}

// Element access goes through a flat contiguous copy and item<>(); it runs
// under NoGradGuard so that printing records no graph.
enum class Kind { Float, Long, Bool };

inline std::string values_str(const at::Tensor& t, Kind kind) {
  if (!t.defined()) return "undefined";
  at::NoGradGuard no_grad;
  at::Tensor flat = t.contiguous().reshape({-1});
  std::string s = "[";
  for (int64_t i = 0; i < flat.numel(); ++i) {
    if (i) s += ", ";
    switch (kind) {
      case Kind::Float: s += fmt(flat[i].item<double>()); break;
      case Kind::Long: s += std::to_string(flat[i].item<int64_t>()); break;
      case Kind::Bool: s += flag(flat[i].item<bool>()); break;
    }
  }
  return s + "]";
}

// `label: sizes [2, 3] values [1.0000, ...]` for kFloat / kDouble tensors.
inline void print_tensor(const char* label, const at::Tensor& t) {
  if (!t.defined()) {
    std::printf("%s: undefined\n", label);
    return;
  }
  std::printf("%s: sizes %s values %s\n", label, sizes_str(t).c_str(),
              values_str(t, Kind::Float).c_str());
}

// Same for kLong tensors.
inline void print_long_tensor(const char* label, const at::Tensor& t) {
  if (!t.defined()) {
    std::printf("%s: undefined\n", label);
    return;
  }
  std::printf("%s: sizes %s values %s\n", label, sizes_str(t).c_str(),
              values_str(t, Kind::Long).c_str());
}

// Same for kBool tensors.
inline void print_bool_tensor(const char* label, const at::Tensor& t) {
  if (!t.defined()) {
    std::printf("%s: undefined\n", label);
    return;
  }
  std::printf("%s: sizes %s values %s\n", label, sizes_str(t).c_str(),
              values_str(t, Kind::Bool).c_str());
}

inline void print_sizes(const char* label, const at::Tensor& t) {
  std::printf("%s: %s\n", label, sizes_str(t).c_str());
}

inline void print_flag(const char* label, bool b) {
  std::printf("%s: %s\n", label, flag(b));
}

inline void print_int(const char* label, int64_t v) {
  std::printf("%s: %lld\n", label, static_cast<long long>(v));
}

inline void print_double(const char* label, double v) {
  std::printf("%s: %s\n", label, fmt(v).c_str());
}

inline void print_str(const char* label, const std::string& s) {
  std::printf("%s: %s\n", label, s.c_str());
}

inline std::string grad_fn_name(const at::Tensor& t) {
  return t.grad_fn() ? t.grad_fn()->name() : std::string("null");
}

inline void print_grad_fn(const char* label, const at::Tensor& t) {
  std::printf("%s: %s\n", label, grad_fn_name(t).c_str());
}

// `label: requires_grad=true is_leaf=false grad_fn=MulBackward0`
inline void print_autograd(const char* label, const at::Tensor& t) {
  std::printf("%s: requires_grad=%s is_leaf=%s grad_fn=%s\n", label,
              flag(t.requires_grad()), flag(t.is_leaf()),
              grad_fn_name(t).c_str());
}

// The accumulated gradient of a leaf, or `undefined`.
inline void print_grad(const char* label, const at::Tensor& t) {
  print_tensor(label, t.grad());
}

}  // namespace diff

// TRY(label, statements...) runs the statements and prints `label: ok`, or
// `label: error: <what_without_backtrace()>` when they throw c10::Error.
#define TRY(label, ...)                                                    \
  do {                                                                     \
    try {                                                                  \
      __VA_ARGS__;                                                         \
      std::printf("%s: ok\n", label);                                      \
    } catch (const c10::Error& diff_try_error_) {                          \
      std::printf("%s: error: %s\n", label,                                \
                  diff_try_error_.what_without_backtrace());               \
    } catch (const std::exception& diff_try_error_) {                      \
      std::printf("%s: std::exception: %s\n", label,                       \
                  diff_try_error_.what());                                 \
    }                                                                      \
  } while (0)
