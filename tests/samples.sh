#!/usr/bin/env bash
# samples.sh: golden tests.  Runs berpa once on each bundled sample
# (samples/NAME.txt) with all three outputs and compares them with the
# goldens beside it: NAME.out.txt, NAME.tei.xml, NAME.report.json.
#   tests/samples.sh path/to/berpa            compare (ctest `samples`)
#   tests/samples.sh path/to/berpa --update   rewrite the goldens; then
#                                             READ them before committing
# The goldens assume the project's dictionary (the one berpa finds, as in
# a plain run); its path is written as @DICT@ so any build tree compares.
set -u

bin=${1:?usage: samples.sh path/to/berpa [--update]}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
update=0
[ "${2:-}" = "--update" ] && update=1
cd "$(dirname "$0")/.." || exit 1

dict=$("$bin" -q --version | sed -n 's/^dictionary: //p')
if [ -z "$dict" ] || [ "$dict" = none ]; then
  echo "samples: skipped: berpa found no dictionary (build with -DBERPA_DICT=ON or set BERPA_DICT)"
  exit 77
fi
# The dictionary path as a literal sed pattern.
dict_re=$(printf '%s' "$dict" | sed 's/[][\/.*^$&]/\\&/g')

tmp=$(mktemp -d "${TMPDIR:-/tmp}/berpa-samples.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fails=0 n=0
for in in samples/*.txt; do
  case $in in *.out.txt) continue ;; esac
  name=$(basename "$in" .txt)
  n=$((n + 1))
  # Relative input name: it appears in the TEI header and the report.
  "$bin" -q -o "$tmp/$name.out.txt" --tei-out "$tmp/$name.tei.xml" \
    --report-out "$tmp/$name.report.json" "$in" 2> "$tmp/err"
  rc=$?
  if [ $rc -ne 0 ]; then
    echo "FAIL $name: berpa exited $rc"; cat "$tmp/err"
    fails=$((fails + 1)); continue
  fi
  for ext in out.txt tei.xml report.json; do
    sed -i "s/$dict_re/@DICT@/g" "$tmp/$name.$ext"
    gold="samples/$name.$ext"
    if [ $update -eq 1 ]; then
      cp "$tmp/$name.$ext" "$gold"
    elif [ ! -f "$gold" ]; then
      echo "FAIL $name: no golden $gold (run: tests/samples.sh $bin --update)"
      fails=$((fails + 1))
    elif ! cmp -s "$gold" "$tmp/$name.$ext"; then
      echo "FAIL $name: $ext differs from $gold:"
      # The report is one line per document: diff it a field a line.
      if [ "$ext" = report.json ]; then
        diff -u <(tr ',' '\n' < "$gold") <(tr ',' '\n' < "$tmp/$name.$ext") | head -n 60
      else
        diff -u "$gold" "$tmp/$name.$ext" | head -n 60
      fi
      fails=$((fails + 1))
    else
      echo "ok   $name: $ext"
    fi
  done
done

if [ $n -eq 0 ]; then
  echo "samples: no samples found"; exit 1
fi
if [ $update -eq 1 ]; then
  echo "samples: goldens of $n samples rewritten; read them (git diff samples/) before committing"
  exit 0
fi
[ $fails -eq 0 ] || { echo "samples: $fails failure(s)"; exit 1; }
echo "samples: all $n samples match their goldens"
