#!/usr/bin/env bash
# cases.sh: the fault cases of issue 10.  Runs berpa on every
# tests/cases/NAME.txt and compares its clean text with
# tests/cases/NAME.expected.txt byte for byte.
#   tests/cases.sh path/to/berpa        (ctest `cases`)
# Exit 0 when all match, 1 when one differs (the diff is printed).
set -u

bin=${1:?usage: cases.sh path/to/berpa}
dir=$(cd "$(dirname "$0")/cases" && pwd) || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/berpa-cases.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fails=0 n=0
for in in "$dir"/*.txt; do
  case $in in *.expected.txt) continue ;; esac
  name=$(basename "$in" .txt)
  n=$((n + 1))
  "$bin" -q "$in" > "$tmp/$name.out" 2> "$tmp/$name.err"
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL $name: berpa exited $rc"; cat "$tmp/$name.err"
    fails=$((fails + 1)); continue
  fi
  if ! cmp -s "$tmp/$name.out" "$dir/$name.expected.txt"; then
    echo "FAIL $name:"; diff "$dir/$name.expected.txt" "$tmp/$name.out" | head -20
    fails=$((fails + 1)); continue
  fi
  echo "ok   $name"
done
[ "$n" -gt 0 ] || { echo "cases: no cases in $dir"; exit 1; }
echo "$((n - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
