// A training step, then validation in eval mode.
#include "net.h"

#include <iostream>

void train_step(Net &net, const torch::Tensor &x) {
  net->train();
  torch::Tensor loss = embed(net, x).pow(2).sum();
  loss.backward();
  // penalty() (helpers.cpp) returns what it computes from its argument:
  // backpropagated here, so training.
  torch::Tensor reg = penalty(net->forward(x));
  reg.backward();
  net->eval();
  std::cout << validate(net, x) << "\n";
  // Validation inside the training function: the predictions only go to
  // count_correct() (helpers.cpp), which only reads them...
  torch::Tensor pred = net->forward(x);
  std::cout << count_correct(pred, x.argmax(1)) << "\n";
  // ...or through to_probabilities(), which returns them, to the output.
  std::cout << to_probabilities(net->forward(x)) << "\n";
  // remember() keeps its argument out of sight: unknown, silent.
  remember(net->forward(x));
  torch::NoGradGuard no_grad;
  std::cout << output_shape(net, x).size() << "\n";
}

// A test pass under a guard after the training steps, with no eval(): the
// predictions only go to count_correct(), so the mode question is asked.
void train_then_score(Net &net, const torch::Tensor &x) {
  net->train();
  net->forward(x).sum().backward();
  torch::NoGradGuard no_grad;
  torch::Tensor pred = net->forward(x);
  std::cout << count_correct(pred, x.argmax(1)) << "\n";
}
