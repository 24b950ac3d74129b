// Tensor basics the runtime must get right before any autograd rule matters:
// factories and dtypes, broadcasting, reductions, softmax, matrix products,
// conversions, joining, losses and seeded randomness.
#include <cmath>

#include "test_helpers.h"

namespace {

using torch_tidy_test::expectAllClose;
using torch_tidy_test::expectValuesNear;
using torch_tidy_test::sizesOf;
using torch_tidy_test::valuesOf;

using Sizes = std::vector<int64_t>;

// --- Factories and dtypes
// -----------------------------------------------------

TEST(TensorTest, DefaultConstructedTensorIsUndefined) {
  torch::Tensor t;
  EXPECT_FALSE(t.defined());
  EXPECT_TRUE(torch::ones({1}).defined());
}

TEST(TensorTest, FactoriesDefaultToFloat) {
  EXPECT_EQ(torch::zeros({2}).dtype(), torch::kFloat);
  EXPECT_EQ(torch::ones({2}).dtype(), torch::kFloat);
  EXPECT_EQ(torch::empty({2}).dtype(), torch::kFloat);
  EXPECT_EQ(torch::rand({2}).dtype(), torch::kFloat);
  EXPECT_EQ(torch::randn({2}).dtype(), torch::kFloat);
  EXPECT_EQ(torch::full({2}, 1.5).dtype(), torch::kFloat);
}

TEST(TensorTest, FactoriesWithOptions) {
  torch::Tensor d =
      torch::zeros({2, 3}, torch::TensorOptions().dtype(torch::kDouble));
  EXPECT_EQ(d.dtype(), torch::kDouble);
  EXPECT_EQ(sizesOf(d), (Sizes{2, 3}));
  EXPECT_EQ(d.numel(), 6);
  EXPECT_EQ(d.dim(), 2);
  expectValuesNear(d, std::vector<double>(6, 0.0));

  torch::Tensor l = torch::ones({3}, torch::kLong);
  EXPECT_EQ(l.dtype(), torch::kLong);
  expectValuesNear(l, {1, 1, 1});

  torch::Tensor b =
      torch::zeros({2}, torch::TensorOptions().dtype(torch::kBool));
  EXPECT_EQ(b.dtype(), torch::kBool);

  torch::Tensor f =
      torch::full({2, 2}, 7, torch::TensorOptions().dtype(torch::kFloat));
  EXPECT_EQ(f.dtype(), torch::kFloat);
  expectValuesNear(f, {7, 7, 7, 7});

  EXPECT_EQ(sizesOf(torch::empty({4, 1}, torch::kDouble)), (Sizes{4, 1}));
  EXPECT_EQ(torch::ones({}).dim(), 0);
  EXPECT_EQ(torch::ones({}).numel(), 1);
}

TEST(TensorTest, TensorLiteralsInferTheirDtype) {
  EXPECT_EQ(torch::tensor({1.f, 2.f}).dtype(), torch::kFloat);
  // Double literals take the default dtype (float), integers become long.
  EXPECT_EQ(torch::tensor({1.0, 2.0}).dtype(), torch::kFloat);
  EXPECT_EQ(torch::tensor({1, 2, 3}).dtype(), torch::kLong);
  EXPECT_EQ(torch::tensor({true, false}).dtype(), torch::kBool);
  torch::Tensor m = torch::tensor({{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}});
  EXPECT_EQ(sizesOf(m), (Sizes{3, 2}));
  expectValuesNear(m, {1, 2, 3, 4, 5, 6});
  EXPECT_EQ(torch::tensor(2.5f).dim(), 0);
  EXPECT_EQ(torch::tensor({1.0}, torch::TensorOptions().dtype(torch::kDouble))
                .dtype(),
            torch::kDouble);
}

TEST(TensorTest, Arange) {
  torch::Tensor a = torch::arange(5);
  EXPECT_EQ(a.dtype(), torch::kLong);
  expectValuesNear(a, {0, 1, 2, 3, 4});
  torch::Tensor f = torch::arange(0., 1., 0.25);
  EXPECT_EQ(f.dtype(), torch::kFloat);
  expectValuesNear(f, {0, 0.25, 0.5, 0.75});
  torch::Tensor g =
      torch::arange(2, 8, 2, torch::TensorOptions().dtype(torch::kDouble));
  EXPECT_EQ(g.dtype(), torch::kDouble);
  expectValuesNear(g, {2, 4, 6});
}

TEST(TensorTest, RandomFactoriesRespectTheirRanges) {
  torch::manual_seed(7);
  torch::Tensor r = torch::rand({1000});
  EXPECT_GE(r.min().item<float>(), 0.f);
  EXPECT_LT(r.max().item<float>(), 1.f);
  EXPECT_NEAR(r.mean().item<float>(), 0.5f, 0.05f);

  torch::Tensor n = torch::randn({2000});
  EXPECT_NEAR(n.mean().item<float>(), 0.f, 0.1f);
  EXPECT_NEAR(((n - n.mean()).pow(2)).mean().item<float>(), 1.f, 0.15f);

  torch::Tensor i = torch::randint(3, 9, {1000});
  EXPECT_EQ(i.dtype(), torch::kLong);
  EXPECT_GE(i.min().item<int64_t>(), 3);
  EXPECT_LE(i.max().item<int64_t>(), 8);
  torch::Tensor j =
      torch::randint(0, 2, {10}, torch::TensorOptions().dtype(torch::kDouble));
  EXPECT_EQ(j.dtype(), torch::kDouble);
}

TEST(TensorTest, LikeFactoriesCopyShapeAndDtype) {
  torch::Tensor base = torch::ones({2, 3}, torch::kDouble);
  torch::Tensor z = torch::zeros_like(base);
  EXPECT_EQ(sizesOf(z), (Sizes{2, 3}));
  EXPECT_EQ(z.dtype(), torch::kDouble);
  expectValuesNear(z, std::vector<double>(6, 0.0));
  expectValuesNear(torch::ones_like(base), std::vector<double>(6, 1.0));
  torch::Tensor r = torch::rand_like(base);
  EXPECT_EQ(r.dtype(), torch::kDouble);
  EXPECT_EQ(torch::randn_like(base).dtype(), torch::kDouble);
  EXPECT_EQ(torch::empty_like(base).dtype(), torch::kDouble);
  expectValuesNear(torch::full_like(base, 4), std::vector<double>(6, 4.0));
  torch::Tensor f =
      torch::zeros_like(base, torch::TensorOptions().dtype(torch::kFloat));
  EXPECT_EQ(f.dtype(), torch::kFloat);
  torch::Tensor g =
      torch::ones_like(base, torch::TensorOptions().requires_grad(true));
  EXPECT_TRUE(g.requires_grad());
  EXPECT_TRUE(g.is_leaf());
}

// --- Arithmetic
// ----------------------------------------------------------------

TEST(TensorTest, ElementwiseArithmeticWithTensorsAndScalars) {
  torch::Tensor a = torch::tensor({1.f, 2.f, 3.f});
  torch::Tensor b = torch::tensor({4.f, 5.f, 6.f});
  expectValuesNear(a + b, {5, 7, 9});
  expectValuesNear(a - b, {-3, -3, -3});
  expectValuesNear(a * b, {4, 10, 18});
  expectValuesNear(b / a, {4, 2.5, 2});
  expectValuesNear(a + 1, {2, 3, 4});
  expectValuesNear(a * 2.5, {2.5, 5, 7.5});
  expectValuesNear(a / 2, {0.5, 1, 1.5});
  expectValuesNear(a - 1, {0, 1, 2});
  expectValuesNear(-a, {-1, -2, -3});
  expectValuesNear(a.neg(), {-1, -2, -3});
}

TEST(TensorTest, Broadcasting) {
  torch::Tensor m = torch::tensor({{1.f, 2.f, 3.f}, {4.f, 5.f, 6.f}});
  torch::Tensor row = torch::tensor({10.f, 20.f, 30.f});
  torch::Tensor col = torch::tensor({{1.f}, {2.f}});
  torch::Tensor s = m + row;
  EXPECT_EQ(sizesOf(s), (Sizes{2, 3}));
  expectValuesNear(s, {11, 22, 33, 14, 25, 36});
  expectValuesNear(m * col, {1, 2, 3, 8, 10, 12});
  torch::Tensor outer = col * torch::tensor({{1.f, 10.f, 100.f}});
  EXPECT_EQ(sizesOf(outer), (Sizes{2, 3}));
  expectValuesNear(outer, {1, 10, 100, 2, 20, 200});
  expectValuesNear(m - torch::tensor(1.f), {0, 1, 2, 3, 4, 5});
}

TEST(TensorTest, TypePromotion) {
  torch::Tensor l = torch::tensor({1, 2});
  EXPECT_EQ((l + torch::tensor({0.5f, 0.5f})).dtype(), torch::kFloat);
  EXPECT_EQ((l * 2.5).dtype(), torch::kFloat);
  EXPECT_EQ((l + 1).dtype(), torch::kLong);
  EXPECT_EQ((torch::ones({2}) + torch::ones({2}, torch::kDouble)).dtype(),
            torch::kDouble);
}

TEST(TensorTest, UnaryMath) {
  torch::Tensor x = torch::tensor({0.5f, 1.f, 4.f});
  std::vector<double> e, lg, sq, sg, th, sn, cs;
  for (double v : {0.5, 1., 4.}) {
    e.push_back(std::exp(v));
    lg.push_back(std::log(v));
    sq.push_back(std::sqrt(v));
    sg.push_back(1 / (1 + std::exp(-v)));
    th.push_back(std::tanh(v));
    sn.push_back(std::sin(v));
    cs.push_back(std::cos(v));
  }
  expectValuesNear(x.exp(), e, 1e-4);
  expectValuesNear(torch::exp(x), e, 1e-4);
  expectValuesNear(x.log(), lg);
  expectValuesNear(torch::log(x), lg);
  expectValuesNear(x.sqrt(), sq);
  expectValuesNear(torch::sqrt(x), sq);
  expectValuesNear(x.sigmoid(), sg);
  expectValuesNear(torch::sigmoid(x), sg);
  expectValuesNear(x.tanh(), th);
  expectValuesNear(torch::tanh(x), th);
  expectValuesNear(x.sin(), sn);
  expectValuesNear(torch::sin(x), sn);
  expectValuesNear(x.cos(), cs);
  expectValuesNear(torch::cos(x), cs);
  expectValuesNear(x.pow(2), {0.25, 1, 16});
  expectValuesNear(torch::pow(x, 0.5), sq);

  torch::Tensor y = torch::tensor({-2.f, -0.5f, 0.f, 3.f});
  expectValuesNear(y.abs(), {2, 0.5, 0, 3});
  expectValuesNear(torch::abs(y), {2, 0.5, 0, 3});
  expectValuesNear(y.relu(), {0, 0, 0, 3});
  expectValuesNear(torch::relu(y), {0, 0, 0, 3});
  expectValuesNear(y.clamp(-1, 1), {-1, -0.5, 0, 1});
  expectValuesNear(torch::clamp(y, -1, 1), {-1, -0.5, 0, 1});
}

TEST(TensorTest, InplaceVariantsMatchOutOfPlace) {
  torch::Tensor y = torch::tensor({-2.f, -0.5f, 0.f, 3.f});
  torch::Tensor a = y.clone();
  a.relu_();
  EXPECT_TRUE(a.equal(y.relu()));
  torch::Tensor b = y.clone();
  torch::relu_(b);
  EXPECT_TRUE(b.equal(y.relu()));
  torch::Tensor c = y.clone();
  c.clamp_(-1, 1);
  EXPECT_TRUE(c.equal(y.clamp(-1, 1)));
  torch::Tensor d = y.clone();
  d += 1;
  d *= 2;
  d -= torch::ones({4});
  d /= 4;
  expectValuesNear(d, {-0.75, 0, 0.25, 1.75});
  torch::Tensor e = y.clone();
  e.masked_fill_(e < 0, 9);
  expectValuesNear(e, {9, 9, 0, 3});
  torch::Tensor f = torch::zeros({4});
  f.index_put_({torch::tensor({1, 3})}, torch::tensor({5.f, 6.f}));
  expectValuesNear(f, {0, 5, 0, 6});
  f.copy_(y);
  EXPECT_TRUE(f.equal(y));
  f.fill_(2);
  expectValuesNear(f, {2, 2, 2, 2});
  f.zero_();
  expectValuesNear(f, {0, 0, 0, 0});
}

// --- Reductions
// ------------------------------------------------------------------

TEST(TensorTest, Reductions) {
  torch::Tensor m = torch::tensor({{1.f, 5.f, 3.f}, {4.f, 2.f, 6.f}});
  EXPECT_FLOAT_EQ(m.sum().item<float>(), 21.f);
  EXPECT_EQ(m.sum().dim(), 0);
  EXPECT_FLOAT_EQ(m.mean().item<float>(), 3.5f);
  EXPECT_FLOAT_EQ(m.max().item<float>(), 6.f);
  EXPECT_FLOAT_EQ(m.min().item<float>(), 1.f);
  EXPECT_EQ(m.argmax().item<int64_t>(), 5);
  expectValuesNear(m.argmax(1), {1, 2});
  expectValuesNear(m.sum(0), {5, 7, 9});
  expectValuesNear(m.sum(1), {9, 12});
  expectValuesNear(torch::sum(m, 1), {9, 12});
  expectValuesNear(m.mean(0), {2.5, 3.5, 4.5});
  EXPECT_EQ(sizesOf(m.sum(1, /*keepdim=*/true)), (Sizes{2, 1}));
  EXPECT_EQ(torch::tensor({1, 2, 3}).sum().dtype(), torch::kLong);
}

TEST(TensorTest, SoftmaxAndLogSoftmax) {
  torch::Tensor x = torch::tensor({{1.f, 2.f, 3.f}, {0.f, 0.f, 0.f}});
  torch::Tensor s = x.softmax(1);
  const double d = std::exp(1.) + std::exp(2.) + std::exp(3.);
  expectValuesNear(s, {std::exp(1.) / d, std::exp(2.) / d, std::exp(3.) / d,
                       1. / 3, 1. / 3, 1. / 3});
  expectValuesNear(s.sum(1), {1, 1});
  expectAllClose(torch::softmax(x, 1), s);
  expectAllClose(x.log_softmax(1), s.log());
  expectAllClose(torch::log_softmax(x, 1), s.log());
  // Along dim 0 the columns are normalised instead.
  expectValuesNear(torch::softmax(x, 0).sum(0), {1, 1, 1});
  // Large logits do not overflow.
  torch::Tensor big = torch::tensor({1000.f, 1000.f});
  expectValuesNear(big.softmax(0), {0.5, 0.5});
  expectValuesNear(big.log_softmax(0), {-std::log(2.), -std::log(2.)});
}

TEST(TensorTest, MatrixProducts) {
  torch::Tensor a = torch::tensor({{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}});  // 3x2
  torch::Tensor b = torch::tensor({{1.f, 0.f, 2.f}, {0.f, 1.f, -1.f}});   // 2x3
  torch::Tensor ab = a.mm(b);
  EXPECT_EQ(sizesOf(ab), (Sizes{3, 3}));
  expectValuesNear(ab, {1, 2, 0, 3, 4, 2, 5, 6, 4});
  expectAllClose(torch::mm(a, b), ab);
  expectAllClose(a.matmul(b), ab);
  expectAllClose(torch::matmul(a, b), ab);
  torch::Tensor v = torch::tensor({1.f, -1.f});
  torch::Tensor av = torch::matmul(a, v);  // matrix x vector
  EXPECT_EQ(sizesOf(av), (Sizes{3}));
  expectValuesNear(av, {-1, -1, -1});
  expectValuesNear(torch::addmm(torch::tensor({1.f, 1.f, 1.f}), a, b),
                   {2, 3, 1, 4, 5, 3, 6, 7, 5});
}

// --- Views, conversions, comparisons
// ------------------------------------------------

TEST(TensorTest, ViewsShareStorage) {
  torch::Tensor base = torch::zeros({2, 3});
  torch::Tensor v = base.view({3, 2});
  v.fill_(1);
  expectValuesNear(base, std::vector<double>(6, 1.0));
  base.select(1, 2).fill_(5);
  expectValuesNear(v, {1, 1, 5, 1, 1, 5});
  EXPECT_EQ(sizesOf(base.t()), (Sizes{3, 2}));
  EXPECT_EQ(sizesOf(base.transpose(0, 1)), (Sizes{3, 2}));
  EXPECT_EQ(sizesOf(base.unsqueeze(1)), (Sizes{2, 1, 3}));
  EXPECT_EQ(sizesOf(base.unsqueeze(1).squeeze()), (Sizes{2, 3}));
  EXPECT_EQ(sizesOf(base.slice(1, 1, 3)), (Sizes{2, 2}));
  EXPECT_EQ(sizesOf(base[1]), (Sizes{3}));
  EXPECT_EQ(sizesOf(base.reshape({-1})), (Sizes{6}));
  EXPECT_EQ(sizesOf(base.view({-1, 2})), (Sizes{3, 2}));
  EXPECT_EQ(sizesOf(torch::ones({1, 3}).expand({4, 3})), (Sizes{4, 3}));
  EXPECT_TRUE(base.t().contiguous().is_contiguous());
}

TEST(TensorTest, ToDtypeConverts) {
  torch::Tensor f = torch::tensor({1.7f, -1.7f, 0.f});
  torch::Tensor l = f.to(torch::kLong);
  EXPECT_EQ(l.dtype(), torch::kLong);
  expectValuesNear(l, {1, -1, 0});  // truncation toward zero
  torch::Tensor b = f.to(torch::kBool);
  EXPECT_EQ(b.dtype(), torch::kBool);
  expectValuesNear(b, {1, 1, 0});
  torch::Tensor d = f.to(torch::kDouble);
  EXPECT_EQ(d.dtype(), torch::kDouble);
  EXPECT_NEAR(d[0].item<double>(), 1.7, 1e-6);
  // Converting to the same dtype returns the tensor itself.
  EXPECT_EQ(f.to(torch::kFloat)._version(), f._version());
}

TEST(TensorTest, ItemReadsAOneElementTensor) {
  EXPECT_FLOAT_EQ(torch::tensor(3.5f).item<float>(), 3.5f);
  EXPECT_DOUBLE_EQ(torch::tensor({2.5}, torch::kDouble).item<double>(), 2.5);
  EXPECT_EQ(torch::tensor({7}).item<int64_t>(), 7);
  EXPECT_EQ(torch::ones({2, 2}).sum().item<int64_t>(), 4);
  EXPECT_FLOAT_EQ(torch::tensor({{1.f, 2.f}})[0][1].item<float>(), 2.f);
  EXPECT_TRUE(torch::tensor({true}).item<bool>());
}

TEST(TensorTest, EqualAndAllclose) {
  torch::Tensor a = torch::tensor({1.f, 2.f, 3.f});
  EXPECT_TRUE(a.equal(torch::tensor({1.f, 2.f, 3.f})));
  EXPECT_FALSE(a.equal(torch::tensor({1.f, 2.f, 3.0001f})));
  EXPECT_FALSE(a.equal(torch::tensor({{1.f, 2.f, 3.f}})));  // shape differs
  EXPECT_TRUE(torch::equal(a, a.clone()));
  EXPECT_TRUE(a.allclose(torch::tensor({1.f, 2.f, 3.00001f})));
  EXPECT_FALSE(a.allclose(torch::tensor({1.f, 2.f, 3.1f})));
  EXPECT_TRUE(torch::allclose(a, a + 0.05, /*rtol=*/0, /*atol=*/0.1));
}

// --- Joining
// -------------------------------------------------------------------------

TEST(TensorTest, RepeatCatStack) {
  torch::Tensor a = torch::tensor({{1.f, 2.f}});
  torch::Tensor r = a.repeat({2, 3});
  EXPECT_EQ(sizesOf(r), (Sizes{2, 6}));
  expectValuesNear(r, {1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2});

  torch::Tensor b = torch::tensor({{3.f, 4.f}, {5.f, 6.f}});
  torch::Tensor c0 = torch::cat({a, b});
  EXPECT_EQ(sizesOf(c0), (Sizes{3, 2}));
  expectValuesNear(c0, {1, 2, 3, 4, 5, 6});
  torch::Tensor c1 = torch::cat({b, b}, 1);
  EXPECT_EQ(sizesOf(c1), (Sizes{2, 4}));
  expectValuesNear(c1, {3, 4, 3, 4, 5, 6, 5, 6});

  torch::Tensor s0 = torch::stack({b, b * 10});
  EXPECT_EQ(sizesOf(s0), (Sizes{2, 2, 2}));
  expectValuesNear(s0, {3, 4, 5, 6, 30, 40, 50, 60});
  torch::Tensor s1 = torch::stack({b, b * 10}, 1);
  EXPECT_EQ(sizesOf(s1), (Sizes{2, 2, 2}));
  expectValuesNear(s1, {3, 4, 30, 40, 5, 6, 50, 60});
}

// --- Losses
// ----------------------------------------------------------------------------

TEST(TensorTest, MseLoss) {
  torch::Tensor x = torch::tensor({1.f, 2.f, 3.f});
  torch::Tensor y = torch::tensor({2.f, 4.f, 3.f});
  EXPECT_NEAR(torch::mse_loss(x, y).item<float>(), 5.f / 3, 1e-6);
  EXPECT_EQ(torch::mse_loss(x, y).dim(), 0);
}

TEST(TensorTest, NllAndCrossEntropyLoss) {
  torch::Tensor logits = torch::tensor({{1.f, 2.f, 3.f}, {1.f, 0.f, -1.f}});
  torch::Tensor target = torch::tensor({2, 1});
  // -log softmax(logits)[i][target[i]], averaged.
  const double row0 = std::log(std::exp(1.) + std::exp(2.) + std::exp(3.)) - 3;
  const double row1 = std::log(std::exp(1.) + 1 + std::exp(-1.)) - 0;
  const double expected = (row0 + row1) / 2;
  EXPECT_NEAR(torch::cross_entropy_loss(logits, target).item<float>(), expected,
              1e-5);
  EXPECT_NEAR(
      torch::nll_loss(torch::log_softmax(logits, 1), target).item<float>(),
      expected, 1e-5);
  // nll_loss alone just picks and negates.
  torch::Tensor picked = torch::tensor({{-0.5f, -1.f}, {-2.f, -3.f}});
  EXPECT_NEAR(torch::nll_loss(picked, torch::tensor({1, 0})).item<float>(), 1.5,
              1e-6);
}

// --- Seeded randomness
// ---------------------------------------------------------------

TEST(TensorTest, ManualSeedMakesRandomnessReproducible) {
  torch::manual_seed(42);
  torch::Tensor a = torch::rand({5});
  torch::Tensor b = torch::randn({5});
  torch::Tensor c = torch::randint(0, 100, {5});
  torch::manual_seed(42);
  EXPECT_TRUE(torch::rand({5}).equal(a));
  EXPECT_TRUE(torch::randn({5}).equal(b));
  EXPECT_TRUE(torch::randint(0, 100, {5}).equal(c));
  // The sequence moves on without a reseed...
  EXPECT_FALSE(torch::rand({5}).equal(a));
  // ...and another seed gives other values.
  torch::manual_seed(43);
  EXPECT_FALSE(torch::rand({5}).equal(a));
}

TEST(TensorTest, ManualSeedMakesDropoutReproducible) {
  torch::Tensor x = torch::ones({100});
  torch::manual_seed(5);
  torch::Tensor a = torch::dropout(x, 0.5, true);
  torch::manual_seed(5);
  EXPECT_TRUE(torch::dropout(x, 0.5, true).equal(a));
}

}  // namespace
