#!/usr/bin/env python3
"""Checks the generator's bookkeeping that the minimizer relies on: every
variable and module a step's code names is declared by the case (in its
steps' defines or uses), in the generated cases and in every one-step-smaller
candidate `program.without` makes of them. A name missing from a step's
`uses` lets the minimizer drop its definition and emit a program that does
not compile (seen: `backward(..., inputs)` naming its leaves only in code).

Exit status 0 when it holds, 1 with one line per problem otherwise.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import program  # noqa: E402

NAME = re.compile(r"\b([tm]\d+)\b")


def undeclared(case):
    """Names in the steps' code that the case does not declare."""
    declared = set(case.variables()) | {m for m, _ in case.module_variables()}
    missing = set()
    for step in case.steps:
        missing |= set(NAME.findall(step.code)) - declared
    return missing


def main():
    problems = []
    for seed in (1, 2, 3):
        for case in program.generate(seed, 60, 12, program.FEATURES):
            candidates = [case] + [program.without(case, [s.index]) for s in case.steps]
            for candidate in candidates:
                missing = undeclared(candidate)
                if missing:
                    problems.append(f"seed {seed} case {case.index}: "
                                    f"{len(candidate.steps)} steps name undeclared "
                                    f"{', '.join(sorted(missing))}")
                    break
    for p in problems:
        print(p)
    print(f"program_test: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
