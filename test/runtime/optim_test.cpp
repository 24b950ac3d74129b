// Optimizers: SGD (plain and with momentum) and Adam step values on fixed
// data, zero_grad, and how a step interacts with versions and the graph.
// The expected values are worked out in the test from the update rules.
#include <cmath>

#include "test_helpers.h"

namespace {

namespace expected = torch_tidy_test::expected;
using torch_tidy_test::expectThrowsExactly;
using torch_tidy_test::expectValuesNear;
using torch_tidy_test::leaf;

// loss = sum(p * p), so grad = 2 p.
void computeGrad(const torch::Tensor& p) { (p * p).sum().backward(); }

TEST(OptimTest, SgdStep) {
  torch::Tensor p = leaf({1.f, 2.f});
  torch::optim::SGD sgd({p}, torch::optim::SGDOptions(0.1));
  computeGrad(p);
  sgd.step();
  expectValuesNear(p, {0.8, 1.6});  // p - 0.1 * 2p
  sgd.zero_grad();
  computeGrad(p);
  sgd.step();
  expectValuesNear(p, {0.64, 1.28});
}

TEST(OptimTest, SgdWithMomentum) {
  torch::Tensor p = leaf({1.f, 2.f});
  torch::optim::SGD sgd({p}, torch::optim::SGDOptions(0.1).momentum(0.9));
  // Step 1: buf = g1 = (2, 4); p = (1, 2) - 0.1 (2, 4) = (0.8, 1.6).
  computeGrad(p);
  sgd.step();
  expectValuesNear(p, {0.8, 1.6});
  // Step 2: g2 = (1.6, 3.2); buf = 0.9 (2, 4) + g2 = (3.4, 6.8);
  // p = (0.8, 1.6) - 0.1 buf = (0.46, 0.92).
  sgd.zero_grad();
  computeGrad(p);
  sgd.step();
  expectValuesNear(p, {0.46, 0.92});
}

// Forgetting zero_grad() makes the step use the accumulated gradient.
TEST(OptimTest, WithoutZeroGradGradientsAccumulate) {
  torch::Tensor p = leaf({1.f, 2.f});
  torch::optim::SGD sgd({p}, torch::optim::SGDOptions(0.1));
  computeGrad(p);
  sgd.step();  // p = (0.8, 1.6), grad (2, 4)
  computeGrad(p);
  expectValuesNear(p.grad(), {3.6, 7.2});  // (2, 4) + (1.6, 3.2)
  sgd.step();
  expectValuesNear(p, {0.44, 0.88});
}

// Reference Adam (Kingma & Ba, as torch::optim::Adam implements it with the
// default betas (0.9, 0.999) and eps 1e-8), for a scalar parameter with
// loss p^2.
std::vector<double> referenceAdam(double p, double lr, int steps) {
  const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
  double m = 0, v = 0;
  std::vector<double> trajectory;
  for (int t = 1; t <= steps; ++t) {
    const double g = 2 * p;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    const double m_hat = m / (1 - std::pow(b1, t));
    const double v_hat = v / (1 - std::pow(b2, t));
    p -= lr * m_hat / (std::sqrt(v_hat) + eps);
    trajectory.push_back(p);
  }
  return trajectory;
}

TEST(OptimTest, AdamSteps) {
  torch::Tensor p = leaf({1.f, -2.f, 0.5f});
  torch::optim::Adam adam({p}, torch::optim::AdamOptions(0.1));
  const std::vector<double> a = referenceAdam(1, 0.1, 3);
  const std::vector<double> b = referenceAdam(-2, 0.1, 3);
  const std::vector<double> c = referenceAdam(0.5, 0.1, 3);
  // The first step moves every coordinate by lr, whatever its gradient.
  EXPECT_NEAR(a[0], 0.9, 1e-6);
  EXPECT_NEAR(b[0], -1.9, 1e-6);
  for (int step = 0; step < 3; ++step) {
    SCOPED_TRACE("step " + std::to_string(step + 1));
    adam.zero_grad();
    computeGrad(p);
    adam.step();
    expectValuesNear(p, {a[step], b[step], c[step]}, 1e-5);
  }
}

TEST(OptimTest, AdamDefaultLearningRate) {
  torch::Tensor p = leaf({1.f});
  torch::optim::Adam adam({p});
  computeGrad(p);
  adam.step();
  expectValuesNear(p, {1 - 1e-3}, 1e-6);
}

// LibTorch 1.13's Optimizer::zero_grad() zeroes the gradients; 2.x resets
// them to undefined. Either way they no longer hold the old values.
TEST(OptimTest, ZeroGradClearsGradients) {
  torch::Tensor p = leaf({1.f, 2.f});
  torch::Tensor q = leaf({3.f});
  torch::optim::SGD sgd({p, q}, torch::optim::SGDOptions(0.1));
  (p.sum() * q.sum()).backward();
  ASSERT_TRUE(p.grad().defined());
  sgd.zero_grad();
  for (const torch::Tensor& t : {p, q}) {
    EXPECT_TRUE(!t.grad().defined() || t.grad().abs().sum().item<float>() == 0);
  }
}

// A step updates parameters without recording a graph.
TEST(OptimTest, StepIsAnUntrackedUpdate) {
  auto check = [](auto& optimizer, const torch::Tensor& p) {
    computeGrad(p);
    optimizer.step();
    EXPECT_TRUE(p.is_leaf());
    EXPECT_TRUE(p.requires_grad());
    EXPECT_EQ(p.grad_fn(), nullptr);
    EXPECT_TRUE(torch::GradMode::is_enabled());
  };
  torch::Tensor p = leaf({1.f, 2.f});
  torch::optim::SGD sgd({p}, torch::optim::SGDOptions(0.1));
  check(sgd, p);
  torch::Tensor q = leaf({1.f, 2.f});
  torch::optim::Adam adam({q}, torch::optim::AdamOptions(0.1));
  check(adam, q);
}

// Real LibTorch 1.13: SGD::step() writes the parameters without bumping their
// version counter (plain and with momentum), so a graph that saved a
// parameter backpropagates after a step without error, through the *new*
// values: a silent wrong gradient.
TEST(OptimTest, SgdStepDoesNotBumpTheVersion) {
  for (double momentum : {0.0, 0.9}) {
    SCOPED_TRACE("momentum " + std::to_string(momentum));
    torch::Tensor p = leaf({1.f, 2.f});
    torch::optim::SGD sgd({p},
                          torch::optim::SGDOptions(0.1).momentum(momentum));
    torch::Tensor loss = (p * p).sum();
    loss.backward({}, /*retain_graph=*/true);
    sgd.step();
    EXPECT_EQ(p._version(), 0);
    expectValuesNear(p, {0.8, 1.6});
    torch_tidy_test::expectNoThrow([&] { loss.backward(); });
    expectValuesNear(p.grad(), {2 + 1.6, 4 + 3.2});  // 2 p_old + 2 p_new
  }
}

// Adam::step() does bump it, and the saved parameter is then detected.
TEST(OptimTest, AdamStepBumpsTheVersionAndBreaksSavedParameters) {
  torch::Tensor p = leaf({1.f, 2.f});
  torch::optim::Adam adam({p}, torch::optim::AdamOptions(0.1));
  torch::Tensor loss = (p * p).sum();
  loss.backward({}, /*retain_graph=*/true);
  adam.step();
  EXPECT_EQ(p._version(), 1);
  expectThrowsExactly([&] { loss.backward(); },
                      expected::versionMismatch("CPUFloatType [2]", "", 1, 0));
}

}  // namespace
