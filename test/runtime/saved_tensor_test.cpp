// Saved tensors: which operand each common op saves for backward, and the
// exact error when a saved tensor was modified in place before backward().
// docs/semantics.md "Saved tensors and the version check" and "What common
// ops save"; upstream torch/csrc/autograd/saved_variable.cpp.
//
// Naming convention of the error, as real LibTorch 1.13 prints it:
// - a saved *input* is named by its grad_fn at backward time, i.e. the node
//   of the in-place op that modified it ("AddBackward1" after add_(1));
// - a saved *result* is named by the node that saved it ("ExpBackward0");
// - a saved constant or leaf has no grad_fn: no ", which is output" part.
#include <functional>
#include <utility>

#include "test_helpers.h"

namespace {

namespace expected = torch_tidy_test::expected;
using torch_tidy_test::expectNoThrow;
using torch_tidy_test::expectThrowsExactly;
using torch_tidy_test::intermediate;
using torch_tidy_test::leaf;

const std::string kFloat3 = "CPUFloatType [3]";

std::string mismatch(const std::string& grad_fn, int64_t current = 1,
                     int64_t saved = 0, const std::string& type = kFloat3) {
  return expected::versionMismatch(type, grad_fn, current, saved);
}

// --- The docs/semantics.md examples, verbatim ------------------------------

TEST(SavedTensorTest, SemanticsExampleFullText) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::Tensor y = x * 2;
  torch::Tensor z = y.pow(2);
  y.mul_(2);
  expectThrowsExactly(
      [&] { z.backward(torch::ones(3)); },
      "one of the variables needed for gradient computation has been modified "
      "by an inplace operation: [CPUFloatType [3]], which is output 0 of "
      "MulBackward1, is at version 1; expected version 0 instead. Hint: "
      "enable anomaly detection to find the operation that failed to compute "
      "its gradient, with torch.autograd.set_detect_anomaly(True).");
}

// The name is y's grad_fn at backward time, i.e. that of the in-place op
// (mul_(2) happens to be MulBackward1 too, like x * 2 above).
TEST(SavedTensorTest, NamesTheCurrentGradFnOfASavedInput) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::Tensor y = x * 2;
  torch::Tensor z = y.pow(2);
  y.fill_(1);
  expectThrowsExactly([&] { z.backward(torch::ones(3)); },
                      mismatch("FillBackward2"));

  torch::Tensor y2 = x * 2;
  torch::Tensor z2 = y2.pow(2);
  y2.add_(1);
  expectThrowsExactly([&] { z2.sum().backward(); }, mismatch("AddBackward1"));
}

TEST(SavedTensorTest, ConstantHasNoWhichIsOutputPart) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::Tensor w = torch::ones({3});
  torch::Tensor z = x * w;  // saves w for x's gradient
  w.add_(1);
  expectThrowsExactly(
      [&] { z.backward(torch::ones(3)); },
      "one of the variables needed for gradient computation has been modified "
      "by an inplace operation: [CPUFloatType [3]] is at version 1; expected "
      "version 0 instead. Hint: enable anomaly detection to find the "
      "operation that failed to compute its gradient, with "
      "torch.autograd.set_detect_anomaly(True).");
}

TEST(SavedTensorTest, SavedLeafHasNoWhichIsOutputPart) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::Tensor z = x.pow(2);
  {
    torch::NoGradGuard no_grad;  // a leaf may only be modified so
    x.mul_(2);
  }
  expectThrowsExactly([&] { z.sum().backward(); }, mismatch(""));
}

TEST(SavedTensorTest, TypeAndSizesAreFormattedLikeLibTorch) {
  {
    torch::Tensor y =
        torch::tensor({{1.f, 2.f, 3.f}, {4.f, 5.f, 6.f}},
                      torch::TensorOptions().requires_grad(true)) *
        1;
    torch::Tensor z = y.sin();
    y.add_(1);
    expectThrowsExactly([&] { z.sum().backward(); },
                        mismatch("AddBackward1", 1, 0, "CPUFloatType [2, 3]"));
  }
  {
    torch::Tensor x = torch::ones(
        {2}, torch::TensorOptions().dtype(torch::kDouble).requires_grad(true));
    torch::Tensor y = x * 1;
    torch::Tensor z = y.sin();
    y.add_(1);
    y.add_(1);
    expectThrowsExactly([&] { z.sum().backward(); },
                        mismatch("AddBackward1", 2, 0, "CPUDoubleType [2]"));
  }
  {
    torch::Tensor x =
        torch::ones({}, torch::TensorOptions().requires_grad(true));
    torch::Tensor y = x * 1;
    torch::Tensor z = y.sin();
    y.add_(1);
    expectThrowsExactly([&] { z.backward(); },
                        mismatch("AddBackward1", 1, 0, "CPUFloatType []"));
  }
}

// Real LibTorch 1.13: an in-place op on a *view* gives the view the internal
// node AsStridedBackward0 (it rebuilds the view's history as an as_strided of
// the base), and that is the name the error shows.
TEST(SavedTensorTest, InplaceOnAViewNamesAsStridedBackward) {
  torch::Tensor y = intermediate({1.f, 2.f, 3.f, 4.f, 5.f, 6.f}).view({2, 3});
  torch::Tensor z = y.sin();
  y.add_(1);
  EXPECT_EQ(y.grad_fn()->name(), "AsStridedBackward0");
  expectThrowsExactly(
      [&] { z.sum().backward(); },
      mismatch("AsStridedBackward0", 1, 0, "CPUFloatType [2, 3]"));
}

// The saved version is the one at save time, not 0.
TEST(SavedTensorTest, SavedVersionIsTheVersionAtSaveTime) {
  torch::Tensor y = intermediate({1.f, 2.f, 3.f});
  y.add_(1);
  torch::Tensor z = y.sin();
  y.mul_(2);
  expectThrowsExactly([&] { z.sum().backward(); },
                      mismatch("MulBackward1", 2, 1));
}

// --- Ops that save nothing --------------------------------------------------

using Op =
    std::function<torch::Tensor(const torch::Tensor&, const torch::Tensor&)>;

TEST(SavedTensorTest, SavelessOpsTolerateInplaceOnBothOperands) {
  const std::vector<std::pair<std::string, Op>> ops = {
      {"add",
       [](const torch::Tensor& a, const torch::Tensor& b) { return a + b; }},
      {"sub",
       [](const torch::Tensor& a, const torch::Tensor& b) { return a - b; }},
      {"neg", [](const torch::Tensor& a, const torch::Tensor&) { return -a; }},
      {"sum",
       [](const torch::Tensor& a, const torch::Tensor&) { return a.sum(); }},
      {"mean",
       [](const torch::Tensor& a, const torch::Tensor&) { return a.mean(); }},
      {"view",
       [](const torch::Tensor& a, const torch::Tensor&) {
         return a.view({3, 1});
       }},
      {"reshape",
       [](const torch::Tensor& a, const torch::Tensor&) {
         return a.reshape({1, 3});
       }},
      {"cat",
       [](const torch::Tensor& a, const torch::Tensor& b) {
         return torch::cat({a, b});
       }},
      {"mul by scalar",
       [](const torch::Tensor& a, const torch::Tensor&) { return a * 3; }},
      {"div by scalar",
       [](const torch::Tensor& a, const torch::Tensor&) { return a / 3; }},
  };
  for (const auto& [name, op] : ops) {
    SCOPED_TRACE(name);
    torch::Tensor a = intermediate({1.f, 2.f, 3.f});
    torch::Tensor b = intermediate({4.f, 5.f, 6.f});
    torch::Tensor z = op(a, b).sum();
    a.mul_(2);
    b.mul_(2);
    expectNoThrow([&] { z.backward(); });
  }
}

// --- mul and div ------------------------------------------------------------

TEST(SavedTensorTest, MulSavesTheOtherOperandOfEachGradOperand) {
  {  // only a needs grad: b is saved, a is not
    torch::Tensor a = intermediate({1.f, 2.f, 3.f});
    torch::Tensor b = torch::ones({3});
    torch::Tensor z = a * b;
    a.add_(1);
    expectNoThrow([&] { z.sum().backward(); });
  }
  {
    torch::Tensor a = intermediate({1.f, 2.f, 3.f});
    torch::Tensor b = torch::ones({3});
    torch::Tensor z = a * b;
    b.add_(1);
    expectThrowsExactly([&] { z.sum().backward(); }, mismatch(""));
  }
  {  // both need grad: both are saved
    torch::Tensor a = intermediate({1.f, 2.f, 3.f});
    torch::Tensor b = intermediate({1.f, 2.f, 3.f});
    torch::Tensor z = a * b;
    a.add_(1);
    expectThrowsExactly([&] { z.sum().backward(); }, mismatch("AddBackward1"));
  }
  {
    torch::Tensor a = intermediate({1.f, 2.f, 3.f});
    torch::Tensor b = intermediate({1.f, 2.f, 3.f});
    torch::Tensor z = a * b;
    b.sub_(1);
    expectThrowsExactly([&] { z.sum().backward(); }, mismatch("SubBackward1"));
  }
}

TEST(SavedTensorTest, DivSavesTheDivisorAndTheDividendIfTheDivisorNeedsGrad) {
  {  // only the dividend needs grad: the divisor is saved
    torch::Tensor a = intermediate({1.f, 2.f, 3.f});
    torch::Tensor b = torch::full({3}, 2.f);
    torch::Tensor z = a / b;
    a.add_(1);
    expectNoThrow([&] { z.sum().backward(); });
  }
  {
    torch::Tensor a = intermediate({1.f, 2.f, 3.f});
    torch::Tensor b = torch::full({3}, 2.f);
    torch::Tensor z = a / b;
    b.add_(1);
    expectThrowsExactly([&] { z.sum().backward(); }, mismatch(""));
  }
  {  // the divisor needs grad: the dividend is saved too
    torch::Tensor a = torch::ones({3});
    torch::Tensor b = intermediate({1.f, 2.f, 3.f});
    torch::Tensor z = a / b;
    a.add_(1);
    expectThrowsExactly([&] { z.sum().backward(); }, mismatch(""));
  }
}

// --- Unary ops: input-saving vs result-saving -------------------------------

using Unary = std::function<torch::Tensor(const torch::Tensor&)>;

std::vector<std::pair<std::string, Unary>> inputSavingOps() {
  return {
      {"pow", [](const torch::Tensor& t) { return t.pow(2); }},
      {"log", [](const torch::Tensor& t) { return t.log(); }},
      {"sin", [](const torch::Tensor& t) { return t.sin(); }},
      {"cos", [](const torch::Tensor& t) { return t.cos(); }},
      {"clamp", [](const torch::Tensor& t) { return t.clamp(0, 2.5); }},
      {"abs", [](const torch::Tensor& t) { return t.abs(); }},
  };
}

// Paired with the node name that appears in the error.
std::vector<std::pair<std::string, Unary>> resultSavingOps() {
  return {
      {"ExpBackward0", [](const torch::Tensor& t) { return t.exp(); }},
      {"SqrtBackward0", [](const torch::Tensor& t) { return t.sqrt(); }},
      {"TanhBackward0", [](const torch::Tensor& t) { return t.tanh(); }},
      {"SigmoidBackward0", [](const torch::Tensor& t) { return t.sigmoid(); }},
      {"ReluBackward0", [](const torch::Tensor& t) { return t.relu(); }},
      {"ReluBackward0", [](const torch::Tensor& t) { return torch::relu(t); }},
      {"SoftmaxBackward0", [](const torch::Tensor& t) { return t.softmax(0); }},
      {"LogSoftmaxBackward0",
       [](const torch::Tensor& t) { return torch::log_softmax(t, 0); }},
  };
}

TEST(SavedTensorTest, InputSavingOpsBreakWhenTheInputChanges) {
  for (const auto& [name, op] : inputSavingOps()) {
    SCOPED_TRACE(name);
    torch::Tensor y = intermediate({1.f, 2.f, 3.f});
    torch::Tensor z = op(y);
    y.mul_(2);
    expectThrowsExactly([&] { z.sum().backward(); }, mismatch("MulBackward1"));
  }
}

TEST(SavedTensorTest, InputSavingOpsTolerateInplaceOnTheResult) {
  for (const auto& [name, op] : inputSavingOps()) {
    SCOPED_TRACE(name);
    torch::Tensor y = intermediate({1.f, 2.f, 3.f});
    torch::Tensor z = op(y);
    z.mul_(2);
    expectNoThrow([&] { z.sum().backward(); });
  }
}

TEST(SavedTensorTest, ResultSavingOpsBreakWhenTheResultChanges) {
  for (const auto& [node, op] : resultSavingOps()) {
    SCOPED_TRACE(node);
    torch::Tensor y = intermediate({1.f, 2.f, 3.f});
    torch::Tensor z = op(y);
    z.mul_(2);
    // Named by the saving node, not by z's new grad_fn (MulBackward1).
    expectThrowsExactly([&] { z.sum().backward(); }, mismatch(node));
  }
}

TEST(SavedTensorTest, ResultSavingOpsTolerateInplaceOnTheInput) {
  for (const auto& [node, op] : resultSavingOps()) {
    SCOPED_TRACE(node);
    torch::Tensor y = intermediate({1.f, 2.f, 3.f});
    torch::Tensor z = op(y);
    y.mul_(2);
    expectNoThrow([&] { z.sum().backward(); });
  }
}

// The classic: `h = relu(x); h += 1;` then backward.
TEST(SavedTensorTest, InplaceReluOnAReluResultBreaks) {
  torch::Tensor y = intermediate({-1.f, 2.f, 3.f});
  torch::Tensor h = torch::relu(y);
  torch::Tensor out = (h * 3).sum();
  h += 1;
  expectThrowsExactly([&] { out.backward(); }, mismatch("ReluBackward0"));
}

// --- Matrix products and layers ----------------------------------------------

TEST(SavedTensorTest, MmSavesTheOtherOperandOfEachGradOperand) {
  const std::string type = "CPUFloatType [2, 2]";
  {
    torch::Tensor a = intermediate({1.f, 2.f, 3.f, 4.f}).view({2, 2});
    torch::Tensor b = torch::ones({2, 2});
    torch::Tensor z = a.mm(b);
    a.add_(1);
    expectNoThrow([&] { z.sum().backward(); });
  }
  {
    torch::Tensor a = intermediate({1.f, 2.f, 3.f, 4.f}).view({2, 2});
    torch::Tensor b = torch::ones({2, 2});
    torch::Tensor z = torch::matmul(a, b);
    b.add_(1);
    expectThrowsExactly([&] { z.sum().backward(); }, mismatch("", 1, 0, type));
  }
  {
    torch::Tensor a = torch::ones({2, 2});
    torch::Tensor b = intermediate({1.f, 2.f, 3.f, 4.f}).view({2, 2});
    torch::Tensor z = torch::mm(a, b);
    a.mul_(3);
    expectThrowsExactly([&] { z.sum().backward(); }, mismatch("", 1, 0, type));
  }
}

TEST(SavedTensorTest, LinearSavesItsInputForTheWeightGradient) {
  torch::nn::Linear linear(3, 2);
  torch::Tensor x = torch::ones({4, 3});
  torch::Tensor y = linear(x);
  x.add_(1);
  expectThrowsExactly([&] { y.sum().backward(); },
                      mismatch("", 1, 0, "CPUFloatType [4, 3]"));
}

// What an optimizer step between forward and backward does to the weight:
// harmless while the input does not require grad (the weight is saved only
// for the input's gradient, docs/semantics.md O9; earlier notes said "input
// and weight"), fatal otherwise. The bias is never saved.
TEST(SavedTensorTest, LinearSavesItsWeightOnlyForTheInputGradient) {
  {
    torch::nn::Linear linear(3, 2);
    torch::Tensor y = linear(torch::ones({4, 3}));
    {
      torch::NoGradGuard no_grad;
      linear->weight.add_(1);
      linear->bias.add_(1);
    }
    expectNoThrow([&] { y.sum().backward(); });
  }
  {
    torch::nn::Linear linear(3, 2);
    torch::Tensor x =
        torch::ones({4, 3}, torch::TensorOptions().requires_grad(true));
    torch::Tensor y = linear(x);
    {
      torch::NoGradGuard no_grad;
      linear->weight.add_(1);
    }
    // LibTorch names the saved weight.t() view by an internal node
    // (AsStridedBackward0) and counts the initialisation as a version; only
    // the common prefix is asserted.
    torch_tidy_test::expectThrowsStartingWith(
        [&] { y.sum().backward(); },
        expected::kVersionMismatchPrefix + "[CPUFloatType [3, 2]]");
  }
}

TEST(SavedTensorTest, BatchNormInTrainingSavesItsInput) {
  torch::nn::BatchNorm1d bn(3);
  // clone(): a braced literal starts at version numel().
  torch::Tensor x =
      torch::tensor(
          {{1.f, 2.f, 3.f}, {3.f, 1.f, 0.f}, {2.f, 2.f, 1.f}, {0.f, 5.f, 2.f}})
          .clone();
  torch::Tensor y = bn(x);
  x.add_(1);
  expectThrowsExactly([&] { y.sum().backward(); },
                      mismatch("", 1, 0, "CPUFloatType [4, 3]"));
}

// --- Modes and timing -------------------------------------------------------

TEST(SavedTensorTest, InplaceUnderNoGradStillBreaks) {
  torch::Tensor y = intermediate({1.f, 2.f, 3.f});
  torch::Tensor z = y.sin();
  {
    torch::NoGradGuard no_grad;
    y.add_(1);
  }
  // No history was recorded for add_, so y's grad_fn is still MulBackward1.
  expectThrowsExactly([&] { z.sum().backward(); }, mismatch("MulBackward1"));
}

TEST(SavedTensorTest, InplaceUnderInferenceModeStillBreaks) {
  torch::Tensor y = intermediate({1.f, 2.f, 3.f});
  torch::Tensor z = y.sin();
  {
    c10::InferenceMode guard;
    y.add_(1);
  }
  expectThrowsExactly([&] { z.sum().backward(); }, mismatch("MulBackward1"));
}

TEST(SavedTensorTest, InplaceOnAViewOfASavedTensorBreaks) {
  torch::Tensor y = intermediate({1.f, 2.f, 3.f});
  torch::Tensor z = y.exp();
  torch::Tensor loss = z.sum();
  {
    torch::NoGradGuard no_grad;
    z[0].fill_(0);  // shares z's version counter
  }
  expectThrowsExactly([&] { loss.backward(); }, mismatch("ExpBackward0"));
}

TEST(SavedTensorTest, InplaceAfterBackwardIsFine) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::Tensor y = x * 2;
  torch::Tensor z = y.pow(2).sum();
  z.backward();
  expectNoThrow([&] { y.mul_(2); });
  torch_tidy_test::expectValuesNear(x.grad(), {8, 16, 24});
}

TEST(SavedTensorTest, InplaceBeforeSavingIsFine) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::Tensor y = x * 2;
  y.mul_(2);  // y = 4x
  torch::Tensor z = y.pow(2).sum();
  expectNoThrow([&] { z.backward(); });
  torch_tidy_test::expectValuesNear(x.grad(), {32, 64, 96});  // 32x
}

// A version mismatch is detected whenever the saved tensor is unpacked,
// torch::autograd::grad included.
TEST(SavedTensorTest, AutogradGradChecksVersionsToo) {
  torch::Tensor x = leaf({1.f, 2.f, 3.f});
  torch::Tensor y = x * 2;
  torch::Tensor z = y.sin().sum();
  y.add_(1);
  expectThrowsExactly([&] { torch::autograd::grad({z}, {x}); },
                      mismatch("AddBackward1"));
}

}  // namespace
