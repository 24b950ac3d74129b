#!/usr/bin/env python3
"""Writes one straight-line function of N statements (one CFG block): a
chain of products, each saving the previous tensor for backward, and an
in-place write to an early link before the backward pass, which must be
reported. Before the analysis skipped needless renames and checked its
budget per statement, its time grew with the square of N.

Usage: gen_long_chain.py <N>
"""
import sys

n = int(sys.argv[1])
out = ["#include <torch/torch.h>", "",
       "void long_chain() {",
       "  auto x = torch::ones({3}, torch::requires_grad());",
       "  auto t0 = x * 2;"]
for i in range(1, n):
    out.append(f"  auto t{i} = t{i - 1} * x;")
out.append("  t1.mul_(2);")
out.append(f"  t{n - 1}.sum().backward();")
out.append("}")
print("\n".join(out))
