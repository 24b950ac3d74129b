# -*- Python -*-
# lit configuration for torch-tidy. Run it through the configured site file:
#   python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv <build>/test
# or `ctest -L lit` in <build>. Without a site file (lit run on this source
# directory) the build directory comes from $TORCH_TIDY_BINARY_DIR, else
# <source>/build.

import os
import re
import shutil
import subprocess

import lit.formats

config.name = "torch-tidy"
# The internal shell behaves the same everywhere and knows `not`.
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".test"]
# runtime/, differential/ and analysis/ hold C++ sources built and run by
# CTest; Inputs/ holds headers and files that tests include, not tests.
config.excludes = ["Inputs", "runtime", "differential", "analysis"]

source_dir = getattr(config, "torch_tidy_source_dir", None) or \
    os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary_dir = getattr(config, "torch_tidy_binary_dir", None) or \
    os.environ.get("TORCH_TIDY_BINARY_DIR") or os.path.join(source_dir, "build")

config.test_source_root = os.path.join(source_dir, "test")
config.test_exec_root = os.path.join(binary_dir, "test")

llvm_bin = "/usr/lib/llvm-19/bin"
clang_tidy = os.path.join(llvm_bin, "clang-tidy")
torch_tidy = os.path.join(binary_dir, "torch-tidy")
tidy_plugin = os.path.join(binary_dir, "libTorchTidyPlugin.so")
runner = os.path.join(source_dir, "test", "check_torch_tidy.py")
inputs = os.path.join(source_dir, "test", "checks", "Inputs")

# FileCheck, not and count come from LLVM 19, ahead of anything else.
config.environment["PATH"] = os.pathsep.join(
    [llvm_bin, os.environ.get("PATH", "")])
# For a runner invoked by hand from a RUN line that does not pass -tool=.
config.environment["TORCH_TIDY"] = torch_tidy
config.environment["TORCH_TIDY_PLUGIN"] = tidy_plugin
for name in ("HOME", "TMPDIR"):
    if name in os.environ:
        config.environment[name] = os.environ[name]

# The result cache (tool/ResultCache.h) is off by default: a test that runs
# the same command twice (parallel.test compares -j1 with -j2) must analyse
# both times, and a developer's ~/.cache stays out of the tests. Its
# default directory is put where it cannot be created, which turns it off
# as on a machine without a writable cache; result-cache.test names its own
# --cache-dir. `lit -Dcache=on` runs every test with a cache shared by the
# whole run instead (emptied first): the findings must not change.
if lit_config.params.get("cache") == "on":
    cache_home = os.path.join(binary_dir, "test", "cache-home")
    shutil.rmtree(cache_home, ignore_errors=True)
    os.makedirs(cache_home)
    config.environment["XDG_CACHE_HOME"] = cache_home
else:
    config.environment["XDG_CACHE_HOME"] = "/dev/null/torch-tidy-tests"

# Real LibTorch (Debian's libtorch-dev): ATen/ and c10/ sit in /usr/include,
# which is searched by default; the C++ API lives in its own tree. Another
# install can be named with $LIBTORCH_PREFIX (its include/ is used).
libtorch_roots = []
if os.environ.get("LIBTORCH_PREFIX"):
    libtorch_roots.append(os.path.join(os.environ["LIBTORCH_PREFIX"], "include"))
libtorch_roots.append("/usr/include")
libtorch_includes = ""
for root in libtorch_roots:
    api = os.path.join(root, "torch", "csrc", "api", "include")
    if os.path.exists(os.path.join(api, "torch", "torch.h")):
        # Never `-isystem /usr/include`: it reorders the default search path
        # and breaks libstdc++'s #include_next <stdlib.h>.
        dirs = [api] if root == "/usr/include" else [root, api]
        libtorch_includes = " ".join("-isystem " + d for d in dirs)
        config.available_features.add("libtorch")
        break

# A clang-tidy of another LLVM version (Debian 12's unversioned clang-tidy
# is 14), into which the plugin must refuse to load its checks rather than
# crash it: %other_clang_tidy.
other_clang_tidy = shutil.which("clang-tidy")
if other_clang_tidy:
    try:
        version = subprocess.run([other_clang_tidy, "--version"],
                                 stdout=subprocess.PIPE, timeout=60).stdout
        major = re.search(rb"LLVM version (\d+)", version)
        if major and int(major.group(1)) != 19:
            config.available_features.add("other-clang-tidy")
            config.substitutions.append(("%other_clang_tidy",
                                         other_clang_tidy))
    except (OSError, subprocess.SubprocessError):
        pass

# TORCH_TIDY_LIT_REAL_HEADERS_ONLY=1 (the second lit run, against another
# LibTorch named by $LIBTORCH_PREFIX: test/lit.cmake) runs only the tests
# that use real LibTorch headers: those that name the `libtorch` feature or
# the %libtorch_includes substitution. The others would only repeat the
# first run.
if os.environ.get("TORCH_TIDY_LIT_REAL_HEADERS_ONLY") == "1":
    real, other = set(), set()
    for top in ("checks", "tool", "runner", "robustness"):
        for dirpath, dirnames, filenames in os.walk(
                os.path.join(config.test_source_root, top)):
            dirnames[:] = [d for d in dirnames if d not in config.excludes]
            for name in filenames:
                if os.path.splitext(name)[1] not in config.suffixes:
                    continue
                with open(os.path.join(dirpath, name), errors="replace") as f:
                    (real if "libtorch" in f.read() else other).add(name)
    config.excludes += sorted(other - real)

# Shared preambles (tool/SharedPreamble.h) are on by default for files that
# share their first system includes. `lit -Dpch=off` runs every test with
# --no-pch; `lit -Dpch=all` builds a preamble even for a single file, so
# that every run whose headers are system headers uses one. The findings
# must be the same in every mode. %torch_tidy is then a wrapper that adds
# the flag (a path still, for tests that hand it to CMake or a script), and
# the runner adds it to the CLI's command lines.
tool_test_flags = {"off": ["--no-pch"], "all": ["--pch-min-files=1"]}.get(
    lit_config.params.get("pch", ""), [])
config.environment["TORCH_TIDY_TEST_FLAGS"] = " ".join(tool_test_flags)
torch_tidy_command = torch_tidy
if tool_test_flags:
    os.makedirs(config.test_exec_root, exist_ok=True)
    torch_tidy_command = os.path.join(config.test_exec_root,
                                      "torch-tidy-pch-" +
                                      lit_config.params["pch"])
    with open(torch_tidy_command, "w") as f:
        f.write("#!/bin/sh\nexec %s %s \"$@\"\n"
                % (torch_tidy, " ".join(tool_test_flags)))
    os.chmod(torch_tidy_command, 0o755)

python = "python3"
# lit applies substitutions in order and its own %t/%s come after these, so
# %torch_tidy and %tidy_plugin are safe; a longer name must precede any name
# that is its prefix.
config.substitutions.extend([
    ("%check_torch_tidy_plugin",
     "%s %s -tool=%s -plugin -plugin-path=%s"
     % (python, runner, torch_tidy, tidy_plugin)),
    ("%check_torch_tidy", "%s %s -tool=%s" % (python, runner, torch_tidy)),
    ("%torch_tidy", torch_tidy_command),
    ("%clang_tidy", clang_tidy),
    ("%clangxx", os.path.join(llvm_bin, "clang++")),
    ("%tidy_plugin", tidy_plugin),
    ("%runtime_include", os.path.join(source_dir, "runtime", "include")),
    ("%libtorch_includes", libtorch_includes),
    ("%inputs", inputs),
])
