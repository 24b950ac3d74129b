// One named test per divergence family the differential fuzzer (test/fuzz)
// found between the runtime and LibTorch 1.13. Built against both, like the
// other tests here: LibTorch passing them is what makes each fact true.
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include "test_helpers.h"

namespace {

using torch_tidy_test::expectThrowsExactly;
using torch_tidy_test::expectThrowsStartingWith;
using torch_tidy_test::expectValuesNear;
using torch_tidy_test::intermediate;
using torch_tidy_test::leaf;
namespace expected = torch_tidy_test::expected;

std::string nodeName(const torch::Tensor& t) {
  return t.grad_fn() ? t.grad_fn()->name() : "";
}

const std::string kPartialOverlap =
    "unsupported operation: some elements of the input tensor and the "
    "written-to tensor refer to a single memory location. Please clone() the "
    "tensor before performing the operation.";
const std::string kInternalOverlap =
    "unsupported operation: more than one element of the written-to tensor "
    "refers to a single memory location. Please clone() the tensor before "
    "performing the operation.";

// Family 3: detach() shares data and version but is no view, so views of it
// do not follow the original's requires_grad.
TEST(FuzzRegression, DetachIsNotAView) {
  torch::Tensor x = leaf({1, 2, 3});
  torch::Tensor d = x.detach();
  EXPECT_FALSE(d.is_view());
  torch::Tensor v = d.view({3});
  EXPECT_TRUE(v.is_view());
  EXPECT_FALSE(v.requires_grad());
  d.add_(1);
  EXPECT_EQ(x._version(), 1);
}

// Family 12: AccumulateGrad copies an expanded first gradient (version 1)
// and accumulates later ones in place.
TEST(FuzzRegression, GradVersionAfterCopyAndAccumulation) {
  torch::Tensor x = leaf({1, 2});
  x.sum().backward();
  EXPECT_EQ(x.grad()._version(), 1);
  const torch::Tensor first = x.grad();
  x.sum().backward();
  EXPECT_TRUE(x.grad().is_same(first));
  EXPECT_EQ(x.grad()._version(), 2);
  expectValuesNear(x.grad(), {2, 2});
}

// Family 9: NaN wins in relu, max, min and argmax.
TEST(FuzzRegression, NanPropagates) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  torch::Tensor t = torch::tensor({1.0f, nan, 3.0f});
  EXPECT_TRUE(std::isnan(t.relu()[1].item<float>()));
  EXPECT_TRUE(std::isnan(t.max().item<float>()));
  EXPECT_TRUE(std::isnan(t.min().item<float>()));
  EXPECT_EQ(t.argmax().item<int64_t>(), 1);
  EXPECT_EQ(std::get<1>(t.max(0)).item<int64_t>(), 1);
}

TEST(FuzzRegression, MinMaxDimOfZeroDimTensor) {
  torch::Tensor x = torch::full({}, -0.5).requires_grad_();
  torch::Tensor m = std::get<0>(x.min(0, true));
  EXPECT_EQ(m.dim(), 0);
  EXPECT_FLOAT_EQ(m.item<float>(), -0.5f);
  m.backward();
  EXPECT_FLOAT_EQ(x.grad().item<float>(), 1.0f);
}

// Family 2: squeeze_ is an in-place op (leaf check, version, node).
TEST(FuzzRegression, SqueezeInplaceIsAnInplaceOp) {
  torch::Tensor y = intermediate({1, 2}).reshape({1, 2});
  const int64_t before = y._version();
  y.squeeze_(0);
  EXPECT_EQ(y._version(), before + 1);
  EXPECT_EQ(nodeName(y), "SqueezeBackward3");
  torch::Tensor z = intermediate({1, 2});
  z.squeeze_(0);  // nothing to squeeze: still a write
  EXPECT_EQ(nodeName(z), "SqueezeBackward3");
  torch::Tensor l = leaf({1, 2});
  expectThrowsExactly([&] { l.squeeze_(0); }, expected::kLeafInplace);
}

// Family 7: matmul's folded results.
TEST(FuzzRegression, MatmulNodeNames) {
  torch::Tensor v = leaf({1, 2});
  torch::Tensor r = v.matmul(torch::ones({2, 3}));
  EXPECT_EQ(nodeName(r), "SqueezeBackward3");
  EXPECT_EQ(r._version(), 1);
  torch::Tensor b = torch::ones({2, 1, 2}).requires_grad_();
  torch::Tensor folded = b.matmul(torch::ones({2, 3}));
  EXPECT_EQ(nodeName(folded), "UnsafeViewBackward0");
  EXPECT_FALSE(folded.is_view());
  EXPECT_FALSE(b.matmul(torch::ones({2, 2, 1})).is_view());
}

TEST(FuzzRegression, DetachInplace) {
  torch::Tensor x = leaf({1, 2});
  torch::Tensor v = x.view({2});
  expectThrowsStartingWith([&] { v.detach_(); },
                           "Can't detach views in-place. Use detach() instead.");
  torch::Tensor y = x * 2;
  {
    c10::InferenceMode guard;
    y.detach_();  // skipped inside the mode
  }
  EXPECT_EQ(nodeName(y), "MulBackward1");
}

// Family 6: the CPU softmax kernels take floating types only.
TEST(FuzzRegression, SoftmaxRejectsIntegers) {
  torch::Tensor i = torch::ones({2, 3}, torch::kLong);
  expectThrowsExactly([&] { i.softmax(1); },
                      "\"softmax_lastdim_kernel_impl\" not implemented for "
                      "'Long'");
  expectThrowsExactly([&] { i.softmax(0); },
                      "\"softmax_kernel_impl\" not implemented for 'Long'");
  expectThrowsExactly([&] { i.log_softmax(1); },
                      "\"log_softmax_lastdim_kernel_impl\" not implemented "
                      "for 'Long'");
  expectThrowsExactly([&] { i.log_softmax(0); },
                      "\"softmax_kernel_impl\" not implemented for 'Long'");
}

// Family 8: autograd::grad checks the outputs before the inputs.
TEST(FuzzRegression, AutogradGradChecksOutputsFirst) {
  torch::Tensor no_history = torch::ones({2});
  torch::Tensor plain = torch::ones({2});
  expectThrowsExactly(
      [&] { torch::autograd::grad({no_history.sum()}, {plain}); },
      expected::kNoGradFnElement0);
}

// Family 7: clamp_min / clamp_max are ops of their own; an integer tensor
// with a floating bound becomes Float.
TEST(FuzzRegression, ClampMinMaxNodesAndPromotion) {
  torch::Tensor x = leaf({-1, 1});
  EXPECT_EQ(nodeName(x.clamp_min(0)), "ClampMinBackward0");
  EXPECT_EQ(nodeName(x.clamp_max(0)), "ClampMaxBackward0");
  EXPECT_EQ(nodeName(x.clamp(0, 1)), "ClampBackward1");
  torch::Tensor i = torch::ones({2}, torch::kLong);
  EXPECT_EQ(i.clamp_min(0.5).scalar_type(), torch::kFloat);
  EXPECT_EQ(i.clamp(0.1, 0.2).scalar_type(), torch::kFloat);
  EXPECT_EQ(i.clamp_min(0).scalar_type(), torch::kLong);
}

// Family 6: LibTorch's memory-overlap checks of in-place writes.
TEST(FuzzRegression, InplaceOverlapErrors) {
  torch::Tensor e = torch::ones({1, 3}).expand({2, 3});
  expectThrowsExactly([&] { e.add_(1); }, kInternalOverlap);
  e.fill_(2);  // fill_ is idempotent: allowed
  torch::Tensor base = torch::arange(0, 4, torch::kFloat);
  torch::Tensor a = base.narrow(0, 0, 3), b = base.narrow(0, 1, 3);
  expectThrowsExactly([&] { a.mul_(b); }, kPartialOverlap);
  expectThrowsExactly([&] { a.copy_(b); }, kPartialOverlap);
  a.mul_(a);  // the same elements: allowed
}

// Families 1 and 7: index_put_ with integer and slice indices is set_item.
TEST(FuzzRegression, IndexPutAsSetItem) {
  using torch::indexing::Slice;
  torch::Tensor whole = leaf({1, 2, 3, 4}).reshape({2, 2}) * 1;
  whole.index_put_({Slice(0, 2)}, 0.5);
  EXPECT_EQ(nodeName(whole), "FillBackward3");
  torch::Tensor part = leaf({1, 2, 3, 4}).reshape({2, 2}) * 1;
  part.index_put_({Slice(0, 1)}, 0.5);
  EXPECT_EQ(nodeName(part), "torch::autograd::CopySlices");
  torch::Tensor l = leaf({1, 2});
  expectThrowsExactly([&] { l.index_put_({Slice(0, 2)}, 0.5); },
                      expected::kLeafInplace);
  expectThrowsStartingWith(
      [&] { l.index_put_({Slice(0, 1)}, 0.5); },
      "a view of a leaf Variable that requires grad is being used in an "
      "in-place operation.");
}

// Family 1: a boolean mask gathers, and its gradient goes back only there.
TEST(FuzzRegression, MaskIndex) {
  torch::Tensor x = leaf({-1, 2, -3, 4});
  torch::Tensor picked = x.index({x.gt(0)});
  expectValuesNear(picked, {2, 4});
  EXPECT_EQ(nodeName(picked), "IndexBackward0");
  picked.sum().backward();
  expectValuesNear(x.grad(), {0, 1, 0, 1});
}

// Family 1: index_put_ with a boolean mask stops the gradient where it wrote
// (a scalar value takes the same path as a 0-dim tensor).
TEST(FuzzRegression, MaskIndexPutBlocksTheGradient) {
  torch::Tensor x = leaf({-1, 2});
  torch::Tensor y = torch::cat({x, x}, 0);
  y.index_put_({y.gt(0)}, 0);
  EXPECT_EQ(nodeName(y), "IndexPutBackward0");
  y.sum().backward();
  expectValuesNear(x.grad(), {2, 0});
}

// Family 2: max(dim) keeps its indices as saved output: a second backward
// is refused.
TEST(FuzzRegression, MaxDimSecondBackward) {
  torch::Tensor x = leaf({1, 3, 2, 4});
  torch::Tensor v = std::get<0>(x.reshape({2, 2}).max(1));
  v.sum().backward();
  expectThrowsExactly([&] { v.sum().backward(); }, expected::kBackwardTwice);
}

// Family 7: random fills record a node.
TEST(FuzzRegression, RandomFillsRecordNodes) {
  torch::Tensor a = intermediate({1, 2});
  a.uniform_();
  EXPECT_EQ(nodeName(a), "UniformBackward0");
  torch::Tensor b = intermediate({1, 2});
  b.normal_();
  EXPECT_EQ(nodeName(b), "NormalBackward0");
  torch::Tensor c = intermediate({1, 2});
  c.bernoulli_(0.5);
  EXPECT_EQ(nodeName(c), "BernoulliBackward2");
}

// Family 10: gradients take the dtype of what they are the gradient of.
TEST(FuzzRegression, GradientDtypeIsTheInputs) {
  torch::Tensor x = leaf({1, 2});
  torch::Tensor y = x * 2;
  y.backward(torch::ones({2}, torch::kDouble));
  EXPECT_EQ(x.grad().scalar_type(), torch::kFloat);
  expectValuesNear(x.grad(), {2, 2});
}

// Family 11: a leaf switched off after the graph was built gets no .grad.
TEST(FuzzRegression, LeafSwitchedOffGetsNoGrad) {
  torch::Tensor x = leaf({1, 2});
  torch::Tensor w = leaf({3, 4});
  torch::Tensor loss = (x * w).sum();
  x.requires_grad_(false);
  loss.backward();
  EXPECT_FALSE(x.grad().defined());
  EXPECT_TRUE(w.grad().defined());
}

// Families 4 and 5: views made under no_grad or InferenceMode whose base
// is modified in place; a view of such a view inherits how it was made.
TEST(FuzzRegression, NoGradViewRebaseErrors) {
  torch::Tensor base = intermediate({1, 2, 3});
  torch::Tensor v;
  {
    torch::NoGradGuard no_grad;
    v = base.view({3});
  }
  base.mul_(2);
  expectThrowsStartingWith(
      [&] { v.grad_fn(); },
      "A view was created in no_grad mode and its base or another view of "
      "its base has been modified inplace with grad mode enabled.");
  torch::Tensor b2 = intermediate({1, 2, 3});
  torch::Tensor w;
  {
    c10::InferenceMode guard;
    w = b2.view({3});
  }
  expectThrowsStartingWith(
      [&] { w.mul_(2); },
      "A view was created in inference mode and is being modified inplace "
      "in normal mode.");
}

// Family 9: pow's gradient is 0, not nan, where the exponent is 0; its
// special exponents keep the sign of -0.0.
TEST(FuzzRegression, PowAtZero) {
  torch::Tensor x = leaf({0, 1});
  x.pow(torch::zeros({2})).sum().backward();
  expectValuesNear(x.grad(), {0, 0});
  torch::Tensor neg_zero = torch::full({1}, -0.0);
  EXPECT_EQ(neg_zero.pow(-0.5).item<float>(),
            -std::numeric_limits<float>::infinity());
}

// Family 8: the second backward through CopySlices throws
// std::runtime_error, not c10::Error.
TEST(FuzzRegression, CopySlicesSecondBackward) {
  torch::Tensor x = leaf({1, 2});
  torch::Tensor y = x * 2;
  y.index_put_({1}, -1.0);
  y.sum().backward();
  bool runtime_error = false;
  try {
    y.sum().backward();
  } catch (const c10::Error&) {
  } catch (const std::runtime_error& e) {
    runtime_error = std::string(e.what()) == expected::kBackwardTwice;
  }
  EXPECT_TRUE(runtime_error);
}

// A saved non-leaf input detached in place: LibTorch's internal assert.
TEST(FuzzRegression, SavedInputDetachedInplace) {
  torch::Tensor h = intermediate({1, 2}) * 1;
  torch::Tensor m = h.mean({0});
  h.detach_();
  expectThrowsExactly(
      [&] { m.backward(); },
      "saved_for INTERNAL ASSERT FAILED at "
      "\"./torch/csrc/autograd/saved_variable.cpp\":146, please report a bug "
      "to PyTorch. No grad_fn for non-leaf saved tensor");
}

// A view's history rebuilt after its base was modified sums over an
// expanded dimension.
TEST(FuzzRegression, RebuiltViewHistorySumsExpandedDims) {
  torch::Tensor x = torch::full({}, 1.5).requires_grad_();
  torch::Tensor y = x.clamp_min(0.1);
  torch::Tensor v = y.expand({2});
  y.sub_(0.5);
  v.sum().backward();
  EXPECT_FLOAT_EQ(x.grad().item<float>(), 2.0f);
}

// Family 2: an in-place op whose operand is self saves self at its version
// before the op, so backward through it throws.
TEST(FuzzRegression, InplaceOnItselfFailsBackward) {
  torch::Tensor x = leaf({1, 2});
  torch::Tensor y = x.clone();
  y.mul_(y);
  expectThrowsStartingWith(
      [&] { y.sum().backward(); },
      "one of the variables needed for gradient computation has been "
      "modified by an inplace operation: [CPUFloatType [2]], which is output "
      "0 of MulBackward0, is at version 1; expected version 0 instead.");
}

// Round 8: the self operand is saved as an input, so the error names self's
// grad_fn when backward runs: a later in-place op's node, or the regenerated
// grad_fn of a view.
TEST(FuzzRegression, InplaceOnItselfNamesCurrentGradFn) {
  torch::Tensor x = leaf({1, 2});
  torch::Tensor y = x.clone();
  y.div_(y);
  y.add_(torch::ones({2}));
  expectThrowsStartingWith(
      [&] { y.sum().backward(); },
      "one of the variables needed for gradient computation has been "
      "modified by an inplace operation: [CPUFloatType [2]], which is output "
      "0 of AddBackward0, is at version 2; expected version 0 instead.");
  torch::Tensor z = torch::zeros({3, 2}).requires_grad_();
  torch::Tensor base = torch::log_softmax(z, 0);
  torch::Tensor view = base.slice(0, 1, 3);
  view.div_(view);
  expectThrowsStartingWith(
      [&] { view.sum().backward(); },
      "one of the variables needed for gradient computation has been "
      "modified by an inplace operation: [CPUFloatType [2, 2]], which is "
      "output 0 of AsStridedBackward0, is at version 1; expected version 0 "
      "instead.");
}

// Round 8: the divisor's gradient is -grad * ((self / other) / other), so
// under create_graph its grad_fn is a mul (the values were right before).
TEST(FuzzRegression, DivisorGradientEndsInMul) {
  torch::Tensor x = torch::full({2}, 2.0).requires_grad_();
  torch::Tensor y = torch::full({2}, 3.0).requires_grad_();
  torch::Tensor g = torch::autograd::grad({torch::div(y, x).sum()}, {x}, {},
                                          /*retain_graph=*/true,
                                          /*create_graph=*/true)[0];
  ASSERT_TRUE(g.grad_fn());
  EXPECT_EQ(g.grad_fn()->name(), "MulBackward0");
  expectValuesNear(g, {-0.75, -0.75});
}

// Round 9: an integral tensor written in place from one that requires grad
// gets no history.
TEST(FuzzRegression, IntegralSelfRecordsNoHistory) {
  torch::Tensor src = torch::ones({1}).requires_grad_();
  torch::Tensor dst = torch::zeros({1}, torch::kLong);
  dst.copy_(src.softmax(0));
  EXPECT_FALSE(dst.requires_grad());
  EXPECT_TRUE(dst.is_leaf());
  EXPECT_FALSE(dst.grad_fn());
  EXPECT_EQ(dst.item<int64_t>(), 1);
}

// Family 6: errors the runtime did not raise.
TEST(FuzzRegression, ShapeDtypeAndAlphaErrors) {
  torch::Tensor i = torch::ones({2}, torch::kLong);
  expectThrowsExactly([&] { i.add(i, 0.5); },
                      "For integral input tensors, argument alpha must not be "
                      "a floating point number.");
  torch::Tensor s = torch::zeros({});
  expectThrowsExactly([&] { s.sub_(torch::ones({5})); },
                      "output with shape [] doesn't match the broadcast shape "
                      "[5]");
  torch::Tensor a = torch::zeros({3, 2});
  expectThrowsExactly([&] { a.copy_(torch::ones({3, 5})); },
                      "The size of tensor a (2) must match the size of tensor "
                      "b (5) at non-singleton dimension 1");
  expectThrowsExactly([&] { torch::ones({2, 5}).matmul(torch::ones({1})); },
                      "size mismatch, got 2, 2x5,1");
  torch::Tensor x = torch::ones({2}, torch::kDouble).requires_grad_();
  torch::Tensor loss = torch::mse_loss(x, torch::zeros({2}));
  expectThrowsExactly([&] { loss.backward(); },
                      "Found dtype Float but expected Double");
  torch::Tensor l3 = torch::ones({2, 2, 2}).requires_grad_();
  expectThrowsExactly([&] { l3.t_(); }, expected::kLeafInplace);
}

// Family 9: gradients that select rather than multiply stay 0 (not nan)
// where an infinite gradient meets a zero mask.
TEST(FuzzRegression, InfiniteGradientThroughMasks) {
  torch::Tensor x = leaf({0, 1});
  x.relu().sqrt().sum().backward();
  EXPECT_FLOAT_EQ(x.grad()[0].item<float>(), 0.0f);
  torch::Tensor y = leaf({0, 4});
  y.clamp(1, 5).sqrt().sum().backward();
  EXPECT_FLOAT_EQ(y.grad()[0].item<float>(), 0.0f);
}

TEST(FuzzRegression, ValuesAtTheEdges) {
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_TRUE(std::isnan(torch::full({}, inf).softmax(0).item<float>()));
  // A tensor exponent goes to std::pow: pow(-0.0, -0.5) is +inf there.
  torch::Tensor base = torch::full({1}, -0.0);
  EXPECT_EQ(base.pow(torch::full({1}, -0.5)).item<float>(), inf);
  // A 0-dim operand of a higher category keeps its own dtype.
  torch::Tensor r = torch::ones({2}, torch::kLong) +
                    torch::ones({}, torch::kDouble);
  EXPECT_EQ(r.scalar_type(), torch::kDouble);
}

// Family 4: inside InferenceMode the autograd checks are skipped, even with
// AutoGradMode(true) inside it.
TEST(FuzzRegression, InferenceModeSkipsInplaceChecks) {
  torch::Tensor x = leaf({1, 2});
  {
    c10::InferenceMode guard;
    torch::AutoGradMode grad_on(true);
    x.add_(1);
  }
  expectValuesNear(x, {2, 3});
}

// A view whose base gained a history after it was made rebuilds its own.
TEST(FuzzRegression, ViewOfBaseThatGainedHistory) {
  torch::Tensor base = torch::zeros({2, 2});
  torch::Tensor v = base.view({4});
  base.sub_(leaf({1, 1, 1, 1}).reshape({2, 2}));
  // is_leaf() reads the stored history: true until grad_fn() rebuilds it.
  EXPECT_TRUE(v.is_leaf());
  EXPECT_EQ(nodeName(v), "AsStridedBackward0");
  EXPECT_FALSE(v.is_leaf());
}

// Family 13: spellings the runtime lacked.
TEST(FuzzRegression, SpellingsThatWereMissing) {
  using torch::indexing::None;
  torch::Tensor a = leaf({1, -2, 3});
  EXPECT_EQ(torch_tidy_test::sizesOf(a.index({None})),
            (std::vector<int64_t>{1, 3}));
  torch::Tensor m = a.masked_fill(a.lt(0), torch::full({}, 5.0));
  EXPECT_EQ(nodeName(m), "MaskedFillBackward1");
  expectValuesNear(m, {1, 5, 3});
  expectValuesNear(torch::where(a.gt(0), a, 0.5), {1, 0.5, 3});
  expectValuesNear(a.where(a.gt(0), a * 0), {1, 0, 3});
  EXPECT_EQ(nodeName(a.clamp(torch::zeros({3}), torch::ones({3}))),
            "ClampBackward0");
  EXPECT_EQ(nodeName(a.to(torch::kFloat, false, true)), "ToCopyBackward0");
  EXPECT_EQ(nodeName(torch::nn::functional::softmax(
                a, torch::nn::functional::SoftmaxFuncOptions(0))),
            "SoftmaxBackward0");
  torch::Tensor u = a * 1;
  u.unsqueeze_(0);
  EXPECT_EQ(nodeName(u), "UnsqueezeBackward1");
  torch::Tensor t = (leaf({1, 2, 3, 4}) * 1).reshape({2, 2}) * 1;
  t.t_();
  EXPECT_EQ(nodeName(t), "TBackward1");
  t.transpose_(0, 1);
  EXPECT_EQ(nodeName(t), "TransposeBackward1");
  torch::Tensor w = leaf({1, 2});
  torch::Tensor other = leaf({3, 4});
  (w * other).sum().backward({}, false, false, std::vector<torch::Tensor>{w});
  EXPECT_TRUE(w.grad().defined());
  EXPECT_FALSE(other.grad().defined());
  expectValuesNear(w.grad(), {3, 4});
  torch::Tensor constant = torch::ones({2});
  // The roots are checked before the inputs.
  expectThrowsExactly(
      [&] {
        constant.sum().backward({}, false, false,
                                std::vector<torch::Tensor>{constant});
      },
      expected::kNoGradFnElement0);
  expectThrowsExactly(
      [&] {
        (w * 2).sum().backward({}, false, false,
                               std::vector<torch::Tensor>{w, constant});
      },
      "can't retain_grad on Tensor that has requires_grad=False");
  expectThrowsExactly(
      [&] {
        (w * 2).sum().backward({}, false, false, std::vector<torch::Tensor>{});
      },
      "'inputs' argument to backward cannot be empty");
}

// Second fuzzing round (seeds 201-204, create_graph drawn): relu keeps -0 (it
// is clamp_min(x, 0)); abs gives +0.
TEST(FuzzRegression, SignedZeros) {
  torch::Tensor r = torch::full({1}, -0.0).relu();
  EXPECT_TRUE(std::signbit(r.item<float>()));
  EXPECT_EQ(r.pow(-1).item<float>(), -std::numeric_limits<float>::infinity());
  EXPECT_FALSE(std::signbit(torch::full({1}, -0.0).abs().item<float>()));
}

// addmm (Linear on a 2-D input with a bias) checks dtypes before shapes,
// with texts of its own; mm keeps "expected scalar type".
TEST(FuzzRegression, AddmmDtypeTexts) {
  torch::Tensor longs = torch::arange(0, 6, torch::kLong).reshape({3, 2});
  torch::Tensor w = torch::ones({2, 2}), b = torch::ones({2});
  expectThrowsExactly([&] { torch::addmm(b, longs, w); },
                      "mat1 and mat2 must have the same dtype");
  expectThrowsExactly([&] { torch::addmm(b, w, longs.t()); },
                      "self and mat2 must have the same dtype");
  expectThrowsExactly([&] { longs.mm(w); },
                      "expected scalar type Long but found Float");
}

// BatchNorm computes as LibTorch's CPU kernel does (x * alpha + beta, fused),
// so equal-looking outputs tie (or not) as they do there, and a min()'s
// gradient goes where LibTorch's goes.
TEST(FuzzRegression, BatchNormTiesAsLibTorch) {
  torch::nn::BatchNorm1d bn(2);
  torch::Tensor x =
      torch::arange(0, 4, torch::kFloat).reshape({2, 2}).mul(-0.75);
  torch::Tensor m = bn->forward(x).abs().min();
  auto g = torch::autograd::grad({m}, {bn->bias});
  expectValuesNear(g[0], {0.5, 0.5});
  // An input equal to its channel's mean is not exactly 0 after the fused
  // multiply-add.
  torch::nn::BatchNorm1d bn3(1);
  torch::Tensor y = bn3->forward(torch::tensor({-0.0f, -1.5f, -3.0f}).reshape({3, 1}));
  EXPECT_NE(y[1][0].item<float>(), 0.0f);
  EXPECT_NEAR(bn3->running_var[0].item<float>(), 0.9f + 0.1f * 2.25f, 1e-6);
}

// index({mask}) saves the mask: freed with the graph, version-checked.
TEST(FuzzRegression, IndexSavesItsMask) {
  torch::Tensor x = torch::ones({4}).requires_grad_();
  torch::Tensor y = x.index({x.gt(0)}).sum();
  y.backward();
  expectThrowsExactly([&] { y.backward(); }, expected::kBackwardTwice);
  torch::Tensor mask = x.gt(0);
  torch::Tensor z = x.index({mask}).sum();
  mask.fill_(false);
  expectThrowsStartingWith([&] { z.backward(); },
                           "one of the variables needed for gradient "
                           "computation has been modified by an inplace "
                           "operation: [CPUBoolType [4]] is at version 1");
}

// Under create_graph a gradient records LibTorch's double-backward nodes,
// and saved outputs come back with their producer as grad_fn, so second
// derivatives are LibTorch's.
TEST(FuzzRegression, DoubleBackwardNodesAndValues) {
  auto first = [](const torch::Tensor& y, const torch::Tensor& x) {
    return torch::autograd::grad({y.sum()}, {x}, {}, true, true)[0];
  };
  torch::Tensor x =
      torch::arange(0, 6, torch::kFloat).reshape({2, 3}).sub(2.5).mul(0.5);
  x.requires_grad_();
  EXPECT_EQ(nodeName(first(x.relu(), x)), "ThresholdBackwardBackward0");
  EXPECT_EQ(nodeName(first(x.sigmoid(), x)), "SigmoidBackwardBackward0");
  EXPECT_EQ(nodeName(first(x.tanh(), x)), "TanhBackwardBackward0");
  EXPECT_EQ(nodeName(first(x.softmax(0), x)), "SoftmaxBackwardDataBackward0");
  EXPECT_EQ(nodeName(first(x.log_softmax(1), x)),
            "LogSoftmaxBackwardDataBackward0");
  EXPECT_EQ(nodeName(first(x[1].pow(2), x)), "SelectBackwardBackward0");
  EXPECT_EQ(nodeName(first(x.slice(0, 0, 1).pow(2), x)),
            "SliceBackwardBackward0");
  EXPECT_EQ(nodeName(first(x.unsqueeze(0).pow(2), x)), "SqueezeBackward1");
  EXPECT_EQ(nodeName(first(x.min().pow(2), x)), "MaskedFillBackward1");
  // exp's gradient reads its saved output: d2/dx2 exp = exp.
  torch::Tensor ge = first(x.exp(), x);
  EXPECT_EQ(nodeName(ge), "MulBackward0");
  torch::Tensor gge = torch::autograd::grad({ge.sum()}, {x})[0];
  EXPECT_TRUE(gge.allclose(x.exp().detach()));
  // x @ x[0]: the select's gradient carries the second path.
  torch::Tensor gm = first(x.matmul(x[0]), x);
  expectValuesNear(torch::autograd::grad({gm.sum()}, {x})[0],
                   {3, 3, 3, 1, 1, 1});
  // relu's second derivative is defined zeros, not undefined.
  torch::Tensor gr = first(x.relu(), x);
  torch::Tensor ggr =
      torch::autograd::grad({gr.sum()}, {x}, {}, false, false, true)[0];
  ASSERT_TRUE(ggr.defined());
  expectValuesNear(ggr, {0, 0, 0, 0, 0, 0});
}

// Third round (seeds 301-320, every group): the view-of-leaf check tests the
// view's requires_grad and whether its base is a leaf, not whether the base
// still requires grad.
TEST(FuzzRegression, ViewOfLeafWhoseBaseWasSwitchedOff) {
  torch::Tensor base = leaf({1, 2, 3, 4});
  torch::Tensor v = base.view({2, 2});
  base.requires_grad_(false);
  expectThrowsExactly([&] { v.mul_(2); }, expected::kViewOfLeafInplace);
  torch::Tensor plain = torch::ones({4});
  torch::Tensor w = plain.view({2, 2});
  w.requires_grad_(true);
  expectThrowsExactly([&] { w.masked_fill_(w.gt(0), 0.5); },
                      expected::kViewOfLeafInplace);
}

// Errors LibTorch's kernels raise: a NaN clamp bound gives NaN; dot checks
// dtypes first; uniform_/normal_ are floating-point only.
TEST(FuzzRegression, KernelEdges) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  torch::Tensor x = torch::tensor({1.0f, 2.0f});
  torch::Tensor r =
      x.clamp(torch::tensor({0.0f, nan}), torch::tensor({nan, 3.0f}));
  EXPECT_TRUE(std::isnan(r[0].item<float>()));
  EXPECT_TRUE(std::isnan(r[1].item<float>()));
  expectThrowsExactly(
      [] { torch::ones({2}, torch::kLong).matmul(torch::ones({3})); },
      "dot : expected both vectors to have same dtype, but found Long and "
      "Float");
  expectThrowsExactly([] { torch::zeros({}, torch::kLong).uniform_(); },
                      "\"check_uniform_bounds\" not implemented for 'Long'");
  expectThrowsExactly([] { torch::zeros({}, torch::kLong).normal_(); },
                      "\"normal_kernel_cpu\" not implemented for 'Long'");
}

std::vector<int64_t> stridesOf(const torch::Tensor& t) {
  return std::vector<int64_t>(t.strides().begin(), t.strides().end());
}

// Third round, the layout family: results of pointwise ops take their
// inputs' stride order (TensorIterator), clone/to/*_like keep the source's
// (MemoryFormat::Preserve). It decides whether reshape() views or copies,
// and whether contiguous() makes a new (under InferenceMode: inference)
// tensor.
TEST(FuzzRegression, PointwiseResultsTakeTheInputsLayout) {
  const std::vector<int64_t> transposed{1, 4}, rowMajor{3, 1};
  torch::Tensor t = torch::randn({3, 4}).t();
  torch::Tensor c = torch::randn({4, 3});
  EXPECT_EQ(stridesOf(t.cos()), transposed);
  EXPECT_EQ(stridesOf(t + c), transposed);
  EXPECT_EQ(stridesOf(c + t), rowMajor);
  EXPECT_EQ(stridesOf(torch::randn({3}) + t), transposed);
  EXPECT_EQ(stridesOf(torch::where(t.gt(0), t, 0.5)), transposed);
  EXPECT_EQ(stridesOf(torch::where(c.gt(0), t, c)), rowMajor);
  EXPECT_EQ(stridesOf(t.clamp(c, torch::nullopt)), transposed);
  EXPECT_EQ(stridesOf(t.clone()), transposed);
  EXPECT_EQ(stridesOf(t.clone(torch::MemoryFormat::Contiguous)), rowMajor);
  EXPECT_EQ(stridesOf(t.to(torch::kDouble)), transposed);
  EXPECT_EQ(stridesOf(torch::zeros_like(t)), transposed);
  EXPECT_EQ(stridesOf(torch::softmax(t, 1)), rowMajor);
  // An expanded input has no order of its own; a strided slice gives a
  // dense result in its order; a converted operand is dense.
  torch::Tensor e = torch::randn({4, 1}).expand({4, 3});
  EXPECT_EQ(stridesOf(e.cos()), rowMajor);
  EXPECT_EQ(stridesOf(torch::randn({6, 4}).t().slice(1, 0, 6, 2).cos()),
            transposed);
  EXPECT_EQ(stridesOf(e + c.to(torch::kDouble).t().contiguous().t()),
            rowMajor);
  EXPECT_EQ(stridesOf(e + t), transposed);

  torch::Tensor x = leaf({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
  torch::Tensor p = x.view({3, 4}).t();
  torch::Tensor q = p.div(p).reshape({1, 12});
  EXPECT_FALSE(q.is_view());
  EXPECT_EQ(nodeName(q), "UnsafeViewBackward0");
  torch::Tensor w = torch::where(t.gt(0), t, 0.5);
  {
    c10::InferenceMode guard;
    EXPECT_TRUE(w.contiguous().is_inference());
  }
}

// Fourth round (seeds 401-420): an in-place op saves its original self as
// self.clone(), an op of its own, so a gradient through it under
// create_graph reaches self's history (zeros here, but with a graph).
TEST(FuzzRegression, InplaceOriginalKeepsItsHistory) {
  torch::Tensor x = leaf({0.75, 0, -0.75});
  torch::Tensor s = x.sum({-1}, false);
  s.cos_();
  torch::Tensor g =
      torch::autograd::grad({s.sum()}, {x}, {}, false, true, true)[0];
  EXPECT_TRUE(g.requires_grad());
  EXPECT_EQ(nodeName(g), "ExpandBackward0");
  torch::Tensor gg =
      torch::autograd::grad({g.sum()}, {x}, {}, true, false, true)[0];
  expectValuesNear(gg, {-3, -3, -3});
}

// Fifth round (seeds 501-520): the engine validates every gradient against
// the shape and dtype its receiving node was recorded with (validate_outputs):
// a Double gradient reaching a Float op is cast, and a root whose shape an
// in-place op under no_grad changed keeps the shape of its grad_fn.
TEST(FuzzRegression, GradientsValidatedPerNode) {
  torch::Tensor w = torch::zeros({1, 1}).requires_grad_();
  torch::Tensor d = torch::zeros({1, 3, 1}, torch::kDouble);
  (w.mm(w) - d).sum().backward();
  EXPECT_EQ(w.grad().scalar_type(), torch::kFloat);
  expectValuesNear(w.grad(), {0});
  torch::Tensor x = torch::zeros({1, 1}).requires_grad_();
  torch::Tensor y = x.to(torch::kFloat, false, true);
  {
    torch::NoGradGuard no_grad;
    y.squeeze_(0);
  }
  expectThrowsExactly(
      [&] { y.backward(torch::ones_like(y)); },
      "invalid gradient at index 0 - got [1] but expected shape compatible "
      "with [1, 1]");
}

// Integer sums accumulate in int64 and wrap, as LibTorch's kernel does.
TEST(FuzzRegression, IntegerSumWraps) {
  const int64_t min = std::numeric_limits<int64_t>::min();
  torch::Tensor t = torch::full({2, 2}, min, torch::kLong);
  t.index_put_({1, 1}, 1);
  torch::Tensor s = t.sum({1}, true);
  EXPECT_EQ(s[0][0].item<int64_t>(), 0);
  EXPECT_EQ(s[1][0].item<int64_t>(), min + 1);
  // 3 * 2^62 wraps to -2^62.
  EXPECT_EQ(
      torch::full({3}, int64_t(1) << 62, torch::kLong).sum().item<int64_t>(),
      -(int64_t(1) << 62));
}

// matmul's mismatches in the words of the op it folds into.
TEST(FuzzRegression, MatmulMismatchTexts) {
  auto mm = [](std::vector<int64_t> a, std::vector<int64_t> b) {
    return [a, b] { torch::ones(a).matmul(torch::ones(b)); };
  };
  expectThrowsExactly(mm({2, 1, 5}, {2, 1, 1}),
                      "Expected size for first two dimensions of batch2 "
                      "tensor to be: [2, 5] but got: [2, 1].");
  expectThrowsExactly(mm({2, 2, 1, 5}, {2, 1, 1}),
                      "Expected size for first two dimensions of batch2 "
                      "tensor to be: [4, 5] but got: [4, 1].");
  expectThrowsExactly(mm({1, 5}, {2, 1, 1}),
                      "mat1 and mat2 shapes cannot be multiplied (2x1 and 5x1)");
  expectThrowsExactly(mm({5}, {2, 1, 1}), "size mismatch, got 2, 2x1,5");
  expectThrowsExactly(mm({2, 1, 5}, {1}), "size mismatch, got 2, 2x5,1");
}

// The layout contract of .grad: a dense leaf's gradient has its strides.
TEST(FuzzRegression, GradTakesTheLeafsLayout) {
  torch::Tensor t = torch::randn({3, 4}).t();
  torch::Tensor x = torch::randn({3, 4}).t().requires_grad_();
  (x * torch::randn({4, 3})).sum().backward();
  EXPECT_EQ(stridesOf(x.grad()), (std::vector<int64_t>{1, 4}));
  torch::Tensor y = torch::randn({4, 3}).requires_grad_();
  (y * t).sum().backward();
  EXPECT_EQ(stridesOf(y.grad()), (std::vector<int64_t>{3, 1}));
}

}  // namespace

// LibTorch checks a view made in no-grad mode whenever the in-place op's
// result would require grad: through the other operand too, and before the
// overlap check. A view of an inference tensor is no view at all (is_view()
// false), so modifying it outside the mode fails as an inference tensor.
TEST(FuzzRegression, NoGradViewCheckedThroughOtherOperands) {
  const std::string noGradView =
      "A view was created in no_grad mode and is being modified inplace with "
      "grad mode enabled.";
  torch::Tensor w = torch::ones({2, 4}).requires_grad_();
  torch::Tensor x = torch::zeros({2, 4});
  torch::Tensor view, expanded;
  {
    torch::NoGradGuard no_grad;
    view = x.view({2, 4});
    expanded = x.expand({3, 2, 4});
  }
  expectThrowsStartingWith([&] { view.mul_(w); }, noGradView);
  expectThrowsStartingWith([&] { view.copy_(w); }, noGradView);
  expectThrowsStartingWith([&] { expanded.mul_(w); }, noGradView);
  expectThrowsExactly([&] { expanded.mul_(x); }, kInternalOverlap);
  view.mul_(x);  // nothing requires grad: allowed
  torch::Tensor inferenceView;
  {
    c10::InferenceMode guard;
    inferenceView = torch::zeros({2, 4}).view({8});
  }
  EXPECT_FALSE(inferenceView.is_view());
  EXPECT_TRUE(inferenceView.is_inference());
  expectThrowsStartingWith([&] { inferenceView.mul_(w.view({8})); },
                           expected::kInferenceInplaceOutside);
}

// batch_norm's gradient is an op of its own: under create_graph every
// gradient it returns has NativeBatchNormBackwardBackward0 (with edges to
// grad_out, input, weight, save_mean and save_invstd), and its second
// derivatives are exact in training mode, where mean and invstd depend on
// the input.
TEST(FuzzRegression, BatchNormDoubleBackward) {
  torch::nn::BatchNorm1d bn(2);
  {
    torch::NoGradGuard no_grad;
    bn->weight.copy_(torch::tensor({1.5, -0.5}));
  }
  torch::Tensor x =
      (torch::arange(0, 6, torch::kFloat).reshape({3, 2}).sin() * 2)
          .requires_grad_();
  torch::Tensor y = bn->forward(x);
  auto g = torch::autograd::grad({(y * y.detach().cos()).sum()},
                                 {x, bn->weight, bn->bias}, {}, true, true);
  for (const torch::Tensor& t : g)
    EXPECT_EQ(nodeName(t), "NativeBatchNormBackwardBackward0");
  EXPECT_EQ(g[0].grad_fn()->num_outputs(), 5u);
  expectValuesNear(g[1], {-0.225692, 0.0938894}, 1e-4);
  auto gg = torch::autograd::grad({(g[0] * g[0]).sum()}, {x}, {}, true);
  expectValuesNear(gg[0], {0.157134, -0.000763836, -0.8262, -0.000710303, 0.669067, 0.00147414}, 1e-4);
  // The bias gradient does not depend on the bias.
  auto unused = torch::autograd::grad({g[2].sum()}, {bn->bias}, {}, true,
                                      false, /*allow_unused=*/true);
  EXPECT_FALSE(unused[0].defined());
}

// A dim or an index out of range raises c10::IndexError (TORCH_CHECK_INDEX),
// a c10::Error of its own type.
TEST(FuzzRegression, OutOfRangeIsIndexError) {
  auto throwsIndexError = [](auto f, const std::string& text) {
    try {
      f();
      ADD_FAILURE() << "no exception, expected: " << text;
    } catch (const c10::IndexError& e) {
      EXPECT_EQ(std::string(e.what()).substr(0, text.size()), text);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not an IndexError: " << e.what();
    }
  };
  torch::Tensor v = torch::ones({3});
  torch::Tensor m = torch::ones({2, 3});
  throwsIndexError([&] { v.max(1); },
                   "Dimension out of range (expected to be in range of "
                   "[-1, 0], but got 1)");
  throwsIndexError([&] { m.transpose(0, 2); },
                   "Dimension out of range (expected to be in range of "
                   "[-2, 1], but got 2)");
  throwsIndexError([&] { m.select(0, 5); },
                   "select(): index 5 out of range for tensor of size [2, 3] "
                   "at dimension 0");
  throwsIndexError(
      [&] {
        torch::nn::functional::cross_entropy(m, torch::tensor({0, 7}));
      },
      "Target 7 is out of bounds.");
  // index_put_ checks row by row: the rows before the bad one are written.
  torch::Tensor q = torch::zeros({3});
  throwsIndexError(
      [&] { q.index_put_({torch::tensor({0, -4})}, torch::ones({2})); },
      "index -4 is out of bounds for dimension 0 with size 3");
  expectValuesNear(q, {1, 0, 0});
}
