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
 *   footnotes  under a short rule (____) at a page's foot, or in its last
 *              lines when they open with a mark (¹, *) the page's text
 *              calls: BP_LF_NOTE lines, a BP_BLOCK_NOTE at each mark,
 *              beside the body flow; the rule is furniture (BP_ROLE_RULE).
 *              The paragraph they interrupt goes on after them.
 *   lists      numbered items ("2. Text") after a sentence's end, short
 *              lines after a colon (one item each); a line that opens
 *              with a dash is a dialogue turn, not an item, when another
 *              dash brings in the author's words.
 *
 * A unit's lines are decided from the units BP_LAYOUT_CONTEXT either side
 * and nothing more (by unit number, not by what happens to be in memory),
 * so the decisions never depend on the window.  Lines after the unit are
 * not laid out yet: only their text is looked at.
 */
#include "stages.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define S_VERSE_MAX_CHARS 60   /* longer lines are prose (a verse line of
                                  Azerbaijani metre has 7..16 syllables)   */
#define S_VERSE_MIN_LINES 4    /* fewer is a couplet we cannot tell apart  */
#define S_VERSE_MIN_SOFT 2     /* capitals after a comma or no punctuation */
#define S_VERSE_RATIO 16       /* neighbours' lengths within 1.6x (tenths) */
#define S_TITLE_MAX_CHARS 40

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

/* What the text alone says of a line in a verse run: a candidate verse
 * line, a lone number, or a line that ends a run. */
static S_kind S_text_kind(const bp_line *l)
{
    if (S_lone_number(l))
        return S_NUM;
    /* cheapest test first: most prose lines open in lower case, and no
     * line of more than 4 bytes a character can be short enough */
    uint32_t cp = bp_line_first_wordchar(l);
    if (!cp || !bp_az_is_upper(cp) || l->len > 4 * S_VERSE_MAX_CHARS)
        return S_BREAK;
    if (bp_utf8_chars(l->text, l->len) > S_VERSE_MAX_CHARS || bp_line_all_caps(l))
        return S_BREAK;
    return S_CAND;
}

/* How a line takes part in a verse run: a candidate verse line, a line the
 * run passes over (blank, furniture, a lone number), or one that ends it.
 * A line is looked at from every unit whose context holds it, so the
 * text's part of the answer is kept on the line (bp_line.verse_memo). */
static S_kind S_verse_kind(bp_line *l)
{
    if (l->len == 0 || (l->role != BP_ROLE_BODY && l->role != BP_ROLE_BLANK))
        return S_SKIP;
    if (!l->verse_memo)
        l->verse_memo = (uint8_t)S_text_kind(l);
    return (S_kind)l->verse_memo;
}

/* A line end after which prose would go on in lower case. */
static bool S_soft_end(const bp_line *l)
{
    uint32_t cp = bp_line_last_punct(l);
    return cp == ',' || cp == ';' || cp == 0x2013 || cp == 0x2014 || cp == '-' ||
           bp_az_is_wordchar(cp);
}

/* A line ends in a comma or semicolon: prose would go on in lower case
 * (a capital there is a proper name at most). */
static bool S_comma_end(const bp_line *l)
{
    uint32_t cp = bp_line_last_punct(l);
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
    uint32_t la = bp_utf8_chars(a->text, a->len), lb = bp_utf8_chars(b->text, b->len);
    uint32_t lo = la < lb ? la : lb, hi = la < lb ? lb : la;
    if (hi * 10 > lo * S_VERSE_RATIO)
        return false;
    if (blank_style)
        return true;
    uint32_t d = a->indent > b->indent ? a->indent - b->indent : b->indent - a->indent;
    return d < 2;
}

/* Stanzas separated by blank lines (where blank lines do not part every
 * line) that all have two lines (couplets: beyt, a ghazal, a divan) or
 * all four (rübai): verse by their shape, though their lines may end in no
 * comma at all.  n lines, `stanzas` of them, `size` lines each or 0. */
static bool S_stanza_shape(size_t n, size_t stanzas, size_t size)
{
    return (size == 2 && n >= 6) || (size == 4 && n >= 8 && stanzas >= 2);
}

/* Marks the verse runs of [ca, cb) that reach into [from, to). */
static void S_verse(bp_doc *d, size_t ca, size_t cb, size_t from, size_t to)
{
    bool bs = d->blank_style;
    /* each line's kind, once (the loops below look at lines again) */
    uint8_t *kv = malloc(cb - ca);
    for (size_t j = ca; kv && j < cb; j++)
        kv[j - ca] = (uint8_t)S_verse_kind(&d->lines[j]);
#define S_KIND(j) (kv ? (S_kind)kv[(j) - ca] : S_verse_kind(&d->lines[j]))
    size_t i = ca;
    while (i < cb) {
        if (S_KIND(i) != S_CAND) {
            i++;
            continue;
        }
        /* the run from candidate i: candidates with only skipped lines
         * between, each parallel to the one before; stanzas part at blank
         * lines, `size` is the common length of those inside the run (0:
         * they differ), the first and the last no longer */
        size_t n = 1, soft = 0, comma = 0, flow = S_prose_flow(&d->lines[i]), last = i,
               end = i + 1, stanzas = 1, cur = 1, first = 0, size = SIZE_MAX, prev_end = i + 1,
               last_start = i;
        bool blank = false;
        size_t j_end = i + 1; /* where the run's loop stopped (cb: no line ended it) */
        for (size_t j = i + 1; j < cb; j++, j_end = j) {
            S_kind k = S_KIND(j);
            if (k == S_SKIP || k == S_NUM) {
                blank |= d->lines[j].len == 0;
                continue;
            }
            if (k != S_CAND || !S_parallel(&d->lines[last], &d->lines[j], bs))
                break;
            soft += S_soft_end(&d->lines[last]);
            comma += S_comma_end(&d->lines[last]);
            flow += S_prose_flow(&d->lines[j]);
            if (blank && !bs) {
                prev_end = last + 1;
                last_start = j;
                if (stanzas == 1)
                    first = cur;
                else
                    size = size == SIZE_MAX || size == cur ? cur : 0;
                stanzas++;
                cur = 0;
            }
            cur++;
            blank = false;
            n++;
            last = j;
            end = j + 1;
        }
        /* a last stanza shorter than the others that the context's edge did
         * not cut is no part of the run (prose after the poem) */
        bool cut = j_end >= cb && !(cb >= d->nlines && d->seen_eof);
        if (!bs && stanzas >= 2 && !cut && last_start > i &&
            cur < (stanzas > 2 ? size : first) && size != 0) {
            n -= cur;
            end = prev_end;
            cur = stanzas > 2 ? size : first;
            stanzas--;
        }
        /* the first and last stanzas may be cut by the context's edges */
        if (stanzas == 2)
            size = first == cur ? cur : 0;
        else if (stanzas > 2 && (size < first || size < cur))
            size = 0;
        else if (stanzas < 2)
            size = 0;
        bool shape = !bs && S_stanza_shape(n, stanzas, size);
        /* evidence: capitals after commas, at least one line in four, or
         * the stanzas' shape; against: sentences running on inside lines */
        bool commas = soft >= S_VERSE_MIN_SOFT && comma >= S_VERSE_MIN_SOFT && comma * 4 >= n;
        if (n >= S_VERSE_MIN_LINES && (commas || shape) && flow * 8 <= n && end > from &&
            i < to) {
            float cert = n >= 8 && (soft * 3 >= n || shape) ? 0.95f : n >= 6 ? 0.85f : 0.75f;
            /* a lone number right after the run is a page number too */
            size_t stop = end;
            for (size_t j = end; j < cb; j++) {
                S_kind k = S_KIND(j);
                if (k == S_NUM)
                    stop = j + 1;
                else if (k != S_SKIP)
                    break;
            }
            bool gap = true; /* a stanza opens the run and follows a blank line */
            for (size_t j = i; j < stop; j++) {
                bp_line *l = &d->lines[j];
                S_kind k = S_KIND(j);
                if (l->len == 0 && !bs)
                    gap = true;
                if (k != S_CAND && k != S_NUM)
                    continue;
                /* the stanza's opening is decided on the lines before the
                 * unit too (else each unit would open a stanza) */
                bool opens = gap;
                if (k == S_CAND)
                    gap = false;
                if (j < from || j >= to)
                    continue;
                if (k == S_NUM) {
                    l->role = BP_ROLE_PAGENUM;
                    l->st_cert = cert;
                    l->st_why = "a number alone between verse lines";
                    continue;
                }
                l->block = opens ? BP_BLOCK_STANZA : BP_BLOCK_VERSE;
                l->flags |= BP_LF_VERSE | (opens && shape && size == 2 ? BP_LF_COUPLET : 0);
                l->st_cert = cert;
                l->st_why = commas ? "short lines of parallel length, each opening with a "
                                     "capital after a comma or no punctuation"
                            : size == 2 ? "couplets: pairs of short lines of parallel length "
                                          "opening with capitals, blank lines between"
                                        : "quatrains: stanzas of four short lines of parallel "
                                          "length opening with capitals";
            }
        }
        i = end;
    }
#undef S_KIND
    free(kv);
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
            if ((after || before) && bp_line_all_caps(l) &&
                bp_utf8_chars(l->text, l->len) <= S_TITLE_MAX_CHARS) {
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

/* ---- footnotes ------------------------------------------------------------- */

/* A superscript digit (¹ ² ³ ⁰ ⁴..⁹). */
static bool S_sup_digit(uint32_t cp)
{
    return cp == 0xB9 || cp == 0xB2 || cp == 0xB3 || cp == 0x2070 ||
           (cp >= 0x2074 && cp <= 0x2079);
}

/* The short rule printed above footnotes: underscores only, 5 to 40. */
static bool S_note_rule(const bp_line *l)
{
    if (l->len < 5 || l->len > 40)
        return false;
    for (size_t i = 0; i < l->len; i++)
        if (l->text[i] != '_')
            return false;
    return true;
}

/* Does the line open with a note mark: superscript digits or asterisks,
 * or (under a rule only) "1)", "1 " or "[1]", then text?  Stores the
 * mark's bytes in *mlen. */
static bool S_note_mark(const bp_line *l, bool ruled, size_t *mlen)
{
    const char *s = l->text;
    size_t n = l->len, i = 0, k;
    while (i < n) {
        uint32_t cp = bp_utf8_next(s + i, n - i, &k);
        if (!S_sup_digit(cp) && cp != '*')
            break;
        i += k;
    }
    if (i == 0 && ruled) {
        size_t j = s[0] == '[' ? 1 : 0;
        while (j < n && j < 4 && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j > (s[0] == '[' ? 1u : 0u) && j < n &&
            (s[j] == ')' || s[j] == ']' || s[j] == '.'))
            j++;
        i = j > 0 && j < n && s[j] == ' ' ? j : 0;
    }
    *mlen = i;
    return i > 0 && i + 1 < n;
}

/* Does the mark appear glued to a word in the body lines [a, b) above
 * (keçirildi.¹)? */
static bool S_mark_called(const bp_doc *d, size_t a, size_t b, const char *m, size_t mlen)
{
    for (size_t j = a; j < b; j++) {
        const bp_line *l = &d->lines[j];
        if (l->role != BP_ROLE_BODY || (l->flags & BP_LF_NOTE))
            continue;
        for (size_t p = 1; p + mlen <= l->len; p++)
            if (l->text[p - 1] != ' ' && memcmp(l->text + p, m, mlen) == 0)
                return true;
    }
    return false;
}

/* Marks the notes that start at line i (after a rule when `ruled`): each
 * line with a mark opens a note, the lines after it without one go on
 * with it, up to a blank line, furniture or the unit's end. */
static size_t S_mark_notes(bp_doc *d, size_t i, size_t to, bool ruled, float cert)
{
    bool any = false;
    for (; i < to; i++) {
        bp_line *l = &d->lines[i];
        size_t ml;
        if (l->role != BP_ROLE_BODY || l->len == 0)
            break;
        bool mark = S_note_mark(l, ruled, &ml);
        if (!mark && !any)
            break;
        l->flags |= BP_LF_NOTE;
        l->flags &= ~(uint32_t)BP_LF_VERSE;
        l->block = mark ? BP_BLOCK_NOTE : BP_BLOCK_CONT;
        l->st_cert = cert;
        l->st_why = ruled ? "a line with a note mark under the short rule at the page foot"
                          : "a line opening with a note mark the page's text calls, at its foot";
        any = true;
    }
    return i;
}

static void S_footnotes(bp_doc *d, size_t from, size_t to)
{
    /* under a rule */
    for (size_t i = from; i < to; i++) {
        bp_line *l = &d->lines[i];
        size_t ml, nx = i + 1;
        if (l->role != BP_ROLE_BODY || !S_note_rule(l) || nx >= to ||
            !S_note_mark(&d->lines[nx], true, &ml))
            continue;
        l->role = BP_ROLE_RULE;
        l->flags &= ~(uint32_t)BP_LF_VERSE;
        l->st_cert = 0.95f;
        l->st_why = "a short rule above lines with note marks";
        i = S_mark_notes(d, nx, to, true, 0.95f) - 1;
    }
    /* no rule: the last lines of a page that open with a superscript mark
     * or an asterisk the page's text calls */
    bool page_ends = to >= d->nlines || (d->lines[to].flags & BP_LF_PAGE_START);
    if (!page_ends)
        return;
    size_t last = to;
    while (last > from && d->lines[last - 1].role != BP_ROLE_BODY)
        last--;
    size_t top = last, first_mark = last;
    for (size_t j = last; j > from && last - j < 12;) {
        bp_line *l = &d->lines[--j];
        size_t ml;
        if (l->role != BP_ROLE_BODY || l->len == 0 || (l->flags & BP_LF_NOTE))
            break;
        if (S_note_mark(l, false, &ml)) {
            if (!S_mark_called(d, from, j, l->text, ml))
                break;
            first_mark = j;
        }
        top = j;
    }
    if (first_mark < last && top <= first_mark)
        S_mark_notes(d, first_mark, last, false, 0.8f);
}

/* The first body line after footnotes goes on with the paragraph they
 * interrupted when it opens in lower case after a line that ended no
 * sentence (layout saw the notes' last line before it). */
static void S_after_notes(bp_doc *d, size_t ca, size_t from, size_t to)
{
    for (size_t j = from; j < to; j++) {
        bp_line *l = &d->lines[j];
        if (l->role != BP_ROLE_BODY || (l->flags & (BP_LF_NOTE | BP_LF_VERSE)) ||
            l->block != BP_BLOCK_P)
            continue;
        size_t p = j;
        bool notes = false;
        while (p > ca) {
            const bp_line *q = &d->lines[--p];
            if (q->role == BP_ROLE_BODY && !(q->flags & BP_LF_NOTE))
                break;
            notes |= (q->flags & BP_LF_NOTE) != 0;
        }
        const bp_line *q = &d->lines[p];
        uint32_t first = bp_line_first_wordchar(l), end = bp_line_last_punct(q);
        if (notes && p < j && q->role == BP_ROLE_BODY && !(q->flags & BP_LF_NOTE) &&
            first && bp_az_is_letter(first) && !bp_az_is_upper(first) && end != '.' &&
            end != '!' && end != '?' && end != 0x2026 && !(q->flags & BP_LF_VERSE)) {
            l->block = BP_BLOCK_CONT;
            l->st_cert = 0.85f;
            l->st_why = "the paragraph goes on after the footnotes: a lower-case "
                        "start after a line that ended no sentence";
        }
    }
}

/* ---- lists ------------------------------------------------------------------ */

#define S_LIST_ITEM_CHARS 40   /* an unmarked item: a word or a short phrase */

/* "12. Text": a number of one to three digits, a full stop, a capital. */
static bool S_numbered(const bp_line *l)
{
    size_t i = 0, k;
    while (i < l->len && i < 3 && l->text[i] >= '0' && l->text[i] <= '9')
        i++;
    if (i == 0 || i + 2 >= l->len || l->text[i] != '.' || l->text[i + 1] != ' ')
        return false;
    return bp_az_is_upper(bp_utf8_next(l->text + i + 2, l->len - i - 2, &k));
}

/* The number of a "12. Text" line (S_numbered), or -1. */
static int S_item_number(const bp_line *l)
{
    if (!S_numbered(l))
        return -1;
    int v = 0;
    for (size_t i = 0; i < l->len && l->text[i] >= '0' && l->text[i] <= '9'; i++)
        v = v * 10 + (l->text[i] - '0');
    return v;
}

/* Is a line within S_LIST_NEAR lines of j (in [ca, cb)) the number before
 * or after j's?  A lone "3. Text" may be a sentence, and "7." after "3."
 * is no item of the same list; a series is a list. */
#define S_LIST_NEAR 20
static bool S_numbered_near(const bp_doc *d, size_t ca, size_t cb, size_t j)
{
    int n = S_item_number(&d->lines[j]);
    size_t a = j > ca + S_LIST_NEAR ? j - S_LIST_NEAR : ca;
    size_t b = j + S_LIST_NEAR < cb ? j + S_LIST_NEAR : cb;
    for (size_t q = a; q < b; q++) {
        if (q == j || d->lines[q].role != BP_ROLE_BODY)
            continue;
        int m = S_item_number(&d->lines[q]);
        if (m >= 0 && (q < j ? m == n - 1 : m == n + 1))
            return true;
    }
    return false;
}

/* A dash that opens a line and another spaced dash before lower-case
 * words: a dialogue turn and the author's words (– Gəl, – dedi.). */
static bool S_dialogue(const bp_line *l)
{
    size_t k;
    uint32_t cp = bp_utf8_next(l->text, l->len, &k);
    if (cp != 0x2013 && cp != 0x2014 && cp != '-')
        return false;
    for (size_t i = k; i + 1 < l->len; i++) {
        if (l->text[i] != ' ')
            continue;
        uint32_t d = bp_utf8_next(l->text + i + 1, l->len - i - 1, &k);
        size_t at = i + 1 + k;
        if ((d == 0x2013 || d == 0x2014) && at + 1 < l->len && l->text[at] == ' ') {
            uint32_t w = bp_utf8_next(l->text + at + 1, l->len - at - 1, &k);
            if (bp_az_is_letter(w) && !bp_az_is_upper(w))
                return true;
        }
    }
    return false;
}

/* The previous BODY line of the body flow before j (d->nlines: none in
 * [ca, j)). */
static size_t S_prev_flow(const bp_doc *d, size_t ca, size_t j)
{
    while (j > ca) {
        const bp_line *q = &d->lines[--j];
        if (q->role == BP_ROLE_BODY && q->len > 0 && !(q->flags & BP_LF_NOTE))
            return j;
    }
    return d->nlines;
}

static void S_lists(bp_doc *d, size_t ca, size_t cb, size_t from, size_t to)
{
    for (size_t j = from; j < to; j++) {
        bp_line *l = &d->lines[j];
        if (l->role != BP_ROLE_BODY || (l->flags & (BP_LF_NOTE | BP_LF_VERSE)))
            continue;
        size_t p = S_prev_flow(d, ca, j);
        uint32_t pe = p < d->nlines ? bp_line_last_punct(&d->lines[p]) : '.';
        bool after_end = pe == '.' || pe == ':' || pe == ';' || pe == '!' || pe == '?' ||
                         (p < d->nlines && d->lines[p].block == BP_BLOCK_HEAD);
        if (l->block == BP_BLOCK_ITEM && S_dialogue(l)) {
            l->block = BP_BLOCK_P;
            l->st_cert = 0.8f;
            l->st_why = "a dialogue turn: a dash opens the speech, another the author's words";
        } else if ((l->block == BP_BLOCK_CONT || l->block == BP_BLOCK_P) && after_end &&
                   S_numbered(l) && S_numbered_near(d, ca, cb, j)) {
            l->block = BP_BLOCK_ITEM;
            l->st_cert = 0.85f;
            l->st_why = "one of numbered items (N. and a capital) after a sentence's end";
        } else if (p < d->nlines && pe == ':' && l->block != BP_BLOCK_ITEM &&
                   bp_utf8_chars(l->text, l->len) <= S_LIST_ITEM_CHARS &&
                   !(d->lines[p].flags & BP_LF_VERSE)) {
            /* an unmarked vertical list: two or more short lines after a
             * colon, each an item */
            size_t n = 0;
            for (size_t q = j; q < cb; q++) {
                const bp_line *x = &d->lines[q];
                if (x->len == 0 || x->role != BP_ROLE_BODY)
                    break;
                if (bp_utf8_chars(x->text, x->len) > S_LIST_ITEM_CHARS)
                    break;
                n++;
            }
            for (size_t q = j; n >= 2 && q < j + n && q < to; q++) {
                if (d->lines[q].block == BP_BLOCK_ITEM)
                    continue; /* marked: layout's item already */
                d->lines[q].block = BP_BLOCK_ITEM;
                d->lines[q].st_cert = 0.75f;
                d->lines[q].st_why = "an unmarked vertical list: short lines after a colon";
            }
            if (n >= 2)
                j += n - 1;
        }
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
    S_footnotes(d, from, to);
    bp_notes_place(d, from, to);
    S_after_notes(d, ca, from, to);
    S_lists(d, ca, cb, from, to);
    bp_sections_unit(d, ca, cb, from, to);
    bp_notes_refs(d, from, to);
}
