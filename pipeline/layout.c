/*
 * layout.c: recovers how the text was laid out on the page, with no flag
 * needed.  It tells body lines from furniture (running heads and feet,
 * page numbers), finds column starts in PDF-extractor output, and cuts the
 * body into blocks (paragraphs, headings, list items).
 *
 * Two input styles are told apart by their statistics: "blank style",
 * where a PDF extractor put an empty line after every text line (blank
 * lines then say nothing, a leading space starts a column), and ordinary
 * text, where a blank line or an indented line may start a paragraph.  In
 * both, a short line that ends a sentence ends its paragraph, a short line
 * with no final punctuation before a capital ends a heading, and a line
 * ending in a hyphen never ends a block.
 */
#include "stages.h"

#include <stdlib.h>
#include <string.h>

#define S_MAX_HEADS 16
#define S_HEAD_LEN 96

#define S_NB 512        /* histogram bins: widths and indents in columns */
#define S_MAXC 256      /* recurring short lines the survey follows       */
#define S_MINREP 3      /* ... and how often one must recur to be furniture */

struct bp_layout {
    /* ---- the survey (pass 1): the whole document */
    uint32_t wh[S_NB], ih[S_NB];   /* width and indent histograms          */
    uint64_t nonblank, then_blank;
    bool paged;                    /* a form feed was seen                 */
    char ex[S_MAXC][S_HEAD_LEN];   /* recurring isolated short lines       */
    size_t exn[S_MAXC], cnt[S_MAXC], nc;
    /* ---- the measures, fixed by bp_layout_survey_end */
    uint32_t width;        /* typical line length in characters         */
    uint32_t base_indent;  /* typical indent of body lines              */
    bool blank_style;
    /* ---- pass 2: state carried from unit to unit */
    bool have_prev;        /* the last BODY line laid out so far:       */
    bool prev_hyphen, prev_sentence, prev_short, prev_colon, prev_comma, prev_caps_open;
    uint32_t prev_trail;
    bool blank_between;    /* a blank line since it                     */
    unsigned nblank;       /* ... how many                              */
    bool page_between;     /* a page break since it                     */
    bool input_between;    /* another input of the document since it    */
    bool prev_digit;       /* its line-end break follows a digit (12-)  */
    bool after_fw;         /* furniture since it                        */
    uint64_t block_start;  /* absolute index of the open block's first line */
    uint64_t doc_first;    /* absolute index of the first non-blank line  */
    size_t block_lines;
    bool block_head_kw;    /* the open block is a numbered heading      */
    int32_t item_num;      /* number of the last "N. Text" item, or 0    */
    uint8_t block_kind;    /* its bp_block                               */
    bool geo_head;         /* the last line was a heading by its place on
                              the page (geometry.c): the next one breaks */
    /* running heads confirmed so far (folded letters only) */
    char heads[S_MAX_HEADS][S_HEAD_LEN];
    size_t nheads;
};

bp_layout *bp_layout_new(void)
{
    bp_layout *lo = calloc(1, sizeof(bp_layout));
    if (lo) {
        lo->width = 60;
        lo->block_start = UINT64_MAX;
        lo->doc_first = UINT64_MAX;
    }
    return lo;
}
void bp_layout_free(bp_layout *lo) { free(lo); }

/* ---- small text predicates ------------------------------------------------ */
static uint32_t S_chars(const char *s, size_t n) { return bp_utf8_chars(s, n); }

static uint32_t S_vislen(const bp_line *l) { return l->indent + S_chars(l->text, l->len); }

/* The last character that is not a closing quote or bracket. */
static uint32_t S_last_punct(const bp_line *l) { return bp_line_last_punct(l); }

static bool S_ends_sentence(const bp_line *l)
{
    uint32_t cp = S_last_punct(l);
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == ':' || cp == ';';
}

static bool S_ends_final(const bp_line *l)
{
    uint32_t cp = S_last_punct(l);
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

static uint32_t S_first_cp(const bp_line *l)
{
    size_t k;
    for (size_t i = 0; i < l->len;) {
        uint32_t cp = bp_utf8_next(l->text + i, l->len - i, &k);
        if (bp_az_is_wordchar(cp))
            return cp;
        i += k;
    }
    return 0;
}

static bool S_starts_upper(const bp_line *l)
{
    uint32_t cp = S_first_cp(l);
    return cp && (bp_az_is_upper(cp) || (cp >= '0' && cp <= '9'));
}

/* "– text", "• text", "1) text", "a) text", "12. Text" */
static bool S_list_marker(const bp_line *l)
{
    const char *s = l->text;
    size_t n = l->len, k;
    if (n < 3)
        return false;
    uint32_t cp = bp_utf8_next(s, n, &k);
    if ((cp == 0x2013 || cp == 0x2014 || cp == 0x2022 || cp == '-' || cp == '*' ||
         cp == 0x25CF || cp == 0x25AA) && k < n && s[k] == ' ')
        return true;
    size_t i = 0;
    while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i == 0 && n > 1 && s[0] >= 'a' && s[0] <= 'z')
        i = 1;
    return i > 0 && i + 1 < n && s[i] == ')' && s[i + 1] == ' ';
}

/* Splits off the first n white-space separated tokens of a line. */
static size_t S_tokens(const bp_line *l, const char **tok, size_t *len, size_t max)
{
    size_t n = 0, i = 0;
    while (n < max && i < l->len) {
        while (i < l->len && l->text[i] == ' ')
            i++;
        size_t st = i;
        while (i < l->len && l->text[i] != ' ')
            i++;
        if (i > st) {
            tok[n] = l->text + st;
            len[n] = i - st;
            n++;
        }
    }
    return n;
}

static bool S_numeral(const char *t, size_t n)
{
    while (n > 0 && (t[n - 1] == '.' || t[n - 1] == ')'))
        n--;
    if (n == 0 || n > 6)
        return false;
    bool digits = true, roman = true;
    for (size_t i = 0; i < n; i++) {
        digits &= t[i] >= '0' && t[i] <= '9';
        roman &= t[i] == 'I' || t[i] == 'V' || t[i] == 'X' || t[i] == 'L';
    }
    return digits || roman;
}

/* Words that open the headings of Azerbaijani documents when a number
 * stands beside them: "Maddə 3.", "II fəsil", "Bölmə 2". */
static bool S_heading_word(const char *t, size_t n)
{
    static const char *const words[] = { "maddə", "fəsil", "bölmə", "fəsl" };
    /* cheap rejection first: this runs for every line */
    if (n < 4 || n > 12 || !strchr("MmFfBb", t[0]))
        return false;
    char low[32];
    size_t m = bp_az_lower(t, n, low, sizeof low);
    if (m >= sizeof low)
        return false;
    while (m > 0 && (low[m - 1] == '.' || low[m - 1] == ':'))
        m--;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == m && memcmp(words[i], low, m) == 0)
            return true;
    return false;
}

/* A line that opens a heading by its form: a heading word with a number,
 * or letter-spaced emphasis ("I f ə s i l"). */
static bool S_heading_start(const bp_line *l)
{
    const char *tok[8];
    size_t len[8];
    size_t n = S_tokens(l, tok, len, 8);
    if (n >= 2 && S_heading_word(tok[0], len[0]) && S_numeral(tok[1], len[1]))
        return true;
    if (n >= 2 && S_numeral(tok[0], len[0]) && S_heading_word(tok[1], len[1]))
        return true;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k;
        bool single = len[i] <= 2 && bp_az_is_letter(bp_utf8_next(tok[i], len[i], &k)) && k == len[i];
        run = single ? run + 1 : 0;
        if (run >= 4)
            return true;
    }
    return false;
}

static bool S_all_caps(const bp_line *l) { return bp_line_all_caps(l); }

/* "6. Qurban ...": a number, a full stop, a space and a capital, as the
 * numbered items of laws start.  Returns the number, or 0. */
static int32_t S_numbered_item(const bp_line *l)
{
    const char *s = l->text;
    size_t n = l->len, i = 0;
    int32_t v = 0;
    while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
        v = v * 10 + (s[i++] - '0');
    if (i == 0 || i + 2 >= n || s[i] != '.' || s[i + 1] != ' ')
        return 0;
    size_t k;
    return bp_az_is_upper(bp_utf8_next(s + i + 2, n - i - 2, &k)) ? v : 0;
}

/* "2.1. Çaylar", "3.2 Göllər": a section number of two or more parts. */
static bool S_section_number(const bp_line *l)
{
    const char *s = l->text;
    size_t n = l->len, i = 0, parts = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        size_t d0 = i;
        while (i < n && i - d0 < 3 && s[i] >= '0' && s[i] <= '9')
            i++;
        parts++;
        if (i < n && s[i] == '.')
            i++;
    }
    return parts >= 2 && i < n && s[i] == ' ';
}

/* A page number: "12", "- 12 -", "— 7 —", "XIV". */
static bool S_pagenum_text(const bp_line *l, int32_t *num)
{
    const char *s = l->text;
    size_t n = l->len, i = 0;
    if (n == 0 || n > 16)
        return false;
    while (i < n && (s[i] == '-' || s[i] == ' ' || (unsigned char)s[i] >= 0x80))
        i++; /* dashes of any kind, spaces */
    size_t d0 = i;
    int32_t v = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && i - d0 < 4)
        v = v * 10 + (s[i++] - '0');
    bool digits = i > d0;
    if (!digits) {
        while (i < n && strchr("IVXLC", s[i]))
            i++;
        if (i - d0 == 0 || i - d0 > 7)
            return false;
        v = -1;
    }
    while (i < n && (s[i] == '-' || s[i] == ' ' || (unsigned char)s[i] >= 0x80))
        i++;
    if (i != n)
        return false;
    /* the dash loop must not have eaten letters: only accept ASCII digits or
     * roman numerals between runs of dash/space characters */
    for (size_t j = 0; j < n; j++) {
        unsigned char c = (unsigned char)s[j];
        if (c >= 0x80) {
            size_t k;
            uint32_t cp = bp_utf8_next(s + j, n - j, &k);
            if (!(cp == 0x2013 || cp == 0x2014 || cp == 0x2012 || cp == 0x2212 || cp == 0xA0))
                return false;
            j += k - 1;
        }
    }
    *num = v;
    return true;
}

/* Folds a line to lower-case letters only, for comparing running heads. */
static size_t S_fold(const bp_line *l, char *out, size_t cap)
{
    char low[S_HEAD_LEN * 2];
    size_t n = bp_az_lower(l->text, l->len, low, sizeof low);
    if (n > sizeof low)
        n = sizeof low;
    size_t o = 0, k;
    for (size_t i = 0; i < n; i += k) {
        uint32_t cp = bp_utf8_next(low + i, n - i, &k);
        if (i + k > n)
            break;
        if (bp_az_is_letter(cp) && o + k < cap) {
            memcpy(out + o, low + i, k);
            o += k;
        }
    }
    /* a numbered heading keeps its number: "Maddə 12." and "Maddə 13."
     * fold to the same letters but are different headings */
    const char *tok[2];
    size_t len[2];
    size_t nt = S_tokens(l, tok, len, 2), num = 2;
    if (nt == 2 && S_heading_word(tok[0], len[0]) && S_numeral(tok[1], len[1]))
        num = 1;
    else if (nt == 2 && S_numeral(tok[0], len[0]) && S_heading_word(tok[1], len[1]))
        num = 0;
    if (num < 2 && o + len[num] + 2 < cap) {
        out[o++] = '#';
        memcpy(out + o, tok[num], len[num]);
        o += len[num];
    }
    out[o] = '\0';
    return o;
}

/* Edit distance over code points, capped at S_HEAD_LEN characters: enough
 * to match an OCR-damaged running head (Azərhaycan, Azərbəycən). */
static size_t S_decode(const char *s, size_t n, uint32_t *out)
{
    size_t m = 0, k;
    for (size_t i = 0; i < n && m < S_HEAD_LEN; i += k)
        out[m++] = bp_utf8_next(s + i, n - i, &k);
    return m;
}

static size_t S_dist(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    size_t row[S_HEAD_LEN + 1];
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

/* Letters under which two folded lines must be equal to be "the same". */
#define S_SIMILAR_EXACT 16

static bool S_similar(const char *a, size_t na, const char *b, size_t nb)
{
    /* the numbers of numbered headings (after '#', see S_fold) must be equal */
    const char *ha = memchr(a, '#', na), *hb = memchr(b, '#', nb);
    if (ha || hb) {
        if (!ha || !hb || na - (size_t)(ha - a) != nb - (size_t)(hb - b) ||
            memcmp(ha, hb, na - (size_t)(ha - a)) != 0)
            return false;
        na = (size_t)(ha - a);
        nb = (size_t)(hb - b);
    }
    if (na < 3 || nb < 3)
        return false;
    size_t ca = S_chars(a, na), cb = S_chars(b, nb);
    size_t longer = ca > cb ? ca : cb, diff = ca > cb ? ca - cb : cb - ca;
    /* a short line is the same only letter for letter: one word's
     * inflections (saxlanılır, saxlanılıb) are one letter or two apart, and
     * a sentence's last word at a page foot is text, not a running foot */
    if (longer < S_SIMILAR_EXACT)
        return na == nb && memcmp(a, b, na) == 0;
    if (diff * 5 > longer)
        return false; /* the distance is at least the length difference */
    uint32_t x[S_HEAD_LEN], y[S_HEAD_LEN];
    size_t nx = S_decode(a, na, x), ny = S_decode(b, nb, y);
    /* ... and at least half the difference of the letters' counts (an
     * edit changes at most two of them by one): most lines are told
     * apart here, without the quadratic distance */
    int h[64] = { 0 };
    for (size_t i = 0; i < nx; i++)
        h[x[i] & 63]++;
    for (size_t i = 0; i < ny; i++)
        h[y[i] & 63]--;
    size_t l1 = 0;
    for (int i = 0; i < 64; i++)
        l1 += (size_t)(h[i] < 0 ? -h[i] : h[i]);
    if ((l1 + 1) / 2 * 5 > longer)
        return false;
    return S_dist(x, nx, y, ny) * 5 <= longer;
}

static bool S_known_head(const bp_layout *lo, const char *f, size_t n)
{
    for (size_t i = 0; i < lo->nheads; i++)
        if (S_similar(lo->heads[i], strlen(lo->heads[i]), f, n))
            return true;
    return false;
}

static void S_add_head(bp_layout *lo, const char *f, size_t n)
{
    if (S_known_head(lo, f, n) || n >= S_HEAD_LEN)
        return;
    size_t slot = lo->nheads < S_MAX_HEADS ? lo->nheads++ : S_MAX_HEADS - 1;
    memcpy(lo->heads[slot], f, n);
    lo->heads[slot][n] = '\0';
}

/* ---- the survey (pass 1) ------------------------------------------------------ */

/* The value at quantile q (0..1) of a histogram of n samples. */
static uint32_t S_quantile(const uint32_t *hist, size_t nbins, uint64_t n, double q)
{
    uint64_t want = (uint64_t)((double)n * q), acc = 0;
    for (size_t v = 0; v < nbins; v++) {
        acc += hist[v];
        if (acc > want)
            return (uint32_t)v;
    }
    return (uint32_t)(nbins - 1);
}

/* Is line i set apart: blank (or nothing) right before and after it? */
static bool S_isolated(const bp_doc *d, size_t i)
{
    return (i == 0 || d->lines[i - 1].len == 0) && (i + 1 >= d->nlines || d->lines[i + 1].len == 0);
}

/* A short line set apart by blank lines that does not end a sentence: a
 * candidate running head of a text without form feeds.  Folds it into f. */
static bool S_head_candidate(const bp_doc *d, size_t i, char *f, size_t *nf)
{
    const bp_line *l = &d->lines[i];
    if (l->len == 0 || l->len > 80 || (l->flags & BP_LF_HYPHEN_END) || !S_isolated(d, i) ||
        S_ends_sentence(l))
        return false;
    *nf = S_fold(l, f, S_HEAD_LEN);
    return *nf >= 3;
}

/* The recurring line f is like, or S_MAXC when none. */
static size_t S_cluster(const bp_layout *lo, const char *f, size_t nf)
{
    for (size_t c = 0; c < lo->nc; c++) /* the same line again: the common case */
        if (lo->exn[c] == nf && memcmp(lo->ex[c], f, nf) == 0)
            return c;
    size_t c = 0;
    while (c < lo->nc && !S_similar(lo->ex[c], lo->exn[c], f, nf))
        c++;
    return c < lo->nc ? c : S_MAXC;
}

void bp_layout_survey(bp_layout *lo, const bp_doc *d, size_t i)
{
    const bp_line *l = &d->lines[i];
    if (l->page > 0)
        lo->paged = true;
    if (l->len == 0)
        return;
    lo->nonblank++;
    if (i + 1 < d->nlines && d->lines[i + 1].len == 0 &&
        !(d->lines[i + 1].flags & BP_LF_PAGE_START))
        lo->then_blank++;
    uint32_t w = S_vislen(l);
    lo->wh[w < S_NB ? w : S_NB - 1]++;
    lo->ih[l->indent < S_NB ? l->indent : S_NB - 1]++;
    /* Recurring isolated lines matter only outside blank style, where
     * every line stands apart (and comparing them all would be slow):
     * once 200 lines show that style, they are not followed. */
    bool blankish = lo->nonblank >= 200 && lo->then_blank * 10 >= lo->nonblank * 9;
    char f[S_HEAD_LEN];
    size_t nf;
    if (!blankish && S_head_candidate(d, i, f, &nf)) {
        size_t c = S_cluster(lo, f, nf);
        if (c == S_MAXC && lo->nc < S_MAXC) {
            c = lo->nc++;
            memcpy(lo->ex[c], f, nf + 1);
            lo->exn[c] = nf;
        }
        if (c < S_MAXC)
            lo->cnt[c]++;
    }
}

void bp_layout_survey_end(bp_layout *lo)
{
    if (lo->nonblank >= 4) {
        lo->blank_style = lo->then_blank * 10 >= lo->nonblank * 9;
        lo->width = S_quantile(lo->wh, S_NB, lo->nonblank, 0.75);
        lo->base_indent = S_quantile(lo->ih, S_NB, lo->nonblank, 0.5);
    }
    if (!lo->width)
        lo->width = 60;
}

/* ---- furniture (pass 2) ------------------------------------------------------- */

typedef struct S_unit {
    size_t start, end;      /* lines [start, end) of d                     */
    size_t first, last;     /* first and last non-blank line, or d->nlines */
    bool opens, closes;     /* the unit starts / ends a page                */
} S_unit;

/* The units present in d, in order; returns how many (at most max). */
static size_t S_units(const bp_doc *d, S_unit *u, size_t max, bool doc_ends)
{
    size_t n = 0;
    for (size_t i = 0; i < d->nlines && n < max;) {
        uint32_t id = d->lines[i].unit;
        S_unit *x = &u[n++];
        x->start = i;
        x->first = x->last = d->nlines;
        x->opens = (d->lines[i].flags & BP_LF_PAGE_START) != 0;
        for (; i < d->nlines && d->lines[i].unit == id; i++) {
            if (d->lines[i].len == 0)
                continue;
            if (x->first == d->nlines)
                x->first = i;
            x->last = i;
        }
        x->end = i;
        x->closes = i < d->nlines ? (d->lines[i].flags & BP_LF_PAGE_START) != 0 : doc_ends;
    }
    return n;
}

/* "[20]", "(3)": an endnote link or a numbered note, never a page number. */
static bool S_bracketed(const bp_line *l)
{
    return memchr(l->text, '[', l->len) || memchr(l->text, '(', l->len);
}

/* Records layout's furniture decision on a line: its role (BODY when the
 * line looked like furniture but stays), the confidence and the reason. */
static void S_mark(bp_line *l, uint8_t role, float cert, const char *why)
{
    l->role = role;
    l->fw_cert = cert;
    l->fw_why = why;
}

/* Does a head line carry a page number at either end ("12   TİTLE",
 * "TİTLE   13")? */
static bool S_carries_number(const bp_line *l)
{
    const char *tok[64];
    size_t len[64];
    size_t n = S_tokens(l, tok, len, 64);
    if (n < 2)
        return false;
    for (size_t e = 0; e < 2; e++) {
        const char *t = tok[e ? n - 1 : 0];
        size_t m = len[e ? n - 1 : 0], k = 0;
        while (k < m && k < 4 && t[k] >= '0' && t[k] <= '9')
            k++;
        if (k > 0 && k == m)
            return true;
    }
    return false;
}

/* A Roman numeral alone at the top of a page may be a centred chapter
 * number: it is a page number only when a page near it also has one at its
 * top or foot (front matter numbered i, ii, iii). */
static bool S_roman_pages(const bp_doc *d, const S_unit *us, size_t nu, size_t p)
{
    for (size_t q = p > 1 ? p - 2 : 0; q < nu && q <= p + 2; q++) {
        if (q == p || us[q].first == d->nlines)
            continue;
        int32_t num;
        if ((us[q].opens && S_pagenum_text(&d->lines[us[q].first], &num) && num < 0) ||
            (us[q].closes && S_pagenum_text(&d->lines[us[q].last], &num) && num < 0))
            return true;
    }
    return false;
}

/* Running heads and page numbers of form-feed pages: the top and foot of
 * each page, compared with the pages two either way. */
static void S_paged_furniture(bp_layout *lo, bp_doc *d, size_t from, size_t to, bool last)
{
    enum { MAXU = 2 * BP_LAYOUT_CONTEXT + 2 };
    S_unit us[MAXU + 1];
    size_t nu = S_units(d, us, MAXU + 1, last);
    for (size_t p = 0; p < nu; p++) {
        if (us[p].start < from || us[p].start >= to)
            continue;
        size_t f = us[p].first, l = us[p].last;
        if (f == d->nlines)
            continue;
        int32_t num;
        /* page number at the bottom (also an OCR-damaged one: a scrap of at
         * most four characters standing alone under the text) */
        bool scrap = l > f && S_chars(d->lines[l].text, d->lines[l].len) <= 4 &&
                     d->lines[l - 1].len == 0 && !(d->lines[l].flags & BP_LF_HYPHEN_END);
        bool number = S_pagenum_text(&d->lines[l], &num);
        if (us[p].closes && scrap && S_bracketed(&d->lines[l]))
            S_mark(&d->lines[l], BP_ROLE_BODY, 0.8f, "bracketed number at a page foot: a note link");
        else if (us[p].closes && number && num < 0 && !S_roman_pages(d, us, nu, p))
            S_mark(&d->lines[l], BP_ROLE_BODY, 0.6f,
                   "Roman numeral at a page foot, no page near numbered so");
        if (us[p].closes && ((number && (num >= 0 || S_roman_pages(d, us, nu, p))) ||
                             (scrap && !number && !S_bracketed(&d->lines[l])))) {
            S_mark(&d->lines[l], BP_ROLE_PAGENUM, number ? 0.95f : 0.6f,
                   number ? "number alone at a page foot"
                          : "short scrap alone under the text at a page foot (damaged number)");
            if (S_pagenum_text(&d->lines[l], &num) && num >= 0 && us[p].opens)
                d->lines[us[p].start].pnum = num;
            while (l > f && d->lines[--l].len == 0) {
            }
        }
        if (!us[p].opens)
            goto foot;
        /* page number at the top */
        if (f < l && S_pagenum_text(&d->lines[f], &num) && num < 0 &&
            !S_roman_pages(d, us, nu, p))
            S_mark(&d->lines[f], BP_ROLE_BODY, 0.7f,
                   "Roman numeral at a page top, no page near numbered so: a chapter number");
        if (f < l && S_pagenum_text(&d->lines[f], &num) &&
            (num >= 0 || S_roman_pages(d, us, nu, p))) {
            S_mark(&d->lines[f], BP_ROLE_PAGENUM, 0.95f, "number alone at a page top");
            if (num >= 0)
                d->lines[us[p].start].pnum = num;
            while (f < l && d->lines[++f].len == 0) {
            }
        }
        if (f >= l)
            continue;
        /* running head: the first line, repeated on a neighbouring page
         * (two pages either way: books alternate heads, title on the left
         * page and chapter on the right) */
        char a[S_HEAD_LEN], b[S_HEAD_LEN];
        size_t na = S_fold(&d->lines[f], a, sizeof a);
        bool head = S_known_head(lo, a, na), kept = false;
        for (size_t q = p > 1 ? p - 2 : 0; !head && q < nu && q <= p + 2; q++) {
            if (q == p || !us[q].opens || us[q].first == d->nlines)
                continue;
            size_t qf = us[q].first;
            int32_t dummy;
            if (S_pagenum_text(&d->lines[qf], &dummy))
                qf = bp_doc_next_body(d, qf);
            if (qf >= us[q].end)
                continue;
            size_t nb = S_fold(&d->lines[qf], b, sizeof b);
            /* in the same place: a head that carries the page number is
             * not the same as a title without one (the chapter title on
             * the chapter's first page, repeated as the head after it) */
            bool like = S_similar(a, na, b, nb);
            head = like && S_carries_number(&d->lines[f]) == S_carries_number(&d->lines[qf]);
            kept |= like && !head;
        }
        if (!head && kept)
            S_mark(&d->lines[f], BP_ROLE_BODY, 0.6f,
                   "repeats a nearby page's head, but not in its form (page number): a title");
        if (head) {
            S_mark(&d->lines[f], BP_ROLE_HEADER, 0.9f, "first line repeated at a nearby page's top");
            S_add_head(lo, a, na);
        }
    foot:
        if (!us[p].closes || l <= f)
            continue;
        /* a running foot: the last line, repeated on a neighbouring page */
        size_t nl = S_fold(&d->lines[l], a, sizeof a);
        for (size_t q = p > 1 ? p - 2 : 0; q < nu && q <= p + 2; q++) {
            if (q == p || !us[q].closes || us[q].last == d->nlines)
                continue;
            size_t ql = us[q].last;
            int32_t dummy;
            /* its page number is the last line: the foot stands above it */
            if (S_pagenum_text(&d->lines[ql], &dummy) ||
                d->lines[ql].role == BP_ROLE_PAGENUM) {
                while (ql > us[q].first && d->lines[--ql].len == 0) {
                }
            }
            if (ql == us[q].first)
                continue;
            size_t nb = S_fold(&d->lines[ql], b, sizeof b);
            if (nl >= 6 && S_similar(a, nl, b, nb)) {
                S_mark(&d->lines[l], BP_ROLE_FOOTER, 0.85f,
                       "last line repeated at a nearby page's foot");
                break;
            }
        }
    }
}

/* Blank style: a leading space starts a column; a column-start line
 * followed straight by another column start is a running head; page
 * numbers stand alone. */
static bool S_column_start(const bp_line *l)
{
    int32_t num;
    return l->len > 0 && !S_pagenum_text(l, &num) &&
           (l->indent > 0 || (l->flags & BP_LF_PAGE_START));
}

/* A centred line (a deep indent) with text of its page above it: a
 * heading inside the page, not the head of a column.  Running heads stand
 * at the top of a page, under nothing but its page number. */
static bool S_centred_mid_page(const bp_doc *d, size_t i)
{
    if (d->lines[i].indent < 8)
        return false;
    for (size_t k = i; k-- > 0;) {
        const bp_line *p = &d->lines[k + 1];
        if (p->flags & BP_LF_PAGE_START)
            return false;
        if (d->lines[k].len > 0)
            return d->lines[k].role != BP_ROLE_PAGENUM;
    }
    return false;
}

static void S_blank_furniture(bp_layout *lo, bp_doc *d, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        bp_line *l = &d->lines[i];
        if (l->len == 0)
            continue;
        int32_t num;
        if (S_pagenum_text(l, &num)) {
            S_mark(l, BP_ROLE_PAGENUM, 0.9f, "number alone on its line");
            continue;
        }
        if (S_column_start(l))
            l->flags |= BP_LF_COLUMN_START;
    }
    for (size_t i = from; i < to; i++) {
        bp_line *l = &d->lines[i];
        if (l->role != BP_ROLE_BODY || !(l->flags & BP_LF_COLUMN_START))
            continue;
        char a[S_HEAD_LEN];
        size_t na = S_fold(l, a, sizeof a);
        size_t j = i + 1;
        while (j < d->nlines && d->lines[j].len == 0)
            j++;
        bool next_col = j < d->nlines && S_column_start(&d->lines[j]) &&
                        !(l->flags & BP_LF_HYPHEN_END) && !S_ends_sentence(l);
        if (next_col && S_centred_mid_page(d, i)) {
            S_mark(l, BP_ROLE_BODY, 0.7f, "centred line with text above it on its page: a heading");
            continue;
        }
        if (next_col || S_known_head(lo, a, na)) {
            S_mark(l, BP_ROLE_HEADER, next_col ? 0.8f : 0.85f,
                   next_col ? "column start followed by another column start"
                            : "a running head seen before, at a column start");
            S_add_head(lo, a, na);
        }
    }
}

static bool S_short(const bp_layout *lo, const bp_line *l);

/* Pages without form feeds: a number alone on its line is a page number
 * when the number before it or after it also stands alone S_PAGE_MIN to
 * S_PAGE_MAX lines away (the page's length), in the right order. */
#define S_PAGE_MIN 4u
#define S_PAGE_MAX 150u

static bool S_lone_number(const bp_line *l, int32_t *num)
{
    return l->len > 0 && l->len <= 16 && !S_bracketed(l) && S_pagenum_text(l, num) && *num >= 0;
}

static bool S_seq_pagenum(const bp_doc *d, size_t i)
{
    int32_t v, w;
    if (!S_lone_number(&d->lines[i], &v))
        return false;
    size_t lo = i > S_PAGE_MAX ? i - S_PAGE_MAX : 0;
    for (size_t j = lo; j + S_PAGE_MIN <= i; j++)
        if (S_lone_number(&d->lines[j], &w) && w + 1 == v)
            return true;
    for (size_t j = i + S_PAGE_MIN; j < d->nlines && j <= i + S_PAGE_MAX; j++)
        if (S_lone_number(&d->lines[j], &w) && w == v + 1)
            return true;
    return false;
}

/* The line next to page number p on the side `dir` (+1 after, -1 before),
 * blank lines skipped (at most two), or d->nlines. */
static size_t S_beside(const bp_doc *d, size_t p, int dir)
{
    size_t j = p;
    for (int k = 0; k < 3; k++) {
        if (dir < 0 ? j == 0 : j + 1 >= d->nlines)
            return d->nlines;
        j = dir < 0 ? j - 1 : j + 1;
        if (d->lines[j].len > 0)
            return j;
    }
    return d->nlines;
}

/* A running head of pages without form feeds: a short line that does not
 * end a sentence, right beside a page number of the sequence (or opening
 * the document), whose text stands in the same place beside one of the two
 * page numbers before or after it: it recurs page after page. */
static bool S_seq_head(const bp_layout *lo, const bp_doc *d, size_t i)
{
    const bp_line *l = &d->lines[i];
    if (l->len > 80 || (l->flags & BP_LF_HYPHEN_END) || S_ends_sentence(l) || !S_short(lo, l))
        return false;
    int dir = 0;
    size_t a = S_beside(d, i, -1), b = S_beside(d, i, +1);
    if (a < d->nlines && S_seq_pagenum(d, a))
        dir = +1; /* the head follows its page number */
    else if (b < d->nlines && S_seq_pagenum(d, b))
        dir = -1;
    else if (a == d->nlines && d->base + i == lo->doc_first)
        dir = +1; /* the first page's head: compare with the heads after numbers */
    else
        return false;
    char f[S_HEAD_LEN], g[S_HEAD_LEN];
    size_t nf = S_fold(l, f, sizeof f);
    if (nf < 3)
        return false;
    /* the two page numbers either way (books alternate their heads) */
    size_t own = dir > 0 ? a : b;
    for (int side = -1; side <= 1; side += 2) {
        size_t seen = 0;
        for (size_t k = 1; seen < 2 && k <= 2 * S_PAGE_MAX; k++) {
            if (side < 0 ? k > i : i + k >= d->nlines)
                break;
            size_t j = side < 0 ? i - k : i + k;
            int32_t v;
            if (j == own || !S_lone_number(&d->lines[j], &v) || !S_seq_pagenum(d, j))
                continue;
            seen++;
            size_t m = S_beside(d, j, dir);
            if (m == d->nlines || m == i)
                continue;
            size_t ng = S_fold(&d->lines[m], g, sizeof g);
            if (S_similar(f, nf, g, ng))
                return true;
        }
    }
    return false;
}

/* Repetition alone does not make a running head: it stands where a page
 * starts or ends.  Line i (folded to f) does when it opens the document,
 * stands within a few lines of a lone number, or recurs at regular
 * spacing (two neighbouring gaps between its occurrences within a
 * quarter of each other, a page or more long). */
#define S_PLACE_NEAR 4u
#define S_PLACE_SPAN 600u

static bool S_page_place(const bp_layout *lo, const bp_doc *d, size_t i, const char *f,
                         size_t nf)
{
    if (d->base + i == lo->doc_first)
        return true;
    int32_t num;
    size_t a = i > S_PLACE_NEAR ? i - S_PLACE_NEAR : 0;
    for (size_t j = a; j < d->nlines && j <= i + S_PLACE_NEAR; j++)
        if (j != i && S_lone_number(&d->lines[j], &num))
            return true;
    /* the occurrences nearest to i: two before, two after */
    size_t pos[5] = { SIZE_MAX, SIZE_MAX, i, SIZE_MAX, SIZE_MAX };
    char g[S_HEAD_LEN];
    size_t ng;
    for (size_t j = i, k = 0; j-- > 0 && i - j <= S_PLACE_SPAN && k < 2;)
        if (S_head_candidate(d, j, g, &ng) && S_similar(f, nf, g, ng))
            pos[1 - k++] = j;
    for (size_t j = i + 1, k = 0; j < d->nlines && j - i <= S_PLACE_SPAN && k < 2; j++)
        if (S_head_candidate(d, j, g, &ng) && S_similar(f, nf, g, ng))
            pos[3 + k++] = j;
    for (size_t k = 0; k + 2 < 5; k++) {
        if (pos[k] == SIZE_MAX || pos[k + 2] == SIZE_MAX)
            continue;
        size_t g1 = pos[k + 1] - pos[k], g2 = pos[k + 2] - pos[k + 1];
        size_t big = g1 > g2 ? g1 : g2, diff = g1 > g2 ? g1 - g2 : g2 - g1;
        if (g1 >= 2 * S_PAGE_MIN && g2 >= 2 * S_PAGE_MIN && diff * 4 <= big)
            return true;
    }
    return false;
}

/* Without form feeds the pages still show: a short line set apart by
 * blank lines that recurs in the document (running head), or a lone
 * number (page number).  Not for blank style, where every line stands
 * apart: there a running head is a column start right before another. */
static void S_repeated_furniture(bp_layout *lo, bp_doc *d, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        bp_line *l = &d->lines[i];
        if (l->role != BP_ROLE_BODY || l->len == 0)
            continue;
        int32_t num;
        if (S_lone_number(l, &num) && S_seq_pagenum(d, i)) {
            S_mark(l, BP_ROLE_PAGENUM, 0.95f, "number in the sequence of page numbers");
            continue;
        }
        if (S_lone_number(l, &num) && S_isolated(d, i)) {
            S_mark(l, BP_ROLE_PAGENUM, 0.8f, "number alone, set apart by blank lines");
            continue;
        }
        if (S_seq_head(lo, d, i)) {
            S_mark(l, BP_ROLE_HEADER, 0.9f, "repeated beside the page numbers");
            continue;
        }
        char f[S_HEAD_LEN];
        size_t nf;
        if (!S_head_candidate(d, i, f, &nf))
            continue;
        size_t c = S_cluster(lo, f, nf);
        if (!(c < S_MAXC && lo->cnt[c] >= S_MINREP) && !S_known_head(lo, f, nf))
            continue;
        if (!S_page_place(lo, d, i, f, nf)) {
            S_mark(l, BP_ROLE_BODY, 0.6f, "recurs, but not where a page starts or ends");
            continue;
        }
        S_mark(l, BP_ROLE_HEADER, 0.85f, "recurs set apart where a page starts or ends");
        S_add_head(lo, f, nf);
    }
}

/* Page images: a short line set apart at the top or foot of its page
 * (geometry.c) is furniture by its place when the text agrees: a page
 * number, a scrap under the text (a damaged number), or at the top of a
 * page after the first a line that does not end a sentence. */
static void S_geo_furniture(bp_doc *d, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        bp_line *l = &d->lines[i];
        if (!l->img || l->role != BP_ROLE_BODY || l->fw_why)
            continue;
        bp_geo_apart at = bp_geo_page_apart(d, i);
        int32_t num;
        if (at == BP_GEO_INSIDE)
            continue;
        if (S_pagenum_text(l, &num))
            S_mark(l, BP_ROLE_PAGENUM, 0.9f,
                   at == BP_GEO_TOP ? "number alone above the text, set apart by white"
                                    : "number alone under the text, set apart by white");
        else if (at == BP_GEO_BOTTOM && S_chars(l->text, l->len) <= 4)
            S_mark(l, BP_ROLE_PAGENUM, 0.6f,
                   "short scrap under the text, set apart by white (damaged number)");
        else if (at == BP_GEO_TOP && (l->img->index > 0 || S_carries_number(l)) &&
                 !S_ends_sentence(l) && !(l->flags & BP_LF_HYPHEN_END))
            S_mark(l, BP_ROLE_HEADER, 0.75f,
                   "short line above the text of a page, set apart by white");
    }
}

/* ---- blocks (pass 2) ------------------------------------------------------------ */

static bool S_short(const bp_layout *lo, const bp_line *l)
{
    /* a side-by-side column's line against its column (columns.c) */
    return S_vislen(l) * 5 < (l->col_width ? l->col_width : lo->width) * 4;
}

static bp_line *S_abs(bp_doc *d, uint64_t abs)
{
    return abs != UINT64_MAX && abs >= d->base && abs - d->base < d->nlines
               ? &d->lines[abs - d->base]
               : NULL;
}

/* After a line that ends a sentence, is line i of d a heading even though
 * that line was full width?  It is short, starts with a capital or a
 * number, does not end like a sentence or a clause, and looks like a
 * heading: capitals, a section number ("2.1."), or the text after it
 * starts a paragraph (indented, or after a blank line). */
static bool S_heading_after(const bp_layout *lo, const bp_doc *d, size_t i)
{
    const bp_line *l = &d->lines[i];
    uint32_t lp = S_last_punct(l);
    if (!S_short(lo, l) || S_ends_sentence(l) || lp == ',' || !S_starts_upper(l) ||
        (l->flags & BP_LF_HYPHEN_END))
        return false;
    if (S_all_caps(l) || S_section_number(l))
        return true;
    size_t j = i + 1;
    while (j < d->nlines && d->lines[j].len == 0)
        j++;
    if (j >= d->nlines || (d->lines[j].flags & BP_LF_PAGE_START))
        return false;
    return (j > i + 1 && !lo->blank_style) ||
           (!lo->blank_style && d->lines[j].indent >= lo->base_indent + 2);
}

/* Gives a heading the layout found by the shape of its text a reason,
 * unless another stage's evidence (geometry, sections) gave one: such a
 * decision is sure only as far as the shape goes. */
static void S_head_why(bp_line *first, float cert, const char *why)
{
    if (first->st_why)
        return;
    first->st_cert = cert;
    first->st_why = why;
}

/* Closes the open block: a heading when it is one or two lines, ends
 * short and without a full stop or comma, or is one line of capitals. */
static void S_close_block(bp_layout *lo, bp_doc *d)
{
    bp_line *first = S_abs(d, lo->block_start);
    if (!first || !lo->have_prev || (first->flags & (BP_LF_STRUCTURE | BP_LF_TABLE))) /* structure.c */
        return;
    if ((lo->block_lines <= 2 && !lo->prev_sentence && !lo->prev_comma && lo->prev_short) ||
        (lo->block_lines == 1 && lo->prev_caps_open)) {
        first->block = lo->block_kind = BP_BLOCK_HEAD;
        S_head_why(first, 0.7f, lo->block_lines == 1 && lo->prev_caps_open
                              ? "one line of capitals: a heading"
                              : "one or two short lines without a full stop or comma, then a "
                                "new block: a heading");
    }
}

/* Cuts the body lines of [from, to) into blocks and names each block's
 * kind, carrying the state of the last line from unit to unit. */
static void S_blocks(bp_layout *lo, bp_doc *d, size_t from, size_t to, bool last)
{
    for (size_t i = from; i < to; i++) {
        bp_line *l = &d->lines[i];
        lo->page_between |= (l->flags & BP_LF_PAGE_START) != 0;
        lo->input_between |= (l->flags & BP_LF_INPUT_START) != 0;
        if (l->role != BP_ROLE_BODY) {
            /* the blank lines that only set page furniture apart say
             * nothing about paragraphs: a paragraph runs on over a page */
            if (l->role != BP_ROLE_BLANK && l->len > 0) {
                lo->blank_between = false;
                lo->after_fw = true;
            } else {
                lo->nblank++;
                if (!lo->after_fw)
                    lo->blank_between = true;
            }
            continue;
        }
        bool p_hyph = lo->prev_hyphen, p_sent = lo->prev_sentence, p_short = lo->prev_short;
        bool p_colon = lo->prev_colon, p_comma = lo->prev_comma;
        bool blank_between = lo->blank_between;
        bool brk;
        bool indented = !lo->blank_style && l->indent >= lo->base_indent + 2 &&
                        !(l->flags & BP_LF_COLUMN_START);
        if (indented)
            l->flags |= BP_LF_INDENTED;
        bool list = S_list_marker(l);
        int32_t item = S_numbered_item(l);
        bool headkw = !p_hyph && S_heading_start(l);
        bool in_kwhead = lo->block_start != UINT64_MAX && lo->block_head_kw;
        float gcert = 0;
        const char *gwhy = NULL;
        bp_geo_start geo = l->img ? bp_geo_block_start(d, i, &gcert, &gwhy) : BP_GEO_NONE;
        bool geo_head = lo->geo_head;
        if (lo->have_prev && (l->flags & BP_LF_TRUNCATED)) {
            brk = false; /* the rest of a line over 64 KiB the reader cut */
        } else if (!lo->have_prev || headkw || lo->input_between) {
            brk = true; /* another input of the document never runs on */
        } else if (p_hyph) {
            /* a line-end break crosses a gap only where the word goes on */
            brk = !bp_break_crosses(lo->prev_digit, l, lo->nblank, lo->page_between,
                                    lo->blank_style);
        } else if (in_kwhead && (p_sent || S_ends_sentence(l) || lo->block_lines >= 3 ||
                                 (S_starts_upper(l) && !S_short(lo, l)))) {
            /* A heading ends where the text starts: a full line with a
             * capital, or a line that ends like a sentence (headings don't);
             * a short capitalised line is the heading's rest (Azərbaycan /
             * Respublikasının qanunvericiliyi). */
            brk = true;
        } else if (indented || geo != BP_GEO_NONE || geo_head) {
            brk = true; /* geometry: the page shows a block starts here */
        } else if (p_sent && item && (item == 1 || item == lo->item_num + 1)) {
            brk = true; /* the next numbered item, however long the last line */
        } else if (p_sent && S_heading_after(lo, d, i)) {
            brk = true;
        } else if (p_sent && (p_short || (lo->blank_style && lo->prev_trail >= 2) ||
                              (!lo->blank_style && blank_between))) {
            brk = true;
        } else if (list && (p_sent || p_colon)) {
            brk = true;
        } else if (p_colon && lo->block_start != UINT64_MAX && lo->block_kind == BP_BLOCK_ITEM) {
            brk = true; /* list items end in ';' or '.' */
        } else if (!p_sent && !p_comma && p_short && S_starts_upper(l)) {
            brk = true; /* a heading's last line */
        } else if (!lo->blank_style && blank_between && p_short && S_starts_upper(l)) {
            brk = true; /* OCR: a short line, a gap, a capital (the full stop
                           may have been misread as a comma) */
        } else {
            brk = false;
        }

        if (brk) {
            S_close_block(lo, d);
            l->block = headkw ? BP_BLOCK_HEAD
                       : (list || (p_colon && !S_starts_upper(l))) ? BP_BLOCK_ITEM
                                                                   : BP_BLOCK_P;
            lo->block_start = d->base + i;
            lo->block_kind = l->block;
            lo->block_lines = 0;
            lo->block_head_kw = headkw;
            if (item)
                lo->item_num = item;
            if (geo == BP_GEO_HEADING && !S_ends_sentence(l))
                l->block = lo->block_kind = BP_BLOCK_HEAD;
            if (geo != BP_GEO_NONE) {
                l->st_cert = gcert;
                l->st_why = gwhy;
            }
            if (headkw)
                S_head_why(l, 0.9f, "a heading word and its number (Maddə 5, II fəsil) or a "
                                    "letter-spaced line: a heading");
        } else {
            l->block = BP_BLOCK_CONT;
        }
        lo->block_lines++;
        lo->have_prev = true;
        lo->prev_hyphen = (l->flags & BP_LF_HYPHEN_END) != 0;
        lo->prev_sentence = S_ends_sentence(l);
        lo->prev_short = S_short(lo, l);
        uint32_t lp = S_last_punct(l);
        lo->prev_colon = lp == ':' || lp == ';';
        lo->prev_comma = lp == ',';
        lo->prev_trail = l->trail;
        lo->prev_caps_open = S_all_caps(l) && !S_ends_final(l);
        lo->prev_digit = bp_break_after_digit(l);
        lo->geo_head = geo == BP_GEO_HEADING;
        lo->blank_between = lo->page_between = lo->input_between = false;
        lo->nblank = 0;
        lo->after_fw = false;
    }
    /* the document's last block: a heading only if it ends like one, and
     * not when it is the whole document */
    if (last && lo->have_prev && lo->block_lines <= 2 && !lo->prev_sentence && !lo->prev_comma &&
        lo->prev_short && lo->block_start != UINT64_MAX && lo->block_start > lo->doc_first) {
        bp_line *first = S_abs(d, lo->block_start);
        if (first && !(first->flags & (BP_LF_STRUCTURE | BP_LF_TABLE))) {
            first->block = BP_BLOCK_HEAD;
            S_head_why(first, 0.7f, "the document's last block, one or two short lines without a "
                              "full stop or comma: a heading");
        }
    }
    if (last)
        lo->block_start = UINT64_MAX;
}

void bp_layout_unit(bp_layout *lo, bp_doc *d, size_t from, size_t to, bool last)
{
    if (to > d->nlines)
        to = d->nlines;
    for (size_t i = from; i < to; i++) {
        bp_line *l = &d->lines[i];
        l->role = l->len == 0 ? BP_ROLE_BLANK : BP_ROLE_BODY;
        l->block = BP_BLOCK_CONT;
        l->fw_why = NULL;
        l->fw_cert = 0;
        l->flags &= ~(uint32_t)(BP_LF_COLUMN_START | BP_LF_INDENTED | BP_LF_STRUCTURE);
        if (l->flags & BP_LF_COLUMN_CUT)
            l->flags |= BP_LF_COLUMN_START;
        if (l->flags & BP_LF_PAGE_START)
            l->pnum = -1;
        if (l->img)
            l->st_why = NULL; /* geometry.c's evidence is taken afresh */
        if (lo->doc_first == UINT64_MAX && l->len > 0)
            lo->doc_first = d->base + i;
    }
    d->blank_style = lo->blank_style;
    if (lo->blank_style)
        S_blank_furniture(lo, d, from, to);
    if (lo->paged)
        S_paged_furniture(lo, d, from, to, last);
    else if (!lo->blank_style)
        S_repeated_furniture(lo, d, from, to);
    S_geo_furniture(d, from, to);
    S_blocks(lo, d, from, to, last);
    bp_structure_unit(d, from, to);
    bp_tables_blocks(d, from, to);
}

uint64_t bp_layout_open_block(const bp_layout *lo)
{
    /* only a block of one or two lines can still become a heading */
    return lo->block_lines <= 2 ? lo->block_start : UINT64_MAX;
}

void bp_layout_run(bp_layout *lo, bp_doc *d, size_t from, bool final)
{
    for (size_t i = from; i < d->nlines; i++)
        bp_layout_survey(lo, d, i);
    bp_layout_survey_end(lo);
    /* units as the pipeline numbers them: a page, or BP_LAYOUT_UNIT lines */
    uint32_t unit = 0, n = 0;
    for (size_t i = from; i < d->nlines; i++) {
        if (i > from && (d->lines[i].page != d->lines[i - 1].page || n >= BP_LAYOUT_UNIT)) {
            unit++;
            n = 0;
        }
        d->lines[i].unit = unit;
        n++;
    }
    /* side-by-side columns, as the pipeline cuts them: every unit before
     * any is laid out (out of memory leaves a unit as it was) */
    for (size_t a = from; a < d->nlines;) {
        size_t b = a, e;
        while (b < d->nlines && d->lines[b].unit == d->lines[a].unit)
            b++;
        a = bp_columns_unit(d, a, b, &e) == BERPA_OK ? e : b;
    }
    for (size_t a = from; a < d->nlines;) {
        size_t b = a;
        while (b < d->nlines && d->lines[b].unit == d->lines[a].unit)
            b++;
        bp_layout_unit(lo, d, a, b, final && b == d->nlines);
        a = b;
    }
}
