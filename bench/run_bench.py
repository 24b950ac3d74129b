#!/usr/bin/env python3
"""Runs the per-op benchmark against the runtime and real LibTorch, side by
side, and prints median times and runtime/LibTorch ratios.

    python3 bench/run_bench.py [--build build] [--repetitions 7]

Goal (issue: runtime foundation): runtime time per op <= 0.5x LibTorch's, and
the order grad > no_grad >= inference reproduced by both.
"""
import argparse
import json
import os
import subprocess
import sys


def run(binary, reps):
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    out = subprocess.run(
        [binary, f"--benchmark_repetitions={reps}",
         "--benchmark_report_aggregates_only=true", "--benchmark_format=json"],
        check=True, capture_output=True, text=True, env=env).stdout
    medians = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            medians[b["run_name"]] = b["cpu_time"]
    return medians


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--repetitions", type=int, default=7)
    args = ap.parse_args()
    rt_bin = os.path.join(args.build, "bench", "bench_ops_runtime")
    lt_bin = os.path.join(args.build, "bench", "bench_ops_libtorch")
    if not os.path.exists(lt_bin):
        sys.exit(f"{lt_bin} not built (is libtorch-dev installed?)")
    rt, lt = run(rt_bin, args.repetitions), run(lt_bin, args.repetitions)
    modes = {"0": "grad", "1": "no_grad", "2": "inference"}
    print(f"{'benchmark':<22}{'mode':<11}{'runtime ns':>12}{'libtorch ns':>13}{'ratio':>8}")
    ratios = []
    for name in rt:
        base, arg = name.rsplit("/", 1)
        r, l = rt[name], lt.get(name)
        if l is None:
            continue
        ratios.append(r / l)
        print(f"{base:<22}{modes[arg]:<11}{r:>12.1f}{l:>13.1f}{r / l:>8.2f}")
    ratios.sort()
    print(f"median ratio runtime/libtorch: {ratios[len(ratios) // 2]:.2f} "
          f"(max {ratios[-1]:.2f}) over {len(ratios)} benchmarks")
    for impl, res in (("runtime", rt), ("libtorch", lt)):
        for base in sorted({n.rsplit('/', 1)[0] for n in res}):
            g, n, i = (res[f"{base}/{k}"] for k in "012")
            order = "yes" if g > n >= i * 0.95 else "no"
            print(f"{impl:<9} {base:<18} grad {g:8.1f} > no_grad {n:8.1f} >= inference {i:8.1f}: {order}")


if __name__ == "__main__":
    main()
