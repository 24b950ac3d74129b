# Shared by run-main.sh and run-tests.sh: install what is missing, then
# configure build/ once (re-running only rebuilds what changed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${TORCH_TIDY_BUILD_DIR:-$ROOT/build}"
JOBS="${JOBS:-$(nproc)}"

bash "$ROOT/scripts/install-deps.sh"

configure() {  # configure <build dir> [cmake args...]
  local dir="$1"; shift
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$ROOT" -B "$dir" -G Ninja "$@" >/dev/null
  fi
}
