// Shared helpers of the runtime unit tests. They use only the LibTorch API the
// runtime mirrors, so every test (but messages_test.cpp) builds unchanged
// against real LibTorch, which is the ground truth for what they assert.
#pragma once

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "expected_messages.h"

namespace torch_tidy_test {

// Exact-message assertions in the style of tinygrad's
// helper_test_exception(..., exact=True). The default arguments capture the
// caller's location, so a failure points at the test line, not at this file.
// what_without_backtrace() is what LibTorch users see in C++; what() may
// append a backtrace.
template <typename Fn>
void expectThrowsExactly(Fn&& fn, const std::string& expected,
                         const char* file = __builtin_FILE(),
                         int line = __builtin_LINE()) {
  try {
    fn();
  } catch (const c10::Error& e) {
    const std::string actual = e.what_without_backtrace();
    if (actual != expected)
      ADD_FAILURE_AT(file, line) << "wrong message\n  actual: " << actual
                                 << "\nexpected: " << expected;
    return;
  } catch (const std::exception& e) {
    ADD_FAILURE_AT(file, line)
        << "threw a non-c10::Error exception: " << e.what();
    return;
  }
  ADD_FAILURE_AT(file, line) << "did not throw; expected: " << expected;
}

// For the few errors whose tail LibTorch builds from internals the runtime
// cannot sensibly reproduce (e.g. the grad_fn of a view of a parameter).
template <typename Fn>
void expectThrowsStartingWith(Fn&& fn, const std::string& prefix,
                              const char* file = __builtin_FILE(),
                              int line = __builtin_LINE()) {
  try {
    fn();
  } catch (const c10::Error& e) {
    const std::string actual = e.what_without_backtrace();
    if (actual.compare(0, prefix.size(), prefix) != 0)
      ADD_FAILURE_AT(file, line) << "wrong message\n  actual: " << actual
                                 << "\nexpected prefix: " << prefix;
    return;
  } catch (const std::exception& e) {
    ADD_FAILURE_AT(file, line)
        << "threw a non-c10::Error exception: " << e.what();
    return;
  }
  ADD_FAILURE_AT(file, line) << "did not throw; expected prefix: " << prefix;
}

// Like EXPECT_NO_THROW, but reports a c10::Error without its backtrace.
template <typename Fn>
void expectNoThrow(Fn&& fn, const char* file = __builtin_FILE(),
                   int line = __builtin_LINE()) {
  try {
    fn();
  } catch (const c10::Error& e) {
    ADD_FAILURE_AT(file, line)
        << "unexpected c10::Error: " << e.what_without_backtrace();
  } catch (const std::exception& e) {
    ADD_FAILURE_AT(file, line) << "unexpected exception: " << e.what();
  }
}

inline std::vector<int64_t> sizesOf(const torch::Tensor& t) {
  std::vector<int64_t> sizes;
  for (int64_t s : t.sizes()) sizes.push_back(s);
  return sizes;
}

// Elements in row-major order, as doubles. Element-wise item() keeps this to
// the mirrored API (no data_ptr); the tensors in these tests are tiny.
inline std::vector<double> valuesOf(const torch::Tensor& t) {
  torch::Tensor flat = t.detach().to(torch::kDouble).reshape({-1});
  std::vector<double> values;
  for (int64_t i = 0; i < flat.numel(); ++i)
    values.push_back(flat[i].item<double>());
  return values;
}

inline std::string describe(const std::vector<double>& values) {
  std::ostringstream out;
  out << "[";
  for (size_t i = 0; i < values.size(); ++i)
    out << (i ? ", " : "") << values[i];
  out << "]";
  return out.str();
}

// Element-wise |actual - expected| <= tol, compared in row-major order; the
// shape is checked separately with sizesOf where it matters.
inline void expectValuesNear(const torch::Tensor& actual,
                             const std::vector<double>& expected,
                             double tol = 1e-5,
                             const char* file = __builtin_FILE(),
                             int line = __builtin_LINE()) {
  const std::vector<double> values = valuesOf(actual);
  bool ok = values.size() == expected.size();
  for (size_t i = 0; ok && i < values.size(); ++i)
    ok = std::fabs(values[i] - expected[i]) <= tol;
  if (!ok)
    ADD_FAILURE_AT(file, line)
        << "  actual: " << describe(values)
        << "\nexpected: " << describe(expected) << " (tolerance " << tol << ")";
}

inline void expectAllClose(const torch::Tensor& actual,
                           const torch::Tensor& expected, double rtol = 1e-5,
                           double atol = 1e-6,
                           const char* file = __builtin_FILE(),
                           int line = __builtin_LINE()) {
  if (sizesOf(actual) != sizesOf(expected) ||
      !torch::allclose(actual, expected, rtol, atol))
    ADD_FAILURE_AT(file, line)
        << "  actual: " << describe(valuesOf(actual))
        << "\nexpected: " << describe(valuesOf(expected));
}

// A float leaf that requires grad, the usual parameter stand-in.
inline torch::Tensor leaf(std::vector<float> values) {
  return torch::tensor(values, torch::TensorOptions().requires_grad(true));
}

// A non-leaf that requires grad (output 0 of MulBackward1), so that in-place
// ops on it are allowed in grad mode and rebase its history.
inline torch::Tensor intermediate(std::vector<float> values) {
  return leaf(std::move(values)) * 1;
}

}  // namespace torch_tidy_test
