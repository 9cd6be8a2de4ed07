#!/usr/bin/env bash
# check_cli.sh BERPA SAMPLES: the `berpa check` and `berpa eval` commands:
# exit statuses, the four output formats, the configuration file and its
# errors, directories; and berpa's own sample outputs pass the gate.
set -u
berpa=$1 samples=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
# expect NAME STATUS CMD...: the command exits with STATUS
expect() {
  local name=$1 want=$2; shift 2
  "$@" > "$tmp/out" 2> "$tmp/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok "$name"; else bad "$name: exit $got, wanted $want"; cat "$tmp/err"; fi
}
cd "$tmp" || exit 1

printf 'Azərbaycan Xalq Cümhuriyyəti 1918-ci ildə quruldu.\n' > clean.txt
printf 'Azərbay-\ncan xalqı\n' > hyphen.txt
printf 'ab\xffcd\n' > invalid.txt
printf 'söz\nx\n' > short.txt

expect "clean text: 0" 0 "$berpa" check --no-dict clean.txt
expect "notes only: 0" 0 "$berpa" check --no-dict short.txt
expect "warnings: 6" 6 "$berpa" check --no-dict hyphen.txt
expect "errors: 1" 1 "$berpa" check --no-dict invalid.txt
expect "errors beat warnings: 1" 1 "$berpa" check --no-dict hyphen.txt invalid.txt
expect "unreadable: 1" 1 "$berpa" check --no-dict clean.txt no-such-file.txt
expect "--level off: 0" 0 "$berpa" check --no-dict --level line-end-hyphen=off hyphen.txt
expect "--level error: 1" 1 "$berpa" check --no-dict --level line-end-hyphen=error hyphen.txt
expect "unknown code: 2" 2 "$berpa" check --no-dict --level no-such=off clean.txt
expect "unknown format: 2" 2 "$berpa" check --no-dict -f xml clean.txt
expect "stdin" 6 sh -c "\"$berpa\" check --no-dict < hyphen.txt"
grep -q '^berpa: <stdin>:1:8: warning: .*\[line-end-hyphen\]$' "$tmp/out" && ok "human format" ||
  { bad "human format"; cat "$tmp/out"; }

# configuration: ./berpa.toml is read; unknown keys are errors with a position
mkdir -p conf && cd conf || exit 1
printf '# corpus gate\n[levels]\nline-end-hyphen = "note"   # raw OCR keeps them\n\n[thresholds]\nmin-acceptance = 0.5\n' > berpa.toml
expect "berpa.toml levels" 0 "$berpa" check --no-dict ../hyphen.txt
expect "--no-config" 6 "$berpa" check --no-dict --no-config ../hyphen.txt
printf '[thresholds]\nmin-acceptanse = 0.5\n' > bad.toml
expect "unknown key: 2" 2 "$berpa" check --no-dict --config bad.toml ../clean.txt
grep -q '^berpa: bad.toml:2:1: error: unknown key .min-acceptanse. in \[thresholds\] \[config\]$' "$tmp/err" &&
  ok "config error position" || { bad "config error position"; cat "$tmp/err"; }
printf '[output]\nx = 1\n' > bad2.toml
expect "unknown section: 2" 2 "$berpa" check --no-dict --config bad2.toml ../clean.txt
printf '[levels]\nshort-line = "loud"\n' > bad3.toml
expect "bad level: 2" 2 "$berpa" check --no-dict --config bad3.toml ../clean.txt
cd .. || exit 1

# directories: *.txt found recursively, sorted
mkdir -p corpus/a corpus/b && cp clean.txt corpus/b/2.txt && cp hyphen.txt corpus/a/1.txt &&
  cp hyphen.txt corpus/a/skip.md
expect "directory" 6 "$berpa" check --no-dict -f json corpus
python3 - "$tmp/out" <<'PY' && ok "JSON: per file and total" || bad "JSON: per file and total"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert [r.get("file") for r in rows[:-1]] == ["corpus/a/1.txt", "corpus/b/2.txt"], rows
assert rows[0]["warnings"] == 1 and rows[0]["findings"][0]["code"] == "line-end-hyphen"
assert rows[0]["findings"][0]["line"] == 1 and rows[0]["findings"][0]["col"] == 8
assert rows[-1]["total"] and rows[-1]["files"] == 2 and rows[-1]["warnings"] == 1
PY
expect "junit" 1 "$berpa" check --no-dict -f junit hyphen.txt clean.txt invalid.txt
if command -v xmllint > /dev/null; then
  xmllint --noout "$tmp/out" && ok "JUnit well-formed" || bad "JUnit well-formed"
  [ "$(xmllint --xpath 'string(//testsuite/@tests)' "$tmp/out")" = 3 ] &&
  [ "$(xmllint --xpath 'string(//testsuite/@failures)' "$tmp/out")" = 2 ] &&
  [ "$(xmllint --xpath 'count(//testcase[@name="clean.txt"]/failure)' "$tmp/out")" = 0 ] &&
    ok "JUnit counts" || { bad "JUnit counts"; cat "$tmp/out"; }
fi
expect "github" 1 "$berpa" check --no-dict -f github hyphen.txt invalid.txt
grep -q '^::warning file=hyphen.txt,line=1,col=8,title=berpa line-end-hyphen::' "$tmp/out" &&
grep -q '^::error file=invalid.txt,line=1,col=3,title=berpa invalid-utf8::invalid UTF-8 byte 0xFF$' "$tmp/out" &&
  ok "GitHub annotations" || { bad "GitHub annotations"; cat "$tmp/out"; }

# anything at all as input: the JSON and the XML stay valid
head -c 20000 /dev/urandom > random.bin
expect "random bytes" 1 "$berpa" check --no-dict -f json random.bin
python3 -c 'import json, sys; [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]' "$tmp/out" &&
  ok "JSON valid on random bytes" || bad "JSON valid on random bytes"
if command -v xmllint > /dev/null; then
  "$berpa" check --no-dict -f junit random.bin > random.xml
  xmllint --noout random.xml 2> /dev/null && ok "JUnit valid on random bytes" || bad "JUnit valid on random bytes"
fi

# UTF-16, with and without its byte order mark: named, not invalid UTF-8
printf 'Az\311\231rbaycan xalq\304\261 1918-ci ild\311\231\n' > az8.txt
iconv -f UTF-8 -t UTF-16 az8.txt > u16bom.txt      # with a BOM
iconv -f UTF-8 -t UTF-16BE az8.txt > u16be.txt     # without
for f in u16bom u16be; do
  expect "check $f: 1" 1 "$berpa" check --no-dict $f.txt
  grep -q "^berpa: $f.txt:1:1: error: input is UTF-16.. .*not UTF-8; convert it with iconv .*\[utf16\]$" "$tmp/out" &&
  ! grep -q 'invalid-utf8' "$tmp/out" && ok "  ... says UTF-16" || { bad "check $f"; cat "$tmp/out"; }
done
grep -q 'UTF-16BE without a byte order mark' "$tmp/out" && ok "  ... BE, no mark" || bad "UTF-16BE without BOM"

# an empty directory (or one without *.txt) does not pass the gate
mkdir -p empty/sub && touch empty/sub/notes.md
expect "check empty directory: 1" 1 "$berpa" check --no-dict empty
grep -q '^berpa: empty: error: no \*.txt file in this directory or below .* \[no-input\]$' "$tmp/err" &&
  ok "  ... says so" || { bad "empty directory message"; cat "$tmp/err"; }
expect "check --ext md finds it: 0" 0 "$berpa" check --no-dict --ext md empty

# eval refuses what is not UTF-8 text, naming file, place and fault
printf 'bir iki\n\374\303\247\n' > bad8.txt
expect "eval invalid UTF-8: 1" 1 "$berpa" eval az8.txt bad8.txt
grep -q '^berpa: bad8.txt:2:1: error: invalid UTF-8: byte 0xFC at offset 8 is never valid in UTF-8 \[invalid-utf8\]$' "$tmp/err" &&
  [ ! -s "$tmp/out" ] && ok "  ... names file, offset and fault; no figures" || { bad "eval invalid UTF-8"; cat "$tmp/err" "$tmp/out"; }
expect "eval UTF-16 gold: 1" 1 "$berpa" eval u16bom.txt az8.txt
grep -q '^berpa: u16bom.txt:1:1: error: input is UTF-16LE (byte order mark FF FE).*\[utf16\]$' "$tmp/err" &&
  ok "  ... says UTF-16" || { bad "eval UTF-16"; cat "$tmp/err"; }
expect "eval UTF-16 without mark: 1" 1 "$berpa" eval az8.txt u16be.txt
expect "eval the same text: 0" 0 "$berpa" eval az8.txt az8.txt

# a dictionary that is not there: one message, once, naming the files tried
expect "missing dictionary: 5" 5 "$berpa" check --dict "$tmp/nowhere/az_AZ" clean.txt
[ "$(wc -l < "$tmp/err")" -eq 1 ] &&
grep -q "^berpa: dictionary: error: dictionary $tmp/nowhere/az_AZ not found: neither $tmp/nowhere/az_AZ.aff nor $tmp/nowhere/az_AZ.dic exists \[no-dictionary\]$" "$tmp/err" &&
  ok "  ... one line naming both files" || { bad "missing dictionary message"; cat "$tmp/err"; }
mkdir -p half && printf 'SET UTF-8\n' > half/az_AZ.aff
expect "half a dictionary: 5" 5 "$berpa" check --dict half/az_AZ clean.txt
grep -q "error: dictionary half/az_AZ not found: half/az_AZ.dic does not exist (half/az_AZ.aff does) \[no-dictionary\]$" "$tmp/err" &&
  ok "  ... names the missing file" || { bad "half a dictionary message"; cat "$tmp/err"; }

# berpa's own outputs of the samples pass the gate (the dictionary when built)
expect "samples' outputs pass" 0 "$berpa" check "$samples"/*.out.txt

# eval: files, directories, usage
printf 'bir iki üç\n' > g.txt; printf 'bir ikı üç\n' > o.txt
expect "eval files" 0 "$berpa" eval g.txt o.txt
grep -q '^wer: 0.33333' "$tmp/out" && grep -q '"i" -> "ı"' "$tmp/out" && ok "eval human output" ||
  { bad "eval human output"; cat "$tmp/out"; }
expect "eval --max-wer" 1 "$berpa" eval --max-wer 0.1 g.txt o.txt
expect "eval --fold" 0 "$berpa" eval --fold --json g.txt o.txt
mkdir -p gd od && cp g.txt gd/a.txt && cp o.txt od/a.txt && cp g.txt gd/b.txt
expect "eval directories, one output missing" 1 "$berpa" eval --json gd od
grep -q '"name":"total"' "$tmp/out" && grep -q 'missing-output' "$tmp/err" && ok "eval totals" ||
  { bad "eval totals"; cat "$tmp/out" "$tmp/err"; }
expect "eval usage" 2 "$berpa" eval g.txt
expect "eval file and directory" 2 "$berpa" eval g.txt od
expect "eval bad sites" 1 "$berpa" eval --sites g.txt g.txt o.txt

echo "check_cli: $fails failed"
[ "$fails" -eq 0 ]
