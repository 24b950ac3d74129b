// The control-flow helpers (checks/utils/ControlFlow.h) and the grad-mode
// guard scopes (checks/utils/GuardScopes.h) on parsed functions.
#include <gtest/gtest.h>

#include "ParsedCode.h"
#include "utils/ControlFlow.h"
#include "utils/GuardScopes.h"

using namespace clang::tidy::torch_tidy;
using torch_tidy_test::ParsedCode;

namespace {

const char *const Code = R"(
  void a(); void b(); void c();
  void straight() { a(); b(); }
  void branch(bool x) { if (x) a(); b(); }
  void loop(int n) { for (int i = 0; i < n; ++i) { b(); a(); } }
  void avoid(bool x) { a(); if (x) c(); b(); }
  void must() { a(); c(); b(); }
  typedef unsigned long size_t;
  void counted() {
    const size_t epochs = 2;
    for (size_t e = 0; e != epochs; ++e) { c(); a(); }
    b();
  }
  void counted_readonly() {
    int epochs = 3;  // never written again
    for (int e = 1; e <= epochs; e++) a();
    b();
  }
  void uncounted(int n) { for (int i = 0; i < n; ++i) a(); b(); }
  void empty_count() { for (int i = 0; i < 0; ++i) a(); b(); }
  void counted_break(bool x) {
    for (int i = 0; i < 2; ++i) { if (x) break; a(); }
    b();
  }
  void flag_read_only() {
    bool skip{false};
    if (!skip) a();
    if (skip && !skip) c();
    b();
  }
  void flag_written(bool x) {
    bool skip{false};
    if (x) skip = true;
    if (!skip) a();
    b();
  }
  void flag_by_reference(void (*set)(bool &)) {
    bool skip = false;
    set(skip);
    if (!skip) a();
    b();
  }
  void guards(bool flag) {
    a();
    {
      torch::NoGradGuard no_grad;
      b();
      {
        torch::AutoGradMode enable(true);
        c();
      }
    }
    c10::InferenceMode maybe(flag);
    a();
  }
)";

class ControlFlowTest : public ::testing::Test {
protected:
  static void SetUpTestSuite() { Parsed = new ParsedCode(Code); }
  static void TearDownTestSuite() { delete Parsed; }
  ControlFlow flowOf(llvm::StringRef Fn) {
    return ControlFlow(Parsed->function(Fn)->getBody(), Parsed->ctx());
  }
  const clang::CallExpr *call(llvm::StringRef Fn, llvm::StringRef Callee,
                              unsigned N = 0) {
    return Parsed->call(Fn, Callee, N);
  }
  static ParsedCode *Parsed;
};
ParsedCode *ControlFlowTest::Parsed = nullptr;

TEST_F(ControlFlowTest, Parses) { ASSERT_TRUE(Parsed->ok()); }

TEST_F(ControlFlowTest, StraightLine) {
  const ControlFlow CF = flowOf("straight");
  ASSERT_TRUE(CF.valid());
  EXPECT_TRUE(CF.dominates(call("straight", "a"), call("straight", "b")));
  EXPECT_FALSE(CF.dominates(call("straight", "b"), call("straight", "a")));
  EXPECT_TRUE(CF.canReach(call("straight", "a"), call("straight", "b")));
  EXPECT_FALSE(CF.canReach(call("straight", "b"), call("straight", "a")));
}

TEST_F(ControlFlowTest, ABranchDoesNotDominate) {
  const ControlFlow CF = flowOf("branch");
  EXPECT_FALSE(CF.dominates(call("branch", "a"), call("branch", "b")));
  EXPECT_TRUE(CF.canReach(call("branch", "a"), call("branch", "b")));
}

TEST_F(ControlFlowTest, LoopsReachBackwards) {
  const ControlFlow CF = flowOf("loop");
  EXPECT_TRUE(CF.canReach(call("loop", "a"), call("loop", "b")));
  EXPECT_TRUE(CF.dominates(call("loop", "b"), call("loop", "a")));
}

TEST_F(ControlFlowTest, ReachAvoiding) {
  const ControlFlow CF = flowOf("avoid");
  const clang::Stmt *C = call("avoid", "c");
  // The path that skips the if's body avoids c().
  EXPECT_TRUE(CF.canReachAvoiding(call("avoid", "a"), call("avoid", "b"), {C}));
  // Every path runs c() in between.
  const ControlFlow Must = flowOf("must");
  EXPECT_FALSE(Must.canReachAvoiding(call("must", "a"), call("must", "b"),
                                     {call("must", "c")}));
}

TEST_F(ControlFlowTest, CountedLoopsRunAtLeastOnce) {
  for (llvm::StringRef Fn : {"counted", "counted_readonly"}) {
    const ControlFlow CF = flowOf(Fn);
    EXPECT_TRUE(CF.dominates(call(Fn, "a"), call(Fn, "b"))) << Fn.str();
    // The later tests of the loop still exit it.
    EXPECT_TRUE(CF.canReach(call(Fn, "a"), call(Fn, "b"))) << Fn.str();
  }
  for (llvm::StringRef Fn : {"uncounted", "empty_count", "counted_break"}) {
    const ControlFlow CF = flowOf(Fn);
    EXPECT_FALSE(CF.dominates(call(Fn, "a"), call(Fn, "b"))) << Fn.str();
  }
  // Inside a counted loop, a later statement is still reached from an
  // earlier one through the back edge.
  const ControlFlow CF = flowOf("counted");
  EXPECT_TRUE(CF.canReach(call("counted", "a"), call("counted", "c")));
}

TEST_F(ControlFlowTest, ReadOnlyLocalsDecideBranches) {
  const ControlFlow CF = flowOf("flag_read_only");
  EXPECT_TRUE(
      CF.dominates(call("flag_read_only", "a"), call("flag_read_only", "b")));
  EXPECT_FALSE(
      CF.canReach(call("flag_read_only", "a"), call("flag_read_only", "c")));
  for (llvm::StringRef Fn : {"flag_written", "flag_by_reference"}) {
    const ControlFlow Written = flowOf(Fn);
    EXPECT_FALSE(Written.dominates(call(Fn, "a"), call(Fn, "b"))) << Fn.str();
  }
}

TEST_F(ControlFlowTest, InnermostGuardDecides) {
  clang::ASTContext &Ctx = Parsed->ctx();
  EXPECT_EQ(liveGuardAt(Ctx, *call("guards", "a")).State, GradState::Enabled);
  const LiveGuard NoGrad = liveGuardAt(Ctx, *call("guards", "b"));
  EXPECT_EQ(NoGrad.State, GradState::Disabled);
  ASSERT_NE(NoGrad.Guard, nullptr);
  EXPECT_EQ(NoGrad.Guard->getName(), "no_grad");
  const LiveGuard Enabled = liveGuardAt(Ctx, *call("guards", "c"));
  EXPECT_EQ(Enabled.State, GradState::Enabled);
  // InferenceMode(flag): only known at run time.
  EXPECT_EQ(liveGuardAt(Ctx, *call("guards", "a", 1)).State,
            GradState::Unknown);
}

} // namespace
