// Consistency of the op table (runtime/optable/torch_tidy/ops/OpTable.def),
// which the runtime records saved tensors from and the checks read. Runtime-only: LibTorch has
// no such table (what it saves is checked against LibTorch by the
// differential tests and the *_cases_test.cpp files).
#include <gtest/gtest.h>
#include <torch_tidy/ops/OpTable.h>

#include <set>
#include <string>
#include <utility>

namespace ops = torch_tidy::ops;

namespace {
std::string str(std::string_view s) { return std::string(s); }

bool sameSaves(const ops::OpInfo& a, const ops::OpInfo& b) {
  for (int i = 0; i < 4; ++i)
    if (a.saves[i].operand != b.saves[i].operand ||
        a.saves[i].when != b.saves[i].when)
      return false;
  return true;
}
}  // namespace

TEST(OpTable, NameAndOverloadAreUnique) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const ops::OpInfo& op : ops::kOpTable)
    EXPECT_TRUE(seen.insert({str(op.name), str(op.overload)}).second)
        << op.name << "(" << op.overload << ") appears twice";
}

// In-place ops are spelled with a trailing underscore, as in LibTorch; the
// only exception is the node an in-place write through a view leaves on its
// base.
TEST(OpTable, InPlaceOpsEndInUnderscore) {
  for (const ops::OpInfo& op : ops::kOpTable)
    if (op.kind == ops::Kind::InPlace && op.name != "copy_slices")
      EXPECT_EQ(op.name.back(), '_') << op.name;
}

// A view shares its base's data and saves nothing of it.
TEST(OpTable, ViewsSaveNothing) {
  for (const ops::OpInfo& op : ops::kOpTable)
    if (op.kind == ops::Kind::View)
      EXPECT_EQ(op.saves[0].operand, ops::Operand::None) << op.name;
}

// `x_` records the node `x` records and saves what it saves.
TEST(OpTable, InPlaceMatchesItsFunctionalForm) {
  int pairs = 0;
  for (const ops::OpInfo& op : ops::kOpTable) {
    if (op.kind != ops::Kind::InPlace || op.name.back() != '_') continue;
    const std::string_view functional = op.name.substr(0, op.name.size() - 1);
    const ops::OpInfo* f = ops::find(functional, op.overload);
    if (!f) f = ops::find(functional, "Tensor_" + str(op.overload));
    if (!f) f = ops::find(functional);
    if (!f || f->kind != ops::Kind::Functional) continue;
    ++pairs;
    EXPECT_EQ(op.node, f->node) << op.name << " vs " << f->name;
    EXPECT_TRUE(sameSaves(op, *f)) << op.name << " vs " << f->name;
  }
  EXPECT_GE(pairs, 15);
}

TEST(OpTable, FindAndSaves) {
  const ops::OpInfo* mul = ops::find("mul", "Tensor");
  ASSERT_NE(mul, nullptr);
  const bool selfNeeds[3] = {true, false, false};
  const bool otherNeeds[3] = {false, true, false};
  // mul(a, b) keeps b for a's gradient and a for b's.
  EXPECT_TRUE(ops::saves(*mul, ops::Operand::Other, selfNeeds));
  EXPECT_FALSE(ops::saves(*mul, ops::Operand::Self, selfNeeds));
  EXPECT_TRUE(ops::saves(*mul, ops::Operand::Self, otherNeeds));
  EXPECT_EQ(ops::find("no_such_op"), nullptr);
  EXPECT_EQ(ops::find("exp")->saves[0].operand, ops::Operand::Result);
}
