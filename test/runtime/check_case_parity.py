#!/usr/bin/env python3
"""Keeps each check's lit test and its runtime case test in step.

For every pair (test/checks/<check>.cpp, test/runtime/<name>_cases_test.cpp):
  - every `pos_*` / `neg_*` function of the lit file is run by the case test
    (TT_POSITIVE / TT_NEGATIVE), as the right kind, and nothing else is;
  - every pos_* function's body expects a diagnostic (CHECK-MESSAGES ...
    warning: or note:) and no neg_* function's body does.
Exit status 0 when all hold, 1 with one line per problem otherwise.
"""
import pathlib
import re
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAIRS = [
    ("inplace-on-saved.cpp", "inplace_on_saved_cases_test.cpp"),
    ("inplace-on-saved-options.cpp", "inplace_on_saved_options_cases_test.cpp"),
    ("inference-tensor-escape.cpp", "inference_tensor_escape_cases_test.cpp"),
    ("backward-without-grad.cpp", "backward_without_grad_cases_test.cpp"),
]
FUNCTION = re.compile(r"^(?:void|torch::Tensor|auto) ((pos|neg)_\w+)\(", re.M)
CASE = re.compile(r"TT_(POSITIVE|NEGATIVE)(?:_CALL)?\(\s*\w+,\s*(\w+)")


def bodies(text):
    """Yields (name, kind, body) for each case function of a lit file."""
    for match in FUNCTION.finditer(text):
        end = text.find("\n}", match.end())
        yield match.group(1), match.group(2), text[match.end():end]


def check(lit_name, case_name, root=ROOT):
    problems = []
    lit = (root / "test" / "checks" / lit_name).read_text()
    cases = (root / "test" / "runtime" / case_name).read_text()
    run = {name: kind for kind, name in CASE.findall(cases)}
    seen = set()
    for name, kind, body in bodies(lit):
        seen.add(name)
        # A positive expects its warning, or, when the bug sits in a helper
        # that the case calls, the note at the case's backward.
        expects_warning = re.search(
            r"CHECK-MESSAGES(-\w+)?:.*(warning|note):", body)
        if kind == "pos" and not expects_warning:
            problems.append(f"{lit_name}: {name} expects no warning")
        if kind == "neg" and expects_warning:
            problems.append(f"{lit_name}: {name} expects a warning")
        want = "POSITIVE" if kind == "pos" else "NEGATIVE"
        if name not in run:
            problems.append(f"{case_name}: {name} is not run")
        elif run[name] != want:
            problems.append(f"{case_name}: {name} must be TT_{want}")
    for name in sorted(set(run) - seen):
        problems.append(f"{case_name}: {name} is not a case of {lit_name}")
    if not seen:
        problems.append(f"{lit_name}: no pos_/neg_ functions found")
    return problems


def self_test():
    """The checker reports each kind of drift (so its silence means something)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        (root / "test" / "checks").mkdir(parents=True)
        (root / "test" / "runtime").mkdir(parents=True)
        (root / "test" / "checks" / "x.cpp").write_text(
            "void pos_silent() {\n}\n"
            "void neg_loud() {\n  // CHECK-MESSAGES: :1:1: warning: w\n}\n"
            "void pos_unrun() {\n  // CHECK-MESSAGES: :1:1: warning: w\n}\n"
            "void neg_wrong_kind() {\n}\n")
        (root / "test" / "runtime" / "x_test.cpp").write_text(
            "TT_POSITIVE(S, pos_silent, e)\nTT_NEGATIVE(S, neg_loud)\n"
            "TT_POSITIVE(S, neg_wrong_kind, e)\nTT_NEGATIVE(S, neg_gone)\n")
        found = check("x.cpp", "x_test.cpp", root)
    expected = [
        "x.cpp: pos_silent expects no warning",
        "x.cpp: neg_loud expects a warning",
        "x_test.cpp: pos_unrun is not run",
        "x_test.cpp: neg_wrong_kind must be TT_NEGATIVE",
        "x_test.cpp: neg_gone is not a case of x.cpp",
    ]
    if sorted(found) != sorted(expected):
        print("self-test failed:", found)
        return 1
    print("self-test passed")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    problems = []
    for lit_name, case_name in PAIRS:
        problems += check(lit_name, case_name)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
