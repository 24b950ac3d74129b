#!/usr/bin/env python3
"""Each check's header comment says what its documentation page says.

The summary of a check is the first paragraph of docs/checks/<name>.md (what
--explain and the SARIF rules print, see tool/CMakeLists.txt). The `///`
doc comment of the class in checks/<Name>Check.h must say the same words: compared
after dropping the comment markers and Markdown backticks and joining lines.
Exit 0 when every pair agrees, 1 with the differing pairs; --self-test
checks that a difference is caught.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def words(text):
    return " ".join(text.replace("`", "").split())


def summary(page_text):
    body = re.sub(r"^#[^\n]*\n+", "", page_text)
    return body.split("\n\n", 1)[0]


def header_comment(header_text):
    """The first run of `///` lines (the class's doc comment)."""
    lines = []
    for line in header_text.splitlines():
        if line.startswith("///"):
            lines.append(line[3:])
        elif lines:
            break
    return "\n".join(lines)


def class_file(check):
    return "".join(p.capitalize() for p in check.split("-")) + "Check.h"


def check(root):
    problems = []
    pages = sorted((root / "docs" / "checks").glob("*.md"))
    if not pages:
        return ["no pages in docs/checks"]
    for page in pages:
        header = root / "checks" / class_file(page.stem)
        if not header.exists():
            problems.append("%s: no %s" % (page.name, header.name))
            continue
        doc = words(summary(page.read_text()))
        code = words(header_comment(header.read_text()))
        if doc != code:
            problems.append("%s and %s differ:\n  page:   %s\n  header: %s"
                            % (page.name, header.name, doc, code))
    return problems


def self_test():
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        (root / "docs" / "checks").mkdir(parents=True)
        (root / "checks").mkdir()
        (root / "docs" / "checks" / "x-y.md").write_text(
            "# torch-x-y\n\nFinds `a` things.\n\n## More\n")
        (root / "checks" / "XYCheck.h").write_text("/// Finds a\n/// things.\n")
        if check(root):
            print("self-test: equal texts reported as different")
            return 1
        (root / "checks" / "XYCheck.h").write_text("/// Finds b things.\n")
        if not check(root):
            print("self-test: a difference was not reported")
            return 1
    return 0


if __name__ == "__main__":
    if "--self-test" in sys.argv[1:]:
        sys.exit(self_test())
    found = check(ROOT)
    for p in found:
        print(p)
    sys.exit(1 if found else 0)
