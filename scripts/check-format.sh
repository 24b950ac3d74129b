#!/usr/bin/env bash
# Reports the project's C++ files that clang-format 19 would change:
#
#   scripts/check-format.sh          list them, exit 1 when there are any
#   scripts/check-format.sh --fix    format them in place
#
# Covers checks/, tool/, runtime/ and test/analysis/ (the code the project
# writes; lit inputs, demos and examples keep the exact lines their tests
# name). Styles: .clang-format (LLVM) and runtime/.clang-format (LibTorch's
# look). Exit 77 (a skipped CTest) when clang-format 19 is missing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fix=0
case "${1:-}" in
  --fix) fix=1 ;;
  "") ;;
  *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

format=""
for candidate in "${CLANG_FORMAT:-}" clang-format-19 /usr/lib/llvm-19/bin/clang-format; do
  if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1; then
    format="$candidate"; break
  fi
done
if [ -z "$format" ]; then
  echo "check-format: clang-format 19 not found (scripts/install-deps.sh installs clang-format-19)" >&2
  exit 77
fi

cd "$root"
dirs=(checks tool runtime test/analysis)
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -- "${dirs[@]}" | grep -E '\.(h|cpp)$')
else
  mapfile -t files < <(find "${dirs[@]}" -name '*.h' -o -name '*.cpp' | sort)
fi

if [ "$fix" = 1 ]; then
  "$format" -i "${files[@]}"
  exit 0
fi
unformatted=()
for f in "${files[@]}"; do
  if ! "$format" --dry-run -Werror "$f" >/dev/null 2>&1; then
    unformatted+=("$f")
  fi
done
if [ ${#unformatted[@]} -gt 0 ]; then
  echo "check-format: ${#unformatted[@]} of ${#files[@]} files differ from clang-format's output (scripts/check-format.sh --fix formats them):"
  printf '  %s\n' "${unformatted[@]}"
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
