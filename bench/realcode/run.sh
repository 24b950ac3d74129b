#!/usr/bin/env bash
# The torch-tidy real-code benchmark: lint the listed files of every project
# of projects.tsv, checked out at its pinned commit, and score the warnings
# against labels.tsv.
#
#   bench/realcode/run.sh <checkouts-dir> [--torch-tidy PATH] [-j N]
#                         [--out DIR] [--only REPO[,REPO...]] [--no-stubs]
#                         [--projects FILE --labels FILE]
#
# <checkouts-dir>/<owner>+<name>/ must hold each project at its commit
# (fetch.sh makes them). For each project, run.sh writes a
# compile_commands.json (the project's files with flags/<owner>+<name>.txt and
# LibTorch's include directories) into <out>/db/<owner>+<name>/ and runs
#   torch-tidy -p <that dir> --checks='-*,torch-*' --header-filter='.*' -j N
# so every listed file of a project is analysed together. All output goes to
# <out>/all.log (one "### project" line per project), then score.py prints
# per-check precision and recall, every FP and FN, the unlabelled warnings and
# the files that failed to parse. --projects/--labels name another set (the
# held-out projects: heldout/projects.tsv, heldout/labels.tsv). Re-score a
# saved log without linting again:
#   bench/realcode/score.py --log <out>/all.log
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
tidy="$repo_root/build/torch-tidy"
jobs=1
out=""
only=""
stubs="$here/stubs"
checkouts=""
projects="$here/projects.tsv"
labels="$here/labels.tsv"

usage() { sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --torch-tidy) tidy="$2"; shift 2 ;;
    --torch-tidy=*) tidy="${1#*=}"; shift ;;
    -j) jobs="$2"; shift 2 ;;
    -j*) jobs="${1#-j}"; shift ;;
    --out) out="$2"; shift 2 ;;
    --out=*) out="${1#*=}"; shift ;;
    --only) only="$2"; shift 2 ;;
    --only=*) only="${1#*=}"; shift ;;
    --no-stubs) stubs=""; shift ;;
    --projects) projects="$2"; shift 2 ;;
    --projects=*) projects="${1#*=}"; shift ;;
    --labels) labels="$2"; shift 2 ;;
    --labels=*) labels="${1#*=}"; shift ;;
    -h|--help) usage ;;
    -*) echo "run.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$checkouts" ] || usage; checkouts="$1"; shift ;;
  esac
done
[ -n "$checkouts" ] || usage
checkouts="$(cd "$checkouts" && pwd)"
[ -x "$tidy" ] || { echo "run.sh: no torch-tidy at $tidy (build it or pass --torch-tidy)" >&2; exit 2; }
# The projects are linted from their own directories: a relative path to the
# tool would not be found there (every file would fail, and score nothing).
case "$tidy" in /*) ;; */*) tidy="$(cd "$(dirname "$tidy")" && pwd)/$(basename "$tidy")" ;; esac
[ -n "$out" ] || out="$(mktemp -d "${TMPDIR:-/tmp}/torch-tidy-realcode.XXXXXX")"
mkdir -p "$out/db"
out="$(cd "$out" && pwd)"

# LibTorch's headers, as test/lit.cfg.py finds them: Debian's libtorch-dev
# puts ATen/ and c10/ in /usr/include (searched by default; never pass
# -isystem /usr/include) and the C++ API in its own tree; $LIBTORCH_PREFIX
# names another install.
libtorch=()
for root in ${LIBTORCH_PREFIX:+"$LIBTORCH_PREFIX/include"} /usr/include; do
  api="$root/torch/csrc/api/include"
  if [ -f "$api/torch/torch.h" ]; then
    [ "$root" = /usr/include ] || libtorch+=(-isystem "$root")
    libtorch+=(-isystem "$api")
    break
  fi
done
[ ${#libtorch[@]} -gt 0 ] || { echo "run.sh: LibTorch headers not found (install libtorch-dev or set LIBTORCH_PREFIX)" >&2; exit 2; }
# A project written for LibTorch 2.x (its flags file has the line
# `@LIBTORCH-2.6@`: C++20 code the 1.13 headers do not compile as, or 2.x
# APIs) is parsed with the 2.6 headers that scripts/fetch-libtorch-headers.sh
# unpacks; $LIBTORCH26_PREFIX names another copy.
libtorch26_root="${LIBTORCH26_PREFIX:-$repo_root/build/libtorch-2.6/usr}/include"
libtorch26=()
if [ -f "$libtorch26_root/torch/csrc/api/include/torch/torch.h" ]; then
  libtorch26=(-isystem "$libtorch26_root" -isystem "$libtorch26_root/torch/csrc/api/include")
fi

log="$out/all.log"
: > "$log"
{
  echo "# torch-tidy real-code benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# tool: $tidy ($("$tidy" --version 2>/dev/null | grep -i version | head -1 | sed 's/^ *//'))"
  echo "# checkouts: $checkouts; stubs: ${stubs:-none}; -j $jobs"
} >> "$log"

shopt -s nullglob globstar
status=0
while IFS=$'\t' read -r name commit description files; do
  case "$name" in ''|'#'*|repo) continue ;; esac
  if [ -n "$only" ] && [[ ",$only," != *",$name,"* ]]; then continue; fi
  dir="$checkouts/$name"
  if [ ! -d "$dir" ]; then
    echo "run.sh: $name: no checkout at $dir (see fetch.sh); skipped" >&2
    echo "### missing $name $commit $dir" >> "$log"
    status=1
    continue
  fi
  if git -C "$dir" rev-parse --git-dir >/dev/null 2>&1; then
    head="$(git -C "$dir" rev-parse HEAD 2>/dev/null || true)"
    if [ "$head" != "$commit" ]; then
      echo "run.sh: $name: checkout is at ${head:-?}, labels are for $commit" >&2
      status=1
    fi
  fi
  flagfile="$here/flags/$name.txt"
  [ -f "$flagfile" ] || { echo "run.sh: $name: no $flagfile" >&2; exit 2; }
  flags=()
  headers=("${libtorch[@]}")
  while IFS= read -r f || [ -n "$f" ]; do
    case "$f" in ''|'#'*) continue ;; esac
    if [ "$f" = "@LIBTORCH-2.6@" ]; then
      if [ ${#libtorch26[@]} -gt 0 ]; then
        headers=("${libtorch26[@]}")
      else
        echo "run.sh: $name: no LibTorch 2.6 headers at $libtorch26_root" \
             "(scripts/fetch-libtorch-headers.sh build/libtorch-2.6); using the default ones" >&2
      fi
      continue
    fi
    if [[ "$f" == *@STUBS@* ]]; then
      [ -n "$stubs" ] || continue
      f="${f//@STUBS@/$stubs}"
    fi
    flags+=("$f")
  done < "$flagfile"
  echo "### project $name $commit $dir" >> "$log"
  [ "${headers[*]}" = "${libtorch[*]}" ] || echo "# headers: ${headers[*]}" >> "$log"
  # The listed files: paths or globs relative to the checkout root; `;`
  # separates the programs of a repository that builds each with its own
  # CMake project (one compile database, one whole-project run, each).
  IFS=';' read -r -a programs <<< "$files"
  nfiles=0
  for k in "${!programs[@]}"; do
    srcs=()
    for pattern in ${programs[$k]}; do
      matched=0
      for f in $(cd "$dir" && eval "printf '%s\n' $pattern"); do
        [ -f "$dir/$f" ] && { srcs+=("$f"); matched=1; }
      done
      [ $matched = 1 ] || echo "run.sh: $name: nothing matches $pattern" >&2
    done
    [ ${#srcs[@]} -gt 0 ] || continue
    nfiles=$((nfiles + ${#srcs[@]}))
    db="$out/db/$name"
    [ ${#programs[@]} -gt 1 ] && db="$db/program-$((k + 1))"
    mkdir -p "$db"
    python3 - "$dir" "$db/compile_commands.json" "${#flags[@]}" "${flags[@]}" "${headers[@]}" -- "${srcs[@]}" <<'PY'
import json, os, sys
root, dest, nflags = sys.argv[1], sys.argv[2], int(sys.argv[3])
rest = sys.argv[4:]
sep = rest.index("--")
args, srcs = rest[:sep], rest[sep + 1:]
seen, entries = set(), []
for src in srcs:
    if src in seen:
        continue
    seen.add(src)
    here_dir = os.path.dirname(src) or "."
    own = [a.replace("@FILEDIR@", here_dir) for a in args]
    entries.append({"directory": root, "file": os.path.join(root, src),
                    "arguments": ["clang++"] + own + ["-c", os.path.join(root, src)]})
json.dump(entries, open(dest, "w"), indent=1)
PY
    rc=0
    (cd "$dir" && "$tidy" -p "$db" --checks='-*,torch-*' --header-filter='.*' -j "$jobs") \
      >> "$log" 2>&1 || rc=$?
    echo "### exit $name $rc" >> "$log"
  done
  echo "run.sh: $name: $nfiles files in ${#programs[@]} program(s)" >&2
done < "$projects"

echo "run.sh: log in $log" >&2
python3 "$here/score.py" --log "$log" --labels "$labels"
exit $status
