// Batch inference with a small convolutional classifier: weights loaded from
// a checkpoint, eval mode, inference mode, softmax and top-k over a batch.
#include <torch/torch.h>

#include <iostream>
#include <string>
#include <vector>

struct ClassifierImpl : torch::nn::Module {
  explicit ClassifierImpl(int64_t num_classes)
      : conv1(register_module(
            "conv1", torch::nn::Conv2d(
                         torch::nn::Conv2dOptions(3, 16, 3).padding(1)))),
        bn1(register_module("bn1", torch::nn::BatchNorm2d(16))),
        conv2(register_module(
            "conv2", torch::nn::Conv2d(
                         torch::nn::Conv2dOptions(16, 32, 3).padding(1)))),
        bn2(register_module("bn2", torch::nn::BatchNorm2d(32))),
        drop(register_module("drop", torch::nn::Dropout(0.25))),
        fc(register_module("fc", torch::nn::Linear(32 * 8 * 8, num_classes))) {}

  torch::Tensor forward(torch::Tensor x) {
    x = torch::max_pool2d(torch::relu(bn1(conv1(x))), 2);
    x = torch::max_pool2d(torch::relu(bn2(conv2(x))), 2);
    x = drop(x.flatten(1));
    return fc(x);
  }

  torch::nn::Conv2d conv1;
  torch::nn::BatchNorm2d bn1;
  torch::nn::Conv2d conv2;
  torch::nn::BatchNorm2d bn2;
  torch::nn::Dropout drop;
  torch::nn::Linear fc;
};
TORCH_MODULE(Classifier);

struct Prediction {
  std::vector<int64_t> labels;
  std::vector<float> scores;
};

Prediction predict(Classifier& model, const torch::Tensor& images,
                   int64_t k) {
  c10::InferenceMode guard;
  torch::Tensor probs = torch::softmax(model->forward(images), /*dim=*/1);
  auto [scores, labels] = probs.topk(k, /*dim=*/1);
  Prediction out;
  auto s = scores.contiguous().to(torch::kCPU);
  auto l = labels.contiguous().to(torch::kCPU);
  out.scores.assign(s.data_ptr<float>(), s.data_ptr<float>() + s.numel());
  out.labels.assign(l.data_ptr<int64_t>(), l.data_ptr<int64_t>() + l.numel());
  return out;
}

int main(int argc, char** argv) {
  const std::string checkpoint = argc > 1 ? argv[1] : "classifier.pt";
  torch::Device device =
      torch::cuda::is_available() ? torch::kCUDA : torch::kCPU;

  Classifier model(10);
  try {
    torch::load(model, checkpoint);
  } catch (const c10::Error& e) {
    std::cerr << "cannot load " << checkpoint << ": " << e.what() << "\n";
    return 1;
  }
  model->to(device);
  model->eval();

  const torch::Tensor mean = torch::tensor({0.485, 0.456, 0.406}).view({1, 3, 1, 1});
  const torch::Tensor stddev = torch::tensor({0.229, 0.224, 0.225}).view({1, 3, 1, 1});
  for (int batch = 0; batch < 4; ++batch) {
    torch::Tensor images = torch::rand({8, 3, 32, 32});
    images = ((images - mean) / stddev).to(device);
    Prediction p = predict(model, images, /*k=*/3);
    std::cout << "batch " << batch << ": top-1 " << p.labels[0] << " ("
              << p.scores[0] << ")\n";
  }
  return 0;
}
