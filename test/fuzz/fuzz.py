#!/usr/bin/env python3
"""Differential fuzzer: random programs run on torch-tidy's runtime and on
real LibTorch 1.13, compared case by case (test/fuzz/README.md).

    fuzz.py --config build/test/fuzz/fuzz_config.json --seeds 1-20 [--cases 500]
    fuzz.py --config ... --ci          # the fixed slice CI runs

Each seed is one program of --cases cases, built twice (the compile and link
lines come from the config CMake writes). Both builds run; a case diverges at
its first line that differs (numbers within a tolerance). Every divergence is
printed with its step; the first of each family is minimized to a small
reproducer. Exit status: 0 when nothing diverged, 1 on divergences, 2 when
the harness itself failed (a program that does not build, say).
"""

import argparse
import json
import math
import os
import subprocess
import sys
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

# No __pycache__ in the source tree (ctest runs this from a checkout).
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import program  # noqa: E402

# The CI slice: fixed seeds and the feature groups whose divergences are
# fixed: all but "double" (create_graph: the runtime's double backward is not
# LibTorch's yet, test/fuzz/README.md). bench/runtime_fuzz.py runs any groups
# over as many seeds as asked.
CI_SEEDS = [1, 2]
CI_CASES = 150
CI_FEATURES = tuple(program.FEATURES)

SIDES = ("libtorch", "runtime")


class HarnessError(Exception):
    pass


@dataclass
class Divergence:
    seed: int
    case: int
    step: int
    kind: str
    field: str
    libtorch: str
    runtime: str
    code: str


def parse_seeds(text):
    seeds = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        seeds.extend(range(int(lo), int(hi or lo) + 1))
    return seeds


def build(config, source, side, exe):
    cmd = ([config["cxx"], "-std=c++17", "-O0", "-g0", "-w",
            "-I", config["harness"]] + config[side]["compile"]
           + [source, "-o", exe] + config[side]["link"])
    proc = subprocess.run([a for a in cmd if a], capture_output=True, text=True)
    if proc.returncode:
        raise HarnessError(f"{side} build of {source} failed:\n{proc.stderr[-4000:]}")
    return exe


def run_program(exe, count, timeout=600):
    """case number -> printed lines; a crash is one `crash: ...` line of the
    case it hit, and the run resumes at the next case."""
    lines = defaultdict(list)
    first = 0
    while first < count:
        proc = subprocess.run([exe, str(first)], capture_output=True, text=True,
                              timeout=timeout)
        current = None
        for line in proc.stdout.splitlines():
            if line.startswith("case "):
                current = int(line[5:])
            elif line != "done" and current is not None:
                lines[current].append(line)
        if proc.returncode == 0:
            break
        if current is None:
            raise HarnessError(f"{exe} failed before its first case: {proc.stderr[-2000:]}")
        lines[current].append(f"crash: exit status {proc.returncode}")
        first = current + 1
    return lines


def same_token(a, b):
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    if math.isnan(x) or math.isnan(y) or math.isinf(x) or math.isinf(y):
        return False
    return abs(x - y) <= 1e-4 + 1e-4 * max(abs(x), abs(y))


def same_line(a, b):
    ta, tb = a.split(" "), b.split(" ")
    return len(ta) == len(tb) and all(same_token(x, y) for x, y in zip(ta, tb))


def field_of(a, b):
    """Which observation differs: a key like `fn=`, `values`, `throws`."""
    if " throws " in a or " throws " in b:
        if " throws " in a and " throws " in b:
            ta, tb = a.split(": ", 1)[0], b.split(": ", 1)[0]
            return "exception type" if ta != tb else "exception text"
        return "throws on one side"
    if a.startswith("crash") or b.startswith("crash"):
        return "crash"
    ta, tb = a.split(" "), b.split(" ")
    for x, y in zip(ta, tb):
        if not same_token(x, y):
            return x.split("=")[0] + "=" if "=" in x and not x.startswith("=") else "values"
    return "line count"


def first_difference(lib, rt):
    for i in range(max(len(lib), len(rt))):
        a = lib[i] if i < len(lib) else "(nothing)"
        b = rt[i] if i < len(rt) else "(nothing)"
        if not same_line(a, b):
            return a, b
    return None


def step_of(line):
    parts = line.split(" ")
    if len(parts) > 1 and parts[1].startswith("s") and parts[1][1:].isdigit():
        return int(parts[1][1:])
    return -1


def compare(cases, outputs):
    return [d for d in compare_each(cases, outputs) if d]


def compare_each(cases, outputs):
    """One Divergence or None per case, in order."""
    result = []
    for number, case in enumerate(cases):
        diff = first_difference(outputs["libtorch"].get(number, []),
                                outputs["runtime"].get(number, []))
        if not diff:
            result.append(None)
            continue
        lib, rt = diff
        s = max(step_of(lib), step_of(rt))
        st = next((x for x in case.steps if x.index == s), None)
        result.append(Divergence(case.seed, case.index, s, st.kind if st else "?",
                                 field_of(lib, rt), lib, rt, st.code if st else ""))
    return result


def run_both(config, cases, work, name):
    os.makedirs(work, exist_ok=True)
    source = os.path.join(work, f"{name}.cpp")
    with open(source, "w") as f:
        f.write(program.emit(cases))
    with ThreadPoolExecutor(2) as pool:
        exes = dict(zip(SIDES, pool.map(
            lambda side: build(config, source, side, os.path.join(work, f"{name}_{side}")),
            SIDES)))
    return {side: run_program(exes[side], len(cases)) for side in SIDES}


def family(d):
    return (d.kind, d.field)


def minimize(config, case, div, work):
    """Drops steps while the case still diverges in the same family; each
    round builds one program holding every candidate."""
    for _ in range(64):
        candidates = [program.without(case, [s.index]) for s in case.steps]
        candidates = [c for c in candidates if c.steps]
        if not candidates:
            break
        outputs = run_both(config, candidates, work, "minimize")
        keep = [c for c, d in zip(candidates, compare_each(candidates, outputs))
                if d and family(d) == family(div)]
        if not keep:
            break
        case = min(keep, key=lambda c: len(c.steps))
    return case


def report(divergences, total, out):
    print(f"fuzz: {total} cases, {len(divergences)} diverged", file=out)
    for d in divergences:
        print(f"  seed {d.seed} case {d.case} step {d.step} [{d.kind}] {d.field}\n"
              f"    code:     {d.code}\n"
              f"    libtorch: {d.libtorch}\n"
              f"    runtime:  {d.runtime}", file=out)
    families = Counter(family(d) for d in divergences)
    if families:
        print("families (kind, what differs): cases", file=out)
        for (kind, field), n in families.most_common():
            print(f"  {n:5d}  {kind}  {field}", file=out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--config", required=True, help="fuzz_config.json from the build")
    ap.add_argument("--work", default="fuzz-work", help="directory for programs and binaries")
    ap.add_argument("--seeds", default="1", help="e.g. 1-20 or 3,7")
    ap.add_argument("--cases", type=int, default=200, help="cases per seed")
    ap.add_argument("--steps", type=int, default=12, help="steps per case")
    ap.add_argument("--features", default=",".join(CI_FEATURES),
                    help="comma-separated groups of " + ",".join(program.FEATURES))
    ap.add_argument("--minimize", type=int, default=3,
                    help="minimize the first divergence of up to N families")
    ap.add_argument("--ci", action="store_true", help="the fixed CI slice")
    ap.add_argument("--only", metavar="SEED:CASE[,...]",
                    help="run (and minimize) these cases only, e.g. 4:265,7:12")
    ap.add_argument("--json", help="write the divergences here as JSON")
    args = ap.parse_args(argv)
    if args.ci:
        seeds, count, features = CI_SEEDS, CI_CASES, CI_FEATURES
    else:
        seeds, count = parse_seeds(args.seeds), args.cases
        features = tuple(f for f in args.features.split(",") if f)
        unknown = set(features) - set(program.FEATURES)
        if unknown:
            ap.error(f"unknown features: {', '.join(sorted(unknown))}")
    try:
        with open(args.config) as f:
            config = json.load(f)
    except (OSError, ValueError) as e:
        print(f"fuzz: cannot read the config {args.config}: {e}", file=sys.stderr)
        return 2
    divergences, total = [], 0
    try:
        if args.only:
            seeds = []
            cases = [program.generate(int(seed), 1, args.steps, features, first=int(first))[0]
                     for seed, _, first in (item.partition(":")
                                            for item in args.only.split(","))]
            args.minimize = max(args.minimize, 1)
            outputs = run_both(config, cases, args.work, "only")
            divergences += compare(cases, outputs)
            total += len(cases)
        for seed in seeds:
            cases = program.generate(seed, count, args.steps, features)
            outputs = run_both(config, cases, args.work, f"seed{seed}")
            divergences += compare(cases, outputs)
            total += len(cases)
        report(divergences, total, sys.stdout)
        seen = set()
        for d in divergences:
            if len(seen) >= args.minimize or family(d) in seen:
                continue
            seen.add(family(d))
            case = program.generate(d.seed, 1, args.steps, features, first=d.case)[0]
            small = minimize(config, case, d, os.path.join(args.work, "minimize"))
            print(f"\nreproducer for [{d.kind}] {d.field} (seed {d.seed} case {d.case}, "
                  f"{len(small.steps)} of {len(case.steps)} steps):\n"
                  + program.emit_case(small, 0))
    except HarnessError as e:
        print(f"fuzz: {e}", file=sys.stderr)
        return 2
    if args.json:
        with open(args.json, "w") as f:
            json.dump([d.__dict__ for d in divergences], f, indent=1)
    return 1 if divergences else 0


if __name__ == "__main__":
    sys.exit(main())
