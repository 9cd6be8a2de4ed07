#!/usr/bin/env python3
"""Generate az_AZ.dic (stems with affix flags), az_AZ.freq (word<TAB>count)
and az_AZ.compounds (hyphenated compounds, one a line)
for berpa's Azerbaijani Hunspell dictionary.

Usage:
  gen_dic.py OUTDIR [--traineddata PATH | --tess-wordlist FILE]
                    [--combine-tessdata EXE] [--dawg2wordlist EXE]
                    [--aff AFF]

Inputs (all in this directory, see SOURCES.md):
  data/orthography-2021/*.txt   lemmas of the 2021 orthographic dictionary
  data/az-lang-nlp/*.txt        frequency list and POS-tagged lemmas
  names.txt, abbreviations.txt  curated lists (Roman numerals are generated)
  the word list inside tesseract's aze.traineddata, extracted with
  combine_tessdata -u and dawg2wordlist.

Python 3 standard library only, and libhunspell through ctypes (the
stripped forms the affix file AFF, default az_AZ.aff here, generates are
listed as forbidden); the output depends only on the inputs (sorted, no
hash order, no timestamps).
"""
import bisect
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

FORM_EVIDENCE = int(os.environ.get("BERPA_FORM_EVIDENCE", "2"))
HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, HERE)
import azmorph as M  # noqa: E402
from gen_aff import cls  # noqa: E402

LOWER = "abcçdeəfgğhxıijkqlmnoöprsştuüvyz"
UPPER = "ABCÇDEƏFGĞHXIİJKQLMNOÖPRSŞTUÜVYZ"
VOW = set(M.VOWELS)
WORD_RE = re.compile("^[%s%s]+(-[%s%s]+)*$" % (LOWER, UPPER, LOWER, UPPER))
# Cyrillic look-alikes found inside Latin words of the sources
CYR = str.maketrans("аеорсхуіјәөүһАЕОРСХУІЈӘӨҮҺ", "aeopcxyijəöühAEOPCXYIJƏÖÜH")
# plain letter -> Azerbaijani letter it may stand for (stripped / Turkish /
# OCR-confused spellings)
STRIP = {"ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o",
         "ü": "u", "q": "k", "x": "h", "j": "i"}
STRIP_TAB = str.maketrans(STRIP)


def lower(s):
    return s.replace("I", "ı").replace("İ", "i").lower()


def upper(s):
    return s.replace("i", "İ").replace("ı", "I").upper()


def title(s):
    return upper(s[:1]) + s[1:]


def norm(s):
    s = unicodedata.normalize("NFC", s.strip())
    if any("\u0400" <= c <= "\u04ff" for c in s):
        if any(c in LOWER + UPPER for c in s):
            s = s.translate(CYR)
    s = s.strip("–—-'’ ")
    return s


def valid(s):
    return bool(WORD_RE.match(s))


def is_stripped_of(w, w2):
    """True when w is w2 with some Azerbaijani letters replaced by their plain
    look-alikes (w2 'has more diacritics')."""
    if len(w) != len(w2) or w == w2:
        return False
    for a, b in zip(w, w2):
        if a != b and STRIP.get(b) != a:
            return False
    return True


# a letter OCR or typing without Azerbaijani letters reads as its plain
# look-alike (tesseract's aze model cannot output j at all)
OCR_STRIP = {"ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o",
             "ü": "u", "j": "i"}
# a form the frequency list never saw is taken for a stripped spelling when
# its spelling with the Azerbaijani letter is seen at least this often and
# the stem it is a form of is more than STRIPPED_STEM_RATIO times rarer
# than the stem of that spelling: the reading as a stripped copy is then
# the likelier one even if only one letter in thirty loses its diacritic,
# while the paradigms of real stems stay whole (səhər beside şəhər is 1:26,
# nəsr beside nəşr 1:14, doy beside döy 1:13, el beside əl 1:4; lazi
# beside lazım is 1:136, gel beside gəl 1:125, həyati beside həyat 1:110)
STRIPPED_SEEN = int(os.environ.get("BERPA_STRIPPED_SEEN", "20"))
STRIPPED_STEM_RATIO = int(os.environ.get("BERPA_STRIPPED_STEM_RATIO", "30"))
# ... and a form the list saw counts as one of those stripped copies when
# its spelling with the letter is seen more than this many times as often
# (geldi beside gəldi 1:400, basa beside başa 1:90; eli beside əli 1:22
# and surəti beside sürəti 1:17 stay)
STRIPPED_FORM_RATIO = int(os.environ.get("BERPA_STRIPPED_FORM_RATIO", "30"))


def stripped_variants(w):
    """The spellings of w with one Azerbaijani letter, or all of them,
    replaced by the plain look-alike (şərtlərində -> sərtlərində,
    şərtlerində, ..., sertlerinde)."""
    pos = [i for i, c in enumerate(w) if c in OCR_STRIP]
    out = set(w[:i] + OCR_STRIP[w[i]] + w[i + 1:] for i in pos)
    if len(pos) > 1:
        out.add("".join(OCR_STRIP.get(c, c) for c in w))
    return out


class Speller:
    """Hunspell through ctypes (libhunspell, which berpa links anyway)."""

    def __init__(self, aff, dic):
        import ctypes
        import ctypes.util
        name = ctypes.util.find_library("hunspell-1.7") or \
            ctypes.util.find_library("hunspell") or "libhunspell-1.7.so.0"
        try:
            self.lib = ctypes.CDLL(name)
        except OSError as e:
            sys.exit("gen_dic.py: libhunspell not found (%s); install "
                     "libhunspell-dev" % e)
        self.lib.Hunspell_create.restype = ctypes.c_void_p
        self.lib.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        self.lib.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        self.lib.Hunspell_destroy.argtypes = [ctypes.c_void_p]
        self.slst = ctypes.POINTER(ctypes.c_char_p)
        self.lib.Hunspell_stem.argtypes = [
            ctypes.c_void_p, ctypes.POINTER(self.slst), ctypes.c_char_p]
        self.lib.Hunspell_free_list.argtypes = [
            ctypes.c_void_p, ctypes.POINTER(self.slst), ctypes.c_int]
        self.ctypes = ctypes
        self.h = self.lib.Hunspell_create(aff.encode(), dic.encode())

    def ok(self, word):
        return self.lib.Hunspell_spell(self.h, word.encode("utf-8")) != 0

    def stems(self, word):
        """The .dic stems Hunspell derives word from."""
        lst = self.slst()
        n = self.lib.Hunspell_stem(self.h, self.ctypes.byref(lst),
                                   word.encode("utf-8"))
        out = [lst[i].decode("utf-8") for i in range(n)]
        if n:
            self.lib.Hunspell_free_list(self.h, self.ctypes.byref(lst), n)
        return out

    def close(self):
        self.lib.Hunspell_destroy(self.h)


TURKISH_RE = re.compile(r"[ıiuü]yor(um|sun|uz|sunuz|lar|du|dum|muş|sa)?$|"
                        r"^ğ")
DEVOICED_RE = re.compile(r"[çfhkpsşt]t(ı|i|u|ü|a|e|an|en|ır|ir|ur|ür|ım|im|"
                         r"um|üm|ılar|iler)$")


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f]


def extract_tess(traineddata, combine, dawg2):
    tmp = tempfile.mkdtemp(prefix="berpa-dict-")
    try:
        pre = os.path.join(tmp, "aze.")
        subprocess.run([combine, "-u", traineddata, pre], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = os.path.join(tmp, "words.txt")
        subprocess.run([dawg2, pre + "lstm-unicharset", pre + "lstm-word-dawg",
                        out], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return read_lines(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------------------

def state_of(word):
    """Default (harmony, ending) of a stem, or None when it has no vowel."""
    w = lower(word.split("-")[-1])
    if not any(c in VOW for c in w):
        return None
    h = M.harmony(w)
    c = w[-1]
    nvow = sum(1 for ch in w if ch in VOW)
    if c in VOW:
        return (h, "V")
    if c in "kq" and nvow >= 2:
        return (h, "K" if c == "k" else "Q")
    return (h, "C")


def probe_suffixes(h, e):
    """A few characteristic inflections of a stem in state (h, e), used to
    weigh evidence from the word lists: (strip, add)."""
    stem = M.start(h, e)
    out = []
    for t in ("lAr", "(n)I", "(n)In", "(y)A", "dA", "dAn", "(I)mIz",
              "(s)I"):
        w = M.attach(stem, t)
        out.append(M.to_affix(stem.text, w.text))
    return out


def realise(stem, probes):
    res = []
    for strip, add in probes:
        if strip and not stem.endswith(strip):
            continue
        res.append(stem[:len(stem) - len(strip)] + add)
    return res


PROBES = {}


def probes(h, e):
    if (h, e) not in PROBES:
        PROBES[(h, e)] = probe_suffixes(h, e)
    return PROBES[(h, e)]


def evidence(stem, st, forms):
    return sum(1 for f in realise(lower(stem), probes(*st)) if f in forms)


def harmony_evidence(stem, st2, st, forms):
    """Evidence that stem, of default state st, harmonises as st2 instead:
    forms of st2 in the lists, except those a regular word of st explains
    as well: stem + i, the Arabic relative adjective, whose -i never
    harmonises (lazımi, həyati beside lazım, həyat), and a form that is the
    form of st with a diacritic stripped (lazımdir for lazımdır)."""
    lw = lower(stem)
    n = 0
    for (s1, a1), (s2, a2) in zip(probes(*st), probes(*st2)):
        if s1 != s2 or (s2 and not lw.endswith(s2)):
            continue
        f2 = lw[:len(lw) - len(s2)] + a2
        f1 = lw[:len(lw) - len(s1)] + a1
        if f2 in forms and f2 != lw + "i" and not is_stripped_of(f2, f1):
            n += 1
    return n


def noun_flags(st, which="both"):
    c = cls(*st)
    fl = []
    if which in ("both", "cons"):
        fl += ["N" + c, "T" + c, "#P"]
    if which in ("both", "vow"):
        fl += ["n" + c, "t" + c]
    return fl


def verb_flags(st, which="both"):
    c = cls(st[0], st[1])
    fl = []
    if which in ("both", "cons"):
        fl.append("V" + c)
    if which in ("both", "vow"):
        fl.append("v" + c)
    return fl


ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
         (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
         (4, "IV"), (1, "I")]


def roman(n):
    out = []
    for v, s in ROMAN:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def spoken_last(n):
    """The last spoken word of the number n (1921 -> bir, 1990 -> doxsan)."""
    s = str(n)
    if s[-1] != "0":
        return M.DIGIT_WORDS[s[-1]]
    if len(s) >= 2 and s[-2] != "0":
        return M.TENS_WORDS[s[-2]]
    for zeros in ("000000000", "000000", "000", "00"):
        if s.endswith(zeros):
            return M.BIG_WORDS[zeros]
    return "sıfır"


# ---------------------------------------------------------------------------

def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--traineddata")
    ap.add_argument("--tess-wordlist")
    ap.add_argument("--combine-tessdata", default="combine_tessdata")
    ap.add_argument("--dawg2wordlist", default="dawg2wordlist")
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--aff", default=os.path.join(HERE, "az_AZ.aff"),
                    help="the affix file the .dic is for (forbidden forms "
                    "are found with it)")
    args = ap.parse_args(argv)

    # ---- tesseract word list
    if args.tess_wordlist:
        tess_raw = read_lines(args.tess_wordlist)
    else:
        td = args.traineddata
        if not td or not os.path.exists(td):
            sys.exit("gen_dic.py: tesseract's aze.traineddata not found (%r); "
                     "install tesseract-ocr-aze or pass --traineddata"
                     % (td,))
        for exe in (args.combine_tessdata, args.dawg2wordlist):
            if not shutil.which(exe):
                sys.exit("gen_dic.py: %s not found (package "
                         "tesseract-ocr / libtesseract-dev tools)" % exe)
        tess_raw = extract_tess(td, args.combine_tessdata, args.dawg2wordlist)

    d = args.data
    freq = {}
    for line in read_lines(os.path.join(d, "az-lang-nlp", "spell_freq.txt")):
        parts = line.split()
        if len(parts) != 2 or not parts[1].isdigit():
            continue
        w = lower(norm(parts[0]))
        if valid(w):
            freq[w] = freq.get(w, 0) + int(parts[1])

    ortho = set()
    ortho_case = set()
    for fn in ("lemmas-2021.txt", "additional-lemmas.txt"):
        for line in read_lines(os.path.join(d, "orthography-2021", fn)):
            w = norm(line)
            if valid(w):
                ortho.add(lower(w))
                if w != lower(w):
                    ortho_case.add(w)
    pos = {}
    for line in read_lines(os.path.join(d, "az-lang-nlp",
                                        "dict_pos_lemmas.txt")):
        line = norm(line)
        if len(line) < 3 or line[0] not in "NAVDX":
            continue
        w = lower(line[1:])
        if valid(w):
            pos.setdefault(w, set()).add(line[0])

    # stripped spellings of frequent words: spelling -> the words it strips
    stripped_from = {}
    for w2, c in freq.items():
        if c >= STRIPPED_SEEN:
            for v in stripped_variants(w2):
                stripped_from.setdefault(v, []).append(w2)
    # a POS lemma the frequency list never saw that is a stripped spelling
    # of a word it saw often is a stripped copy the list took in (yaxsi,
    # azadliq, bağli, nece); words of one or two letters are left (the
    # frequency list lacks some: o).  The orthographic dictionary is
    # trusted: its rare words collide too (tapir beside tapır)
    def stripped_lemma(w):
        return len(w) >= 3 and w not in freq and w in stripped_from
    pos = dict((w, t) for w, t in pos.items() if not stripped_lemma(w))

    names = []
    for line in read_lines(os.path.join(HERE, "names.txt")):
        line = line.split("#")[0].strip()
        for tok in line.split():
            tok = norm(tok)
            if valid(tok):
                names.append(tok)
    abbrevs = []
    for line in read_lines(os.path.join(HERE, "abbreviations.txt")):
        line = line.split("#")[0].strip()
        if not line:
            continue
        parts = line.split()
        abbrevs.append((parts[0], parts[1:]))

    # ---- tesseract forms by casing
    tess_lower, tess_title, tess_caps = set(), set(), set()
    acro_suffix = {}
    for raw in tess_raw:
        w = norm(raw)
        if len(w) <= 2 and lower(w) not in ortho and lower(w) not in pos:
            continue
        m = re.match("^([%s]{2,6})-([%s]+)$" % (UPPER, LOWER + UPPER), w)
        if m and m.group(1) == upper(m.group(1)):
            acro_suffix.setdefault(m.group(1), []).append(lower(m.group(2)))
            continue
        if not valid(w):
            continue
        lw = lower(w)
        if w == lw:
            tess_lower.add(w)
        elif w == title(lw):
            tess_title.add(w)
        elif w == upper(lw):
            tess_caps.add(w)
    lemma = ortho | set(k for k in pos)
    tess_title_all = set(tess_title)

    def i_confused(w):
        """'ICRA', 'Icra' written with a Latin capital I for İ."""
        if "I" not in w:
            return False
        alt = lower(w.replace("I", "İ"))
        return alt in tess_lower or alt in lemma or title(alt) in tess_title

    # ALL-CAPS words fold with Turkic casing
    for w in sorted(tess_caps):
        lw = lower(w)
        if lw in tess_lower or title(lw) in tess_title:
            continue
        if i_confused(w):
            continue
        if len(w) <= 4 and w in acro_suffix:
            continue          # an acronym; handled with its suffixes below
        tess_lower.add(lw)
    # Title-case words duplicating a lower-case one are sentence starts
    tess_title = set(w for w in tess_title if lower(w) not in tess_lower
                     and lower(w) not in lemma and not i_confused(w))

    # ---- frequency-based filtering of stripped / Turkish spellings
    cand = set(tess_lower) | set(w for w, c in freq.items()
                                  if c >= 3 and len(w) >= 3)
    pool = cand | lemma
    score = {}
    for w in pool:
        score[w] = freq.get(w, 0) + (1000 if w in ortho else 0)
    by_key = {}
    for w in pool:
        by_key.setdefault(w.translate(STRIP_TAB), []).append(w)

    def dominating(w):
        """Spellings of which w is a far rarer diacritic-stripped copy."""
        k = w.translate(STRIP_TAB)
        s = score.get(w, freq.get(w, 0))
        return [w2 for w2 in by_key.get(k, ())
                if w2 != w and is_stripped_of(w, w2) and
                score.get(w2, 0) > 3 * s + 2]

    def dominated(w):
        return bool(dominating(w))

    def i_dominated(w):
        """'ınsan' (from a wrongly lower-cased INSAN) beside 'insan'."""
        if "ı" not in w:
            return False
        s = score.get(w, freq.get(w, 0))
        alts = {w.replace("ı", "i")}
        alts.update(w[:i] + "i" + w[i + 1:] for i, c in enumerate(w)
                    if c == "ı")
        return any(score.get(a, freq.get(a, 0)) > 10 * s + 2 for a in alts)

    def turkish(w):
        if TURKISH_RE.search(w):
            return True
        m = DEVOICED_RE.search(w)
        if m and not w.endswith("stan"):
            for i in range(max(1, len(w) - 4), len(w) + 1):
                if w[:i] in lemma:
                    return False
            return True
        return False

    # suffixes standing alone (the lists split "BMT -nin", "1921 -ci")
    suffix_like = set()
    for h in M.HARMONIES:
        for e in ("C", "V", "P"):
            base = M.start(h, e).text
            for w in M.tail_words(h, e):
                sfx = w.text[len(base):]
                if 1 <= len(sfx) <= 5:
                    suffix_like.add(sfx)
            for w, _ in M.noun_l1_words(h, e):
                sfx = w.text[len(base):]
                if 1 <= len(sfx) <= 5 and not w.text[:len(base)] != base:
                    suffix_like.add(sfx)
    suffix_like.update(("cı", "ci", "cu", "cü", "ıncı", "inci", "uncu",
                        "üncü"))
    name_tokens = set(lower(n) for n in names)
    title_all = set(lower(w) for w in tess_title_all)

    # OCR variants: a letter of a word at least 200 times as frequent read
    # as a look-alike, or a lost ə (Azsrbaycan, Azarbaycan, Azrbaycan beside
    # Azərbaycan)
    ocr_pairs = {"ə": "easo9", "ı": "il1", "i": "lı1", "ş": "s", "ç": "c",
                 "ğ": "gq", "ö": "o", "ü": "u", "e": "cə", "m": "n",
                 "n": "rm", "o": "0öə", "l": "1i", "c": "çe", "s": "şə",
                 "g": "ğq", "u": "ü", "a": "əo", "b": "h", "h": "b"}
    frequent = {}
    for w2, c in freq.items():
        if c >= 200 and len(w2) >= 5:
            frequent[w2] = c
    subst_key, del_key = {}, {}
    for w2, c in frequent.items():
        for i, ch in enumerate(w2):
            for alt in ocr_pairs.get(ch, ""):
                k = w2[:i] + alt + w2[i + 1:]
                subst_key[k] = max(c, subst_key.get(k, 0))
            if ch == "ə":
                k = w2[:i] + w2[i + 1:]
                del_key[k] = max(c, del_key.get(k, 0))

    def ocr_variant(w):
        if len(w) < 5 or w in ortho or w in pos or w in frequent:
            return False
        lim = 200 * (freq.get(w, 0) + 1)
        return subst_key.get(w, 0) > lim or del_key.get(w, 0) > lim

    # stems cut from stripped spellings: azerbayc (azərbayc-an)
    strip_prefix = {}
    for w2, c in frequent.items():
        if w2.translate(STRIP_TAB) == w2:
            continue
        for n in range(4, len(w2) + 1):
            p = w2[:n]
            k = p.translate(STRIP_TAB)
            if k != p and c > strip_prefix.get(k, ("", 0))[1]:
                strip_prefix[k] = (p, c)

    def prefix_dominated(w):
        if w in ortho or w in pos:
            return False
        p, c = strip_prefix.get(w.translate(STRIP_TAB), ("", 0))
        return bool(p) and is_stripped_of(w, p) and \
            c > 200 * (freq.get(w, 0) + 1)

    dropped_turkish = []
    forms = set()
    for w in cand:
        if w in ortho:
            forms.add(w)
            continue
        if turkish(w):
            dropped_turkish.append(w)
            continue
        if w in suffix_like or dominated(w) or i_dominated(w) or \
                ocr_variant(w) or prefix_dominated(w):
            continue
        if w not in tess_lower and (w in title_all or w in name_tokens):
            continue          # a lower-cased name from the frequency list
        forms.add(w)
    if os.environ.get("BERPA_DICT_DEBUG"):
        with open(os.path.join(args.outdir, "turkish.txt"), "w") as f:
            f.write("\n".join(sorted(dropped_turkish)) + "\n")
    # title-case tesseract words (names) with the same filter, lower-cased
    # a capitalised word is dropped as a stripped copy only of another name
    # (Gencə beside Gəncə), not of a common word (Yanina beside yanına)
    name_like = set(lower(w) for w in tess_title_all) | \
        set(lower(n) for n in names)
    names_t = set()
    for w in tess_title:
        lw = lower(w)
        if turkish(lw) or ocr_variant(lw) or prefix_dominated(lw) or \
                any(d in name_like
                              for d in dominating(lw)):
            continue
        names_t.add(w)
    evid_forms = forms | set(lower(w) for w in names_t)

    entries = {}

    def add(word, flags=()):
        s = entries.setdefault(word, set())
        s.update(flags)

    # ---- nominal stems: orthographic lemmas, POS lemmas, names
    verbs = set()
    for w in sorted(ortho):
        if len(w) > 4 and (w.endswith("maq") or w.endswith("mək")):
            verbs.add(w[:-3])
    # infinitives in the (filtered) word lists
    for w in forms:
        if len(w) > 5 and (w.endswith("maq") or w.endswith("mək")) and \
                M.harmony(w[:-3]) == M.harmony(w):
            verbs.add(w[:-3])
    for w, tags in pos.items():
        if "V" in tags and (w + "maq" in evid_forms or w + "mək" in
                            evid_forms or w + "maq" in ortho or
                            w + "mək" in ortho):
            verbs.add(w)

    def add_nominal(w):
        st = state_of(w)
        if st is None:
            add(w)
            return
        h, e = st
        lw = lower(w)
        flags = set()
        # harmony exceptions (loanwords): let the word lists decide
        best, best_ev = st, evidence(w, st, evid_forms)
        for h2 in M.HARMONIES:
            if h2 == h:
                continue
            st2 = (h2, e)
            ev = harmony_evidence(w, st2, st, evid_forms)
            if ev > best_ev + 1:
                best, best_ev = st2, ev
        st = best
        h, e = st
        if e in "KQ":
            hard = (h, "C")
            ev_soft = evidence(w, st, evid_forms)
            ev_hard = evidence(w, hard, evid_forms)
            if ev_hard > ev_soft:
                flags.update(noun_flags(hard))
                if ev_soft >= 2:
                    flags.update(noun_flags(st))
            else:
                flags.update(noun_flags(st))
            add(w, flags)
            return
        # vowel drop: oğul -> oğlu, şəkil -> şəkli
        if e == "C" and len(lw) >= 4 and lw[-2] in "ıiuü" and \
                lw[-3] not in VOW and lw[-1] not in VOW and \
                sum(1 for c in lw if c in VOW) >= 2:
            short = w[:-2] + w[-1]
            ls = lower(short)
            drop = [f for f in realise(ls, probes(*st))
                    if f in evid_forms and f[len(ls):len(ls) + 1] in VOW]
            full = [f for f in realise(lw, probes(*st))
                    if f in evid_forms and f[len(lw):len(lw) + 1] in VOW]
            ev_drop = sum(freq.get(f, 0) + 1 for f in drop)
            ev_full = sum(freq.get(f, 0) + 1 for f in full)
            if len(drop) >= 2 and ev_drop > ev_full and \
                    ls not in ortho and ls not in forms:
                add(w, noun_flags(st, "cons" if ev_full * 3 < ev_drop
                                  else "both"))
                add(short, noun_flags(st, "vow") + ["#N"])
                return
        add(w, noun_flags(st))

    for w in sorted(ortho):
        add_nominal(w)
    for w in sorted(ortho_case):
        add_nominal(w)
    for w, tags in sorted(pos.items()):
        if tags & set("NAX") and (w in evid_forms or freq.get(w, 0) >= 3) \
                and not dominated(w) and not turkish(w):
            add_nominal(w)

    # denominal verbs -lA, -lAş, -lAşdIr, -lAn, -lAndIr seen in the lists:
    # at least three forms beginning with the verb stem + a verb suffix
    sorted_forms = sorted(evid_forms)

    def n_with_prefix(p, limit=3):
        i = bisect.bisect_left(sorted_forms, p)
        n = 0
        while i < len(sorted_forms) and sorted_forms[i].startswith(p):
            n += 1
            if n >= limit:
                break
            i += 1
        return n

    verb_marks = ("dı", "di", "du", "dü", "ır", "ir", "ur", "ür", "ma", "mə",
                  "an", "ən", "ıl", "il", "ul", "ül", "mı", "mi", "mu", "mü",
                  "ar", "ər", "ıb", "ib", "ub", "üb")
    nominal_stems = [w for w, f in entries.items() if any(
        x[0] == "N" for x in f) and w == lower(w)]
    for w in sorted(nominal_stems):
        a2 = M.TWO_WAY[M.harmony(w)]
        for dv in ("l" + a2, "l" + a2 + "ş", "l" + a2 + "ş" + "dır".replace(
                "ı", M.FOUR_WAY[M.harmony(w + a2)]),
                "l" + a2 + "n", "l" + a2 + "ndır".replace(
                "ı", M.FOUR_WAY[M.harmony(w + a2)])):
            v = w + dv
            if v in verbs:
                continue
            hits = sum(n_with_prefix(v + m, 3) for m in verb_marks)
            if hits >= 2:
                verbs.add(v)

    for w in sorted(verbs):
        st = state_of(w)
        if st is None:
            continue
        st = (st[0], "V" if st[1] == "V" else "C")
        if w in ("et", "get"):           # t -> d before a vowel: edir, gedər
            add(w, verb_flags(st, "cons"))
            add(w[:-1] + "d", verb_flags(st, "vow") + ["#N"])
        else:
            add(w, verb_flags(st))

    # ---- names: curated list + surnames' feminine forms + tesseract names
    for w in sorted(set(names)):
        add_nominal(w)
        lw = lower(w)
        if lw.endswith(("ov", "ev", "yev", "in")) and len(lw) > 4 and \
                w[0] in UPPER:
            add_nominal(w + "a")

    for w in sorted(names_t):
        lw = lower(w)
        st = state_of(w)
        if st and len(w) >= 3 and not any(
                d in name_like for f in realise(lw, probes(*st))
                for d in dominating(f)):
            add_nominal(w)
            if lw.endswith(("ov", "ev", "in")) and len(lw) > 4:
                add_nominal(w + "a")
        else:
            add(w)

    # ---- surnames from first names: Məmməd -> Məmmədov(a), Məmmədzadə,
    # Məmmədli, Məmmədbəyov(a), Məmmədbəyli, Məmmədoğlu.  A title-case word
    # is a first name when the lists already hold one of its surnames.
    title_words = set(names) | set(names_t)

    def surnames(r):
        lr = lower(r)
        ov = "yev" if lr[-1] in VOW else "ov"
        li = "l" + M.FOUR_WAY[M.harmony(lr)]
        return [r + ov, r + ov + "a", r + "zadə", r + li, r + "bəyov",
                r + "bəyova", r + "bəyli", r + "oğlu", r + "xanov",
                r + "xanova", r + "xanlı"]

    roots = set()
    for r in sorted(title_words):
        if len(r) < 3 or not state_of(r):
            continue
        if sum(1 for x in surnames(r)[:4] if x in title_words) >= 1:
            roots.add(r)
    for r in sorted(roots):
        for x in surnames(r):
            if not dominated(lower(x)):
                add_nominal(x)

    # ---- lower-case forms: bare, or as stems when the lists show inflections
    for w in sorted(forms):
        if w in entries:
            continue
        st = state_of(w)
        # the frequency list is lemma-like: its words are taken as stems;
        # a word only in tesseract's list needs inflections beside it
        need = 0 if freq.get(w, 0) >= 3 else FORM_EVIDENCE
        if st and len(w) >= 4 and evidence(w, st, evid_forms) >= need and \
                not any(dominated(f) for f in realise(w, probes(*st))):
            add_nominal(w)
        else:
            add(w)

    # ---- acronyms: curated, and tesseract ones seen with hyphen suffixes
    def acro_state(a, sfxs):
        votes = {}
        for s in sfxs:
            v = next((c for c in s if c in VOW), None)
            if v is None:
                continue
            h = {"ı": "a", "a": "a", "i": "e", "ə": "e", "e": "e",
                 "u": "o", "ü": "ö", "o": "o", "ö": "ö"}[v]
            e = "V" if s[0] in "nys" and len(s) > 1 and s[1] in VOW else "C"
            votes[(h, e)] = votes.get((h, e), 0) + 1
        if not votes:
            return None
        return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    letter_names = {"A": "a", "B": "be", "C": "ce", "Ç": "çe", "D": "de",
                    "E": "e", "Ə": "ə", "F": "ef", "G": "ge", "Ğ": "ğe",
                    "H": "he", "X": "xe", "I": "ı", "İ": "i", "J": "je",
                    "K": "ka", "Q": "qe", "L": "el", "M": "em", "N": "en",
                    "O": "o", "Ö": "ö", "P": "pe", "R": "er", "S": "es",
                    "Ş": "şe", "T": "te", "U": "u", "Ü": "ü", "V": "ve",
                    "Y": "ye", "Z": "ze"}
    for a, gens in abbrevs:
        if a.endswith("."):
            if valid(a.replace(".", "")):
                add(a)
            continue
        if not valid(a):
            continue
        readings = [acro_state(a, [g.lstrip("-")]) for g in gens]
        readings = [r for r in readings if r]
        if not readings:
            r = acro_state(a, acro_suffix.get(a, []))
            if r is None and a[-1] in letter_names:
                r = M.spoken_state(letter_names[a[-1]])
            readings = [r] if r else []
        add(a, ["H" + cls(*r) for r in readings])
    for a in sorted(acro_suffix):
        if len(acro_suffix[a]) < 2 or a in entries:
            continue
        st = acro_state(a, acro_suffix[a])
        if st:
            add(a, ["H" + cls(*st)])

    # ---- initials (M.Ə.Rəsulzadə -> M, Ə)
    for c in UPPER:
        add(c)

    # ---- Roman numerals I..MMM (XX-ci, XIX əsr)
    for n in range(1, 3001):
        sp = spoken_last(n)
        st = M.spoken_state(sp)
        add(roman(n), ["G" + cls(*st)])

    # ---- numbers with hyphenated suffixes: 0..3000 and round numbers
    nums = set(range(0, 3001)) | set(range(0, 10001, 10)) | \
        set(range(0, 100001, 100)) | set(range(0, 1000001, 1000)) | \
        set(10 ** k for k in range(7, 10))
    for n in sorted(nums):
        st = M.spoken_state(spoken_last(n))
        add(str(n), ["G" + cls(*st)])

    # ---- write
    os.makedirs(args.outdir, exist_ok=True)

    def dic_lines():
        lines = []
        for w in sorted(entries):
            fl = entries[w]
            if w != lower(w):
                fl.discard("#P")
            lines.append(w + ("/" + "".join(sorted(fl)) if fl else ""))
        return lines

    def write_dic(path, lines):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("%d\n" % len(lines))
            f.write("\n".join(lines) + "\n")

    dic_path = os.path.join(args.outdir, "az_AZ.dic")
    write_dic(dic_path, dic_lines())

    # ---- stripped spellings the affix rules generate: the stems and their
    # classes are right (şərt, sərt; lazi-m), but a form the frequency list
    # never saw, whose spelling with one Azerbaijani letter more (or all of
    # them) it saw often, is a stripped or OCR-confused copy of that word
    # (sərtlərində beside şərtlərində, qardası beside qardaşı, isini
    # beside işini, lazimdir beside lazımdır) and not a word of its own.
    # Hunspell cannot leave out single forms of a class, so they are listed
    # as FORBIDDENWORD (#F).  A lemma of the orthographic dictionary, a stem
    # of the .dic and a name stay (tesseract's capitalised words are no
    # names: its list holds sentence starts such as Lazim, Həyatin).
    names_l = name_tokens | set(lower(w) for w in names_t)
    source = stripped_from
    cands = sorted(v for v in source if v not in ortho and len(v) >= 3 and
                   v not in entries and v not in names_l and valid(v) and
                   max(freq[w2] for w2 in source[v]) >
                   STRIPPED_FORM_RATIO * freq.get(v, 0))
    sp = Speller(args.aff, dic_path)

    def stem_freq(w):
        return max([freq.get(lower(x), 0) for x in sp.stems(w)] + [0])

    # a hyphenated word (Hunspell accepts it when both halves are words:
    # necə-neçə beside neçə-neçə, cut-cut beside cüt-cüt) has no stem to
    # weigh: the frequency list's compounds decide alone
    forbidden = []
    for v in cands:
        if not sp.ok(v):
            continue
        if "-" in v:
            forbidden.append(v)
            continue
        f2 = max(stem_freq(w2) if sp.ok(w2) else freq[w2]
                 for w2 in source[v])
        if f2 > STRIPPED_STEM_RATIO * stem_freq(v):
            forbidden.append(v)
    sp.close()
    for v in forbidden:
        add(v, ["#F"])
    if os.environ.get("BERPA_DICT_DEBUG"):
        with open(os.path.join(args.outdir, "forbidden.txt"), "w") as f:
            f.write("\n".join(forbidden) + "\n")
    write_dic(dic_path, dic_lines())
    fr = sorted((w, c) for w, c in freq.items()
                if (w in forms or w in ortho or w in entries) and c > 0 and
                "#F" not in entries.get(w, ()))
    with open(os.path.join(args.outdir, "az_AZ.freq"), "w", encoding="utf-8",
              newline="\n") as f:
        for w, c in fr:
            f.write("%s\t%d\n" % (w, c))
    # Hyphenated compounds of the orthographic dictionary and of the corpus:
    # the dehyphenator's evidence that a line-end hyphen is a real one.
    def compound(w):
        parts = w.split("-")
        return len(parts) >= 2 and all(len(p) >= 2 and p.isalpha() for p in parts)
    comps = sorted(set(w for w in ortho if compound(w)) |
                   set(w for w, c in freq.items() if c >= 3 and compound(w)))
    with open(os.path.join(args.outdir, "az_AZ.compounds"), "w", encoding="utf-8",
              newline="\n") as f:
        f.write("\n".join(comps) + "\n")
    print("gen_dic.py: %d entries (%d forbidden stripped forms), %d "
          "frequencies, %d compounds"
          % (len(entries), len(forbidden), len(fr), len(comps)),
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
