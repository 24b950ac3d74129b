#!/usr/bin/env python3
"""Score torch-tidy's warnings on the real-code benchmark against labels.tsv.

    score.py --log <out>/all.log [--labels labels.tsv] [--no-note-credit]

<out>/all.log is what run.sh writes: torch-tidy's text output per project,
each project introduced by a line

    ### project <owner>+<name> <commit> <absolute checkout root>

A warning is matched to a label by (repo, path, line, check), the path
relative to the checkout root. Per check it prints TP, FP, FN, TN,
precision and recall, then every false positive and false negative with the
label's rationale, then the warnings at sites nobody labelled (UNLABELLED,
counted as false positives: a warning nobody has checked is not trusted),
then every file that failed to parse.

A positive label is found when a warning of its check is reported at its
line, or (unless --no-note-credit) when a note attached to a warning of its
check points at its line: a check that reports one finding per scope, at the
first call, with a note at each further call, still finds every site.
"""

import argparse
import collections
import csv
import os
import re
import sys

CHECKS = [
    "torch-missing-eval",
    "torch-missing-grad-guard",
    "torch-train-mode-not-restored",
    "torch-inplace-on-saved",
    "torch-inference-tensor-escape",
    "torch-backward-without-grad",
    "torch-unnamed-guard",
    "torch-inplace-on-leaf",
]

DIAG = re.compile(
    r"^(?P<path>[^:\s][^:]*):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<kind>warning|error|note): (?P<msg>.*?)(?: \[(?P<check>[\w.,-]+)\])?$")
PROJECT = re.compile(r"^### project (?P<repo>\S+) (?P<commit>\S+) (?P<root>.+)$")
EXIT = re.compile(r"^### exit (?P<repo>\S+) (?P<rc>\d+)$")
PROCESSING_ERROR = re.compile(r"^Error while processing (?P<path>.+?)\.?$")


def relative(path, root):
    """The path relative to the checkout root, or None when outside it."""
    full = path if os.path.isabs(path) else os.path.join(root, path)
    full = os.path.normpath(full)
    rel = os.path.relpath(full, root)
    if rel.startswith(".." + os.sep) or rel == "..":
        return None
    return rel.replace(os.sep, "/")


def read_log(path):
    """Warnings (with their notes), compiler errors and failed files."""
    warnings = []        # dicts: repo, path, line, check, msg, notes
    errors = collections.defaultdict(list)   # repo -> [(path, message)]
    failed = set()       # (repo, path) of files torch-tidy could not parse
    outside = 0
    repo = root = None
    current = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\n")
            m = PROJECT.match(line)
            if m:
                repo, root = m.group("repo"), m.group("root")
                current = None
                continue
            if repo is None:
                continue
            m = PROCESSING_ERROR.match(line)
            if m:
                rel = relative(m.group("path"), root) or m.group("path")
                failed.add((repo, rel))
                continue
            m = DIAG.match(line)
            if not m:
                continue
            kind = m.group("kind")
            rel = relative(m.group("path"), root)
            if kind == "note":
                if current is not None and rel is not None:
                    current["notes"].append((rel, int(m.group("line"))))
                continue
            current = None
            if kind == "error":
                path = rel or m.group("path")
                errors[repo].append((path, "%s:%s: %s" % (path, m.group("line"), m.group("msg"))))
                continue
            check = m.group("check") or ""
            if not check.startswith("torch-"):
                continue
            if rel is None:
                outside += 1
                continue
            for c in check.split(","):
                current = {"repo": repo, "path": rel, "line": int(m.group("line")),
                           "check": c, "msg": m.group("msg"), "notes": []}
                warnings.append(current)
    return warnings, errors, failed, outside


def read_labels(path):
    labels = {}
    with open(path, encoding="utf-8") as f:
        rows = csv.DictReader((l for l in f if not l.startswith("#")),
                              delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in rows:
            key = (row["repo"], row["path"], int(row["line"]), row["check"])
            if row["label"] not in ("positive", "negative"):
                sys.exit("score.py: bad label %r in %s" % (row["label"], key))
            if row["check"] not in CHECKS:
                sys.exit("score.py: unknown check %r in %s" % (row["check"], key))
            if key in labels and labels[key]["label"] != row["label"]:
                sys.exit("score.py: contradicting labels for %s" % (key,))
            labels[key] = row
    return labels


def pct(num, den):
    return "%6.1f%%" % (100.0 * num / den) if den else "     -"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--log", required=True, help="all.log written by run.sh")
    ap.add_argument("--labels", default=os.path.join(here, "labels.tsv"))
    ap.add_argument("--no-note-credit", action="store_true",
                    help="count a positive as found only when a warning is at its line")
    args = ap.parse_args()

    labels = read_labels(args.labels)
    warnings, errors, failed, outside = read_log(args.log)
    linted_repos = {w["repo"] for w in warnings} | {r for r, _ in failed}
    # Exit codes 126 and up: the tool was not found, not executable, or died
    # of a signal. Such a run scores nothing, so it must not look like one
    # that found nothing.
    tool_failures = collections.Counter()
    with open(args.log, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = PROJECT.match(line.rstrip("\n"))
            if m:
                linted_repos.add(m.group("repo"))
            m = EXIT.match(line.rstrip("\n"))
            if m and int(m.group("rc")) >= 126:
                tool_failures[(m.group("repo"), int(m.group("rc")))] += 1
    if tool_failures:
        print("score.py: the tool failed to run (no score):", file=sys.stderr)
        for (repo, rc), n in sorted(tool_failures.items()):
            print("  %s: exit %d, %d run(s)" % (repo, rc, n), file=sys.stderr)
        return 3

    # Sites with a warning, and sites a note of a same-check warning points at.
    warned = {}
    noted = set()
    for w in warnings:
        key = (w["repo"], w["path"], w["line"], w["check"])
        warned.setdefault(key, w)
        for path, line in w["notes"]:
            noted.add((w["repo"], path, line, w["check"]))

    stats = {c: collections.Counter() for c in CHECKS}
    fps, fns, unlabelled = [], [], []
    via_note = 0
    for key, row in sorted(labels.items()):
        repo, _, _, check = key
        if repo not in linted_repos:
            continue
        s = stats[check]
        s[row["label"]] += 1
        hit = key in warned
        if row["label"] == "positive":
            if hit:
                s["tp"] += 1
            elif not args.no_note_credit and key in noted:
                s["tp"] += 1
                via_note += 1
            else:
                s["fn"] += 1
                fns.append((key, row))
        else:
            if hit:
                s["fp"] += 1
                fps.append((key, row, warned[key]))
            else:
                s["tn"] += 1
    for key, w in sorted(warned.items()):
        if key not in labels:
            stats.setdefault(key[3], collections.Counter())
            stats[key[3]]["fp"] += 1
            stats[key[3]]["unlabelled"] += 1
            unlabelled.append((key, w))

    print("torch-tidy real-code benchmark")
    print("log: %s" % os.path.abspath(args.log))
    print("labels: %s (%d sites, %d in the projects of this log)" % (
        os.path.abspath(args.labels), len(labels),
        sum(1 for k in labels if k[0] in linted_repos)))
    print()
    head = "%-31s %5s %5s %5s %5s %5s %5s %5s %8s %8s" % (
        "check", "pos", "neg", "TP", "FP", "(unl)", "FN", "TN", "prec", "recall")
    print(head)
    print("-" * len(head))
    total = collections.Counter()
    for check in sorted(stats):
        s = stats[check]
        total.update(s)
        print("%-31s %5d %5d %5d %5d %5d %5d %5d %8s %8s" % (
            check, s["positive"], s["negative"], s["tp"], s["fp"], s["unlabelled"],
            s["fn"], s["tn"], pct(s["tp"], s["tp"] + s["fp"]), pct(s["tp"], s["tp"] + s["fn"])))
    print("-" * len(head))
    print("%-31s %5d %5d %5d %5d %5d %5d %5d %8s %8s" % (
        "all", total["positive"], total["negative"], total["tp"], total["fp"],
        total["unlabelled"], total["fn"], total["tn"],
        pct(total["tp"], total["tp"] + total["fp"]), pct(total["tp"], total["tp"] + total["fn"])))
    print()
    print("FP counts warnings at negative sites plus warnings at unlabelled sites (unl).")
    if via_note:
        print("%d true positives were found through a note of a same-check warning." % via_note)
    if outside:
        print("%d warnings outside the checkouts were ignored." % outside)

    print("\n== FALSE POSITIVES at labelled sites (%d)" % len(fps))
    for (repo, path, line, check), row, w in fps:
        print("FP %s %s:%d [%s]\n   warning: %s\n   label: %s" % (
            repo, path, line, check, w["msg"], row["rationale"]))
    print("\n== FALSE NEGATIVES (%d)" % len(fns))
    for (repo, path, line, check), row in fns:
        note = "  (file failed to parse)" if (repo, path) in failed else ""
        print("FN %s %s:%d [%s]%s\n   label: %s" % (repo, path, line, check, note, row["rationale"]))
    print("\n== UNLABELLED warnings, counted as false positives (%d)" % len(unlabelled))
    for (repo, path, line, check), w in unlabelled:
        print("UNLABELLED %s %s:%d [%s]\n   warning: %s" % (repo, path, line, check, w["msg"]))
    print("\n== PARSE FAILURES (%d files)" % len(failed))
    for repo, path in sorted(failed):
        print("PARSE %s %s" % (repo, path))
        own = [msg for p, msg in errors.get(repo, []) if p == path]
        for msg in own[:3]:
            print("   " + msg)
    shown = {(r, p) for r, p in failed}
    for repo in sorted(errors):
        rest = [msg for p, msg in errors[repo] if (repo, p) not in shown]
        if rest:
            print("errors in other files of %s (headers of the files above):" % repo)
            for msg in rest[:5]:
                print("   " + msg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
