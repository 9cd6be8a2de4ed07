/*
 * columns.c: side-by-side columns in layout-mode text (pdftotext -layout
 * and the like), found before a unit is laid out.
 *
 * Such an extractor prints a page of two columns line by line across the
 * page: the left column's line, a wide run of spaces (the gutter), the
 * right column's line.  The gutter shows as columns of the page (display
 * positions) where every line has white space, with text on both sides on
 * most lines.  Each physical line is cut at the gutter, and the unit's
 * lines are put in reading order: the left column top to bottom, then the
 * right one, so that layout, dehyphenation and the emitters see each
 * column as running text (a hyphen at a column's line end is decided
 * within the column).
 *
 * Nothing is lost: the gutter's spaces become the leading white space of
 * the right piece (its src_off/src_len cover them), every edit goes with
 * its piece.  Lines that cross the gutter at the top or bottom of a page
 * (a running head, a centred page number) stay whole where they are.
 *
 * Prose that only happens to have wide spaces does not qualify: the
 * gutter must run down every line of the page, at least S_MIN_TWO lines
 * must have text on both sides, and each column must read like prose
 * (S_PROSE_CHARS characters a line on average, so that a table of
 * contents with its right-aligned page numbers stays as it is).
 *
 * The decision depends on the unit's lines only, so it is the same
 * whatever the window or the way the input was fed.
 */
#include "stages.h"

#include <stdlib.h>
#include <string.h>

#define S_MAX_COLS 4096u    /* pages wider than this are not looked at      */
#define S_MIN_TWO 4u        /* lines with text on both sides of the gutter  */
#define S_TWO_SHARE 60u     /* ... and this share (%) of the cut lines      */
#define S_GUTTER_MIN 2u     /* the gutter's width in columns, at least      */
#define S_PROSE_CHARS 15u   /* a column's pieces average this many characters */
#define S_EDGE_MAX 2u       /* whole lines allowed at a page's top or bottom */

/* Advances display column `col` over raw character cp. */
static uint32_t S_advance(uint32_t col, uint32_t cp)
{
    return cp == '\t' ? (col / 8 + 1) * 8 : col + 1;
}

static bool S_space(uint32_t cp) { return cp == ' ' || cp == '\t'; }

/* Adds a gap to the row; false when out of memory. */
static bool S_push_gap(bp_lrow *r, const bp_lgap *g)
{
    if (r->ngaps == r->cap) {
        uint32_t nc = r->cap ? r->cap * 2 : 8;
        bp_lgap *ng = realloc(r->gaps, nc * sizeof *ng);
        if (!ng)
            return false;
        r->gaps = ng;
        r->cap = nc;
    }
    r->gaps[r->ngaps++] = *g;
    return true;
}

/* Measures line l as its raw form printed it: the text with each edit's
 * original bytes in place, after l->indent columns of leading space.
 * False when out of memory. */
bool bp_lrow_measure(const bp_line *l, bp_lrow *r)
{
    r->ngaps = 0;
    r->start = r->end = l->indent;
    uint64_t raw = 0;
    for (uint32_t k = 0; k < l->nedits; k++)
        raw += l->edits[k].orig_len, raw -= l->edits[k].len;
    raw += l->len;
    r->lead = l->src_len >= raw + l->trail ? (uint32_t)(l->src_len - raw - l->trail) : 0;

    uint32_t col = l->indent, rawpos = r->lead;
    bool in_gap = false, seen_text = false;
    bp_lgap g = { 0 };
    uint32_t k = 0, i = 0;
    while (i < l->len || k < l->nedits) {
        const char *s;
        uint32_t n, t0, t1;
        bool edit = k < l->nedits && l->edits[k].at == i;
        if (edit) {
            const bp_edit *e = &l->edits[k++];
            s = e->orig;
            n = e->orig_len;
            t0 = e->at;
            t1 = e->at + e->len;
            i = t1;
        } else if (i < l->len) {
            size_t cl;
            bp_utf8_next(l->text + i, l->len - i, &cl);
            s = l->text + i;
            n = (uint32_t)cl;
            t0 = i;
            t1 = i + (uint32_t)cl;
            i = t1;
        } else {
            break;
        }
        /* an edit's bytes may be invalid UTF-8: a byte that does not
         * decode counts as one column */
        for (uint32_t p = 0; p < n;) {
            unsigned char c = (unsigned char)s[p];
            uint32_t cp = c, cl = 1;
            if (c >= 0x80) {
                size_t m;
                if ((c & 0xE0) == 0xC0 || (c & 0xF0) == 0xE0 || (c & 0xF8) == 0xF0) {
                    uint32_t want = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
                    bool ok = p + want <= n;
                    for (uint32_t q = 1; ok && q < want; q++)
                        ok = ((unsigned char)s[p + q] & 0xC0) == 0x80;
                    if (ok) {
                        cp = bp_utf8_next(s + p, want, &m);
                        cl = (uint32_t)m;
                    }
                }
            }
            if (S_space(cp)) {
                if (seen_text && !in_gap) {
                    in_gap = true;
                    g = (bp_lgap){ .c0 = col, .t0 = t0, .t1 = t1, .raw0 = rawpos + p, .clean = !edit ||
                                 l->edits[k - 1].kind == BP_EDIT_SPACE };
                } else if (in_gap) {
                    g.t1 = t1;
                    g.clean &= !edit || l->edits[k - 1].kind == BP_EDIT_SPACE;
                }
                col = S_advance(col, cp);
            } else if (!bp_az_is_mark(cp)) {
                if (in_gap) {
                    g.c1 = col;
                    if (g.c1 - g.c0 >= S_GUTTER_MIN && !S_push_gap(r, &g))
                        return false;
                    in_gap = false;
                }
                if (!seen_text)
                    r->start = col;
                seen_text = true;
                col = S_advance(col, cp);
                r->end = col;
            }
            p += cl;
        }
        rawpos += n;
    }
    return true;
}

/* Is display column c white space on the row: before its text, after it,
 * or inside a gap? */
bool bp_lrow_blank(const bp_lrow *r, uint32_t c)
{
    if (c < r->start || c >= r->end)
        return true;
    for (uint32_t k = 0; k < r->ngaps; k++)
        if (c >= r->gaps[k].c0 && c < r->gaps[k].c1)
            return true;
    return false;
}

/* Where a row stands against the gutter [g0, g1): -1 all its text left of
 * it, +1 all right, 2 text on both sides (*gap: the gap holding the
 * gutter), 0 across it (or a gap edited by something else than white
 * space). */
static int S_side(const bp_lrow *r, uint32_t g0, uint32_t g1, const bp_lgap **gap)
{
    if (r->end <= g0)
        return -1;
    if (r->start >= g1)
        return 1;
    for (uint32_t k = 0; k < r->ngaps; k++)
        if (r->gaps[k].c0 <= g0 && r->gaps[k].c1 >= g1) {
            *gap = &r->gaps[k];
            return r->gaps[k].clean ? 2 : 0;
        }
    return 0;
}

/* What the gutter search found on a unit. */
typedef struct S_found {
    uint32_t g0, g1;       /* the gutter, display columns                  */
    size_t top, bottom;    /* lines [top, bottom) of the unit are cut      */
    uint32_t two, cut;     /* lines with text both sides; non-blank cut lines */
} S_found;

/* Is display column c white on every non-blank row of [p, q)? */
static bool S_white(const bp_doc *d, const bp_lrow *rows, size_t from, size_t p, size_t q,
                    uint32_t c)
{
    for (size_t i = p; i < q; i++)
        if (d->lines[from + i].len && !bp_lrow_blank(&rows[i], c))
            return false;
    return true;
}

/* Besides the gutter [g0, g1), does another run of white columns, two
 * wide or more, run down the rows [p, q) with text on both sides of it on
 * S_MIN_TWO rows?  Two columns of prose have one gutter; a table whose
 * rows are parted by blank lines (its gutters then look like one) has
 * one between each two columns. */
static bool S_second_gutter(const bp_doc *d, const bp_lrow *rows, size_t from, size_t p,
                            size_t q, uint32_t left, uint32_t width, uint32_t g0, uint32_t g1)
{
    for (uint32_t c = left + 1; c < width;) {
        if ((c >= g0 && c < g1) || !S_white(d, rows, from, p, q, c)) {
            c++;
            continue;
        }
        uint32_t c1 = c + 1;
        while (c1 < width && !(c1 >= g0 && c1 < g1) && S_white(d, rows, from, p, q, c1))
            c1++;
        if (c1 - c >= S_GUTTER_MIN) {
            uint32_t two = 0;
            for (size_t i = p; i < q; i++) {
                const bp_lgap *g = NULL;
                two += d->lines[from + i].len && S_side(&rows[i], c, c1, &g) == 2;
            }
            if (two >= S_MIN_TWO)
                return true;
        }
        c = c1;
    }
    return false;
}

/* Looks for one gutter over the rows [p, q) (non-blank ones count) that
 * every one of them leaves white; fills f and returns true when the two
 * sides read as columns of prose. */
static bool S_gutter(const bp_doc *d, const bp_lrow *rows, size_t from, size_t p, size_t q,
                     S_found *f)
{
    uint32_t width = 0, left = UINT32_MAX, n = 0;
    for (size_t i = p; i < q; i++) {
        if (d->lines[from + i].len == 0)
            continue;
        n++;
        if (rows[i].end > width)
            width = rows[i].end;
        if (rows[i].start < left)
            left = rows[i].start;
    }
    if (n < S_MIN_TWO || width > S_MAX_COLS)
        return false;
    /* the widest run of columns white on every row, inside the text */
    uint32_t best0 = 0, best1 = 0;
    for (uint32_t c = left + 1; c < width;) {
        bool all = true;
        for (size_t i = p; i < q && all; i++)
            all = d->lines[from + i].len == 0 || bp_lrow_blank(&rows[i], c);
        if (!all) {
            c++;
            continue;
        }
        uint32_t c1 = c + 1;
        for (; c1 < width; c1++) {
            bool w = true;
            for (size_t i = p; i < q && w; i++)
                w = d->lines[from + i].len == 0 || bp_lrow_blank(&rows[i], c1);
            if (!w)
                break;
        }
        if (c1 - c > best1 - best0) {
            best0 = c;
            best1 = c1;
        }
        c = c1;
    }
    if (best1 - best0 < S_GUTTER_MIN)
        return false;
    if (S_second_gutter(d, rows, from, p, q, left, width, best0, best1))
        return false; /* cells under several gutters: a table (tables.c) */
    /* both sides: on enough rows, and prose on each */
    uint32_t two = 0, cut = 0;
    uint64_t lchars = 0, rchars = 0, lrows = 0, rrows = 0;
    for (size_t i = p; i < q; i++) {
        const bp_line *l = &d->lines[from + i];
        if (l->len == 0)
            continue;
        const bp_lgap *g = NULL;
        int side = S_side(&rows[i], best0, best1, &g);
        if (side == 0)
            return false;
        cut++;
        if (side == 2) {
            two++;
            lchars += bp_utf8_chars(l->text, g->t0);
            rchars += bp_utf8_chars(l->text + g->t1, l->len - g->t1);
            lrows++;
            rrows++;
        } else if (side < 0) {
            lchars += bp_utf8_chars(l->text, l->len);
            lrows++;
        } else {
            rchars += bp_utf8_chars(l->text, l->len);
            rrows++;
        }
    }
    if (two < S_MIN_TWO || two * 100 < cut * S_TWO_SHARE || lchars < lrows * S_PROSE_CHARS ||
        rchars < rrows * S_PROSE_CHARS)
        return false;
    *f = (S_found){ .g0 = best0, .g1 = best1, .top = p, .bottom = q, .two = two, .cut = cut };
    return true;
}

/* Moves the edits of l in text bytes [a, b) to piece p, shifted by -a.
 * False when out of memory. */
static bool S_take_edits(const bp_line *l, uint32_t a, uint32_t b, bp_line *p)
{
    for (uint32_t k = 0; k < l->nedits; k++) {
        const bp_edit *e = &l->edits[k];
        if (e->at < a || e->at + e->len > b)
            continue;
        if (!bp_line_add_edit(p, e->at - a, e->len, e->orig, e->orig_len, e->kind, e->cert))
            return false;
        p->edits[p->nedits - 1].why = e->why;
    }
    return true;
}

/* Piece of l: text bytes [a, b), its raw bytes [r0, r1) of the line,
 * `trail` of them trailing white space.  False when out of memory. */
bool bp_line_piece(const bp_line *l, uint32_t a, uint32_t b, uint32_t r0, uint32_t r1,
                    uint32_t trail, uint32_t indent, bp_line *p)
{
    memset(p, 0, sizeof *p);
    p->text = malloc(b - a + 1);
    if (!p->text)
        return false;
    memcpy(p->text, l->text + a, b - a);
    p->text[b - a] = '\0';
    p->len = b - a;
    if (!S_take_edits(l, a, b, p))
        return false;
    p->src_off = l->src_off + r0;
    p->src_len = r1 - r0;
    p->lineno = l->lineno;
    p->indent = indent;
    p->trail = trail;
    p->page = l->page;
    p->unit = l->unit;
    p->flags = l->flags & ~(uint32_t)(BP_LF_PAGE_START | BP_LF_HYPHEN_END);
    p->role = p->len ? BP_ROLE_BODY : BP_ROLE_BLANK;
    p->pnum = -1;
    p->eol_cert = 1.0f;
    return true;
}

/* A blank line standing for an empty stretch of a column (no input bytes:
 * the white space belongs to the pieces beside it). */
static bool S_blank(const bp_line *l, bp_line *p)
{
    return bp_line_piece(l, 0, 0, 0, 0, 0, 0, p);
}

/* Cuts line l (row r) at the gutter f into *left and *right (either may
 * come out blank).  False when out of memory. */
static bool S_cut(const bp_line *l, const bp_lrow *r, const S_found *f, bp_line *left,
                  bp_line *right)
{
    const bp_lgap *g = NULL;
    int side = S_side(r, f->g0, f->g1, &g);
    if (side == -1 || l->len == 0)
        return S_blank(l, right) && bp_line_piece(l, 0, l->len, 0, l->src_len, l->trail, l->indent,
                                            left);
    if (side == 1)
        return S_blank(l, left) &&
               bp_line_piece(l, 0, l->len, 0, l->src_len, l->trail, r->start - f->g1, right);
    uint32_t split = g->raw0; /* the raw bytes before the gutter's spaces */
    if (!bp_line_piece(l, 0, g->t0, 0, split, 0, l->indent, left) ||
        !bp_line_piece(l, g->t1, l->len, split, l->src_len, l->trail, g->c1 - f->g1, right))
        return false;
    return true;
}

/* The line-end marks of a piece: the original line's mark for the piece
 * that ends where it ended, a fresh look for the other. */
bool bp_piece_marks(const bp_line *l, bp_line *p, bool ends_line)
{
    if (p->len == 0)
        return true;
    if (ends_line) {
        if (l->flags & BP_LF_HYPHEN_END) {
            p->flags |= BP_LF_HYPHEN_END;
            p->hy_at = l->hy_at - (l->len - p->len);
            p->hy_len = l->hy_len;
            p->hy_kind = l->hy_kind;
        }
        return true;
    }
    return bp_line_mark_break(p);
}

/* The widest piece of a column, in display columns. */
static uint32_t S_col_width(const bp_line *v, size_t n)
{
    uint32_t w = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t x = v[i].indent + bp_utf8_chars(v[i].text, v[i].len);
        if (v[i].len && x > w)
            w = x;
    }
    return w;
}

/* Does the line hold a run of white space two columns wide or more?
 * normalize.c collapsed every such run into one BP_EDIT_SPACE edit. */
bool bp_line_wide_space(const bp_line *l)
{
    for (uint32_t k = 0; k < l->nedits; k++) {
        const bp_edit *e = &l->edits[k];
        if (e->kind == BP_EDIT_SPACE && e->len > 0 &&
            (e->orig_len >= 2 || memchr(e->orig, '\t', e->orig_len)))
            return true;
    }
    return false;
}

static berpa_status S_columns(bp_doc *d, size_t from, size_t to, size_t *end)
{
    *end = to;
    size_t n = to - from, nonblank = 0, wide = 0;
    if (n < S_MIN_TWO)
        return BERPA_OK;
    for (size_t i = from; i < to; i++) {
        const bp_line *l = &d->lines[i];
        if (l->img || l->nwords || (l->flags & BP_LF_TRUNCATED))
            return BERPA_OK; /* OCR lines have their geometry; cut lines are one */
        nonblank += l->len > 0;
        wide += bp_line_wide_space(l);
    }
    /* most pages: too few lines with a wide space for a gutter (the cheap
     * test first; the edges may hold lines that cross it) */
    if (wide < S_MIN_TWO ||
        wide * 100 < (nonblank > 2 * S_EDGE_MAX ? nonblank - 2 * S_EDGE_MAX : 0) * S_TWO_SHARE)
        return BERPA_OK;
    bp_lrow *rows = calloc(n, sizeof *rows);
    if (!rows)
        return BERPA_E_NOMEM;
    berpa_status st = BERPA_OK;
    for (size_t i = 0; i < n && st == BERPA_OK; i++)
        if (!bp_lrow_measure(&d->lines[from + i], &rows[i]))
            st = BERPA_E_NOMEM;
    /* non-blank lines, to let up to S_EDGE_MAX of them at each end stand
     * whole (a running head or a page number across the gutter) */
    size_t nb[2 * S_EDGE_MAX + 2], nnb = 0;
    for (size_t i = 0; i < n && nnb < S_EDGE_MAX + 1; i++)
        if (d->lines[from + i].len)
            nb[nnb++] = i;
    size_t heads = nnb;
    for (size_t i = n; i-- > 0 && nnb < heads + S_EDGE_MAX + 1;)
        if (d->lines[from + i].len)
            nb[nnb++] = i;
    S_found f = { 0 };
    bool found = false;
    for (unsigned skip = 0; st == BERPA_OK && !found && skip <= 2 * S_EDGE_MAX; skip++)
        for (unsigned t = 0; t <= skip && !found; t++) {
            unsigned b = skip - t;
            if (t > S_EDGE_MAX || b > S_EDGE_MAX || t >= heads || b >= nnb - heads)
                continue;
            size_t p = t ? nb[t - 1] + 1 : 0, q = b ? nb[heads + b - 1] : n;
            /* lines at the edges are skipped only when they cross */
            if (p < q && S_gutter(d, rows, from, p, q, &f)) {
                found = true;
                const bp_lgap *g;
                for (size_t i = p; i-- > 0;)
                    found &= d->lines[from + i].len == 0 || S_side(&rows[i], f.g0, f.g1, &g) == 0;
                for (size_t i = q; i < n; i++)
                    found &= d->lines[from + i].len == 0 || S_side(&rows[i], f.g0, f.g1, &g) == 0;
            }
        }
    if (st != BERPA_OK || !found)
        goto out;

    /* room for the pieces first: once cut, the unit's lines are gone */
    size_t top = f.top, bottom = f.bottom, cut = bottom - top;
    if (!bp_doc_reserve(d, cut)) {
        st = BERPA_E_NOMEM;
        goto out;
    }
    /* the new order: top lines, left column, right column, bottom lines */
    bp_line *nl = calloc(n + cut, sizeof *nl);
    if (!nl) {
        st = BERPA_E_NOMEM;
        goto out;
    }
    bp_line *lv = nl + top, *rv = nl + top + cut;
    bool ok = true;
    for (size_t i = top; i < bottom && ok; i++) {
        const bp_line *l = &d->lines[from + i];
        ok = S_cut(l, &rows[i], &f, &lv[i - top], &rv[i - top]) &&
             bp_piece_marks(l, &lv[i - top], rv[i - top].len == 0) && bp_piece_marks(l, &rv[i - top], true);
    }
    if (!ok) {
        for (size_t i = 0; i < n + cut; i++)
            bp_line_free(&nl[i]);
        free(nl);
        st = BERPA_E_NOMEM;
        goto out;
    }
    bool page_start = (d->lines[from].flags & BP_LF_PAGE_START) != 0;
    /* the whole lines at the edges move as they are */
    for (size_t i = 0; i < top; i++)
        nl[i] = d->lines[from + i];
    for (size_t i = bottom; i < n; i++)
        nl[cut + i] = d->lines[from + i];
    for (size_t i = top; i < bottom; i++)
        bp_line_free(&d->lines[from + i]);
    uint32_t lw = S_col_width(lv, cut), rw = S_col_width(rv, cut);
    bool strong = f.two * 5 >= f.cut * 4 && f.g1 - f.g0 >= 3;
    for (size_t i = 0; i < cut; i++) {
        lv[i].column = 1;
        lv[i].col_width = lw;
        rv[i].column = 2;
        rv[i].col_width = rw;
    }
    for (size_t i = 0; i < cut; i++) /* the right column starts at its first text */
        if (rv[i].len) {
            rv[i].flags |= BP_LF_COLUMN_CUT;
            rv[i].col_cert = strong ? 0.9f : 0.7f;
            rv[i].col_why = strong ? "a gutter of spaces runs down the page, text on both sides"
                                   : "a gutter of spaces runs down the page; one side often empty";
            break;
        }
    if (page_start)
        nl[0].flags |= BP_LF_PAGE_START;
    memmove(&d->lines[to + cut], &d->lines[to], (d->nlines - to) * sizeof *d->lines);
    memcpy(&d->lines[from], nl, (n + cut) * sizeof *nl);
    d->nlines += cut;
    free(nl);
    *end = to + cut;
out:
    for (size_t i = 0; i < n; i++)
        free(rows[i].gaps);
    free(rows);
    return st;
}

berpa_status bp_columns_unit(bp_doc *d, size_t from, size_t to, size_t *end)
{
    berpa_status st = S_columns(d, from, to, end);
    /* a unit not read as columns may hold tables of short cells (tables.c) */
    if (st == BERPA_OK && *end == to)
        st = bp_tables_unit(d, from, to, end);
    return st;
}
