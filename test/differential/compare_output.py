#!/usr/bin/env python3
"""Runs a differential test program and compares its stdout with a golden file.

    compare_output.py PROGRAM EXPECTED            # compare; unified diff on mismatch
    compare_output.py --update PROGRAM EXPECTED   # (re)write EXPECTED from PROGRAM

Goldens are written only from the programs built against real LibTorch 1.13
(target diff_update_goldens); the runtime must match them byte for byte.
Exit status: 0 on match, 1 on mismatch or when the program fails.
"""
import argparse
import difflib
import os
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true",
                        help="write the program's output to EXPECTED")
    parser.add_argument("program")
    parser.add_argument("expected")
    args = parser.parse_args()

    try:
        proc = subprocess.run([args.program], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, timeout=300)
    except subprocess.TimeoutExpired:
        print(f"{args.program}: timed out", file=sys.stderr)
        return 1
    actual = proc.stdout.decode("utf-8", errors="replace")
    if proc.returncode != 0:
        sys.stdout.write(actual)
        sys.stderr.write(proc.stderr.decode("utf-8", errors="replace"))
        print(f"{args.program}: exited with status {proc.returncode}",
              file=sys.stderr)
        return 1

    if args.update:
        os.makedirs(os.path.dirname(os.path.abspath(args.expected)),
                    exist_ok=True)
        with open(args.expected, "w", encoding="utf-8", newline="\n") as f:
            f.write(actual)
        print(f"wrote {args.expected} ({actual.count(chr(10))} lines)")
        return 0

    try:
        with open(args.expected, encoding="utf-8", newline="") as f:
            expected = f.read()
    except OSError as e:
        print(f"cannot read golden file: {e}", file=sys.stderr)
        return 1

    if actual == expected:
        print(f"match: {args.expected} ({expected.count(chr(10))} lines)")
        return 0

    diff = difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True),
        fromfile=args.expected, tofile=os.path.basename(args.program) + " (actual)")
    sys.stdout.writelines(line if line.endswith("\n") else line + "\n"
                          for line in diff)
    print(f"MISMATCH: {args.program} differs from {args.expected}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
