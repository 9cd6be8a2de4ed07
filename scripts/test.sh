#!/usr/bin/env bash
# test.sh: quick start 2, and what CI runs (.ci/run).  Installs the
# dependencies, builds with warnings as errors and runs every test; then
# builds again with AddressSanitizer and UBSan (build-asan/) and runs them
# all there too.  Tests that need ../shared skip (ctest shows them as
# skipped) when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
jobs=$(nproc 2>/dev/null || echo 2)
shared=()
if [ -d ../shared ]; then
  shared=(-DBERPA_SHARED_DIR="$(cd ../shared && pwd)")
fi

echo "== build/: -Werror" >&2
# The test build sets its own cache values, whatever build/ holds: run.sh
# leaves it configured as Release, where link-time optimisation at -O3 hides
# the library's allocations from unit_alloc's --wrap.
cmake -S . -B build -DBERPA_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBERPA_SANITIZE=OFF \
  -DBERPA_FUZZ=OFF -DBERPA_TESTS=ON "${shared[@]}" > /dev/null
cmake --build build -j "$jobs"
# Both builds run even when the first fails: CI then shows every failure.
failed=()
(cd build && ctest --output-on-failure -j "$jobs") || failed+=(build)

echo "== build-asan/: AddressSanitizer + UBSan" >&2
cmake -S . -B build-asan -DBERPA_WERROR=ON -DBERPA_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
  -DBERPA_FUZZ=OFF -DBERPA_TESTS=ON "${shared[@]}" > /dev/null
cmake --build build-asan -j "$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
   UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j "$jobs") ||
  failed+=(build-asan)
if [ ${#failed[@]} -ne 0 ]; then
  echo "test: FAILED in ${failed[*]}" >&2
  exit 1
fi
echo "test: all passed, in build/ and build-asan/" >&2
