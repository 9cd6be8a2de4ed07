#!/usr/bin/env bash
# images.sh: berpa(1) with page images (tests/images, made by
# scripts/mkpages.sh): detection by content, --document in natural order,
# the same output for -j 1 and -j 2, bad files (empty, not an image,
# truncated, 30000x30000) named with their page and exit 1 while the other
# pages still come out, in a directory too, valid TEI with a facsimile.
# Usage: images.sh BERPA IMAGES_DIR TEI_ALL_RNG.  Exit 0, 1, or 77 (skip).
set -u
berpa=$1 img=$2 rng=$3
tesseract --list-langs 2>/dev/null | grep -qx aze ||
  { echo "SKIP: tesseract's aze data is not installed (tesseract-ocr-aze)"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
no() { echo "FAIL: $*"; fail=1; }

# a negative (plain.png with light text on black): read as the positive,
# not emptied by the border step
"$berpa" -q "$img/plain.png" > "$tmp/pos.txt" || no "plain exit $?"
"$berpa" -q "$img/negative.png" > "$tmp/neg.txt" || no "negative exit $?"
cmp -s "$tmp/pos.txt" "$tmp/neg.txt" || no "the negative reads otherwise than the page: $(head -c 200 "$tmp/neg.txt")"
"$berpa" -q --report "$img/negative.png" | grep -q '"steps":"[^"]*invert' || no "the report does not say invert"

# natural order: page2 before page10, whatever the shell's order
mkdir "$tmp/book"
cp "$img/twocol.png" "$tmp/book/page2.png"
cp "$img/plain.png" "$tmp/book/page10.png"
"$berpa" -q --document "$tmp/book/page10.png" "$tmp/book/page2.png" > "$tmp/a.txt" || no "document exit $?"
head -1 "$tmp/a.txt" | grep -q '^Bakı' || no "page2 did not come first: $(head -1 "$tmp/a.txt")"
"$berpa" -q --document "$tmp/book" > "$tmp/b.txt" || no "directory exit $?"
cmp -s "$tmp/a.txt" "$tmp/b.txt" || no "a directory differs from its files"

# a directory: a file named like an image that is not one gets its error
# (exit 1) as when named by hand, the good page still comes out; other
# files are not pages
mkdir "$tmp/mixed"
cp "$img/plain.png" "$tmp/mixed/p1.png"
: > "$tmp/mixed/p2.png"
echo hello > "$tmp/mixed/p3.png"
echo notes > "$tmp/mixed/readme.txt"
"$berpa" -q --document "$tmp/mixed" > "$tmp/m.txt" 2> "$tmp/m.err"
rc=$?
[ $rc = 1 ] || no "directory with bad pages: exit $rc, not 1"
grep -q 'p2.png: error: .*empty file.*\[bad-image\]' "$tmp/m.err" || no "empty p2.png not named: $(cat "$tmp/m.err")"
grep -q 'p3.png: error: .*not a page image.*\[bad-image\]' "$tmp/m.err" || no "text p3.png not named: $(cat "$tmp/m.err")"
grep -q 'readme' "$tmp/m.err" && no "readme.txt taken as a page: $(cat "$tmp/m.err")"
grep -q 'oğuz qrupuna' "$tmp/m.txt" || no "the good page of a directory with bad ones is missing"

# content, not name: an image named .txt is read as one, text named .png is refused
cp "$img/plain.png" "$tmp/scan.txt"
"$berpa" -q "$tmp/scan.txt" | grep -q 'oğuz qrupuna' || no "image named .txt not recognised"

# stdin: a page image is found by its first bytes, redirected or piped,
# and read as the file is; it is named "-"; text on stdin is unchanged
"$berpa" -q "$img/plain.png" > "$tmp/file.txt"
"$berpa" -q - < "$img/plain.png" > "$tmp/in1.txt" || no "berpa - < plain.png: exit $?"
cat "$img/plain.png" | "$berpa" -q > "$tmp/in2.txt" || no "cat plain.png | berpa: exit $?"
cmp -s "$tmp/file.txt" "$tmp/in1.txt" || no "image on stdin (redirected) differs from the file"
cmp -s "$tmp/file.txt" "$tmp/in2.txt" || no "image on stdin (piped) differs from the file"
grep -q 'oğuz qrupuna' "$tmp/in2.txt" || no "image on stdin: $(head -2 "$tmp/in2.txt")"
cat "$img/headed.tif" | "$berpa" -q --tei > "$tmp/in.xml" || no "TIFF on stdin: exit $?"
[ "$(grep -c '<graphic url="-"' "$tmp/in.xml")" = 2 ] || no "TIFF on stdin: not two pages named -"
echo "Bu mətndir." | "$berpa" -q --document - "$img/plain.png" > "$tmp/in3.txt" ||
  no "text on stdin beside an image: exit $?"
grep -q 'Bu mətndir' "$tmp/in3.txt" && grep -q 'oğuz qrupuna' "$tmp/in3.txt" ||
  no "text on stdin beside an image: $(cat "$tmp/in3.txt")"
head -c 300 "$img/plain.png" | "$berpa" -q > /dev/null 2> "$tmp/in.err"
rc=$?
[ $rc = 1 ] || no "truncated PNG on stdin: exit $rc, not 1"
grep -q '^berpa: -: error: page 1 (page 1 of the file): damaged or truncated PNG' "$tmp/in.err" ||
  no "truncated PNG on stdin: $(cat "$tmp/in.err")"
# over the limit (512 MiB): refused, not read on
{ printf '\211PNG\r\n\032\n'; head -c 520M /dev/zero; } | "$berpa" -q > /dev/null 2> "$tmp/big.err"
rc=$?
[ $rc = 1 ] || no "image of 520 MiB on stdin: exit $rc, not 1"
grep -qx 'berpa: -: error: cannot read: a page image on stdin over 512 MiB: give it as a file \[cannot-read\]' \
  "$tmp/big.err" || no "image of 520 MiB on stdin: $(cat "$tmp/big.err")"

# a blank page and a 1x1 image: no error, a no-text note naming the file
# and page, an empty page between the others, "no_text" in the report
cp "$img/plain.png" "$tmp/bl1.png"
{ printf 'P5\n600 800\n255\n'; head -c 480000 /dev/zero | tr '\0' '\377'; } > "$tmp/blank.pgm"
printf 'P5\n1 1\n255\n\377' > "$tmp/dot2.pgm"
"$berpa" --document "$tmp/bl1.png" "$tmp/blank.pgm" "$tmp/dot2.pgm" > "$tmp/bl.txt" 2> "$tmp/bl.err"
rc=$?
[ $rc = 0 ] || no "blank pages: exit $rc, not 0"
grep -q 'oğuz qrupuna' "$tmp/bl.txt" || no "blank pages: the page with text is missing"
[ "$(grep -c . "$tmp/bl.err")" = 2 ] &&
  grep -qx "berpa: $tmp/blank.pgm: note: no text found on page 2 (page 1 of the file) \[no-text\]" "$tmp/bl.err" &&
  grep -qx "berpa: $tmp/dot2.pgm: note: no text found on page 3 (page 1 of the file) \[no-text\]" "$tmp/bl.err" ||
  no "blank pages: $(cat "$tmp/bl.err")"
# the empty pages keep their pb (with facs) and count in stats.pages, the
# trailing one too
"$berpa" -q --document --tei "$tmp/bl1.png" "$tmp/blank.pgm" "$tmp/dot2.pgm" > "$tmp/bl.xml" ||
  no "blank pages, TEI: exit $?"
[ "$(grep -o '<pb facs="#page-[123]"' "$tmp/bl.xml" | tr '\n' ' ')" = '<pb facs="#page-1" <pb facs="#page-2" <pb facs="#page-3" ' ] ||
  no "blank pages: pb $(grep -o '<pb[^>]*>' "$tmp/bl.xml" | tr '\n' ' ')"
"$berpa" -q --document --report "$tmp/bl1.png" "$tmp/blank.pgm" "$tmp/dot2.pgm" |
  grep -q '"pages":3,' || no "blank pages: stats.pages is not 3"
"$berpa" -q --report "$tmp/dot2.pgm" > "$tmp/bl.json" 2> "$tmp/bl.err" || no "1x1 image: exit $?"
grep -q '"failed":false,"no_text":true' "$tmp/bl.json" || no "1x1 image: report $(head -c 300 "$tmp/bl.json")"
[ -s "$tmp/bl.err" ] && no "1x1 image with -q: $(cat "$tmp/bl.err")"

# a page of specks (noise.png): tesseract reads hundreds of marks, none a
# word; they are left out with a no-text note saying why, the report
# counts the words kept (none) and the marks dropped, the TEI says why
"$berpa" --report "$img/noise.png" > "$tmp/noise.json" 2> "$tmp/noise.err"
rc=$?
[ $rc = 0 ] || no "noise page: exit $rc, not 0"
grep -q "^berpa: $img/noise.png: note: no text found on page 1 (page 1 of the file): [0-9]* marks read (.*) at mean confidence 0\.[0-9]*, none a word .*: left out as specks, not text \[no-text\]$" "$tmp/noise.err" ||
  no "noise page: note $(cat "$tmp/noise.err")"
grep -q '"no_text":true,.*"words":0,"words_low_conf":0,"chars_with_alternatives":0,"mean_conf":null,"words_dropped":[1-9][0-9]*,"noise":{"mean_conf":0\.[0-9]*,"cert":0\.[0-9]*,"reason":' "$tmp/noise.json" ||
  no "noise page: report $(grep -o '"no_text.*"ocr_ms"' "$tmp/noise.json" | head -c 400)"
"$berpa" -q "$img/noise.png" > "$tmp/noise.txt"
[ -s "$tmp/noise.txt" ] && no "noise page: text $(head -c 200 "$tmp/noise.txt")"
"$berpa" -q --tei "$img/noise.png" > "$tmp/noise.xml"
grep -q '<note type="noise" resp="#berpa" cert="0\.[0-9]*">[0-9]* marks read' "$tmp/noise.xml" ||
  no "noise page: TEI $(grep -o '<surface.*' "$tmp/noise.xml" | head -c 300)"
if [ -f "$rng" ] && command -v jing >/dev/null 2>&1; then
  jing "$rng" "$tmp/noise.xml" > /dev/null 2>&1 || no "noise page: TEI not valid"
fi

# --document with text and images: each input starts a page and a
# paragraph, even a text that ends inside a line (TEI: a pb for each)
printf 'Bu mətn faylının son sətri belə davam edir və' > "$tmp/mix1.txt"
cp "$img/plain.png" "$tmp/mix2.png"
printf 'Mətnin ilk sətri burada başlayır və davam edir,\nikinci sətir də buradadır.\n' > "$tmp/mix3.txt"
"$berpa" -q --document "$tmp/mix1.txt" "$tmp/mix2.png" "$tmp/mix3.txt" > "$tmp/mix.txt" ||
  no "text and images: exit $?"
grep -qx 'Bu mətn faylının son sətri belə davam edir və' "$tmp/mix.txt" &&
  grep -q '^Azərbaycan dili' "$tmp/mix.txt" && grep -q '^Mətnin ilk sətri' "$tmp/mix.txt" ||
  no "text and images run on into each other: $(cat "$tmp/mix.txt")"
"$berpa" -q --document --tei "$tmp/mix1.txt" "$tmp/mix2.png" "$tmp/mix3.txt" > "$tmp/mix.xml"
[ "$(grep -o '<pb[ />]' "$tmp/mix.xml" | wc -l)" = 3 ] || no "text and images: not a pb for each input"
grep -A1 '<pb/>$' "$tmp/mix.xml" | grep -q '^<p><lb/>Mətnin ilk sətri' || no "text after an image: no pb, no paragraph"

# -j: the same bytes for 1 and 2 threads (TEI and report without timings)
set -- "$img/headed.tif" "$img/plain.png" "$img/rotated3.png" "$img/twocol.png"
"$berpa" -q --document -j 1 --tei "$@" > "$tmp/j1.xml" || no "-j 1 exit $?"
"$berpa" -q --document -j 2 --tei "$@" > "$tmp/j2.xml" || no "-j 2 exit $?"
cmp -s "$tmp/j1.xml" "$tmp/j2.xml" || no "-j 1 and -j 2 differ"
grep -q '<pb facs="#page-1" n="12"/>' "$tmp/j1.xml" || no "no pb with facs and number"
grep -q '<fw type="header" place="top" resp="#berpa" cert="[0-9.]*" facs="#p1-l1">ELMİ ƏSƏRLƏR</fw>' "$tmp/j1.xml" ||
  no "running head not found by position"
grep -q '<surface xml:id="page-5" n="5"' "$tmp/j1.xml" || no "no surface for page 5"
if [ -f "$rng" ] && command -v jing >/dev/null 2>&1; then
  jing "$rng" "$tmp/j1.xml" 2>/dev/null || no "TEI of images is not valid: $(jing "$rng" "$tmp/j1.xml" 2>/dev/null | head -3)"
else
  echo "note: TEI schema or jing absent, validation skipped"
fi
"$berpa" -q --report "$img/rotated3.png" > "$tmp/r.json" || no "report exit $?"
grep -q '"steps":"[a-z,]*deskew' "$tmp/r.json" || no "report: no deskew step"
grep -q '"berpa_share":' "$tmp/r.json" || no "report: no berpa_share"
grep -q '"failed":false,"no_text":false' "$tmp/r.json" || no "report: a page with text is no_text"
# the DPI: the file's per axis, where the one used came from, the
# resolution step by what it did; hOCR's scan_res is the file's (its boxes')
"$berpa" -q --report --hocr-out "$tmp/150.hocr" "$img/dpi150.png" > "$tmp/150.json" || no "150 dpi: exit $?"
grep -q '"dpi":300,"dpi_guessed":false,"dpi_source":"file","dpi_file_x":150,"dpi_file_y":150,"scale_x":2.000,"scale_y":2.000,.*"steps":"grey,upscale,' "$tmp/150.json" ||
  no "150 dpi: report $(grep -o '"dpi.*"steps":"[^"]*"' "$tmp/150.json")"
grep -q 'scan_res 150 150"' "$tmp/150.hocr" || no "150 dpi: hOCR $(grep -o 'scan_res[^"]*' "$tmp/150.hocr")"

# bad files: each named with its page, exit 1, the good page still out;
# stderr holds berpa's line for each and nothing else (no "libpng error",
# no "Premature end of JPEG file" from the libraries)
: > "$tmp/empty.png"
echo "Bu mətndir." > "$tmp/text.png"
head -c 300 "$img/plain.png" > "$tmp/cut.png"
head -c 3000 "$img/dpi150.jpg" > "$tmp/cut.jpg"
# a PNG whose chunks are whole but whose compressed data is damaged
{ head -c 200 "$img/plain.png"; head -c 400 /dev/zero | tr '\0' 'x'; tail -c +601 "$img/plain.png"; } > "$tmp/dmg.png"
printf 'P5\n30000 30000\n255\n' > "$tmp/huge.pgm"
"$berpa" --document "$tmp/empty.png" "$tmp/text.png" "$img/plain.png" "$tmp/cut.png" \
  "$tmp/cut.jpg" "$tmp/dmg.png" "$tmp/huge.pgm" > "$tmp/bad.txt" 2> "$tmp/bad.err"
rc=$?
[ $rc = 1 ] || no "bad files: exit $rc, not 1"
grep -q 'oğuz qrupuna' "$tmp/bad.txt" || no "the good page did not come out"
for f in empty.png text.png cut.png cut.jpg dmg.png huge.pgm; do
  [ "$(grep -c "^berpa: $tmp/$f: error: page [0-9]* (page 1 of the file): .* \[bad-image\]$" "$tmp/bad.err")" = 1 ] ||
    no "not one error naming $f and its page: $(cat "$tmp/bad.err")"
done
[ "$(wc -l < "$tmp/bad.err")" = 6 ] || no "stderr holds more than berpa's six errors: $(cat "$tmp/bad.err")"
grep -q 'empty file' "$tmp/bad.err" || no "empty: reason"
grep -q 'not a page image' "$tmp/bad.err" || no "text.png: reason"
grep -q 'truncated PNG' "$tmp/bad.err" || no "cut.png: reason"
grep -q 'cut.jpg: .*truncated JPEG: Premature end of JPEG file' "$tmp/bad.err" || no "cut.jpg: reason"
grep -q 'dmg.png: .*damaged or truncated PNG: ' "$tmp/bad.err" || no "dmg.png: reason"
grep -q '30000x30000 pixels' "$tmp/bad.err" || no "huge: reason"
# the same on two threads: each page's line once, nothing else
"$berpa" -q -j 2 --document "$tmp/cut.png" "$tmp/cut.jpg" "$tmp/dmg.png" "$img/dpi150.jpg" \
  > "$tmp/bad2.txt" 2> "$tmp/bad2.err"
[ "$(wc -l < "$tmp/bad2.err")" = 3 ] && [ "$(grep -c '^berpa: .* \[bad-image\]$' "$tmp/bad2.err")" = 3 ] ||
  no "-j 2: stderr is not berpa's three lines: $(cat "$tmp/bad2.err")"
grep -q 'oğuz qrupuna' "$tmp/bad2.txt" || no "a JPEG page was not read"
"$berpa" -q -l xx_nonesuch "$img/plain.png" > /dev/null 2> "$tmp/lang.err"
rc=$?
[ $rc = 2 ] || no "unknown language: exit $rc, not 2"
# a refused run writes nothing: no -o or --*-out file made, an existing
# one not truncated, no -O folder made
echo keep > "$tmp/old.txt"
"$berpa" -q -l xx_nonesuch -o "$tmp/new.txt" --report-out "$tmp/new.json" "$img/plain.png" 2> /dev/null
"$berpa" -q -l xx_nonesuch -o "$tmp/old.txt" "$img/plain.png" 2> /dev/null
"$berpa" -q -l xx_nonesuch -O "$tmp/newdir" "$img/plain.png" 2> /dev/null
[ -e "$tmp/new.txt" ] || [ -e "$tmp/new.json" ] || [ -e "$tmp/newdir" ] &&
  no "unknown language: output made: $(ls "$tmp" | grep new)"
[ "$(cat "$tmp/old.txt")" = keep ] || no "unknown language: -o FILE truncated"
# the error names the missing one of several and the installed ones; osd
# (orientation detection) is no language to read in
"$berpa" -q -l aze+xx_nonesuch "$img/plain.png" > /dev/null 2> "$tmp/lang.err"
rc=$?
[ $rc = 2 ] && grep -q "language 'xx_nonesuch' of 'aze+xx_nonesuch' (installed: [^)]*aze" "$tmp/lang.err" ||
  no "aze+xx_nonesuch: exit $rc, $(cat "$tmp/lang.err")"
"$berpa" -q -l osd "$img/plain.png" > /dev/null 2> "$tmp/lang.err"
rc=$?
[ $rc = 2 ] && grep -q "'osd' is tesseract's orientation and script detection" "$tmp/lang.err" ||
  no "-l osd: exit $rc, $(cat "$tmp/lang.err")"
# languages: the default is aze+Latin (report: "lang"); without Latin it
# falls back to aze with an [ocr-language] note and exit 0, while an
# -l that names it is still a usage error
if tesseract --list-langs 2>/dev/null | grep -qx Latin; then
  grep -q '"lang":"aze+Latin"' "$tmp/r.json" || no "default languages: $(grep -o '"lang":"[^"]*"' "$tmp/r.json")"
else
  echo "note: Latin not installed, default aze+Latin not checked"
fi
mkdir "$tmp/tessdata"
for d in /usr/share/tesseract-ocr/*/tessdata "${TESSDATA_PREFIX:-/nonexistent}"; do
  [ -f "$d/aze.traineddata" ] && { ln -s "$d/aze.traineddata" "$tmp/tessdata/"; break; }
done
TESSDATA_PREFIX=$tmp/tessdata "$berpa" --report "$img/plain.png" > "$tmp/fb.json" 2> "$tmp/fb.err"
rc=$?
[ $rc = 0 ] || no "default without Latin: exit $rc, not 0: $(cat "$tmp/fb.err")"
grep -q "tesseract: note: Latin, of the default 'aze+Latin', is not installed: reading with 'aze' alone.*\[ocr-language\]$" "$tmp/fb.err" ||
  no "no fallback note: $(cat "$tmp/fb.err")"
grep -q '"lang":"aze"' "$tmp/fb.json" || no "fallback: report says $(grep -o '"lang":"[^"]*"' "$tmp/fb.json")"
TESSDATA_PREFIX=$tmp/tessdata "$berpa" -q -l aze+Latin "$img/plain.png" > /dev/null 2>&1
rc=$?
[ $rc = 2 ] || no "-l aze+Latin without Latin: exit $rc, not 2"
"$berpa" --clean deskew,bogus "$img/plain.png" > /dev/null 2>&1
[ $? = 2 ] || no "--clean with an unknown step is not a usage error"

# hOCR: well-formed, a page per image (a failed page fails the document), a bbox on
# every line and a bbox and x_wconf on every word, the restored text
set -- "$img/headed.tif" "$tmp/empty.png" "$img/twocol.png"
"$berpa" -q --document --hocr "$@" > "$tmp/h1.hocr" 2> /dev/null
rc=$?
[ $rc = 1 ] || no "hocr with a bad page: exit $rc, not 1"
"$berpa" -q --document --hocr "$img/headed.tif" "$img/twocol.png" > "$tmp/h.hocr" || no "hocr exit $?"
"$berpa" -q --document -j 2 --hocr-out "$tmp/h2.hocr" "$img/headed.tif" "$img/twocol.png" > /dev/null ||
  no "--hocr-out exit $?"
cmp -s "$tmp/h.hocr" "$tmp/h2.hocr" || no "hocr: -j 1 and -j 2 differ"
if command -v xmllint > /dev/null 2>&1; then
  xmllint --noout "$tmp/h.hocr" 2> "$tmp/h.err" || no "hOCR is not well-formed: $(head -3 "$tmp/h.err")"
else
  echo "note: xmllint absent, hOCR well-formedness not checked"
fi
[ "$(grep -c 'class="ocr_page"' "$tmp/h.hocr")" = 3 ] || no "hocr: $(grep -c 'class="ocr_page"' "$tmp/h.hocr") pages, not 3"
grep -q 'id="page_2" title="image &quot;[^"]*headed.tif&quot;; bbox 0 0 [0-9]* [0-9]*; ppageno 1' "$tmp/h.hocr" ||
  no "hocr: page 2 is not the TIFF's second"
nl=$(grep -o '<span class="ocr_[a-z]*" id="line_[0-9_]*" title="[^"]*"' "$tmp/h.hocr" | wc -l)
nb=$(grep -o '<span class="ocr_[a-z]*" id="line_[0-9_]*" title="bbox [0-9]* [0-9]* [0-9]* [0-9]*"' "$tmp/h.hocr" | wc -l)
[ "$nl" -ge 10 ] && [ "$nl" = "$nb" ] || no "hocr: $nl lines, $nb with a bbox"
nw=$(grep -o 'class="ocrx_word"' "$tmp/h.hocr" | wc -l)
nc=$(grep -o 'class="ocrx_word" id="[^"]*" title="bbox [0-9]* [0-9]* [0-9]* [0-9]*; x_wconf [0-9]*"' "$tmp/h.hocr" | wc -l)
[ "$nw" -ge 50 ] && [ "$nw" = "$nc" ] || no "hocr: $nw words, $nc with bbox and x_wconf"
# every word's box inside its line's box (hOCR readers rely on it)
out=$(awk '
  /class="ocr_(line|header)"/ || /class="ocrx_word"/ {
    s = $0
    while (match(s, /class="(ocr_line|ocr_header|ocrx_word)" id="[^"]*" title="bbox [0-9]+ [0-9]+ [0-9]+ [0-9]+/)) {
      t = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
      n = split(t, f, /[ "]/); x1 = f[n - 3]; y1 = f[n - 2]; x2 = f[n - 1]; y2 = f[n]
      if (t ~ /ocrx_word/) {
        if (x1 < lx1 || y1 < ly1 || x2 > lx2 || y2 > ly2) print "word " x1 " " y1 " " x2 " " y2 " outside line " lx1 " " ly1 " " lx2 " " ly2
      } else { lx1 = x1; ly1 = y1; lx2 = x2; ly2 = y2 }
    }
  }' "$tmp/h.hocr")
[ -z "$out" ] || no "hocr: $out"
grep -q 'class="ocr_header"[^>]*><span class="ocrx_word"[^>]*>ELMİ</span>' "$tmp/h.hocr" ||
  no "hocr: running head not an ocr_header"
[ -s "$tmp/h1.hocr" ] && no "hocr: a document with a failed page came out on the stream"
"$berpa" -q --hocr "$img/plain.png" "$img/twocol.png" > /dev/null 2>&1
[ $? = 2 ] || no "hocr of two documents on one stream is not a usage error"

# -O keeps the tree: a directory's pages are one document each, under
# DIR/its folder; with --document the document is named after the first input
(cd "$tmp" && "$berpa" -q -O out -f text,report book) || no "-O of a directory exit $?"
[ -s "$tmp/out/book/page2.txt" ] && [ -s "$tmp/out/book/page10.json" ] ||
  no "-O of a directory: $(cd "$tmp" && find out -type f)"
(cd "$tmp" && "$berpa" -q --document -O doc book) || no "-O --document exit $?"
cmp -s "$tmp/b.txt" "$tmp/doc/book.txt" || no "-O --document: $(cd "$tmp" && find doc -type f)"
# a report stream names every input: a failed image gets its line and why
mkdir "$tmp/none"
timeout 300 "$berpa" -q --report "$tmp/none" "$tmp/empty.png" "$img/plain.png" > "$tmp/rs.json" 2> "$tmp/rs.err"
rc=$?
[ $rc = 1 ] || no "directory without images, empty.png, plain.png: exit $rc, not 1"
grep -q 'no page images' "$tmp/rs.err" || no "empty directory not named: $(cat "$tmp/rs.err")"
[ "$(wc -l < "$tmp/rs.json")" = 2 ] || no "report stream: $(wc -l < "$tmp/rs.json") lines, not 2"
head -1 "$tmp/rs.json" | grep -q '"failed":true,.*"reason":".*empty file' ||
  no "failed image line: $(head -1 "$tmp/rs.json")"
sed -n 2p "$tmp/rs.json" | grep -q '"berpa_share":' || no "good image line: $(sed -n 2p "$tmp/rs.json")"

[ $fail = 0 ] && echo "images: all passed"
exit $fail
