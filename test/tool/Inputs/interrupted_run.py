"""Interrupts a run and checks that its output file is untouched.

    interrupted_run.py <output file> <seconds> <command...>

Writes a marker into <output file>, starts the command (which writes that
file), sends it SIGTERM after <seconds>, and fails unless the command died
of the signal, the file still holds the marker and no temporary file is
left next to it.
"""
import os
import signal
import subprocess
import sys
import time

MARKER = "the previous run's complete log\n"


def main():
    path, seconds, cmd = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
    with open(path, "w") as f:
        f.write(MARKER)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    if proc.poll() is not None:
        sys.exit("interrupted_run.py: the command ended before the signal "
                 "(exit %d); give it more work" % proc.returncode)
    proc.send_signal(signal.SIGTERM)
    proc.wait()
    with open(path) as f:
        if f.read() != MARKER:
            sys.exit("interrupted_run.py: %s was changed by the interrupted "
                     "run" % path)
    directory, name = os.path.split(os.path.abspath(path))
    left = [n for n in os.listdir(directory)
            if n.startswith(name) and n != name]
    if left:
        sys.exit("interrupted_run.py: temporary files left: %s" % left)
    print("unchanged")


if __name__ == "__main__":
    main()
