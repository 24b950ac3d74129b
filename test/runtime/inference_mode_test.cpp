// InferenceMode: the guard, inference tensors, and the errors they raise.
// docs/semantics.md "InferenceMode and inference tensors"; upstream
// c10/core/InferenceMode.h and the inference-mode RFC (pytorch/rfcs#17).
#include <functional>
#include <thread>
#include <type_traits>
#include <utility>

#include "test_helpers.h"

namespace {

namespace expected = torch_tidy_test::expected;
using torch_tidy_test::expectNoThrow;
using torch_tidy_test::expectThrowsExactly;
using torch_tidy_test::expectValuesNear;
using torch_tidy_test::leaf;

torch::Tensor makeInferenceTensor() {
  c10::InferenceMode guard;
  return torch::ones({3});
}

TEST(InferenceModeTest, DisabledByDefault) {
  EXPECT_FALSE(c10::InferenceMode::is_enabled());
  EXPECT_TRUE(torch::GradMode::is_enabled());
}

TEST(InferenceModeTest, TorchSpellingIsTheSameType) {
  EXPECT_TRUE((std::is_same<torch::InferenceMode, c10::InferenceMode>::value));
}

TEST(InferenceModeTest, GuardDisablesGradModeAndRestoresBoth) {
  {
    c10::InferenceMode guard;
    EXPECT_TRUE(c10::InferenceMode::is_enabled());
    EXPECT_FALSE(torch::GradMode::is_enabled());
  }
  EXPECT_FALSE(c10::InferenceMode::is_enabled());
  EXPECT_TRUE(torch::GradMode::is_enabled());
  {
    torch::InferenceMode guard(true);
    EXPECT_TRUE(c10::InferenceMode::is_enabled());
    EXPECT_FALSE(torch::GradMode::is_enabled());
  }
  EXPECT_FALSE(c10::InferenceMode::is_enabled());
  EXPECT_TRUE(torch::GradMode::is_enabled());
}

TEST(InferenceModeTest, NestedFalseReturnsToNormalMode) {
  torch::InferenceMode outer;
  {
    torch::InferenceMode inner(false);
    EXPECT_FALSE(c10::InferenceMode::is_enabled());
    EXPECT_TRUE(torch::GradMode::is_enabled());
    torch::Tensor x = leaf({1.f, 2.f});
    torch::Tensor y = x * 2;
    EXPECT_FALSE(y.is_inference());
    EXPECT_TRUE(y.requires_grad());
  }
  EXPECT_TRUE(c10::InferenceMode::is_enabled());
  EXPECT_FALSE(torch::GradMode::is_enabled());
}

// InferenceMode(false) sets grad mode to "enabled" whatever it was: it even
// overrides an enclosing NoGradGuard (real LibTorch 1.13; docs/semantics.md
// I2: earlier notes only said it "returns to normal mode").
TEST(InferenceModeTest, FalseEnablesGradModeEvenInsideNoGradGuard) {
  torch::NoGradGuard no_grad;
  {
    torch::InferenceMode not_inference(false);
    EXPECT_TRUE(torch::GradMode::is_enabled());
    EXPECT_FALSE(c10::InferenceMode::is_enabled());
  }
  EXPECT_FALSE(torch::GradMode::is_enabled());
}

// "Setting InferenceMode sets grad mode accordingly, not vice versa."
TEST(InferenceModeTest, GradModeGuardsDoNotTouchInferenceMode) {
  torch::InferenceMode guard;
  {
    c10::AutoGradMode enable(true);
    EXPECT_TRUE(torch::GradMode::is_enabled());
    EXPECT_TRUE(c10::InferenceMode::is_enabled());
  }
  {
    torch::NoGradGuard no_grad;
    EXPECT_TRUE(c10::InferenceMode::is_enabled());
  }
  EXPECT_TRUE(c10::InferenceMode::is_enabled());
  EXPECT_FALSE(torch::GradMode::is_enabled());
}

// (!) Guards are thread-local.
TEST(InferenceModeTest, GuardDoesNotLeakIntoOtherThreads) {
  c10::InferenceMode guard;
  bool inference_there = true;
  bool grad_there = false;
  bool tensor_is_inference_there = true;
  std::thread worker([&] {
    inference_there = c10::InferenceMode::is_enabled();
    grad_there = torch::GradMode::is_enabled();
    tensor_is_inference_there = torch::ones({2}).is_inference();
  });
  worker.join();
  EXPECT_FALSE(inference_there);
  EXPECT_TRUE(grad_there);
  EXPECT_FALSE(tensor_is_inference_there);
  EXPECT_TRUE(c10::InferenceMode::is_enabled());
}

TEST(InferenceModeTest, ResultsAreInferenceTensorsWithoutGraph) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::InferenceMode guard;
  const std::vector<torch::Tensor> results = {
      torch::ones({3}), x * 2,          x + x,    x.exp(),
      x.sum(),          torch::relu(x), x.clone()};
  for (size_t i = 0; i < results.size(); ++i) {
    SCOPED_TRACE("result " + std::to_string(i));
    EXPECT_TRUE(results[i].is_inference());
    EXPECT_FALSE(results[i].requires_grad());
    EXPECT_EQ(results[i].grad_fn(), nullptr);
  }
}

TEST(InferenceModeTest, TensorsMadeOutsideAreNotInference) {
  EXPECT_FALSE(torch::ones({3}).is_inference());
  EXPECT_FALSE(makeInferenceTensor().clone().is_inference());
}

TEST(InferenceModeTest, ViewsOfInferenceTensorsAreInference) {
  torch::Tensor t;
  torch::Tensor inside_view;
  {
    c10::InferenceMode guard;
    t = torch::ones({2, 3});
    inside_view = t.view({3, 2});
  }
  EXPECT_TRUE(inside_view.is_inference());
  EXPECT_TRUE(t.view({6}).is_inference());
  EXPECT_TRUE(t[0].is_inference());
  EXPECT_TRUE(t.t().is_inference());
}

// A view of a normal tensor stays normal, inside InferenceMode too, and keeps
// sharing the version counter.
TEST(InferenceModeTest, ViewOfNormalTensorInsideIsNormal) {
  torch::Tensor a = torch::ones({2, 3});
  torch::Tensor v;
  {
    c10::InferenceMode guard;
    v = a.view({6});
  }
  EXPECT_FALSE(v.is_inference());
  EXPECT_EQ(v._version(), 0);
  v.add_(1);
  EXPECT_EQ(a._version(), 1);
}

TEST(InferenceModeTest, VersionOfAnInferenceTensorThrows) {
  torch::Tensor t = makeInferenceTensor();
  expectThrowsExactly([&] { (void)t._version(); },
                      expected::kInferenceTensorVersion);
  expectThrowsExactly(
      [&] {
        (void)t.view({3, 1})._version();
      },
      expected::kInferenceTensorVersion);
  // Inside the mode as well: inference tensors have no counter at all.
  c10::InferenceMode guard;
  expectThrowsExactly([&] { (void)t._version(); },
                      expected::kInferenceTensorVersion);
}

TEST(InferenceModeTest, InplaceOutsideThrows) {
  const std::vector<std::pair<std::string, std::function<void(torch::Tensor&)>>>
      ops = {
          {"add_", [](torch::Tensor& t) { t.add_(1); }},
          {"zero_", [](torch::Tensor& t) { t.zero_(); }},
          {"fill_", [](torch::Tensor& t) { t.fill_(2); }},
          {"mul_", [](torch::Tensor& t) { t.mul_(torch::ones({3})); }},
          {"+=", [](torch::Tensor& t) { t += 1; }},
          {"copy_", [](torch::Tensor& t) { t.copy_(torch::zeros({3})); }},
          {"torch::relu_", [](torch::Tensor& t) { torch::relu_(t); }},
      };
  for (const auto& entry : ops) {
    SCOPED_TRACE(entry.first);
    torch::Tensor t = makeInferenceTensor();
    expectThrowsExactly([&] { entry.second(t); },
                        expected::kInferenceInplaceOutside);
  }
}

// Real LibTorch 1.13 surprise: the check runs when the version would be
// bumped, i.e. after the kernel, so the "not allowed" update has happened.
TEST(InferenceModeTest, InplaceOutsideWritesBeforeThrowing) {
  torch::Tensor t = makeInferenceTensor();
  expectThrowsExactly([&] { t.add_(1); }, expected::kInferenceInplaceOutside);
  expectValuesNear(t, {2, 2, 2});
  expectThrowsExactly([&] { t.zero_(); }, expected::kInferenceInplaceOutside);
  expectValuesNear(t, {0, 0, 0});
}

TEST(InferenceModeTest, InplaceInsideIsFine) {
  torch::Tensor t = makeInferenceTensor();
  c10::InferenceMode guard;
  expectNoThrow([&] {
    t.add_(1);
    t.mul_(3);
  });
  expectValuesNear(t, {6, 6, 6});
}

TEST(InferenceModeTest, RequiresGradOutsideThrows) {
  torch::Tensor t = makeInferenceTensor();
  expectThrowsExactly([&] { t.requires_grad_(true); },
                      expected::kInferenceRequiresGrad);
  expectNoThrow([&] { t.requires_grad_(false); });
  EXPECT_FALSE(t.requires_grad());
}

TEST(InferenceModeTest, OutOfPlaceOutsideGivesNormalTensors) {
  torch::Tensor t = makeInferenceTensor();
  torch::Tensor u = t + 1;
  EXPECT_FALSE(u.is_inference());
  EXPECT_EQ(u._version(), 0);
  // No operand requires grad, so nothing is saved.
  torch::Tensor v = t * torch::ones({3});
  EXPECT_FALSE(v.is_inference());
}

// Ops that save nothing accept an inference tensor next to a grad-requiring
// operand.
TEST(InferenceModeTest, SavelessOpsWithGradRequiringOperandWork) {
  torch::Tensor t = makeInferenceTensor();
  torch::Tensor w = leaf({1.f, 2.f, 3.f});
  torch::Tensor z = t + w;
  EXPECT_TRUE(z.requires_grad());
  EXPECT_FALSE(z.is_inference());
  ASSERT_NE(z.grad_fn(), nullptr);
  EXPECT_EQ(z.grad_fn()->name(), "AddBackward0");
  z.sum().backward();
  expectValuesNear(w.grad(), {1, 1, 1});

  torch::Tensor d = w - t;
  EXPECT_EQ(d.grad_fn()->name(), "SubBackward0");
  // The result is a normal tensor, so saving it further is fine.
  expectNoThrow([&] { (z * z).sum().backward(); });
}

// Real LibTorch 1.13: stack and cat save only sizes, so they accept inference
// tensors too (docs/semantics.md O1; earlier notes listed stack among the
// saving ops).
TEST(InferenceModeTest, StackAndCatAcceptInferenceTensors) {
  torch::Tensor t = makeInferenceTensor();
  torch::Tensor w = leaf({1.f, 2.f, 3.f});
  torch::Tensor s = torch::stack({t, w});
  EXPECT_EQ(s.grad_fn()->name(), "StackBackward0");
  torch::Tensor c = torch::cat({t, w});
  EXPECT_EQ(c.grad_fn()->name(), "CatBackward0");
}

TEST(InferenceModeTest, SavingOpsWithGradRequiringOperandThrow) {
  torch::Tensor t = makeInferenceTensor();
  torch::Tensor w = leaf({1.f, 2.f, 3.f});
  expectThrowsExactly([&] { (void)(t * w); }, expected::kInferenceSaved);
  expectThrowsExactly([&] { (void)(w * t); }, expected::kInferenceSaved);
  torch::Tensor m = makeInferenceTensor().view({3, 1});
  torch::Tensor wm =
      torch::ones({1, 3}, torch::TensorOptions().requires_grad(true));
  expectThrowsExactly([&] { (void)m.mm(wm); }, expected::kInferenceSaved);
}

TEST(InferenceModeTest, CloneOutsideIsANormalTensor) {
  torch::Tensor c = makeInferenceTensor().clone();
  EXPECT_FALSE(c.is_inference());
  expectNoThrow([&] {
    c.add_(1);
    c.requires_grad_(true);
    (c * c).sum().backward();
  });
  expectValuesNear(c.grad(), {4, 4, 4});
}

TEST(InferenceModeTest, InplaceOnNormalTensorInsideBumpsItsVersion) {
  torch::Tensor a = torch::ones({3});
  {
    c10::InferenceMode guard;
    a.add_(1);
    a.mul_(2);
  }
  EXPECT_FALSE(a.is_inference());
  EXPECT_EQ(a._version(), 2);
  expectValuesNear(a, {4, 4, 4});
}

TEST(InferenceModeTest, RuntimeFlagSelectsTheMode) {
  bool flag = false;
  {
    torch::InferenceMode guard(flag);
    EXPECT_FALSE(c10::InferenceMode::is_enabled());
    EXPECT_FALSE(torch::ones({1}).is_inference());
  }
  flag = true;
  {
    torch::InferenceMode guard(flag);
    EXPECT_TRUE(torch::ones({1}).is_inference());
  }
}

}  // namespace
