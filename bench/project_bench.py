#!/usr/bin/env python3
"""Project-scale cost of torch-tidy: cold run, unchanged re-run, one file
changed, as ratios to the compiler's own parse of the same files.

    python3 bench/project_bench.py [--build build] [--files 10] [--runs 3]
                                   [-j 2] [--keep DIR]

Writes a project of --files sources that include the real LibTorch headers
(the programs of bench/inputs/, cycled, each in a namespace of its own) and
its compile_commands.json, then measures, --runs times each, the CPU time
(user + system of the process and its threads, from os.wait4):

  baseline   clang++-19 -fsyntax-only of every file, one after the other,
             summed;
  cold       torch-tidy -p DB with an empty result cache;
  unchanged  the same run again (every file replayed from the cache);
  one edit   after a change to one file that leaves its project facts as
             they were (a new unused variable);

and the peak resident memory of the cold run. Prints the medians and each
run's ratio to the baseline's median, and fails when a run's findings differ
from those of a run without cache or preamble (they must be
byte-identical). Each file gets a function with a finding. Timing is a benchmark,
not a test: run it on a quiet machine.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from tidy_bench import REPO, libtorch_flags  # noqa: E402

CLANG = "/usr/lib/llvm-19/bin/clang++"

# A finding in every file (inference without a grad guard), so that the
# findings the runs are compared on are not empty.
PROBE = """
torch::Tensor bench_probe(torch::nn::Linear &net, const torch::Tensor &x) {
  net->eval();
  return net->forward(x);
}
"""


def measured(cmd, ok_codes, cwd=None):
    """Runs cmd to completion; returns (CPU seconds, max RSS MiB, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode not in ok_codes:
            sys.stderr.write(err.read().decode(errors="replace"))
            sys.exit(f"project_bench.py: exit {proc.returncode} from: "
                     f"{' '.join(cmd)}")
        return (usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0,
                out.read())


def write_project(dest, count):
    programs = sorted(os.path.join(HERE, "inputs", f)
                      for f in os.listdir(os.path.join(HERE, "inputs"))
                      if f.endswith(".cpp"))
    src = os.path.join(dest, "src")
    os.makedirs(src)
    flags = ["-std=c++17"] + libtorch_flags()
    entries = []
    for i in range(count):
        with open(programs[i % len(programs)]) as f:
            text = f.read()
        # Each file its own copy: a namespace keeps the copies apart, and
        # main() is renamed so that the files could link together.
        head, _, body = text.partition("\n#include <torch/torch.h>\n")
        path = os.path.join(src, "unit%02d.cpp" % i)
        with open(path, "w") as f:
            f.write(head + "\n#include <torch/torch.h>\n"
                    + "namespace unit%02d {\n" % i
                    + body.replace("int main(", "int run_main(")
                    + PROBE + "\n}  // namespace unit%02d\n" % i)
        entries.append({"directory": dest, "file": path,
                        "arguments": ["clang++"] + flags + ["-c", path]})
    db = os.path.join(dest, "build")
    os.makedirs(db)
    with open(os.path.join(db, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)
    return entries


def baseline(entries):
    total = 0.0
    for e in entries:
        cmd = [CLANG] + e["arguments"][1:-2] + ["-fsyntax-only", e["file"]]
        total += measured(cmd, {0}, cwd=e["directory"])[0]
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(REPO, "build"))
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("--keep", help="write the project here and keep it")
    args = ap.parse_args()
    tool = os.path.join(args.build, "torch-tidy")
    dest = args.keep or tempfile.mkdtemp(prefix="project_bench.")
    if os.path.exists(os.path.join(dest, "src")):
        shutil.rmtree(os.path.join(dest, "src"))
        shutil.rmtree(os.path.join(dest, "build"), ignore_errors=True)
    entries = write_project(dest, args.files)
    cache = os.path.join(dest, "cache")
    lint = [tool, "-p", os.path.join(dest, "build"), "--checks=-*,torch-*",
            "-j", str(args.j), "--cache-dir", cache]
    edited = entries[0]["file"]
    with open(edited) as f:
        original = f.read()

    # The findings every run must print: the files parsed whole, no cache.
    reference = measured(lint[:-2] + ["--no-cache", "--no-pch"], {0, 1})[2]
    if not reference:
        sys.exit("project_bench.py: the project has no findings to compare")
    results = {"baseline": [], "cold": [], "unchanged": [], "one edit": []}
    memory = []
    for run in range(args.runs):
        results["baseline"].append(baseline(entries))
        shutil.rmtree(cache, ignore_errors=True)
        with open(edited, "w") as f:
            f.write(original)
        cpu, rss, out = measured(lint, {0, 1})
        results["cold"].append(cpu)
        memory.append(rss)
        cpu, _, out2 = measured(lint, {0, 1})
        results["unchanged"].append(cpu)
        with open(edited, "a") as f:
            f.write("\n[[maybe_unused]] static int project_bench_edit_%d = 0;\n"
                    % run)
        cpu, _, out3 = measured(lint, {0, 1})
        results["one edit"].append(cpu)
        for name, got in (("cold", out), ("unchanged", out2),
                          ("one edit", out3)):
            if got != reference:
                sys.exit("project_bench.py: the %s run's findings differ "
                         "from those of the files parsed whole" % name)
    with open(edited, "w") as f:
        f.write(original)

    base = statistics.median(results["baseline"])
    print("%d files, -j %d, %d runs; CPU seconds (median) and ratio to the "
          "summed clang++-19 -fsyntax-only:" % (args.files, args.j, args.runs))
    for name, values in results.items():
        med = statistics.median(values)
        print("  %-10s %8.2f s  %6.3fx   runs: %s" % (
            name, med, med / base,
            " ".join("%.2f" % v for v in values)))
    print("  peak memory of the cold run: %.0f MiB (median)" %
          statistics.median(memory))
    if not args.keep:
        shutil.rmtree(dest)


if __name__ == "__main__":
    main()
