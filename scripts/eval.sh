#!/usr/bin/env bash
# eval.sh: scores berpa on the shared corpus with the reference scorer,
# ../shared/tools/score.py (so our figures are the scorer's), and prints a
# table: the seed document and every dev document's layout.txt and ocr.txt,
# then the OCR correction per document: CER without and with --correct
# (opt-in), the tokens it fixed and harmed (scripts/harm.py; harm is the
# share of tokens right before and wrong after) and, on the clean
# layout.txt, the share of tokens it changed.
# BERPA=path overrides build/berpa.  Needs ../shared and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

shared=../shared
if [ ! -f "$shared/tools/score.py" ]; then
  echo "eval: ../shared is absent: nothing to score against" >&2
  exit 77
fi
bin=${BERPA:-build/berpa}
[ -x "$bin" ] || { echo "eval: $bin not built (run scripts/run.sh first)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/berpa-eval.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

printf '%-28s %7s %7s %10s %8s %7s\n' document cer wer hyphen_acc keep_acc para_f1
row() {  # row NAME INPUT DIR
  local out=$tmp/out.txt
  if ! "$bin" -q "$2" > "$out" 2> "$tmp/err"; then
    printf '%-28s berpa failed: %s\n' "$1" "$(head -c 200 "$tmp/err")"; return
  fi
  python3 "$shared/tools/score.py" "$3/gold.txt" "$out" --sites "$3/sites.json" --json |
    python3 -c 'import json, sys
r = json.load(sys.stdin)
print("%-28s %7.4f %7.4f %10.4f %8.4f %7.4f" % (sys.argv[1], r["cer"], r["wer"],
      r["hyphen_acc"], r["keep_acc"], r["para_f1"]))' "$1"
}
row seed "$shared/corpus/seed/input.txt" "$shared/corpus/seed"
for d in "$shared"/corpus/dev/*/; do
  d=${d%/}
  for f in layout ocr; do
    [ -f "$d/$f.txt" ] && row "$(basename "$d")/$f" "$d/$f.txt" "$d"
  done
done

echo
printf '%-28s %9s %9s %6s %6s %7s %8s\n' document cer_before cer_after fixed harmed harm changed
cer() { python3 "$shared/tools/score.py" "$1" "$2" --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["cer"])'; }
for d in "$shared"/corpus/dev/*/; do
  d=${d%/}
  for f in ocr layout; do
    [ -f "$d/$f.txt" ] || continue
    "$bin" -q --no-correct "$d/$f.txt" > "$tmp/before.txt" 2> /dev/null || continue
    "$bin" -q --correct "$d/$f.txt" > "$tmp/after.txt" 2> /dev/null || continue
    python3 scripts/harm.py "$d/gold.txt" "$tmp/before.txt" "$tmp/after.txt" --json |
      python3 -c 'import json, sys
r = json.load(sys.stdin)
print("%-28s %9s %9s %6d %6d %7.4f %8.4f" % (sys.argv[1], sys.argv[2], sys.argv[3], r["fixed"],
      r["harmed"], r["harm"], r["changed_share"]))' "$(basename "$d")/$f" \
        "$(cer "$d/gold.txt" "$tmp/before.txt")" "$(cer "$d/gold.txt" "$tmp/after.txt")"
  done
done
