#!/usr/bin/env python3
"""Writes a C++ file with generated functions that stress the autograd
analysis: `small_bug` (a few branches and loops, then an in-place op on a
saved tensor, which must be found) and `huge` (N blocks of a branch and a
loop that may run zero times, so alias sets and saves grow with N; the
analysis must give it up within its budget, not take minutes)."""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 400


def body(name, count, bug):
    out = [f"void {name}(bool c, int n) {{",
           "  auto x = torch::ones({3}, torch::requires_grad());",
           "  auto y = x * 2;",
           "  auto acc = torch::zeros({3});",
           "  auto keep = y.exp();"]
    for i in range(count):
        out.append(f"  auto t{i} = y.pow({i % 3 + 1});")
        out.append(f"  if (c) {{ acc = acc + t{i}.sin(); }} "
                   f"else {{ acc = acc * t{i}; }}")
        out.append(f"  for (int k = 0; k < n; ++k) {{ y = y + t{i}; }}")
    if bug:
        out.append("  keep.mul_(2);")
    out.append("  (acc.sum() + keep.sum()).backward();")
    out.append("}")
    return out


lines = ["#include <torch/torch.h>", ""]
lines += body("small_bug", 20, True) + [""] + body("huge", n, False)
print("\n".join(lines))
