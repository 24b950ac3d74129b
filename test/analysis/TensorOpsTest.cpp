// Call classification (checks/utils/TensorOps.h): which op of the op table a
// call is, its operands, and the calls that are not ops.
#include <gtest/gtest.h>

#include "ParsedCode.h"
#include "utils/TensorOps.h"

using namespace clang::tidy::torch_tidy;
using torch_tidy_test::ParsedCode;

namespace {

const char *const Code = R"(
  // An alias real LibTorch has and the runtime does not.
  namespace torch {
  at::Tensor multiply(const at::Tensor &a, const at::Tensor &b);
  }
  struct Net : torch::nn::Module {
    Net() { fc = register_module("fc", torch::nn::Linear(3, 2)); }
    torch::Tensor forward(torch::Tensor x) { return fc(x); }
    torch::nn::Linear fc{nullptr};
  };
  torch::Tensor helper(const torch::Tensor &t) { return t * 2; }
  void f(torch::Tensor a, torch::Tensor b, torch::Tensor out, Net &net) {
    a.mul_(2);
    auto p = a * b;
    a += b;
    auto m = torch::multiply(a, b);
    auto o = torch::ones({2}, torch::requires_grad());
    auto z = torch::zeros({2});
    auto e = a.eq(b);
    (void)a.item<float>();
    torch::mul_out(out, a, b);
    auto h = helper(a);
    auto fwd = net.forward(a);
    auto v = a.view({-1});
    a.backward();
    torch::autograd::grad({p}, {a}, {}, true);
    auto d = a.detach();
    a.requires_grad_(false);
  }
)";

class TensorOpsTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { Parsed = new ParsedCode(Code); }
  static void TearDownTestSuite() { delete Parsed; }
  TensorCall classify(llvm::StringRef Callee, unsigned N = 0) {
    const clang::CallExpr *C = Parsed->call("f", Callee, N);
    EXPECT_NE(C, nullptr) << Callee.str();
    return classifyCall(Parsed->ctx(), C);
  }
  static ParsedCode *Parsed;
};
ParsedCode *TensorOpsTest::Parsed = nullptr;

TEST_F(TensorOpsTest, Parses) { ASSERT_TRUE(Parsed->ok()); }

TEST_F(TensorOpsTest, InPlaceMethodWithAScalar) {
  const TensorCall C = classify("mul_");
  EXPECT_EQ(C.Role, CallRole::Op);
  EXPECT_EQ(C.Kind, ops::Kind::InPlace);
  ASSERT_NE(C.Info, nullptr);
  EXPECT_EQ(C.Info->overload, "Scalar");
  ASSERT_EQ(C.Operands.size(), 2u);
  EXPECT_NE(C.Operands[0], nullptr); // a
  EXPECT_EQ(C.Operands[1], nullptr); // 2 is not a tensor
}

TEST_F(TensorOpsTest, BinaryOperatorIsTheTensorOverload) {
  const TensorCall C = classify("*");
  EXPECT_EQ(C.Name, "mul");
  ASSERT_NE(C.Info, nullptr);
  EXPECT_EQ(C.Info->overload, "Tensor");
  EXPECT_EQ(C.Kind, ops::Kind::Functional);
}

TEST_F(TensorOpsTest, CompoundAssignmentIsInPlace) {
  const TensorCall C = classify("+=");
  EXPECT_EQ(C.Name, "add_");
  EXPECT_EQ(C.Kind, ops::Kind::InPlace);
}

TEST_F(TensorOpsTest, AliasesReachTheirRow) {
  const TensorCall C = classify("multiply");
  ASSERT_NE(C.Info, nullptr);
  EXPECT_EQ(C.Info->name, "mul");
}

TEST_F(TensorOpsTest, FactoryWithRequiresGrad) {
  const TensorCall Ones = classify("ones");
  EXPECT_EQ(Ones.Role, CallRole::Factory);
  EXPECT_TRUE(Ones.RequiresGrad);
  const TensorCall Zeros = classify("zeros");
  EXPECT_EQ(Zeros.Role, CallRole::Factory);
  EXPECT_FALSE(Zeros.RequiresGrad);
}

TEST_F(TensorOpsTest, ComparisonsAreNotDifferentiable) {
  EXPECT_EQ(classify("eq").Kind, ops::Kind::NoGrad);
}

TEST_F(TensorOpsTest, ReadingAValueIsNotAnOp) {
  EXPECT_EQ(classify("item").Role, CallRole::None);
}

TEST_F(TensorOpsTest, OutFormWritesItsFirstArgument) {
  const TensorCall C = classify("mul_out");
  EXPECT_EQ(C.Role, CallRole::Op);
  EXPECT_NE(C.Out, nullptr);
  ASSERT_NE(C.Info, nullptr);
  EXPECT_EQ(C.Info->name, "mul");
}

TEST_F(TensorOpsTest, UserFunctionsAreFollowed) {
  const TensorCall C = classify("helper");
  EXPECT_EQ(C.Role, CallRole::UserCall);
  ASSERT_NE(C.Callee, nullptr);
  EXPECT_EQ(C.Callee->getName(), "helper");
  const TensorCall Fwd = classify("forward");
  EXPECT_EQ(Fwd.Role, CallRole::UserCall);
  EXPECT_TRUE(Fwd.KnownModule);
}

// A built-in layer's forward is its op with the layer's parameters as
// operands: Linear is linear(x, weight).
TEST_F(TensorOpsTest, BuiltInModuleIsItsOp) {
  const clang::CallExpr *Fc = Parsed->call("Net::forward", "()");
  ASSERT_NE(Fc, nullptr);
  const TensorCall C = classifyCall(Parsed->ctx(), Fc);
  EXPECT_EQ(C.Role, CallRole::Op);
  EXPECT_EQ(C.Name, "linear");
  EXPECT_EQ(C.ParamOperands, ops::kParamOther);
  EXPECT_TRUE(C.KnownModule);
}

TEST_F(TensorOpsTest, ViewsAndDetach) {
  EXPECT_EQ(classify("view").Kind, ops::Kind::View);
  EXPECT_EQ(classify("detach").Role, CallRole::Detach);
}

TEST_F(TensorOpsTest, BackwardAndGrad) {
  const TensorCall B = classify("backward");
  EXPECT_EQ(B.Role, CallRole::Backward);
  EXPECT_EQ(B.Roots.size(), 1u);
  EXPECT_FALSE(B.RetainGraph);
  const TensorCall G = classify("grad");
  EXPECT_EQ(G.Role, CallRole::Grad);
  EXPECT_EQ(G.Roots.size(), 1u);
}

TEST_F(TensorOpsTest, RequiresGradFalse) {
  const TensorCall C = classify("requires_grad_");
  EXPECT_EQ(C.Role, CallRole::RequiresGrad);
  EXPECT_FALSE(C.RequiresGrad);
}

TEST(FunctionalOf, InPlaceNames) {
  EXPECT_EQ(functionalOf("mul_"), "mul");
  EXPECT_EQ(functionalOf("relu_"), "relu");
  EXPECT_EQ(functionalOf("mul"), "");
  EXPECT_EQ(functionalOf("not_an_op_"), "");
}

} // namespace
