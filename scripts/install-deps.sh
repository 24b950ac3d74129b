#!/usr/bin/env bash
# Installs the Debian 12 packages torch-tidy needs, only those that are missing.
# Idempotent: when everything is present it returns in well under a second.
set -euo pipefail

PACKAGES=(
  clang-19 libclang-19-dev llvm-19-dev llvm-19-tools clang-tidy-19 clang-format-19
  libclang-rt-19-dev libtorch-dev libgtest-dev libbenchmark-dev cmake ninja-build
  python3 python3-jsonschema
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "torch-tidy: installing missing packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
