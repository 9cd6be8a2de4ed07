#!/usr/bin/env bash
# cases.sh: the failing-input cases, byte for byte.  Each tests/cases/NAME.txt
# (copied from ../shared/cases with its NAME.expected.txt) must give exactly
# NAME.expected.txt as clean text.
#   tests/cases.sh path/to/berpa
# Exit 0 pass, 1 fail.
set -u
bin=${1:?usage: cases.sh path/to/berpa}
dir=$(dirname "$0")/cases
tmp=$(mktemp -d "${TMPDIR:-/tmp}/berpa-cases.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0 n=0
for in in "$dir"/*.txt; do
  case $in in *.expected.txt) continue ;; esac
  name=$(basename "$in" .txt)
  n=$((n + 1))
  if ! "$bin" -q "$in" > "$tmp/$name.out" 2> "$tmp/err"; then
    echo "FAIL $name: berpa exited $?"; cat "$tmp/err"
    fails=$((fails + 1)); continue
  fi
  if ! cmp -s "$tmp/$name.out" "$dir/$name.expected.txt"; then
    echo "FAIL $name"; diff "$dir/$name.expected.txt" "$tmp/$name.out" | head -20
    fails=$((fails + 1))
  fi
done
echo "cases: $((n - fails))/$n pass"
[ "$fails" -eq 0 ]
