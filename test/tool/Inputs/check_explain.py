#!/usr/bin/env python3
"""Checks that `torch-tidy --explain` shows what the docs say.

    check_explain.py <torch-tidy> <repo>

For every docs/checks/<name>.md, `torch-tidy --explain torch-<name>` must
exit 0 and print the check's name, a blank line, the page's first paragraph
(the lines after the title up to the next blank line) exactly, a blank line,
and the page's path. Prints one line per problem and exits 1, or a summary
and exits 0.
"""
import glob
import os
import subprocess
import sys


def first_paragraph(text):
    lines = text.split("\n")
    assert lines[0].startswith("# "), "no title"
    body = lines[1:]
    while body and not body[0].strip():
        body.pop(0)
    paragraph = []
    for line in body:
        if not line.strip():
            break
        paragraph.append(line)
    return paragraph


def main():
    tool, repo = sys.argv[1], sys.argv[2]
    problems, names = [], []
    for page in sorted(glob.glob(os.path.join(repo, "docs", "checks", "*.md"))):
        stem = os.path.splitext(os.path.basename(page))[0]
        name = "torch-" + stem
        names.append(name)
        with open(page, encoding="utf-8") as f:
            paragraph = first_paragraph(f.read())
        run = subprocess.run([tool, "--explain", name], capture_output=True,
                             text=True)
        expected = [name, ""] + paragraph + [
            "", f"Documentation: docs/checks/{stem}.md"]
        got = run.stdout.split("\n")[:len(expected)]
        if run.returncode != 0:
            problems.append(f"{name}: exit {run.returncode}: {run.stderr}")
        elif got != expected:
            problems.append(f"{name}: --explain prints {got!r}, the page "
                            f"says {expected!r}")
    if not names:
        problems.append(f"no docs/checks/*.md under {repo}")
    for p in problems:
        print(f"check_explain.py: {p}")
    if problems:
        return 1
    print(f"check_explain.py: {len(names)} checks explained as documented: "
          f"{', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
