/*
 * structure.c: structures beyond running prose, recognised from the text
 * after layout.c has cut a unit into blocks (bp_layout_unit calls
 * bp_structure_unit last).
 *
 *   verse      runs of short lines of parallel length, each opening with a
 *              capital though the line before ended in a comma or in no
 *              punctuation at all (prose wraps mid-sentence in lower case):
 *              one verse line a block (BP_BLOCK_STANZA / BP_BLOCK_VERSE),
 *              a stanza at each blank line; a lone number between verse
 *              lines is a page number; a line of capitals next to verse is
 *              the poem's title.
 *
 * A unit's lines are decided from the units BP_LAYOUT_CONTEXT either side
 * and nothing more (by unit number, not by what happens to be in memory),
 * so the decisions never depend on the window.  Lines after the unit are
 * not laid out yet: only their text is looked at.
 */
#include "stages.h"

#include <string.h>

#define S_VERSE_MAX_CHARS 60   /* longer lines are prose (a verse line of
                                  Azerbaijani metre has 7..16 syllables)   */
#define S_VERSE_MIN_LINES 4    /* fewer is a couplet we cannot tell apart  */
#define S_VERSE_MIN_SOFT 2     /* capitals after a comma or no punctuation */
#define S_VERSE_RATIO 16       /* neighbours' lengths within 1.6x (tenths) */
#define S_TITLE_MAX_CHARS 40

static uint32_t S_chars(const char *s, size_t n)
{
    uint32_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* The first letter or digit of the line (0: none). */
static uint32_t S_first_wordchar(const bp_line *l)
{
    size_t k;
    for (size_t i = 0; i < l->len; i += k) {
        uint32_t cp = bp_utf8_next(l->text + i, l->len - i, &k);
        if (bp_az_is_wordchar(cp))
            return cp;
    }
    return 0;
}

/* The last character that is not a closing quote or bracket (0: none). */
static uint32_t S_last_punct(const bp_line *l)
{
    size_t n = l->len, k;
    while (n > 0) {
        uint32_t cp = bp_utf8_prev(l->text, n, &k);
        if (!(cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
              cp == 0x2019 || cp == 0x00BB || cp == 0x201C))
            return cp;
        n -= k;
    }
    return 0;
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

/* A number standing alone ("37", "- 37 -"): no verse line is only that. */
static bool S_lone_number(const bp_line *l)
{
    size_t digits = 0;
    for (size_t i = 0; i < l->len; i++) {
        char c = l->text[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if (c != ' ' && c != '-')
            return false;
    }
    return digits > 0 && digits <= 4;
}

/* ---- verse ----------------------------------------------------------------- */

typedef enum { S_SKIP, S_NUM, S_CAND, S_BREAK } S_kind;

/* How a line takes part in a verse run: a candidate verse line, a line the
 * run passes over (blank, furniture, a lone number), or one that ends it. */
static S_kind S_verse_kind(const bp_line *l)
{
    if (l->len == 0 || (l->role != BP_ROLE_BODY && l->role != BP_ROLE_BLANK))
        return S_SKIP;
    if (S_lone_number(l))
        return S_NUM;
    if (S_chars(l->text, l->len) > S_VERSE_MAX_CHARS || S_all_caps(l))
        return S_BREAK;
    uint32_t cp = S_first_wordchar(l);
    return cp && bp_az_is_upper(cp) ? S_CAND : S_BREAK;
}

/* A line end after which prose would go on in lower case. */
static bool S_soft_end(const bp_line *l)
{
    uint32_t cp = S_last_punct(l);
    return cp == ',' || cp == ';' || cp == 0x2013 || cp == 0x2014 || cp == '-' ||
           bp_az_is_wordchar(cp);
}

/* A line ends in a comma or semicolon: prose would go on in lower case
 * (a capital there is a proper name at most). */
static bool S_comma_end(const bp_line *l)
{
    uint32_t cp = S_last_punct(l);
    return cp == ',' || cp == ';';
}

/* Prose flow inside a line: a sentence ends after a word of three or more
 * letters (not an initial, not a number) and a capital follows; or the
 * line ends in a hyphen (a word wrapped on). */
static bool S_prose_flow(const bp_line *l)
{
    if (l->flags & BP_LF_HYPHEN_END)
        return true;
    const char *s = l->text;
    size_t n = l->len, k;
    for (size_t i = 0; i + 2 < n; i++) {
        if ((s[i] != '.' && s[i] != '!' && s[i] != '?') || s[i + 1] != ' ')
            continue;
        size_t w = bp_word_back(s, i), letters = 0;
        for (size_t p = w; p < i; p += k)
            letters += bp_az_is_letter(bp_utf8_next(s + p, i - p, &k));
        uint32_t cp = bp_utf8_next(s + i + 2, n - i - 2, &k);
        if (letters >= 3 && bp_az_is_upper(cp))
            return true;
    }
    return false;
}

/* Do two neighbouring candidates belong to one run: lengths within
 * S_VERSE_RATIO tenths of each other, the same indent (a poem indented
 * inside prose keeps its own). */
static bool S_parallel(const bp_line *a, const bp_line *b, bool blank_style)
{
    uint32_t la = S_chars(a->text, a->len), lb = S_chars(b->text, b->len);
    uint32_t lo = la < lb ? la : lb, hi = la < lb ? lb : la;
    if (hi * 10 > lo * S_VERSE_RATIO)
        return false;
    if (blank_style)
        return true;
    uint32_t d = a->indent > b->indent ? a->indent - b->indent : b->indent - a->indent;
    return d < 2;
}

/* Marks the verse runs of [ca, cb) that reach into [from, to). */
static void S_verse(bp_doc *d, size_t ca, size_t cb, size_t from, size_t to)
{
    bool bs = d->blank_style;
    size_t i = ca;
    while (i < cb) {
        if (S_verse_kind(&d->lines[i]) != S_CAND) {
            i++;
            continue;
        }
        /* the run from candidate i: candidates with only skipped lines
         * between, each parallel to the one before */
        size_t n = 1, soft = 0, comma = 0, flow = S_prose_flow(&d->lines[i]), last = i,
               end = i + 1;
        for (size_t j = i + 1; j < cb; j++) {
            S_kind k = S_verse_kind(&d->lines[j]);
            if (k == S_SKIP || k == S_NUM)
                continue;
            if (k != S_CAND || !S_parallel(&d->lines[last], &d->lines[j], bs))
                break;
            soft += S_soft_end(&d->lines[last]);
            comma += S_comma_end(&d->lines[last]);
            flow += S_prose_flow(&d->lines[j]);
            n++;
            last = j;
            end = j + 1;
        }
        /* evidence: capitals after commas, at least one line in four;
         * against: sentences running on inside lines */
        if (n >= S_VERSE_MIN_LINES && soft >= S_VERSE_MIN_SOFT && comma >= S_VERSE_MIN_SOFT &&
            comma * 4 >= n && flow * 8 <= n && end > from && i < to) {
            float cert = n >= 8 && soft * 3 >= n ? 0.95f : n >= 6 ? 0.85f : 0.75f;
            /* a lone number right after the run is a page number too */
            size_t stop = end;
            for (size_t j = end; j < cb; j++) {
                S_kind k = S_verse_kind(&d->lines[j]);
                if (k == S_NUM)
                    stop = j + 1;
                else if (k != S_SKIP)
                    break;
            }
            bool gap = true; /* a stanza opens the run and follows a blank line */
            for (size_t j = i; j < stop; j++) {
                bp_line *l = &d->lines[j];
                S_kind k = S_verse_kind(l);
                if (l->len == 0 && !bs)
                    gap = true;
                if (j < from || j >= to || (k != S_CAND && k != S_NUM))
                    continue;
                if (k == S_NUM) {
                    l->role = BP_ROLE_PAGENUM;
                    l->st_cert = cert;
                    l->st_why = "a number alone between verse lines";
                    continue;
                }
                l->block = gap ? BP_BLOCK_STANZA : BP_BLOCK_VERSE;
                l->flags |= BP_LF_VERSE;
                l->st_cert = cert;
                l->st_why = "short lines of parallel length, each opening with a capital "
                            "after a comma or no punctuation";
                gap = false;
            }
        }
        i = end;
    }
}

/* What follows verse starts a block of its own, and a short line of
 * capitals next to verse is the poem's title. */
static void S_after_verse(bp_doc *d, size_t ca, size_t from, size_t to)
{
    const bp_line *prev = NULL;
    for (size_t j = ca; j < to; j++) {
        bp_line *l = &d->lines[j];
        if (l->role != BP_ROLE_BODY || l->len == 0)
            continue;
        if (j >= from && !(l->flags & BP_LF_VERSE)) {
            bool after = prev && (prev->flags & BP_LF_VERSE);
            size_t nx = bp_doc_next_body(d, j);
            bool before = nx < d->nlines && (d->lines[nx].flags & BP_LF_VERSE);
            if ((after || before) && S_all_caps(l) &&
                S_chars(l->text, l->len) <= S_TITLE_MAX_CHARS) {
                l->block = BP_BLOCK_HEAD;
                l->st_cert = 0.8f;
                l->st_why = "a line of capitals next to verse: the poem's title";
            } else if (after && l->block == BP_BLOCK_CONT) {
                l->block = BP_BLOCK_P;
            }
        }
        prev = l;
    }
}

void bp_structure_unit(bp_doc *d, size_t from, size_t to)
{
    if (from >= to || to > d->nlines)
        return;
    uint32_t u = d->lines[from].unit;
    uint32_t lo = u > BP_LAYOUT_CONTEXT ? u - BP_LAYOUT_CONTEXT : 0;
    uint32_t hi = u + BP_LAYOUT_CONTEXT;
    size_t ca = from, cb = to;
    while (ca > 0 && d->lines[ca - 1].unit >= lo && d->lines[ca - 1].unit < u)
        ca--;
    while (cb < d->nlines && d->lines[cb].unit <= hi && d->lines[cb].unit > u)
        cb++;
    S_verse(d, ca, cb, from, to);
    S_after_verse(d, ca, from, to);
}
