#!/usr/bin/env bash
# mkpages.sh: renders the test page images in tests/images (committed; run
# again only to change them).  text2image (tesseract-ocr) sets Azerbaijani
# text in DejaVu Sans (fonts-dejavu-core, which has ə), scripts/mkpages.c
# composes the pages with leptonica: plain 300 dpi, rotated by 3 degrees,
# 150 dpi (and the same as a JPEG), two columns, a two-page TIFF with
# running head and numbers, and a page of specks without text.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-tests/images}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/berpa-pages.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fonts=/usr/share/fonts/truetype/dejavu
render() { # NAME XSIZE YSIZE PTSIZE < text
  cat > "$tmp/$1.txt"
  text2image --text "$tmp/$1.txt" --outputbase "$tmp/$1" --font "DejaVu Sans" \
    --fonts_dir "$fonts" --fontconfig_tmpdir "$tmp" --xsize "$2" --ysize "$3" --margin 40 \
    --ptsize "$4" --degrade_image=false --rotate_image=false --resolution 300 >/dev/null 2>&1
}
render body 1500 1000 12 <<'T'
Azərbaycan dili türk dillərinin oğuz qrupuna daxildir. Bu dildə doqquz
sait vardır və onların hər biri yazıda ayrıca hərflə göstərilir. Şəhərin
köhnə küçələrində bahar günəşi parlayır, uşaqlar məktəbə gedirdilər.
Kitabxanada əlyazmalar, qəzetlər və jurnallar diqqətlə saxlanılır.
T
render narrow1 700 1000 11 <<'T'
Bakı şəhərinin tarixi hissəsi İçərişəhər adlanır. Qala divarları
arasında dar küçələr, karvansaralar və hamamlar qorunub saxlanılıb.
T
render narrow2 700 1000 11 <<'T'
Arxivdə saxlanılan sənədlər tədqiqatçılar üçün çox qiymətlidir.
Onların rəqəmsal surətləri hamı üçün açıq olmalıdır.
T
render head 1200 200 10 <<< 'ELMİ ƏSƏRLƏR'
render num1 300 200 10 <<< '12'
render num2 300 200 10 <<< '13'
cc -O1 -o "$tmp/mkpages" scripts/mkpages.c $(pkg-config --cflags --libs lept)
mkdir -p "$out"
"$tmp/mkpages" "$tmp"/{body,narrow1,narrow2,head,num1,num2}.tif "$out"
"$tmp/mkpages" jpeg "$out/dpi150.png" "$out/dpi150.jpg"
"$tmp/mkpages" noise 800 12 "$out/noise.png"
ls -l "$out"
