/*
 * ocralt.c: correction candidates from the readings tesseract itself
 * offered.  For a word recognised from an image, the LSTM kept per
 * character its other readings with their confidences (bp_word.alts).  A
 * form with one or two of those readings put in is a candidate the
 * corrector ranks with its error model's (correct.c): cheap when tesseract
 * hesitated, and still only taken when the lexicon or the document knows
 * it.  The cost is the reading's share of the two confidences as a
 * negative log, on the error model's scale (a cost c is a confusion of
 * probability e^-c).
 */
#include "stages.h"

#include <math.h>
#include <string.h>

#define S_MIN_COST 0.25f /* even an even split is not free: the reading kept
                            was tesseract's first choice */

/* The cost of taking reading `alt` (confidence ca) for the one kept (ck). */
static float S_cost(float ck, float ca)
{
    if (ca <= 0.0f)
        return INFINITY;
    float c = -logf(ca / (ca + (ck > 0.0f ? ck : 0.0f)));
    return c < S_MIN_COST ? S_MIN_COST : c;
}

/* Is any byte of [at, at+len) of l under an edit?  Then the text there is
 * not what tesseract read and the alternatives' offsets do not hold. */
static bool S_edited(const bp_line *l, uint32_t at, uint32_t len)
{
    for (uint32_t i = 0; i < l->nedits; i++) {
        const bp_edit *e = &l->edits[i];
        if (e->at < at + len && at < e->at + (e->len ? e->len : 1))
            return true;
    }
    return false;
}

/* Appends w (n bytes) with [a, a+al) replaced by r, then [b, b+bl) by q
 * (b after a; q NULL: one replacement), if it fits. */
static bool S_form(bp_altform *f, const char *w, size_t n, size_t a, size_t al, const char *r,
                   size_t b, size_t bl, const char *q, float cost)
{
    size_t rl = strlen(r), ql = q ? strlen(q) : 0, m = 0;
    size_t end1 = q ? b : n;
    if (n - al - (q ? bl : 0) + rl + ql >= BP_ALTFORM_MAX)
        return false;
    memcpy(f->s, w, a);
    m = a;
    memcpy(f->s + m, r, rl);
    m += rl;
    memcpy(f->s + m, w + a + al, end1 - a - al);
    m += end1 - a - al;
    if (q) {
        memcpy(f->s + m, q, ql);
        m += ql;
        memcpy(f->s + m, w + b + bl, n - b - bl);
        m += n - b - bl;
    }
    f->len = (uint8_t)m;
    f->cost = cost;
    return true;
}

size_t bp_ocralt_forms(const bp_line *l, uint32_t at, uint32_t len, float max_cost,
                       bp_altform *out, size_t max)
{
    const bp_word *ow = bp_line_word_at(l, at, len);
    if (!ow || !ow->nalts || len >= BP_ALTFORM_MAX || S_edited(l, ow->at, ow->len))
        return 0;
    const char *w = l->text + at;
    size_t n = 0;
    /* the characters with readings that lie inside [at, at+len), as
     * offsets into w (the OCR word may hold punctuation the corrector's
     * word leaves out) */
    for (uint32_t i = 0; i < ow->nalts && n < max; i++) {
        const bp_charalt *a = &ow->alts[i];
        uint32_t pa = ow->at + a->at;
        if (pa < at || pa + a->len > at + len)
            continue;
        for (uint32_t k = 0; k < a->n && n < max; k++) {
            float c = S_cost(a->conf, a->alt_conf[k]);
            if (c <= max_cost && a->alt[k][0] &&
                S_form(&out[n], w, len, pa - at, a->len, a->alt[k], 0, 0, NULL, c))
                n++;
        }
    }
    /* two characters changed: the cheapest readings of each pair */
    for (uint32_t i = 0; i < ow->nalts && n < max; i++) {
        const bp_charalt *a = &ow->alts[i];
        uint32_t pa = ow->at + a->at;
        if (pa < at || pa + a->len > at + len || !a->alt[0][0])
            continue;
        for (uint32_t j = i + 1; j < ow->nalts && n < max; j++) {
            const bp_charalt *b = &ow->alts[j];
            uint32_t pb = ow->at + b->at;
            if (pb < pa + a->len || pb + b->len > at + len || !b->alt[0][0])
                continue;
            float c = S_cost(a->conf, a->alt_conf[0]) + S_cost(b->conf, b->alt_conf[0]);
            if (c <= max_cost &&
                S_form(&out[n], w, len, pa - at, a->len, a->alt[0], pb - at, b->len, b->alt[0], c))
                n++;
        }
    }
    return n;
}
