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

for args in "--bogus" "-f xml" "--format" "--window 10" "--window 12Q" \
            "--correct-threshold 0" "--correct-threshold 1.5" "--correct-threshold x" \
            "-o a -O d" "-f text,tei" "--tei-out x.xml --tei good.txt" \
            "--text-out same --report-out same good.txt"; do
  # shellcheck disable=SC2086
  B $args < /dev/null > out 2> err; rc=$?
  expect_rc "usage: berpa $args" 2 $rc
  grep -q "Try 'berpa --help'" err || bad "usage: berpa $args: no hint on stderr"
done
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
if grep -Eq '^berpa: bad\.txt:2:2: error: .*\b7\b' err; then
  ok "invalid UTF-8 message is 'berpa: bad.txt:2:2: error: ...' with byte offset 7"
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

B no-such-file.txt > out 2> err; rc=$?
expect_rc "missing file" 1 $rc
grep -q '^berpa: no-such-file.txt: No such file or directory' err && ok "  ... says so" \
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

# ---- outputs ------------------------------------------------------------------------
if [ -w /dev/full ]; then
  B good.txt > /dev/full 2> err; rc=$?
  expect_rc "stdout is /dev/full" 3 $rc
  grep -q 'No space left' err && ok "  ... says why" || bad "/dev/full message: $(cat err)"
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
# The report may name its outputs or timings; compare line counts only.
[ "$(wc -l < one.json)" -eq "$(wc -l < rep.json)" ] && ok "  ... report written" || bad "--report-out"
if command -v xmllint > /dev/null; then
  xmllint --noout one.xml 2> err && ok "  ... TEI is well-formed" || bad "TEI not well-formed: $(head -3 err)"
fi

# ---- batch -O -------------------------------------------------------------------------
mkdir in && cp good.txt in/a.txt && cp good2.txt in/b.txt && cp bad.txt in/c.txt
B -O outd -f text,tei,report in/a.txt in/b.txt in/c.txt 2> err; rc=$?
expect_rc "-O with a bad input among good ones" 1 $rc
for f in a.txt a.xml a.json b.txt b.xml b.json; do
  [ -s "outd/$f" ] || bad "-O did not write $f"
done
ls outd/c.* > /dev/null 2>&1 && bad "-O wrote files for the failed input" || ok "  ... files per good input, none for the bad one"
cmp -s o1 outd/a.txt && ok "  ... a.txt as a plain run" || bad "-O a.txt differs"
[ "$(ls -A outd | wc -l)" -eq 6 ] || bad "-O left extra files: $(ls -A outd)"
B -O outd --tei in/a.txt - < good2.txt 2> err; rc=$?
expect_rc "-O with stdin" 0 $rc
[ -s outd/stdin.xml ] && ok "  ... stdin becomes stdin.xml" || bad "-O stdin: $(ls outd)"
B -O in in/a.txt 2> err; rc=$?
[ $rc -ne 0 ] && cmp -s good.txt in/a.txt && ok "-O onto the input file itself is refused (exit $rc)" \
  || bad "-O replaced its own input (exit $rc)"

B --no-correct --correct-threshold 0.9 good.txt > out 2> err; rc=$?
expect_rc "--no-correct --correct-threshold 0.9" 0 $rc

echo
if [ "$fails" -ne 0 ]; then
  echo "cli: $fails failure(s)"
  exit 1
fi
echo "cli: all passed"
