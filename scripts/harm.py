#!/usr/bin/env python3
"""harm.py: what a correction did to a text, token by token, against its gold.

  harm.py GOLD BEFORE AFTER [--json] [--list N]

Aligns the gold tokens (whitespace-split, NFC, as ../shared/tools/score.py
does) with BEFORE (berpa --no-correct) and with AFTER (berpa): a gold token
is right in a text when it lies in an 'equal' run of the alignment.
Prints the tokens fixed (wrong before, right after), harmed (right before,
wrong after, the figure the 0.1% target bounds) and the tokens of BEFORE
that AFTER changed.  --list N prints N examples of each."""
import argparse, difflib, json, unicodedata


def toks(path):
    return unicodedata.normalize("NFC", open(path, encoding="utf-8", errors="replace").read()).split()


def right(gold, out):
    sm = difflib.SequenceMatcher(None, gold, out, autojunk=False)
    ok, where = set(), {}
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            ok.update(range(i1, i2))
        else:
            for i in range(i1, i2):
                where[i] = " ".join(out[j1:j2])
    return ok, where


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gold"); ap.add_argument("before"); ap.add_argument("after")
    ap.add_argument("--json", action="store_true"); ap.add_argument("--list", type=int, default=0)
    a = ap.parse_args()
    g, b, f = toks(a.gold), toks(a.before), toks(a.after)
    okb, wb = right(g, b)
    oka, wa = right(g, f)
    fixed = sorted(oka - okb)
    harmed = sorted(okb - oka)
    sm = difflib.SequenceMatcher(None, b, f, autojunk=False)
    changed = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")
    r = {"gold_tokens": len(g), "right_before": len(okb), "fixed": len(fixed),
         "harmed": len(harmed), "harm": round(len(harmed) / max(1, len(okb)), 5),
         "changed": changed, "changed_share": round(changed / max(1, len(b)), 5)}
    if a.json:
        print(json.dumps(r))
    else:
        print(" ".join("%s=%s" % kv for kv in r.items()))
    for name, idx, w in (("fixed", fixed, wb), ("harmed", harmed, wa)):
        for i in idx[:a.list]:
            print("%s: %s <- %s" % (name, g[i], w.get(i, g[i]) if name == "harmed" else wb.get(i)))


if __name__ == "__main__":
    main()
