#!/usr/bin/env python3
"""make_corpus.py: writes the fuzz seed corpus (tests/fuzz/corpus/), small
tricky inputs for fuzz_run.c.  Each file is a 5-byte header (flags, then four
chunk sizes; see fuzz_run.c) followed by the document.  The files are
committed; rerun this only to change the seeds.  Crashers found by libFuzzer
are added to the corpus as they are (named crash-*)."""
import os, sys

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "corpus")
os.makedirs(out, exist_ok=True)

def hdr(replace=False, chunks=(255, 255, 255, 255)):
    return bytes([1 if replace else 0]) + bytes(chunks)

L = "Azərbaycan xalqının tarixi çox qədimdir və zəngin".encode()
para = ("Bakı şəhəri Xəzər dənizinin sahilində yerləşir, onun tari-\n"
        "xi qədim dövrlərə gedib çıxır. Şəhərin mərkəzində İçərişəhər\n"
        "adlanan qala divarları ilə əhatə olunmuş hissə var.\n").encode()
seeds = {
    "plain": hdr() + para,
    "chunks-1": hdr(chunks=(1, 1, 1, 1)) + para,
    "chunks-mixed": hdr(chunks=(3, 0, 7, 2)) + para,
    "invalid-utf8": hdr() + b"Salam\nd\xffnya\n" + para,
    "invalid-utf8-replace": hdr(True, (2, 5, 1, 9)) + b"\xc3\x28 \xe2\x82 \xf0\x9f\x98 \xed\xa0\x80 \xc0\xaf\n" + para,
    "truncated-at-eof": hdr(True) + para + b"\xe2\x82",
    "bom": hdr() + b"\xef\xbb\xbf" + para,
    "bom-middle": hdr() + para + b"\xef\xbb\xbf" + para,
    "crlf": hdr() + para.replace(b"\n", b"\r\n"),
    "cr-only": hdr() + para.replace(b"\n", b"\r"),
    "nul-bytes": hdr() + b"abc\x00def\n\x00\x00\n" + para,
    "form-feeds": hdr() + b"Tarix\n\n" + para + b"\n1\n\x0cTarix\n\n" + para + b"\n2\n\x0c\x0c\x0c",
    "only-form-feeds": hdr() + b"\x0c" * 40,
    "soft-hyphens": hdr() + "bə\u00adrə\u00adkət\u00ad\nsöz\u00ad\u00ad\n\u00ad\n".encode() + para,
    "ligatures": hdr() + "ﬁkir ﬂora ﬀ ﬃ ﬄ ﬅ ﬆ\nproﬁ-\nlaktika\n".encode(),
    "zero-width": hdr() + "Ba\u200bkı\u200c \u200d\u2060\ufeffşəhər\n\u200b\n".encode(),
    "huge-line": hdr() + L * 1500 + b"\n" + para,
    "huge-word": hdr() + b"a" * 70000 + b"-\n" + b"b" * 100 + b"\n",
    "only-hyphens": hdr() + b"-\n--\n-\n---\n-\n\xe2\x80\x90\n\xc2\xad\n",
    "hyphen-then-eof": hdr() + b"milli-\n",
    "hyphen-before-blank": hdr() + b"milli-\n\n\nazadl\xc4\xb1q\n",
    "only-blank-lines": hdr() + b"\n" * 300,
    "blank-with-spaces": hdr() + b" \n  \n\t\n \n" * 30,
    "deep-indent": hdr() + b"".join(b" " * (i * 7) + b"s\xc9\x99tir\n" for i in range(60)) + b"\t" * 200 + b"x\n",
    "cyrillic-lookalikes": hdr() + "Аzərbaусаn dövlətі Bаkı şəhərіndə, о, ә с х\nКİMLİK ınsan İNSAN\n".encode(),
    "two-column-style": hdr() + b" Running head \n" + b"".join(l + b" \n\n" for l in para.split(b"\n")) + b" \n\n",
    "page-style": hdr() + b"Bak\xc4\xb1 tarixi\n\n   " + para + b"\n7\n\x0cBak\xc4\xb1 tarixi\n\n" + para + b"\n8\n",
    "numbers-and-suffixes": hdr() + "1918-\nci ildə, 1912-\n1913-cü illərdə, TBMM-\nnin, ABŞ-\nın, 25%-\ni\n".encode(),
    "real-hyphens": hdr() + "milli-\nazadlıq, tez-\ntez, Türkiyə-\nRusiya, hərbi-\nsiyasi, bir-\nbirinə\n".encode(),
    "xml-specials": hdr() + b"<p> & </TEI> ]]> \"q\" 'a' <!-- x --> &amp; <?pi?>\n" + para,
    "c1-controls": hdr(True) + b"a\xc2\x85b\xc2\x9fc\x1b[0m\x07\x08\x7f\n" + para,
    "noncharacters": hdr() + "\ufffe\uffff\U0010ffff\ufdd0 \U0001f600\n".encode(),
    "combining": hdr() + "ə\u0301 i\u0307 A\u0308 e\u0306\u0306\u0306\u0306\n".encode("utf-8", "surrogatepass"),
    "empty": hdr(),
    "header-only-short": bytes([1, 0]),
}
for name, data in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
print(f"{len(seeds)} seeds in {out}", file=sys.stderr)
