#!/usr/bin/env python3
"""CPU cost of torch-tidy against the compiler's own parse of the same files.

    python3 bench/tidy_bench.py [--build build] [--runs 5] [file.cpp ...]

For each file (default: the LibTorch programs in bench/inputs/), runs

    torch-tidy --checks='-*,torch-*' --no-cache --no-pch <file> -- \
        -std=c++17 <LibTorch flags>
    clang++-19 -std=c++17 -fsyntax-only <LibTorch flags> <file>

--runs times each, alternating the two tools (and which goes first, from one
repetition to the next), one process at a time. The time of a run is the CPU
time (user + system) of the child, from os.wait4, so other load on the
machine does not count. Prints per-file medians and their ratio, and the
ratio of the summed medians. Both parses are dominated by <torch/torch.h>
(~10 s of CPU each), so the ratio is torch-tidy's overhead over parsing.
The result cache and the shared precompiled headers are off: a replayed or
precompiled run would measure neither the parse nor the analysis.

LibTorch's headers are found as in test/lit.cfg.py: $LIBTORCH_PREFIX/include,
else Debian's libtorch-dev in /usr/include.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CLANG = "clang++-19"


def libtorch_flags():
    roots = []
    if os.environ.get("LIBTORCH_PREFIX"):
        roots.append(os.path.join(os.environ["LIBTORCH_PREFIX"], "include"))
    roots.append("/usr/include")
    for root in roots:
        api = os.path.join(root, "torch", "csrc", "api", "include")
        if os.path.exists(os.path.join(api, "torch", "torch.h")):
            # Never -isystem /usr/include: it reorders the default search
            # path and breaks libstdc++'s #include_next <stdlib.h>.
            dirs = [api] if root == "/usr/include" else [root, api]
            return [a for d in dirs for a in ("-isystem", d)]
    sys.exit("tidy_bench.py: LibTorch headers not found (install libtorch-dev "
             "or set LIBTORCH_PREFIX)")


def cpu_seconds(cmd, ok_codes):
    """Runs cmd to completion; returns the child's user+sys CPU seconds."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    # Read stderr before reaping (a full pipe would block the child).
    err = proc.stderr.read()
    proc.stderr.close()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here
    if proc.returncode not in ok_codes:
        sys.stderr.write(err.decode(errors="replace"))
        sys.exit(f"tidy_bench.py: exit {proc.returncode} from: "
                 f"{' '.join(cmd)}")
    return usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(REPO, "build"),
                    help="build directory holding torch-tidy")
    ap.add_argument("--runs", type=int, default=5,
                    help="repetitions per file and tool (default 5)")
    ap.add_argument("files", nargs="*", help="sources (default: bench/inputs)")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    tidy = os.path.join(os.path.abspath(args.build), "torch-tidy")
    if not os.access(tidy, os.X_OK):
        sys.exit(f"tidy_bench.py: {tidy} not built")
    files = args.files or sorted(
        os.path.join(HERE, "inputs", f)
        for f in os.listdir(os.path.join(HERE, "inputs")) if f.endswith(".cpp"))
    flags = ["-std=c++17"] + libtorch_flags()

    def tidy_cmd(f):
        return [tidy, "--checks=-*,torch-*", "--no-cache", "--no-pch", f,
                "--"] + flags

    def clang_cmd(f):
        return [CLANG] + flags + ["-fsyntax-only", f]

    # torch-tidy: 0 = clean, 1 = findings; 2 (no parse) would be no measure.
    tools = [("torch-tidy", tidy_cmd, (0, 1)), ("clang", clang_cmd, (0,))]
    times = {f: {name: [] for name, _, _ in tools} for f in files}
    start = time.monotonic()
    for rep in range(args.runs):
        for f in files:
            order = tools if rep % 2 == 0 else tools[::-1]
            for name, cmd, ok in order:
                times[f][name].append(cpu_seconds(cmd(f), ok))
        print(f"run {rep + 1}/{args.runs} done ({time.monotonic() - start:.0f} s)",
              file=sys.stderr)

    print(f"CPU seconds (user+sys), median of {args.runs} runs; "
          f"{CLANG} -fsyntax-only vs torch-tidy --checks='-*,torch-*'")
    print(f"{'file':<18}{'clang':>9}{'torch-tidy':>12}{'ratio':>8}"
          f"{'  tidy min..max':>18}")
    sum_clang = sum_tidy = 0.0
    for f in files:
        c = statistics.median(times[f]["clang"])
        t = statistics.median(times[f]["torch-tidy"])
        sum_clang += c
        sum_tidy += t
        lo, hi = min(times[f]["torch-tidy"]), max(times[f]["torch-tidy"])
        print(f"{os.path.basename(f):<18}{c:>9.2f}{t:>12.2f}{t / c:>8.3f}"
              f"{lo:>10.2f}..{hi:.2f}")
    print(f"{'all files':<18}{sum_clang:>9.2f}{sum_tidy:>12.2f}"
          f"{sum_tidy / sum_clang:>8.3f}")
    print(f"ratio of medians (torch-tidy / clang, summed over files): "
          f"{sum_tidy / sum_clang:.3f}")


if __name__ == "__main__":
    main()
