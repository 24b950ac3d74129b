#!/usr/bin/env python3
"""torch-tidy against hostile input and faults: the robustness harness.

    robustness.py --torch-tidy <exe> --runtime-include <dir> --work <dir>
                  [--only <family>] [--seed N]

Runs every case of the families below and prints one line per case:
    ok <family>/<case>: <what was checked>
    skip <family>/<case>: <why> (a tmpfs needs root)
    FAIL <family>/<case>: <what went wrong>
and exits 1 if any case failed. Every case asserts, besides its own
expectation (exit status, a line of the message):
  - no crash: the process was not killed by a signal it did not receive,
    printed no "Stack dump", "LLVM ERROR" or "PLEASE submit a bug report",
    and finished within its time limit (a hang is a failure);
  - no loss: the sources and logs it was given are byte-identical afterwards
    (checksums), unless the case fixes them, in which case each is either
    untouched or exactly the fixed text, and no temporary file is left.

Families: inputs (odd source files), databases (hostile
compile_commands.json), configs (hostile configuration), interrupts
(SIGINT/SIGTERM during --fix and while the log is written), disk (a full
filesystem: a small tmpfs when root, /dev/full otherwise), concurrency
(several runs on one output or one source).
"""
import argparse
import hashlib
import json
import os
import random
import signal
import shutil
import subprocess
import sys
import time

CRASH_MARKS = ("Stack dump", "LLVM ERROR", "PLEASE submit a bug report",
               "Segmentation fault", "terminate called")
FIXABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                       "tool", "Inputs", "fixable.cpp")


class Failure(Exception):
    pass


class Harness:
    def __init__(self, args):
        self.tool = args.torch_tidy
        self.include = args.runtime_include
        self.work = args.work
        self.rng = random.Random(args.seed)
        self.results = []
        with open(FIXABLE, "rb") as f:
            self.fixable = f.read()
        self.fixed = None  # fixable.cpp after --fix, made on first use

    # --- running torch-tidy -------------------------------------------------
    def flags(self):
        return ["--", "-std=c++17", "-I" + self.include]

    def run(self, args, timeout=120, stdin=None, cwd=None):
        """Runs torch-tidy; returns (status, stdout, stderr). A hang or a
        crash raises Failure."""
        try:
            proc = subprocess.run([self.tool] + args, stdin=stdin,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, timeout=timeout,
                                  cwd=cwd)
        except subprocess.TimeoutExpired:
            raise Failure("no answer within %d s (a hang)" % timeout)
        err = proc.stderr.decode("utf-8", "replace")
        self.no_crash(proc.returncode, err)
        return proc.returncode, proc.stdout, err

    @staticmethod
    def no_crash(status, err, sent=()):
        if status < 0 and -status not in sent:
            raise Failure("killed by signal %d" % -status)
        for mark in CRASH_MARKS:
            if mark in err:
                raise Failure("crashed: %r in stderr" % mark)

    @staticmethod
    def expect(status, err, statuses, message=None):
        if status not in statuses:
            raise Failure("exit %d, expected %s; stderr: %s"
                          % (status, "/".join(map(str, statuses)),
                             err.strip()[-300:]))
        if message and message not in err:
            raise Failure("stderr lacks %r: %s" % (message, err.strip()[-300:]))

    # --- files ----------------------------------------------------------------
    def case_dir(self, family, name):
        d = os.path.join(self.work, family, name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        return d

    @staticmethod
    def write(path, data):
        with open(path, "wb") as f:
            f.write(data)
        return path

    @staticmethod
    def digest(path):
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()

    def fixed_text(self):
        if self.fixed is None:
            d = self.case_dir("reference", "fixed")
            path = self.write(os.path.join(d, "fixable.cpp"), self.fixable)
            self.run(["--fix", path] + self.flags())
            with open(path, "rb") as f:
                self.fixed = f.read()
            if self.fixed == self.fixable:
                raise Failure("the reference --fix changed nothing")
        return self.fixed

    @staticmethod
    def no_leftovers(directory, keep):
        """Fails when `directory` holds files other than `keep` (temporary
        files left behind)."""
        extra = sorted(set(os.listdir(directory)) - set(keep))
        if extra:
            raise Failure("left behind: %s" % extra)

    # --- the driver -----------------------------------------------------------
    def case(self, family, name, body):
        try:
            outcome = body(self.case_dir(family, name))
        except Failure as e:
            self.results.append(("FAIL", family, name, str(e)))
        else:
            if isinstance(outcome, tuple) and outcome[0] == "skip":
                self.results.append(("skip", family, name, outcome[1]))
            else:
                self.results.append(("ok", family, name, outcome or ""))
        kind, fam, nm, text = self.results[-1]
        print("%s %s/%s: %s" % (kind, fam, nm, text), flush=True)


# --- family: inputs ------------------------------------------------------------
def inputs(h):
    def lint_bytes(data, statuses, message=None, extra=()):
        def body(d):
            path = h.write(os.path.join(d, "input.cpp"), data)
            before = h.digest(path)
            status, _, err = h.run(list(extra) + [path] + h.flags())
            h.expect(status, err, statuses, message)
            if h.digest(path) != before:
                raise Failure("the source changed")
            return "exit %d" % status
        return body

    rng = random.Random(7)
    binary = bytes(rng.randrange(256) for _ in range(4096))
    h.case("inputs", "empty", lint_bytes(b"", [0]))
    h.case("inputs", "binary", lint_bytes(
        binary, [2], "the input could not be parsed"))
    h.case("inputs", "nul-in-comment", lint_bytes(
        h.fixable.replace(b"// Findings", b"// \0 Findings"), [1]))
    h.case("inputs", "invalid-utf8", lint_bytes(
        b"// caf\xe9 \xff\xfe\n" + h.fixable + b'\nconst char *s = "\xc3\x28";\n',
        [1]))
    h.case("inputs", "bom", lint_bytes(b"\xef\xbb\xbf" + h.fixable, [1]))
    h.case("inputs", "huge-line", lint_bytes(
        b"// " + b"x" * (8 << 20) + b"\n" + h.fixable, [1]))
    h.case("inputs", "huge-file", lint_bytes(
        h.fixable + b"".join(b"int v%d = %d;\n" % (i, i)
                             for i in range(200000)), [1]))
    h.case("inputs", "deep-parentheses", lint_bytes(
        b"int x = " + b"(" * 100000 + b"1" + b")" * 100000 + b";\n", [2],
        "the input could not be parsed"))
    h.case("inputs", "deep-braces", lint_bytes(
        b"void f() " + b"{" * 20000 + b"}" * 20000 + b"\n", [0, 2]))
    h.case("inputs", "mixed-line-ends", lint_bytes(
        h.fixable.replace(b"\n", b"\r\n", 5).replace(b"\n", b"\r", 3), [1]))

    def fifo(d):
        path = os.path.join(d, "fifo.cpp")
        os.mkfifo(path)
        status, _, err = h.run([path] + h.flags(), timeout=30)
        h.expect(status, err, [2], "is a FIFO or another special file")
        return "refused"
    h.case("inputs", "fifo-source", fifo)

    def device(d):
        status, _, err = h.run(["/dev/zero"] + h.flags(), timeout=30)
        h.expect(status, err, [2], "is a device, not a file")
        return "refused"
    h.case("inputs", "device-source", device)

    def bom_fix(d):
        path = h.write(os.path.join(d, "input.cpp"),
                       b"\xef\xbb\xbf" + h.fixable)
        status, _, err = h.run(["--fix", path] + h.flags())
        h.expect(status, err, [1])
        with open(path, "rb") as f:
            text = f.read()
        if text != b"\xef\xbb\xbf" + h.fixed_text():
            raise Failure("--fix on a file with a BOM did not give the fixed "
                          "text after the BOM")
        return "fixed after the BOM"
    h.case("inputs", "bom-fix", bom_fix)

    def missing(d):
        status, out, err = h.run([os.path.join(d, "missing.cpp")] + h.flags())
        h.expect(status, err, [2], "the input could not be parsed")
        if b"no such file" not in out.lower():
            raise Failure("the compiler's error does not name the problem")
        return "exit 2, the compiler's error"
    h.case("inputs", "missing-file", missing)


# --- family: databases ----------------------------------------------------------
def databases(h):
    def db(text, statuses, message=None, sources=()):
        def body(d):
            for name in sources:
                h.write(os.path.join(d, name), h.fixable)
            path = h.write(os.path.join(d, "compile_commands.json"),
                           text.replace(b"@DIR@", d.encode())
                           if isinstance(text, bytes) else text(d))
            before = h.digest(path)
            status, _, err = h.run(["-p", d], timeout=300)
            h.expect(status, err, statuses, message)
            if h.digest(path) != before:
                raise Failure("the database changed")
            return "exit %d" % status
        return body

    entry = (b'{"directory": "@DIR@", "file": "a.cpp", "arguments": '
             b'["clang++", "-std=c++17", "-I' + h.include.encode() +
             b'", "-c", "a.cpp"]}')
    h.case("databases", "not-json", db(b"{{{", [2], "cannot load"))
    h.case("databases", "object", db(b'{"file": "a.cpp"}', [2], "cannot load"))
    h.case("databases", "numbers", db(b"[1, 2, 3]", [2], "cannot load"))
    h.case("databases", "no-file", db(b'[{"directory": "@DIR@", '
                                      b'"arguments": ["clang++"]}]', [2],
                                      "cannot load"))
    h.case("databases", "arguments-not-a-list", db(
        b'[{"directory": "@DIR@", "file": "a.cpp", "arguments": '
        b'"clang++ -c a.cpp"}]', [2], "cannot load", ["a.cpp"]))
    h.case("databases", "empty", db(b"[]", [2], "no input files"))
    h.case("databases", "binary", db(bytes(range(256)) * 16, [2],
                                     "cannot load"))
    h.case("databases", "deep-nesting", db(b"[" * 200000 + b"]" * 200000,
                                           [2], "cannot load"))
    h.case("databases", "missing-directory", db(
        b"[" + entry + b", " + entry.replace(b'"@DIR@"', b'"/no/such/dir"')
        + b"]", [2], "does not exist", ["a.cpp"]))
    h.case("databases", "many-missing-files", db(
        b"[" + b", ".join(entry.replace(b"a.cpp", b"m%d.cpp" % i)
                          for i in range(2000)) + b"]", [2]))

    def directory_db(d):
        os.mkdir(os.path.join(d, "compile_commands.json"))
        status, _, err = h.run(["-p", d])
        h.expect(status, err, [2])
        return "exit 2"
    h.case("databases", "a-directory", directory_db)

    def device_db(d):
        os.symlink("/dev/zero", os.path.join(d, "compile_commands.json"))
        status, _, err = h.run(["-p", d], timeout=30)
        h.expect(status, err, [2], "is a device, not a file")
        return "refused"
    h.case("databases", "a-device", device_db)

    def fifo_entry(d):
        os.mkfifo(os.path.join(d, "a.cpp"))
        h.write(os.path.join(d, "b.cpp"), h.fixable)
        h.write(os.path.join(d, "compile_commands.json"),
                b"[" + entry.replace(b"@DIR@", d.encode()) + b", " +
                entry.replace(b"@DIR@", d.encode()).replace(b"a.cpp", b"b.cpp")
                + b"]")
        status, out, err = h.run(["-p", d], timeout=60)
        h.expect(status, err, [2], "is a FIFO or another special file")
        if b"b.cpp" not in out:
            raise Failure("the other file's findings are missing")
        return "that file refused, the other linted"
    h.case("databases", "fifo-entry", fifo_entry)


# --- family: configs -------------------------------------------------------------
def configs(h):
    def with_config(text, statuses, message=None, flags=()):
        def body(d):
            src = h.write(os.path.join(d, "a.cpp"), h.fixable)
            if text is not None:
                h.write(os.path.join(d, ".clang-tidy"), text)
            status, _, err = h.run(list(flags) + [src] + h.flags(), timeout=60)
            h.expect(status, err, statuses, message)
            return "exit %d" % status
        return body

    h.case("configs", "binary", with_config(bytes(range(256)) * 8, [2]))
    h.case("configs", "wrong-types", with_config(
        b"Checks: [1, 2]\nHeaderFilterRegex: {a: b}\n", [2]))
    h.case("configs", "deep-nesting", with_config(b"[" * 100000, [2],
                                                  "nested"))
    h.case("configs", "many-options", with_config(
        b"CheckOptions:\n" + b"".join(b"  x.Opt%d: %d\n" % (i, i)
                                      for i in range(50000)), [1]))
    h.case("configs", "config-file-device", with_config(
        None, [2], "it is a device, not a file",
        ["--config-file=/dev/zero"]))
    h.case("configs", "config-file-directory", with_config(
        None, [2], "it is a directory", ["--config-file=/"]))
    h.case("configs", "baseline-device", with_config(
        None, [2], "it is a device, not a file", ["--baseline=/dev/urandom"]))

    def merge_device(d):
        status, _, err = h.run(["--merge-sarif", "/dev/zero"], timeout=30)
        h.expect(status, err, [2], "it is a device, not a file")
        return "refused"
    h.case("configs", "merge-sarif-device", merge_device)

    def diff_stdin_zero(d):
        src = h.write(os.path.join(d, "a.cpp"), h.fixable)
        with open("/dev/zero", "rb") as zero:
            status, _, err = h.run(["--diff=-", src] + h.flags(),
                                   stdin=zero, timeout=120)
        h.expect(status, err, [2], "it is a device, not a file")
        return "refused"
    h.case("configs", "diff-stdin-device", diff_stdin_zero)

    def config_file_dash(d):
        src = h.write(os.path.join(d, "a.cpp"), h.fixable)
        status, _, err = h.run(["--config-file=-", src] + h.flags(),
                               stdin=subprocess.DEVNULL, timeout=60)
        h.expect(status, err, [2], "cannot read --config-file '-'")
        return "a file named '-', not standard input"
    h.case("configs", "config-file-dash", config_file_dash)

    def clang_tidy_device(d):
        os.symlink("/dev/zero", os.path.join(d, ".clang-tidy"))
        src = h.write(os.path.join(d, "a.cpp"), h.fixable)
        status, _, err = h.run([src] + h.flags(), timeout=60)
        h.expect(status, err, [1])
        return "ignored, as clang-tidy ignores a .clang-tidy that is no file"
    h.case("configs", "dot-clang-tidy-device", clang_tidy_device)


# --- family: interrupts ------------------------------------------------------------
def interrupts(h):
    fixed = h.fixed_text()

    def fix_interrupted(sig, trials):
        """Signals the run while it applies its fixes: the hook that runs
        just before them starts a timer of 0 to 30 ms."""
        def body(d):
            outcomes = {"untouched": 0, "fixed": 0}
            for trial in range(trials):
                t = os.path.join(d, "t%d" % trial)
                os.makedirs(t)
                names = ["f%d.cpp" % i for i in range(6)]
                for name in names:
                    h.write(os.path.join(t, name), h.fixable)
                delay = h.rng.uniform(0.0, 0.03)
                hook = "(sleep %.4f; kill -%d $PPID) &" % (delay, sig)
                proc = subprocess.Popen(
                    [h.tool, "--fix", "-j2", "--run-before-fix=" + hook]
                    + [os.path.join(t, n) for n in names] + h.flags(),
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                try:
                    _, err = proc.communicate(timeout=120)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    raise Failure("did not stop after signal %d" % sig)
                h.no_crash(proc.returncode, err.decode("utf-8", "replace"),
                           sent=(sig,))
                for name in names:
                    with open(os.path.join(t, name), "rb") as f:
                        text = f.read()
                    if text == h.fixable:
                        outcomes["untouched"] += 1
                    elif text == fixed:
                        outcomes["fixed"] += 1
                    else:
                        raise Failure("%s is neither the original nor the "
                                      "fixed text after signal %d" % (name, sig))
                h.no_leftovers(t, names)
            return "%d trials: files untouched %d, fixed %d, none partial" % (
                trials, outcomes["untouched"], outcomes["fixed"])
        return body

    h.case("interrupts", "sigint-during-fix", fix_interrupted(signal.SIGINT, 4))
    h.case("interrupts", "sigterm-during-fix",
           fix_interrupted(signal.SIGTERM, 4))

    def log_interrupted(d):
        """Signals the run near its end, when the log is written (timed
        from a run to the end)."""
        names = ["f%d.cpp" % i for i in range(3)]
        for name in names:
            h.write(os.path.join(d, name), h.fixable)
        log = os.path.join(d, "log.sarif")
        command = [h.tool, "--output-format=sarif", "--output-file=" + log,
                   "-j2"] + [os.path.join(d, n) for n in names] + h.flags()
        start = time.monotonic()
        subprocess.run(command, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=300)
        duration = time.monotonic() - start
        old = b'{"the previous run": "complete"}\n'
        kept = replaced = 0
        trials = 5
        for trial in range(trials):
            h.write(log, old)
            proc = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE)
            time.sleep(h.rng.uniform(0.6, 1.05) * duration)
            proc.send_signal(signal.SIGTERM)
            try:
                _, err = proc.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise Failure("did not stop after SIGTERM")
            h.no_crash(proc.returncode, err.decode("utf-8", "replace"),
                       sent=(signal.SIGTERM,))
            with open(log, "rb") as f:
                text = f.read()
            if text == old:
                kept += 1
            else:
                try:
                    json.loads(text)["runs"][0]["results"]
                except (ValueError, KeyError, IndexError, TypeError):
                    raise Failure("the log is neither the old one nor a "
                                  "complete new one")
                replaced += 1
            h.no_leftovers(d, names + ["log.sarif"])
        return "%d trials: old log kept %d, complete new log %d" % (
            trials, kept, replaced)
    h.case("interrupts", "sigterm-while-logging", log_interrupted)


# --- family: disk ----------------------------------------------------------------
def disk(h):
    def mount_tmpfs(d, size):
        mnt = os.path.join(d, "tmpfs")
        os.makedirs(mnt)
        if os.geteuid() != 0 or subprocess.call(
                ["mount", "-t", "tmpfs", "-o", "size=%d" % size, "tmpfs", mnt],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) != 0:
            return None
        return mnt

    def fill(directory):
        """Fills the filesystem, leaving a few bytes."""
        with open(os.path.join(directory, "filler"), "wb", buffering=0) as f:
            try:
                while True:
                    f.write(b"\0" * 4096)
            except OSError:
                pass
        return "filler"

    def fix_on_full(d):
        mnt = mount_tmpfs(d, 256 << 10)
        if not mnt:
            return ("skip", "mounting a tmpfs needs root")
        try:
            src = h.write(os.path.join(mnt, "a.cpp"), h.fixable)
            filler = fill(mnt)
            status, _, err = h.run(["--fix", src] + h.flags())
            h.expect(status, err, [2], "fixes not applied")
            with open(src, "rb") as f:
                if f.read() != h.fixable:
                    raise Failure("the source changed on a full filesystem")
            h.no_leftovers(mnt, ["a.cpp", filler])
            return "exit 2, the source byte-identical"
        finally:
            subprocess.call(["umount", mnt])
    h.case("disk", "fix-on-full-tmpfs", fix_on_full)

    def log_on_full(d):
        mnt = mount_tmpfs(d, 256 << 10)
        if not mnt:
            return ("skip", "mounting a tmpfs needs root")
        try:
            src = h.write(os.path.join(d, "a.cpp"), h.fixable)
            log = h.write(os.path.join(mnt, "log.sarif"), b"old log\n")
            filler = fill(mnt)
            status, _, err = h.run(["--output-format=sarif",
                                    "--output-file=" + log, src] + h.flags())
            h.expect(status, err, [2], "cannot write --output-file")
            with open(log, "rb") as f:
                if f.read() != b"old log\n":
                    raise Failure("the old log was lost")
            h.no_leftovers(mnt, ["log.sarif", filler])
            return "exit 2, the old log byte-identical"
        finally:
            subprocess.call(["umount", mnt])
    h.case("disk", "log-on-full-tmpfs", log_on_full)

    def dev_full(d):
        src = h.write(os.path.join(d, "a.cpp"), h.fixable)
        status, _, err = h.run(["--output-format=sarif",
                                "--output-file=/dev/full", src] + h.flags())
        h.expect(status, err, [2], "No space left on device")
        return "exit 2"
    h.case("disk", "log-to-dev-full", dev_full)

    def stdout_full(d):
        src = h.write(os.path.join(d, "a.cpp"), h.fixable)
        with open("/dev/full", "wb") as full:
            proc = subprocess.run([h.tool, src] + h.flags(), stdout=full,
                                  stderr=subprocess.PIPE, timeout=120)
        err = proc.stderr.decode("utf-8", "replace")
        h.no_crash(proc.returncode, err)
        h.expect(proc.returncode, err, [2], "cannot write the findings")
        return "exit 2"
    h.case("disk", "stdout-to-dev-full", stdout_full)


# --- family: concurrency -------------------------------------------------------------
def concurrency(h):
    def finish(proc):
        """Waits for one of the concurrent runs; its stderr."""
        try:
            _, err = proc.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise Failure("a concurrent run did not finish (a hang)")
        err = err.decode("utf-8", "replace")
        h.no_crash(proc.returncode, err)
        return err

    def one_log(d):
        src = h.write(os.path.join(d, "a.cpp"), h.fixable)
        log = os.path.join(d, "log.sarif")
        reference = os.path.join(d, "reference.sarif")
        h.run(["--output-format=sarif", "--output-file=" + reference, src]
              + h.flags())
        procs = [subprocess.Popen(
            [h.tool, "--output-format=sarif", "--output-file=" + log, src]
            + h.flags(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            for _ in range(4)]
        for proc in procs:
            err = finish(proc)
            h.expect(proc.returncode, err, [1])
        if h.digest(log) != h.digest(reference):
            raise Failure("the log is not one run's complete log")
        h.no_leftovers(d, ["a.cpp", "log.sarif", "reference.sarif"])
        return "4 runs, one complete log"
    h.case("concurrency", "one-output-file", one_log)

    def one_source(d):
        src = h.write(os.path.join(d, "a.cpp"), h.fixable)
        procs = [subprocess.Popen([h.tool, "--fix", src] + h.flags(),
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE) for _ in range(4)]
        statuses = []
        for proc in procs:
            finish(proc)
            statuses.append(proc.returncode)
        with open(src, "rb") as f:
            if f.read() != h.fixed_text():
                raise Failure("the file is not the fixed text after 4 "
                              "concurrent --fix runs")
        if any(s not in (1, 2) for s in statuses):
            raise Failure("exit statuses %s" % statuses)
        h.no_leftovers(d, ["a.cpp"])
        return "4 runs (exits %s), the file fixed once" % sorted(statuses)
    h.case("concurrency", "one-source-fixed", one_source)


FAMILIES = {"inputs": inputs, "databases": databases, "configs": configs,
            "interrupts": interrupts, "disk": disk, "concurrency": concurrency}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--torch-tidy", required=True)
    parser.add_argument("--runtime-include", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--only", choices=sorted(FAMILIES))
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    os.environ["XDG_CACHE_HOME"] = "/dev/null/torch-tidy-robustness"
    h = Harness(args)
    for name, family in FAMILIES.items():
        if not args.only or args.only == name:
            try:
                family(h)
            except Failure as e:
                h.results.append(("FAIL", name, "setup", str(e)))
                print("FAIL %s/setup: %s" % (name, e), flush=True)
    failed = [r for r in h.results if r[0] == "FAIL"]
    counts = {k: sum(1 for r in h.results if r[0] == k)
              for k in ("ok", "skip", "FAIL")}
    print("robustness: %d cases, %d ok, %d skipped, %d failed"
          % (len(h.results), counts["ok"], counts["skip"], counts["FAIL"]))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
