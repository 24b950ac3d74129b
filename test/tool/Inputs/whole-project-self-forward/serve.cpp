#include "lm.h"

#include <iostream>

// Decodes with no guard: the loop in lm.cpp records a graph.
void serve(LM &lm, torch::Tensor ids) {
  std::cout << lm->generate(ids, 4) << std::endl;
}
