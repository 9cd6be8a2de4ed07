#!/usr/bin/env bash
# lexdb_identical.sh BERPA DICT_DIR SOURCE_DIR [SHARED_DIR]: the compiled
# tables (az_AZ.berpa) change nothing but the start-up time.  Runs berpa on
# the samples (and the shared cases and corpus texts when SHARED_DIR has
# them) with a copy of the dictionary without its compiled tables, then
# with them, and compares the text, TEI, report, diagnostics and exit
# status, with and without --correct.  Then a damaged copy of the tables:
# a stale-lexicon warning, and the same outputs otherwise.
set -u
bin=$1 dict=$2 src=$3 shared=${4:-}
[ -f "$dict/az_AZ.berpa" ] || { echo "skip: no compiled tables in $dict"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/berpa-lexdb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/d"
for e in aff dic freq compounds errors; do cp "$dict/az_AZ.$e" "$tmp/d/"; done
inputs=("$src"/samples/*.txt)
if [ -n "$shared" ] && [ -d "$shared/cases" ]; then
  for f in "$shared"/cases/*.txt "$shared"/corpus/*/*/ocr.txt "$shared"/corpus/*/*/layout.txt; do
    case $f in *.expected.txt) ;; *) [ -f "$f" ] && inputs+=("$f") ;; esac
  done
fi
inputs=($(printf '%s\n' "${inputs[@]}" | grep -v '\.out\.txt$'))
run() { # run OUTDIR
  mkdir -p "$1"
  local i=0
  for f in "${inputs[@]}"; do
    i=$((i + 1))
    for c in --no-correct --correct; do
      BERPA_DICT= "$bin" --dict "$tmp/d/az_AZ" $c --tei-out "$1/$i$c.xml" --report-out "$1/$i$c.json" \
        -o "$1/$i$c.txt" "$f" 2> "$1/$i$c.err"
      echo "exit $?" >> "$1/$i$c.err"
    done
  done
}
fail=0
run "$tmp/sources"
cp "$dict/az_AZ.berpa" "$tmp/d/"
run "$tmp/compiled"
if diff -r "$tmp/sources" "$tmp/compiled" > "$tmp/diff"; then
  echo "ok: ${#inputs[@]} inputs, text, TEI, report and diagnostics identical with the compiled tables"
else
  echo "FAIL: outputs differ with the compiled tables:"; head -40 "$tmp/diff"; fail=1
fi
# damaged: one byte of the header changed
printf '\x5a' | dd of="$tmp/d/az_AZ.berpa" bs=1 seek=40 conv=notrunc status=none
BERPA_DICT= "$bin" --dict "$tmp/d/az_AZ" -o "$tmp/o.txt" "${inputs[0]}" 2> "$tmp/err"; rc=$?
if [ $rc -eq 0 ] && grep -q 'az_AZ.berpa has a damaged header: reading .* \[stale-lexicon\]$' "$tmp/err" &&
   cmp -s "$tmp/o.txt" "$tmp/sources/1--no-correct.txt"; then
  echo "ok: damaged tables refused with a warning, the same text from the sources"
else
  echo "FAIL: damaged tables: exit $rc, $(cat "$tmp/err")"; fail=1
fi
exit $fail
