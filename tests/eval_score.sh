#!/usr/bin/env bash
# eval_score.sh BERPA SHARED: `berpa eval` agrees with the reference scorer
# (SHARED/tools/score.py) to within 0.001 on cer, wer, hyphen_acc, keep_acc
# and para_f1, and exactly on the token counts, for every document of
# SHARED/corpus: its raw inputs, its gold, berpa's output of each input, and
# a few damaged copies (lines dropped, paragraphs swapped, an empty file);
# a copy with invalid UTF-8 is refused (exit 1, the first bad byte's line
# and offset).  Skips (exit 77) when the shared folder is absent.
set -u
berpa=$1 shared=$2
if [ ! -f "$shared/tools/score.py" ] || [ ! -d "$shared/corpus" ]; then
  echo "eval_score: skipped, no shared corpus at $shared"
  exit 77
fi
command -v python3 > /dev/null || { echo "eval_score: skipped, no python3"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 passes=0

compare() { # NAME GOLD OUT SITES
  python3 "$shared/tools/score.py" "$2" "$3" --sites "$4" --json > "$tmp/py.json" || {
    echo "FAIL $1: score.py failed"; fails=$((fails + 1)); return; }
  "$berpa" eval --json --sites "$4" "$2" "$3" > "$tmp/c.json" || {
    echo "FAIL $1: berpa eval exited $?"; fails=$((fails + 1)); return; }
  if python3 - "$tmp/py.json" "$tmp/c.json" "$1" <<'PY'
import json, sys
p, c, name = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
bad = [f"{k} {p[k]} vs {c[k]}" for k in ("cer", "wer", "hyphen_acc", "keep_acc", "para_f1")
       if abs(p[k] - c[k]) > 0.001]
bad += [f"{k} {p[k]} vs {c[k]}" for k in ("gold_tokens", "out_tokens", "hyphen_sites", "keep_sites")
        if p[k] != c[k]]
print(("FAIL " if bad else "ok   ") + f"{name}: cer {c['cer']} wer {c['wer']} para {c['para_f1']}"
      + ("; " + "; ".join(bad) if bad else ""))
sys.exit(1 if bad else 0)
PY
  then passes=$((passes + 1)); else fails=$((fails + 1)); fi
}

for dir in "$shared"/corpus/seed "$shared"/corpus/dev/*/; do
  dir=${dir%/}
  name=${dir#"$shared/corpus/"}
  [ -f "$dir/gold.txt" ] && [ -f "$dir/sites.json" ] || continue
  compare "$name/gold" "$dir/gold.txt" "$dir/gold.txt" "$dir/sites.json"
  for in in input layout ocr; do
    [ -f "$dir/$in.txt" ] || continue
    compare "$name/$in" "$dir/gold.txt" "$dir/$in.txt" "$dir/sites.json"
    out="$tmp/$(echo "$name" | tr / _)-$in.out"
    "$berpa" -q "$dir/$in.txt" > "$out" 2> /dev/null
    compare "$name/$in via berpa" "$dir/gold.txt" "$out" "$dir/sites.json"
  done
  # damaged copies of the gold: every 7th line dropped, two paragraphs
  # swapped, words duplicated, invalid bytes
  python3 - "$dir/gold.txt" "$tmp/d" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
d = sys.argv[2]
open(d + "1", "w", encoding="utf-8").write("\n".join(l for i, l in enumerate(lines) if i % 7 != 3))
sw = lines[:]
if len(sw) > 4: sw[1], sw[3] = sw[3], sw[1]
open(d + "2", "w", encoding="utf-8").write("\n".join(sw))
open(d + "3", "w", encoding="utf-8").write("\n\n".join(" ".join(w + " " + w if i % 11 == 0 else w
    for i, w in enumerate(l.split(" "))) for l in lines[:20]))
open(d + "4", "wb").write("\n".join(lines[:5]).encode("utf-8") + b"\xff\xc3 \xe2\x82 tail\n")
open(d + "5", "w").write("")
PY
  for k in 1 2 3 5; do compare "$name/damaged-$k" "$dir/gold.txt" "$tmp/d$k" "$dir/sites.json"; done
  # invalid bytes: refused, at the first one (score.py would read U+FFFD)
  off=$(python3 -c 'import sys; print(open(sys.argv[1], "rb").read().index(b"\xff"))' "$tmp/d4")
  "$berpa" eval --json --sites "$dir/sites.json" "$dir/gold.txt" "$tmp/d4" > "$tmp/c.json" 2> "$tmp/err"
  rc=$?
  if [ "$rc" -eq 1 ] && [ ! -s "$tmp/c.json" ] &&
     grep -q "^berpa: $tmp/d4:5:[0-9]*: error: invalid UTF-8: byte 0xFF at offset $off .*\[invalid-utf8\]$" "$tmp/err"; then
    echo "ok   $name/damaged-4: invalid UTF-8 refused at offset $off"; passes=$((passes + 1))
  else
    echo "FAIL $name/damaged-4: exit $rc, $(cat "$tmp/err")"; fails=$((fails + 1))
  fi
done
echo "eval_score: $passes agree, $fails differ"
[ "$fails" -eq 0 ]
