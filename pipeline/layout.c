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

struct bp_layout {
    /* the last BODY line of the previous window, for its successor */
    bool have_prev;
    bool prev_hyphen, prev_sentence, prev_short, prev_colon, prev_comma;
    uint32_t prev_trail;
    /* after the last BODY line dropped: blank lines, a page break; and
     * whether its line-end break follows a digit (bp_break_crosses) */
    unsigned tail_blanks;
    bool tail_page, prev_digit;
    bool prev_in_head;
    /* running heads confirmed so far (folded letters only) */
    char heads[S_MAX_HEADS][S_HEAD_LEN];
    size_t nheads;
    uint32_t width;        /* typical line length in characters         */
    uint32_t base_indent;  /* typical indent of body lines              */
    bool style_known;
};

bp_layout *bp_layout_new(void) { return calloc(1, sizeof(bp_layout)); }
void bp_layout_free(bp_layout *lo) { free(lo); }

/* ---- small text predicates ------------------------------------------------ */
static uint32_t S_chars(const char *s, size_t n)
{
    uint32_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static uint32_t S_vislen(const bp_line *l) { return l->indent + S_chars(l->text, l->len); }

static bool S_is_closer(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
           cp == 0x2019 || cp == 0x00BB || cp == 0x203A || cp == 0x201C;
}

/* The last character that is not a closing quote or bracket. */
static uint32_t S_last_punct(const bp_line *l)
{
    size_t n = l->len, k;
    while (n > 0) {
        uint32_t cp = bp_utf8_prev(l->text, n, &k);
        if (!S_is_closer(cp))
            return cp;
        n -= k;
    }
    return 0;
}

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

static bool S_all_caps(const bp_line *l)
{
    size_t k, letters = 0;
    for (size_t i = 0; i < l->len; i += k) {
        uint32_t cp = bp_utf8_next(l->text + i, l->len - i, &k);
        if (bp_az_is_letter(cp)) {
            if (!bp_az_is_upper(cp))
                return false;
            letters++;
        }
    }
    return letters >= 3;
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

static size_t S_dist(const char *sa, size_t sna, const char *sb, size_t snb)
{
    uint32_t a[S_HEAD_LEN], b[S_HEAD_LEN];
    size_t na = S_decode(sa, sna, a), nb = S_decode(sb, snb, b);
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

static bool S_similar(const char *a, size_t na, const char *b, size_t nb)
{
    if (na < 3 || nb < 3)
        return false;
    size_t ca = S_chars(a, na), cb = S_chars(b, nb);
    size_t longer = ca > cb ? ca : cb, diff = ca > cb ? ca - cb : cb - ca;
    if (diff * 5 > longer)
        return false; /* the distance is at least the length difference */
    return S_dist(a, na, b, nb) * 5 <= longer;
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

/* ---- passes -------------------------------------------------------------------- */

/* The value at quantile q (0..1) of a histogram of n samples. */
static uint32_t S_quantile(const uint32_t *hist, size_t nbins, size_t n, double q)
{
    size_t want = (size_t)(n * q), acc = 0;
    for (size_t v = 0; v < nbins; v++) {
        acc += hist[v];
        if (acc > want)
            return (uint32_t)v;
    }
    return (uint32_t)(nbins - 1);
}

/* Decides blank style and the typical width and indent from this window
 * (histograms: lines are short, so this stays linear). */
static void S_measure(bp_layout *lo, bp_doc *d, size_t from)
{
    enum { NB = 512 };
    uint32_t wh[NB] = { 0 }, ih[NB] = { 0 };
    size_t nonblank = 0, then_blank = 0;
    for (size_t i = from; i < d->nlines; i++) {
        const bp_line *l = &d->lines[i];
        if (l->len == 0)
            continue;
        nonblank++;
        if (i + 1 < d->nlines && d->lines[i + 1].len == 0 &&
            !(d->lines[i + 1].flags & BP_LF_PAGE_START))
            then_blank++;
        uint32_t w = S_vislen(l);
        wh[w < NB ? w : NB - 1]++;
        ih[l->indent < NB ? l->indent : NB - 1]++;
    }
    if (!lo->style_known && nonblank >= 4) {
        d->blank_style = then_blank * 10 >= nonblank * 9;
        lo->style_known = nonblank >= 40;
    }
    if (nonblank >= 4) {
        lo->width = S_quantile(wh, NB, nonblank, 0.75);
        lo->base_indent = S_quantile(ih, NB, nonblank, 0.5);
    } else if (!lo->width) {
        lo->width = 60;
    }
}

/* First and last non-blank lines of page p starting at index i; returns the
 * index after the page. */
static size_t S_page_span(const bp_doc *d, size_t i, size_t *first, size_t *last)
{
    uint32_t p = d->lines[i].page;
    size_t j = i;
    *first = *last = d->nlines;
    for (; j < d->nlines && d->lines[j].page == p; j++) {
        if (d->lines[j].len == 0)
            continue;
        if (*first == d->nlines)
            *first = j;
        *last = j;
    }
    return j;
}

/* Running heads and page numbers of form-feed pages.  The window keeps an
 * eighth of itself as context, so a page's neighbours are usually there. */
static void S_paged_furniture(bp_layout *lo, bp_doc *d, size_t from, bool final)
{
    enum { MAXP = 4096 };
    size_t firsts[MAXP], lasts[MAXP], starts[MAXP], np = 0;
    for (size_t i = from; i < d->nlines && np < MAXP;) {
        size_t f, l;
        starts[np] = i;
        i = S_page_span(d, i, &f, &l);
        firsts[np] = f;
        lasts[np] = l;
        np++;
    }
    bool multi = np > 1 || lo->nheads > 0;
    for (size_t p = 0; p < np; p++) {
        size_t f = firsts[p], l = lasts[p];
        if (f == d->nlines)
            continue;
        int32_t num;
        /* page number at the bottom (also an OCR-damaged one: a scrap of at
         * most four characters standing alone under the text) */
        if (S_pagenum_text(&d->lines[l], &num) ||
            (multi && l > f && S_chars(d->lines[l].text, d->lines[l].len) <= 4 &&
             d->lines[l - 1].len == 0 && !(d->lines[l].flags & BP_LF_HYPHEN_END))) {
            d->lines[l].role = BP_ROLE_PAGENUM;
            if (S_pagenum_text(&d->lines[l], &num) && num >= 0)
                d->lines[starts[p]].pnum = num;
            while (l > f && d->lines[--l].len == 0) {
            }
        }
        /* page number at the top */
        if (f < l && S_pagenum_text(&d->lines[f], &num)) {
            d->lines[f].role = BP_ROLE_PAGENUM;
            if (num >= 0)
                d->lines[starts[p]].pnum = num;
            while (f < l && d->lines[++f].len == 0) {
            }
        }
        if (!multi || f >= l)
            continue;
        /* running head: the first line, repeated on a neighbouring page */
        char a[S_HEAD_LEN], b[S_HEAD_LEN];
        size_t na = S_fold(&d->lines[f], a, sizeof a);
        bool head = S_known_head(lo, a, na);
        /* two pages either way: books alternate heads (title on the left
         * page, chapter on the right) */
        for (size_t q = p > 1 ? p - 2 : 0; !head && q < np && q <= p + 2; q++) {
            if (q == p || firsts[q] == d->nlines)
                continue;
            size_t qf = firsts[q];
            int32_t dummy;
            if (S_pagenum_text(&d->lines[qf], &dummy))
                qf = bp_doc_next_body(d, qf);
            if (qf >= d->nlines || d->lines[qf].page != d->lines[firsts[q]].page)
                continue;
            size_t nb = S_fold(&d->lines[qf], b, sizeof b);
            head = S_similar(a, na, b, nb);
        }
        if (head) {
            d->lines[f].role = BP_ROLE_HEADER;
            S_add_head(lo, a, na);
        }
        /* a running foot: the last line, repeated on a neighbouring page */
        size_t nl = S_fold(&d->lines[l], a, sizeof a);
        for (size_t q = p > 1 ? p - 2 : 0; q < np && q <= p + 2 && l > f; q++) {
            if (q == p || lasts[q] == d->nlines || d->lines[lasts[q]].role != BP_ROLE_BODY)
                continue;
            size_t nb = S_fold(&d->lines[lasts[q]], b, sizeof b);
            if (nl >= 6 && S_similar(a, nl, b, nb)) {
                d->lines[l].role = BP_ROLE_FOOTER;
                break;
            }
        }
    }
    (void)final;
}

/* Blank style: a leading space starts a column; a column-start line
 * followed straight by another column start is a running head; page
 * numbers stand alone. */
static void S_blank_furniture(bp_layout *lo, bp_doc *d, size_t from)
{
    for (size_t i = from; i < d->nlines; i++) {
        bp_line *l = &d->lines[i];
        if (l->len == 0)
            continue;
        int32_t num;
        if (S_pagenum_text(l, &num)) {
            l->role = BP_ROLE_PAGENUM;
            continue;
        }
        if (l->indent > 0 || (l->flags & BP_LF_PAGE_START))
            l->flags |= BP_LF_COLUMN_START;
    }
    for (size_t i = from; i < d->nlines; i++) {
        bp_line *l = &d->lines[i];
        if (l->role != BP_ROLE_BODY || !(l->flags & BP_LF_COLUMN_START))
            continue;
        char a[S_HEAD_LEN];
        size_t na = S_fold(l, a, sizeof a);
        size_t j = i + 1;
        while (j < d->nlines && d->lines[j].len == 0)
            j++;
        bool next_col = j < d->nlines && (d->lines[j].flags & BP_LF_COLUMN_START) &&
                        !(l->flags & BP_LF_HYPHEN_END) && !S_ends_sentence(l);
        if (next_col || S_known_head(lo, a, na)) {
            l->role = BP_ROLE_HEADER;
            S_add_head(lo, a, na);
        }
    }
}

/* Is line i set apart: blank (or nothing) right before and after it? */
static bool S_isolated(const bp_doc *d, size_t i)
{
    return (i == 0 || d->lines[i - 1].len == 0) && (i + 1 >= d->nlines || d->lines[i + 1].len == 0);
}

/* Without form feeds the pages still show: a short line set apart by
 * blank lines that recurs (running head), or a lone number (page number).
 * Not for blank style, where every line stands apart: there a running
 * head is a column start right before another (S_blank_furniture). */
static void S_repeated_furniture(bp_layout *lo, bp_doc *d, size_t from)
{
    enum { MAXC = 64, MINREP = 3 };
    char ex[MAXC][S_HEAD_LEN];
    size_t exn[MAXC], cnt[MAXC], nc = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = from; i < d->nlines; i++) {
            bp_line *l = &d->lines[i];
            if (l->role != BP_ROLE_BODY || l->len > 80 || (l->flags & BP_LF_HYPHEN_END))
                continue;
            if (!S_isolated(d, i))
                continue;
            int32_t num;
            if (pass == 1 && S_pagenum_text(l, &num)) {
                l->role = BP_ROLE_PAGENUM;
                continue;
            }
            if (S_ends_sentence(l))
                continue;
            char f[S_HEAD_LEN];
            size_t nf = S_fold(l, f, sizeof f);
            if (nf < 3)
                continue;
            size_t c = 0;
            while (c < nc && !S_similar(ex[c], exn[c], f, nf))
                c++;
            if (pass == 0) {
                if (c == nc && nc < MAXC) {
                    memcpy(ex[nc], f, nf + 1);
                    exn[nc] = nf;
                    cnt[nc++] = 0;
                }
                if (c < nc)
                    cnt[c]++;
            } else if ((c < nc && cnt[c] >= MINREP) || S_known_head(lo, f, nf)) {
                l->role = BP_ROLE_HEADER;
                S_add_head(lo, f, nf);
            }
        }
    }
}

static bool S_short(const bp_layout *lo, const bp_line *l)
{
    return S_vislen(l) * 5 < lo->width * 4;
}

/* Cuts the body into blocks and names each block's kind. */
static void S_blocks(bp_layout *lo, bp_doc *d, size_t from, bool final)
{
    bool have_prev = lo->have_prev;
    bool p_hyph = lo->prev_hyphen, p_sent = lo->prev_sentence, p_short = lo->prev_short;
    bool p_colon = lo->prev_colon, p_comma = lo->prev_comma;
    uint32_t p_trail = lo->prev_trail;
    bool blank_between = false, page_between = lo->tail_page, p_digit = lo->prev_digit;
    unsigned nblank = lo->tail_blanks;
    size_t block_start = d->nlines, block_lines = 0;
    bp_line *prev = NULL;

    for (size_t i = from; i < d->nlines; i++) {
        bp_line *l = &d->lines[i];
        page_between |= (l->flags & BP_LF_PAGE_START) != 0;
        if (l->role != BP_ROLE_BODY) {
            if (l->role == BP_ROLE_BLANK || l->len == 0) {
                blank_between = true;
                nblank++;
            }
            continue;
        }
        bool brk;
        bool indented = !d->blank_style && l->indent >= lo->base_indent + 2 &&
                        !(l->flags & BP_LF_COLUMN_START);
        if (indented)
            l->flags |= BP_LF_INDENTED;
        bool list = S_list_marker(l);
        bool headkw = !p_hyph && S_heading_start(l);
        bool in_kwhead = block_start < d->nlines && d->lines[block_start].block == BP_BLOCK_HEAD;
        if (!have_prev || headkw) {
            brk = true;
        } else if (p_hyph) {
            brk = !bp_break_crosses(p_digit, l, nblank, page_between, d->blank_style);
        } else if (in_kwhead && (p_sent || S_ends_sentence(l) || block_lines >= 3 ||
                                 (S_starts_upper(l) && !S_short(lo, l)))) {
            /* A heading ends where the text starts: a full line with a
             * capital, or a line that ends like a sentence (headings don't);
             * a short capitalised line is the heading's rest (Azərbaycan /
             * Respublikasının qanunvericiliyi). */
            brk = true;
        } else if (indented) {
            brk = true;
        } else if (p_sent && (p_short || (d->blank_style && p_trail >= 2) ||
                              (!d->blank_style && blank_between))) {
            brk = true;
        } else if (list && (p_sent || p_colon)) {
            brk = true;
        } else if (p_colon && block_start < d->nlines &&
                   d->lines[block_start].block == BP_BLOCK_ITEM) {
            brk = true; /* list items end in ';' or '.' */
        } else if (!p_sent && !p_comma && p_short && S_starts_upper(l)) {
            brk = true; /* a heading's last line */
        } else if (!d->blank_style && blank_between && p_short && S_starts_upper(l)) {
            brk = true; /* OCR: a short line, a gap, a capital (the full stop
                           may have been misread as a comma) */
        } else {
            brk = false;
        }

        if (brk) {
            /* close the previous block: a heading when it is one or two
             * lines, ends short and without a full stop or comma */
            if (prev && block_start < d->nlines && block_lines <= 2 && !p_sent && !p_comma &&
                p_short)
                d->lines[block_start].block = BP_BLOCK_HEAD;
            else if (prev && block_start < d->nlines && block_lines == 1 && S_all_caps(prev) &&
                     !S_ends_final(prev))
                d->lines[block_start].block = BP_BLOCK_HEAD;
            l->block = headkw ? BP_BLOCK_HEAD
                       : (list || (p_colon && !S_starts_upper(l))) ? BP_BLOCK_ITEM
                                                                   : BP_BLOCK_P;
            block_start = i;
            block_lines = 0;
        } else {
            l->block = BP_BLOCK_CONT;
        }
        block_lines++;
        have_prev = true;
        p_hyph = (l->flags & BP_LF_HYPHEN_END) != 0;
        p_digit = bp_break_after_digit(l);
        p_sent = S_ends_sentence(l);
        p_short = S_short(lo, l);
        uint32_t lp = S_last_punct(l);
        p_colon = lp == ':' || lp == ';';
        p_comma = lp == ',';
        p_trail = l->trail;
        blank_between = page_between = false;
        nblank = 0;
        prev = l;
    }
    /* the document's last block: a heading only if it ends like one */
    if (final && prev && block_start < d->nlines && block_lines <= 2 && !p_sent && !p_comma &&
        p_short && block_start != from)
        d->lines[block_start].block = BP_BLOCK_HEAD;
}

void bp_layout_run(bp_layout *lo, bp_doc *d, size_t from, bool final)
{
    if (from >= d->nlines)
        return;
    for (size_t i = from; i < d->nlines; i++) {
        bp_line *l = &d->lines[i];
        l->role = l->len == 0 ? BP_ROLE_BLANK : BP_ROLE_BODY;
        l->block = BP_BLOCK_CONT;
        l->flags &= ~(uint32_t)(BP_LF_COLUMN_START | BP_LF_INDENTED);
        if (l->flags & BP_LF_PAGE_START)
            l->pnum = -1;
    }
    S_measure(lo, d, from);
    bool paged = false;
    for (size_t i = from; i < d->nlines && !paged; i++)
        paged = d->lines[i].page > 0;
    if (d->blank_style)
        S_blank_furniture(lo, d, from);
    if (paged)
        S_paged_furniture(lo, d, from, final);
    else if (!d->blank_style)
        S_repeated_furniture(lo, d, from);
    S_blocks(lo, d, from, final);
}

void bp_layout_commit(bp_layout *lo, const bp_doc *d, size_t cut)
{
    /* the last BODY line among the lines about to be dropped */
    lo->tail_blanks = 0;
    lo->tail_page = false;
    for (size_t i = cut; i-- > 0;) {
        const bp_line *l = &d->lines[i];
        lo->tail_page |= (l->flags & BP_LF_PAGE_START) && l->role != BP_ROLE_BODY;
        if (l->role != BP_ROLE_BODY) {
            lo->tail_blanks += l->role == BP_ROLE_BLANK || l->len == 0;
            continue;
        }
        lo->prev_digit = bp_break_after_digit(l);
        lo->have_prev = true;
        lo->prev_hyphen = (l->flags & BP_LF_HYPHEN_END) != 0;
        lo->prev_sentence = S_ends_sentence(l);
        lo->prev_short = S_short(lo, l);
        uint32_t lp = S_last_punct(l);
        lo->prev_colon = lp == ':' || lp == ';';
        lo->prev_comma = lp == ',';
        lo->prev_trail = l->trail;
        return;
    }
}
