"""Azerbaijani suffix morphology shared by gen_aff.py and gen_dic.py.

Python 3 standard library only.  Everything here is deterministic.

Suffix templates use these symbols (see ../shared/docs/AZERBAIJANI.md):

  A    two-way harmony vowel: a after a ı o u, ə after e ə i ö ü
  I    four-way harmony vowel: ı after a ı, i after e ə i, u after o u,
       ü after ö ü
  Q    harmonising final consonant: q after a back vowel, k after a front one
  (y)  buffer y, written only when the word so far ends in a vowel
  (n)  buffer n, written only after a vowel (gen./acc.: ananın, ananı);
       after a 3sg possessive / -kI ("state P") every case takes n
  (s)  buffer s, written only after a vowel
  (I)  a harmony vowel written only after a consonant

A *state* describes the end of a word for the purpose of attaching the next
suffix: (H, E) where H is the harmony class of its last vowel and E its ending:

  H: 'a' (a ı), 'e' (e ə i), 'o' (o u), 'ö' (ö ü)
  E: 'C' consonant, 'V' vowel, 'K' softenable k (k->y before a vowel),
     'Q' softenable q (q->ğ before a vowel), 'P' vowel after a 3sg possessive
     or -kI (takes the n buffer before case suffixes).
"""

VOWELS = "aıoueəiöü"
BACK = "aıou"
HARMONY_OF_VOWEL = {"a": "a", "ı": "a", "e": "e", "ə": "e", "i": "e",
                    "o": "o", "u": "o", "ö": "ö", "ü": "ö"}
TWO_WAY = {"a": "a", "e": "ə", "o": "a", "ö": "ə"}
FOUR_WAY = {"a": "ı", "e": "i", "o": "u", "ö": "ü"}
HARMONIES = ("a", "e", "o", "ö")
ENDINGS = ("C", "V", "K", "Q", "P")

# A representative word for every state: suffix strings are realised on it
# and turned into (strip, add) pairs.  Only its last vowel and its ending
# matter.
REPR_BASE = {"a": "bab", "e": "bəb", "o": "bob", "ö": "böb"}


def last_vowel(word):
    for ch in reversed(word):
        if ch in VOWELS:
            return ch
    return None


def harmony(word, default="e"):
    v = last_vowel(word.lower())
    return HARMONY_OF_VOWEL[v] if v else default


def representative(h, e):
    b = REPR_BASE[h]
    v = b[1]
    if e == "C":
        return b + v + "b"          # babab
    if e == "V":
        return b + v                # baba
    if e == "K":
        return b + v + "k"          # babak
    if e == "Q":
        return b + v + "q"          # babaq
    if e == "P":
        return b + v + "b" + FOUR_WAY[h]   # babab + ı  (after 3sg poss.)
    raise ValueError(e)


class Word:
    """A word being built: text plus the ending state of its last morpheme."""
    __slots__ = ("text", "soft", "pstate", "caus_t")

    def __init__(self, text, soft=False, pstate=False, caus_t=False):
        self.text = text
        self.soft = soft        # final k/q softens before a vowel
        self.pstate = pstate    # n-buffer state (after 3sg poss., -kI)
        self.caus_t = caus_t    # final t is the causative -t (t->d)

    def state(self):
        t = self.text
        h = harmony(t)
        c = t[-1]
        if c in VOWELS:
            return (h, "P" if self.pstate else "V")
        if c in "kq" and self.soft:
            return (h, "K" if c == "k" else "Q")
        return (h, "C")


def start(h, e):
    """A Word in state (h, e)."""
    return Word(representative(h, e), soft=e in "KQ", pstate=e == "P")


def attach(w, tmpl, soft_result=None, pstate_result=False, caus=False):
    """Attach one suffix template to Word w and return a new Word."""
    text = w.text
    ends_vowel = text[-1] in VOWELS
    out = []
    i = 0
    # optional leading buffers / vowels
    while tmpl.startswith("("):
        j = tmpl.index(")")
        buf = tmpl[1:j]
        tmpl = tmpl[j + 1:]
        if buf == "y" and ends_vowel:
            out.append("y")
        elif buf == "n" and ends_vowel:
            out.append("n")
        elif buf == "s" and ends_vowel:
            out.append("s")
        elif buf == "I" and not ends_vowel:
            out.append("I")
    s = "".join(out) + tmpl
    # realise harmony left to right
    res = []
    cur = text
    for ch in s:
        h = harmony(cur)
        if ch == "A":
            ch = TWO_WAY[h]
        elif ch == "I":
            ch = FOUR_WAY[h]
        elif ch == "Q":
            ch = "q" if h in ("a", "o") else "k"
        res.append(ch)
        cur = cur + ch
    suffix = "".join(res)
    if suffix and suffix[0] in VOWELS:
        if w.soft and text[-1] == "k":
            text = text[:-1] + "y"
        elif w.soft and text[-1] == "q":
            text = text[:-1] + "ğ"
        elif w.caus_t and text[-1] == "t":
            text = text[:-1] + "d"
    new = text + suffix
    if soft_result is None:
        soft_result = suffix[-1:] in ("k", "q") and len(suffix) >= 2
    return Word(new, soft=soft_result, pstate=pstate_result, caus_t=caus)


def chain(w, morphs):
    """Attach a sequence of morphemes.  Each item is a template string or a
    (template, options-dict) pair."""
    for m in morphs:
        if isinstance(m, tuple):
            w = attach(w, m[0], **m[1])
        else:
            w = attach(w, m)
    return w


# --------------------------------------------------------------------------
# Noun morphology
# --------------------------------------------------------------------------

PLURAL = "lAr"
# possessives after a consonant / vowel are handled by the (I), (s) buffers
POSSESSIVES = [("(I)m", False), ("(I)n", False), ("(s)I", True),
               ("(I)mIz", False), ("(I)nIz", False), ("lArI", True)]
POSS_AFTER_PLURAL = [("Im", False), ("In", False), ("I", True),
                     ("ImIz", False), ("InIz", False)]


def case_templates(pstate):
    """Case suffixes; after a 3sg possessive / -kI the n buffer appears."""
    if pstate:
        return [("nIn", "gen"), ("nI", "acc"), ("nA", "dat"), ("ndA", "loc"),
                ("ndAn", "abl"), ("(y)lA", "ins")]
    return [("(n)In", "gen"), ("(n)I", "acc"), ("(y)A", "dat"),
            ("dA", "loc"), ("dAn", "abl"), ("(y)lA", "ins")]


def fix_gen(w_before, tmpl):
    return tmpl


# Copula / personal predicative endings ("Cop"): after nouns, case forms and
# finite verb forms.  Each entry is a list of templates.
COPULA = [
    [], ["lAr"], ["dIr"], ["dIr", "lAr"], ["dIr", "lAr", "(y)sA"],
    ["(y)Am"], ["sAn"], ["(y)IQ"], ["sInIz"],
    ["(y)dI"], ["(y)dI", "m"], ["(y)dI", "n"], ["(y)dI", "Q"],
    ["(y)dI", "nIz"], ["(y)dI", "lAr"],
    ["(y)mIş"], ["(y)mIş", "dIr"],
    ["(y)sA"], ["(y)sA", "m"], ["(y)sA", "n"], ["(y)sA", "Q"],
    ["(y)sA", "nIz"],
    ["(y)kən"],   # -kən does not harmonise
]
COPULA_SHORT = [[], ["dIr"], ["dIr", "lAr"], ["(y)dI"], ["(y)dI", "lAr"],
                ["(y)sA"], ["(y)mIş"]]


def _apply_cop(w, cop):
    for t in cop:
        w = attach(w, t, soft_result=False)
    return w


def tail_words(h, e, copula=COPULA, copula_short=COPULA_SHORT, with_ki=True):
    """All words reachable from state (h, e) by the noun tail:
    [case] [-kI [lAr] [case]] [copula].  Returns list of Word (the bare state
    itself excluded)."""
    base = start(h, e)
    out = []
    cases = [(None, None)] + case_templates(e == "P")
    for tmpl, cname in cases:
        if tmpl is None:
            w1 = base
        else:
            w1 = attach(base, fix_gen(base, tmpl), soft_result=False)
        for cop in copula:
            out.append(_apply_cop(w1, cop))
        if tmpl is None:
            out.append(attach(w1, "cA", soft_result=False))  # fikrimcə
        if with_ki and cname in ("loc", "gen"):
            wk = attach(w1, "kI", soft_result=False, pstate_result=True)
            for cop in copula_short:
                out.append(_apply_cop(wk, cop))
            for pl in (False, True):
                wp = attach(wk, PLURAL, soft_result=False) if pl else wk
                if pl:
                    for cop in copula_short:
                        out.append(_apply_cop(wp, cop))
                for t2, c2 in case_templates(not pl):
                    w3 = attach(wp, fix_gen(wp, t2), soft_result=False)
                    for cop in copula_short:
                        out.append(_apply_cop(w3, cop))
    return [w for w in out if w.text != base.text]


def copula_words(h, e):
    base = start(h, e)
    out = [_apply_cop(base, c) for c in COPULA]
    return [w for w in out if w.text != base.text]


DERIVATIONS = [[], ["lI"], ["sIz"], ["lIQ"], ["çI"], ["sIz", "lIQ"],
               ["çI", "lIQ"], ["lI", "lIQ"]]


def noun_l1_words(h, e):
    """Level-1 noun chunks from a stem in state (h, e):
    [derivation] [plural] [possessive].  The bare stem is excluded.
    Also -cA (adverb: azərbaycanca) which continues only with the copula.
    Returns list of (Word, cont) with cont 'T' (noun tail) or 'P' (copula)."""
    base = start(h, e)
    out = []
    for der in DERIVATIONS:
        w0 = base
        for t in der:
            w0 = attach(w0, t)
        if der:
            out.append((w0, "T"))
        # plural
        wp = attach(w0, PLURAL, soft_result=False)
        out.append((wp, "T"))
        for t, p in POSS_AFTER_PLURAL:
            out.append((attach(wp, t, soft_result=False, pstate_result=p), "T"))
        for t, p in POSSESSIVES:
            out.append((attach(w0, t, soft_result=False, pstate_result=p), "T"))
    out.append((attach(base, "cA", soft_result=False), "P"))
    out.append((attach(base, "cAsInA", soft_result=False), None))
    # denominal verbs -lAş (become X), -lAşdIr (make X), -lAşdIrIl: the
    # common verb forms in one chunk (müasirləşdirən, qərbləşdirmək)
    for dv in (["lAş"], ["lAş", "dIr"], ["lAş", "dIr", "Il"]):
        wv = base
        for t in dv:
            wv = attach(wv, t, soft_result=False)
        for neg in (False, True):
            w = attach(wv, "mA", soft_result=False) if neg else wv
            out.append((attach(w, "mAQ"), "T"))
            wm = attach(w, "mA", soft_result=False)
            out.append((attach(wm, "(s)I", soft_result=False,
                               pstate_result=True), "T"))
            out.append((attach(wm, "lArI", soft_result=False,
                               pstate_result=True), "T"))
            out.append((attach(w, "(y)An"), "T"))
            out.append((attach(w, "(y)Ir", soft_result=False) if not neg
                        else attach(wv, "mIr", soft_result=False), "P"))
            out.append((attach(w, "mIş", soft_result=False), "P"))
            out.append((attach(w, "(y)Ib", soft_result=False), "P"))
            out.append((attach(w, "(y)AcAQ"), "P"))
            out.append((attach(w, "dI", soft_result=False), None))
            out.append((attach(attach(w, "dI", soft_result=False), "lAr",
                               soft_result=False), None))
            out.append((attach(w, "(y)ArAQ", soft_result=False), None))
            wd = attach(w, "dIQ")
            out.append((attach(wd, "(s)I", soft_result=False,
                               pstate_result=True), "T"))
        out.append((wv, None))
    return out


# --------------------------------------------------------------------------
# Verb morphology
# --------------------------------------------------------------------------

def voices(base):
    """(Word, name) for the voice forms of a verb stem Word."""
    t = base.text
    out = [(base, "")]
    if t[-1] in VOWELS:
        out.append((attach(base, "n", soft_result=False), "pass"))
        out.append((attach(base, "t", soft_result=False, caus=True), "caus"))
        out.append((attach(base, "dIl", soft_result=False), "causpass"))
    else:
        out.append((attach(base, "In" if t[-1] == "l" else "Il",
                           soft_result=False), "pass"))
        wc = attach(base, "dIr", soft_result=False)
        out.append((wc, "caus"))
        out.append((attach(wc, "Il", soft_result=False), "causpass"))
    return out


def verb_l1_words(h, e):
    """Level-1 verb chunks from a verb stem in state (h, e) (e is 'C' or
    'V'): voice, negation, tense/mood or non-finite form, with person
    endings or possessives.  Returns list of (Word, cont) where cont is None,
    'P' (copula/person endings follow), 'T' (noun tail follows)."""
    base = start(h, e)
    out = []

    def add(w, cont=None):
        out.append((w, cont))

    for vw, _ in voices(base):
        if vw is not base:
            add(vw)                      # imperative of the voice form
        for neg in (False, True):
            w = attach(vw, "mA", soft_result=False) if neg else vw
            if neg:
                add(w)                   # negative imperative: gəlmə
            # finite forms continuing with person endings (Cop)
            if neg:
                add(attach(vw, "mIr", soft_result=False), "P")
                add(attach(w, "mIş", soft_result=False), "P")
                add(attach(w, "(y)AcAQ"), "P")
                add(attach(vw, "mAz", soft_result=False), "P")
                add(attach(vw, "mArAm", soft_result=False))
                add(attach(vw, "mArIQ", soft_result=False))
                add(attach(w, "(y)Ib", soft_result=False), "P")
                add(attach(w, "mAlI", soft_result=False), "P")  # -mAmAlI
            else:
                add(attach(w, "mIş", soft_result=False), "P")
                add(attach(w, "(y)Ir", soft_result=False), "P")
                add(attach(w, "(y)AcAQ"), "P")
                add(attach(w, "(y)Ar", soft_result=False), "P")
                add(attach(w, "(y)Ib", soft_result=False), "P")
                add(attach(w, "mAlI", soft_result=False), "P")
            # past -dI and conditional -sA with person set 2
            for tm in ("dI", "sA"):
                wt = attach(w, tm, soft_result=False)
                add(wt)
                for p in ("m", "n", "Q", "nIz", "lAr"):
                    wp = attach(wt, p, soft_result=False)
                    add(wp)
                    if tm == "dI":
                        add(attach(wp, "sA", soft_result=False))
                if tm == "dI":
                    add(attach(wt, "(y)sA", soft_result=False))
            # optative
            for p in ("(y)Am", "(y)AsAn", "(y)A", "(y)AQ", "(y)AsInIz",
                      "(y)AlAr"):
                add(attach(w, p, soft_result=False))
            # imperative persons
            for p in ("sIn", "sInlAr", "(y)In", "(y)InIz", "(y)Im"):
                add(attach(w, p, soft_result=False))
            # adverbial forms
            for p in ("(y)ArAQ", "mAdAn", "(y)IncA", "dIQcA", "(y)Arkən",
                      "(y)AlI", "(y)AsI"):
                if neg and p == "mAdAn":
                    continue
                add(attach(w, p, soft_result=False))
            # non-finite forms that decline like nouns
            inf = attach(w, "mAQ")
            add(inf, "T")
            for nf in ("mA", "dIQ", "(y)AcAQ", "(y)An"):
                wn = attach(w, nf)
                if nf != "mA":
                    add(wn, "T")
                wp = attach(wn, PLURAL, soft_result=False)
                add(wp, "T")
                for t, p in POSS_AFTER_PLURAL:
                    add(attach(wp, t, soft_result=False, pstate_result=p), "T")
                for t, p in POSSESSIVES:
                    add(attach(wn, t, soft_result=False, pstate_result=p), "T")
                if nf == "mA":
                    # verbal noun + case without possessive: gəlməyə
                    add(wn, "T")
    return out


def to_affix(stem_text, word_text):
    """(strip, add) turning stem_text into word_text."""
    n = 0
    m = min(len(stem_text), len(word_text))
    while n < m and stem_text[n] == word_text[n]:
        n += 1
    return stem_text[n:], word_text[n:]


# --------------------------------------------------------------------------
# Numbers: harmony of the spoken last word
# --------------------------------------------------------------------------

DIGIT_WORDS = {"1": "bir", "2": "iki", "3": "üç", "4": "dörd", "5": "beş",
               "6": "altı", "7": "yeddi", "8": "səkkiz", "9": "doqquz"}
TENS_WORDS = {"1": "on", "2": "iyirmi", "3": "otuz", "4": "qırx",
              "5": "əlli", "6": "altmış", "7": "yetmiş", "8": "səksən",
              "9": "doxsan"}
BIG_WORDS = {"00": "yüz", "000": "min", "000000": "milyon",
             "000000000": "milyard"}


def spoken_state(word):
    """State (h, e) of a spoken word (bir -> ('e','C'), iki -> ('e','V'))."""
    h = harmony(word)
    return (h, "V" if word[-1] in VOWELS else "C")
