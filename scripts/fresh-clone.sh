#!/usr/bin/env bash
# fresh-clone.sh: the README's quick start as a new user meets it: clones
# this repository (its committed HEAD) into a scratch folder with ../shared
# beside it (a symbolic link), then runs scripts/run.sh and scripts/test.sh
# there, in that order.  Exit status: that of the first that failed.
# Takes as long as two builds and the test suite; CI does the same in its
# own clean clone (.ci/run).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/berpa-clone.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
git clone -q "$src" "$scratch/berpa"
if [ -d "$src/../shared" ]; then
  ln -s "$(cd "$src/../shared" && pwd)" "$scratch/shared"
fi
cd "$scratch/berpa"
echo "fresh-clone: scripts/run.sh in $scratch/berpa" >&2
bash scripts/run.sh > /dev/null
echo "fresh-clone: scripts/test.sh" >&2
bash scripts/test.sh
echo "fresh-clone: run.sh then test.sh passed in a fresh clone" >&2
