// Where a value goes inside its function (checks/utils/ValueFlow.h), on
// parsed functions: the seed is the N-th call of `forward` in a function.
#include <gtest/gtest.h>

#include "ParsedCode.h"
#include "utils/ValueFlow.h"

using namespace clang::tidy::torch_tidy;
using torch_tidy_test::ParsedCode;

namespace {

const char *const Code = R"(
  #include <iostream>
  #include <tuple>
  #include <vector>
  struct M : torch::nn::Module {
    torch::Tensor forward(torch::Tensor x) { return x; }
  };
  void keep(torch::Tensor t);
  void train_on(torch::Tensor t) { t.backward(); }
  float score(const torch::Tensor &t) { return t.mean().item<float>(); }

  void printed(M &m, torch::Tensor x) {
    auto y = m.forward(x);
    std::cout << y << std::endl;
  }
  void scalar_then_loss(M &m, torch::Tensor x) {
    float f = m.forward(x).sum().item<float>();
    torch::Tensor loss = torch::ones({1}) * f;
    loss.backward();
  }
  void trained(M &m, torch::Tensor x) {
    auto y = m.forward(x);
    auto loss = y.sum();
    loss.backward();
  }
  void grad_call(M &m, torch::Tensor x) {
    auto y = m.forward(x);
    torch::autograd::grad({y.sum()}, {x});
  }
  torch::Tensor returned(M &m, torch::Tensor x) {
    auto y = m.forward(x);
    return y * 2;
  }
  struct Holder {
    torch::Tensor last;
    std::vector<torch::Tensor> all;
    void member(M &m, torch::Tensor x) { last = m.forward(x); }
    void member_container(M &m, torch::Tensor x) { all.push_back(m.forward(x)); }
  };
  void local_container(M &m, torch::Tensor x) {
    std::vector<torch::Tensor> v;
    v.push_back(m.forward(x));
    std::cout << v.size() << std::endl;
  }
  void local_container_trained(M &m, torch::Tensor x) {
    std::vector<torch::Tensor> v;
    v.push_back(m.forward(x));
    v[0].sum().backward();
  }
  void out_param(M &m, torch::Tensor x, torch::Tensor &out) { out = m.forward(x); }
  void unknown_helper(M &m, torch::Tensor x) { keep(m.forward(x)); }
  void known_helper(M &m, torch::Tensor x) { train_on(m.forward(x)); }
  void scoring_helper(M &m, torch::Tensor x) {
    std::cout << score(m.forward(x)) << std::endl;
  }
  void reused(M &m, torch::Tensor x) {
    torch::Tensor t = m.forward(x);
    t = t.sum();
    t.backward();
  }
  void through_reference(M &m, torch::Tensor x) {
    torch::Tensor a;
    torch::Tensor &r = a;
    r = m.forward(x);
    a.sum().backward();
  }
  struct T2 : torch::nn::Module {
    std::tuple<torch::Tensor, torch::Tensor> forward(torch::Tensor x) {
      return {x, x};
    }
  };
  std::tuple<torch::Tensor, torch::Tensor> braced_return(M &m, torch::Tensor x) {
    return {m.forward(x), x};
  }
  void tuple_binding(T2 &m, torch::Tensor x) {
    auto [a, b] = m.forward(x);
    auto l = torch::mse_loss(a, x) * 2.0f;
    l.backward();
  }
  void tied(T2 &m, torch::Tensor x) {
    torch::Tensor a, b;
    std::tie(a, b) = m.forward(x);
    b.sum().backward();
  }
  void train_then_validate(M &m, torch::Tensor x) {
    torch::Tensor out;
    for (int epoch = 0; epoch < 2; ++epoch) {
      out = m.forward(x);
      out.sum().backward();
      out = m.forward(x);
      std::cout << out.sum().item<float>() << std::endl;
    }
  }
  void maybe_replaced(M &m, torch::Tensor x, bool flag) {
    torch::Tensor out = m.forward(x);
    if (flag)
      out = x * 2;
    out.sum().backward();
  }
  void binding(M &m, torch::Tensor x) {
    auto pair = std::make_pair(m.forward(x), x);
    auto [first, second] = pair;
    first.sum().backward();
  }
  // detach() ends the graph, not the data.
  torch::Tensor detached_returned(M &m, torch::Tensor x) {
    return m.forward(x).detach();
  }
  void detached_kept(Holder &h, M &m, torch::Tensor x) {
    torch::Tensor y = m.forward(x);
    h.last = y.detach().clone();
    keep(y.detach());
  }
  void detached_trained(M &m, M &d, torch::Tensor x) {
    torch::Tensor fake = m.forward(x);
    d.forward(fake.detach()).sum().backward();
  }
  void detached_and_kept(Holder &h, M &m, torch::Tensor x) {
    torch::Tensor y = m.forward(x);
    keep(y.detach());
    h.last = y;
  }
)";

class ValueFlowTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { Parsed = new ParsedCode(Code); }
  static void TearDownTestSuite() { delete Parsed; }
  ValueUses usesIn(llvm::StringRef Fn, unsigned N = 0) {
    const clang::FunctionDecl *F = Parsed->function(Fn);
    EXPECT_NE(F, nullptr) << Fn.str();
    EnclosingFunction E;
    E.Function = F;
    E.Body = F ? F->getBody() : nullptr;
    ValueFlow Flow(Parsed->ctx());
    const clang::CallExpr *Seed = Parsed->call(Fn, "forward", N);
    EXPECT_NE(Seed, nullptr) << Fn.str();
    return Flow.usesOf(E, Seed);
  }
  static ParsedCode *Parsed;
};
ParsedCode *ValueFlowTest::Parsed = nullptr;

TEST_F(ValueFlowTest, Parses) { ASSERT_TRUE(Parsed->ok()); }

TEST_F(ValueFlowTest, PrintedStaysLocal) {
  EXPECT_TRUE(usesIn("printed").staysLocal());
}

TEST_F(ValueFlowTest, AScalarEndsTheChain) {
  EXPECT_TRUE(usesIn("scalar_then_loss").staysLocal());
}

TEST_F(ValueFlowTest, BackwardIsTraining) {
  EXPECT_NE(usesIn("trained").TrainingUse, nullptr);
  EXPECT_NE(usesIn("grad_call").TrainingUse, nullptr);
}

TEST_F(ValueFlowTest, ReturnedIsNotLocal) {
  const ValueUses U = usesIn("returned");
  EXPECT_TRUE(U.Returned);
  EXPECT_FALSE(U.staysLocal());
}

TEST_F(ValueFlowTest, MembersAndOutParametersEscape) {
  EXPECT_TRUE(usesIn("member").Escapes);
  EXPECT_TRUE(usesIn("member_container").Escapes);
  EXPECT_TRUE(usesIn("out_param").Escapes);
}

TEST_F(ValueFlowTest, LocalContainersCarryTheValue) {
  EXPECT_TRUE(usesIn("local_container").staysLocal());
  EXPECT_NE(usesIn("local_container_trained").TrainingUse, nullptr);
}

TEST_F(ValueFlowTest, Helpers) {
  // keep() has no body here: what it does is for another file to tell.
  const ValueUses Unknown = usesIn("unknown_helper");
  EXPECT_FALSE(Unknown.staysLocal());
  EXPECT_TRUE(Unknown.onlyUnseenLeft());
  ASSERT_EQ(Unknown.Unseen.size(), 1u);
  EXPECT_EQ(Unknown.Unseen[0].first->getName(), "keep");
  EXPECT_EQ(Unknown.Unseen[0].second, 0u);
  EXPECT_NE(usesIn("known_helper").TrainingUse, nullptr);
  EXPECT_TRUE(usesIn("scoring_helper").staysLocal());
}

TEST_F(ValueFlowTest, FlowInsensitiveVariables) {
  EXPECT_NE(usesIn("reused").TrainingUse, nullptr);
}

TEST_F(ValueFlowTest, BracedReturnAndTupleBindings) {
  EXPECT_TRUE(usesIn("braced_return").Returned);
  EXPECT_NE(usesIn("tuple_binding").TrainingUse, nullptr);
  EXPECT_NE(usesIn("tied").TrainingUse, nullptr);
}

TEST_F(ValueFlowTest, ReachingStores) {
  EXPECT_NE(usesIn("train_then_validate", 0).TrainingUse, nullptr);
  EXPECT_TRUE(usesIn("train_then_validate", 1).staysLocal());
  EXPECT_NE(usesIn("maybe_replaced").TrainingUse, nullptr);
}

TEST_F(ValueFlowTest, ReferencesAndBindings) {
  EXPECT_NE(usesIn("through_reference").TrainingUse, nullptr);
  EXPECT_NE(usesIn("binding").TrainingUse, nullptr);
}

TEST_F(ValueFlowTest, DetachEndsTheGraphNotTheData) {
  EXPECT_TRUE(usesIn("detached_returned").staysLocal());
  EXPECT_TRUE(usesIn("detached_kept").staysLocal());
  // The discriminator step trains on the detached fake: a training step.
  EXPECT_NE(usesIn("detached_trained").TrainingUse, nullptr);
  const ValueUses Kept = usesIn("detached_and_kept");
  EXPECT_TRUE(Kept.Escapes);
  EXPECT_TRUE(Kept.Unseen.empty());
}

} // namespace
