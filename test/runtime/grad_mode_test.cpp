// Grad mode: the RAII guards AutoGradMode / NoGradGuard, their aliases,
// nesting, thread-locality, and what ops produce and bump under no-grad.
// docs/semantics.md "Grad mode and guards"; upstream c10/core/GradMode.h.
#include <thread>
#include <type_traits>

#include "test_helpers.h"

namespace {

using torch_tidy_test::leaf;

TEST(GradModeTest, EnabledByDefault) {
  EXPECT_TRUE(torch::GradMode::is_enabled());
}

TEST(GradModeTest, AutoGradModeFalseDisablesAndRestores) {
  {
    c10::AutoGradMode guard(false);
    EXPECT_FALSE(torch::GradMode::is_enabled());
  }
  EXPECT_TRUE(torch::GradMode::is_enabled());
}

TEST(GradModeTest, AutoGradModeTrueReenablesInsideNoGrad) {
  torch::NoGradGuard no_grad;
  {
    c10::AutoGradMode enable(true);
    EXPECT_TRUE(torch::GradMode::is_enabled());
  }
  EXPECT_FALSE(torch::GradMode::is_enabled());
}

TEST(GradModeTest, AutoGradModeTakesARuntimeFlag) {
  bool requires_grad = false;
  {
    torch::AutoGradMode guard(requires_grad);
    EXPECT_FALSE(torch::GradMode::is_enabled());
  }
  requires_grad = true;
  {
    torch::NoGradGuard no_grad;
    torch::AutoGradMode guard(requires_grad);
    EXPECT_TRUE(torch::GradMode::is_enabled());
  }
  EXPECT_TRUE(torch::GradMode::is_enabled());
}

TEST(GradModeTest, NoGradGuardSpellingsAreOneType) {
  EXPECT_TRUE((std::is_same<torch::NoGradGuard, c10::NoGradGuard>::value));
  EXPECT_TRUE((std::is_same<at::NoGradGuard, c10::NoGradGuard>::value));
  EXPECT_TRUE((std::is_same<torch::AutoGradMode, c10::AutoGradMode>::value));
  // A NoGradGuard is an AutoGradMode(false).
  EXPECT_TRUE((std::is_base_of<c10::AutoGradMode, c10::NoGradGuard>::value));
}

TEST(GradModeTest, EveryNoGradGuardSpellingDisablesAndRestores) {
  {
    c10::NoGradGuard guard;
    EXPECT_FALSE(torch::GradMode::is_enabled());
  }
  EXPECT_TRUE(torch::GradMode::is_enabled());
  {
    at::NoGradGuard guard;
    EXPECT_FALSE(torch::GradMode::is_enabled());
  }
  EXPECT_TRUE(torch::GradMode::is_enabled());
  {
    torch::NoGradGuard guard;
    EXPECT_FALSE(torch::GradMode::is_enabled());
  }
  EXPECT_TRUE(torch::GradMode::is_enabled());
}

TEST(GradModeTest, NestedGuardsRestoreInOrder) {
  {
    torch::NoGradGuard outer;
    EXPECT_FALSE(torch::GradMode::is_enabled());
    {
      c10::AutoGradMode middle(true);
      EXPECT_TRUE(torch::GradMode::is_enabled());
      {
        torch::NoGradGuard inner;
        EXPECT_FALSE(torch::GradMode::is_enabled());
      }
      EXPECT_TRUE(torch::GradMode::is_enabled());
    }
    EXPECT_FALSE(torch::GradMode::is_enabled());
    {
      // A redundant guard restores "disabled", not the default.
      torch::NoGradGuard redundant;
      EXPECT_FALSE(torch::GradMode::is_enabled());
    }
    EXPECT_FALSE(torch::GradMode::is_enabled());
  }
  EXPECT_TRUE(torch::GradMode::is_enabled());
}

// (!) Guards are thread-local.
TEST(GradModeTest, GuardDoesNotLeakIntoOtherThreads) {
  torch::NoGradGuard no_grad;
  bool other_thread_enabled = false;
  bool other_thread_records = false;
  std::thread worker([&] {
    other_thread_enabled = torch::GradMode::is_enabled();
    torch::Tensor x = leaf({1.f, 2.f});
    other_thread_records = (x * 2).requires_grad();
  });
  worker.join();
  EXPECT_TRUE(other_thread_enabled);
  EXPECT_TRUE(other_thread_records);
  EXPECT_FALSE(torch::GradMode::is_enabled());
}

TEST(GradModeTest, GuardInAnotherThreadDoesNotAffectThisOne) {
  bool disabled_there = false;
  std::thread worker([&] {
    torch::NoGradGuard no_grad;
    disabled_there = !torch::GradMode::is_enabled();
  });
  worker.join();
  EXPECT_TRUE(disabled_there);
  EXPECT_TRUE(torch::GradMode::is_enabled());
}

TEST(GradModeTest, ResultsUnderNoGradDoNotRequireGrad) {
  torch::Tensor x = leaf({1.f, -2.f, 3.f});
  torch::NoGradGuard no_grad;
  const std::vector<torch::Tensor> results = {
      x * 2,
      x + x,
      x.exp(),
      x.sum(),
      torch::relu(x),
      x.pow(2),
      x.sigmoid(),
      x.clone(),
      x.mean(),
      -x,
      x.view({1, 3}).mm(x.view({3, 1}))};
  for (size_t i = 0; i < results.size(); ++i) {
    SCOPED_TRACE("result " + std::to_string(i));
    EXPECT_FALSE(results[i].requires_grad());
    EXPECT_EQ(results[i].grad_fn(), nullptr);
    EXPECT_TRUE(results[i].is_leaf());
  }
}

// Real LibTorch 1.13 quirk, an exception to docs/semantics.md G6 (see G7):
// a *view* of a tensor that requires grad, taken under NoGradGuard, still
// reports requires_grad() (it inherits it from its base) but has no grad_fn,
// and backward through it does not reach the base.
TEST(GradModeTest, ViewsOfGradRequiringTensorsStillRequireGradUnderNoGrad) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  std::vector<torch::Tensor> views;
  {
    torch::NoGradGuard no_grad;
    views = {x.view({3, 1}), x.slice(0, 0, 2), x.select(0, 1),
             x[0],           x.reshape({3}),   x.unsqueeze(0)};
  }
  for (size_t i = 0; i < views.size(); ++i) {
    SCOPED_TRACE("view " + std::to_string(i));
    EXPECT_TRUE(views[i].requires_grad());
    EXPECT_EQ(views[i].grad_fn(), nullptr);
    EXPECT_TRUE(views[i].is_leaf());
  }
  (views[0] * 2).sum().backward();
  EXPECT_FALSE(x.grad().defined());
}

TEST(GradModeTest, RecordingResumesAfterTheGuard) {
  torch::Tensor x = leaf({1.f, 2.f});
  {
    torch::NoGradGuard no_grad;
    EXPECT_FALSE((x * 2).requires_grad());
  }
  torch::Tensor y = x * 2;
  EXPECT_TRUE(y.requires_grad());
  ASSERT_NE(y.grad_fn(), nullptr);
  EXPECT_EQ(y.grad_fn()->name(), "MulBackward1");
}

TEST(GradModeTest, InputsStillRequireGradUnderNoGrad) {
  torch::Tensor x = leaf({1.f, 2.f});
  torch::NoGradGuard no_grad;
  EXPECT_TRUE(x.requires_grad());
  EXPECT_TRUE(x.is_leaf());
}

TEST(GradModeTest, InplaceUnderNoGradBumpsTheVersion) {
  torch::Tensor a = torch::ones({3});
  torch::NoGradGuard no_grad;
  EXPECT_EQ(a._version(), 0);
  a.add_(1);
  EXPECT_EQ(a._version(), 1);
  a.mul_(2);
  EXPECT_EQ(a._version(), 2);
  a.zero_();
  EXPECT_EQ(a._version(), 3);
}

TEST(GradModeTest, InplaceOnALeafUnderNoGradKeepsItALeaf) {
  torch::Tensor w = leaf({1.f, 2.f});
  {
    torch::NoGradGuard no_grad;
    w.sub_(torch::tensor({0.5f, 0.5f}));
  }
  EXPECT_EQ(w._version(), 1);
  EXPECT_TRUE(w.is_leaf());
  EXPECT_TRUE(w.requires_grad());
  EXPECT_EQ(w.grad_fn(), nullptr);
  torch_tidy_test::expectValuesNear(w, {0.5, 1.5});
}

TEST(GradModeTest, NoGradKeepsTheVersionOfUntouchedTensors) {
  torch::Tensor b = torch::ones({2, 2});
  torch::Tensor w = leaf({1.f, 2.f});
  {
    torch::NoGradGuard no_grad;
    torch::Tensor c = b * 2 + b.sum();
    torch::Tensor v = b.view({4});
    torch::Tensor d = w.exp();
    torch::Tensor e = b.mm(b);
    c.add_(1);  // bumps c only
    EXPECT_EQ(c._version(), 1);
    EXPECT_EQ(d._version(), 0);
    EXPECT_EQ(e._version(), 0);
    EXPECT_EQ(v._version(), 0);
  }
  EXPECT_EQ(b._version(), 0);
  EXPECT_EQ(w._version(), 0);
}

}  // namespace
