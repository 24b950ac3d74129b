// The runtime's error texts, byte for byte. Runtime-only: real LibTorch has no
// torch_tidy/messages.h. The literals it compares against (expected_messages.h)
// are the ones the other tests assert against real LibTorch 1.13.
#include <gtest/gtest.h>
#include <torch_tidy/messages.h>

#include <string>

#include "expected_messages.h"

namespace {

namespace msg = torch_tidy::messages;
namespace expected = torch_tidy_test::expected;

TEST(MessagesTest, VersionMismatchPieces) {
  EXPECT_EQ(std::string(msg::ERR_VERSION_MISMATCH_PREFIX),
            expected::kVersionMismatchPrefix);
  EXPECT_EQ(std::string(msg::ERR_VERSION_MISMATCH_HINT),
            expected::kVersionMismatchHint);
}

TEST(MessagesTest, InferenceTensorVersion) {
  EXPECT_EQ(std::string(msg::ERR_INFERENCE_TENSOR_VERSION),
            expected::kInferenceTensorVersion);
}

TEST(MessagesTest, InferenceInplaceOutsideKeepsMissingSpaces) {
  EXPECT_EQ(std::string(msg::ERR_INFERENCE_INPLACE_OUTSIDE),
            expected::kInferenceInplaceOutside);
  // The upstream quirk, spelled out so that nobody "fixes" it.
  EXPECT_NE(std::string(msg::ERR_INFERENCE_INPLACE_OUTSIDE)
                .find("not allowed.You can make a clone"),
            std::string::npos);
  EXPECT_NE(std::string(msg::ERR_INFERENCE_INPLACE_OUTSIDE)
                .find("inplace update.See https://"),
            std::string::npos);
}

TEST(MessagesTest, InferenceSavedIsThe113Wording) {
  EXPECT_EQ(std::string(msg::ERR_INFERENCE_SAVED), expected::kInferenceSaved);
}

TEST(MessagesTest, InferenceRequiresGrad) {
  EXPECT_EQ(std::string(msg::ERR_INFERENCE_REQUIRES_GRAD),
            expected::kInferenceRequiresGrad);
}

TEST(MessagesTest, LeafInplace) {
  EXPECT_EQ(std::string(msg::ERR_LEAF_INPLACE), expected::kLeafInplace);
}

TEST(MessagesTest, BackwardTwice) {
  EXPECT_EQ(std::string(msg::ERR_BACKWARD_TWICE), expected::kBackwardTwice);
}

TEST(MessagesTest, ImplicitGradNonScalar) {
  EXPECT_EQ(std::string(msg::ERR_IMPLICIT_GRAD_NON_SCALAR),
            expected::kImplicitGradNonScalar);
}

TEST(MessagesTest, NoGradFnFormatsTheIndex) {
  EXPECT_EQ(msg::no_grad_fn(0), expected::kNoGradFnElement0);
  EXPECT_EQ(msg::no_grad_fn(0),
            "element 0 of tensors does not require grad and does not have a "
            "grad_fn");
  EXPECT_EQ(msg::no_grad_fn(1),
            "element 1 of tensors does not require grad and does not have a "
            "grad_fn");
  EXPECT_EQ(msg::no_grad_fn(12),
            "element 12 of tensors does not require grad and does not have a "
            "grad_fn");
}

// The example of docs/semantics.md (S2), as real LibTorch 1.13 prints it for
// `y = x * 2; z = y.pow(2); y.mul_(2); z.backward(torch::ones(3))`.
TEST(MessagesTest, VersionMismatchWithGradFn) {
  EXPECT_EQ(
      msg::version_mismatch("CPUFloatType [3]", "MulBackward1", 0, 1, 0),
      "one of the variables needed for gradient computation has been modified "
      "by an inplace operation: [CPUFloatType [3]], which is output 0 of "
      "MulBackward1, is at version 1; expected version 0 instead. Hint: "
      "enable anomaly detection to find the operation that failed to compute "
      "its gradient, with torch.autograd.set_detect_anomaly(True).");
}

// A saved constant or leaf has no grad_fn: the ", which is output" part goes.
TEST(MessagesTest, VersionMismatchWithoutGradFn) {
  EXPECT_EQ(
      msg::version_mismatch("CPUFloatType [3]", "", 0, 1, 0),
      "one of the variables needed for gradient computation has been modified "
      "by an inplace operation: [CPUFloatType [3]] is at version 1; expected "
      "version 0 instead. Hint: enable anomaly detection to find the "
      "operation that failed to compute its gradient, with "
      "torch.autograd.set_detect_anomaly(True).");
}

TEST(MessagesTest, VersionMismatchFormatsEveryField) {
  EXPECT_EQ(
      msg::version_mismatch("CPUDoubleType [2, 3]", "AddBackward1", 1, 5, 2),
      expected::versionMismatch("CPUDoubleType [2, 3]", "AddBackward1", 5, 2,
                                /*outputNr=*/1));
  EXPECT_EQ(msg::version_mismatch("CPUFloatType []", "ExpBackward0", 0, 3, 1),
            expected::versionMismatch("CPUFloatType []", "ExpBackward0", 3, 1));
  EXPECT_EQ(msg::version_mismatch("CPUFloatType [4, 3]", "", 0, 1, 0),
            expected::versionMismatch("CPUFloatType [4, 3]", "", 1, 0));
}

// The helper the other tests rely on must itself reproduce the
// docs/semantics.md example; otherwise a bug in it would hide a bug in the
// runtime.
TEST(MessagesTest, TestHelperMatchesTheLiteral) {
  EXPECT_EQ(expected::versionMismatch("CPUFloatType [3]", "MulBackward1", 1, 0),
            msg::version_mismatch("CPUFloatType [3]", "MulBackward1", 0, 1, 0));
}

}  // namespace
