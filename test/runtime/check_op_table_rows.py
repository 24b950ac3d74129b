#!/usr/bin/env python3
"""Keeps the op table's Source column and the runtime in step.

Every row of runtime/optable/torch_tidy/ops/OpTable.def marked `Runtime` must
be recorded by the runtime (a TT_OP("name", "overload") in runtime/src, or a
TT_UNARY(name, ...) op, which records `name` and `name_`), and every op the
runtime records must be a row marked `Runtime`. (The build already rejects a
TT_OP of a missing or unmarked row; this catches a Runtime row the runtime
lacks.) A lookup without an overload takes the first row of the name, as
ops::find does.

Exit status 0 when both hold, 1 with one line per problem otherwise.
--self-test checks that the checker catches each kind of problem.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
ROW = re.compile(
    r'^TORCH_TIDY_OP\("([^"]*)",\s*"([^"]*)",\s*\w+,\s*"[^"]*",\s*(\w+),', re.M)
TT_OP = re.compile(r'TT_OP\("([^"]*)",\s*"([^"]*)"\)')
TT_UNARY = re.compile(r'^TT_UNARY\((\w+),', re.M)


def rows(def_text):
    """[(name, overload, source)] in table order."""
    return ROW.findall(def_text)


def resolve(table, name, overload):
    for n, o, source in table:
        if n == name and (not overload or o == overload):
            return (n, o)
    return None


def recorded(sources):
    """The (name, overload) lookups the runtime's sources make."""
    uses = set()
    for text in sources:
        uses.update(TT_OP.findall(text))
        for name in TT_UNARY.findall(text):
            uses.update({(name, ""), (name + "_", "")})
    return uses


def check(def_text, sources):
    table = rows(def_text)
    problems = []
    if not table:
        return ["no TORCH_TIDY_OP rows found in the op table"]
    used = {}
    for name, overload in sorted(recorded(sources)):
        row = resolve(table, name, overload)
        if row is None:
            problems.append('runtime records "%s" (%s): no such row'
                            % (name, overload))
        else:
            used[row] = (name, overload)
    for name, overload, source in table:
        row = (name, overload)
        if source == "Runtime" and row not in used:
            problems.append('row "%s" (%s) is marked Runtime but the runtime '
                            'does not record it' % row)
        if source != "Runtime" and row in used:
            problems.append('row "%s" (%s) is recorded by the runtime but '
                            'marked %s' % (name, overload, source))
    return problems


def self_test():
    table = '''
TORCH_TIDY_OP("mul", "Tensor", Functional, "MulBackward0", Runtime, SAVES())
TORCH_TIDY_OP("exp", "", Functional, "ExpBackward0", Runtime, SAVES())
TORCH_TIDY_OP("exp_", "", InPlace, "ExpBackward0", Runtime, SAVES())
TORCH_TIDY_OP("gelu", "", Functional, "GeluBackward0", Checks, SAVES())
'''
    good = ['record(TT_OP("mul", "Tensor"), ...);\nTT_UNARY(exp, std::exp(x), bw)\n']
    cases = {
        "consistent": (table, good, 0),
        "Runtime row the runtime lacks": (table, ['TT_UNARY(exp, e, bw)\n'], 1),
        "runtime op without a row": (table, good + ['TT_OP("sin", "")'], 1),
        "recorded row marked Checks": (table, good + ['TT_OP("gelu", "")'], 1),
    }
    failed = 0
    for what, (t, s, want) in cases.items():
        got = len(check(t, s))
        if (got > 0) != (want > 0):
            print("self-test: %s: %d problems, expected %d" % (what, got, want))
            failed += 1
    return 1 if failed else 0


def main():
    if "--self-test" in sys.argv[1:]:
        return self_test()
    def_text = (ROOT / "runtime" / "optable" / "torch_tidy" / "ops" /
                "OpTable.def").read_text()
    sources = [p.read_text() for p in sorted((ROOT / "runtime" / "src")
                                             .rglob("*.[ch]*"))]
    problems = check(def_text, sources)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
