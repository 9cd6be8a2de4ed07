#!/usr/bin/env bash
# tei_validate.sh: berpa's TEI is valid TEI P5 (jing against tei_all.rng)
# and every @break is yes, no or maybe (which jing does not check).
# Usage: tei_validate.sh TEI_ALL_RNG BERPA SAMPLES_DIR [EXTRA.xml...]
# Validates the TEI of every SAMPLES_DIR/*.txt and the extra files (the
# hand-built document of unit_walk).  Exit 0 pass, 1 fail, 77 skipped.
set -u
rng=$1 berpa=$2 dir=$3
shift 3

if [ ! -f "$rng" ]; then
    echo "SKIP: TEI schema not found: $rng (the shared folder is absent)"
    exit 77
fi
if ! command -v jing >/dev/null 2>&1; then
    echo "SKIP: jing not found (Debian package jing)"
    exit 77
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
files=()
for x in "$@"; do
    [ -f "$x" ] || { echo "FAIL: $x missing"; fail=1; continue; }
    files+=("$x")
done
shopt -s nullglob
for f in "$dir"/*.txt; do
    case $f in *.out.txt) continue ;; esac   # goldens, not inputs
    [ -x "$berpa" ] || { echo "FAIL: berpa not built: $berpa"; exit 1; }
    out="$tmp/$(basename "$f" .txt).xml"
    "$berpa" -q --replace-invalid --format tei "$f" >"$out"
    rc=$?
    if [ $rc = 5 ]; then
        "$berpa" -q --replace-invalid --no-dict --format tei "$f" >"$out"
        rc=$?
    fi
    [ $rc = 0 ] || { echo "FAIL $(basename "$f"): berpa exited $rc"; fail=1; continue; }
    files+=("$out")
done
[ ${#files[@]} -gt 0 ] || { echo "SKIP: nothing to validate"; exit 77; }

# One jing run for all files: loading the schema is the slow part.
if jing "$rng" "${files[@]}" 2>"$tmp/jing.err"; then
    echo "ok jing: ${#files[@]} file(s) valid"
else
    grep -v '^\[warning\]' "$tmp/jing.err" | head -40
    echo "FAIL: jing found errors"
    fail=1
fi
if command -v xmllint >/dev/null 2>&1; then
    for x in "${files[@]}"; do
        n=$(xmllint --xpath 'count(//@break[not(.="yes" or .="no" or .="maybe")])' "$x" 2>/dev/null)
        [ "$n" = 0 ] || { echo "FAIL $(basename "$x"): $n bad @break value(s)"; fail=1; }
        # every @resp points at an xml:id of the document
        n=$(xmllint --xpath 'count(//@resp[not(substring(., 2) = //@xml:id)])' "$x" 2>/dev/null)
        [ "$n" = 0 ] || { echo "FAIL $(basename "$x"): $n dangling @resp"; fail=1; }
    done
else
    echo "note: xmllint not found, @break values not checked"
fi
exit $fail
