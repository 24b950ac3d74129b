#include "model.h"

Batch make_batch(int64_t count, int64_t inputs, uint64_t seed) {
  torch::manual_seed(seed);
  torch::Tensor x = torch::randn({count, inputs});
  // The label is the index of the largest of the first three features.
  torch::Tensor y = x.slice(1, 0, 3).argmax(1);
  return {x, y};
}
