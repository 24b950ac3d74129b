#include "policy.h"

torch::Tensor PolicyImpl::encode(torch::Tensor obs) {
  return torch::relu(body(obs));
}

torch::Tensor PolicyImpl::forward(torch::Tensor obs) {
  return head(encode(obs));
}

torch::Tensor PolicyImpl::act(torch::Tensor obs) {
  torch::Tensor hidden = body(obs);
  torch::Tensor logits = head(hidden);
  return torch::softmax(logits, -1).argmax(-1);
}

torch::Tensor PolicyImpl::probs(torch::Tensor obs) {
  torch::Tensor hidden = body(obs);
  return torch::softmax(head(hidden), -1);
}

torch::Tensor PolicyImpl::value(torch::Tensor obs) {
  return body(obs).sum(-1);
}

torch::Tensor PolicyImpl::logProbs(torch::Tensor obs) {
  return torch::log_softmax(head(body(obs)), -1);
}
