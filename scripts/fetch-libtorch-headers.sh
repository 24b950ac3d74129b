#!/usr/bin/env bash
# Fetches LibTorch 2.6's headers for the lint tests: Debian 13's libtorch-dev,
# downloaded with apt from Debian 13's archive (a private apt state in a
# temporary directory: the system's sources and lists are not touched) and
# unpacked with dpkg -x into <dest>, never installed (its libraries need a
# newer libc; linting needs the headers only).
#
#   fetch-libtorch-headers.sh <dest>     # then <dest>/usr/include/...
#
# Idempotent. Without network it says so and exits 0: the tests against
# LibTorch 2.6 are then not registered (test/lit.cmake), the others run.
set -euo pipefail
DEST="$1"
API="$DEST/usr/include/torch/csrc/api/include/torch/torch.h"
[ -f "$API" ] && exit 0

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/parts" "$WORK/lists/partial" "$WORK/cache/archives/partial"
cat > "$WORK/parts/trixie.sources" <<EOF
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
APT=(-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$WORK/parts"
     -o Dir::State::Lists="$WORK/lists" -o Dir::Cache="$WORK/cache"
     -o Dir::State::Status=/dev/null -o APT::Architecture=amd64
     -o Debug::NoLocking=true -o APT::Sandbox::User=root)

echo "torch-tidy: fetching LibTorch 2.6 headers (Debian 13 libtorch-dev) into $DEST" >&2
if ! apt-get "${APT[@]}" update -qq >"$WORK/apt.log" 2>&1 ||
   ! (cd "$WORK" && apt-get "${APT[@]}" download libtorch-dev >>"$WORK/apt.log" 2>&1); then
  echo "torch-tidy: warning: could not download Debian 13's libtorch-dev" \
       "(no network?); the tests against LibTorch 2.6 headers are skipped" >&2
  tail -3 "$WORK/apt.log" >&2
  exit 0
fi
DEB="$(ls "$WORK"/libtorch-dev_*.deb)"
VERSION="$(dpkg-deb -f "$DEB" Version)"
case "$VERSION" in
  2.6.*) ;;
  *) echo "torch-tidy: Debian 13's libtorch-dev is $VERSION, not 2.6" >&2; exit 1 ;;
esac
rm -rf "$DEST" && mkdir -p "$DEST"
dpkg -x "$DEB" "$DEST"
rm -rf "$DEST/usr/lib" # CMake files and symbolic links to libraries not unpacked
echo "$VERSION" > "$DEST/VERSION"
