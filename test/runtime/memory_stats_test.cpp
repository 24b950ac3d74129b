// torch_tidy::autograd_memory(): the cost of a live autograd graph as
// numbers (runtime-only API, used to show what a missing grad guard costs).
#include <gtest/gtest.h>

#include <torch/torch.h>
#include <torch_tidy/memory_stats.h>

namespace {

TEST(MemoryStatsTest, GraphNodesAndSavedBytesAreCountedAndReleased) {
  const torch_tidy::AutogradMemory before = torch_tidy::autograd_memory();
  {
    torch::Tensor x = torch::ones({4}, torch::requires_grad());
    torch::Tensor y = x.exp();  // saves its 4-float result
    torch::Tensor z = y.pow(2);  // saves y (4 floats)
    const torch_tidy::AutogradMemory live = torch_tidy::autograd_memory();
    // ExpBackward0, PowBackward0 and x's AccumulateGrad.
    EXPECT_EQ(live.live_nodes - before.live_nodes, 3);
    EXPECT_EQ(live.saved_tensor_bytes - before.saved_tensor_bytes, 32);
  }
  const torch_tidy::AutogradMemory after = torch_tidy::autograd_memory();
  EXPECT_EQ(after.live_nodes, before.live_nodes);
  EXPECT_EQ(after.saved_tensor_bytes, before.saved_tensor_bytes);
}

TEST(MemoryStatsTest, NoGradGuardRecordsNothing) {
  const torch_tidy::AutogradMemory before = torch_tidy::autograd_memory();
  torch::Tensor x = torch::ones({4}, torch::requires_grad());
  torch::NoGradGuard guard;
  torch::Tensor y = x.exp().pow(2);
  const torch_tidy::AutogradMemory live = torch_tidy::autograd_memory();
  EXPECT_EQ(live.live_nodes, before.live_nodes);
  EXPECT_EQ(live.saved_tensor_bytes, before.saved_tensor_bytes);
}

TEST(MemoryStatsTest, BackwardFreesSavedTensors) {
  const torch_tidy::AutogradMemory before = torch_tidy::autograd_memory();
  torch::Tensor x = torch::ones({4}, torch::requires_grad());
  torch::Tensor loss = x.exp().sum();
  EXPECT_GT(torch_tidy::autograd_memory().saved_tensor_bytes,
            before.saved_tensor_bytes);
  loss.backward();
  EXPECT_EQ(torch_tidy::autograd_memory().saved_tensor_bytes,
            before.saved_tensor_bytes);
}

}  // namespace
