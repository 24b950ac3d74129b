// The autograd flow analysis (checks/utils/AutogradFlow.h) on small parsed
// functions: its findings, and the summaries it gives callers.
#include <gtest/gtest.h>

#include <string>

#include "ParsedCode.h"
#include "utils/AnalysisLimits.h"
#include "utils/AutogradFlow.h"
#include "utils/AutogradSummary.h"

using clang::tidy::torch_tidy::AutogradAnalysis;
using clang::tidy::torch_tidy::AutogradOptions;
using clang::tidy::torch_tidy::EscapeUse;
using torch_tidy_test::ParsedCode;

namespace {

struct Analyzed {
  ParsedCode Code;
  AutogradAnalysis Analysis;
  explicit Analyzed(llvm::StringRef Source, AutogradOptions O = {})
      : Code(Source), Analysis(Code.ctx(), O) {}
  const clang::tidy::torch_tidy::AutogradFindings &of(llvm::StringRef Fn) {
    return Analysis.analyze(Code.function(Fn));
  }
};

TEST(AutogradFlow, InPlaceOpOnASavedTensorBeforeBackward) {
  Analyzed A(R"(
    void f() {
      auto x = torch::ones({3}, torch::requires_grad());
      auto y = x * 2;
      auto z = y.pow(2);
      y.mul_(2);
      z.sum().backward();
    })");
  ASSERT_TRUE(A.Code.ok());
  const auto &F = A.of("f");
  ASSERT_EQ(F.InPlace.size(), 1u);
  EXPECT_EQ(F.InPlace[0].Op, "mul_");
  EXPECT_EQ(F.InPlace[0].Saver, "pow");
  EXPECT_EQ(F.InPlace[0].InPlace, A.Code.call("f", "mul_"));
  EXPECT_EQ(F.InPlace[0].Backward, A.Code.call("f", "backward"));
  EXPECT_TRUE(F.InPlace[0].FixSafe);
}

TEST(AutogradFlow, InPlaceOpAfterBackwardIsFine) {
  Analyzed A(R"(
    void f() {
      auto x = torch::ones({3}, torch::requires_grad());
      auto y = x * 2;
      auto z = y.pow(2);
      z.sum().backward();
      y.mul_(2);
    })");
  ASSERT_TRUE(A.Code.ok());
  EXPECT_TRUE(A.of("f").InPlace.empty());
}

// A save in one iteration and the in-place op in the next.
TEST(AutogradFlow, LoopCarriesSavesAcrossIterations) {
  Analyzed A(R"(
    void f(int n) {
      auto w = torch::ones({3}, torch::requires_grad());
      auto h = w * 1;
      torch::Tensor loss;
      for (int i = 0; i < n; ++i) {
        if (i > 0) h += 1;
        loss = h.pow(2).sum();
      }
      loss.backward();
    })");
  ASSERT_TRUE(A.Code.ok());
  const auto &F = A.of("f");
  ASSERT_EQ(F.InPlace.size(), 1u);
  EXPECT_EQ(F.InPlace[0].Saver, "pow");
}

TEST(AutogradFlow, BackwardOfATensorComputedUnderNoGradGuard) {
  Analyzed A(R"(
    void f() {
      auto x = torch::ones({3}, torch::requires_grad());
      torch::Tensor y;
      {
        torch::NoGradGuard guard;
        y = (x * 2).sum();
      }
      y.backward();
    })");
  ASSERT_TRUE(A.Code.ok());
  const auto &F = A.of("f");
  ASSERT_EQ(F.NoGrad.size(), 1u);
  ASSERT_NE(F.NoGrad[0].Guard, nullptr);
  EXPECT_EQ(F.NoGrad[0].Guard->getName(), "guard");
}

TEST(AutogradFlow, InferenceTensorModifiedInPlaceOutsideItsScope) {
  Analyzed A(R"(
    void f() {
      torch::Tensor t;
      {
        c10::InferenceMode guard;
        t = torch::ones({3});
      }
      t.add_(1);
    })");
  ASSERT_TRUE(A.Code.ok());
  const auto &F = A.of("f");
  ASSERT_EQ(F.Escapes.size(), 1u);
  EXPECT_EQ(F.Escapes[0].Use, EscapeUse::InPlace);
  EXPECT_EQ(F.Escapes[0].Op, "add_");
}

TEST(AutogradFlow, SummaryOfAHelperThatModifiesItsParameter) {
  Analyzed A(R"(
    void normalize_(torch::Tensor &t) { t.div_(2); }
    torch::Tensor square(const torch::Tensor &t) { return t.pow(2); }
    void f() {
      auto x = torch::ones({3}, torch::requires_grad());
      auto y = x * 2;
      auto z = square(y);
      normalize_(y);
      z.sum().backward();
    })");
  ASSERT_TRUE(A.Code.ok());
  const auto *Normalize = A.Analysis.summary(A.Code.function("normalize_"));
  ASSERT_NE(Normalize, nullptr);
  EXPECT_EQ(Normalize->InPlaceParams.count(0), 1u);
  EXPECT_EQ(Normalize->InPlaceParams.at(0), "div_");
  const auto *Square = A.Analysis.summary(A.Code.function("square"));
  ASSERT_NE(Square, nullptr);
  EXPECT_EQ(Square->SavedParams.count(0), 1u);
  EXPECT_TRUE(Square->ReturnFresh);
  const auto &F = A.of("f");
  ASSERT_EQ(F.InPlace.size(), 1u);
  EXPECT_EQ(F.InPlace[0].Op, "normalize_");
  EXPECT_EQ(F.InPlace[0].InnerOp, "div_");
  EXPECT_EQ(F.InPlace[0].SaverVia, "square");
}

// A recursive function has no summary while it is being analyzed: its
// recursive call is an unknown op.
TEST(AutogradFlow, RecursionIsAnUnknownCall) {
  Analyzed A(R"(
    torch::Tensor r(torch::Tensor t, int n) {
      return n == 0 ? t : r(t.exp(), n - 1);
    })");
  ASSERT_TRUE(A.Code.ok());
  EXPECT_TRUE(A.of("r").InPlace.empty());
  EXPECT_NE(A.Analysis.summary(A.Code.function("r")), nullptr);
}

// A function too large to analyze gets an unknown summary (callers treat
// its calls as unknown ops), not an empty one (which would say it does
// nothing to its arguments).
TEST(AutogradFlow, FunctionTooLargeHasUnknownSummary) {
  std::string Body;
  const unsigned Branches =
      clang::tidy::torch_tidy::limits::MaxFlowBlocks / 2 + 10;
  for (unsigned I = 0; I < Branches; ++I)
    Body += "  if (n == " + std::to_string(I) + ") t.add_(1);\n";
  Analyzed A("void huge(torch::Tensor &t, int n) {\n" + Body + "}\n");
  ASSERT_TRUE(A.Code.ok());
  EXPECT_EQ(A.Analysis.summary(A.Code.function("huge")), nullptr);
  EXPECT_TRUE(A.of("huge").InPlace.empty());
}

TEST(AutogradFlow, FunctionsWithoutTensorsHaveAnEmptySummary) {
  Analyzed A("int add(int a, int b) { return a + b; }");
  ASSERT_TRUE(A.Code.ok());
  const auto *S = A.Analysis.summary(A.Code.function("add"));
  ASSERT_NE(S, nullptr);
  EXPECT_TRUE(S->InPlaceParams.empty());
  EXPECT_FALSE(S->Unknown);
}

// UnknownOps: assume-saved makes an op the table does not know save its
// tensor operands.
TEST(AutogradFlow, UnknownOpsSaveOnlyWhenAssumed) {
  const char *Code = R"(
    torch::Tensor mystery(const torch::Tensor &a);
    void f() {
      auto x = torch::ones({3}, torch::requires_grad());
      auto y = x * 2;
      auto z = mystery(y);
      y.mul_(2);
      z.sum().backward();
    })";
  Analyzed Default(Code);
  ASSERT_TRUE(Default.Code.ok());
  EXPECT_TRUE(Default.of("f").InPlace.empty());
  AutogradOptions Assume;
  Assume.AssumeUnknownOpsSave = true;
  Analyzed Assumed(Code, Assume);
  EXPECT_EQ(Assumed.of("f").InPlace.size(), 1u);
}

} // namespace
