#!/usr/bin/env python3
"""Run one torch-tidy check on a lit test file and verify it with FileCheck.

Usage:
  check_torch_tidy.py [options] <source.cpp> <check-name> <temp-prefix>
                      [-- [<tool args> --] <compiler args>]

Example RUN line (the lit substitution supplies -tool=):
  // RUN: %check_torch_tidy %s torch-unnamed-guard %t
  // RUN: %check_torch_tidy -check-suffix=OPT %s torch-unnamed-guard %t \
  // RUN:   -config='{CheckOptions: {torch-unnamed-guard.X: true}}' -- -DOPT

A test of the real LibTorch headers is a file of its own (REQUIRES gates the
whole file):
  // REQUIRES: libtorch
  // RUN: %check_torch_tidy -no-runtime-include %s torch-unnamed-guard %t \
  // RUN:   -- %libtorch_includes

Semantics follow clang-tools-extra's Contributing.rst, "Testing Checks":
  * Every `// CHECK-...:` comment is cut from a copy of the source, leaving a
    bare `//` so that line numbers (and [[@LINE-1]] expressions) still hold and
    the directives cannot match themselves. The copy is `<temp-prefix>.cpp`.
  * The tool runs on the copy with `--checks=-*,<check-name> --fix`, and
    `-std=c++17 -I<repo>/runtime/include -I<repo>/test/checks/Inputs/Headers`
    before the extra compiler arguments. -no-runtime-include drops the
    runtime: its torch/torch.h would shadow real LibTorch's (-I beats
    -isystem), so tests of the real headers need it.
  * CHECK-MESSAGES[-SUFFIX] is FileChecked against the tool's stdout+stderr,
    and any warning or error it does not match fails the test.
  * CHECK-NOTES[-SUFFIX] works the same way but every note must match too
    (except clang-tidy's own "note: FIX-IT applied" lines).
  * CHECK-FIXES[-SUFFIX] is FileChecked, whitespace-strict, against the copy
    after the fixes were applied.
  * Our addition: a run with neither CHECK-MESSAGES nor CHECK-NOTES asserts
    that the tool printed no warning and no error at all. Silence is a claim.
  * Our addition: when the fixes changed the copy, the fixed copy must
    compile (clang++ -fsyntax-only with the same flags): fix-its never
    leave broken code. (Not in -plugin mode: the same checks make the same
    fix-its, and the CLI's runs compile them.)
  * Our addition: the exit code must follow the torch-tidy contract (0 = clean,
    1 = findings, 2 = the input did not parse), and exit 0 while printing a
    warning is a failure. In -plugin mode clang-tidy's own codes apply
    (0 = ran, 1 = compiler error).

Exit status: 0 = pass, 1 = the test failed, 2 = the test or the command line
is malformed.
"""

import argparse
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
RUNTIME_INCLUDE = os.path.join(REPO, "runtime", "include")
INPUT_HEADERS = os.path.join(REPO, "test", "checks", "Inputs", "Headers")
LLVM_BIN = "/usr/lib/llvm-19/bin"

# `-std=c++NN-or-later` expands to this list from c++NN on.
KNOWN_STANDARDS = ["c++17", "c++20", "c++23"]
# A suffix equal to a FileCheck directive would make CHECK-MESSAGES-NOT
# ambiguous (a negative check, or the prefix for suffix NOT?).
RESERVED_SUFFIXES = {"NOT", "NEXT", "SAME", "DAG", "LABEL", "EMPTY", "COUNT"}
FIXIT_NOTE = "note: FIX-IT applied suggested code changes"
DIAG_RE = re.compile(r"(warning|error):")
WARNING_RE = re.compile(r"warning:")


class UsageError(Exception):
    pass


def default_program(env_name, llvm_name):
    if os.environ.get(env_name):
        return os.environ[env_name]
    candidate = os.path.join(LLVM_BIN, llvm_name)
    if os.path.exists(candidate):
        return candidate
    return shutil.which(llvm_name) or candidate


def parse_args(argv):
    # Everything after the first `--` belongs to the tool. A second `--`
    # splits tool flags from compiler flags (upstream's form); with only one,
    # the rest are compiler flags.
    tool_args, compiler_args = [], []
    if "--" in argv:
        split = argv.index("--")
        argv, rest = argv[:split], argv[split + 1:]
        if "--" in rest:
            split = rest.index("--")
            tool_args, compiler_args = rest[:split], rest[split + 1:]
        else:
            compiler_args = rest

    parser = argparse.ArgumentParser(
        prog="check_torch_tidy.py", allow_abbrev=False,
        description=__doc__.split("\n\n")[0])
    parser.add_argument("-config", help="passed to the tool as --config=")
    parser.add_argument("-check-suffix", "-check-suffixes", dest="suffixes",
                        default="", help="comma-separated FileCheck suffixes")
    parser.add_argument("-fix-only", action="store_true",
                        help="verify only CHECK-FIXES; ignore diagnostics")
    parser.add_argument("-expect-error", "-expect-clang-tidy-error",
                        dest="expect_error", action="store_true",
                        help="the input must fail to parse")
    parser.add_argument("-std", default="c++17",
                        help="comma-separated standards or c++NN-or-later; "
                             "one run per standard")
    parser.add_argument("-no-runtime-include", action="store_true",
                        help="parse real LibTorch: no -I<repo>/runtime/include")
    parser.add_argument("-tool", default=os.environ.get("TORCH_TIDY"),
                        help="torch-tidy binary (default: $TORCH_TIDY)")
    parser.add_argument("-plugin", action="store_true",
                        help="run clang-tidy --load=<plugin> instead")
    parser.add_argument("-plugin-path",
                        default=os.environ.get("TORCH_TIDY_PLUGIN"),
                        help="plugin .so (default: $TORCH_TIDY_PLUGIN)")
    parser.add_argument("-clang-tidy", dest="clang_tidy",
                        default=default_program("CLANG_TIDY", "clang-tidy"))
    parser.add_argument("-filecheck",
                        default=default_program("FILECHECK", "FileCheck"))
    parser.add_argument("-clangxx",
                        default=default_program("CLANGXX", "clang++"),
                        help="compiles the fixed file (default: $CLANGXX)")
    parser.add_argument("input_file")
    parser.add_argument("check_name")
    parser.add_argument("temp_prefix")
    args = parser.parse_args(argv)
    args.tool_args = tool_args
    args.compiler_args = compiler_args
    return args


def expand_standards(spec):
    standards = []
    for item in spec.split(","):
        if item.endswith("-or-later"):
            first = item[: -len("-or-later")]
            if first not in KNOWN_STANDARDS:
                raise UsageError("unknown standard in -std=%s" % spec)
            standards += KNOWN_STANDARDS[KNOWN_STANDARDS.index(first):]
        elif item:
            standards.append(item)
    if not standards:
        raise UsageError("empty -std=")
    return standards


def directive_used(text, prefix):
    """True if `prefix` appears as a FileCheck directive in `text`.

    CHECK-MESSAGES must not count as used because CHECK-MESSAGES-FOO: is."""
    kinds = r"(-NOT|-NEXT|-SAME|-DAG|-LABEL|-EMPTY|-COUNT-\d+)?"
    return re.search(r"(?<![\w-])" + re.escape(prefix) + kinds + ":",
                     text) is not None


class Prefixes:
    def __init__(self, text, suffixes):
        self.messages, self.notes, self.fixes = [], [], []
        for suffix in suffixes:
            tail = "-" + suffix if suffix else ""
            for kind, used in (("MESSAGES", self.messages),
                               ("NOTES", self.notes),
                               ("FIXES", self.fixes)):
                prefix = "CHECK-" + kind + tail
                if directive_used(text, prefix):
                    used.append(prefix)
        if self.messages and self.notes:
            # Each run's implicit-check-not would reject the other's lines.
            raise UsageError("use either CHECK-MESSAGES or CHECK-NOTES in one "
                             "run, not both (%s)"
                             % ", ".join(self.messages + self.notes))


def strip_check_comments(text):
    # Keep a bare `//`: the line stays, and so does a comment-only line (an
    # empty line could change what a formatting-related fix produces).
    return re.sub(r"//[ \t]*CHECK-[A-Z0-9-]*:[^\r\n]*", "//", text)


def read_file(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def write_file(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def program_command(path):
    # Lets a test substitute a Python script for a binary (the runner's own
    # self-tests use test/runner/fake_tidy.py).
    if path.endswith(".py"):
        return [sys.executable, path]
    return [path]


class Run:
    """One tool invocation for one -std, and its verification."""

    def __init__(self, args, source_text, prefixes, std):
        self.args = args
        self.source_text = source_text
        self.prefixes = prefixes
        self.std = std
        self.failures = []
        ext = os.path.splitext(args.input_file)[1]
        if ext not in (".cpp", ".cc", ".cxx", ".h", ".hpp"):
            ext = ".cpp"
        self.temp_file = args.temp_prefix + ext
        self.output_file = args.temp_prefix + ".msg"

    def fail(self, message, details=""):
        self.failures.append((message, details))

    def command(self):
        a = self.args
        if a.plugin:
            cmd = program_command(a.clang_tidy) + ["--load=" + a.plugin_path]
        else:
            cmd = program_command(a.tool)
            # lit -Dpch=off|all (test/lit.cfg.py).
            cmd += os.environ.get("TORCH_TIDY_TEST_FLAGS", "").split()
        cmd += ["--checks=-*," + a.check_name, "--fix"]
        if a.config is not None:
            cmd.append("--config=" + a.config)
        cmd += a.tool_args
        cmd += [self.temp_file, "--", "-std=" + self.std]
        if not a.no_runtime_include:
            cmd.append("-I" + RUNTIME_INCLUDE)
        cmd.append("-I" + INPUT_HEADERS)
        cmd += a.compiler_args
        return cmd

    def execute(self):
        os.makedirs(os.path.dirname(os.path.abspath(self.temp_file)),
                    exist_ok=True)
        cleaned = strip_check_comments(self.source_text)
        write_file(self.temp_file, cleaned)
        cmd = self.command()
        print("Running: " + " ".join(shlex.quote(c) for c in cmd))
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
        output = proc.stdout.decode("utf-8", errors="replace")
        write_file(self.output_file, output)
        print("------------------------ tool output (exit %d) "
              "------------------------" % proc.returncode)
        print(output, end="" if output.endswith("\n") or not output else "\n")
        print("-" * 72)

        self.check_exit_code(proc.returncode, output)
        if not self.args.fix_only:
            self.check_diagnostics(output)
        if self.prefixes.fixes:
            self.check_fixes(cleaned)
        # (The plugin's fix-its are the same checks'; the CLI runs compile.)
        if (proc.returncode in (0, 1) and not self.args.expect_error
                and not self.args.plugin):
            self.check_fixed_file_compiles(cleaned)

    def check_exit_code(self, code, output):
        a = self.args
        if code < 0:
            self.fail("the tool crashed (signal %d)" % -code)
            return
        if a.plugin:
            expected = {1} if a.expect_error else {0}
            meaning = "clang-tidy: 0 = ran, 1 = compiler error"
        else:
            expected = {2} if a.expect_error else {0, 1}
            meaning = "torch-tidy: 0 = clean, 1 = findings, 2 = parse error"
        if code not in expected:
            self.fail("exit code %d, expected %s (%s)"
                      % (code, " or ".join(map(str, sorted(expected))),
                         meaning))
        elif code == 0 and not a.plugin and WARNING_RE.search(output):
            self.fail("exit code 0 although the tool printed a warning "
                      "(exit 1 means findings)")

    def filecheck(self, label, input_file, prefixes, extra):
        cmd = [self.args.filecheck, "-input-file=" + input_file,
               self.args.input_file,
               "-check-prefixes=" + ",".join(prefixes)] + extra
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
        if proc.returncode != 0:
            self.fail(label, "$ " + " ".join(shlex.quote(c) for c in cmd)
                      + "\n" + proc.stdout.decode("utf-8", errors="replace"))
        return proc.returncode == 0

    def check_diagnostics(self, output):
        p = self.prefixes
        if p.messages:
            self.filecheck("CHECK-MESSAGES did not match the tool output",
                           self.output_file, p.messages,
                           ["-implicit-check-not={{warning|error}}:"])
        elif p.notes:
            notes_file = self.args.temp_prefix + ".notes"
            kept = [line for line in output.splitlines(keepends=True)
                    if FIXIT_NOTE not in line]
            write_file(notes_file, "".join(kept))
            self.filecheck("CHECK-NOTES did not match the tool output",
                           notes_file, p.notes,
                           ["-implicit-check-not={{note|warning|error}}:"])
        else:
            loud = [line for line in output.splitlines()
                    if DIAG_RE.search(line)]
            if loud:
                self.fail("no CHECK-MESSAGES or CHECK-NOTES, so the tool must "
                          "be silent, but it printed",
                          "\n".join(loud))

    def check_fixes(self, cleaned):
        fixed = read_file(self.temp_file)
        ok = self.filecheck("CHECK-FIXES did not match the fixed file",
                            self.temp_file, self.prefixes.fixes,
                            ["-strict-whitespace"])
        if not ok:
            diff = "".join(difflib.unified_diff(
                cleaned.splitlines(keepends=True),
                fixed.splitlines(keepends=True),
                "before-fixes", "after-fixes", n=0))
            self.failures[-1] = (self.failures[-1][0],
                                 self.failures[-1][1]
                                 + "\nfixes applied by the tool:\n"
                                 + (diff or "(none)\n"))


    def check_fixed_file_compiles(self, cleaned):
        # The input compiled (the tool reported no compiler error), so the
        # fixes must leave code that compiles: a fix-it that declares a
        # second `no_grad` in one scope, or breaks a line, fails here.
        if read_file(self.temp_file) == cleaned:
            return
        cmd = ([self.args.clangxx, "-fsyntax-only", "-std=" + self.std]
               + self.command()[self.command().index("--") + 2:]
               + [self.temp_file])
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
        if proc.returncode != 0:
            self.fail("the fixed file does not compile",
                      "$ " + " ".join(shlex.quote(c) for c in cmd) + "\n"
                      + proc.stdout.decode("utf-8", errors="replace"))


def validate(args, text, prefixes):
    if args.plugin:
        if not args.plugin_path:
            raise UsageError("-plugin needs -plugin-path= or "
                             "$TORCH_TIDY_PLUGIN")
        if not os.path.exists(args.plugin_path):
            raise UsageError("plugin not found: %s (build it first)"
                             % args.plugin_path)
        tool = args.clang_tidy
    else:
        if not args.tool:
            raise UsageError("no tool: pass -tool= or set $TORCH_TIDY")
        tool = args.tool
    if not os.path.exists(tool):
        raise UsageError("tool not found: %s (build it first)" % tool)
    if not os.path.exists(args.filecheck):
        raise UsageError("FileCheck not found: %s" % args.filecheck)
    if args.fix_only and not prefixes.fixes:
        raise UsageError("-fix-only but no CHECK-FIXES directive")
    if (args.expect_error and not args.fix_only
            and not (prefixes.messages or prefixes.notes)):
        raise UsageError("-expect-error needs a CHECK-MESSAGES or CHECK-NOTES "
                         "line that pins the expected error")


def main(argv):
    args = parse_args(argv)
    try:
        suffixes = [s for s in args.suffixes.split(",")] or [""]
        for suffix in suffixes:
            if suffix and (not re.fullmatch(r"[A-Z0-9-]+", suffix)
                           or suffix in RESERVED_SUFFIXES):
                raise UsageError("invalid check suffix '%s' (use A-Z, 0-9, "
                                 "'-'; not a FileCheck directive name)"
                                 % suffix)
        text = read_file(args.input_file)
        prefixes = Prefixes(text, suffixes)
        validate(args, text, prefixes)
        standards = expand_standards(args.std)
    except (UsageError, OSError) as e:
        print("check_torch_tidy.py: ERROR: %s" % e)
        return 2

    failed = False
    for std in standards:
        run = Run(args, text, prefixes, std)
        run.execute()
        for message, details in run.failures:
            failed = True
            print("check_torch_tidy.py: FAIL (-std=%s): %s" % (std, message))
            if details:
                print(details.rstrip("\n"))
    if not failed:
        print("check_torch_tidy.py: PASS (%s)" % ", ".join(
            (["CHECK-MESSAGES" if prefixes.messages else
              "CHECK-NOTES" if prefixes.notes else "silence"]
             if not args.fix_only else [])
            + (["CHECK-FIXES"] if prefixes.fixes else [])))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
