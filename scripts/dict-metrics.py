#!/usr/bin/env python3
"""Measure berpa's Azerbaijani Hunspell dictionary against its targets.

Usage:
  scripts/dict-metrics.py [--dict PREFIX] [--shared DIR] [--paradigm-only]
                          [--no-bench] [--verbose]

PREFIX is the dictionary without extension (default: build/dict/az_AZ or
$BERPA_DICT_DIR/az_AZ).  DIR is the shared folder (default: ../shared next to
the repository); the gold-text measurements are skipped, saying so, when it
is absent.  Exit status: 0 when every measured target is met, 1 otherwise,
2 on usage errors.

Targets (see dict/README.md):
  coverage   >= 98% of the word tokens of the gold texts accepted
  paradigm   >= 1,000 inflected forms of >= 50 common stems of every class,
             all accepted (the forms come from the small morphology below,
             written independently of dict/azmorph.py, so they test the .aff)
  precision  <= 3% of diacritic-stripped / OCR-confused forms of the gold
             tokens accepted (forms that are words of the lexicon lists are
             not counted)
  load time  < 0.5 s; spell speed >= 500,000 words/s; files < 15 MB
"""
import argparse
import ctypes
import ctypes.util
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# --------------------------------------------------------------------------
# Hunspell through ctypes


class Hunspell:
    def __init__(self, prefix):
        name = ctypes.util.find_library("hunspell-1.7") or \
            ctypes.util.find_library("hunspell") or "libhunspell-1.7.so.0"
        self.lib = ctypes.CDLL(name)
        self.lib.Hunspell_create.restype = ctypes.c_void_p
        self.lib.Hunspell_create.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        self.lib.Hunspell_spell.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        self.lib.Hunspell_destroy.argtypes = [ctypes.c_void_p]
        self.h = self.lib.Hunspell_create((prefix + ".aff").encode(),
                                          (prefix + ".dic").encode())

    def ok(self, word):
        return self.lib.Hunspell_spell(self.h, word.encode("utf-8")) != 0


def lower(s):
    return s.replace("I", "ı").replace("İ", "i").lower()


# --------------------------------------------------------------------------
# An independent, word-level model of Azerbaijani inflection for the
# paradigm test.  Deliberately simple: it spells out whole words.

VOWELS = "aıoueəiöü"


def lastv(w):
    for c in reversed(w):
        if c in VOWELS:
            return c
    return "e"


def A(w):
    return "a" if lastv(w) in "aıou" else "ə"


def I(w):
    return {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i",
            "i": "i", "ö": "ü", "ü": "ü"}[lastv(w)]


def soften(w):
    """Stem before a vowel-initial suffix (k->y, q->ğ, vowel drop, et->ed)."""
    return SOFT.get(w, w)


SOFT = {}


def vowel_suffix(w, s):
    return soften(w) + s


def noun_forms(w):
    v = w[-1] in VOWELS
    out = []
    pl = w + "l" + A(w) + "r"
    out.append(pl)
    i = I(w)
    # possessives
    if v:
        p1, p2, p3 = w + "m", w + "n", w + "s" + i
        p4, p5 = w + "m" + i + "z", w + "n" + i + "z"
    else:
        p1 = vowel_suffix(w, i + "m")
        p2 = vowel_suffix(w, i + "n")
        p3 = vowel_suffix(w, i)
        p4 = vowel_suffix(w, i + "m" + i + "z")
        p5 = vowel_suffix(w, i + "n" + i + "z")
    out += [p1, p2, p3, p4, p5]
    # cases
    if v:
        gen, acc, dat = w + "n" + i + "n", w + "n" + i, w + "y" + A(w)
        ins = w + "yl" + A(w)
    else:
        gen = vowel_suffix(w, i + "n")
        acc = vowel_suffix(w, i)
        dat = vowel_suffix(w, A(w))
        ins = w + "l" + A(w)
    loc, abl = w + "d" + A(w), w + "d" + A(w) + "n"
    out += [gen, acc, dat, loc, abl, ins]
    # plural + cases
    a2 = A(pl)
    out += [pl + "ın" if a2 == "a" else pl + "in",
            pl + ("ı" if a2 == "a" else "i"), pl + a2,
            pl + "d" + a2, pl + "d" + a2 + "n"]
    # 3sg possessive + n-buffer cases
    a3 = A(p3)
    out += [p3 + "n" + I(p3) + "n", p3 + "n" + a3, p3 + "nd" + a3,
            p3 + "nd" + a3 + "n", p3 + "n" + I(p3)]
    # possessive 1pl + cases
    out += [p4 + "d" + A(p4), p4 + "d" + A(p4) + "n", p4 + I(p4)]
    # -kI, copula
    ki = loc + "k" + I(loc)
    out += [ki, ki + "l" + A(ki) + "r", loc + "d" + I(loc) + "r",
            w + "d" + I(w) + "r", pl + "d" + I(pl) + "r",
            ki + "l" + A(ki) + "r" + "d" + I(ki + "la") + "r"]
    # plural + possessive 1pl + locative + ki (kitablarımızdakı)
    p = pl + I(pl) + "m" + I(pl) + "z"
    out.append(p + "d" + A(p) + "k" + I(p + "da" if A(p) == "a" else p + "də"))
    return out


def verb_forms(w):
    v = w[-1] in VOWELS
    a, i = A(w), I(w)
    neg = w + "m" + a
    out = []
    out.append(w + "d" + i)                       # past
    out += [w + "d" + i + s for s in ("m", "n", "nız" if i == "ı" else
                                      "n" + i + "z", "l" + a + "r")]
    out.append(w + "m" + i + "ş")                  # evidential
    out.append(w + "m" + i + "şd" + i + "r")
    pres = (w + "y" + i + "r") if v else vowel_suffix(w, i + "r")
    out += [pres, pres + a + "m", pres + "s" + a + "n", pres + i + ("q" if a == "a" else "k"),
            pres + "l" + a + "r", pres + "d" + i]
    fut = (w + "y" + a + "c" + a) if v else vowel_suffix(w, a + "c" + a)
    futq = fut + ("q" if a == "a" else "k")
    out += [futq, fut + ("ğ" if a == "a" else "y") + a + "m",
            futq + "s" + a + "n", futq + "l" + a + "r"]
    aor = (w + "y" + a + "r") if v else vowel_suffix(w, a + "r")
    out += [aor, neg + "z", neg + "d" + i, neg + "y" + i + "b",
            w + "m" + i + "r", neg + "y" + a + "c" + a + ("q" if a == "a" else "k")]
    out += [w + "s" + a, w + "s" + a + "m", w + "m" + a + "l" + i,
            w + "m" + a + "l" + i + "d" + i + "r"]
    out += [w + "m" + a + ("q" if a == "a" else "k"),
            w + "m" + a + ("ğ" if a == "a" else "y") + a,
            w + "m" + a + "s" + i, w + "m" + a + "s" + i + "n" + a]
    ptc = (w + "y" + a + "n") if v else vowel_suffix(w, a + "n")
    out += [ptc, ptc + "l" + a + "r", ptc + "d" + a]
    dik = w + "d" + i + ("ğ" if a == "a" else "y")
    out += [dik + i, dik + i + "m" + i + "z", dik + i + "n" + a,
            w + "d" + i + ("q" if a == "a" else "k") + "d" + a]
    out += [(w + "y" + i + "b") if v else vowel_suffix(w, i + "b"),
            (w + "y" + a + "r" + a + ("q" if a == "a" else "k")) if v
            else vowel_suffix(w, a + "r" + a + ("q" if a == "a" else "k")),
            w + "m" + a + "d" + a + "n", w + "s" + i + "n"]
    return out


# Common stems of every class.  Harmony class = last vowel; k/q stems soften.
NOUN_CLASSES = {
    "noun, consonant, a/ı": """kitab qardaş dağ bazar qadın xalq vaxt yazıçı
        ad torpaq insan axşam bayram dastan hal hərbi qanun mal sahib şair xan
        qala dövlət vətən sual cavab
        adam aslan balıq dam dost daş qan qapı qış qız saat şam yaz yaxın
        yay at baş bağ qar sap tarla tavan xalça zaman zavod alma ağac
        palıd çay sap qaz qazan""",
    "noun, consonant, e/ə/i": """ev kənd şəhər dil əl el iş il gün diş
        dəmir dəniz fikir gəmi kəlmə kişi müəllim nəfər səs şeir tələbə vəzir
        xəbər xəstə zəng hədiyyə həyat əsər ehtiyac hekayə
        bədən beş dərs dəftər ərz fəsil gəlin həkim hərf kəmər mətn mədən
        nəsr pəncərə rəng sərhəd şəkil təbiət tərcümə vətəndaş yer zəfər
        ilk""",
    "noun, consonant, o/u": """yol qul qonşu oyun bulud boy dost durum
        ordu orman forma tut quş su ox od ot oğru oyunçu okean orden
        qoşun qum yun kol çox toy sual mühit top bolluq zor nöqtə xoruz
        muzey fond konsert komitə doktor professor jurnal turist konfrans
        mesaj motor xor mövzu mətbuat ulus""",
    "noun, consonant, ö/ü": """göz gül söz üz düz köhnə köç bölgə dünya
        düşmən qüvvə sürü ömür gücü küçə güzgü üzüm ün öküz növ böhran
        bölüm büro dövr dövrə düyü dürüst göl göy gün müdür nüsxə sünbül
        süd şüşə tüfəng türk üzv yük zülm məktəb dəvə bölmə cümlə
        mükafat tüstü hüquq üsul ölkə""",
    "noun, vowel-final": """ana ata baba bala kərpic nənə dayı xala qapı
        ölkə dəvə alma armud arı ayı dərə gecə günə heyva kəsə kürə lalə
        masa nağıl oda otaq pambıq qayda qəhvə sənə tarix ulduz xəritə yuva
        zona kino radio studiya kafe kafedra alim gözəl ailə dəstə hissə
        nəticə qəzet sahə dərə şirkət idarə mərhələ paytaxt""",
    "noun, k->y": """çiçək ürək kürək ördək köynək bilək çörək kəpənək
        əmək ipək ətək dirək tikiş bələk dəmirçilik ərik əskik ələk örtük
        bəzək külək bəbək çəkmə gərək yemək ürəkli yelək kötük döşək
        tüfəng bölük büdcə dilək ümid böyrək çəkic gəlinlik tük ələkçi
        sütək çıraq ölçü körpü keçi tikə yük ərik mələk""",
    "noun, q->ğ": """uşaq ayaq bayraq qonaq dodaq yarpaq bıçaq qulaq
        torpaq otaq yataq boşqab qazanc dayaq oymaq bulaq sınaq ocaq daraq
        qanad çıraq papaq qaşıq qundaq yanaq budaq dustaq qırmaq sancaq
        sazaq yaylaq qışlaq oylaq bucaq dırnaq tabaq qabaq ayaqqabı tornaq
        qucaq duraq yumaq qovaq çanaq dayanacaq yaraq qaytarmaq sayaq
        tayaq xalq""",
}
VERB_CLASSES = {
    "verb, consonant, back": """al yaz bax qal sat tap qaç çıx yat sal
        qur dur vur tut oxut qoru sor qov bağla başla yoxla saxla yarat
        qazan qayıt danış çalış qorx doğ soruş yığ axtar anlat aç qab qaz
        qalx qarış qat sar san say sıx tanış toxun xatırlat çal dayan
        oyan otur""",
    "verb, consonant, front": """gəl gör ver bil düş et get iç bit düşün
        keç gez çək kəs tök sür öyrən göndər dinlə işlə gözlə bəslə sev
        əz bük ölç böl öl sil tik sök yüklə çevir gətir itir bitir
        dəyiş seç sez eşit yetiş gülüm gül döz dön döy dik dil geyin
        süpür""",
    "verb, vowel-final": """oxu de ye yaşa başla işlə gözlə soruşdu
        bağla saxla dinlə yoxla anla ağla qoru sına dilə izlə ələ dinə
        boya süzgəclə ovxala dəstəklə təmizlə gücləndirə bezə tələsə
        ütülə ölçülə hesabla topla sayla axtara ağarda quru sula bələ
        yığışdıra qazana ara gizlə yuxula əkə qına çağıra yağla yuyula
        pisə""",
}


def prepare_soft():
    # stems whose shape changes before a vowel
    for c, stems in NOUN_CLASSES.items():
        for w in stems.split():
            if len([x for x in w if x in VOWELS]) >= 2:
                if w.endswith("k"):
                    SOFT[w] = w[:-1] + "y"
                elif w.endswith("q"):
                    SOFT[w] = w[:-1] + "ğ"
    SOFT.update({"fikir": "fikr", "şəkil": "şəkl", "fəsil": "fəsl",
                 "ömür": "ömr", "et": "ed", "get": "ged", "oğul": "oğl",
                 "burun": "burn", "ağız": "ağz"})


def clean_classes():
    """Keep each class to stems that really belong to it."""
    out = {}
    for name, stems in NOUN_CLASSES.items():
        ws = []
        for w in dict.fromkeys(stems.split()):
            lv = lastv(w)
            nv = len([x for x in w if x in VOWELS])
            if "k->y" in name:
                ok = w.endswith("k") and nv >= 2
            elif "q->ğ" in name:
                ok = w.endswith("q") and nv >= 2
            elif "vowel-final" in name:
                ok = w[-1] in VOWELS
            else:
                ok = w[-1] not in VOWELS and not (w[-1] in "kq" and nv >= 2)
                if "a/ı" in name:
                    ok = ok and lv in "aı"
                elif "e/ə/i" in name:
                    ok = ok and lv in "eəi"
                elif "o/u" in name:
                    ok = ok and lv in "ou"
                else:
                    ok = ok and lv in "öü"
            if ok:
                ws.append(w)
        out[name] = ("noun", ws)
    for name, stems in VERB_CLASSES.items():
        ws = []
        for w in dict.fromkeys(stems.split()):
            if "vowel" in name:
                ok = w[-1] in VOWELS
            elif "back" in name:
                ok = w[-1] not in VOWELS and lastv(w) in "aıou"
            else:
                ok = w[-1] not in VOWELS and lastv(w) in "eəiöü"
            if ok:
                ws.append(w)
        out[name] = ("verb", ws)
    return out


SPECIAL = {  # irregular stems, listed in the report (not a class of 50)
    "vowel drop": (["oğul", "burun", "ağız", "şəkil", "fikir", "ömür",
                    "fəsil"], "noun"),
    "t->d (et-, get-)": (["et", "get"], "verb"),
}


def paradigm(h, verbose=False):
    prepare_soft()
    classes = clean_classes()
    ok_all = True
    rows = []
    for name, (kind, stems) in sorted(classes.items()):
        gen = noun_forms if kind == "noun" else verb_forms
        good_stems = [w for w in stems if h.ok(w)]
        forms = []
        for w in good_stems[:60]:
            forms += [f for f in gen(w) if f != w]
        forms = list(dict.fromkeys(forms))
        bad = [f for f in forms if not h.ok(f)]
        passed = len(good_stems) >= 50 and len(forms) >= 1000 and not bad
        ok_all &= passed
        rows.append((name, len(good_stems), len(forms), len(bad), passed))
        if bad and verbose:
            print("   rejected in %s: %s" % (name, " ".join(bad[:40])))
        if len(good_stems) < 50 and verbose:
            print("   stems not in dictionary: %s" % " ".join(
                w for w in stems if not h.ok(w)))
    for name, (stems, kind) in SPECIAL.items():
        gen = noun_forms if kind == "noun" else verb_forms
        forms = list(dict.fromkeys(f for w in stems for f in gen(w)
                                   if f != w))
        bad = [f for f in forms if not h.ok(f)]
        ok_all &= not bad
        rows.append((name, len(stems), len(forms), len(bad), not bad))
        if bad and verbose:
            print("   rejected in %s: %s" % (name, " ".join(bad[:40])))
    print("paradigm test (class: stems, forms, rejected):")
    tot = 0
    for name, ns, nf, nb, p in rows:
        tot += nf
        print("  %-28s %3d stems %5d forms %4d rejected  %s"
              % (name, ns, nf, nb, "ok" if p else "FAIL"))
    print("  total %d forms: %s" % (tot, "PASS" if ok_all else "FAIL"))
    return ok_all


# --------------------------------------------------------------------------
# gold-text measurements

TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*")
CONF = {"ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o",
        "ü": "u", "j": "i", "Ə": "E", "Ş": "S", "Ç": "C", "Ğ": "G",
        "Ö": "O", "Ü": "U", "J": "I"}


def gold_tokens(shared):
    files = sorted(glob.glob(os.path.join(shared, "corpus", "*", "gold.txt"))
                   + glob.glob(os.path.join(shared, "corpus", "dev", "*",
                                            "gold.txt")))
    toks = []
    for fn in files:
        with open(fn, encoding="utf-8") as f:
            for t in TOKEN_RE.findall(f.read()):
                # word tokens only: numbers (and number+suffix) aside
                if any(c.isdigit() for c in t) or "_" in t:
                    continue
                if any(c.isalpha() for c in t):
                    toks.append(t)
    return files, toks


def lexicon_words(datadir):
    real = set()
    for fn in ("orthography-2021/lemmas-2021.txt",
               "orthography-2021/additional-lemmas.txt"):
        with open(os.path.join(datadir, fn), encoding="utf-8") as f:
            real.update(lower(l.strip()) for l in f)
    with open(os.path.join(datadir, "az-lang-nlp/dict_pos_lemmas.txt"),
              encoding="utf-8") as f:
        real.update(lower(l.strip()[1:]) for l in f)
    freq = {}
    with open(os.path.join(datadir, "az-lang-nlp/spell_freq.txt"),
              encoding="utf-8") as f:
        for l in f:
            p = l.split()
            if len(p) == 2 and p[1].isdigit():
                freq[p[0]] = int(p[1])
    return real, freq


def coverage(h, toks, verbose):
    bad = [t for t in toks if not h.ok(t)]
    cov = 1 - len(bad) / max(1, len(toks))
    print("coverage: %d of %d word tokens accepted = %.2f%% (target >= 98%%)"
          % (len(toks) - len(bad), len(toks), 100 * cov))
    if verbose:
        from collections import Counter
        print("  most frequent rejected:", ", ".join(
            "%s(%d)" % kv for kv in Counter(bad).most_common(60)))
    return cov >= 0.98


def precision(h, toks, datadir, verbose):
    real, freq = lexicon_words(datadir)
    forms = set()
    for t in sorted(set(toks)):
        pos = [i for i, c in enumerate(t) if c in CONF]
        if not pos:
            continue
        cands = {"".join(CONF.get(c, c) for c in t)}
        for i in pos:
            cands.add(t[:i] + CONF[t[i]] + t[i + 1:])
        tf = freq.get(lower(t), 0)
        for c in cands:
            lc = lower(c)
            if lc in real:
                continue
            # a word of the frequency list counts as real unless it is far
            # rarer than the spelling it was confused from
            if lc in freq and freq[lc] * 10 >= tf:
                continue
            forms.add(c)
    acc = sorted(f for f in forms if h.ok(f))
    rate = len(acc) / max(1, len(forms))
    print("precision: %d of %d stripped/OCR-confused non-word forms accepted "
          "= %.2f%% (target <= 3%%)" % (len(acc), len(forms), 100 * rate))
    if verbose:
        print("  accepted:", " ".join(acc[:120]))
    return rate <= 0.03, sorted(forms)


def bench(prefix, words, verbose):
    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc:
        print("bench: no C compiler, skipped")
        return True
    src = os.path.join(REPO, "scripts", "dict-bench.c")
    tmp = tempfile.mkdtemp(prefix="berpa-bench-")
    try:
        exe = os.path.join(tmp, "dict-bench")
        flags = subprocess.run(["pkg-config", "--cflags", "--libs",
                                "hunspell"], capture_output=True, text=True)
        fl = flags.stdout.split() if flags.returncode == 0 else \
            ["-lhunspell-1.7"]
        subprocess.run([cc, "-O2", "-o", exe, src] + fl, check=True)
        wf = os.path.join(tmp, "words.txt")
        with open(wf, "w", encoding="utf-8") as f:
            f.write("\n".join(words) + "\n")
        loads = []
        wps = 0.0
        for _ in range(3):
            r = subprocess.run([exe, prefix, wf, "1.0"], capture_output=True,
                               text=True, check=True)
            kv = dict(x.split("=") for x in r.stdout.split())
            loads.append(float(kv["load_s"]))
            wps = max(wps, float(kv["spell_wps"]))
        load = min(loads)
        print("load time: %.3f s (target < 0.5 s)" % load)
        print("spell speed: %.0f words/s over %d words (target >= 500,000)"
              % (wps, len(words)))
        return load < 0.5 and wps >= 500000
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def sizes(prefix):
    total = 0
    for ext in (".aff", ".dic", ".freq"):
        p = prefix + ext
        if os.path.exists(p):
            s = os.path.getsize(p)
            total += s
            print("size: %s %.2f MB" % (os.path.basename(p), s / 1e6))
    ok = all(os.path.getsize(prefix + e) < 15e6 for e in (".aff", ".dic")
             if os.path.exists(prefix + e))
    print("size: total %.2f MB (target: each file < 15 MB)" % (total / 1e6))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dict")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(REPO),
                                                     "shared"))
    ap.add_argument("--data", default=os.path.join(REPO, "dict", "data"))
    ap.add_argument("--paradigm-only", action="store_true")
    ap.add_argument("--no-bench", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    prefix = a.dict
    if not prefix:
        d = os.environ.get("BERPA_DICT_DIR") or os.path.join(REPO, "build",
                                                             "dict")
        prefix = os.path.join(d, "az_AZ")
    if prefix.endswith(".dic") or prefix.endswith(".aff"):
        prefix = prefix[:-4]
    if not os.path.exists(prefix + ".dic"):
        print("dict-metrics: %s.dic not found (build target berpa_dict)"
              % prefix, file=sys.stderr)
        return 2
    h = Hunspell(prefix)
    ok = paradigm(h, a.verbose)
    if a.paradigm_only:
        return 0 if ok else 1
    words = []
    if os.path.isdir(os.path.join(a.shared, "corpus")):
        files, toks = gold_tokens(a.shared)
        print("gold texts: %d files under %s" % (len(files), a.shared))
        ok &= coverage(h, toks, a.verbose)
        pok, forms = precision(h, toks, a.data, a.verbose)
        ok &= pok
        words = toks + forms
    else:
        print("coverage, precision: skipped (%s/corpus not found)" % a.shared)
    if not a.no_bench:
        if not words:
            prepare_soft()
            for name, (kind, stems) in clean_classes().items():
                gen = noun_forms if kind == "noun" else verb_forms
                for w in stems:
                    words += gen(w)
        ok &= bench(prefix, words, a.verbose)
    ok &= sizes(prefix)
    print("dict-metrics: %s" % ("all targets met" if ok else
                                "TARGETS MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
