#!/usr/bin/env bash
# correct_harm.sh: OCR correction does no harm to text that needs none.
#   tests/correct_harm.sh path/to/berpa      (ctest correct_harm)
# - tests/correct/older.txt, a text in an older orthography and a dialect
#   (Cumhuriyyət, ədəbiyat, mədəniyət, gəlif) spelt the same way
#   throughout, comes out of --correct byte for byte as out of
#   --no-correct, with the kept spelling flagged (ocr-kept);
# - tests/correct/clean.txt, clean text (see below), is left as it is;
# - every bundled sample but the OCR one (clean text) is unchanged.
# Needs the project's dictionary (exit 77 without one).
set -u
bin=${1:?usage: correct_harm.sh path/to/berpa}
cd "$(dirname "$0")/.." || exit 1
dict=$("$bin" -q --version | sed -n 's/^dictionary: //p')
if [ -z "$dict" ] || [ "$dict" = none ]; then
  echo "correct_harm: skipped: berpa found no dictionary"
  exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/berpa-correct-harm.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
same() {  # same FILE: --correct and --no-correct agree on FILE
  "$bin" -q --no-correct "$1" > "$tmp/a" || { echo "FAIL: $1: berpa --no-correct failed"; fails=$((fails + 1)); return; }
  "$bin" --correct "$1" > "$tmp/b" 2> "$tmp/err" || { echo "FAIL: $1: berpa --correct failed"; fails=$((fails + 1)); return; }
  if ! cmp -s "$tmp/a" "$tmp/b"; then
    echo "FAIL: $1: --correct changed clean text:"
    diff <(tr ' ' '\n' < "$tmp/a") <(tr ' ' '\n' < "$tmp/b") | head -20
    fails=$((fails + 1))
  else
    echo "ok: $1 unchanged"
  fi
}
same tests/correct/older.txt
if ! grep -q 'Cumhuriyyət.*\[ocr-kept\]' "$tmp/err"; then
  echo "FAIL: tests/correct/older.txt: the kept spelling Cumhuriyyət is not flagged (ocr-kept)"
  fails=$((fails + 1))
fi
# clean text: tests/correct/clean.txt holds ; and « », which tesseract's
# aze model cannot output, so it is left as it is (its Azərhaycan too),
# and the note says so on stderr, in the report and in the TEI header;
# without those characters, or with a word the model misread (enerii), the
# same text is OCR and corrected
same tests/correct/clean.txt
grep -q 'clean.txt: note: the text holds 4 characters .*\[ocr-clean\]' "$tmp/err" ||
  { echo "FAIL: tests/correct/clean.txt: no ocr-clean note"; fails=$((fails + 1)); }
"$bin" -q --correct -f report tests/correct/clean.txt > "$tmp/rep"
jq -e '.notes[0].code == "ocr-clean" and .stats.corrections == 0' "$tmp/rep" > /dev/null ||
  { echo "FAIL: clean.txt: the report has no ocr-clean note: $(head -c 300 "$tmp/rep")"; fails=$((fails + 1)); }
"$bin" -q --correct -f tei tests/correct/clean.txt | grep -q '<p n="ocr-clean">the text holds 4 ' ||
  { echo "FAIL: clean.txt: the TEI header has no ocr-clean note"; fails=$((fails + 1)); }
for v in "tr -d ';«»'" "sed 1s/xüsusi/enerii/"; do
  eval "$v" < tests/correct/clean.txt | "$bin" -q --correct -f report > "$tmp/rep"
  jq -e '(.notes | not) and .stats.corrections > 0' "$tmp/rep" > /dev/null ||
    { echo "FAIL: clean.txt through $v: not corrected as OCR"; fails=$((fails + 1)); }
done
for f in samples/*.txt; do
  case $f in *.out.txt|samples/ocr.txt) continue ;; esac
  same "$f"
done
[ "$fails" -eq 0 ] || { echo "correct_harm: $fails failure(s)"; exit 1; }
