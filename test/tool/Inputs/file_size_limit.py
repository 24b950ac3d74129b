#!/usr/bin/env python3
"""Run a command unable to write files beyond N bytes: a disk that fills up.

Usage: file_size_limit.py <bytes> <command> [args...]

RLIMIT_FSIZE makes a write past the limit fail with EFBIG (SIGXFSZ, which
would kill the process, is ignored), as ENOSPC fails a write on a full disk.
The command's stdout and stderr go through pipes to this script's, so that
they are not limited when they are redirected to files. Exits with the
command's status.
"""
import resource
import signal
import subprocess
import sys

limit = int(sys.argv[1])


def limit_file_size():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


child = subprocess.run(sys.argv[2:], preexec_fn=limit_file_size,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
sys.stdout.buffer.write(child.stdout)
sys.stderr.buffer.write(child.stderr)
sys.exit(child.returncode if child.returncode >= 0 else 128 - child.returncode)
