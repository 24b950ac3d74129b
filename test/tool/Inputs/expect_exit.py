#!/usr/bin/env python3
"""Run a command and require an exact exit status (lit's `not` only knows
"non-zero", and torch-tidy's 1 = findings and 2 = error must not blur).

    expect_exit.py <status> <command> [<arg>...]

The command's stdout and stderr pass through unchanged. Exit 0 when the
status matched; otherwise 1, after a line on stderr naming both statuses
(a death by signal is reported as such, never matched).
"""
import subprocess
import sys


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit():
        sys.exit("usage: expect_exit.py <status> <command> [<arg>...]")
    expected = int(sys.argv[1])
    status = subprocess.call(sys.argv[2:])
    if status == expected:
        return 0
    got = f"signal {-status}" if status < 0 else f"exit {status}"
    sys.stdout.flush()
    print(f"expect_exit.py: expected exit {expected}, got {got}: "
          f"{' '.join(sys.argv[2:])}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
