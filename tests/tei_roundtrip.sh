#!/usr/bin/env bash
# tei_roundtrip.sh: nothing is lost in berpa's TEI.  For each document:
#   tei_strip --clean TEI  == berpa's text output (byte for byte)
#   tei_strip --orig TEI   == the input, white space normalised, NFC (on
#                             pages read as side-by-side columns: the same
#                             words, each as often)
# Usage:
#   tei_roundtrip.sh samples TEI_STRIP BERPA SAMPLES_DIR   every SAMPLES_DIR/*.txt
#   tei_roundtrip.sh unit TEI_STRIP PREFIX                 PREFIX.{xml,txt,in}
#                                                          written by unit_walk
# Exit 0 pass, 1 fail, 77 skipped (no samples, no python3).
set -u
mode=$1 strip=$2

if ! command -v python3 >/dev/null 2>&1; then
    echo "SKIP: python3 (for NFC) not found"
    exit 77
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# NFC and every run of ASCII white space (form feeds included) as one
# space; bytes that are not UTF-8 pass through unchanged.
norm() {
    python3 -c '
import re, sys, unicodedata
s = open(sys.argv[1], "rb").read().decode("utf-8", "surrogateescape")
s = re.sub(r"[ \t\n\r\f\v]+", " ", unicodedata.normalize("NFC", s)).strip()
sys.stdout.buffer.write(s.encode("utf-8", "surrogateescape") + b"\n")' "$1"
}

fail=0
# check NAME INPUT TEXT TEI
check() {
    local name=$1 input=$2 text=$3 tei=$4
    if ! "$strip" --clean "$tei" >"$tmp/clean"; then
        echo "FAIL $name: tei_strip --clean failed"; fail=1; return
    fi
    if ! cmp -s "$tmp/clean" "$text"; then
        echo "FAIL $name: clean text from the TEI differs from the text output:"
        diff "$text" "$tmp/clean" | head -20; fail=1
    fi
    if ! "$strip" --orig "$tei" >"$tmp/orig"; then
        echo "FAIL $name: tei_strip --orig failed"; fail=1; return
    fi
    norm "$input" >"$tmp/in.norm"
    norm "$tmp/orig" >"$tmp/orig.norm"
    # side-by-side columns cut apart (<cb n=...>) and table cells are in reading order, not
    # in the input's: there the same words, each as often, must be there
    if grep -q '<cb n="\|<table' "$tei"; then
        tr ' ' '\n' <"$tmp/in.norm" | LC_ALL=C sort >"$tmp/in.sorted"
        tr ' ' '\n' <"$tmp/orig.norm" | LC_ALL=C sort >"$tmp/orig.sorted"
        mv "$tmp/in.sorted" "$tmp/in.norm"; mv "$tmp/orig.sorted" "$tmp/orig.norm"
    fi
    if ! cmp -s "$tmp/in.norm" "$tmp/orig.norm"; then
        echo "FAIL $name: the original from the TEI differs from the input:"
        # one word per line, to show where
        tr ' ' '\n' <"$tmp/in.norm" >"$tmp/a"; tr ' ' '\n' <"$tmp/orig.norm" >"$tmp/b"
        diff "$tmp/a" "$tmp/b" | head -20; fail=1
    fi
    [ $fail = 0 ] && echo "ok $name"
}

case $mode in
unit)
    prefix=$3
    for ext in xml txt in; do
        [ -f "$prefix.$ext" ] || { echo "FAIL: $prefix.$ext missing (unit_walk writes it)"; exit 1; }
    done
    check unit_walk "$prefix.in" "$prefix.txt" "$prefix.xml"
    ;;
samples)
    berpa=$3 dir=$4
    shopt -s nullglob
    samples=()
    for f in "$dir"/*.txt; do
        case $f in *.out.txt) ;; *) samples+=("$f") ;; esac   # goldens, not inputs
    done
    if [ ${#samples[@]} = 0 ]; then
        echo "SKIP: no samples in $dir"
        exit 77
    fi
    [ -x "$berpa" ] || { echo "FAIL: berpa not built: $berpa"; exit 1; }
    for f in "${samples[@]}"; do
        name=$(basename "$f")
        for fmt in text tei; do
            "$berpa" -q --replace-invalid --format $fmt "$f" >"$tmp/out.$fmt"
            rc=$?
            if [ $rc = 5 ]; then   # no dictionary here: the emitters are what is tested
                "$berpa" -q --replace-invalid --no-dict --format $fmt "$f" >"$tmp/out.$fmt"
                rc=$?
            fi
            [ $rc = 0 ] || { echo "FAIL $name: berpa --format $fmt exited $rc"; fail=1; }
        done
        check "$name" "$f" "$tmp/out.text" "$tmp/out.tei"
    done
    ;;
*)
    echo "usage: tei_roundtrip.sh samples|unit ..." >&2
    exit 2
    ;;
esac
exit $fail
