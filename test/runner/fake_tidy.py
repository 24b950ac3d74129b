#!/usr/bin/env python3
"""A stand-in for torch-tidy (and for clang-tidy in -plugin mode) that lets the
runner's self-tests script the tool's behaviour from the input file.

Command line: the clang-tidy form, `fake_tidy.py [--flags] <file> -- <args>`.
It analyses nothing. Directives in the (CHECK-stripped) input:

  // FAKE-OUTPUT: -1:3: warning: msg [torch-x]
      prints `<file>:<line>:3: warning: msg [torch-x]`. A signed line number
      is relative to the directive's line, an unsigned one is absolute. Text
      that does not start with `<line>:<col>:` is printed as it is.
  // FAKE-OUTPUT[MACRO]: ...
      the same, only when `-DMACRO` is among the compiler arguments.
  // FAKE-FIX: old => new
      with --fix, replaces `old` by `new` on every line that is not only a
      comment (so directives and RUNNER lines stay intact) and writes the
      file back.
  // FAKE-EXIT: N
      exit code. Default: 2 if an `error:` was printed, else 1 if a
      `warning:` was, else 0 (the torch-tidy contract).
  // FAKE-ECHO-ARGS
      prints `fake-tidy argv: <arguments>` first.
"""

import re
import sys

DIRECTIVE = re.compile(r"//\s*FAKE-(OUTPUT|FIX|EXIT|ECHO-ARGS)"
                       r"(?:\[(\w+)\])?:?\s?(.*)$")
POSITION = re.compile(r"([+-]?)(\d+):(\d+):(.*)$", re.S)


def main(argv):
    tool_args, compiler_args = argv, []
    if "--" in argv:
        split = argv.index("--")
        tool_args, compiler_args = argv[:split], argv[split + 1:]
    files = [a for a in tool_args if not a.startswith("-")]
    if len(files) != 1:
        print("fake-tidy: error: expected exactly one input file, got %r"
              % files, file=sys.stderr)
        return 2
    path = files[0]
    fix = "--fix" in tool_args
    defines = {a[2:].split("=")[0] for a in compiler_args
               if a.startswith("-D")}

    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().splitlines(keepends=True)

    printed, fixes, exit_code = [], [], None
    for number, line in enumerate(lines, start=1):
        match = DIRECTIVE.search(line)
        if not match:
            continue
        kind, condition, text = match.groups()
        if condition and condition not in defines:
            continue
        if kind == "ECHO-ARGS":
            printed.insert(0, "fake-tidy argv: " + " ".join(argv))
        elif kind == "EXIT":
            exit_code = int(text)
        elif kind == "FIX":
            old, new = text.split(" => ", 1)
            fixes.append((old, new))
        else:
            position = POSITION.match(text)
            if position:
                sign, row, col, rest = position.groups()
                row = int(row)
                if sign:
                    row = number + (row if sign == "+" else -row)
                text = "%s:%d:%s:%s" % (path, row, col, rest)
            printed.append(text)

    for text in printed:
        print(text)

    if fix and fixes:
        out = []
        for line in lines:
            if not line.lstrip().startswith("//"):
                for old, new in fixes:
                    line = line.replace(old, new)
            out.append(line)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("".join(out))

    if exit_code is None:
        everything = "\n".join(printed)
        exit_code = (2 if "error:" in everything else
                     1 if "warning:" in everything else 0)
    return exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
