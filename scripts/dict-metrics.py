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
  precision  < 1% of diacritic-stripped / OCR-confused forms of the gold
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


def sx(w, s, stem=False):
    """w + suffix s, where A/I/Q in s harmonise with the vowel before them
    and, when stem is true, w takes its pre-vowel shape if s starts with a
    vowel or A/I."""
    if stem and s and (s[0] in VOWELS or s[0] in "AI"):
        w = soften(w)
    out = w
    for c in s:
        if c == "A":
            c = A(out)
        elif c == "I":
            c = I(out)
        elif c == "Q":
            c = "q" if A(out) == "a" else "k"
        out += c
    return out


def noun_forms(w):
    v = w[-1] in VOWELS
    out = []
    pl = sx(w, "lAr")
    poss = ["m", "n", "sI", "mIz", "nIz"] if v else \
        ["Im", "In", "I", "ImIz", "InIz"]
    ps = [sx(w, p, True) for p in poss]
    out += [pl] + ps
    cases = ["nIn", "nI", "yA", "dA", "dAn", "ylA"] if v else \
        ["In", "I", "A", "dA", "dAn", "lA"]
    cs = [sx(w, c, True) for c in cases]
    out += cs
    out += [sx(pl, c) for c in ("In", "I", "A", "dA", "dAn", "lA")]
    out += [sx(pl, p) for p in ("Im", "ImIz", "I")]
    p3 = ps[2]
    out += [sx(p3, c) for c in ("nIn", "nI", "nA", "ndA", "ndAn", "ylA")]
    p4 = ps[3]
    out += [sx(p4, c) for c in ("In", "I", "A", "dA", "dAn")]
    loc = cs[3]
    ki = sx(loc, "kI")
    out += [ki, sx(ki, "lAr"), sx(ki, "nI"), sx(ki, "lArdIr"), sx(loc, "dIr"),
            sx(w, "dIr"), sx(pl, "dIr"), sx(sx(pl, "ImIz"), "dAkIlArdIr")]
    return out


def verb_forms(w):
    v = w[-1] in VOWELS
    out = []
    past = sx(w, "dI")
    out += [past] + [sx(past, p) for p in ("m", "n", "Q", "nIz", "lAr")]
    out += [sx(w, "mIş"), sx(w, "mIşdIr"), sx(w, "mIşdI")]
    pres = sx(w, "yIr" if v else "Ir", True)
    out += [pres] + [sx(pres, p) for p in ("Am", "sAn", "IQ", "sInIz", "lAr",
                                           "dI", "dIm")]
    fut = sx(w, "yAcAQ" if v else "AcAQ", True)
    out += [fut, sx(fut, "sAn"), sx(fut, "lAr"), sx(fut, "dI"),
            sx(w, ("yAcA" if v else "AcA") + ("ğAm" if A(w) == "a"
                                               else "yAm"), True)]
    aor = sx(w, "yAr" if v else "Ar", True)
    out += [aor, sx(aor, "lAr"), sx(aor, "dI")]
    neg = sx(w, "mA")
    out += [neg, sx(neg, "z"), sx(neg, "zlAr"), sx(neg, "dI"),
            sx(neg, "dIlAr"), sx(neg, "yIb"), sx(w, "mIr"), sx(w, "mIrlAr"),
            sx(neg, "yAcAQ"), sx(neg, "mIş"), sx(neg, "sA")]
    out += [sx(w, "sA"), sx(w, "sAm"), sx(w, "sAQ"), sx(w, "mAlI"),
            sx(w, "mAlIdIr"), sx(w, "mAQ"),
            sx(w, "mA" + ("ğA" if A(w) == "a" else "yA")),
            sx(w, "mAsI"), sx(w, "mAsInA"), sx(w, "mAsInI")]
    ptc = sx(w, "yAn" if v else "An", True)
    out += [ptc, sx(ptc, "lAr"), sx(ptc, "lArIn"), sx(ptc, "dA")]
    dik = sx(w, "dI" + ("ğ" if A(sx(w, "dI")) == "a" else "y"))
    out += [sx(dik, "I"), sx(dik, "ImIz"), sx(dik, "InA"), sx(dik, "IndAn"),
            sx(w, "dIQdA")]
    out += [sx(w, "yIb" if v else "Ib", True),
            sx(w, "yArAQ" if v else "ArAQ", True),
            sx(w, "mAdAn"), sx(w, "sIn"), sx(w, "sInlAr")]
    return out


# Common stems of every class.  Harmony class = last vowel; k/q stems soften.
NOUN_CLASSES = {
    "noun, consonant, a/ı": """kitab qardaş dağ bazar qadın vaxt ad insan
        axşam bayram dastan hal qanun mal sahib şair xan adam aslan dam daş
        qan qış qız saat şam yaz yay at baş bağ qar zaman zavod ağac palıd
        çay qaz qazan xalq ustad divar hasar qanad həyat vətəndaş plan park
        kanal saray məqam hesab cavab sual qalib kağız""",
    "noun, consonant, e/ə/i": """ev kənd şəhər dil əl el iş il diş dəmir
        dəniz müəllim nəfər səs şeir vəzir xəbər zəng əsər bədən beş dərs
        dəftər gəlin həkim hərf kəmər mətn mədən nəsr rəng sərhəd təbiət yer
        zəfər dövlət millət cəmiyyət şirkət səbəb mərkəz tədbir nəzər
        hərəkət xidmət tələb əsgər sənət qələm dəvət şəxs elm dəyər
        mədəniyyət""",
    "noun, consonant, o/u": """yol qul oyun bulud boy dost quş ox od ot
        qoşun qum yun kol toy top zor xoruz fond doktor professor motor xor
        ulus son qoç tor qrup klub məhsul məktub sükut nüfuz qüsur vücud
        məzmun sübut hücum usul ruh nur futbol avtobus ton kod rol fon qurd
        buz duz toz qol""",
    "noun, consonant, ö/ü": """göz gül söz üz köç növ dövr göl göy gün süd
        türk üzv yük zülm üzüm öküz sünbül kök tük kürk üst üç dörd ölüm
        gümüş güc küp düyün bülbül gündüz tütün köşk mülk hökm müşkül möhür
        köz kömür zövq şövq gülüş görüş dönüş öz ün cüt sürgün büst çöl yüz
        bürc özül öyüd dözüm gücsüz""",
    "noun, vowel-final": """ana ata baba bala nənə dayı xala qapı ölkə dəvə
        alma arı ayı dərə gecə heyva lalə masa oda qayda qəhvə xəritə yuva
        zona kino radio studiya kafe kafedra ailə dəstə hissə nəticə sahə
        idarə mərhələ mövzu dünya ordu sürü körpü quzu qonşu oğru xalça hava
        dalğa şüşə küçə bölgə qüvvə cümlə bölmə gəmi kişi tələbə hekayə
        pəncərə tərcümə nümunə növbə""",
    "noun, k->y": """çiçək ürək kürək ördək köynək bilək çörək kəpənək əmək
        ipək ətək dirək ərik ələk örtük bəzək külək gərək yemək yelək kötük
        döşək bölük dilək böyrək mələk kələk şimşək çəllək yüksək kiçik böyük
        dərnək gözəllik birlik yenilik genişlik təhlükəsizlik həmrəylik
        müstəqillik bərabərlik dəyişiklik çətinlik üstünlük böyüklük dəlik
        bilik ləçək gələcək böcək kəpək hündürlük dərinlik gənclik
        mükəmməllik""",
    "noun, q->ğ": """uşaq ayaq bayraq qonaq dodaq yarpaq bıçaq qulaq torpaq
        otaq yataq dayaq bulaq sınaq ocaq daraq çıraq papaq qaşıq budaq
        dustaq sancaq yaylaq qışlaq bucaq dırnaq qabaq qucaq dayanacaq yanaq
        balıq yaxşılıq azadlıq qardaşlıq sağlamlıq dostluq yoldaşlıq rahatlıq
        varlıq yoxluq bolluq çoxluq azlıq uzunluq soyuq quyruq toyuq qatıq
        çubuq qaymaq barmaq yumruq""",
}
VERB_CLASSES = {
    "verb, consonant, back": """al yaz bax qal sat tap qaç çıx yat sal qur
        dur vur tut qov yarat qazan qayıt danış çalış qorx doğ soruş yığ
        axtar anlat aç qaz qalx qarış qat sar san say sıx tanış toxun çal
        dayan oyan otur qoş doy boğ yorul qurtar çağır uç at as sus
        duy qurul""",
    "verb, consonant, front": """gəl gör ver bil düş iç bit düşün keç gəz
        çək kəs tök sür öyrən göndər sev əz bük ölç böl öl sil tik sök çevir
        gətir itir bitir dəyiş seç eşit yetiş gül döz dön döy geyin süpür
        dəy gir min ək bişir öp süz tərpən işlət yüksəl bəyən göstər
        dəyişdir yetir öyrət sevin düzəlt isin""",
    "verb, vowel-final": """oxu de ye yaşa başla işlə gözlə bağla saxla
        dinlə yoxla anla ağla qoru sına izlə topla hesabla təmizlə dəstəklə
        sula ara gizlə qına istə ödə oyna söylə bəslə ütülə dişlə hazırla
        qarşıla xatırla daşı dilə ələ bəzə boya yama tanı oxşa qapa qucaqla
        bağışla danla yüklə titrə inlə dinlə yuxula
        qoxula gülümsə""",
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

TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*\.?")
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
            text = f.read()
        for m in TOKEN_RE.finditer(text):
            t = m.group(0)
            # word tokens only: numbers (and number+suffix) aside, and a
            # suffix glued to a closing quote («Türk ocağı»nın) belongs to
            # the quoted word
            if any(c.isdigit() for c in t) or "_" in t:
                continue
            if m.start() > 0 and text[m.start() - 1] in "»\"”’)]":
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


def accepted(h, t):
    """Like a spell checker: an abbreviation may keep its full stop."""
    if t.endswith("."):
        return h.ok(t[:-1]) or h.ok(t)
    return h.ok(t)


def coverage(h, toks, verbose):
    bad = [t for t in toks if not accepted(h, t)]
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
    for t in sorted(set(t.rstrip(".") for t in toks)):
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
          "= %.2f%% (target < 1%%)" % (len(acc), len(forms), 100 * rate))
    if verbose:
        print("  accepted:", " ".join(acc[:120]))
    return rate < 0.01, sorted(forms)


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
        words = [t.rstrip(".") for t in toks]
    else:
        print("coverage, precision: skipped (%s/corpus not found)" % a.shared)
    if not a.no_bench:
        if not words:
            # no gold texts: a running-text-like sample, the 20,000 most
            # frequent words of the frequency list, each repeated in
            # proportion to its frequency (Zipf), in a fixed shuffled order
            import random
            _, freq = lexicon_words(a.data)
            top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:20000]
            scale = max(1, top[-1][1])
            for w, c in top:
                words += [w] * max(1, min(50, c // scale))
            random.Random(1).shuffle(words)
            print("bench: no gold texts; using %d tokens sampled from the "
                  "frequency list" % len(words))
        ok &= bench(prefix, words, a.verbose)
    ok &= sizes(prefix)
    print("dict-metrics: %s" % ("all targets met" if ok else
                                "TARGETS MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
