/*
 * tables.c: tables in layout-mode text (pdftotext -layout and the like),
 * found before a unit is laid out, on units columns.c did not read as
 * side-by-side columns.
 *
 * Such an extractor prints a table row by row: each line holds the cells'
 * lines side by side, separated by runs of spaces, and a cell whose text
 * wraps goes on in the lines below, under its own column only.  The table
 * shows as a run of lines with gutters: display columns white on every
 * line of the run, with cells on both sides on several lines.  Each line
 * is cut at the gutters into pieces; a row starts on a line with text in
 * the first column (unless it only carries on the first cell: one column
 * of text that opens in lower case); the pieces are put in reading order,
 * row by row, each row's cells left to right, each cell's lines top to
 * bottom, so that the cell's lines join (and its line-end hyphens are
 * decided) within the cell and nothing is read across the row.
 *
 * Nothing is lost: the gutters' spaces become the leading white space of
 * the piece to their right, every edit goes with its piece, blank lines
 * inside the table stay after the row they follow.
 *
 * What is not a table: prose whose wide spaces do not line up over
 * T_MIN_ROWS lines (a gutter must be white on every line of the run);
 * tables of contents (the last column all page numbers, or dot leaders);
 * lists with a hanging indent (the first of two columns all item marks);
 * two columns of long lines (side-by-side text is columns.c's, which has
 * had the unit first; here a two-column table's first column averages at
 * most T_KEY_CHARS characters); three columns or more of text (every
 * column averaging more than T_TEXT_CHARS characters).
 *
 * The decision depends on the unit's lines only, so it is the same
 * whatever the window or the way the input was fed.
 */
#include "stages.h"

#include <stdlib.h>
#include <string.h>

#define T_MAX_COLS 4096u   /* lines wider than this are not looked at      */
#define T_MIN_ROWS 3u      /* lines with cells in two columns or more      */
#define T_MAX_GUTTERS 15u  /* columns of a table, at most this plus one    */
#define T_KEY_CHARS 20u    /* a two-column table's first column, average   */
#define T_TEXT_CHARS 30u   /* every column averaging more: columns of text */

/* A gutter: display columns [g0, g1) white on every line of the run. */
typedef struct T_gut {
    uint32_t g0, g1;
} T_gut;

/* A table found: lines [p, q) of the unit under k gutters. */
typedef struct T_table {
    size_t p, q;
    T_gut g[T_MAX_GUTTERS];
    unsigned k;
    uint32_t multi;        /* lines with cells in two columns or more      */
} T_table;

/* The longest run inside [g->g0, g->g1) that row r leaves white, and the
 * gap holding it clean (not an edit of something else than spaces);
 * false when it is narrower than two columns. */
static bool T_narrow(const bp_lrow *r, T_gut *g)
{
    uint32_t b0 = 0, b1 = 0;
    for (uint32_t c = g->g0; c < g->g1;) {
        if (!bp_lrow_blank(r, c)) {
            c++;
            continue;
        }
        uint32_t c1 = c + 1;
        while (c1 < g->g1 && bp_lrow_blank(r, c1))
            c1++;
        if (c1 - c > b1 - b0)
            b0 = c, b1 = c1;
        c = c1;
    }
    if (b1 - b0 < 2)
        return false;
    if (b0 < r->end && b1 > r->start) /* inside the text: its gap must be clean */
        for (uint32_t k = 0; k < r->ngaps; k++)
            if (r->gaps[k].c0 <= b0 && r->gaps[k].c1 >= b1 && !r->gaps[k].clean)
                return false;
    g->g0 = b0;
    g->g1 = b1;
    return true;
}

/* Where line l (row r) is cut at gutter g: *tl text bytes before it,
 * *tr text bytes where the text after it starts, *raw the raw byte where
 * the right piece starts (its white space included). */
static void T_bound(const bp_line *l, const bp_lrow *r, const T_gut *g, uint32_t *tl,
                    uint32_t *tr, uint32_t *raw)
{
    if (r->end <= g->g0) {
        *tl = *tr = l->len;
        *raw = l->src_len;
        return;
    }
    if (r->start >= g->g1) {
        *tl = *tr = 0;
        *raw = 0;
        return;
    }
    for (uint32_t k = 0; k < r->ngaps; k++)
        if (r->gaps[k].c0 <= g->g0 && r->gaps[k].c1 >= g->g1) {
            *tl = r->gaps[k].t0;
            *tr = r->gaps[k].t1;
            *raw = r->gaps[k].raw0;
            return;
        }
    *tl = *tr = l->len; /* not reached: the gutter is white on the row */
    *raw = l->src_len;
}

/* Text bytes [*a, *b) of column c (0..k) of line l. */
static void T_cell(const bp_line *l, const bp_lrow *r, const T_table *t, unsigned c,
                   uint32_t *a, uint32_t *b, uint32_t *r0, uint32_t *r1)
{
    uint32_t x;
    *a = 0, *r0 = 0;
    *b = l->len, *r1 = l->src_len;
    if (c > 0)
        T_bound(l, r, &t->g[c - 1], &x, a, r0);
    if (c < t->k)
        T_bound(l, r, &t->g[c], b, &x, r1);
}

static bool T_digits_or_roman(const char *s, uint32_t n)
{
    if (n == 0 || n > 4)
        return false;
    for (uint32_t i = 0; i < n; i++)
        if (!strchr("0123456789IVXLCivxlc", s[i]))
            return false;
    return true;
}

/* An item mark alone: a dash, a bullet, or up to three digits or letters
 * and ')' or '.'. */
static bool T_item_mark(const char *s, uint32_t n)
{
    if (n == 0)
        return false;
    if (!strcmp(s, "-") || !strcmp(s, "\xE2\x80\x93") || !strcmp(s, "\xE2\x80\xA2") ||
        !strcmp(s, "*"))
        return n == strlen(s);
    return n <= 4 && (s[n - 1] == ')' || s[n - 1] == '.');
}

/* Does the run t read as a table (not a TOC, a list, prose)?  Counts its
 * lines with cells in two columns or more. */
static bool T_valid(const bp_doc *d, size_t from, const bp_lrow *rows, T_table *t)
{
    uint32_t filled[T_MAX_GUTTERS + 1] = { 0 }, multi = 0, nums = 0, lasts = 0, marks = 0,
             firsts = 0;
    uint64_t chars[T_MAX_GUTTERS + 1] = { 0 };
    for (size_t i = t->p; i < t->q; i++) {
        const bp_line *l = &d->lines[from + i];
        if (l->len == 0)
            continue;
        unsigned cells = 0;
        for (unsigned c = 0; c <= t->k; c++) {
            uint32_t a, b, r0, r1;
            T_cell(l, &rows[i], t, c, &a, &b, &r0, &r1);
            if (b <= a)
                continue;
            cells++;
            filled[c]++;
            chars[c] += bp_utf8_chars(l->text + a, b - a);
            if (c == t->k) {
                lasts++;
                nums += T_digits_or_roman(l->text + a, b - a);
            }
            if (c == 0) {
                firsts++;
                char tmp[8] = { 0 };
                if (b - a < sizeof tmp)
                    memcpy(tmp, l->text + a, b - a);
                marks += T_item_mark(tmp, b - a);
                if (b - a >= 3 && !memcmp(l->text + b - 3, "...", 3))
                    return false; /* dot leaders: a table of contents */
            }
        }
        multi += cells >= 2;
    }
    bool text = true; /* a page of three columns of text: not cells */
    for (unsigned c = 0; c <= t->k; c++) {
        if (filled[c] < 2)
            return false;
        text &= chars[c] > (uint64_t)filled[c] * T_TEXT_CHARS;
    }
    if (text)
        return false;
    if (multi < T_MIN_ROWS || nums == lasts)
        return false;
    if (t->k == 1 && (marks == firsts || chars[0] > (uint64_t)firsts * T_KEY_CHARS))
        return false;
    t->multi = multi;
    return true;
}

/* Looks for a table starting on row p: its gutters from p's gaps, kept
 * while the lines below leave them white.  True when one is found. */
/* Measures line j of the unit when first asked (bp_lrow_measure): most
 * units hold no table, and a search fails within a line or two, so most
 * lines are never measured.  False (with *oom set) when memory ran out. */
static bool T_need(const bp_doc *d, size_t from, bp_lrow *rows, uint8_t *done, size_t j,
                   bool *oom)
{
    if (done[j])
        return true;
    if (!bp_lrow_measure(&d->lines[from + j], &rows[j])) {
        *oom = true;
        return false;
    }
    done[j] = 1;
    return true;
}

static bool T_find(const bp_doc *d, size_t from, bp_lrow *rows, uint8_t *done, size_t n, size_t p,
                   T_table *t, bool *oom)
{
    const bp_lrow *r = &rows[p];
    t->k = 0;
    for (uint32_t k = 0; k < r->ngaps && t->k < T_MAX_GUTTERS; k++)
        if (r->gaps[k].clean)
            t->g[t->k++] = (T_gut){ r->gaps[k].c0, r->gaps[k].c1 };
    if (t->k == 0 || r->end > T_MAX_COLS)
        return false;
    size_t q = p + 1;
    while (q < n) {
        size_t j = q;
        if (!T_need(d, from, rows, done, j, oom))
            return false;
        if (d->lines[from + j].len == 0) { /* one blank line between rows */
            j++;
            if (j >= n || d->lines[from + j].len == 0)
                break;
            if (!T_need(d, from, rows, done, j, oom))
                return false;
        }
        T_gut ng[T_MAX_GUTTERS];
        bool fits = rows[j].end <= T_MAX_COLS;
        for (unsigned c = 0; c < t->k && fits; c++) {
            ng[c] = t->g[c];
            fits = T_narrow(&rows[j], &ng[c]);
        }
        if (!fits)
            break;
        memcpy(t->g, ng, t->k * sizeof *ng);
        q = j + 1;
    }
    t->p = p;
    t->q = q;
    return q - p >= T_MIN_ROWS && T_valid(d, from, rows, t);
}

/* Does line l (cells in columns) start a row?  Text in the first column,
 * unless that is all it has and it opens in lower case (the first cell
 * wrapping). */
static bool T_row_start(const bp_line *l, const bp_lrow *r, const T_table *t, bool first)
{
    uint32_t a, b, r0, r1;
    T_cell(l, r, t, 0, &a, &b, &r0, &r1);
    if (first)
        return true;
    if (b <= a)
        return false;
    if (b < l->len)
        return true;
    size_t cl;
    uint32_t cp = bp_utf8_next(l->text + a, b - a, &cl);
    return !bp_az_is_letter(cp) || bp_az_is_upper(cp);
}

/* Cells of line l (row r) that hold text. */
static unsigned T_filled(const bp_line *l, const bp_lrow *r, const T_table *t)
{
    unsigned n = 0;
    for (unsigned c = 0; c <= t->k; c++) {
        uint32_t a, b, r0, r1;
        T_cell(l, r, t, c, &a, &b, &r0, &r1);
        n += b > a;
    }
    return n;
}

/* Does line i of the table start a new row, the row so far starting on
 * line a?  In a table whose rows are parted by blank lines (two or more
 * inside it), a line right under another that fills fewer cells than the
 * row's first line carries on the row's cells even when it opens in
 * capitals (a cell's wrapped name: "Azərbaycan dili" / "Və Ədəbiyyat"). */
static bool T_new_row(const bp_doc *d, size_t from, const bp_lrow *rows, const T_table *t,
                      bool blanks, size_t a, size_t i)
{
    const bp_line *l = &d->lines[from + i];
    if (!T_row_start(l, &rows[i], t, false))
        return false;
    if (!blanks || d->lines[from + i - 1].len == 0)
        return true;
    return T_filled(l, &rows[i], t) >= T_filled(&d->lines[from + a], &rows[a], t);
}

/* Cuts the table t's lines into pieces, appended to out (*m of them; the
 * fresh ones, which own their storage, marked in fresh); false when out
 * of memory. */
static bool T_cut(const bp_doc *d, size_t from, const bp_lrow *rows, const T_table *t,
                  bp_line *out, bool *fresh, size_t *m)
{
    bool strong = t->multi >= 4 && t->k >= 2;
    bool first_piece = true;
    unsigned blank = 0;
    for (size_t i = t->p; i < t->q; i++)
        blank += d->lines[from + i].len == 0;
    for (size_t a = t->p; a < t->q;) {
        /* the row: lines [a, b), blank ones included */
        size_t b = a + 1;
        while (b < t->q && (d->lines[from + b].len == 0 ||
                            !T_new_row(d, from, rows, t, blank >= 2, a, b)))
            b++;
        bool row_first = true;
        for (unsigned c = 0; c <= t->k; c++) {
            bool cell_first = true;
            for (size_t i = a; i < b; i++) {
                const bp_line *l = &d->lines[from + i];
                if (l->len == 0)
                    continue;
                uint32_t x0, x1, r0, r1;
                T_cell(l, &rows[i], t, c, &x0, &x1, &r0, &r1);
                if (x1 <= x0 && r1 <= r0)
                    continue;
                fresh[*m] = true;
                bp_line *p = &out[(*m)++];
                bool ends = x1 == l->len;
                if (!bp_line_piece(l, x0 < x1 ? x0 : x1, x1, r0, r1, ends ? l->trail : 0,
                                   c == 0 ? l->indent : 0, p) ||
                    !bp_piece_marks(l, p, ends))
                    return false;
                if (p->len == 0)
                    continue; /* white space alone: kept, no cell */
                p->flags |= BP_LF_TABLE;
                p->cell = (uint16_t)(c + 1);
                p->cells = (uint16_t)(t->k + 1);
                if (cell_first)
                    p->flags |= BP_LF_CELL_START;
                if (cell_first && row_first)
                    p->flags |= BP_LF_ROW_START;
                if (first_piece) {
                    p->flags |= BP_LF_TABLE_START;
                    p->tab_cert = strong ? 0.9f : 0.7f;
                    p->tab_why = strong ? "cells under gutters of spaces aligned over several rows"
                                        : "cells in two columns aligned over several rows";
                }
                cell_first = row_first = first_piece = false;
            }
        }
        for (size_t i = a; i < b; i++) /* blank lines, whole, after the row */
            if (d->lines[from + i].len == 0)
                out[(*m)++] = d->lines[from + i];
        a = b;
    }
    return true;
}

berpa_status bp_tables_unit(bp_doc *d, size_t from, size_t to, size_t *end)
{
    *end = to;
    size_t n = to - from, wide = 0;
    if (n < T_MIN_ROWS)
        return BERPA_OK;
    for (size_t i = from; i < to; i++) {
        const bp_line *l = &d->lines[i];
        if (l->img || l->nwords || (l->flags & BP_LF_TRUNCATED) || l->column)
            return BERPA_OK; /* OCR lines have their geometry; cut lines are one */
        wide += bp_line_wide_space(l);
    }
    if (wide < T_MIN_ROWS)
        return BERPA_OK;
    bp_lrow *rows = calloc(n, sizeof *rows);
    uint8_t *done = calloc(n, 1);
    T_table *tabs = NULL;
    size_t ntabs = 0, extra = 0;
    berpa_status st = rows && done ? BERPA_OK : BERPA_E_NOMEM;
    bool oom = false;
    for (size_t p = 0; p < n && st == BERPA_OK;) {
        T_table t;
        /* a line without a wide space has no gap (bp_lrow_measure): no
         * table starts there */
        const bp_line *lp = &d->lines[from + p];
        if (lp->len == 0 || !bp_line_wide_space(lp) || !T_need(d, from, rows, done, p, &oom) ||
            rows[p].ngaps == 0 || !T_find(d, from, rows, done, n, p, &t, &oom)) {
            if (oom)
                st = BERPA_E_NOMEM;
            p++;
            continue;
        }
        T_table *nt = realloc(tabs, (ntabs + 1) * sizeof *nt);
        if (!nt) {
            st = BERPA_E_NOMEM;
            break;
        }
        tabs = nt;
        tabs[ntabs++] = t;
        /* at most one piece a column and line: room for them */
        extra += (t.q - t.p) * t.k;
        p = t.q;
    }
    if (st != BERPA_OK || ntabs == 0)
        goto out;
    bp_line *nl = calloc(n + extra, sizeof *nl);
    bool *fresh = calloc(n + extra, sizeof *fresh); /* pieces made here */
    if (!nl || !fresh) {
        free(nl);
        free(fresh);
        st = BERPA_E_NOMEM;
        goto out;
    }
    size_t m = 0, i = 0;
    bool ok = true;
    for (size_t k = 0; k < ntabs && ok; k++) {
        for (; i < tabs[k].p; i++)
            nl[m++] = d->lines[from + i];
        ok = T_cut(d, from, rows, &tabs[k], nl, fresh, &m);
        i = tabs[k].q;
    }
    if (ok && m + (n - i) > n)
        ok = bp_doc_reserve(d, m + (n - i) - n);
    if (!ok) {
        for (size_t j = 0; j < n + extra; j++)
            if (fresh[j])
                bp_line_free(&nl[j]);
        free(nl);
        free(fresh);
        st = BERPA_E_NOMEM;
        goto out;
    }
    free(fresh);
    for (; i < n; i++)
        nl[m++] = d->lines[from + i];
    bool page_start = (d->lines[from].flags & BP_LF_PAGE_START) != 0;
    /* the cut lines' own storage goes (blank lines and whole ones moved) */
    for (size_t k = 0; k < ntabs; k++)
        for (size_t j = tabs[k].p; j < tabs[k].q; j++)
            if (d->lines[from + j].len)
                bp_line_free(&d->lines[from + j]);
    if (page_start)
        nl[0].flags |= BP_LF_PAGE_START;
    memmove(&d->lines[from + m], &d->lines[to], (d->nlines - to) * sizeof *d->lines);
    memcpy(&d->lines[from], nl, m * sizeof *nl);
    d->nlines = d->nlines + m - n;
    free(nl);
    *end = from + m;
out:
    for (size_t j = 0; rows && j < n; j++)
        free(rows[j].gaps);
    free(rows);
    free(done);
    free(tabs);
    return st;
}

void bp_tables_blocks(bp_doc *d, size_t from, size_t to)
{
    bool after = from > 0 && (d->lines[from - 1].flags & BP_LF_TABLE);
    for (size_t i = from; i < to && i < d->nlines; i++) {
        bp_line *l = &d->lines[i];
        if (!(l->flags & BP_LF_TABLE)) {
            if (after && l->role == BP_ROLE_BODY && l->len) {
                if (l->block == BP_BLOCK_CONT)
                    l->block = BP_BLOCK_P;
                after = false;
            }
            continue;
        }
        l->role = BP_ROLE_BODY;
        l->block = (l->flags & BP_LF_CELL_START) ? BP_BLOCK_CELL : BP_BLOCK_CONT;
        l->flags &= ~(uint32_t)(BP_LF_VERSE | BP_LF_NOTE | BP_LF_COLUMN_START | BP_LF_INDENTED);
        if (l->flags & BP_LF_PAGE_START)
            l->flags |= BP_LF_COLUMN_START;
        l->fw_why = NULL;
        l->st_why = NULL;
        after = true;
    }
}
