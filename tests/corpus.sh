#!/usr/bin/env bash
# corpus.sh BERPA SHARED: the quality targets on the shared corpus, scored by
# the reference scorer (../shared/tools/score.py), as a CI gate.  Skips
# (exit 77) when the shared folder is absent, as on a user's machine.
#
#   seed/input.txt        every hyphen site right, WER <= 0.002, para F1 >= 0.9
#   dev/*/layout.txt      hyphen accuracy >= 0.995, every real hyphen kept,
#                         WER <= 0.003, para F1 >= 0.9, no running head or
#                         page number left in the clean text
set -u
berpa=$1 shared=$2
if [ ! -f "$shared/tools/score.py" ] || [ ! -d "$shared/corpus" ]; then
  echo "corpus: skipped, no shared corpus at $shared"
  exit 77
fi
command -v python3 > /dev/null || { echo "corpus: skipped, no python3"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 passes=0

# check NAME GOLD OUT SITES MAXWER MINHYPH MINKEEP MINPARA
check() {
  local name=$1 gold=$2 out=$3 sites=$4
  python3 "$shared/tools/score.py" "$gold" "$out" --sites "$sites" --json > "$tmp/score.json" || {
    echo "FAIL $name: score.py failed"; fails=$((fails + 1)); return; }
  if python3 - "$tmp/score.json" "$5" "$6" "$7" "$8" "$name" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
maxwer, minh, mink, minp, name = float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
bad = []
if r["wer"] > maxwer: bad.append(f"wer {r['wer']} > {maxwer}")
if r["hyphen_acc"] < minh: bad.append(f"hyphen_acc {r['hyphen_acc']} < {minh} (wrong: {r['hyphen_wrong']})")
if r["keep_acc"] < mink: bad.append(f"keep_acc {r['keep_acc']} < {mink}")
if r["para_f1"] < minp: bad.append(f"para_f1 {r['para_f1']} < {minp}")
summary = f"cer {r['cer']} wer {r['wer']} hyphen {r['hyphen_acc']} keep {r['keep_acc']} para {r['para_f1']}"
print(("FAIL " if bad else "ok   ") + f"{name}: {summary}" + ("; " + "; ".join(bad) if bad else ""))
sys.exit(1 if bad else 0)
PY
  then passes=$((passes + 1)); else fails=$((fails + 1)); fi
}

# furniture NAME INPUT GOLD OUT: the first line of each page, when the gold
# leaves it out (a running head), and lone page numbers must not survive.
furniture() {
  local name=$1 in=$2 gold=$3 out=$4 head
  while IFS= read -r head; do
    head=$(printf '%s' "$head" | sed 's/^ *//; s/ *$//')
    [ -n "$head" ] || continue
    grep -qF -- "$head" "$gold" && continue
    if grep -qF -- "$head" "$out"; then
      echo "FAIL $name: running head \"$head\" left in the clean text"; fails=$((fails + 1)); return
    fi
  done < <(awk 'BEGIN { RS = "\f" } { n = split($0, a, "\n"); for (i = 1; i <= n; i++) if (a[i] ~ /[^ ]/) { print a[i]; break } }' "$in" | sort -u)
  if grep -qE '^[[:space:]]*[0-9]{1,4}[[:space:]]*$' "$out"; then
    echo "FAIL $name: a page number line left in the clean text"; fails=$((fails + 1)); return
  fi
  passes=$((passes + 1))
}

seed=$shared/corpus/seed
if "$berpa" < "$seed/input.txt" > "$tmp/seed.txt"; then
  check seed "$seed/gold.txt" "$tmp/seed.txt" "$seed/sites.json" 0.002 1.0 1.0 0.9
  furniture seed "$seed/input.txt" "$seed/gold.txt" "$tmp/seed.txt"
else
  echo "FAIL seed: berpa exited $?"; fails=$((fails + 1))
fi
for d in "$shared"/corpus/dev/*/; do
  n=$(basename "$d")
  [ -f "$d/layout.txt" ] || continue
  if "$berpa" < "$d/layout.txt" > "$tmp/$n.txt"; then
    check "$n/layout" "$d/gold.txt" "$tmp/$n.txt" "$d/sites.json" 0.003 0.995 1.0 0.9
    furniture "$n/layout" "$d/layout.txt" "$d/gold.txt" "$tmp/$n.txt"
  else
    echo "FAIL $n/layout: berpa exited $?"; fails=$((fails + 1))
  fi
done
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
