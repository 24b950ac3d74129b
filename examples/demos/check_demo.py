#!/usr/bin/env python3
"""Checks one demo pair (examples/demos/<check>/).

  check_demo.py run  --dir D --bad B --fixed F [--libtorch] [--update]
      Runs the two programs; each must exit 0 and print exactly
      D/<form>.expected. With --libtorch (programs built against real
      LibTorch) lines starting with "[runtime]" are left out of both sides.
      --update rewrites the expected files from the programs' output.

  check_demo.py lint --dir D --check torch-<name> --tidy T --build-dir B
                     --doc P --runtime-include I --classifier-include C
                     [--fix-it]
      torch-tidy (with every check) flags D/bad.cpp with <check> (other
      checks may agree) and is silent on D/fixed.cpp; with --fix-it,
      `torch-tidy --fix` turns a copy of bad.cpp into fixed.cpp byte for
      byte; and the doc page's "## Demonstration" section shows only what
      the files and the programs really contain: each line of its cpp blocks
      is a line of bad.cpp or fixed.cpp, each line of its text blocks a line
      that torch-tidy printed or a line of an expected output.

  check_demo.py doc --doc P --root R --bin-dir B
      A page of examples (docs/modes.md): each cpp block marked
      <!-- source: F --> holds lines of R/F, each text block marked
      <!-- output: P --> lines that B/P prints.

Exit status 0 when everything holds; otherwise the problems are printed.
"""
import argparse
import difflib
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile


def fail(problems):
    for p in problems:
        print(p)
    return 1 if problems else 0


def without_runtime_lines(text):
    return "".join(l for l in text.splitlines(True)
                   if not l.startswith("[runtime]"))


def run_form(binary):
    proc = subprocess.run([binary], capture_output=True, text=True,
                          timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def cmd_run(a):
    problems = []
    for form, binary in (("bad", a.bad), ("fixed", a.fixed)):
        code, out, err = run_form(binary)
        if code != 0:
            problems.append(f"{form}: exit {code}\n{err}")
            continue
        expected_path = pathlib.Path(a.dir) / f"{form}.expected"
        if a.update:
            expected_path.write_text(out)
            continue
        expected = expected_path.read_text()
        if a.libtorch:
            out, expected = without_runtime_lines(out), without_runtime_lines(expected)
        if out != expected:
            diff = "".join(difflib.unified_diff(
                expected.splitlines(True), out.splitlines(True),
                str(expected_path), binary))
            problems.append(f"{form}: output differs from {expected_path}\n{diff}")
        else:
            print(f"{form}: prints {expected_path.name}")
    return fail(problems)


def tidy(a, *args):
    proc = subprocess.run([a.tidy, *args], capture_output=True, text=True,
                          timeout=300)
    return proc.returncode, proc.stdout + proc.stderr


DIAG = re.compile(r"^(?P<path>[^ :]+):(?P<line>\d+):(?P<col>\d+): "
                  r"(?P<kind>warning|error|note): (?P<msg>.*)$")


def diagnostics(output):
    """The diagnostic lines, with paths shortened to the file name."""
    lines = []
    for line in output.splitlines():
        m = DIAG.match(line)
        if m:
            lines.append(f"{os.path.basename(m['path'])}:{m['line']}:"
                         f"{m['col']}: {m['kind']}: {m['msg']}")
    return lines


def doc_blocks(doc_text):
    """(language, lines) of the fenced blocks of the Demonstration section."""
    m = re.search(r"^## Demonstration\n(.*?)(?=^## |\Z)", doc_text,
                  re.M | re.S)
    if not m:
        return None
    return [(lang, body.splitlines())
            for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", m.group(1),
                                         re.M | re.S)]


def cmd_lint(a):
    problems = []
    d = pathlib.Path(a.dir)
    bad, fixed = d / "bad.cpp", d / "fixed.cpp"

    code, out = tidy(a, "-p", a.build_dir, "--quiet", str(bad))
    bad_diags = diagnostics(out)
    warnings = [l for l in bad_diags if ": warning: " in l]
    # Another check may agree (an unnamed guard also leaves inference
    # unguarded), but the pair's own check must report it.
    if code != 1 or not any(w.endswith(f"[{a.check}]") for w in warnings):
        problems.append(f"bad.cpp: expected a {a.check} finding (exit 1), "
                        f"got exit {code}:\n{out}")

    code, out = tidy(a, "-p", a.build_dir, "--quiet", str(fixed))
    if code != 0 or diagnostics(out):
        problems.append(f"fixed.cpp: expected silence (exit 0), got exit {code}:\n{out}")

    if a.fix_it:
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copy(d.parent / "demo.h", tmp)
            sub = pathlib.Path(tmp) / d.name
            sub.mkdir()
            copy = sub / "bad.cpp"
            shutil.copy(bad, copy)
            code, out = tidy(a, f"--checks=-*,{a.check}", "--fix", "--quiet",
                             str(copy), "--", "-std=c++17",
                             f"-I{a.runtime_include}",
                             f"-I{a.classifier_include}")
            if copy.read_text() != fixed.read_text():
                diff = "".join(difflib.unified_diff(
                    fixed.read_text().splitlines(True),
                    copy.read_text().splitlines(True), "fixed.cpp",
                    "bad.cpp after --fix"))
                problems.append(f"--fix does not produce fixed.cpp:\n{diff}")

    doc = pathlib.Path(a.doc).read_text()
    blocks = doc_blocks(doc)
    if blocks is None:
        problems.append(f"{a.doc}: no '## Demonstration' section")
        blocks = []
    code_lines = {l.strip() for f in (bad, fixed) for l in f.read_text().splitlines()}
    printed = set(bad_diags)
    for form in ("bad", "fixed"):
        printed |= set((d / f"{form}.expected").read_text().splitlines())
    kinds = set()
    for lang, lines in blocks:
        for line in lines:
            if not line.strip() or line.strip() in ("...", "// ..."):
                continue
            if lang == "cpp" and line.strip() not in code_lines:
                problems.append(f"{a.doc}: code line not in bad.cpp/fixed.cpp: {line}")
            if lang == "text" and line not in printed:
                problems.append(f"{a.doc}: output line nobody printed: {line}")
        kinds.add(lang)
    if blocks and not {"cpp", "text"} <= kinds:
        problems.append(f"{a.doc}: the demonstration needs cpp and text blocks")
    if not problems:
        print(f"{a.check}: flags bad.cpp, silent on fixed.cpp"
              + (", --fix writes fixed.cpp" if a.fix_it else "")
              + f", {os.path.basename(a.doc)} shows what they print")
    return fail(problems)


def cmd_doc(a):
    """A page whose examples are marked <!-- source: F --> (the next cpp
    block's lines are lines of F) and <!-- output: P --> (the next text
    block's lines are lines P prints)."""
    problems = []
    text = pathlib.Path(a.doc).read_text()
    marked = re.findall(r"<!-- (source|output): (\S+) -->\n```(\w*)\n(.*?)^```",
                        text, re.M | re.S)
    if not marked:
        problems.append(f"{a.doc}: no marked examples")
    for kind, name, lang, body in marked:
        if kind == "source":
            known = {l.strip() for l in (pathlib.Path(a.root) / name).read_text().splitlines()}
        else:
            code, out, err = run_form(str(pathlib.Path(a.bin_dir) / name))
            if code != 0:
                problems.append(f"{name}: exit {code}\n{err}")
            known = set(out.splitlines())
        for line in body.splitlines():
            if line.strip() and (line.strip() if kind == "source" else line) not in known:
                problems.append(f"{a.doc}: not in {name}: {line}")
    if not problems:
        print(f"{a.doc}: {len(marked)} marked examples match")
    return fail(problems)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--dir", required=True)
    r.add_argument("--bad", required=True)
    r.add_argument("--fixed", required=True)
    r.add_argument("--libtorch", action="store_true")
    r.add_argument("--update", action="store_true")
    l = sub.add_parser("lint")
    for opt in ("--dir", "--check", "--tidy", "--build-dir", "--doc",
                "--runtime-include", "--classifier-include"):
        l.add_argument(opt, required=True)
    l.add_argument("--fix-it", action="store_true")
    d = sub.add_parser("doc")
    for opt in ("--doc", "--root", "--bin-dir"):
        d.add_argument(opt, required=True)
    a = p.parse_args()
    return {"run": cmd_run, "lint": cmd_lint, "doc": cmd_doc}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
