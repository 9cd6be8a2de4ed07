#!/usr/bin/env python3
"""learn-errors.py: learns tesseract's confusions from OCR text aligned with
its gold and writes the error table berpa's correct stage reads.

  learn-errors.py [--learn DIR ...] [--held DIR ...] [-o dict/az_AZ.errors]

Each DIR holds gold.txt and ocr.txt (../shared/corpus/dev/*).  The table is
learned from the --learn documents only; the --held documents are scored
(how many of their word errors the table can reach in one or two edits):
keep a fold apart and report its figures.

Alignment: line-end hyphens of the OCR are joined (the dehyphenator's job,
not a confusion), words are aligned with difflib, then the characters of
each pair of words that differ (1:1), and pairs of words that one side
split or merged (1:2, 2:1).  A run of differing characters is one
confusion, so rn->m and li->h come out as multi-character entries.

Output format (plain text, UTF-8, '#' comments, one entry a line):
  sub<TAB>OCR<TAB>GOLD<TAB>COUNT<TAB>COST
      the OCR read GOLD as OCR (either may be empty: an insertion or a
      deletion); COST = -ln P(OCR | GOLD), add-one smoothed over the times
      GOLD occurs in the learned gold words.
  split<TAB><TAB><TAB>COUNT<TAB>COST    one word read as two
  merge<TAB><TAB><TAB>COUNT<TAB>COST    two words read as one
  never<TAB><TAB>CHAR<TAB>COUNT<TAB>0   a character the gold holds COUNT times
      and the OCR never once: the model cannot output it.
Beside the learned entries, the Azerbaijani letters that differ from a
plain Latin letter only by a diacritic (ə a e, ı i, ş s, ç c, ğ g, ö o,
ü u, İ I) get a prior entry (count 0, smoothed cost) so that the dots and
cedillas OCR drops can always be restored, learned or not.
"""
import argparse, collections, difflib, math, os, re, sys, unicodedata

PRIORS = [("a", "ə"), ("e", "ə"), ("i", "ı"), ("ı", "i"), ("s", "ş"), ("c", "ç"),
          ("g", "ğ"), ("o", "ö"), ("u", "ü"), ("I", "İ"), ("A", "Ə"), ("E", "Ə"),
          ("S", "Ş"), ("C", "Ç"), ("O", "Ö"), ("U", "Ü"), ("i", "İ"), ("ə", "a"),
          ("ə", "e")]
NEVER = "jJ!;%«»'"
WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*", re.UNICODE)


def read(path):
    return unicodedata.normalize("NFC", open(path, encoding="utf-8").read())


def ocr_words(text):
    # join line-end hyphens (any dash-like character tesseract reads)
    text = re.sub(r"(\w)[-\u2010\u2014~=\u00ac]\s*\n\s*(\w)", r"\1\2", text)
    return text.split()


def strip(tok):
    m = WORD.search(tok)
    return m.group(0) if m else ""


def pairs(gold, ocr):
    """Yields (kind, gold_word, ocr_word) for aligned words that differ."""
    g, o = gold.split(), ocr_words(ocr)
    sm = difflib.SequenceMatcher(None, g, o, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            for t in g[i1:i2]:
                yield "same", t, t
            continue
        if op != "replace":
            continue
        gs, os_ = g[i1:i2], o[j1:j2]
        if len(gs) == len(os_):
            for a, b in zip(gs, os_):
                yield "word", a, b
        elif len(gs) == 1 and len(os_) == 2:
            yield "split", gs[0], " ".join(os_)
        elif len(gs) == 2 and len(os_) == 1:
            yield "merge", " ".join(gs), os_[0]


def confusions(a, b):
    """Character runs where gold word a and OCR word b differ: (ocr, gold)."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            yield b[j1:j2], a[i1:i2]


def plausible(a, b):
    """Is the pair a misreading rather than a misalignment?"""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sm.ratio() >= 0.6


def learn(dirs):
    sub = collections.Counter()
    grams = collections.Counter()   # how often each gold substring occurs
    split = merge = words = 0
    gold_chars, ocr_chars = collections.Counter(), collections.Counter()
    for d in dirs:
        gold, ocr = read(os.path.join(d, "gold.txt")), read(os.path.join(d, "ocr.txt"))
        gold_chars.update(gold)
        ocr_chars.update(ocr)
        for kind, a, b in pairs(gold, ocr):
            words += 1
            for n in (1, 2):
                grams.update(a[i:i + n] for i in range(len(a) - n + 1))
            grams[""] += len(a) + 1
            if kind == "split" and a.replace("-", "") == b.replace(" ", "").replace("-", ""):
                split += 1
            elif kind == "merge" and a.replace(" ", "") == b:
                merge += 1
            elif kind == "word" and plausible(a, b):
                for oc, gc in confusions(a, b):
                    if "-" in oc or "-" in gc or len(oc) > 3 or len(gc) > 3:
                        continue
                    sub[(oc, gc)] += 1
    never = {c: gold_chars[c] for c in NEVER if gold_chars[c] and not ocr_chars[c]}
    return sub, grams, split, merge, words, never


def cost(count, total):
    return -math.log((count + 0.5) / (total + 1.0))


def write(path, sub, grams, split, merge, words, never, sources):
    entries = {}
    for (oc, gc), n in sub.items():
        entries[(oc, gc)] = n
    for oc, gc in PRIORS:
        entries.setdefault((oc, gc), 0)
    with open(path, "w", encoding="utf-8") as f:
        f.write("# az_AZ.errors: tesseract aze confusions for berpa's correct stage.\n")
        f.write("# Generated by scripts/learn-errors.py from: %s. Do not edit.\n" % ", ".join(sources))
        f.write("# kind\tocr\tgold\tcount\tcost (= -ln P(ocr|gold)); see the script for the format.\n")
        for (oc, gc), n in sorted(entries.items(), key=lambda kv: (cost(kv[1], grams[kv[0][1]]), kv[0])):
            f.write("sub\t%s\t%s\t%d\t%.3f\n" % (oc, gc, n, cost(n, grams[gc])))
        f.write("split\t\t\t%d\t%.3f\n" % (split, cost(split, words)))
        f.write("merge\t\t\t%d\t%.3f\n" % (merge, cost(merge, words)))
        for c, n in sorted(never.items()):
            f.write("never\t\t%s\t%d\t0\n" % (c, n))


def reachable(a, b, table, depth=2):
    """Can gold a be reached from OCR b with at most `depth` table edits?"""
    frontier = {b}
    for _ in range(depth):
        nxt = set()
        for w in frontier:
            for i in range(len(w) + 1):
                for oc, gc in table:
                    if w.startswith(oc, i) and (oc or gc):
                        nxt.add(w[:i] + gc + w[i + len(oc):])
        if a in nxt:
            return True
        frontier = {w for w in nxt if len(w) <= len(a) + 2}
    return False


def score(dirs, sub):
    table = set(sub) | set(PRIORS)
    n = hit = 0
    for d in dirs:
        gold, ocr = read(os.path.join(d, "gold.txt")), read(os.path.join(d, "ocr.txt"))
        for kind, a, b in pairs(gold, ocr):
            if kind != "word":
                continue
            a, b = strip(a), strip(b)
            if not a or a == b or not plausible(a, b):
                continue
            n += 1
            hit += reachable(a, b, table)
        print("held %s: %d letter-level word errors, %d (%.1f%%) reachable in <= 2 table edits"
              % (os.path.basename(d.rstrip("/")), n, hit, 100.0 * hit / max(1, n)))
        n = hit = 0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    dev = os.path.join(here, "..", "..", "shared", "corpus", "dev")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--learn", nargs="+", default=[os.path.join(dev, d) for d in ("wiki", "law")])
    ap.add_argument("--held", nargs="*",
                    default=[os.path.join(dev, d) for d in ("seed-pages", "seed-pages-medium")])
    ap.add_argument("-o", "--output", default=os.path.join(here, "..", "dict", "az_AZ.errors"))
    a = ap.parse_args()
    for d in a.learn + a.held:
        if not os.path.isfile(os.path.join(d, "gold.txt")):
            print("learn-errors: %s has no gold.txt (is ../shared there?)" % d, file=sys.stderr)
            return 77
    sub, grams, split, merge, words, never = learn(a.learn)
    # a confusion seen once may be a misalignment: keep those seen twice
    sub = collections.Counter({k: v for k, v in sub.items() if v >= 2})
    names = [os.path.basename(d.rstrip("/")) for d in a.learn]
    write(a.output, sub, grams, split, merge, words, never, ["dev/" + n for n in names])
    print("learn-errors: %d confusions from %s -> %s" % (len(sub), ", ".join(names), a.output))
    score(a.held, sub)
    return 0


if __name__ == "__main__":
    sys.exit(main())
