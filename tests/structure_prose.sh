#!/usr/bin/env bash
# structure_prose.sh: verse, footnote, column and table detection never fire on ordinary
# prose: the shared corpus's seed and every dev layout.txt give zero verse
# lines, zero notes, zero columns and zero tables (the report prints those counters only when they
# are not zero).
#   tests/structure_prose.sh path/to/berpa SHARED_DIR
# Exit 0 pass, 1 fail, 77 skipped (the shared folder is absent).
set -u
bin=${1:?usage: structure_prose.sh path/to/berpa SHARED_DIR} shared=${2:?}
shopt -s nullglob
files=("$shared"/corpus/seed/input.txt "$shared"/corpus/dev/*/layout.txt)
if [ ! -f "$shared/corpus/seed/input.txt" ]; then
  echo "SKIP: $shared/corpus not found"
  exit 77
fi
fail=0
for f in "${files[@]}"; do
  got=$("$bin" -q --report "$f" | grep -o '"\(verse_lines\|notes\|columns\|tables\)":[0-9]*')
  if [ -n "$got" ]; then
    echo "FAIL $f: $got"
    fail=1
  fi
done
echo "structure_prose: ${#files[@]} documents checked"
exit $fail
