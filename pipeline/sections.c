/*
 * sections.c: the structures that divide a text rather than run through
 * it, recognised after layout.c has cut a unit into blocks (called from
 * bp_structure_unit, after verse, footnotes and lists):
 *
 *   separators  a line of only dashes, asterisks or underscores (---,
 *               * * *, ___): one block of its own (BP_BLOCK_SEP), and
 *               the line after it opens a new block.
 *   endnotes    under a heading that names a notes or references list
 *               (Qeydlər, İstinadlar, Ədəbiyyat, Mənbələr, "... siyahısı"),
 *               each line opening with a mark [1], 1. or 1) starts an
 *               endnote (BP_BLOCK_ENDNOTE), its wrapped lines go on with
 *               it; a line of the list that layout took for a running
 *               head or foot (the first line of endnotes that recur, a
 *               date line) is put back when it opens a note, or goes on
 *               with the note before and does not open a page.
 *               The list ends at a line that neither has a mark nor
 *               continues the note before.
 *
 * Like the rest of structure.c, a unit's lines are decided from the lines
 * of its context [ca, cb) only, so the decisions never depend on the window.
 */
#include "stages.h"

#include <string.h>

/* ---- separators ------------------------------------------------------------------ */

/* Is the character one a separator line is drawn with? */
static bool S_sep_char(uint32_t cp)
{
    return cp == '-' || cp == '*' || cp == '_' || cp == '=' || cp == '~' || cp == 0x2013 ||
           cp == 0x2014 || cp == 0x2015 || cp == 0x2212 || cp == 0x2042 || cp == 0x00B7 ||
           cp == 0x2022;
}

bool bp_separator_line(const bp_line *l)
{
    size_t k, marks = 0;
    bool star3 = false;
    for (size_t i = 0; i < l->len; i += k) {
        uint32_t cp = bp_utf8_next(l->text + i, l->len - i, &k);
        if (cp == ' ')
            continue;
        if (!S_sep_char(cp))
            return false;
        star3 |= cp == 0x2042; /* ⁂ alone is one */
        marks++;
    }
    return marks >= 3 || (star3 && marks >= 1);
}

static void S_separators(bp_doc *d, size_t ca, size_t from, size_t to)
{
    bool prev_sep = false;
    for (size_t j = ca; j < to; j++) {
        bp_line *l = &d->lines[j];
        if (l->role != BP_ROLE_BODY || l->len == 0)
            continue;
        bool sep = !(l->flags & BP_LF_NOTE) && bp_separator_line(l);
        if (j >= from && sep) {
            l->block = BP_BLOCK_SEP;
            l->flags = (l->flags & ~(uint32_t)BP_LF_VERSE) | BP_LF_SECTION;
            l->st_cert = 0.95f;
            l->st_why = "a line of only dashes, asterisks or underscores: a section separator";
        } else if (j >= from && prev_sep && l->block == BP_BLOCK_CONT) {
            l->block = BP_BLOCK_P;
        }
        prev_sep = sep;
    }
}

/* ---- endnotes -------------------------------------------------------------------- */

/* The number of an endnote mark opening the line, "[12] ", "12. " or
 * "12) " and text after it, or "[12]" alone (one to three digits), or -1. */
int bp_endnote_mark(const bp_line *l)
{
    const char *s = l->text;
    size_t n = l->len, i = s[0] == '[' ? 1 : 0, d0 = i;
    int v = 0;
    while (i < n && i - d0 < 3 && s[i] >= '0' && s[i] <= '9')
        v = v * 10 + (s[i++] - '0');
    if (i == d0 || i >= n)
        return -1;
    if (d0 ? s[i] != ']' : s[i] != '.' && s[i] != ')')
        return -1;
    if (++i == n && d0)
        return v; /* "[1]" alone: the note's text starts on the next line */
    return i + 1 < n && s[i] == ' ' && s[i + 1] != ' ' ? v : -1;
}

/* Words that name a list of notes or references as a heading's first word
 * (Qeydlər, Ədəbiyyat siyahısı) or, before "siyahısı", inside it (İstifadə
 * edilmiş mənbə sənədlərinin siyahısı); lower case, prefixes. */
static const char *const S_note_words[] = {
    "qeyd", "istinad", "ədəbiyyat", "mənbə", "izah", "şərh", "haşiyə", "dəyişiklik", NULL,
};

static bool S_note_word(const char *w, size_t n)
{
    for (const char *const *p = S_note_words; *p; p++) {
        size_t k = strlen(*p);
        if (n >= k && memcmp(w, *p, k) == 0)
            return true;
    }
    return false;
}

/* Does the whole line name a notes or references list: at most six words,
 * the first a note word, or the last "siyahısı" (list) or "ədəbiyyat" /
 * "mənbələr" after "istifadə ..." with a note word before it? */
/* A cheap test every heading passes: its first word is a note word or
 * "istifadə", or the line holds "siyahısı" (its "yah" in either case).
 * Most lines fail it on their first word, without lower-casing the line. */
static bool S_maybe_heading(const bp_line *l)
{
    size_t i = 0, st, en;
    bool hy;
    if (!bp_word_next(l->text, l->len, &i, &st, &en, &hy))
        return false;
    /* the note words and "istifadə" open with q i ə m ş h d, either case
     * (İ Ə Ş past ASCII): any other first letter goes straight to "yah" */
    unsigned char c0 = (unsigned char)l->text[st];
    if (c0 < 0x80 && !strchr("qQiImMhHdD", c0))
        return strstr(l->text, "yah") || strstr(l->text, "YAH");
    char low[64];
    size_t n = en - st < sizeof low / 2 ? bp_az_lower(l->text + st, en - st, low, sizeof low) : sizeof low;
    if (n < sizeof low && (S_note_word(low, n) || (n >= strlen("istifadə") &&
                                                   memcmp(low, "istifadə", strlen("istifadə")) == 0)))
        return true;
    return strstr(l->text, "yah") || strstr(l->text, "YAH");
}

bool bp_endnote_heading(const bp_line *l)
{
    char low[160];
    if (l->len == 0 || l->len >= sizeof low / 2 || !S_maybe_heading(l))
        return false;
    size_t n = bp_az_lower(l->text, l->len, low, sizeof low);
    if (n >= sizeof low)
        return false;
    while (n > 0 && (low[n - 1] == ':' || low[n - 1] == '.' || low[n - 1] == ' '))
        n--;
    size_t i = 0, st, en, words = 0;
    bool hy, first = false, any = false, list = false, letters_only = true;
    while (bp_word_next(low, n, &i, &st, &en, &hy)) {
        bool note = S_note_word(low + st, en - st);
        if (words == 0)
            first = note;
        any |= note;
        list = en - st == strlen("siyahısı") && memcmp(low + st, "siyahısı", en - st) == 0;
        list |= note && words > 0 && memcmp(low, "istifadə", strlen("istifadə")) == 0;
        for (size_t p = st; p < en; p++)
            letters_only &= !(low[p] >= '0' && low[p] <= '9');
        words++;
    }
    /* only words: no digits (a dated note), nothing but spaces between */
    for (size_t p = 0; p < n; p++)
        letters_only &= !(low[p] == ',' || low[p] == ';' || low[p] == '(');
    return letters_only && words >= 1 && words <= 6 && (first || (list && any));
}

bool bp_endnote_goes_on(bool prev_end, const bp_line *l)
{
    uint32_t first = bp_line_first_wordchar(l);
    return !bp_line_all_caps(l) && !(prev_end && first && bp_az_is_upper(first));
}

/* Is line j the first line with text of its page (where running heads
 * stand)?  Looks back to ca only. */
static bool S_page_top(const bp_doc *d, size_t ca, size_t j)
{
    size_t p = j;
    while (!(d->lines[p].flags & BP_LF_PAGE_START) && p > ca && d->lines[p - 1].len == 0)
        p--;
    return (d->lines[p].flags & BP_LF_PAGE_START) != 0;
}

/* The next line with text after j in [j+1, cb): its index, or cb. */
static size_t S_next_text(const bp_doc *d, size_t j, size_t cb)
{
    while (++j < cb && d->lines[j].len == 0)
        ;
    return j;
}

static void S_endnote_set(bp_line *l, bool opens, float cert, const char *why, uint64_t head)
{
    l->fn_line = head; /* the list's heading: the note's xml:id (notes.c) */
    l->role = BP_ROLE_BODY;
    l->block = opens ? BP_BLOCK_ENDNOTE : BP_BLOCK_CONT;
    l->flags = (l->flags & ~(uint32_t)BP_LF_VERSE) | BP_LF_SECTION;
    l->st_cert = cert;
    l->st_why = why;
}

static void S_endnotes(bp_doc *d, size_t ca, size_t cb, size_t from, size_t to)
{
    bool on = false, in_note = false, gap = false;
    const bp_line *prev = NULL;
    uint64_t head = 0; /* the open list's heading's line number */
    for (size_t j = ca; j < to; j++) {
        bp_line *l = &d->lines[j];
        if (l->len == 0) {
            gap = true;
            continue;
        }
        bool fw = l->role == BP_ROLE_HEADER || l->role == BP_ROLE_FOOTER;
        if ((l->role != BP_ROLE_BODY && !fw) || (l->flags & BP_LF_NOTE))
            continue;
        if (j < from && (l->flags & BP_LF_SECTION) && l->block != BP_BLOCK_SEP) {
            /* a list the units before decided goes on into this one
             * (its heading may lie beyond the context) */
            on = true;
            in_note = l->block != BP_BLOCK_HEAD;
            head = in_note ? l->fn_line : l->lineno;
            prev = l;
            gap = false;
            continue;
        }
        if (l->block == BP_BLOCK_SEP) {
            on = in_note = false; /* a separator ends the list */
            continue;
        }
        if (!l->heading_memo)
            l->heading_memo = bp_endnote_heading(l) ? 2 : 1;
        if (!fw && l->heading_memo == 2) {
            size_t nx = S_next_text(d, j, cb);
            on = nx < cb && bp_endnote_mark(&d->lines[nx]) >= 0;
            in_note = false;
            head = l->lineno;
            if (on && j >= from) {
                l->block = BP_BLOCK_HEAD;
                l->flags |= BP_LF_SECTION;
                l->st_cert = 0.9f;
                l->st_why = "a heading that names a list of notes or references, "
                            "marked lines after it";
            }
            prev = l;
            gap = false;
            continue;
        }
        if (!on) {
            if (!fw) {
                prev = l;
                gap = false;
            }
            continue;
        }
        int mark = bp_endnote_mark(l);
        /* a wrapped line of the note before: no blank line between (where
         * blank lines part blocks), and no new sentence in capitals */
        bool cont = in_note && mark < 0 && prev && (d->blank_style || !gap) &&
                    bp_endnote_goes_on(bp_line_ends_sentence(prev), l);
        /* furniture inside the list is put back when it opens a note, or
         * goes on with the note before and does not open a page (where a
         * running head would be: a note's line at the foot is still one) */
        if (fw && mark < 0 && (!cont || S_page_top(d, ca, j)))
            continue;
        if (mark >= 0) {
            in_note = true;
            if (j >= from)
                S_endnote_set(l, true, fw ? 0.75f : 0.9f,
                              fw ? "an endnote ([1], 1., 1)) under a notes heading, "
                                   "inside the page: kept, though its text recurs"
                                 : "an endnote ([1], 1., 1)) under a notes heading",
                              head);
        } else if (cont) {
            if (j >= from)
                S_endnote_set(l, false, fw ? 0.7f : 0.85f,
                              fw ? "a wrapped line of an endnote inside the page: kept, "
                                   "though its text recurs"
                                 : "a wrapped line of the endnote before",
                              head);
        } else {
            on = in_note = false;
        }
        prev = l;
        gap = false;
    }
}

void bp_sections_unit(bp_doc *d, size_t ca, size_t cb, size_t from, size_t to)
{
    S_separators(d, ca, from, to);
    S_endnotes(d, ca, cb, from, to);
}
