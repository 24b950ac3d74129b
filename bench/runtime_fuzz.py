#!/usr/bin/env python3
"""Runs the runtime's differential fuzzer (test/fuzz) over as many seeds as
asked and prints the totals: cases run, divergences per family, time.

    python3 bench/runtime_fuzz.py [--build build] [--seeds 1-20] [--cases 500]
                                  [--json divergences.json] [--minimize 3]

Seeds are explicit, so a run is reproducible: the same seeds and case count
give the same programs. CI runs a fixed slice of this (ctest fuzz.ci); the
issue's goal is 10,000 cases with no divergence.
"""
import argparse
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--seeds", default="1-20")
    ap.add_argument("--cases", type=int, default=500)
    ap.add_argument("--steps", type=int, default=12)
    ap.add_argument("--minimize", type=int, default=3)
    ap.add_argument("--features", help="feature groups (default: CI's, all but double)")
    ap.add_argument("--json", help="write the divergences here")
    args = ap.parse_args()
    config = os.path.join(args.build, "test", "fuzz", "fuzz_config.json")
    if not os.path.exists(config):
        sys.exit(f"runtime_fuzz: {config} is missing (configure {args.build} "
                 "with LibTorch installed first)")
    cmd = [sys.executable, os.path.join(ROOT, "test", "fuzz", "fuzz.py"),
           "--config", config, "--work", os.path.join(args.build, "fuzz-bench"),
           "--seeds", args.seeds, "--cases", str(args.cases),
           "--steps", str(args.steps), "--minimize", str(args.minimize)]
    if args.features:
        cmd += ["--features", args.features]
    if args.json:
        cmd += ["--json", args.json]
    start = time.monotonic()
    status = subprocess.run(cmd).returncode
    print(f"runtime_fuzz: seeds {args.seeds}, {args.cases} cases each, "
          f"{time.monotonic() - start:.0f} s, exit {status}")
    return status


if __name__ == "__main__":
    sys.exit(main())
