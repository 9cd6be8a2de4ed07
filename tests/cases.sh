#!/usr/bin/env bash
# cases.sh BERPA DIR: every DIR/NAME.txt restores to DIR/NAME.out.txt byte
# for byte (inputs of issue 10, copied from ../shared/cases so the test
# runs without it); where DIR/NAME.stats exists, each of its lines (a
# "key":value pair) is in the report's stats; and with --correct the
# output is the same (OCR correction leaves clean text as it is).  Exit 0
# pass, 1 fail, 77 skipped.
set -u
berpa=$1 dir=$2
shopt -s nullglob
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
for f in "$dir"/*.txt; do
    case $f in *.out.txt) continue ;; esac
    name=$(basename "$f" .txt)
    gold="$dir/$name.out.txt"
    [ -f "$gold" ] || { echo "FAIL $name: no $name.out.txt"; fail=1; continue; }
    n=$((n + 1))
    if ! "$berpa" -q "$f" >"$tmp/out.txt"; then
        echo "FAIL $name: berpa exited $?"; fail=1; continue
    fi
    if [ -f "$dir/$name.stats" ]; then
        "$berpa" -q --report "$f" >"$tmp/report.json" || { echo "FAIL $name: --report"; fail=1; }
        while IFS= read -r want; do
            grep -qF "$want" "$tmp/report.json" || {
                echo "FAIL $name: report lacks $want"; fail=1; }
        done <"$dir/$name.stats"
    fi
    if cmp -s "$tmp/out.txt" "$gold"; then
        echo "ok $name"
    else
        echo "FAIL $name:"; diff "$gold" "$tmp/out.txt" | head -10; fail=1
    fi
    if ! "$berpa" -q --correct "$f" >"$tmp/corr.txt"; then
        echo "FAIL $name: berpa --correct exited $?"; fail=1
    elif ! cmp -s "$tmp/corr.txt" "$gold"; then
        echo "FAIL $name --correct:"; diff "$gold" "$tmp/corr.txt" | head -10; fail=1
    fi
done
[ $n -gt 0 ] || { echo "SKIP: no cases in $dir"; exit 77; }
exit $fail
