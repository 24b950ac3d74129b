# Shared by run-main.sh and run-tests.sh: install what is missing, then
# configure build/ (re-running only rebuilds what changed).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${TORCH_TIDY_BUILD_DIR:-$ROOT/build}"
JOBS="${JOBS:-$(nproc)}"

bash "$ROOT/scripts/install-deps.sh"

configure() {  # configure <build dir> [cmake -D args...]; cheap when cached
  local dir="$1"; shift
  cmake -S "$ROOT" -B "$dir" -G Ninja "$@" >/dev/null
}
