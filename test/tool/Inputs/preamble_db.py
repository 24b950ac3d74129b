"""Writes <dir>/compile_commands.json: each source with the given flags.

    preamble_db.py <dir> "<flags>" <source>...
"""
import json
import os
import shlex
import sys

directory, flags, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
entries = [{"directory": directory, "file": source,
            "arguments": ["clang++", "-std=c++17"] + shlex.split(flags)
            + ["-c", source]} for source in sources]
with open(os.path.join(directory, "compile_commands.json"), "w") as f:
    json.dump(entries, f, indent=1)
