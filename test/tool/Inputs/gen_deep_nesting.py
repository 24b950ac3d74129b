#!/usr/bin/env python3
"""A forward pass nested N statements deep (`if (c) if (c) ... `), with no
grad guard, and the same behind a NoGradGuard: the first must be reported
however deep it is, the second not.

Usage: gen_deep_nesting.py <depth>
"""
import sys

depth = int(sys.argv[1])
ifs = "if (c) " * depth
print(f"""#include <torch/torch.h>

struct NetImpl : torch::nn::Module {{
  NetImpl() : fc(register_module("fc", torch::nn::Linear(4, 2))) {{}}
  torch::Tensor forward(torch::Tensor x) {{ return fc(x); }}
  torch::nn::Linear fc;
}};
TORCH_MODULE(Net);

torch::Tensor unguarded(Net& model, torch::Tensor x, bool c) {{
  model->eval();
  torch::Tensor y;
  {ifs}y = model->forward(x);
  return y.argmax();
}}

torch::Tensor guarded(Net& model, torch::Tensor x, bool c) {{
  model->eval();
  torch::NoGradGuard no_grad;
  torch::Tensor y;
  {ifs}y = model->forward(x);
  return y.argmax();
}}""")
