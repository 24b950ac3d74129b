#!/usr/bin/env python3
"""Checks that the torch-tidy checks are registered and kept in order.

    check_registration.py <repo> [--list-checks FILE]

The list of checks is read from checks/TorchTidyModule.cpp, so a new check
is covered as soon as it is registered. A check named torch-foo-bar has the
class FooBarCheck (checks/FooBarCheck.{h,cpp}), the docs page
docs/checks/foo-bar.md and the lit test test/checks/foo-bar.cpp.

Verified:
  * the registerCheck<...>("...") calls are in alphabetical order of check
    name, and each class is the one the name implies;
  * the #include "...Check.h" lines of the module are alphabetical and
    include exactly the registered classes;
  * the source list of the torch_tidy_checks library in checks/CMakeLists.txt
    is alphabetical and holds every *Check.cpp;
  * every checks/*Check.cpp is registered, and every registered check has
    its .h, .cpp, docs page and lit test;
  * with --list-checks: FILE (the output of `torch-tidy --list-checks`)
    names exactly the registered checks, in order.

Prints one line per problem and exits 1, or prints a summary and exits 0.
"""
import argparse
import os
import re
import sys

PREFIX = "torch-"


def class_for(check):
    """torch-unnamed-guard -> UnnamedGuardCheck"""
    words = check[len(PREFIX):].split("-")
    return "".join(w[:1].upper() + w[1:] for w in words) + "Check"


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def unsorted(items):
    """The first pair out of order, or None (byte order, as LC_ALL=C sort:
    CamelCase file names sort before the lowercase utils/ directory)."""
    for a, b in zip(items, items[1:]):
        if a > b:
            return a, b
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("repo")
    ap.add_argument("--list-checks", metavar="FILE")
    args = ap.parse_args()
    repo = args.repo
    problems = []

    module_path = os.path.join(repo, "checks", "TorchTidyModule.cpp")
    module = strip_comments(read(module_path))
    # registerCheck<Class>("name"), possibly split over lines.
    registered = re.findall(
        r"registerCheck\s*<\s*(\w+)\s*>\s*\(\s*\"([^\"]+)\"\s*\)", module)
    if not registered:
        problems.append(f"{module_path}: no registerCheck<...>(\"...\") call")
    names = [name for _, name in registered]
    classes = [cls for cls, _ in registered]

    pair = unsorted(names)
    if pair:
        problems.append(f"{module_path}: registerCheck calls not alphabetical: "
                        f"'{pair[0]}' before '{pair[1]}'")
    if len(set(names)) != len(names):
        problems.append(f"{module_path}: a check is registered twice")
    for cls, name in registered:
        if not name.startswith(PREFIX):
            problems.append(f"{module_path}: '{name}' lacks the '{PREFIX}' "
                            "prefix")
            continue
        if cls != class_for(name):
            problems.append(f"{module_path}: '{name}' is registered with class "
                            f"{cls}, expected {class_for(name)}")

    includes = re.findall(r'#include\s+"(\w+Check)\.h"', module)
    pair = unsorted(includes)
    if pair:
        problems.append(f"{module_path}: #include lines not alphabetical: "
                        f"'{pair[0]}.h' before '{pair[1]}.h'")
    if sorted(includes) != sorted(classes):
        problems.append(f"{module_path}: includes {sorted(includes)} but "
                        f"registers {sorted(classes)}")

    # The torch_tidy_checks source list.
    cmake_path = os.path.join(repo, "checks", "CMakeLists.txt")
    cmake = re.sub(r"#[^\n]*", "", read(cmake_path))
    m = re.search(r"add_library\s*\(\s*torch_tidy_checks\b([^)]*)\)", cmake)
    if not m:
        problems.append(f"{cmake_path}: no add_library(torch_tidy_checks ...)")
        sources = []
    else:
        sources = [s for s in m.group(1).split()
                   if s not in ("OBJECT", "STATIC", "SHARED")]
    pair = unsorted(sources)
    if pair:
        problems.append(f"{cmake_path}: torch_tidy_checks sources not "
                        f"alphabetical: '{pair[0]}' before '{pair[1]}'")

    checks_dir = os.path.join(repo, "checks")
    check_sources = sorted(f for f in os.listdir(checks_dir)
                           if f.endswith("Check.cpp"))
    for f in check_sources:
        if f not in sources:
            problems.append(f"{cmake_path}: checks/{f} is not in the "
                            "torch_tidy_checks sources")
        if f[:-len(".cpp")] not in classes:
            problems.append(f"checks/{f}: {f[:-len('.cpp')]} is not registered "
                            "in TorchTidyModule.cpp")

    for cls, name in registered:
        short = name[len(PREFIX):]
        for rel in (f"checks/{cls}.h", f"checks/{cls}.cpp",
                    f"docs/checks/{short}.md", f"test/checks/{short}.cpp"):
            if not os.path.isfile(os.path.join(repo, rel)):
                problems.append(f"{name}: {rel} is missing")

    if args.list_checks:
        listed = [line.strip() for line in read(args.list_checks).splitlines()
                  if line.startswith("    ")]
        if listed != names:
            problems.append(f"--list-checks lists {listed}, the module "
                            f"registers {names}")

    for p in problems:
        print("check_registration.py: " + p)
    if problems:
        return 1
    print(f"check_registration.py: {len(names)} checks registered in order, "
          f"each with its sources, docs and test: {', '.join(names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
