#!/usr/bin/env python3
"""Writes what a torch-tidy binary reports on every lit input and example.

Usage:
  scripts/findings-snapshot.py --tool <torch-tidy> --out <dir> [--build build]
                               [--no-libtorch] [-j N]

For a refactoring that must not change behaviour: snapshot with the binary
built before the change and with the one built after, then `diff -r` the two
directories; an empty diff is the proof. Each input gets one file holding the
diagnostics (stdout and stderr, the timing of the summary line removed) and
the fixes torch-tidy exports, under every check (`-*,torch-*`):

  * test/checks/*.cpp and test/tool/Inputs/*.cpp on the runtime headers;
  * the test/checks files whose RUN lines use %libtorch_includes, again on
    the real LibTorch headers (skipped with --no-libtorch: ~12 s each);
  * test/checks/inplace-on-saved-options.cpp with UnknownOps: assume-saved;
  * examples/demos/*/{bad,fixed}.cpp and the bundled project through
    <build>/compile_commands.json.
"""

import argparse
import concurrent.futures
import glob
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNTIME = ["-std=c++17", "-I" + os.path.join(REPO, "runtime", "include"),
           "-I" + os.path.join(REPO, "test", "checks", "Inputs", "Headers")]
LIBTORCH_API = "/usr/include/torch/csrc/api/include"


def jobs(build):
    """(name, torch-tidy arguments) for every input."""
    out = []
    lit = sorted(glob.glob(os.path.join(REPO, "test", "checks", "*.cpp")))
    tool_inputs = sorted(glob.glob(os.path.join(REPO, "test", "tool",
                                                "Inputs", "*.cpp")))
    for f in lit + tool_inputs:
        text = open(f).read()
        rel = os.path.relpath(f, REPO)
        if "REQUIRES: libtorch" not in text:
            out.append((rel, [f, "--"] + RUNTIME))
        if "%libtorch_includes" in text:
            out.append((rel + ".libtorch",
                        [f, "--", "-std=c++17", "-isystem", LIBTORCH_API]))
    opts = os.path.join(REPO, "test", "checks", "inplace-on-saved-options.cpp")
    out.append((os.path.relpath(opts, REPO) + ".assume-saved",
                [opts, "-config={CheckOptions: "
                 "{torch-inplace-on-saved.UnknownOps: assume-saved}}",
                 "--"] + RUNTIME))
    for f in sorted(glob.glob(os.path.join(REPO, "examples", "demos", "*",
                                           "*.cpp"))):
        out.append((os.path.relpath(f, REPO), [f, "-p", build]))
    project = sorted(glob.glob(os.path.join(REPO, "examples", "classifier",
                                            "*.cpp")))
    out.append(("examples/classifier", ["-p", build] + project))
    return out


SECONDS = re.compile(r", [0-9.]+s$", re.M)


def run(tool, name, args, want_libtorch):
    if name.endswith(".libtorch") and not want_libtorch:
        return name, None
    with tempfile.TemporaryDirectory() as tmp:
        fixes = os.path.join(tmp, "fixes.yaml")
        cmd = [tool, "--checks=-*,torch-*", "--export-fixes=" + fixes] + args
        p = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
        text = "exit %d\n--- stdout\n%s--- stderr\n%s" % (
            p.returncode, p.stdout, SECONDS.sub(", <t>s", p.stderr))
        if os.path.exists(fixes):
            text += "--- fixes\n" + open(fixes).read()
    return name, text


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tool", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--build", default=os.path.join(REPO, "build"))
    ap.add_argument("--no-libtorch", action="store_true")
    ap.add_argument("-j", type=int, default=os.cpu_count())
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    with concurrent.futures.ThreadPoolExecutor(a.j) as pool:
        futures = [pool.submit(run, os.path.abspath(a.tool), n, args,
                               not a.no_libtorch)
                   for n, args in jobs(os.path.abspath(a.build))]
        for fut in futures:
            name, text = fut.result()
            if text is None:
                continue
            path = os.path.join(a.out, name.replace("/", "__") + ".txt")
            with open(path, "w") as f:
                f.write(text)
    print("wrote %d snapshots to %s" % (len(os.listdir(a.out)), a.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
