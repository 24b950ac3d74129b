// torch::nn: training mode and its recursion, the mode-dependent layers
// (Dropout, Dropout2d, BatchNorm), plain layers with fixed weights, and the
// module bookkeeping (parameters, buffers, children, TORCH_MODULE holders).
// docs/semantics.md "Training mode: train() and eval()" and "Layers that
// depend on the training mode".
#include <cmath>
#include <set>

#include "test_helpers.h"

namespace {

using torch_tidy_test::expectValuesNear;
using torch_tidy_test::sizesOf;
using torch_tidy_test::valuesOf;

// A model with registered children and one child that is only a member.
struct NetImpl : torch::nn::Module {
  NetImpl()
      : fc1(register_module("fc1", torch::nn::Linear(3, 4))),
        drop(register_module("drop", torch::nn::Dropout(0.5))),
        bn(register_module("bn", torch::nn::BatchNorm1d(4))),
        fc2(register_module("fc2", torch::nn::Linear(4, 2))),
        hidden_dropout(torch::nn::Dropout(0.5)) {
    scale = register_parameter("scale", torch::ones({1}));
    steps = register_buffer("steps", torch::zeros({1}));
  }
  torch::Tensor forward(const torch::Tensor& x) {
    return fc2(bn(drop(torch::relu(fc1(x))))) * scale;
  }
  torch::nn::Linear fc1;
  torch::nn::Dropout drop;
  torch::nn::BatchNorm1d bn;
  torch::nn::Linear fc2;
  torch::nn::Dropout hidden_dropout;  // never registered
  torch::Tensor scale;
  torch::Tensor steps;
};
TORCH_MODULE(Net);

// --- Training mode
// -------------------------------------------------------------

TEST(NnModuleTest, ModulesStartInTraining) {
  torch::nn::Module plain;
  EXPECT_TRUE(plain.is_training());
  Net net;
  EXPECT_TRUE(net->is_training());
  EXPECT_TRUE(net->fc1->is_training());
  EXPECT_TRUE(net->drop->is_training());
  EXPECT_TRUE(net->hidden_dropout->is_training());
}

TEST(NnModuleTest, EvalAndTrainRecurseIntoRegisteredChildren) {
  Net net;
  net->eval();
  EXPECT_FALSE(net->is_training());
  EXPECT_FALSE(net->fc1->is_training());
  EXPECT_FALSE(net->drop->is_training());
  EXPECT_FALSE(net->bn->is_training());
  EXPECT_FALSE(net->fc2->is_training());
  net->train();
  EXPECT_TRUE(net->drop->is_training());
  EXPECT_TRUE(net->bn->is_training());
  net->train(false);
  EXPECT_FALSE(net->bn->is_training());
  net->train(true);
  EXPECT_TRUE(net->bn->is_training());
}

TEST(NnModuleTest, UnregisteredMemberIsNotSwitched) {
  Net net;
  net->eval();
  EXPECT_TRUE(net->hidden_dropout->is_training());
  // ...so it keeps dropping out at "inference".
  torch::manual_seed(0);
  torch::Tensor y = net->hidden_dropout(torch::ones({1000}));
  EXPECT_GT((y == 0).sum().item<int64_t>(), 0);
}

TEST(NnModuleTest, ChildModeIsPerModule) {
  Net net;
  net->drop->eval();
  EXPECT_TRUE(net->is_training());
  EXPECT_FALSE(net->drop->is_training());
  EXPECT_TRUE(net->bn->is_training());
}

// train() is virtual and eval() calls it, so an override sees every switch,
// including the recursive ones from a parent.
struct RecordingImpl : torch::nn::Module {
  void train(bool on = true) override {
    calls.push_back(on);
    torch::nn::Module::train(on);
  }
  std::vector<bool> calls;
};
TORCH_MODULE(Recording);

TEST(NnModuleTest, TrainIsVirtualAndEvalCallsIt) {
  Recording rec;
  rec->eval();
  rec->train();
  torch::nn::Module& as_base = *rec;
  as_base.eval();
  EXPECT_EQ(rec->calls, (std::vector<bool>{false, true, false}));
  EXPECT_FALSE(rec->is_training());

  torch::nn::Module parent;
  parent.register_module("rec", rec);
  parent.train();
  EXPECT_EQ(rec->calls.back(), true);
  EXPECT_EQ(rec->calls.size(), 4u);
}

// --- Dropout -----------------------------------------------------------------

TEST(NnModuleTest, DropoutInEvalIsTheIdentity) {
  torch::nn::Dropout dropout(0.5);
  dropout->eval();
  torch::Tensor x = torch::rand({100});
  EXPECT_TRUE(dropout(x).equal(x));
  EXPECT_TRUE(torch::dropout(x, 0.5, /*train=*/false).equal(x));
}

TEST(NnModuleTest, DropoutInTrainingZeroesOrScales) {
  torch::manual_seed(1);
  torch::nn::Dropout dropout(0.5);
  torch::Tensor y = dropout(torch::ones({10000}));
  int64_t zeros = 0;
  for (double v : valuesOf(y)) {
    ASSERT_TRUE(v == 0 || std::fabs(v - 2) < 1e-6) << v;
    zeros += v == 0;
  }
  EXPECT_GT(zeros, 4500);
  EXPECT_LT(zeros, 5500);

  torch::Tensor f =
      torch::dropout(torch::full({10000}, 3.f), 0.25, /*train=*/true);
  zeros = 0;
  for (double v : valuesOf(f)) {
    ASSERT_TRUE(v == 0 || std::fabs(v - 4) < 1e-5) << v;  // 3 / (1 - 0.25)
    zeros += v == 0;
  }
  EXPECT_GT(zeros, 2000);
  EXPECT_LT(zeros, 3000);
}

// The functional forms take the flag as an argument: eval() on a module
// that calls them changes nothing. F::dropout's options train by default
// (DropoutFuncOptions::training is true).
struct HardWiredDropoutImpl : torch::nn::Module {
  torch::Tensor forward(torch::Tensor x) {
    return torch::nn::functional::dropout(
        x, torch::nn::functional::DropoutFuncOptions().p(0.5));
  }
};
TORCH_MODULE(HardWiredDropout);

TEST(NnModuleTest, FunctionalDropoutIgnoresTheModuleMode) {
  torch::manual_seed(5);
  HardWiredDropout module;
  module->eval();
  ASSERT_FALSE(module->is_training());
  torch::Tensor x = torch::ones({1000});
  EXPECT_FALSE(torch::equal(module(x), x));
  EXPECT_FALSE(torch::equal(torch::dropout(x, 0.5, /*train=*/true), x));
  EXPECT_TRUE(torch::equal(
      torch::nn::functional::dropout(
          x, torch::nn::functional::DropoutFuncOptions().training(false)),
      x));
  EXPECT_TRUE(torch::nn::functional::DropoutFuncOptions().training());
}

TEST(NnModuleTest, DropoutDefaultProbabilityIsOneHalf) {
  torch::manual_seed(3);
  torch::nn::Dropout dropout;
  torch::Tensor y = dropout(torch::ones({10000}));
  const int64_t zeros = (y == 0).sum().item<int64_t>();
  EXPECT_GT(zeros, 4500);
  EXPECT_LT(zeros, 5500);
  EXPECT_NEAR(y.max().item<float>(), 2.f, 1e-6);
}

TEST(NnModuleTest, DropoutExtremeProbabilities) {
  torch::Tensor x = torch::rand({50}) + 1;
  EXPECT_TRUE(torch::nn::Dropout(0.0)(x).equal(x));
  EXPECT_TRUE(torch::dropout(x, 0.0, true).equal(x));
  // p = 1 zeroes everything (no division by zero, no NaN).
  EXPECT_TRUE(torch::nn::Dropout(1.0)(x).equal(torch::zeros({50})));
  EXPECT_TRUE(torch::dropout(x, 1.0, true).equal(torch::zeros({50})));
}

TEST(NnModuleTest, Dropout2dZeroesWholeChannels) {
  torch::manual_seed(2);
  torch::nn::Dropout2d dropout(0.5);
  torch::Tensor y = dropout(torch::ones({4, 16, 3, 3}));
  int64_t dropped = 0;
  for (int64_t n = 0; n < 4; ++n) {
    for (int64_t c = 0; c < 16; ++c) {
      const std::vector<double> plane = valuesOf(y[n][c]);
      const bool all_zero = std::all_of(plane.begin(), plane.end(),
                                        [](double v) { return v == 0; });
      const bool all_two =
          std::all_of(plane.begin(), plane.end(),
                      [](double v) { return std::fabs(v - 2) < 1e-6; });
      EXPECT_TRUE(all_zero || all_two) << "n=" << n << " c=" << c;
      dropped += all_zero;
    }
  }
  EXPECT_GT(dropped, 12);
  EXPECT_LT(dropped, 52);
  dropout->eval();
  torch::Tensor x = torch::rand({2, 3, 2, 2});
  EXPECT_TRUE(dropout(x).equal(x));
}

// --- BatchNorm ---------------------------------------------------------------

// Two features, four samples: per-feature mean (2.5, 20), biased variance
// (1.25, 50), unbiased variance (5/3, 200/3).
torch::Tensor batch4x2() {
  return torch::tensor({{1.f, 10.f}, {2.f, 20.f}, {3.f, 30.f}, {4.f, 20.f}});
}

std::vector<double> normalized(const std::vector<double>& xs, double mean,
                               double var, double eps = 1e-5) {
  std::vector<double> out;
  for (double x : xs) out.push_back((x - mean) / std::sqrt(var + eps));
  return out;
}

// Interleaves two per-feature columns into row-major order.
std::vector<double> rows(const std::vector<double>& a,
                         const std::vector<double>& b) {
  std::vector<double> out;
  for (size_t i = 0; i < a.size(); ++i) {
    out.push_back(a[i]);
    out.push_back(b[i]);
  }
  return out;
}

TEST(NnModuleTest, BatchNormDefaults) {
  // eps 1e-5 and momentum 0.1 show in the training test below.
  torch::nn::BatchNorm1d bn(2);
  expectValuesNear(bn->weight, {1, 1});
  expectValuesNear(bn->bias, {0, 0});
  expectValuesNear(bn->running_mean, {0, 0});
  expectValuesNear(bn->running_var, {1, 1});
  EXPECT_EQ(bn->num_batches_tracked.item<int64_t>(), 0);
}

TEST(NnModuleTest, BatchNormTrainingUsesBiasedBatchVarianceAndUpdatesStats) {
  torch::nn::BatchNorm1d bn(2);
  torch::Tensor y = bn(batch4x2());
  expectValuesNear(y,
                   rows(normalized({1, 2, 3, 4}, 2.5, 1.25),
                        normalized({10, 20, 30, 20}, 20, 50)),
                   1e-4);
  // running = 0.9 * running + 0.1 * batch, with the unbiased variance.
  expectValuesNear(bn->running_mean, {0.25, 2.0});
  expectValuesNear(bn->running_var, {0.9 + 0.1 * 5. / 3, 0.9 + 0.1 * 200. / 3},
                   1e-4);
  EXPECT_EQ(bn->num_batches_tracked.item<int64_t>(), 1);

  bn(batch4x2());
  expectValuesNear(bn->running_mean, {0.9 * 0.25 + 0.25, 0.9 * 2 + 2});
  EXPECT_EQ(bn->num_batches_tracked.item<int64_t>(), 2);
}

TEST(NnModuleTest, BatchNormCustomMomentum) {
  torch::nn::BatchNorm1d bn(torch::nn::BatchNorm1dOptions(2).momentum(0.5));
  bn(batch4x2());
  expectValuesNear(bn->running_mean, {1.25, 10});
  expectValuesNear(bn->running_var, {0.5 + 2.5 / 3, 0.5 + 100. / 3}, 1e-4);
}

TEST(NnModuleTest, BatchNormWithoutMomentumUsesACumulativeAverage) {
  torch::nn::BatchNorm1d bn(
      torch::nn::BatchNorm1dOptions(1).momentum(c10::nullopt));
  bn(torch::tensor({{1.f}, {3.f}}));  // mean 2, unbiased var 2
  expectValuesNear(bn->running_mean, {2});
  expectValuesNear(bn->running_var, {2});
  bn(torch::tensor({{4.f}, {10.f}, {10.f}}));  // mean 8, unbiased var 12
  expectValuesNear(bn->running_mean, {5});     // (2 + 8) / 2
  expectValuesNear(bn->running_var, {7});      // (2 + 12) / 2
  bn(torch::tensor({{11.f}, {11.f}}));         // mean 11, var 0
  expectValuesNear(bn->running_mean, {7}, 1e-5);
  expectValuesNear(bn->running_var, {14. / 3}, 1e-5);
  EXPECT_EQ(bn->num_batches_tracked.item<int64_t>(), 3);
}

TEST(NnModuleTest, BatchNormEvalUsesRunningStatsAndUpdatesNothing) {
  torch::nn::BatchNorm1d bn(2);
  {
    torch::NoGradGuard no_grad;
    bn->running_mean.copy_(torch::tensor({1.f, 10.f}));
    bn->running_var.copy_(torch::tensor({4.f, 25.f}));
    bn->weight.copy_(torch::tensor({2.f, 1.f}));
    bn->bias.copy_(torch::tensor({0.f, 1.f}));
  }
  bn->eval();
  torch::Tensor y = bn(batch4x2());
  std::vector<double> col0 = normalized({1, 2, 3, 4}, 1, 4);
  for (double& v : col0) v *= 2;
  std::vector<double> col1 = normalized({10, 20, 30, 20}, 10, 25);
  for (double& v : col1) v += 1;
  expectValuesNear(y, rows(col0, col1), 1e-4);
  expectValuesNear(bn->running_mean, {1, 10});
  expectValuesNear(bn->running_var, {4, 25});
  EXPECT_EQ(bn->num_batches_tracked.item<int64_t>(), 0);
}

TEST(NnModuleTest, BatchNorm2dNormalizesPerChannelOverBatchAndSpace) {
  torch::nn::BatchNorm2d bn(2);
  // Channel 0 holds 0..7, channel 1 is constant 5.
  torch::Tensor x = torch::stack(
      {torch::arange(0, 8, torch::TensorOptions().dtype(torch::kFloat))
           .view({2, 2, 2}),
       torch::full({2, 2, 2}, 5.f)},
      1);
  EXPECT_EQ(sizesOf(x), (std::vector<int64_t>{2, 2, 2, 2}));
  torch::Tensor y = bn(x);
  // mean 3.5, biased var 5.25, unbiased var 6.
  const double scale = 1 / std::sqrt(5.25 + 1e-5);
  expectValuesNear(
      y[0][0], {-3.5 * scale, -2.5 * scale, -1.5 * scale, -0.5 * scale}, 1e-4);
  expectValuesNear(y[1][0],
                   {0.5 * scale, 1.5 * scale, 2.5 * scale, 3.5 * scale}, 1e-4);
  expectValuesNear(y.select(1, 1), std::vector<double>(8, 0.0), 1e-4);
  expectValuesNear(bn->running_mean, {0.35, 0.5});
  expectValuesNear(bn->running_var, {0.9 + 0.6, 0.9}, 1e-5);
}

TEST(NnModuleTest, BatchNormWithoutAffineHasNoParameters) {
  torch::nn::BatchNorm1d bn(torch::nn::BatchNorm1dOptions(3).affine(false));
  EXPECT_FALSE(bn->weight.defined());
  EXPECT_FALSE(bn->bias.defined());
  EXPECT_EQ(bn->parameters().size(), 0u);
  EXPECT_EQ(bn->buffers().size(), 3u);
  torch::Tensor y = bn(torch::tensor({{1.f, 2.f, 3.f}, {3.f, 2.f, 1.f}}));
  expectValuesNear(y, {-1, 0, 1, 1, 0, -1}, 1e-3);
}

TEST(NnModuleTest, BatchNormWithoutRunningStatsUsesBatchStatsInEval) {
  torch::nn::BatchNorm1d bn(
      torch::nn::BatchNorm1dOptions(2).track_running_stats(false));
  EXPECT_FALSE(bn->running_mean.defined());
  EXPECT_FALSE(bn->running_var.defined());
  EXPECT_FALSE(bn->num_batches_tracked.defined());
  EXPECT_EQ(bn->buffers().size(), 0u);
  EXPECT_EQ(bn->parameters().size(), 2u);
  bn->eval();
  torch::Tensor y = bn(torch::tensor({{1.f, 2.f}, {3.f, 6.f}}));
  expectValuesNear(y, {-1, -1, 1, 1}, 1e-3);
}

// Orthogonality: eval() switches layer behaviour, not gradient recording.
TEST(NnModuleTest, EvalKeepsGradientRecording) {
  Net net;
  net->eval();
  torch::Tensor y = net(torch::rand({5, 3}));
  EXPECT_TRUE(y.requires_grad());
  EXPECT_NE(y.grad_fn(), nullptr);
  y.sum().backward();
  EXPECT_TRUE(net->fc1->weight.grad().defined());
  EXPECT_TRUE(net->bn->weight.grad().defined());
  EXPECT_TRUE(torch::GradMode::is_enabled());
}

TEST(NnModuleTest, NoGradGuardDoesNotSwitchTrainingMode) {
  Net net;
  torch::NoGradGuard no_grad;
  EXPECT_TRUE(net->is_training());
  torch::Tensor y = net(torch::rand({5, 3}));
  EXPECT_FALSE(y.requires_grad());
  // BatchNorm in training still updated its statistics.
  EXPECT_EQ(net->bn->num_batches_tracked.item<int64_t>(), 1);
}

// --- Plain layers with fixed weights
// --------------------------------------------

TEST(NnModuleTest, LinearShapesAndValues) {
  torch::nn::Linear linear(3, 2);
  EXPECT_EQ(sizesOf(linear->weight), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(sizesOf(linear->bias), (std::vector<int64_t>{2}));
  {
    torch::NoGradGuard no_grad;
    linear->weight.copy_(torch::tensor({{1.f, 0.f, -1.f}, {0.5f, 0.5f, 0.5f}}));
    linear->bias.copy_(torch::tensor({1.f, -1.f}));
  }
  torch::Tensor x = torch::tensor(
      {{1.f, 2.f, 3.f}, {0.f, 0.f, 0.f}, {2.f, 2.f, 2.f}, {-1.f, 1.f, 0.f}});
  torch::Tensor y = linear(x);
  EXPECT_EQ(sizesOf(y), (std::vector<int64_t>{4, 2}));
  expectValuesNear(y, {-1, 2, 1, -1, 1, 2, 0, -1});
  expectValuesNear(linear->forward(x), valuesOf(y));
  // x W^T + b
  expectValuesNear(torch::addmm(linear->bias, x, linear->weight.t()),
                   valuesOf(y));
}

TEST(NnModuleTest, LinearParametersRequireGrad) {
  torch::nn::Linear linear(torch::nn::LinearOptions(4, 3).bias(false));
  EXPECT_TRUE(linear->weight.requires_grad());
  EXPECT_TRUE(linear->weight.is_leaf());
  EXPECT_FALSE(linear->bias.defined());
  EXPECT_EQ(linear->parameters().size(), 1u);
}

TEST(NnModuleTest, Conv2dWithFixedWeights) {
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(1, 1, 2).bias(false));
  EXPECT_EQ(sizesOf(conv->weight), (std::vector<int64_t>{1, 1, 2, 2}));
  {
    torch::NoGradGuard no_grad;
    conv->weight.fill_(1);
  }
  torch::Tensor x =
      torch::arange(9, torch::TensorOptions().dtype(torch::kFloat))
          .view({1, 1, 3, 3});
  torch::Tensor y = conv(x);
  EXPECT_EQ(sizesOf(y), (std::vector<int64_t>{1, 1, 2, 2}));
  // Sums of the 2x2 windows of [[0,1,2],[3,4,5],[6,7,8]].
  expectValuesNear(y, {8, 12, 20, 24});

  torch::nn::Conv2d biased(torch::nn::Conv2dOptions(1, 2, 3));
  {
    torch::NoGradGuard no_grad;
    biased->weight.zero_();
    biased->weight[1].fill_(1);
    biased->bias.copy_(torch::tensor({0.5f, -1.f}));
  }
  expectValuesNear(biased(x), {0.5, 35});
}

TEST(NnModuleTest, ReluModule) {
  torch::nn::ReLU relu;
  expectValuesNear(relu(torch::tensor({-1.f, 0.f, 2.f})), {0, 0, 2});
}

// --- Sequential
// ---------------------------------------------------------------

TEST(NnModuleTest, SequentialForwardIndexAndPushBack) {
  torch::nn::Sequential seq(torch::nn::Linear(3, 4), torch::nn::ReLU(),
                            torch::nn::Linear(4, 2));
  EXPECT_EQ(seq->size(), 3u);
  torch::Tensor x = torch::rand({5, 3});
  torch::Tensor y = seq->forward(x);
  EXPECT_EQ(sizesOf(y), (std::vector<int64_t>{5, 2}));
  // No `seq(x)`: with LibTorch 1.13 the holder's call operator cannot deduce
  // Sequential's templated forward and returns void.

  EXPECT_EQ(seq[0]->parameters().size(), 2u);
  EXPECT_EQ(seq[1]->parameters().size(), 0u);

  seq->push_back(torch::nn::Dropout(0.5));
  EXPECT_EQ(seq->size(), 4u);
  seq->eval();
  EXPECT_FALSE(seq[3]->is_training());
  EXPECT_TRUE(seq->forward(x).equal(y));  // dropout is the identity in eval
}

TEST(NnModuleTest, SequentialNamesItsChildrenByIndex) {
  torch::nn::Sequential seq(torch::nn::Linear(3, 4), torch::nn::ReLU(),
                            torch::nn::Linear(4, 2));
  std::vector<std::string> names;
  for (const auto& p : seq->named_parameters()) names.push_back(p.key());
  EXPECT_EQ(names, (std::vector<std::string>{"0.weight", "0.bias", "2.weight",
                                             "2.bias"}));
  EXPECT_EQ(seq->children().size(), 3u);
  EXPECT_EQ(seq->modules().size(), 4u);  // itself included
}

// --- Module bookkeeping
// -------------------------------------------------------------

TEST(NnModuleTest, ParametersBuffersChildrenAndModules) {
  Net net;
  // fc1 (2) + bn (2) + fc2 (2) + scale
  EXPECT_EQ(net->parameters().size(), 7u);
  std::vector<std::string> names;
  for (const auto& p : net->named_parameters()) names.push_back(p.key());
  EXPECT_EQ(names, (std::vector<std::string>{"scale", "fc1.weight", "fc1.bias",
                                             "bn.weight", "bn.bias",
                                             "fc2.weight", "fc2.bias"}));
  std::vector<std::string> buffers;
  for (const auto& b : net->named_buffers()) buffers.push_back(b.key());
  EXPECT_EQ(buffers, (std::vector<std::string>{"steps", "bn.running_mean",
                                               "bn.running_var",
                                               "bn.num_batches_tracked"}));
  EXPECT_EQ(net->buffers().size(), 4u);
  EXPECT_EQ(net->children().size(), 4u);  // hidden_dropout is not one
  EXPECT_EQ(net->modules().size(), 5u);   // itself and the four children
}

TEST(NnModuleTest, RegisteredParametersAreTheMembers) {
  Net net;
  torch::Tensor first = net->parameters()[1];  // fc1.weight, after "scale"
  {
    torch::NoGradGuard no_grad;
    first.fill_(3);
  }
  expectValuesNear(net->fc1->weight[0], {3, 3, 3});
  EXPECT_TRUE(net->scale.requires_grad());
  EXPECT_FALSE(net->steps.requires_grad());
}

TEST(NnModuleTest, ModuleHolderArrowAndCall) {
  Net net;
  torch::Tensor x = torch::rand({6, 3});
  net->eval();
  torch::Tensor by_call = net(x);
  torch::Tensor by_arrow = net->forward(x);
  EXPECT_TRUE(by_call.equal(by_arrow));
  EXPECT_EQ(sizesOf(by_call), (std::vector<int64_t>{6, 2}));
  // Copying the holder aliases the module.
  Net alias = net;
  alias->train();
  EXPECT_TRUE(net->is_training());
}

}  // namespace

// torch::save / torch::load round-trip parameters and buffers (runtime
// format; not part of the LibTorch-validated sources' expectations beyond
// the API shape).
TEST(SerializeTest, ModuleRoundTrip) {
  torch::nn::Linear a(3, 2), b(3, 2);
  const std::string path = testing::TempDir() + "/linear.pt";
  torch::save(a, path);
  torch::load(b, path);
  EXPECT_TRUE(torch::equal(a->weight, b->weight));
  EXPECT_TRUE(torch::equal(a->bias, b->bias));
  EXPECT_TRUE(b->weight.requires_grad());
}
