// Version counters: every in-place op bumps by one; views and detach() share
// the counter (and the storage) with their base; clone() and a copying
// contiguous()/reshape() do not. docs/semantics.md "Version counters" and
// "Views, detach() and CopySlices"; upstream NOTE [ Version Counter Sharing ]
// in c10/core/TensorImpl.h.
#include <functional>
#include <utility>

#include "test_helpers.h"

namespace {

using torch_tidy_test::expectValuesNear;

using InplaceOp = std::function<void(torch::Tensor&)>;

// Each entry runs one in-place op on a float tensor of 4 positive elements.
std::vector<std::pair<std::string, InplaceOp>> inplaceOps() {
  return {
      {"add_(scalar)", [](torch::Tensor& t) { t.add_(1); }},
      {"add_(tensor)", [](torch::Tensor& t) { t.add_(torch::ones({4})); }},
      {"sub_", [](torch::Tensor& t) { t.sub_(1); }},
      {"mul_", [](torch::Tensor& t) { t.mul_(2); }},
      {"div_", [](torch::Tensor& t) { t.div_(2); }},
      {"neg_", [](torch::Tensor& t) { t.neg_(); }},
      {"exp_", [](torch::Tensor& t) { t.exp_(); }},
      {"log_", [](torch::Tensor& t) { t.log_(); }},
      {"sqrt_", [](torch::Tensor& t) { t.sqrt_(); }},
      {"pow_", [](torch::Tensor& t) { t.pow_(2); }},
      {"sigmoid_", [](torch::Tensor& t) { t.sigmoid_(); }},
      {"tanh_", [](torch::Tensor& t) { t.tanh_(); }},
      {"relu_", [](torch::Tensor& t) { t.relu_(); }},
      {"abs_", [](torch::Tensor& t) { t.abs_(); }},
      {"sin_", [](torch::Tensor& t) { t.sin_(); }},
      {"cos_", [](torch::Tensor& t) { t.cos_(); }},
      {"clamp_", [](torch::Tensor& t) { t.clamp_(0, 1); }},
      {"zero_", [](torch::Tensor& t) { t.zero_(); }},
      {"fill_", [](torch::Tensor& t) { t.fill_(3); }},
      {"copy_", [](torch::Tensor& t) { t.copy_(torch::zeros({4})); }},
      {"index_put_",
       [](torch::Tensor& t) {
         t.index_put_({torch::tensor({0, 2})}, torch::tensor(5.f));
       }},
      {"masked_fill_", [](torch::Tensor& t) { t.masked_fill_(t > 1, 0); }},
      {"torch::relu_", [](torch::Tensor& t) { torch::relu_(t); }},
      {"+= tensor", [](torch::Tensor& t) { t += torch::ones({4}); }},
      {"+= scalar", [](torch::Tensor& t) { t += 1; }},
      {"-=", [](torch::Tensor& t) { t -= 1; }},
      {"*=", [](torch::Tensor& t) { t *= 2; }},
      {"/=", [](torch::Tensor& t) { t /= 2; }},
  };
}

// Not a braced list: see BracedTensorLiteralsStartAtTheirElementCount.
torch::Tensor fresh() { return torch::tensor(std::vector<float>{1, 2, 3, 4}); }

TEST(VersionCounterTest, NewTensorsStartAtZero) {
  EXPECT_EQ(torch::ones({3})._version(), 0);
  EXPECT_EQ(torch::zeros({3})._version(), 0);
  EXPECT_EQ(torch::full({3}, 2.f)._version(), 0);
  EXPECT_EQ(torch::arange(3)._version(), 0);
  EXPECT_EQ(torch::rand({3})._version(), 0);
  EXPECT_EQ((torch::ones({3}) + 1)._version(), 0);
  EXPECT_EQ(torch::tensor(std::vector<float>{1, 2, 3})._version(), 0);
  EXPECT_EQ(torch::tensor(3.5f)._version(), 0);
}

// Real LibTorch 1.13: torch::tensor of a braced list fills the new tensor one
// element at a time, in place, so it starts at version numel(). A clone()
// starts at 0 again.
TEST(VersionCounterTest, BracedTensorLiteralsStartAtTheirElementCount) {
  EXPECT_EQ(torch::tensor({1.f})._version(), 1);
  EXPECT_EQ(torch::tensor({1.f, 2.f, 3.f})._version(), 3);
  EXPECT_EQ(torch::tensor({1, 2, 3})._version(), 3);
  EXPECT_EQ(torch::tensor({1.0, 2.0})._version(), 2);
  EXPECT_EQ(torch::tensor({true, false})._version(), 2);
  EXPECT_EQ(torch::tensor({{1.f, 2.f}, {3.f, 4.f}})._version(), 4);
  EXPECT_EQ(
      torch::tensor({1.f, 2.f}, torch::TensorOptions().requires_grad(true))
          ._version(),
      2);
  EXPECT_EQ(torch::tensor({1.f, 2.f, 3.f}).clone()._version(), 0);
}

TEST(VersionCounterTest, EveryInplaceOpBumpsByOne) {
  for (const auto& [name, op] : inplaceOps()) {
    SCOPED_TRACE(name);
    torch::Tensor t = fresh();
    op(t);
    EXPECT_EQ(t._version(), 1);
    op(t);
    EXPECT_EQ(t._version(), 2);
  }
}

TEST(VersionCounterTest, EveryInplaceOpBumpsUnderNoGradToo) {
  torch::NoGradGuard no_grad;
  for (const auto& [name, op] : inplaceOps()) {
    SCOPED_TRACE(name);
    torch::Tensor t = fresh();
    op(t);
    EXPECT_EQ(t._version(), 1);
  }
}

TEST(VersionCounterTest, EveryInplaceOpBumpsAGradRequiringIntermediate) {
  for (const auto& [name, op] : inplaceOps()) {
    SCOPED_TRACE(name);
    torch::Tensor t = torch_tidy_test::intermediate({1.f, 2.f, 3.f, 4.f});
    op(t);
    EXPECT_EQ(t._version(), 1);
  }
}

TEST(VersionCounterTest, ChainedInplaceOpsCountEach) {
  torch::Tensor t = fresh();
  t.add_(1).mul_(2).sub_(1);
  EXPECT_EQ(t._version(), 3);
}

TEST(VersionCounterTest, OutOfPlaceOpsAndRequiresGradDoNotBump) {
  torch::Tensor t = fresh();
  torch::Tensor u = t + 1;
  u = t * t;
  u = t.exp();
  u = torch::relu(t);
  u = t.sum();
  u = t.clamp(0, 1);
  EXPECT_EQ(t._version(), 0);
  t.requires_grad_(true);
  EXPECT_EQ(t._version(), 0);
}

// Reassigning the handle is not an in-place op: the new tensor has its own
// counter.
TEST(VersionCounterTest, ReassignmentIsNotInplace) {
  torch::Tensor t = fresh();
  torch::Tensor alias = t;
  t = t + 1;
  EXPECT_EQ(alias._version(), 0);
  EXPECT_EQ(t._version(), 0);
  // A copy of the handle aliases: it is the same tensor.
  alias.add_(1);
  torch::Tensor same = alias;
  EXPECT_EQ(same._version(), 1);
}

using ViewFn = std::function<torch::Tensor(const torch::Tensor&)>;

// Views of a contiguous 2x3 base.
std::vector<std::pair<std::string, ViewFn>> viewOps() {
  return {
      {"view",
       [](const torch::Tensor& b) {
         return b.view({3, 2});
       }},
      {"reshape (contiguous)",
       [](const torch::Tensor& b) { return b.reshape({6}); }},
      {"slice", [](const torch::Tensor& b) { return b.slice(1, 0, 2); }},
      {"select", [](const torch::Tensor& b) { return b.select(0, 1); }},
      {"operator[]", [](const torch::Tensor& b) { return b[1]; }},
      {"transpose", [](const torch::Tensor& b) { return b.transpose(0, 1); }},
      {"t", [](const torch::Tensor& b) { return b.t(); }},
      {"unsqueeze", [](const torch::Tensor& b) { return b.unsqueeze(0); }},
      {"squeeze",
       [](const torch::Tensor& b) { return b.unsqueeze(0).squeeze(0); }},
      {"detach", [](const torch::Tensor& b) { return b.detach(); }},
      {"contiguous (already)",
       [](const torch::Tensor& b) { return b.contiguous(); }},
  };
}

// clone(): a braced literal would start at version 6.
torch::Tensor base2x3() {
  return torch::tensor({{1.f, 2.f, 3.f}, {4.f, 5.f, 6.f}}).clone();
}

TEST(VersionCounterTest, InplaceOnAViewBumpsTheBase) {
  for (const auto& [name, make_view] : viewOps()) {
    SCOPED_TRACE(name);
    torch::Tensor base = base2x3();
    torch::Tensor v = make_view(base);
    EXPECT_EQ(v._version(), 0);
    v.mul_(10);
    EXPECT_EQ(v._version(), 1);
    EXPECT_EQ(base._version(), 1);
  }
}

TEST(VersionCounterTest, InplaceOnTheBaseBumpsItsViews) {
  for (const auto& [name, make_view] : viewOps()) {
    SCOPED_TRACE(name);
    torch::Tensor base = base2x3();
    torch::Tensor v = make_view(base);
    base.add_(1);
    EXPECT_EQ(v._version(), 1);
  }
}

TEST(VersionCounterTest, ViewsOfViewsShareTheCounter) {
  torch::Tensor base = base2x3();
  torch::Tensor v = base.t().slice(0, 1, 3).select(1, 0);
  v.zero_();
  EXPECT_EQ(base._version(), 1);
  torch::Tensor sibling = base[0];
  EXPECT_EQ(sibling._version(), 1);
}

TEST(VersionCounterTest, ViewsShareStorage) {
  torch::Tensor base = base2x3();
  base.view({6}).slice(0, 0, 1).fill_(-1);  // element (0, 0)
  base.t()[2].fill_(0);                     // column 2
  base[1].select(0, 0).fill_(7);            // element (1, 0)
  expectValuesNear(base, {-1, 2, 0, 7, 5, 0});
  torch::Tensor d = base.detach();
  d.mul_(2);
  expectValuesNear(base, {-2, 4, 0, 14, 10, 0});
}

TEST(VersionCounterTest, ExpandSharesTheCounterAndStorage) {
  torch::Tensor base = torch::tensor({{1.f, 2.f, 3.f}}).clone();
  torch::Tensor e = base.expand({2, 3});
  EXPECT_EQ(e._version(), 0);
  base.mul_(2);
  EXPECT_EQ(e._version(), 1);
  expectValuesNear(e, {2, 4, 6, 2, 4, 6});
}

TEST(VersionCounterTest, CloneHasItsOwnCounterAndStorage) {
  torch::Tensor base = base2x3();
  base.add_(1);
  torch::Tensor c = base.clone();
  EXPECT_EQ(c._version(), 0);
  c.mul_(2);
  EXPECT_EQ(base._version(), 1);
  EXPECT_EQ(c._version(), 1);
  base.zero_();
  EXPECT_EQ(c._version(), 1);
  expectValuesNear(c, {4, 6, 8, 10, 12, 14});
}

TEST(VersionCounterTest, ContiguousOfNonContiguousCopies) {
  torch::Tensor base = base2x3();
  torch::Tensor t = base.t();
  EXPECT_FALSE(t.is_contiguous());
  torch::Tensor c = t.contiguous();
  EXPECT_EQ(c._version(), 0);
  c.add_(1);
  EXPECT_EQ(base._version(), 0);
  EXPECT_EQ(t._version(), 0);
  expectValuesNear(base, {1, 2, 3, 4, 5, 6});
}

TEST(VersionCounterTest, ReshapeOfNonContiguousCopies) {
  torch::Tensor base = base2x3();
  torch::Tensor r = base.t().reshape({6});
  r.add_(1);
  EXPECT_EQ(base._version(), 0);
  expectValuesNear(r, {2, 5, 3, 6, 4, 7});
}

TEST(VersionCounterTest, DetachSharesTheCounterOfAGradRequiringTensor) {
  torch::Tensor x = torch_tidy_test::leaf({1.f, 2.f});
  torch::Tensor d = x.detach();
  EXPECT_FALSE(d.requires_grad());
  d.add_(1);  // allowed: d does not require grad
  EXPECT_EQ(x._version(), 1);
  expectValuesNear(x, {2, 3});
}

}  // namespace

// out= forms are in-place ops on `out`: one version bump; no autograd.
TEST(VersionCounter, OutFormBumpsOutOnce) {
  auto out = torch::zeros({3});
  torch::mul_out(out, torch::ones({3}), torch::full({3}, 2.0));
  EXPECT_EQ(out._version(), 1);
  torch_tidy_test::expectValuesNear(out, {2, 2, 2});
}

TEST(VersionCounter, OutFormRefusesGrad) {
  torch_tidy_test::expectThrowsExactly(
      [] {
        auto x = torch::ones({3}, torch::requires_grad());
        auto out = torch::zeros({3});
        torch::mul_out(out, x, x);
      },
      torch_tidy_test::expected::kMulOutRequiresGrad);
}
