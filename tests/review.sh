#!/usr/bin/env bash
# review.sh: the HTML review page (berpa --html, berpa review) in a real
# headless browser (Debian's chromium, --dump-dom of the page with
# #selftest, which counts the data-change elements by kind, drives the n
# and p keys and writes the result into the DOM):
#   - the page parses as HTML5 without errors (html5lib, when installed),
#   - it loads with no script error (the page's own hook, and chromium's
#     console log on stderr), including text that looks like markup,
#   - its changes by kind are the report's changes, one for one, and its
#     unsure marks are the report's hyphens_unsure + furniture_unsure,
#   - n/p walk the unsure decisions and focus them,
#   - a page of over 10,000 changes loads within a bound,
#   - --gold puts the figures of `berpa eval` in the page,
#   - a page image comes embedded with a box per line (when tesseract's
#     aze data is installed).
# A page with a deliberate script error must be caught (the check can fail).
# Usage: review.sh BERPA SAMPLES_DIR IMAGES_DIR.  Exit 0, 1, or 77 (skip).
set -u
berpa=$1 samples=$2 images=$3
browser=$(command -v chromium || command -v chromium-browser) ||
  { echo "SKIP: chromium is not installed (scripts/setup.sh installs it)"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

py=/usr/bin/python3
"$py" -c 'import html5lib' 2>/dev/null || { echo "note: python3-html5lib missing, no HTML5 parse check"; py=; }

# The report's changes as the page names them, counted: "N kind" lines.
report_kinds() {
  jq -r '.changes[] | if .type == "hyphen" then "hyphen-" + .decision
    elif .type == "furniture" then (if .decision == "kept" then "furniture-kept" else "furniture-" + .role end)
    elif .type == "edit" then "edit-" + .kind else "structure-" + .kind end' "$1" | sort | uniq -c |
    awk '{print $2, $1}'
}

# Loads PAGE#selftest in chromium; the selftest JSON goes to OUT, the
# browser's log to OUT.log; returns non-zero when the browser failed.
load() {
  local page=$1 out=$2
  local ud
  ud=$(mktemp -d "$tmp/ud.XXXXXX")
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$ud" --enable-logging=stderr --v=0 \
    --dump-dom "file://$page#selftest" > "$out.dom" 2> "$out.log"
  local rc=$?
  # the DOM escapes nothing inside <pre>: the JSON is its text
  sed -n 's/.*<pre id="selftest" hidden="">\([^<]*\)<\/pre>.*/\1/p' "$out.dom" |
    sed 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g' > "$out"
  return $rc
}

# Checks a page against its report.  $1 page, $2 report, $3 label; $4
# "big": no HTML5 parse (html5lib takes long over megabytes; the samples
# have every construct).
check_page() {
  local page=$1 rep=$2 label=$3 st=$tmp/st.json
  if [ -n "$py" ] && [ "${4:-}" != big ]; then
    "$py" - "$page" <<'EOF' || no "$label: not well-formed HTML5"
import sys, html5lib
p = html5lib.HTMLParser(strict=False)
p.parse(open(sys.argv[1], 'rb').read())
for pos, code, data in p.errors[:5]:
    print("  html5:", pos, code, data)
sys.exit(1 if p.errors else 0)
EOF
  fi
  load "$page" "$st" || no "$label: chromium exit $?"
  [ -s "$st" ] || { no "$label: no selftest result (page script did not run)"; return; }
  jq -e '.errors == []' "$st" > /dev/null || no "$label: script errors: $(jq -c .errors "$st")"
  ! grep -iE 'Uncaught|SyntaxError|ReferenceError|TypeError' "$st.log" ||
    no "$label: console errors in the browser log"
  diff <(jq -r '.kinds | to_entries[] | "\(.key) \(.value)"' "$st" | sort) \
       <(report_kinds "$rep" | sort) > "$tmp/kinds.diff" ||
    { no "$label: data-change kinds differ from the report (page < > report)"; cat "$tmp/kinds.diff"; }
  local want
  want=$(jq '.stats.hyphens_unsure + .stats.furniture_unsure' "$rep")
  [ "$(jq .unsure "$st")" = "$want" ] || no "$label: $(jq .unsure "$st") unsure marks, report $want"
  jq -e '.focus' "$st" > /dev/null || no "$label: n/p did not focus the unsure decision"
  jq -e '.changes == 0 or (.hover | test("confidence [0-9.]+"))' "$st" > /dev/null ||
    no "$label: no reason and confidence on hover: $(jq -c .hover "$st")"
}

# 1. the samples, one document (one browser start): page and report from
# one pass
ins=()
for f in "$samples"/*.txt; do case $f in *.out.txt) ;; *) ins+=("$f") ;; esac; done
"$berpa" -q --correct --replace-invalid --document --html -o "$tmp/samples.html" \
  --report-out "$tmp/samples.json" "${ins[@]}" || no "samples: exit $?"
jq -e '[.stats.hyphens_joined, .stats.hyphens_kept, .stats.furniture, .stats.edits]
       | all(. > 0)' "$tmp/samples.json" > /dev/null ||
  no "samples: not every kind of change is there"
check_page "$tmp/samples.html" "$tmp/samples.json" samples
# OCR corrections: the OCR sample alone (the others hold characters the aze
# model cannot output, so one document of them all is clean text, ocr-clean)
"$berpa" -q --correct --html -o "$tmp/ocr.html" --report-out "$tmp/ocr.json" "$samples/ocr.txt" ||
  no "ocr: exit $?"
jq -e '.stats.corrections > 0' "$tmp/ocr.json" > /dev/null || no "ocr: no correction"
check_page "$tmp/ocr.html" "$tmp/ocr.json" ocr
"$berpa" -q --replace-invalid --html -o "$tmp/paged.html" "$samples/paged.txt" || no "paged: exit $?"

# 2. a page of over 10,000 changes (a ligature, a joined and an unsure
# hyphen a paragraph), with text that looks like markup and script
awk 'BEGIN { for (i = 0; i < 3400; i++) {
  print "Türkiye Diyanət İşləri İdarəsi Allah adının \"əl-"
  print "ilah\" sözündən törəməsi ﬁkrinə üstünlük verib. Lakin gəmidəki-"
  print "lər <script>berpaErrors.push(\"injected\")</script> & <b>sahilə</b> çıxa bilmədilər."
  print "" } }' > "$tmp/big.txt"
"$berpa" -q --html -o "$tmp/big.html" --report-out "$tmp/big.json" "$tmp/big.txt" || no "big: exit $?"
n=$(jq '.changes | length' "$tmp/big.json")
[ "$n" -ge 10000 ] || no "big: only $n changes"
start=$(date +%s)
check_page "$tmp/big.html" "$tmp/big.json" big big
secs=$(( $(date +%s) - start ))
[ "$secs" -le 60 ] || no "big: $n changes took ${secs}s to load and check"
ms=$(jq .ms "$tmp/st.json")
[ "${ms:-99999}" -le 30000 ] || no "big: the page took $ms ms to load in the browser"
u=$(jq '.stats.hyphens_unsure' "$tmp/big.json")
jq -e --argjson last $((u - 1)) '.nav == [0, 1, 0, $last]' "$tmp/st.json" > /dev/null ||
  no "big: n n p p went $(jq -c .nav "$tmp/st.json"), not [0,1,0,$((u - 1))]"
grep -q '&lt;script&gt;berpaErrors' "$tmp/big.html" || no "big: markup in the text is not escaped"
echo "big: $n changes, loaded in ${ms} ms (browser), ${secs}s in all"

# 3. the check catches a script error
sed 's|</main>|<script>undefinedFunction()</script></main>|' "$tmp/paged.html" > "$tmp/broken.html"
load "$tmp/broken.html" "$tmp/broken.json"
jq -e '.errors | length > 0' "$tmp/broken.json" > /dev/null ||
  no "a script error in the page was not caught"

# 4. --gold: the figures of berpa eval, and `review` is --html
sed 's/Azərbaycan/Azerbaycan/' "$samples/paged.out.txt" > "$tmp/gold.txt"
"$berpa" review -q --gold "$tmp/gold.txt" -o "$tmp/gold.html" "$samples/paged.txt" ||
  no "review --gold: exit $?"
"$berpa" -q "$samples/paged.txt" > "$tmp/paged.out"
cer=$("$berpa" eval "$tmp/gold.txt" "$tmp/paged.out" | sed -n 's/^cer: \([0-9.]*\).*/\1/p')
grep -q "<th>cer</th><td class=\"n\">$cer</td>" "$tmp/gold.html" ||
  no "review --gold: the page's cer is not berpa eval's ($cer)"
"$berpa" -q --gold "$tmp/gold.txt" "$samples/paged.txt" > /dev/null 2>&1
[ $? -eq 2 ] || no "--gold without --html is not a usage error"
"$berpa" -q --html "$samples/paged.txt" "$samples/ocr.txt" > /dev/null 2>&1
[ $? -eq 2 ] || no "two documents on one HTML stream are not a usage error"
"$berpa" -q -O "$tmp/batch" -f html,report "$samples/paged.txt" "$samples/ocr.txt" ||
  no "-O -f html: exit $?"
[ -s "$tmp/batch/$samples/ocr.html" ] || [ -s "$tmp/batch${samples#/}/ocr.html" ] ||
  ls -R "$tmp/batch" | grep -q 'ocr.html' || no "-O -f html wrote no ocr.html"

# 5. a page image: embedded, a box per line read from it
if tesseract --list-langs 2>/dev/null | grep -qx aze; then
  "$berpa" review -q -o "$tmp/img.html" --report-out "$tmp/img.json" "$images/headed.tif" ||
    no "image: exit $?"
  grep -q '<image [^>]*href="data:image/png;base64,' "$tmp/img.html" || no "image: no embedded picture"
  lines=$(grep -o 'class="l" data-l=' "$tmp/img.html" | wc -l)
  rects=$(grep -o '<rect ' "$tmp/img.html" | wc -l)
  [ "$lines" -gt 0 ] && [ "$lines" = "$rects" ] || no "image: $rects boxes for $lines lines"
  check_page "$tmp/img.html" "$tmp/img.json" image
else
  echo "note: tesseract's aze data missing, no page-image check"
fi

[ $fail -eq 0 ] && echo "review: all checks passed"
exit $fail
