// Per-op overhead on small tensors, built twice from this one source: against
// the runtime (bench_ops_runtime) and against real LibTorch
// (bench_ops_libtorch). run_bench.py runs both and reports median ratios.
//
// Each op runs in grad mode (inputs require grad, a graph is recorded), under
// NoGradGuard and under InferenceMode, so the cost order grad > no-grad >=
// inference can be compared between the two implementations.
#include <benchmark/benchmark.h>

#include <torch/torch.h>

namespace {

enum Mode { kGrad = 0, kNoGrad = 1, kInference = 2 };

// Runs `body` under the guard that `mode` names, for the whole timing loop.
template <typename Body>
void in_mode(benchmark::State& state, Body body) {
  switch (static_cast<Mode>(state.range(0))) {
    case kGrad:
      body();
      break;
    case kNoGrad: {
      torch::NoGradGuard guard;
      body();
      break;
    }
    case kInference: {
      c10::InferenceMode guard;
      body();
      break;
    }
  }
}

void set_label(benchmark::State& state) {
  static const char* names[] = {"grad", "no_grad", "inference"};
  state.SetLabel(names[state.range(0)]);
}

void BM_MulScalar8(benchmark::State& state) {
  torch::Tensor x = torch::ones({8}, torch::requires_grad());
  in_mode(state, [&] {
    for (auto _ : state) benchmark::DoNotOptimize(x * 2);
  });
  set_label(state);
}

void BM_AddTensor8(benchmark::State& state) {
  torch::Tensor x = torch::ones({8}, torch::requires_grad());
  torch::Tensor y = torch::ones({8});
  in_mode(state, [&] {
    for (auto _ : state) benchmark::DoNotOptimize(x + y);
  });
  set_label(state);
}

void BM_Relu8(benchmark::State& state) {
  torch::Tensor x = torch::ones({8}, torch::requires_grad());
  in_mode(state, [&] {
    for (auto _ : state) benchmark::DoNotOptimize(torch::relu(x));
  });
  set_label(state);
}

struct MLPImpl : torch::nn::Module {
  MLPImpl()
      : fc1(register_module("fc1", torch::nn::Linear(16, 32))),
        fc2(register_module("fc2", torch::nn::Linear(32, 32))),
        fc3(register_module("fc3", torch::nn::Linear(32, 4))) {}
  torch::Tensor forward(torch::Tensor x) {
    x = torch::relu(fc1(x));
    x = torch::relu(fc2(x));
    return fc3(x);
  }
  torch::nn::Linear fc1, fc2, fc3;
};
TORCH_MODULE(MLP);

void BM_MLP3Forward(benchmark::State& state) {
  torch::manual_seed(0);
  MLP model;
  model->eval();
  torch::Tensor x = torch::ones({8, 16});
  in_mode(state, [&] {
    for (auto _ : state) benchmark::DoNotOptimize(model(x));
  });
  set_label(state);
}

}  // namespace

BENCHMARK(BM_MulScalar8)->Arg(kGrad)->Arg(kNoGrad)->Arg(kInference);
BENCHMARK(BM_AddTensor8)->Arg(kGrad)->Arg(kNoGrad)->Arg(kInference);
BENCHMARK(BM_Relu8)->Arg(kGrad)->Arg(kNoGrad)->Arg(kInference);
BENCHMARK(BM_MLP3Forward)->Arg(kGrad)->Arg(kNoGrad)->Arg(kInference);

BENCHMARK_MAIN();
