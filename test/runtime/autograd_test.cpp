// Autograd: leaves, grad_fn node names, gradient accumulation, the backward
// errors, and gradient values of common ops. docs/semantics.md "Leaves and
// requires_grad", "Node names", "backward(), retain_graph and autograd::grad"
// and "Error messages".
#include <cmath>

#include "test_helpers.h"

namespace {

namespace expected = torch_tidy_test::expected;
using torch_tidy_test::expectNoThrow;
using torch_tidy_test::expectThrowsExactly;
using torch_tidy_test::expectValuesNear;
using torch_tidy_test::intermediate;
using torch_tidy_test::leaf;

std::string nodeName(const torch::Tensor& t) {
  return t.grad_fn() ? t.grad_fn()->name() : "<no grad_fn>";
}

// --- Leaves and requires_grad -----------------------------------------------

TEST(AutogradTest, FactoryTensorsAreLeavesWithoutGrad) {
  torch::Tensor t = torch::ones({3});
  EXPECT_TRUE(t.is_leaf());
  EXPECT_FALSE(t.requires_grad());
  EXPECT_EQ(t.grad_fn(), nullptr);
  EXPECT_FALSE(t.grad().defined());
}

TEST(AutogradTest, RequiresGradOptionMakesALeafThatRequiresGrad) {
  torch::Tensor x =
      torch::ones({3}, torch::TensorOptions().requires_grad(true));
  EXPECT_TRUE(x.is_leaf());
  EXPECT_TRUE(x.requires_grad());
  EXPECT_EQ(x.grad_fn(), nullptr);
  torch::Tensor r =
      torch::rand({2}, torch::TensorOptions().requires_grad(true));
  EXPECT_TRUE(r.requires_grad());
  EXPECT_TRUE(r.is_leaf());
}

TEST(AutogradTest, RequiresGradUnderscoreTogglesALeaf) {
  torch::Tensor x = torch::ones({3});
  x.requires_grad_();
  EXPECT_TRUE(x.requires_grad());
  x.requires_grad_(false);
  EXPECT_FALSE(x.requires_grad());
  EXPECT_TRUE(x.is_leaf());
}

TEST(AutogradTest, ResultsOfGradRequiringInputsAreNonLeaves) {
  torch::Tensor x = leaf({1.f, 2.f});
  torch::Tensor y = x * 2;
  EXPECT_FALSE(y.is_leaf());
  EXPECT_TRUE(y.requires_grad());
  EXPECT_NE(y.grad_fn(), nullptr);
  // One grad-requiring operand suffices.
  torch::Tensor z = torch::ones({2}) + x;
  EXPECT_TRUE(z.requires_grad());
  // None at all: a leaf.
  torch::Tensor c = torch::ones({2}) * 2;
  EXPECT_TRUE(c.is_leaf());
  EXPECT_FALSE(c.requires_grad());
}

TEST(AutogradTest, DetachCutsTheGraph) {
  torch::Tensor x = leaf({1.f, 2.f});
  torch::Tensor d = (x * 2).detach();
  EXPECT_FALSE(d.requires_grad());
  EXPECT_TRUE(d.is_leaf());
  EXPECT_EQ(d.grad_fn(), nullptr);
}

// --- Node names --------------------------------------------------------------

TEST(AutogradTest, NodeNamesOfCommonOps) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  EXPECT_EQ(nodeName(x * x), "MulBackward0");
  EXPECT_EQ(nodeName(x * 2), "MulBackward1");
  EXPECT_EQ(nodeName(x + x), "AddBackward0");
  EXPECT_EQ(nodeName(x + 1), "AddBackward1");
  EXPECT_EQ(nodeName(x - x), "SubBackward0");
  EXPECT_EQ(nodeName(x / 2), "DivBackward1");
  EXPECT_EQ(nodeName(-x), "NegBackward0");
  EXPECT_EQ(nodeName(x.pow(2)), "PowBackward0");
  EXPECT_EQ(nodeName(x.exp()), "ExpBackward0");
  EXPECT_EQ(nodeName(x.log()), "LogBackward0");
  EXPECT_EQ(nodeName(x.sin()), "SinBackward0");
  EXPECT_EQ(nodeName(x.relu()), "ReluBackward0");
  EXPECT_EQ(nodeName(torch::relu(x)), "ReluBackward0");
  EXPECT_EQ(nodeName(x.sigmoid()), "SigmoidBackward0");
  EXPECT_EQ(nodeName(x.tanh()), "TanhBackward0");
  EXPECT_EQ(nodeName(x.sum()), "SumBackward0");
  EXPECT_EQ(nodeName(x.mean()), "MeanBackward0");
  EXPECT_EQ(nodeName(x.view({3, 1})), "ViewBackward0");
  EXPECT_EQ(nodeName(x.clone()), "CloneBackward0");
  EXPECT_EQ(nodeName(x.view({1, 3}).mm(x.view({3, 1}))), "MmBackward0");
}

// In-place ops give the tensor the node of the in-place op.
TEST(AutogradTest, NodeNamesAfterInplaceOps) {
  torch::Tensor y = intermediate({1.f, 2.f, 3.f});
  EXPECT_EQ(nodeName(y), "MulBackward1");
  y.add_(1);
  EXPECT_EQ(nodeName(y), "AddBackward1");
  y.fill_(1);
  EXPECT_EQ(nodeName(y), "FillBackward2");
  y.zero_();
  EXPECT_EQ(nodeName(y), "ZeroBackward0");
  y.relu_();
  EXPECT_EQ(nodeName(y), "ReluBackward0");
  y.clamp_(0, 1);
  EXPECT_EQ(nodeName(y), "ClampBackward1");
  y += 1;
  EXPECT_EQ(nodeName(y), "AddBackward1");
  y.mul_(y);
  EXPECT_EQ(nodeName(y), "MulBackward0");
}

TEST(AutogradTest, LinearWithBiasIsAddmm) {
  torch::nn::Linear linear(3, 2);
  EXPECT_EQ(nodeName(linear(torch::ones({4, 3}))), "AddmmBackward0");
  torch::nn::Linear no_bias(torch::nn::LinearOptions(3, 2).bias(false));
  EXPECT_EQ(nodeName(no_bias(torch::ones({4, 3}))), "MmBackward0");
  EXPECT_EQ(nodeName(torch::addmm(linear->bias, torch::ones({4, 3}),
                                  linear->weight.t())),
            "AddmmBackward0");
}

TEST(AutogradTest, BatchNormIsNativeBatchNormInBothModes) {
  torch::nn::BatchNorm1d bn(3);
  torch::Tensor x = torch::rand({4, 3});
  EXPECT_EQ(nodeName(bn(x)), "NativeBatchNormBackward0");
  bn->eval();
  EXPECT_EQ(nodeName(bn(x)), "NativeBatchNormBackward0");
  torch::nn::BatchNorm2d bn2(2);
  bn2->eval();
  EXPECT_EQ(nodeName(bn2(torch::rand({2, 2, 3, 3}))),
            "NativeBatchNormBackward0");
}

// --- backward() and accumulation --------------------------------------------

TEST(AutogradTest, GradIsUndefinedUntilBackward) {
  torch::Tensor x = leaf({1.f, 2.f});
  torch::Tensor z = (x * x).sum();
  EXPECT_FALSE(x.grad().defined());
  z.backward();
  ASSERT_TRUE(x.grad().defined());
  expectValuesNear(x.grad(), {2, 4});
  EXPECT_FALSE(x.grad().requires_grad());
}

TEST(AutogradTest, GradientsAccumulateAcrossBackwardCalls) {
  torch::Tensor x = leaf({1.f, 2.f});
  (x * x).sum().backward();
  (x * 3).sum().backward();
  expectValuesNear(x.grad(), {5, 7});
}

TEST(AutogradTest, NonLeavesGetNoGrad) {
  torch::Tensor x = leaf({1.f, 2.f});
  torch::Tensor y = x * 2;
  (y * y).sum().backward();
  expectValuesNear(x.grad(), {8, 16});
}

TEST(AutogradTest, ExplicitGradientWeightsTheOutputs) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::Tensor y = x * x;
  y.backward(torch::tensor({1.f, 0.5f, 0.f}));
  expectValuesNear(x.grad(), {2, 2, 0});
}

TEST(AutogradTest, NonScalarBackwardWithoutGradThrows) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::Tensor y = x * x;
  expectThrowsExactly([&] { y.backward(); }, expected::kImplicitGradNonScalar);
  // The graph is intact: an explicit gradient works afterwards.
  expectNoThrow([&] { y.backward(torch::ones({3})); });
}

TEST(AutogradTest, BackwardOnATensorWithoutGraphThrows) {
  torch::Tensor plain = torch::ones({3}).sum();
  expectThrowsExactly([&] { plain.backward(); }, expected::kNoGradFnElement0);

  torch::Tensor x = leaf({1.f, 2.f});
  torch::Tensor under_no_grad;
  {
    torch::NoGradGuard no_grad;
    under_no_grad = (x * 2).sum();
  }
  expectThrowsExactly([&] { under_no_grad.backward(); },
                      expected::kNoGradFnElement0);
  expectThrowsExactly([&] { torch::autograd::grad({plain}, {x}); },
                      expected::kNoGradFnElement0);
}

TEST(AutogradTest, BackwardTwiceThrowsWhenASavedTensorWasFreed) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::Tensor z = (x * x).sum();
  z.backward();
  expectThrowsExactly([&] { z.backward(); }, expected::kBackwardTwice);

  torch::Tensor e = x.exp().sum();  // saves its result
  e.backward();
  expectThrowsExactly([&] { e.backward(); }, expected::kBackwardTwice);
}

// Nodes that saved no tensor have nothing to free.
TEST(AutogradTest, BackwardTwiceIsFineWithoutSavedTensors) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::Tensor z = (x + x).sum();
  z.backward();
  expectNoThrow([&] { z.backward(); });
  expectValuesNear(x.grad(), {4, 4, 4});

  torch::Tensor s = (x * 2).sum();  // MulBackward1 saves a scalar, no tensor
  expectNoThrow([&] {
    s.backward();
    s.backward();
  });
  expectValuesNear(x.grad(), {8, 8, 8});
}

TEST(AutogradTest, RetainGraphAllowsASecondBackward) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::Tensor z = (x * x).sum();
  z.backward({}, /*retain_graph=*/true);
  expectNoThrow([&] { z.backward(); });
  expectValuesNear(x.grad(), {4, 8, 12});
  // The second call did not retain it.
  expectThrowsExactly([&] { z.backward(); }, expected::kBackwardTwice);
}

TEST(AutogradTest, AutogradGradDoesNotAccumulateIntoGrad) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::Tensor z = (x * x).sum();
  std::vector<torch::Tensor> grads = torch::autograd::grad({z}, {x});
  ASSERT_EQ(grads.size(), 1u);
  expectValuesNear(grads[0], {2, 4, 6});
  EXPECT_FALSE(x.grad().defined());
  // It frees the graph like backward() does.
  expectThrowsExactly([&] { z.backward(); }, expected::kBackwardTwice);
}

TEST(AutogradTest, AutogradGradOfSeveralInputs) {
  torch::Tensor a = leaf({2.f});
  torch::Tensor b = leaf({3.f});
  torch::Tensor z = (a * b + a).sum();
  std::vector<torch::Tensor> grads = torch::autograd::grad({z}, {a, b});
  ASSERT_EQ(grads.size(), 2u);
  expectValuesNear(grads[0], {4});  // b + 1
  expectValuesNear(grads[1], {2});  // a
}

// --- In-place on leaves ------------------------------------------------------

TEST(AutogradTest, InplaceOnAGradRequiringLeafThrowsInGradMode) {
  torch::Tensor w = leaf({1.f, 2.f});
  expectThrowsExactly([&] { w.add_(1); }, expected::kLeafInplace);
  expectThrowsExactly([&] { w.mul_(2); }, expected::kLeafInplace);
  expectThrowsExactly([&] { w.zero_(); }, expected::kLeafInplace);
  expectThrowsExactly([&] { w.fill_(0); }, expected::kLeafInplace);
  expectThrowsExactly([&] { w -= 1; }, expected::kLeafInplace);
  expectThrowsExactly([&] { w.copy_(torch::zeros({2})); },
                      expected::kLeafInplace);
  expectThrowsExactly([&] { torch::relu_(w); }, expected::kLeafInplace);
  EXPECT_EQ(w._version(), 0);
  expectValuesNear(w, {1, 2});
}

TEST(AutogradTest, InplaceOnAGradRequiringLeafIsAllowedUnderNoGrad) {
  torch::Tensor w = leaf({1.f, 2.f});
  {
    torch::NoGradGuard no_grad;
    expectNoThrow([&] {
      w.add_(1);
      w -= 0.5;
    });
  }
  {
    c10::AutoGradMode disabled(false);
    expectNoThrow([&] { w.mul_(2); });
  }
  EXPECT_EQ(w._version(), 3);
  expectValuesNear(w, {3, 5});
  EXPECT_TRUE(w.is_leaf());
}

TEST(AutogradTest, InplaceOnALeafWithoutGradIsFine) {
  torch::Tensor t = torch::ones({2});
  expectNoThrow([&] { t.add_(1); });
}

// --- Gradient values
// -----------------------------------------------------------

TEST(AutogradTest, GradientsOfElementwiseOps) {
  const std::vector<float> v = {0.5f, 1.f, 2.f};
  auto gradOf =
      [&](const std::function<torch::Tensor(const torch::Tensor&)>& f) {
        torch::Tensor x = leaf(v);
        f(x).sum().backward();
        return x.grad();
      };
  std::vector<double> exp_g, log_g, sin_g, sig_g, tanh_g, pow_g, sqrt_g;
  for (float xi : v) {
    const double s = 1 / (1 + std::exp(-xi));
    exp_g.push_back(std::exp(xi));
    log_g.push_back(1 / xi);
    sin_g.push_back(std::cos(xi));
    sig_g.push_back(s * (1 - s));
    tanh_g.push_back(1 - std::tanh(xi) * std::tanh(xi));
    pow_g.push_back(3 * xi * xi);
    sqrt_g.push_back(0.5 / std::sqrt(xi));
  }
  expectValuesNear(gradOf([](const torch::Tensor& x) { return x.exp(); }),
                   exp_g);
  expectValuesNear(gradOf([](const torch::Tensor& x) { return x.log(); }),
                   log_g);
  expectValuesNear(gradOf([](const torch::Tensor& x) { return x.sin(); }),
                   sin_g);
  expectValuesNear(gradOf([](const torch::Tensor& x) { return x.sigmoid(); }),
                   sig_g);
  expectValuesNear(gradOf([](const torch::Tensor& x) { return x.tanh(); }),
                   tanh_g);
  expectValuesNear(gradOf([](const torch::Tensor& x) { return x.pow(3); }),
                   pow_g);
  expectValuesNear(gradOf([](const torch::Tensor& x) { return x.sqrt(); }),
                   sqrt_g);
  expectValuesNear(gradOf([](const torch::Tensor& x) { return x.mean(); }),
                   {1. / 3, 1. / 3, 1. / 3});
  expectValuesNear(gradOf([](const torch::Tensor& x) { return -x * 4 + 1; }),
                   {-4, -4, -4});
}

TEST(AutogradTest, ReluGradientIsAStep) {
  torch::Tensor x = leaf({-1.f, 2.f, -3.f, 4.f});
  torch::relu(x).sum().backward();
  expectValuesNear(x.grad(), {0, 1, 0, 1});
}

TEST(AutogradTest, ClampAndAbsGradients) {
  torch::Tensor x = leaf({-2.f, 0.5f, 3.f});
  x.clamp(-1, 1).sum().backward();
  expectValuesNear(x.grad(), {0, 1, 0});
  torch::Tensor y = leaf({-2.f, 3.f});
  y.abs().sum().backward();
  expectValuesNear(y.grad(), {-1, 1});
}

TEST(AutogradTest, DivGradients) {
  torch::Tensor a = leaf({1.f, 4.f});
  torch::Tensor b = leaf({2.f, 8.f});
  (a / b).sum().backward();
  expectValuesNear(a.grad(), {0.5, 0.125});
  expectValuesNear(b.grad(), {-1. / 4, -4. / 64});
}

TEST(AutogradTest, BroadcastGradientsAreReduced) {
  torch::Tensor a = leaf({1.f, 2.f, 3.f});  // [3]
  torch::Tensor m = torch::ones({2, 3});
  (m * a).sum().backward();
  expectValuesNear(a.grad(), {2, 2, 2});
  EXPECT_EQ(torch_tidy_test::sizesOf(a.grad()), (std::vector<int64_t>{3}));
}

TEST(AutogradTest, MatmulGradients) {
  // d sum(A B) / dA = 1 B^T, d sum(A B) / dB = A^T 1
  torch::Tensor A = torch::tensor({{1.f, 2.f}, {3.f, 4.f}},
                                  torch::TensorOptions().requires_grad(true));
  torch::Tensor B = torch::tensor({{5.f, 6.f}, {7.f, 8.f}},
                                  torch::TensorOptions().requires_grad(true));
  torch::matmul(A, B).sum().backward();
  expectValuesNear(A.grad(), {11, 15, 11, 15});
  expectValuesNear(B.grad(), {4, 4, 6, 6});
}

TEST(AutogradTest, SoftmaxCrossEntropyGradient) {
  // d CE / d logits = (softmax - one_hot) / batch
  torch::Tensor logits =
      torch::tensor({{1.f, 2.f, 3.f}, {1.f, 0.f, -1.f}},
                    torch::TensorOptions().requires_grad(true));
  torch::Tensor target = torch::tensor({2, 0});
  torch::cross_entropy_loss(logits, target).backward();
  const double e1 = std::exp(1.), e2 = std::exp(2.), e3 = std::exp(3.);
  const double s0 = e1 + e2 + e3;
  const double em1 = std::exp(-1.), s1 = e1 + 1 + em1;
  expectValuesNear(logits.grad(),
                   {e1 / s0 / 2, e2 / s0 / 2, (e3 / s0 - 1) / 2,
                    (e1 / s1 - 1) / 2, 1 / s1 / 2, em1 / s1 / 2});
}

TEST(AutogradTest, ChainRuleThroughSeveralOps) {
  // f(x) = sum(sigmoid(2x + 1)^2); f' = 2 s (s (1 - s)) 2
  torch::Tensor x = leaf({0.f, 1.f});
  (x * 2 + 1).sigmoid().pow(2).sum().backward();
  std::vector<double> g;
  for (double xi : {0., 1.}) {
    const double s = 1 / (1 + std::exp(-(2 * xi + 1)));
    g.push_back(2 * s * s * (1 - s) * 2);
  }
  expectValuesNear(x.grad(), g);
}

TEST(AutogradTest, LinearLayerGradients) {
  torch::nn::Linear linear(2, 1);
  {
    torch::NoGradGuard no_grad;
    linear->weight.copy_(torch::tensor({{2.f, -1.f}}));
    linear->bias.fill_(0.5);
  }
  torch::Tensor x = torch::tensor({{1.f, 2.f}, {3.f, 4.f}});
  linear(x).sum().backward();
  expectValuesNear(linear->weight.grad(), {4, 6});
  expectValuesNear(linear->bias.grad(), {2});
}

}  // namespace
