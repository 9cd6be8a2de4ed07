#!/usr/bin/env bash
# samples_check.sh: berpa's own CI runs `berpa check` on its outputs.
#   - the samples' goldens (samples/*.out.txt) and what berpa makes of
#     samples/*.txt now pass the gate of the committed samples/berpa.toml
#     (errors fail; so do warnings: restored text should have none),
#   - the raw inputs fail it (the gate can fail),
#   - the README's CI examples (the GitHub Actions step and the plain shell
#     one) run as written: they pass on a corpus of restored text and fail
#     on one with raw OCR in it, and annotations name files as given.
# Usage: samples_check.sh BERPA SOURCE_DIR.  Exit 0 or 1.
set -u
berpa=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }
conf=$src/samples/berpa.toml

ins=() outs=()
for f in "$src"/samples/*.txt; do
  case $f in *.out.txt) outs+=("$f") ;; *) ins+=("$f") ;; esac
done

"$berpa" check -q --config "$conf" "${outs[@]}"
rc=$?; [ $rc -eq 0 ] || no "the samples' goldens do not pass samples/berpa.toml (exit $rc)"

mkdir "$tmp/now"
for f in "${ins[@]}"; do
  "$berpa" -q -o "$tmp/now/$(basename "$f")" "$f" || no "berpa $f: exit $?"
done
"$berpa" check -q --config "$conf" "$tmp/now/"
rc=$?; [ $rc -eq 0 ] || no "berpa's outputs of the samples do not pass samples/berpa.toml (exit $rc)"

"$berpa" check -q --config "$conf" "$src/samples/paged.txt" > /dev/null
rc=$?; [ $rc -eq 1 ] || no "raw paged.txt passes the gate (exit $rc, wanted 1)"

# The README's examples, extracted from its CI section.
awk '/^### CI/ { ci = 1 } ci && /^```yaml/ { y = 1; next } y && /^```/ { y = 0 }
     y && /^    [^ ]/ { sub(/^    /, ""); print }' "$src/README.md" > "$tmp/gha.sh"
awk '/^### CI/ { ci = 1 } ci && /^```sh/ { s = 1; next } s && /^```/ { exit } s { print }' \
  "$src/README.md" > "$tmp/shell.sh"
grep -q 'berpa check' "$tmp/gha.sh" || no "README: no GitHub Actions step with berpa check"
grep -q 'berpa check' "$tmp/shell.sh" || no "README: no plain shell example with berpa check"

mkdir -p "$tmp/ci/corpus" "$tmp/ci/gold" "$tmp/bin"
ln -s "$(cd "$(dirname "$berpa")" && pwd)/$(basename "$berpa")" "$tmp/bin/berpa"
for f in "${outs[@]}"; do
  b=$(basename "$f" .out.txt)
  cp "$f" "$tmp/ci/corpus/$b.txt"
  cp "$f" "$tmp/ci/gold/$b.txt"
done
# GitHub runs a step with bash -e; the plain one is run as a script is.
run() { (cd "$tmp/ci" && PATH="$tmp/bin:$PATH" bash ${2:-} "$1") > "$tmp/run.out" 2>&1; }
run "$tmp/gha.sh" -e || { no "README GitHub step fails on restored text"; cat "$tmp/run.out"; }
[ -s "$tmp/ci/berpa-check.xml" ] || no "README GitHub step wrote no JUnit file"
run "$tmp/shell.sh" || { no "README shell example fails on restored text"; cat "$tmp/run.out"; }

cp "$src/samples/paged.txt" "$tmp/ci/corpus/raw.txt"
cp "$src/samples/paged.out.txt" "$tmp/ci/gold/raw.txt"
run "$tmp/gha.sh" -e && no "README GitHub step passes raw OCR"
grep -q '^::warning file=corpus/raw.txt,line=' "$tmp/run.out" ||
  no "annotations do not name corpus/raw.txt: $(grep -m1 '^::' "$tmp/run.out")"
run "$tmp/shell.sh" && no "README shell example passes raw OCR"
grep -q '^quality ' "$tmp/run.out" || no "README shell example: no verdict on raw OCR"

[ $fail -eq 0 ] && echo "samples_check: all checks passed"
exit $fail
