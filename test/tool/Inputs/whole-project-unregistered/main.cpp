#include <iostream>

#include "decoder.h"

int main() {
  Segmenter seg;
  TidyDecoder tidy(0.2);
  LinearDecoder generic(0.2);
  seg->eval();
  tidy->eval();
  generic->eval();
  torch::NoGradGuard no_grad;
  torch::Tensor x = torch::ones({2, 4});
  std::cout << seg(x) << std::endl;
  std::cout << tidy(x) << std::endl;
  std::cout << generic(x) << std::endl;
  return 0;
}
