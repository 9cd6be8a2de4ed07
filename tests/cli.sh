#!/usr/bin/env bash
# cli.sh: tests of the berpa command as a Unix filter: exit codes, messages,
# atomic output files, batch mode, several inputs, closed pipes.
# Usage: tests/cli.sh path/to/berpa        (ctest runs it as `cli`)
set -u

bin=${1:?usage: cli.sh path/to/berpa}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/berpa-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
# The dictionary is not what these tests are about; keep runs fast and
# independent of where one is installed.
B() { "$bin" --no-dict "$@"; }

fails=0
ok() { printf 'ok   %s\n' "$1"; }
bad() { printf 'FAIL %s\n' "$1"; fails=$((fails + 1)); }
# expect_rc NAME WANT GOT
expect_rc() { if [ "$3" -eq "$2" ]; then ok "$1 (exit $3)"; else bad "$1: exit $3, want $2"; cat err 2>/dev/null | head -5; fi; }

printf 'Azərbaycan Respublikası Cənubi Qafqazda yerləşir.\nBakı onun paytaxtıdır.\n' > good.txt
printf 'Şəki qədim şəhərdir.\n' > good2.txt
# 0xFF is never valid UTF-8.  "Salam\n" is bytes 0-5 and "d" byte 6, so the
# 0xFF is at byte offset 7, line 2, column 2.
printf 'Salam\nd\377ünya\n' > bad.txt
cp good.txt good.orig

# ---- help, version, usage ------------------------------------------------------
B --help > out 2> err; rc=$?
expect_rc "--help" 0 $rc
for k in 'Usage: berpa' '--format' '--output-dir' '--replace-invalid' 'Exit status' \
         '  0  ' '  1  ' '  2  ' '  3  ' '  4  ' '  5  '; do
  grep -q -e "$k" out || bad "--help lacks '$k'"
done
B -V > out 2> err; rc=$?
expect_rc "--version" 0 $rc
[ "$(head -n1 out)" = "berpa 0.1.0" ] && ok "--version prints 'berpa 0.1.0'" \
  || bad "--version first line: '$(head -n1 out)'"
grep -q '^dictionary: none$' out && ok "--version names the dictionary (none with --no-dict)" \
  || bad "--version dictionary line: $(cat out)"

echo keep > o.txt && ln -s o.txt o-link.txt
# Links of our own to stdout: a berpa that renamed over them (as it once did
# over /dev/stdout, run as root) then breaks only this folder, not /dev.
ln -s /dev/stdout dev-link && ln -s /proc/self/fd/1 fd-link
for args in "--bogus" "-f xml" "--format" "--window 10" "--window 12Q" \
            "--correct-threshold 0" "--correct-threshold 1.5" "--correct-threshold x" \
            "-o a -O d" "-f text,tei" "--tei-out x.xml --tei good.txt" \
            "--text-out same --report-out same good.txt" \
            "-o new.txt --report-out ./new.txt good.txt" \
            "-o o.txt --report-out o-link.txt good.txt" \
            "--report-out dev-link good.txt" "--report-out fd-link good.txt" \
            "--dict= good.txt" "-l aze+ good.txt" "-l +aze good.txt" "-l aze++Latin good.txt" \
            "--window 99999999999G" "--window 1T" "--window +65536" "-f=" "--format=" "--clean="; do
  # shellcheck disable=SC2086
  B $args < /dev/null > out 2> err; rc=$?
  expect_rc "usage: berpa $args" 2 $rc
  grep -q "Try 'berpa --help'" err || bad "usage: berpa $args: no hint on stderr"
done
# the message says what is wrong with the value
B --window 99999999999G < /dev/null > out 2> err
grep -q "too large" err && ok "--window: too large says so" || bad "--window 99999999999G: $(head -1 err)"
B --window 1K < /dev/null > out 2> err
grep -q "less than the least window, 64K" err && ok "--window: too small says so" || bad "--window 1K: $(head -1 err)"
B --window 1T < /dev/null > out 2> err
grep -q "is not a size" err && ok "--window: not a size says so" || bad "--window 1T: $(head -1 err)"
B -f bogus < /dev/null > out 2> err
grep -q "text, tei, report, html or hocr" err && ok "-f: lists every format" || bad "-f bogus: $(head -1 err)"
B --window 64KiB good.txt > out 2> err; rc=$?
expect_rc "--window 64KiB" 0 $rc
[ "$(cat o.txt)" = keep ] && [ ! -e new.txt ] && ok "  ... and nothing was written" \
  || bad "a usage error wrote an output"
# the message names the argument at fault, not the one before it: an
# unknown short option inside a longer argument (a file named -dash.png)
# names both, and a cluster's letters are found after file names too
while IFS='|' read -r args want; do
  # shellcheck disable=SC2086
  B $args < /dev/null > out 2> err; rc=$?
  expect_rc "usage: berpa $args" 2 $rc
  [ "$(head -1 err)" = "berpa: $want" ] || bad "usage: berpa $args: $(head -1 err)"
done <<'T'
-q -dash.png|unknown option '-d' in '-dash.png' (for a file of that name write ./-dash.png or put it after --)
good.txt -W -qx|unknown option '-x' in '-qx' (for a file of that name write ./-qx or put it after --)
-q -Z good.txt|unknown option '-Z'
-qW good.txt -y|unknown option '-y'
-q --bogus|unknown option '--bogus'
-q -qo|option '-o' (in '-qo') needs an argument
good.txt -q -o|option '-o' needs an argument
T
# --document: each text file starts a page and a paragraph; a line-end
# hyphen at the end of one is not joined with the next file's first word
printf 'Bu sətir defislə bitir və davam-\n' > part1.txt
printf 'edir burada, amma bu başqa fayldır.\n' > part2.txt
printf 'Sonuncu sətir nöqtəsiz' > part3.txt
printf 'İlk sətir.\n' > part4.txt
B -q --document part1.txt part2.txt part3.txt part4.txt > out 2> err; rc=$?
expect_rc "--document of text files" 0 $rc
[ "$(cat out)" = "$(printf 'Bu sətir defislə bitir və davam-\nedir burada, amma bu başqa fayldır.\nSonuncu sətir nöqtəsiz\nİlk sətir.')" ] &&
  ok "  ... each file its own paragraph" || bad "--document of text files: $(cat out)"
B -q --document --tei part1.txt part2.txt part3.txt part4.txt > out 2> err
[ "$(grep -c '<pb/>' out)" = 4 ] && ok "  ... and its own page" || bad "--document TEI: $(grep -c '<pb/>' out) pb"
"$bin" --dict '' good.txt < /dev/null > out 2> err; rc=$?
expect_rc "--dict ''" 2 $rc
B --tei --title "İki sənəd" good.txt good2.txt > out 2> err; rc=$?
expect_rc "TEI of two inputs to one stream" 0 $rc
[ "$(grep -c '<TEI xmlns' out)" = 2 ] && grep -q '^<teiCorpus xmlns=' out && grep -q '</teiCorpus>' out \
  && ok "  ... is a teiCorpus of two TEI documents" || bad "TEI of two inputs: no teiCorpus of two TEI"
grep -q '<title>İki sənəd</title>' out && ok "  ... titled by --title" || bad "teiCorpus title missing"
[ "$(grep -c 'xml:id="berpa"' out)" = 1 ] && ok "  ... with one xml:id=\"berpa\"" || bad "xml:id berpa repeated"
if command -v xmllint > /dev/null; then
  xmllint --noout out 2> /dev/null && ok "  ... well-formed" || bad "teiCorpus is not well-formed"
fi

# ---- input errors -----------------------------------------------------------------
B bad.txt > out 2> err; rc=$?
expect_rc "invalid UTF-8" 1 $rc
if grep -Eq '^berpa: bad\.txt:2:2: error: .*\b7\b.* \[invalid-utf8\]$' err; then
  ok "invalid UTF-8 message is 'berpa: bad.txt:2:2: error: ... [invalid-utf8]' with byte offset 7"
else
  bad "invalid UTF-8 message: $(cat err)"
fi
B --replace-invalid bad.txt > out 2> err; rc=$?
expect_rc "--replace-invalid" 0 $rc
grep -q $'\xef\xbf\xbd' out && ok "  ... U+FFFD in the text" || bad "--replace-invalid: no U+FFFD in: $(cat out)"
grep -q 'warning' err && ok "  ... with a warning" || bad "--replace-invalid: no warning: $(cat err)"
B -q --replace-invalid bad.txt > out 2> err; rc=$?
expect_rc "-q --replace-invalid" 0 $rc
[ -s err ] && bad "-q still printed: $(cat err)" || ok "  ... -q silences the warning"
B -q -W --replace-invalid bad.txt > out 2> err; rc=$?
expect_rc "-W makes warnings fail" 1 $rc
B --freq no-such.freq good.txt > out 2> err; rc=$?
expect_rc "unreadable --freq is a warning" 0 $rc
B -W --freq no-such.freq good.txt > out 2> err; rc=$?
expect_rc "  ... which -W makes fail" 1 $rc
B -q bad.txt > out 2> err; rc=$?
grep -q 'error' err && ok "-q still shows errors" || bad "-q hid an error"

# UTF-16 with a byte order mark is named, not "invalid UTF-8 at offset 0".
printf '\377\376B\000a\000k\000\375\000\n\000' > le.txt
printf '\376\377\000B\000a\000k\000\375\000\n' > be.txt
for f in le be; do
  B --replace-invalid $f.txt > out 2> err; rc=$?
  expect_rc "UTF-16 input ($f)" 1 $rc
  grep -Eq "^berpa: $f\.txt:1:1: error: input is UTF-16${f^^} .*iconv -f UTF-16 -t UTF-8 \[utf16\]\$" err \
    && ! grep -q 'invalid UTF-8' err && ok "  ... says it is UTF-16${f^^} and how to convert it" \
    || bad "UTF-16 message: $(cat err)"
done

B no-such-file.txt > out 2> err; rc=$?
expect_rc "missing file" 1 $rc
grep -q '^berpa: no-such-file.txt: error: cannot read: No such file or directory \[cannot-read\]$' err && ok "  ... says so" \
  || bad "missing file message: $(cat err)"
mkdir adir
B adir > out 2> err; rc=$?
expect_rc "a directory as input" 1 $rc

# Several inputs: keep going, worst status, each document once.
B good.txt no-such-file.txt good2.txt > out 2> err; rc=$?
expect_rc "good, missing, good" 1 $rc
B good.txt > o1; B good2.txt > o2
cat o1 o2 | cmp -s - out && ok "  ... both good inputs were processed, in order" \
  || bad "several inputs: output differs from the runs one by one"
B good.txt good2.txt > out 2> err; rc=$?
expect_rc "two inputs" 0 $rc
cat o1 o2 | cmp -s - out && ok "  ... text of two inputs is the concatenation" \
  || bad "two inputs: text differs from the runs one by one"
B -f report good.txt good2.txt > out 2> err; rc=$?
expect_rc "report of two inputs" 0 $rc
[ "$(wc -l < out)" -eq 2 ] && ok "  ... two JSON lines" || bad "report of two inputs: $(wc -l < out) lines"
if command -v python3 > /dev/null; then
  python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' out && ok "  ... each line is JSON" || bad "report line is not JSON"
fi
B - < good.txt > out 2> err; rc=$?
expect_rc "- reads stdin" 0 $rc
cmp -s o1 out && ok "  ... same text as the file" || bad "stdin text differs from the file's"

# A named pipe or /dev/stdin given by name is text, read once from its first
# byte: looking for an image's magic must not take bytes away from it, nor
# wait on a FIFO that has no writer yet.
B good.txt > want 2> err
cat good.txt | B /dev/stdin > out 2> err; rc=$?
expect_rc "/dev/stdin by name" 0 $rc
cmp -s out want && ok "/dev/stdin by name: whole input" || bad "/dev/stdin by name lost input"
B <(cat good.txt) > out 2> err; rc=$?
expect_rc "a process substitution by name" 0 $rc
cmp -s out want && ok "process substitution: whole input" || bad "process substitution lost input"
mkfifo fifo
(cat good.txt > fifo &)
timeout 20 "$bin" --no-dict fifo > out 2> err; rc=$?
expect_rc "a FIFO by name" 0 $rc
cmp -s out want && ok "FIFO: whole input" || bad "FIFO lost input"
rm -f fifo

# ---- outputs ------------------------------------------------------------------------
if [ -w /dev/full ]; then
  B good.txt > /dev/full 2> err; rc=$?
  expect_rc "stdout is /dev/full" 3 $rc
  grep -q '^berpa: stdout: error: cannot write: No space left on device \[cannot-write\]$' err \
    && ok "  ... says why" || bad "/dev/full message: $(cat err)"
  B -o /dev/full good.txt 2> err; rc=$?
  expect_rc "-o /dev/full" 3 $rc
  B --help > /dev/full 2> err; rc=$?
  expect_rc "--help > /dev/full" 3 $rc
fi
B -o /dev/null good.txt 2> err; rc=$?
expect_rc "-o /dev/null is written in place, not replaced" 0 $rc
[ -c /dev/null ] || bad "/dev/null is no longer a device"

# A closed pipe: berpa must notice at once and stop, quietly, with 3.
awk 'BEGIN { for (i = 0; i < 200000; i++) print "Naxçıvan qədim diyardır, tarixi çox zəngindir." }' > big.txt
start=$SECONDS
B < big.txt 2> err | head -c1 > /dev/null
rc=${PIPESTATUS[0]}
expect_rc "closed pipe" 3 $rc
[ $((SECONDS - start)) -lt 30 ] && ok "  ... promptly" || bad "closed pipe took $((SECONDS - start)) s"
[ "$(wc -l < err)" -le 1 ] && ok "  ... at most one line on stderr" || bad "closed pipe was noisy: $(cat err)"

# Atomic -o: a failing run leaves the old file alone and no temp behind.
mkdir at && echo "old content" > at/t.txt && chmod 640 at/t.txt
B -o at/t.txt bad.txt 2> err; rc=$?
expect_rc "-o with a bad input" 1 $rc
[ "$(cat at/t.txt)" = "old content" ] && ok "  ... the existing target is untouched" \
  || bad "failing run changed the -o target"
[ "$(ls -A at)" = "t.txt" ] && ok "  ... no temp file left" || bad "left behind: $(ls -A at)"
B -o at/t.txt good.txt good2.txt no-such-file.txt 2> err; rc=$?
expect_rc "-o with good inputs then a missing one" 1 $rc
[ "$(cat at/t.txt)" = "old content" ] && ok "  ... all-or-nothing: target untouched" \
  || bad "partly failed run replaced the -o target"
B -o at/t.txt good.txt 2> err; rc=$?
expect_rc "-o with a good input" 0 $rc
cmp -s o1 at/t.txt && ok "  ... target replaced with the output" || bad "-o target has the wrong content"
[ "$(stat -c %a at/t.txt 2>/dev/null || stat -f %Lp at/t.txt)" = 640 ] \
  && ok "  ... and keeps its mode" || bad "-o changed the mode of the target"
[ "$(ls -A at)" = "t.txt" ] || bad "left behind after success: $(ls -A at)"
B -o good.txt good.txt 2> err; rc=$?
[ $rc -ne 0 ] && cmp -s good.txt good.orig && ok "-o onto its own input is refused (exit $rc)" || bad "-o onto the input: exit $rc"
B -o no-such-dir/x.txt good.txt 2> err; rc=$?
expect_rc "-o into a missing directory" 3 $rc
# Killed while writing: the temp file goes too, the old target stays.
# ("$bin" itself, not the function B: $! must be berpa's pid, not a subshell's)
(sleep 5; cat good.txt) | "$bin" --no-dict -o at/t.txt & pid=$!
for _ in $(seq 50); do   # until berpa has made its temp file (a loaded machine is slow)
  [ "$(ls -A at | wc -l)" -gt 1 ] && break
  sleep 0.1
done
kill -TERM $pid 2> /dev/null
wait $pid 2> /dev/null
cmp -s o1 at/t.txt && [ "$(ls -A at)" = "t.txt" ] && ok "SIGTERM mid-run: no temp left, target kept" \
  || bad "SIGTERM mid-run left: $(ls -A at)"

# One pass, several outputs.
B --tei-out one.xml --report-out one.json good.txt > one.txt 2> err; rc=$?
expect_rc "text to stdout, TEI and report to files" 0 $rc
cmp -s o1 one.txt && ok "  ... stdout text as in a plain run" || bad "text differs with extra outputs"
B --tei good.txt > tei.xml; B --report good.txt > rep.json
cmp -s tei.xml one.xml && ok "  ... TEI as in a --tei run" || bad "--tei-out differs from --tei"
cmp -s rep.json one.json && ok "  ... report as in a --report run, byte for byte" || bad "--report-out differs from --report"
if command -v xmllint > /dev/null; then
  xmllint --noout one.xml 2> err && ok "  ... TEI is well-formed" || bad "TEI not well-formed: $(head -3 err)"
fi

# ---- symbolic links and fd links as outputs ---------------------------------------------
echo old > real.txt && ln -s real.txt link.txt
B -o link.txt good.txt 2> err; rc=$?
expect_rc "-o through a symbolic link" 0 $rc
[ -L link.txt ] && cmp -s o1 real.txt && ok "  ... the link stays, its target is replaced" \
  || bad "-o replaced the link: $(ls -l link.txt)"
[ -z "$(ls -A | grep '^\.real\.txt\.')" ] || bad "-o through a link left a temp"
for fdp in dev-link fd-link; do
  B -o t.txt --report-out "$fdp" good.txt > r.json 2> err; rc=$?
  expect_rc "--report-out $fdp with stdout a file" 0 $rc
  cmp -s rep.json r.json && ok "  ... the report went to stdout's file" || bad "--report-out $fdp: $(head -c 200 r.json)"
done
[ -L dev-link ] && [ -L fd-link ] && ok "  ... and the links are still links" \
  || bad "an fd link was replaced"
echo "first line" > app.txt
B -o t.txt --report-out dev-link good.txt 2> err >> app.txt; rc=$?
expect_rc "--report-out dev-link appended to with >>" 0 $rc
[ "$(head -n1 app.txt)" = "first line" ] && ok "  ... what was there stays" || bad ">> file was truncated"

# ---- a document that fails part-way on a shared stream ------------------------------------
# mid.txt fails at its last line, long after its first output was written.
awk 'BEGIN { for (i = 0; i < 3000; i++) print "Naxçıvan qədim diyardır, tarixi çox zəngindir." }' > mid.txt
printf 'son s\377tir\n' >> mid.txt
json_ok() {  # every line of $1 is one JSON object
  if command -v jq > /dev/null; then jq -e -s 'length > 0' "$1" > /dev/null 2>&1
  else python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$1" 2> /dev/null; fi
}
B -f report good.txt mid.txt no-such-file.txt good2.txt > out 2> err; rc=$?
expect_rc "report of good, failing, missing, good" 1 $rc
json_ok out && ok "  ... the stream is JSON Lines throughout" || bad "report stream broken: $(head -c 300 out)"
[ "$(wc -l < out)" -eq 4 ] && ok "  ... one line per input" || bad "report: $(wc -l < out) lines for 4 inputs"
sed -n 2p out | grep -q '"input":"mid.txt","failed":true,"status":"malformed input","reason":"mid.txt:3001:6: error: .*\[invalid-utf8\]"' \
  && ok "  ... the failed input's line says why" || bad "failed line: $(sed -n 2p out)"
sed -n 3p out | grep -q '"input":"no-such-file.txt","failed":true,.*No such file' \
  && ok "  ... so does the missing input's" || bad "missing line: $(sed -n 3p out)"
B -f report good.txt > r1; B -f report good2.txt > r2
[ "$(sed -n 1p out; sed -n 4p out)" = "$(cat r1 r2)" ] \
  && ok "  ... the good inputs' lines as in runs one by one" || bad "good report lines differ"
B -f report bad.txt > out 2> err; rc=$?
expect_rc "report of one failing input" 1 $rc
json_ok out && grep -q '"failed":true' out && [ "$(wc -l < out)" -eq 1 ] \
  && ok "  ... is one whole line saying it failed" || bad "single failed report: $(cat out)"
B --tei good.txt mid.txt good2.txt > out 2> err; rc=$?
expect_rc "TEI of good, failing, good" 1 $rc
if command -v xmllint > /dev/null; then
  xmllint --noout out 2> /dev/null && ok "  ... the teiCorpus is well-formed" || bad "teiCorpus broken by a failed member"
fi
[ "$(grep -c '<TEI xmlns' out)" = 2 ] && ok "  ... with the two good members" || bad "TEI members: $(grep -c '<TEI xmlns' out)"
# (a small window, so that the failing document's text was already out)
B --window 64K good.txt mid.txt good2.txt > out 2> err; rc=$?
expect_rc "text of good, failing, good" 1 $rc
cat o1 o2 | cmp -s - out && ok "  ... nothing of the failed document on the stream" || bad "text stream holds part of the failed input"

# ---- batch -O -------------------------------------------------------------------------
mkdir in && cp good.txt in/a.txt && cp good2.txt in/b.txt && cp bad.txt in/c.txt
B -O outd -f text,tei,report in/a.txt in/b.txt in/c.txt 2> err; rc=$?
expect_rc "-O with a bad input among good ones" 1 $rc
for f in a.txt a.xml a.json b.txt b.xml b.json; do
  [ -s "outd/in/$f" ] || bad "-O did not write in/$f"
done
ls outd/in/c.* > /dev/null 2>&1 && bad "-O wrote files for the failed input" || ok "  ... files per good input, none for the bad one"
cmp -s o1 outd/in/a.txt && ok "  ... in/a.txt as a plain run" || bad "-O in/a.txt differs"
[ "$(find outd -type f | wc -l)" -eq 6 ] || bad "-O left extra files: $(find outd)"
B -O outd --tei in/a.txt - < good2.txt 2> err; rc=$?
expect_rc "-O with stdin" 0 $rc
[ -s outd/stdin.xml ] && ok "  ... stdin becomes stdin.xml" || bad "-O stdin: $(ls outd)"
# Archives hold 2020/01/page1.txt and 2021/01/page1.txt: the tree is kept.
mkdir -p 2020/01 2021/01 && cp good.txt 2020/01/page1.txt && cp good2.txt 2021/01/page1.txt
B -O arch 2020/01/page1.txt ./2021//01/page1.txt 2> err; rc=$?
expect_rc "-O with two inputs of one name in different folders" 0 $rc
cmp -s o1 arch/2020/01/page1.txt && cmp -s o2 arch/2021/01/page1.txt \
  && ok "  ... each under its own folder in DIR" || bad "-O tree: $(find arch -type f)"
B -O deep/er/out in/a.txt 2> err; rc=$?
expect_rc "-O into missing parent folders" 0 $rc
cmp -s o1 deep/er/out/in/a.txt && ok "  ... made like mkdir -p" || bad "-O parents: $(find deep)"
B -O abs "$tmp/in/a.txt" 2> err; rc=$?
expect_rc "-O with an absolute input" 0 $rc
cmp -s o1 "abs$tmp/in/a.txt" && ok "  ... keeps its whole path under DIR" || bad "-O absolute: $(find abs -type f)"
mkdir d && cp good.txt d/x.txt && cp good2.txt d/x.md
B -O d d/x.md d/x.txt 2> err; rc=$?
expect_rc "berpa -O d d/x.md d/x.txt (both would be d/d/x.txt)" 2 $rc
cmp -s good.txt d/x.txt && [ ! -e d/d ] && ok "  ... refused before anything is written" \
  || bad "-O d d/x.md d/x.txt wrote: $(find d)"
B -O d d/x.txt 2> err; rc=$?
expect_rc "berpa -O d d/x.txt" 0 $rc
cmp -s good.txt d/x.txt && cmp -s o1 d/d/x.txt && ok "  ... d/x.txt is read, its output is d/d/x.txt" \
  || bad "-O d d/x.txt: $(find d)"
for args in "-O . x.md x.txt" "-O out x.txt ./x.txt" "-O out x.md x.txt" "-O out ../d/x.txt"; do
  # shellcheck disable=SC2086
  (cd d && B $args > /dev/null 2> ../err); rc=$?
  expect_rc "usage: berpa $args (in d/)" 2 $rc
done
# A directory stands for its page images; d/ has none.
(cd d && B -O out . > /dev/null 2> ../err); rc=$?
expect_rc "berpa -O out . (in d/, no page images)" 1 $rc
grep -q ': error: no page images in the directory \[no-input\]$' err && ok "  ... says there are no page images" || bad "-O out .: $(cat err)"
cmp -s good.txt d/x.txt && cmp -s good2.txt d/x.md && [ ! -e d/out ] \
  && ok "  ... no input destroyed, nothing written" || bad "a refused -O wrote: $(ls -R d)"
B -O in in/a.txt 2> err; rc=$?
expect_rc "-O into the inputs' own folder" 0 $rc
cmp -s good.txt in/a.txt && ok "  ... the input stays (its output is in/in/a.txt)" || bad "-O replaced its own input"
(cd in && B -O . a.txt 2> ../err); rc=$?
[ $rc -eq 2 ] && cmp -s good.txt in/a.txt && ok "-O onto the input file itself is refused (exit $rc)" \
  || bad "-O replaced its own input (exit $rc)"

# ---- dictionaries that fail to load -------------------------------------------------------
mkdir dicts
: > dicts/empty.aff; : > dicts/empty.dic
head -c 4096 /dev/urandom > dicts/random.aff; head -c 4096 /dev/urandom > dicts/random.dic
printf 'SET UTF-8\nTRY a\n' > dicts/count.aff; printf '4000000000\nkitab\nsilah\n' > dicts/count.dic
printf 'SET UTF-8\nTRY a\n' > dicts/nocount.aff; printf 'kitab\nsilah\n' > dicts/nocount.dic
for d in empty random count nocount; do
  "$bin" --dict "dicts/$d" good.txt > out 2> err; rc=$?
  expect_rc "--dict $d" 5 $rc
  grep -q "error: .*dicts/$d.* \[bad-dictionary\]$" err && ok "  ... says what is wrong" || bad "--dict $d: $(cat err)"
done
BERPA_DICT="$tmp/nowhere/az_AZ" "$bin" good.txt > out 2> err; rc=$?
expect_rc "BERPA_DICT pointing nowhere" 5 $rc
grep -q 'nowhere/az_AZ.*BERPA_DICT.* \[no-dictionary\]$' err && ok "  ... says so, no fall-back" || bad "BERPA_DICT: $(cat err)"
: > empty.freq; printf 'kitab\nsilah 12x\n' > bad.freq
for f in empty bad; do
  B --freq $f.freq good.txt > out 2> err; rc=$?
  expect_rc "--freq $f" 0 $rc
  grep -q "warning: .*$f.freq.* \[bad-frequencies\]$" err && ok "  ... warns" || bad "--freq $f: $(cat err)"
  B -W --freq $f.freq good.txt > out 2> err; rc=$?
  expect_rc "  ... which -W makes fail" 1 $rc
done
# A --freq that is no file of frequencies is the frequencies' problem, not
# the compiled tables' (which once blamed the affix file for it).
if [ -n "${BERPA_DICT:-}" ] && [ -e "$BERPA_DICT.dic" ]; then
  for f in /dev/null "$tmp"; do
    "$bin" --freq "$f" good.txt > out 2> err; rc=$?
    expect_rc "--freq $f with the dictionary" 0 $rc
    grep -q "affix file" err && bad "--freq $f blames the affix file: $(cat err)" || ok "  ... and does not blame the affix file"
  done
fi
# Hunspell throws std::bad_alloc out of memory: exit 4, never 134.  Under a
# falling address-space limit every run ends in 0, 4 or (before the
# dictionary, in the loader) 127; at least one must be a 4.  ASan cannot
# run under ulimit -v; without the dictionary there is nothing to load.
if ldd "$bin" 2> /dev/null | grep -q libasan || [ -z "${BERPA_DICT:-}" ] || [ ! -e "$BERPA_DICT.dic" ]; then
  echo "skip ulimit -v (ASan build or no dictionary)"
else
  fours=0 stray=
  for kb in 400000 200000 120000 90000 70000 50000 40000 30000; do
    (ulimit -v $kb; exec "$bin" --dict "$BERPA_DICT" good.txt) > out 2> err; rc=$?
    case $rc in 0) ;; 4) fours=$((fours + 1)); grep -q 'out of memory' err || stray="$stray $kb:no-message" ;; 127) ;; *) stray="$stray $kb:$rc" ;; esac
  done
  [ -z "$stray" ] && [ $fours -gt 0 ] && ok "ulimit -v: out of memory is exit 4 ($fours limits), never a crash" \
    || bad "ulimit -v: exits$stray, $fours of status 4"
fi
B --no-correct --correct-threshold 0.9 good.txt > out 2> err; rc=$?
expect_rc "--no-correct --correct-threshold 0.9" 0 $rc
grep -q 'correct-threshold has no effect without --correct' err \
  && ok "  ... warns that the threshold does nothing" || bad "no warning for a threshold alone: $(cat err)"
B --correct --correct-threshold 0.9 good.txt > out 2> err; rc=$?
grep -q 'no effect' err && bad "--correct --correct-threshold warns" || ok "--correct --correct-threshold: no warning"

# ---- lines over 64 KiB: the reader cuts them, the text must not change -------------------
python3 -c "print('ə' * 1500000)" > oneword.txt
B -q oneword.txt > out 2> err; rc=$?
expect_rc "a 3 MB line of one word" 0 $rc
[ "$(wc -w < out)" -eq 1 ] && ok "  ... stays one word" || bad "a 3 MB word became $(wc -w < out) words"
python3 -c "
import random
random.seed(3)
ws = ['kitab', 'ədəbiyyat', 'tarix', 'və', 'ilə', 'məktəblər', 'Azərbaycan']
print(' '.join(random.choice(ws) for _ in range(60000)))" > longline.txt
B -q longline.txt > out 2> err
python3 -c "import sys; sys.exit(open('longline.txt').read().split() != open('out').read().split())" &&
  ok "a 500 KB line of words keeps every word" || bad "a 500 KB line of words changed its words"

echo
if [ "$fails" -ne 0 ]; then
  echo "cli: $fails failure(s)"
  exit 1
fi
echo "cli: all passed"
