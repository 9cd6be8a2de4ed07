/*
 * geometry.c: what the page itself says about layout, for lines recognised
 * from an image (bp_line.img set, boxes in page pixels).  Text input has no
 * geometry and every function here answers "nothing" for it, so layout
 * decides from the text exactly as before.
 *
 * Everything is measured against the line's neighbourhood on its page
 * (S_NEAR lines either way whose x-ranges overlap it: the same column),
 * not the whole page: a scan that is still a little skewed moves the left
 * edge by a few pixels from top to bottom, and a page may have columns.
 * The unit of length is the neighbourhood's median line height (H), so the
 * rules hold at any resolution.
 */
#include "stages.h"

#include <stdlib.h>
#include <string.h>

#define S_NEAR 6 /* lines either way that make the neighbourhood */

/* Does line l carry a usable box, in the text (not furniture laid out
 * already: a running head set apart says nothing about paragraphs)? */
static bool S_geo(const bp_line *l)
{
    return l->img && l->len > 0 && l->box[2] > l->box[0] && l->box[3] > l->box[1] &&
           l->role == BP_ROLE_BODY;
}

/* Do two lines share a column: same page, overlapping x-ranges? */
static bool S_same_col(const bp_line *a, const bp_line *b)
{
    return a->img == b->img && a->box[0] < b->box[2] && b->box[0] < a->box[2];
}

static int S_cmp(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* The measures of line i's neighbourhood, all in page pixels. */
typedef struct S_nb {
    int32_t left;   /* the text block's left edge (first quartile of x0) */
    int32_t right;  /* its right edge (the second widest line's end: one
                       line may stick out into the margin)               */
    int32_t h;      /* median line height                               */
    int32_t gap;    /* median white gap between a line and the next     */
    size_t n;       /* lines measured (the rules need at least 3)       */
} S_nb;

static void S_measure(const bp_doc *d, size_t i, S_nb *nb)
{
    int32_t x0[2 * S_NEAR + 1], x1[2 * S_NEAR + 1], hh[2 * S_NEAR + 1], gg[2 * S_NEAR + 1];
    size_t n = 0, ng = 0;
    const bp_line *me = &d->lines[i];
    const bp_line *prev = NULL;
    size_t a = i > 3 * S_NEAR ? i - 3 * S_NEAR : 0;
    memset(nb, 0, sizeof *nb);
    /* the geometric lines of the same column around i, in order, at most
     * S_NEAR either side (blank lines between them are skipped) */
    size_t before = 0, start = i;
    for (size_t j = i; j-- > a && before < S_NEAR;)
        if (S_geo(&d->lines[j]) && S_same_col(&d->lines[j], me)) {
            start = j;
            before++;
        }
    for (size_t j = start; j < d->nlines && n < 2 * S_NEAR + 1 && j <= i + 3 * S_NEAR; j++) {
        const bp_line *l = &d->lines[j];
        if (!S_geo(l) || !S_same_col(l, me))
            continue;
        x0[n] = l->box[0];
        x1[n] = l->box[2];
        hh[n] = l->box[3] - l->box[1];
        if (prev && l->box[1] > prev->box[3])
            gg[ng++] = l->box[1] - prev->box[3];
        else if (prev)
            gg[ng++] = 0;
        prev = l;
        n++;
    }
    nb->n = n;
    if (n == 0)
        return;
    qsort(x0, n, sizeof *x0, S_cmp);
    qsort(x1, n, sizeof *x1, S_cmp);
    qsort(hh, n, sizeof *hh, S_cmp);
    nb->left = x0[n / 4];
    nb->right = x1[n >= 3 ? n - 2 : n - 1];
    nb->h = hh[n / 2] > 0 ? hh[n / 2] : 1;
    if (ng) {
        qsort(gg, ng, sizeof *gg, S_cmp);
        nb->gap = gg[ng / 2];
    }
}

/* Is line l centred in the block: white on both sides, about as much? */
static bool S_centred(const bp_line *l, const S_nb *nb)
{
    int32_t lm = l->box[0] - nb->left, rm = nb->right - l->box[2];
    int32_t tol = (nb->right - nb->left) / 10;
    if (tol < 2 * nb->h)
        tol = 2 * nb->h;
    return lm > 2 * nb->h && rm > 2 * nb->h && abs(lm - rm) <= tol;
}

/* The line before i in the same column on the same page, or NULL. */
static const bp_line *S_prev(const bp_doc *d, size_t i)
{
    for (size_t j = i; j-- > 0 && i - j <= 3;) {
        const bp_line *p = &d->lines[j];
        if (p->len == 0 || (p->img && p->role != BP_ROLE_BODY))
            continue;
        return S_geo(p) && S_same_col(p, &d->lines[i]) && p->box[1] < d->lines[i].box[1] ? p
                                                                                          : NULL;
    }
    return NULL;
}

static const bp_line *S_next(const bp_doc *d, size_t i)
{
    for (size_t j = i + 1; j < d->nlines && j - i <= 3; j++) {
        const bp_line *p = &d->lines[j];
        if (p->len == 0)
            continue;
        return S_geo(p) && S_same_col(p, &d->lines[i]) && p->box[1] > d->lines[i].box[1] ? p
                                                                                          : NULL;
    }
    return NULL;
}

bp_geo_start bp_geo_block_start(const bp_doc *d, size_t i, float *cert, const char **why)
{
    const bp_line *l = &d->lines[i];
    if (!S_geo(l))
        return BP_GEO_NONE;
    S_nb nb;
    S_measure(d, i, &nb);
    if (nb.n < 3)
        return BP_GEO_NONE;
    const bp_line *p = S_prev(d, i), *n = S_next(d, i);
    int32_t h = nb.h, ind = l->box[0] - nb.left;
    bool taller = (l->box[3] - l->box[1]) * 4 > h * 5;
    /* a heading: centred, or in taller glyphs and set apart by white above
     * and below (a line of body text that is merely short is neither) */
    bool apart_above = !p || l->box[1] - p->box[3] > nb.gap + h / 2;
    bool apart_below = !n || n->box[1] - l->box[3] > nb.gap + h / 2;
    if (S_centred(l, &nb) && (!p || S_centred(p, &nb) ? apart_above : true)) {
        *cert = apart_above && apart_below ? 0.85f : 0.7f;
        *why = "a centred line: white on both sides of it, about as much";
        return BP_GEO_HEADING;
    }
    if (taller && apart_above && apart_below && p) {
        *cert = 0.75f;
        *why = "taller glyphs than the lines around, white above and below";
        return BP_GEO_HEADING;
    }
    if (!p)
        return BP_GEO_NONE;
    /* a first-line indent: between two thirds of a line height and four of
     * them in from the left edge, the line after it back at the edge */
    if (ind * 3 >= 2 * h && ind <= 4 * h && (!n || n->box[0] - nb.left < h / 2)) {
        *cert = 0.9f;
        *why = "first line indented from the text block's left edge";
        return BP_GEO_PARA;
    }
    if (l->box[1] - p->box[3] > nb.gap + (h * 3) / 4) {
        *cert = 0.8f;
        *why = "more white above the line than between the lines around it";
        return BP_GEO_PARA;
    }
    /* the previous line stopped short although this line's first word would
     * have fitted after it, with room to spare: the break was the author's.
     * Ragged text ends a line early before a short word often enough that
     * the room must exceed the word by more than a line height (on the dev
     * pages the breaks left 1.4 or more, the run-on lines less), and the
     * line must end a sentence or clause (. ; : ! ?); after a comma (a list
     * item's ; misread, or prose running on) or nothing it must have
     * stopped farther short. */
    if (l->nwords && !(p->flags & BP_LF_HYPHEN_END) && ind < h) {
        int32_t w = l->words[0].x1 - l->words[0].x0, room = nb.right - p->box[2] - w;
        uint32_t c = bp_line_last_punct(p);
        bool end = c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == 0x2026;
        int32_t need = end ? (4 * h) / 3 : c == ',' ? 3 * h : 4 * h;
        if (w > 0 && room > need) {
            *cert = end ? 0.8f : 0.7f;
            *why = "the line before stopped short with room for this line's first word";
            return BP_GEO_PARA;
        }
    }
    return BP_GEO_NONE;
}

bp_geo_apart bp_geo_page_apart(const bp_doc *d, size_t i)
{
    const bp_line *l = &d->lines[i];
    if (!S_geo(l))
        return BP_GEO_INSIDE;
    const bp_line *p = S_prev(d, i), *n = S_next(d, i);
    /* only the first or last line of its page (blank lines aside) */
    for (size_t j = i; j-- > 0 && !p;)
        if (d->lines[j].len > 0) {
            if (d->lines[j].img == l->img)
                return BP_GEO_INSIDE;
            break;
        }
    for (size_t j = i + 1; j < d->nlines && !n; j++)
        if (d->lines[j].len > 0) {
            if (d->lines[j].img == l->img)
                return BP_GEO_INSIDE;
            break;
        }
    if ((p && n) || (!p && !n))
        return BP_GEO_INSIDE;
    S_nb nb;
    S_measure(d, i, &nb);
    if (nb.n < 4)
        return BP_GEO_INSIDE;
    int32_t h = nb.h, w = l->box[2] - l->box[0];
    /* short (at most two thirds of the measure), no taller than the text,
     * and set apart from it by more than a line's height of white */
    if (w * 3 > (nb.right - nb.left) * 2 || (l->box[3] - l->box[1]) * 5 > h * 6)
        return BP_GEO_INSIDE;
    if (!p && n->box[1] - l->box[3] > nb.gap + h)
        return BP_GEO_TOP;
    if (!n && l->box[1] - p->box[3] > nb.gap + h)
        return BP_GEO_BOTTOM;
    return BP_GEO_INSIDE;
}
