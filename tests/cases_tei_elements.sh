#!/usr/bin/env bash
# cases_tei_elements.sh: every ../shared/cases/NAME.txt gives TEI that is
# valid against tei_all.rng and holds the elements its kind is about (the
# table below, from the case's kind, not from berpa's output).
#   tests/cases_tei_elements.sh BERPA SHARED_DIR
# Exit 0 pass, 1 fail, 77 skipped (no shared folder, no jing or xmllint).
set -u
berpa=${1:?usage: cases_tei_elements.sh BERPA SHARED_DIR} shared=${2:?}
dir=$shared/cases rng=$shared/schema/tei_all.rng
[ -d "$dir" ] && [ -f "$rng" ] || { echo "SKIP: $dir or $rng not found"; exit 77; }
command -v jing >/dev/null && command -v xmllint >/dev/null ||
    { echo "SKIP: jing or xmllint not found"; exit 77; }

# kind -> XPath expressions that must each match (t: stands for the TEI
# namespace, dropped with it before xmllint looks)
want() {
    case $1 in
    chapter-title-opening-page) echo '//t:head //t:fw[@type="header"]' ;;
    pagebreak-nopgbrk) echo '//t:fw //t:pb' ;;
    footnotes-after-paragraph) # each note right after its mark, an anchor where it was printed
        echo '//t:p/t:note[@place="foot"][@xml:id] //t:anchor[@type="footnote"] //t:fw[@type="noteRule"]' ;;
    heading-after-full-line) echo '//t:head' ;;
    verse-lines|verse-pagenums) echo '//t:lg //t:l' ;;
    separator-lines) echo '//t:milestone[@unit="section"] //t:ab[@type="separator"]' ;;
    numbered-items) echo '//t:list //t:item' ;;
    compound-dict-collision|hyphen-plus-shy-lineend|shy-own-line|minus-sign-lineend|range-endash-lineend|url-slash-break)
        echo '//t:lb[@break="no"]' ;;
    *) echo '//t:p' ;;   # the rest: text repairs inside paragraphs
    esac
}

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0 files=()
for f in "$dir"/*.txt; do
    case $f in *.expected.txt) continue ;; esac
    name=$(basename "$f" .txt)
    out="$tmp/$name.xml"
    "$berpa" -q --tei "$f" >"$out" || { echo "FAIL $name: berpa exited $?"; fail=1; continue; }
    files+=("$out")
    for x in $(want "$name"); do
        x2=${x//t:/}
        n=$(xmllint --xpath "count($x2)" <(sed 's/xmlns="http:\/\/www.tei-c.org\/ns\/1.0"//' "$out") 2>/dev/null)
        if [ "${n:-0}" -gt 0 ] 2>/dev/null; then
            echo "ok $name: $x2 ($n)"
        else
            echo "FAIL $name: no $x2"; fail=1
        fi
    done
done
[ ${#files[@]} -gt 0 ] || { echo "SKIP: no cases in $dir"; exit 77; }
if jing "$rng" "${files[@]}" 2>"$tmp/jing.err" >"$tmp/jing.out"; then
    echo "ok jing: ${#files[@]} file(s) valid"
else
    cat "$tmp/jing.out"; grep -v '^\[warning\]' "$tmp/jing.err" | head -20
    echo "FAIL: jing found errors"; fail=1
fi
exit $fail
