"""Runs torch-tidy against a shared result cache in ways a user's machine
will: killed part-way, two runs at once, entries damaged on disk.

    cache_runs.py kill <cache dir> <reference> <command...>
        Starts the command, kills it (SIGKILL) as soon as it has stored its
        first cache entry, then runs it again to the end: its output must
        equal <reference> (a run without the cache).
    cache_runs.py concurrent <reference> <command...>
        Runs the command twice at once; both outputs must equal <reference>.
    cache_runs.py damage <cache dir> truncate|flip
        Truncates every entry to half its size, or flips one byte in the
        middle of each; prints how many entries it damaged.
"""
import os
import signal
import subprocess
import sys
import time


def entries(cache):
    found = []
    for root, _, names in os.walk(cache):
        found += [os.path.join(root, n) for n in names
                  if ".tmp-" not in n]
    return found


def expect_output(out, reference, what):
    with open(reference, "rb") as f:
        if out != f.read():
            sys.exit("cache_runs.py: %s printed other findings than the run "
                     "without the cache" % what)


def kill(cache, reference, cmd):
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while not entries(cache):
        if proc.poll() is not None:
            sys.exit("cache_runs.py: the run ended before it stored an entry; "
                     "give it more files")
        time.sleep(0.005)
    if proc.poll() is not None:
        sys.exit("cache_runs.py: the run ended before it could be killed; "
                 "give it more files")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = subprocess.run(cmd, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL)
    expect_output(done.stdout, reference, "the run after the killed one")
    print("killed after %d entries; the next run matches" %
          len(entries(cache)))


def concurrent(reference, cmd):
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL) for _ in range(2)]
    for i, proc in enumerate(procs):
        out, _ = proc.communicate()
        expect_output(out, reference, "concurrent run %d" % (i + 1))
    print("both concurrent runs match")


def damage(cache, how):
    paths = entries(cache)
    for path in paths:
        with open(path, "rb") as f:
            data = bytearray(f.read())
        if how == "truncate":
            data = data[:len(data) // 2]
        else:
            data[len(data) // 2] ^= 0x01
        with open(path, "wb") as f:
            f.write(data)
    print("damaged %d entries" % len(paths))


def main():
    mode = sys.argv[1]
    if mode == "kill":
        kill(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif mode == "concurrent":
        concurrent(sys.argv[2], sys.argv[3:])
    elif mode == "damage":
        damage(sys.argv[2], sys.argv[3])
    else:
        sys.exit("cache_runs.py: unknown mode %s" % mode)


if __name__ == "__main__":
    main()
