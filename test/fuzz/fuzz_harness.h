// The harness every generated fuzz program includes (test/fuzz/program.py
// writes the cases, fuzz.py builds the program twice: against torch-tidy's
// runtime and against real LibTorch 1.13, and compares what both print).
//
// A case is a function of steps; each step runs inside fuzz::step, which
// prints the first line and C++ type of any exception and stops the case.
// After each step the program prints implementation-independent facts of the
// tensors the step made or touched, one line per tensor:
//
//   c3 s5 t2: [2, 3] Float rg=1 leaf=0 view=1 fn=ViewBackward0 v=0 inf=0 = 1 2 3 ...
//
// Only the LibTorch API the runtime claims is used here, and nothing that
// depends on addresses or random numbers is printed.
#pragma once

#include <torch/torch.h>

#include <cxxabi.h>

#include "../differential/diff_print.h"  // diff::sizes_str

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <map>
#include <string>
#include <typeinfo>
#include <utility>

namespace fuzz {

// %.6g, with one spelling for NaN, the infinities and zero's sign, so that
// only values differ, never their printf spelling.
inline std::string num(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return "0";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

inline const char* dtype_name(c10::ScalarType t) {
  switch (t) {
    case at::kFloat: return "Float";
    case at::kDouble: return "Double";
    case at::kLong: return "Long";
    case at::kBool: return "Bool";
    default: return "other";
  }
}

// Reads the elements through a double copy made without a graph.
inline std::string values(const at::Tensor& t) {
  at::NoGradGuard no_grad;
  at::Tensor c = t.to(at::kDouble).contiguous();
  const double* p = c.data_ptr<double>();
  std::string s;
  for (int64_t i = 0; i < c.numel(); ++i) s += " " + num(p[i]);
  return s;
}

inline std::string grad_fn_name(const at::Tensor& t) {
  const auto& fn = t.grad_fn();
  return fn ? fn->name() : "-";
}

// `with_values` is false after a random fill: then only the values differ.
inline void obs(int c, int s, const char* name, const at::Tensor& t,
                bool with_values = true) {
  if (!t.defined()) {
    std::printf("c%d s%d %s: undefined\n", c, s, name);
    return;
  }
  std::string fn = grad_fn_name(t);
  std::string line = diff::sizes_str(t) + " " + dtype_name(t.scalar_type()) +
                     " rg=" + std::to_string(t.requires_grad()) +
                     " leaf=" + std::to_string(t.is_leaf()) +
                     " view=" + std::to_string(t.is_view()) + " fn=" + fn +
                     " v=" + std::to_string(t._version()) +
                     " inf=" + std::to_string(t.is_inference());
  std::printf("c%d s%d %s: %s =%s\n", c, s, name, line.c_str(),
              with_values ? values(t).c_str() : " ?");
}

// The gradient a leaf holds after a backward step. Its version is printed
// relative to when this gradient tensor was first seen (`v=new`, then
// `v=+1` after an accumulation in place): the absolute number depends on the
// kernels of each backward formula, an implementation detail.
inline void obs_grad(int c, int s, const char* name, const at::Tensor& leaf,
                     bool with_values = true) {
  static std::map<std::string, std::pair<const void*, int64_t>> first_seen;
  const at::Tensor& g = leaf.grad();
  const std::string key = std::to_string(c) + "/" + name;
  if (!g.defined()) {
    first_seen.erase(key);
    std::printf("c%d s%d %s.grad: undefined\n", c, s, name);
    return;
  }
  auto it = first_seen.find(key);
  std::string v = "new";
  if (it != first_seen.end() && it->second.first == g.unsafeGetTensorImpl())
    v = "+" + std::to_string(g._version() - it->second.second);
  else
    first_seen[key] = {g.unsafeGetTensorImpl(), g._version()};
  std::printf("c%d s%d %s.grad: %s %s v=%s =%s\n", c, s, name,
              diff::sizes_str(g).c_str(), dtype_name(g.scalar_type()), v.c_str(),
              with_values ? values(g).c_str() : " ?");
}

// A gradient autograd::grad returned: shape, dtype, requires_grad, grad_fn
// (a history with create_graph) and values (its version, like a .grad's,
// depends on the backward formula's kernels).
inline void obs_grad_result(int c, int s, const char* name,
                            const at::Tensor& g, bool with_values = true) {
  if (!g.defined()) {
    std::printf("c%d s%d %s: undefined\n", c, s, name);
    return;
  }
  std::printf("c%d s%d %s: %s %s rg=%d fn=%s =%s\n", c, s, name,
              diff::sizes_str(g).c_str(), dtype_name(g.scalar_type()),
              int(g.requires_grad()), grad_fn_name(g).c_str(),
              with_values ? values(g).c_str() : " ?");
}

inline std::string type_name(const std::exception& e) {
  int status = 0;
  char* demangled =
      abi::__cxa_demangle(typeid(e).name(), nullptr, nullptr, &status);
  std::string name = status == 0 && demangled ? demangled : typeid(e).name();
  std::free(demangled);
  return name;
}

inline std::string first_line(const char* what) {
  std::string s = what ? what : "";
  return s.substr(0, s.find('\n'));
}

// Runs one step; false (and a `throws` line) when it threw.
template <class F>
bool step(int c, int s, F&& f) {
  try {
    f();
    return true;
  } catch (const std::exception& e) {
    std::printf("c%d s%d throws %s: %s\n", c, s, type_name(e).c_str(),
                first_line(e.what()).c_str());
    return false;
  }
}

using Case = void (*)();

// argv[1], when given, is the first case to run (the driver resumes after a
// case that crashed the process); argv[2] the last.
inline int run(const Case* cases, int count, int argc, char** argv) {
  int first = argc > 1 ? std::atoi(argv[1]) : 0;
  int last = argc > 2 ? std::atoi(argv[2]) : count - 1;
  for (int i = first; i <= last && i < count; ++i) {
    std::printf("case %d\n", i);
    std::fflush(stdout);
    cases[i]();
    std::fflush(stdout);
  }
  std::printf("done\n");
  return 0;
}

}  // namespace fuzz
