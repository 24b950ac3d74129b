#!/usr/bin/env python3
"""CPU cost of the whole-project pass: torch-tidy -p with and without it.

    python3 bench/project_pass_bench.py [--build build] [--runs 5]
                                        [-p DB_DIR [--cwd DIR]]

Runs, --runs times each and alternating which goes first,

    torch-tidy -p DB --checks='-*,torch-*' --header-filter='.*' -j 1 \\
        --no-cache --no-pch --whole-project=true|false

one process at a time, and prints the median CPU time (user + system of the
child, from os.wait4) of each and their ratio: what recording the project
facts and resolving the conditional findings add to the per-file analysis.
Without -p, DB is made from the LibTorch programs of bench/inputs/ (the
files of bench/tidy_bench.py) with LibTorch's headers found as there; the
real-code benchmark's databases (bench/realcode/run.sh --out DIR writes
DIR/db/<project>/) are bigger projects: pass one with -p and its checkout
root with --cwd.
"""
import argparse
import json
import os
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from tidy_bench import REPO, cpu_seconds, libtorch_flags  # noqa: E402


def inputs_database(dest):
    flags = ["-std=c++17"] + libtorch_flags()
    files = sorted(os.path.join(HERE, "inputs", f)
                   for f in os.listdir(os.path.join(HERE, "inputs"))
                   if f.endswith(".cpp"))
    entries = [{"directory": dest, "file": f,
                "arguments": ["clang++"] + flags + ["-c", f]} for f in files]
    with open(os.path.join(dest, "compile_commands.json"), "w") as out:
        json.dump(entries, out, indent=1)
    return len(files)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(REPO, "build"),
                    help="build directory holding torch-tidy")
    ap.add_argument("--runs", type=int, default=5,
                    help="repetitions per mode (default 5)")
    ap.add_argument("-p", dest="db", help="directory of compile_commands.json")
    ap.add_argument("--cwd", help="directory to run in (default: the db's)")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    tidy = os.path.join(os.path.abspath(args.build), "torch-tidy")
    if not os.access(tidy, os.X_OK):
        sys.exit(f"project_pass_bench.py: {tidy} not built")

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if not db:
            db = tmp
            print(f"{inputs_database(tmp)} files of bench/inputs/",
                  file=sys.stderr)
        cwd = args.cwd or db

        def cmd(whole):
            return [tidy, "-p", os.path.abspath(db), "--checks=-*,torch-*",
                    "--header-filter=.*", "-j", "1", "--no-cache", "--no-pch",
                    f"--whole-project={'true' if whole else 'false'}"]

        times = {True: [], False: []}
        start = time.monotonic()
        here = os.getcwd()
        os.chdir(cwd)
        try:
            for rep in range(args.runs):
                for whole in ((True, False) if rep % 2 == 0 else (False, True)):
                    times[whole].append(cpu_seconds(cmd(whole), (0, 1)))
                print(f"run {rep + 1}/{args.runs} done "
                      f"({time.monotonic() - start:.0f} s)", file=sys.stderr)
        finally:
            os.chdir(here)

    on, off = statistics.median(times[True]), statistics.median(times[False])
    print(f"CPU seconds (user+sys), median of {args.runs} runs, -j 1")
    print(f"{'--whole-project=false':<24}{off:>9.2f}"
          f"   ({min(times[False]):.2f}..{max(times[False]):.2f})")
    print(f"{'--whole-project=true':<24}{on:>9.2f}"
          f"   ({min(times[True]):.2f}..{max(times[True]):.2f})")
    print(f"ratio (whole project / each file alone): {on / off:.3f}")


if __name__ == "__main__":
    main()
