#!/usr/bin/env bash
# ocr-eval.sh: page images in, measured against gold.  For each document of
# ../shared/corpus/dev/*/pages (or the directories given), CER/WER of
#   raw:    tesseract PAGE - -l LANG, pages concatenated
#   pipe:   the same piped into berpa
#   berpa:  berpa --document pages/*.png (leptonica clean-up + in-process OCR)
# with ../shared/tools/score.py: CER, WER and paragraph F1 (pf1) of each.
# Options: -l LANG (default aze+Latin, berpa's), -j N, --correct (passed
# to berpa on both the pipe and the pages),
# --clean STEPS (passed to berpa), --variant V (berpa only, made with
# scripts/mkpages.c): rotate3 (the pages turned by 3 degrees, against the
# pages), dpi150 (the pages taken as A4 and resampled to 150 dpi, against
# the same at 300 dpi), half (half the pages' resolution, against the
# pages); prints the variant's CER over the reference's.
# BERPA=path overrides build/berpa.
set -euo pipefail
cd "$(dirname "$0")/.."
lang=aze+Latin jobs=2 clean=() variant= extra=() only= keep=
while [ $# -gt 0 ]; do
  case $1 in
    -l) lang=$2; shift 2 ;;
    -j) jobs=$2; shift 2 ;;
    --clean) clean=(--clean "$2"); shift 2 ;;
    --variant) variant=$2; shift 2 ;;
    --correct) extra=(--correct); shift ;;
    --berpa-only) only=1; shift ;;
    --keep) keep=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) break ;;
  esac
done
bin=${BERPA:-build/berpa}
score=../shared/tools/score.py
[ -f "$score" ] || { echo "ocr-eval: needs ../shared (skipped)" >&2; exit 77; }
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(../shared/corpus/dev/*/)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/berpa-ocr.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [ -n "$variant" ]; then
  cc -O1 -o "$tmp/mkpages" scripts/mkpages.c $(pkg-config --cflags --libs lept)
  printf '%-20s %6s %15s %15s %6s\n' document pages "ref cer/wer" "$variant cer/wer" ratio
fi
# CER and WER (the variants), or CER, WER and paragraph F1
cer() { python3 "$score" "$1" "$2" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.4f %.4f" % (d["cer"], d["wer"]))'; }
cwp() { python3 "$score" "$1" "$2" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print("%.4f %.4f %.4f" % (d["cer"], d["wer"], d["para_f1"]))'; }
if [ -z "$variant" ]; then
  if [ -n "$only" ]; then
    printf '%-20s %6s %22s\n' document pages "berpa cer/wer/pf1"
  else
    printf '%-20s %6s %22s %22s %22s\n' document pages "raw cer/wer/pf1" "pipe cer/wer/pf1" "berpa cer/wer/pf1"
  fi
fi
for d in "${dirs[@]}"; do
  d=${d%/}; n=$(basename "$d")
  pages=("$d"/pages/*.png)
  if [ -n "$variant" ]; then
    mkdir -p "$tmp/$n" "$tmp/$n.ref"
    ref=("${pages[@]}")
    for p in "${pages[@]}"; do
      b=$(basename "$p")
      case $variant in
        rotate3) "$tmp/mkpages" rotate 3 "$p" "$tmp/$n/$b" ;;
        dpi150) "$tmp/mkpages" a4dpi 150 "$p" "$tmp/$n/$b" 2>/dev/null
                "$tmp/mkpages" a4dpi 300 "$p" "$tmp/$n.ref/$b" ;;
        half) "$tmp/mkpages" half "$p" "$tmp/$n/$b" ;;
        *) echo "ocr-eval: unknown variant $variant" >&2; exit 2 ;;
      esac
    done
    [ "$variant" != dpi150 ] || ref=("$tmp/$n.ref"/*.png)
    "$bin" -q --document -l "$lang" -j "$jobs" "${clean[@]}" "${ref[@]}" > "$tmp/$n.berpa" || true
    "$bin" -q --document -l "$lang" -j "$jobs" "${clean[@]}" "$tmp/$n"/*.png > "$tmp/$n.var" || true
    r=$(cer "$d/gold.txt" "$tmp/$n.berpa") v=$(cer "$d/gold.txt" "$tmp/$n.var")
    printf '%-20s %6s %15s %15s %6.2f\n' "$n" "${#pages[@]}" "$r" "$v" \
      "$(awk -v a="${r%% *}" -v b="${v%% *}" 'BEGIN { print a > 0 ? b / a : 0 }')"
    continue
  fi
  if [ -n "$only" ]; then
    "$bin" -q --document -l "$lang" -j "$jobs" "${clean[@]}" "${extra[@]}" "${pages[@]}" > "$tmp/$n.berpa" || true
    printf '%-20s %6s %22s\n' "$n" "${#pages[@]}" "$(cwp "$d/gold.txt" "$tmp/$n.berpa")"
    [ -z "$keep" ] || cp "$tmp/$n.berpa" "$keep/"
    continue
  fi
  # tesseract per page, on N cores like berpa -j N
  printf '%s\n' "${pages[@]}" | xargs -P "$jobs" -I{} sh -c \
    'OMP_THREAD_LIMIT=1 tesseract "$1" "$2/$(basename "$1" .png)" -l "$3" >/dev/null 2>&1' _ {} "$tmp" "$lang"
  : > "$tmp/$n.raw"
  for p in $(printf '%s\n' "${pages[@]}" | sort -V); do cat "$tmp/$(basename "$p" .png).txt" >> "$tmp/$n.raw"; done
  rm -f "$tmp"/*.txt
  "$bin" -q "${extra[@]}" < "$tmp/$n.raw" > "$tmp/$n.pipe" || true
  "$bin" -q --document -l "$lang" -j "$jobs" "${clean[@]}" "${extra[@]}" "${pages[@]}" > "$tmp/$n.berpa" || true
  printf '%-20s %6s %22s %22s %22s\n' "$n" "${#pages[@]}" "$(cwp "$d/gold.txt" "$tmp/$n.raw")" \
    "$(cwp "$d/gold.txt" "$tmp/$n.pipe")" "$(cwp "$d/gold.txt" "$tmp/$n.berpa")"
  [ -z "$keep" ] || cp "$tmp/$n.raw" "$tmp/$n.pipe" "$tmp/$n.berpa" "$keep/"
done
