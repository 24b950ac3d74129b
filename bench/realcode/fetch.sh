#!/usr/bin/env bash
# Check out every project of projects.tsv at its pinned commit, with plain git:
#
#   bench/realcode/fetch.sh [--projects FILE] <checkouts-dir> [REPO...]
#
# (--projects names another list: heldout/projects.tsv for the held-out set)
# makes <checkouts-dir>/<owner>+<name>/ for each project (or only the named
# ones). It fetches just the pinned commit (git fetch --depth 1 <sha>, which
# GitHub allows), and falls back to a full clone when a server refuses that.
# Projects already at the right commit are left alone. Large files kept in
# Git LFS are not needed (only sources are linted).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
projects="$here/projects.tsv"
if [ "${1:-}" = --projects ]; then projects="$2"; shift 2; fi
[ $# -ge 1 ] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
dest="$1"; shift
mkdir -p "$dest"
export GIT_LFS_SKIP_SMUDGE=1

status=0
while IFS=$'\t' read -r name commit _; do
  case "$name" in ''|'#'*|repo) continue ;; esac
  if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then continue; fi
  url="https://github.com/${name/+//}.git"
  dir="$dest/$name"
  if [ -d "$dir/.git" ] && [ "$(git -C "$dir" rev-parse HEAD 2>/dev/null)" = "$commit" ]; then
    echo "$name: already at $commit"
    continue
  fi
  echo "$name: fetching $commit from $url"
  rm -rf "$dir"
  mkdir -p "$dir"
  git -C "$dir" init -q
  git -C "$dir" remote add origin "$url"
  if git -C "$dir" fetch -q --depth 1 origin "$commit" && git -C "$dir" checkout -q FETCH_HEAD; then
    :
  else
    echo "$name: shallow fetch of the commit failed; cloning in full" >&2
    rm -rf "$dir"
    if ! { git clone -q "$url" "$dir" && git -C "$dir" checkout -q "$commit"; }; then
      echo "$name: could not check out $commit" >&2
      status=1
      continue
    fi
  fi
  [ "$(git -C "$dir" rev-parse HEAD)" = "$commit" ] || { echo "$name: HEAD is not $commit" >&2; status=1; }
done < "$projects"
exit $status
