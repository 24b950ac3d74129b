#!/usr/bin/env bash
# Every test suite: runtime unit tests (also built against real LibTorch),
# demos, differential tests against real LibTorch, the lit tests of the checks
# and of the torch-tidy CLI (CLI and clang-tidy plugin; the real-header ones
# against LibTorch 1.13, and a fixed slice of them again against 2.6's
# headers), then the runtime and its unit tests again under AddressSanitizer +
# UndefinedBehaviorSanitizer.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

echo "== build ($BUILD)"
# LibTorch 2.6's headers, for a second run of the real-header tests.
bash "$ROOT/scripts/fetch-libtorch-headers.sh" "$BUILD/libtorch-2.6"
configure "$BUILD" -DTORCH_TIDY_UNITTESTS_ON_LIBTORCH=ON -DTORCH_TIDY_WERROR=ON
cmake --build "$BUILD" -j "$JOBS"
echo "== tests"
# Not the `slow` ones: every real-header lit test against LibTorch 2.6 again
# (lit.libtorch-2.6 runs a fixed slice of them; `ctest -L slow` runs them all).
ctest --test-dir "$BUILD" -j "$JOBS" --output-on-failure -LE slow

SAN="${BUILD}-asan"
echo "== sanitizer build ($SAN)"
configure "$SAN" -DTORCH_TIDY_SANITIZE=ON -DTORCH_TIDY_WERROR=ON -DTORCH_TIDY_DIFF_LIBTORCH=OFF \
  -DTORCH_TIDY_BENCH=OFF -DTORCH_TIDY_BUILD_TOOL=OFF
cmake --build "$SAN" -j "$JOBS"
ctest --test-dir "$SAN" -j "$JOBS" --output-on-failure -L "unit|demo|differential-runtime"
