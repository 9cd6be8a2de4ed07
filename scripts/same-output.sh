#!/usr/bin/env bash
# same-output.sh save DIR | check DIR: berpa --correct's text, TEI and report
# on every dev ocr.txt/layout.txt, samples/, ../shared/cases and tests/cases,
# saved once and compared byte for byte later (a speed change must change
# nothing).  Run from the source tree with build/berpa built.
set -u
mode=${1:?save|check}; dir=${2:?DIR}
bin=build/berpa
mkdir -p "$dir"
fail=0; n=0
for f in ../shared/corpus/dev/*/ocr.txt ../shared/corpus/dev/*/layout.txt \
         samples/*.txt ../shared/cases/*.txt tests/cases/*.txt; do
  case $f in *.expected.txt|*.out.txt) continue ;; esac
  [ -f "$f" ] || continue
  key=$(echo "$f" | tr '/.' '__')
  for fmt in text tei report; do
    case $fmt in text) o=() ;; tei) o=(--tei) ;; report) o=(--report) ;; esac
    out="$dir/$key.$fmt"
    if [ "$mode" = save ]; then
      "$bin" -q --correct "${o[@]}" "$f" > "$out" 2>&1
    else
      "$bin" -q --correct "${o[@]}" "$f" 2>&1 | cmp -s - "$out" || { echo "DIFF $f $fmt"; fail=1; }
    fi
    n=$((n + 1))
  done
done
echo "same-output: $mode $n outputs"
[ "$mode" = check ] && [ $fail = 0 ] && echo "same-output: all identical"
exit $fail
