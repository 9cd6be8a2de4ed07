#!/usr/bin/env bash
# eval.sh: scores berpa on the shared corpus with the reference scorer,
# ../shared/tools/score.py (so our figures are the scorer's), and prints a
# table: the seed document and every dev document's layout.txt and ocr.txt.
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
