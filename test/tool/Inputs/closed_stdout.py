"""Runs a command whose standard output is a pipe nobody reads: the read end
is closed before the command starts, so its first write fails (SIGPIPE or
EPIPE). Exits with the command's status, or 128 + the signal that killed it.

    closed_stdout.py <command> [<arg>...]
"""
import os
import subprocess
import sys


def main():
    read_end, write_end = os.pipe()
    os.close(read_end)
    status = subprocess.call(sys.argv[1:], stdout=write_end)
    os.close(write_end)
    return 128 - status if status < 0 else status


if __name__ == "__main__":
    sys.exit(main())
