"""Runs torch-tidy as the jobs of a CI matrix would, one per shard, and
checks how the shards split the files.

    shard_runs.py run <N> <log dir> <command...>
        Runs the command N times, adding --shard K/N --output-format=sarif
        --output-file=<log dir>/K.sarif (K from 1 to N); each run must exit
        0 or 1. Then checks that every file of the run (the count in the
        logs' shard header) is in exactly one log, and prints, for each
        shard, its files by their project paths:
            K/N: <path> <path> ...
    shard_runs.py gen <dir> <count>
        Writes <count> small sources dir/src/f<i>.cpp and, in dir/build,
        their compile_commands.json.
"""
import json
import os
import subprocess
import sys


def units(log):
    with open(log) as f:
        bag = json.load(f)["runs"][0]["properties"]["torch-tidy/shard"]
    return bag, [u["file"] for u in bag["units"]]


def run(count, logs, cmd):
    os.makedirs(logs, exist_ok=True)
    seen = {}
    total = None
    lines = []
    for k in range(1, count + 1):
        log = os.path.join(logs, "%d.sarif" % k)
        status = subprocess.call(
            cmd + ["--shard", "%d/%d" % (k, count), "--output-format=sarif",
                   "--output-file=" + log],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if status not in (0, 1):
            sys.exit("shard_runs.py: shard %d exited %d" % (k, status))
        bag, files = units(log)
        total = bag["files"]
        for f in files:
            if f in seen:
                sys.exit("shard_runs.py: %s is in shards %d and %d"
                         % (f, seen[f], k))
            seen[f] = k
        lines.append("%d/%d: %s" % (k, count, " ".join(sorted(files))))
    if len(seen) != total:
        sys.exit("shard_runs.py: the shards lint %d of the %d files"
                 % (len(seen), total))
    print("\n".join(lines))


def gen(directory, count):
    os.makedirs(os.path.join(directory, "src"), exist_ok=True)
    os.makedirs(os.path.join(directory, "build"), exist_ok=True)
    entries = []
    for i in range(count):
        source = os.path.join(directory, "src", "f%d.cpp" % i)
        with open(source, "w") as f:
            f.write("int f%d() { return %d; }\n" % (i, i))
        entries.append({"directory": directory, "file": source,
                        "arguments": ["clang++", "-c", source]})
    with open(os.path.join(directory, "build", "compile_commands.json"),
              "w") as f:
        json.dump(entries, f, indent=1)


if sys.argv[1] == "run":
    run(int(sys.argv[2]), sys.argv[3], sys.argv[4:])
elif sys.argv[1] == "gen":
    gen(sys.argv[2], int(sys.argv[3]))
else:
    sys.exit(__doc__)
