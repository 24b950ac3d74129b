"""Writes a compile_commands.json for the bundled examples' .cpp files: the
classifier project and the demo pairs (the seed programs show the runtime's
semantics and are left out, to keep the real-header runs short).

    examples_db.py --src <repo> --out <dir> -- <compiler flags...>

Used by examples-real-headers.test to lint the bundled examples with the
runtime's headers and with real LibTorch's, under the same flags otherwise.
"""
import argparse
import glob
import json
import os
import shlex
import sys


def main():
    if "--" not in sys.argv:
        sys.exit("usage: examples_db.py --src <repo> --out <dir> -- <flags>")
    split = sys.argv.index("--")
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(sys.argv[1:split])
    # lit passes "%libtorch_includes" as one word when it is quoted.
    flags = [f for a in sys.argv[split + 1:] for f in shlex.split(a)]
    files = sorted(
        glob.glob(os.path.join(args.src, "examples", "classifier", "*.cpp")) +
        glob.glob(os.path.join(args.src, "examples", "demos", "*", "*.cpp")))
    os.makedirs(args.out, exist_ok=True)
    db = [{"directory": args.out, "file": f,
           "arguments": ["clang++"] + flags + ["-c", f]} for f in files]
    with open(os.path.join(args.out, "compile_commands.json"), "w") as out:
        json.dump(db, out, indent=1)


if __name__ == "__main__":
    main()
