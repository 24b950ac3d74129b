// RUN: %check_torch_tidy %s torch-missing-grad-guard %t
// RUN: %check_torch_tidy_plugin %s torch-missing-grad-guard %t-plugin
// The same cases on the real LibTorch headers:
// RUN: %if libtorch %{ %check_torch_tidy -no-runtime-include %s \
// RUN:   torch-missing-grad-guard %t-libtorch -- %libtorch_includes %}

// A unit test that runs a model and only checks the shapes of what comes out
// records a graph it never uses. The assertion and message macros of test
// frameworks (doctest, Catch2, GoogleTest) print or compare the values they
// are given and keep them no longer than the assertion: passing a forward
// pass's result to them is an inference use, though their builders keep the
// address of what they print (doctest's INFO does). Pattern from a public RL
// library whose policy tests call act() without a guard and pass its outputs
// to INFO and CHECK, minimized. (The functions' names stay clear of the
// InferenceFunctions option's `test`, so the value flow alone decides.)

#include <torch/torch.h>

#include <ostream>

// Frameworks shaped like the real ones, vendored as project headers are.
// Their builders keep the address of what they are given, where this
// function cannot follow it.
template <typename T> const T *last_given = nullptr;

namespace doctest {
namespace detail {
struct ContextBuilder {
  template <typename T> ContextBuilder &operator<<(const T &in) {
    last_given<T> = &in;
    return *this;
  }
};
struct ContextScope {
  explicit ContextScope(const ContextBuilder &b) : b(&b) {}
  const ContextBuilder *b;
};
struct ResultBuilder {
  void setResult(bool ok) { passed = ok; }
  bool passed = false;
};
} // namespace detail
} // namespace doctest
#define TT_CAT2(a, b) a##b
#define TT_CAT(a, b) TT_CAT2(a, b)
#define INFO(x)                                                                \
  doctest::detail::ContextScope TT_CAT(info_, __LINE__)(                      \
      doctest::detail::ContextBuilder() << x)
#define CHECK(...)                                                             \
  do {                                                                         \
    doctest::detail::ResultBuilder rb;                                         \
    rb.setResult(__VA_ARGS__);                                                 \
  } while (0)

namespace testing {
namespace internal {
struct EqHelper {
  template <typename A, typename B>
  static bool Compare(const char *, const char *, const A &a, const B &b) {
    last_given<A> = &a;
    return &a == &b;
  }
};
} // namespace internal
} // namespace testing
#define EXPECT_EQ(a, b) testing::internal::EqHelper::Compare(#a, #b, a, b)

namespace Catch {
struct MessageBuilder {
  template <typename T> MessageBuilder &operator<<(const T &v) {
    last_given<T> = &v;
    return *this;
  }
};
} // namespace Catch
#define CAPTURE(x) (Catch::MessageBuilder() << x)

struct PolicyImpl : torch::nn::Module {
  PolicyImpl() : fc(register_module("fc", torch::nn::Linear(3, 2))) {}
  torch::Tensor forward(torch::Tensor x) { return fc(x); }
  torch::nn::Linear fc;
};
TORCH_MODULE(Policy);

// Positive cases

void info_of_shapes(Policy &policy) {
  auto out = policy(torch::rand({4, 3}));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'policy' is used for inference without a grad guard; autograd records the graph and keeps intermediate tensors alive [torch-missing-grad-guard]
  INFO("value: " << out);
  CHECK(out.size(0) == 4);
}

void expect_equal(Policy &policy, const torch::Tensor &expected) {
  torch::Tensor out = policy->forward(torch::rand({4, 3}));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'policy' is used for inference without a grad guard
  EXPECT_EQ(out, expected);
}

using Probe = Policy;
void capture_output(Probe &probe) {
  auto out = probe(torch::ones({1, 3}));
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'probe' is used for inference without a grad guard
  CAPTURE(out);
}

// Negative cases

// The result is also backpropagated: a training step with a message.
void gradients_flow(Policy &policy) {
  auto out = policy(torch::rand({4, 3}));
  INFO("value: " << out);
  out.sum().backward();
}

// Guarded.
void guarded_check(Policy &policy) {
  torch::NoGradGuard no_grad;
  auto out = policy(torch::rand({4, 3}));
  INFO("value: " << out);
}

// A logger of the project's own that keeps the address: where the value goes
// is not known, so no verdict.
namespace mylog {
struct Keeper {
  template <typename T> Keeper &operator<<(const T &v) {
    last_given<T> = &v;
    return *this;
  }
};
} // namespace mylog
void own_logger(Policy &policy) {
  auto out = policy(torch::rand({4, 3}));
  mylog::Keeper() << out;
}

// A project's own namespace may be called `testing` too: only GoogleTest's
// assertion machinery (testing::internal, testing::Message) is a framework.
namespace testing {
inline void train_on(const torch::Tensor &out) { out.sum().backward(); }
} // namespace testing
void helper_in_own_namespace(Policy &policy) {
  auto out = policy(torch::rand({4, 3}));
  testing::train_on(out);
}
