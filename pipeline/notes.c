/*
 * notes.c: where a footnote goes in TEI.  structure.c finds the notes at a
 * page's foot; here each note's mark is looked for in the body text of its
 * page above it (keçirildi.¹, müzakirə1), xronoloji10, yazdı*), so that
 * the TEI emitter can put the note right after its mark (TEI.md), and an
 * <anchor> where it was printed.  The clean text does not change: notes
 * still follow the block they interrupt.
 *
 * A mark is looked for in the lines of the note's own layout unit only
 * (a page, or a run of lines of a long page): the units before it may
 * already be written.  The forms a body prints for a note's mark, in the
 * order they are tried (the first form found wins; the first unclaimed
 * place of it on the page):
 *
 *   the note's own mark glued to a word or a sign (¹, ², *, **)   0.95
 *   the number as a superscript, for a note "1)" or "[1]"          0.9
 *   "N)" or "[N]" glued to the word before                          0.85
 *   the number in plain digits glued to a word of three letters or
 *   more, or to a sign after one (xronoloji10, keçirildi.1): OCR
 *   read the superscript on the line                                0.7
 *
 * Not a mark: a superscript after a word of one or two letters (m², sm³:
 * units), digits inside a number or a word's middle.  A form found at more
 * than one unclaimed place of the page is taken at its first (0.6: unsure).
 */
#include "stages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A superscript digit's value, or -1. */
static int S_sup_value(uint32_t cp)
{
    if (cp == 0xB9)
        return 1;
    if (cp == 0xB2 || cp == 0xB3)
        return (int)(cp - 0xB0);
    if (cp == 0x2070)
        return 0;
    if (cp >= 0x2074 && cp <= 0x2079)
        return (int)(cp - 0x2070);
    return -1;
}

/* The superscript digit for 0..9 as UTF-8 into out; its length. */
static size_t S_sup_utf8(int v, char *out)
{
    static const char *const sup[10] = { "\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                         "\u2075", "\u2076", "\u2077", "\u2078", "\u2079" };
    size_t n = strlen(sup[v]);
    memcpy(out, sup[v], n);
    return n;
}

/* A note's opening mark: its number (digits, superscript or plain; -1
 * for asterisks), how many asterisks, the mark's bytes. */
typedef struct S_mark {
    int num;
    unsigned stars;
    char m[11];
    size_t mlen;
} S_mark;

static bool S_note_mark(const bp_line *l, S_mark *mk)
{
    const char *s = l->text;
    size_t n = l->len, i = 0, k;
    memset(mk, 0, sizeof *mk);
    mk->num = -1;
    int v = 0, digits = 0;
    while (i < n) {
        uint32_t cp = bp_utf8_next(s + i, n - i, &k);
        int d = S_sup_value(cp);
        if (d >= 0 && !mk->stars && digits < 3) {
            v = v * 10 + d;
            digits++;
        } else if (cp == '*' && !digits) {
            mk->stars++;
        } else {
            break;
        }
        i += k;
    }
    if (i == 0) { /* "1)", "1.", "[1]", "1 " (under a rule) */
        size_t j = s[0] == '[' ? 1 : 0, d0 = j;
        while (j < n && j - d0 < 3 && s[j] >= '0' && s[j] <= '9')
            v = v * 10 + (s[j++] - '0');
        digits = (int)(j - d0);
        if (!digits)
            return false;
        i = j;
    }
    if (digits)
        mk->num = v;
    if (i >= sizeof mk->m)
        return false;
    memcpy(mk->m, s, i);
    mk->mlen = i;
    return digits || mk->stars;
}

/* Letters (of a word) right before byte p of s. */
static size_t S_letters_before(const char *s, size_t p)
{
    size_t n = 0, k;
    while (p > 0 && bp_az_is_letter(bp_utf8_prev(s, p, &k))) {
        n++;
        p -= k;
    }
    return n;
}

/* The code point before byte p of s (0 at the start). */
static uint32_t S_cp_before(const char *s, size_t p)
{
    size_t k;
    return p ? bp_utf8_prev(s, p, &k) : 0;
}

/* A sign: neither white space nor part of a word. */
static bool S_sign(uint32_t cp)
{
    return cp && cp != ' ' && cp != '\t' && !bp_az_is_wordchar(cp) && S_sup_value(cp) < 0;
}

/* Is form f (n bytes, of kind `kind`) a note mark at byte p of line l? */
enum { S_OWN, S_SUP, S_PAREN, S_DIGITS };
static bool S_mark_at(const bp_line *l, size_t p, const char *f, size_t n, int kind)
{
    const char *s = l->text;
    if (p == 0 || p + n > l->len || memcmp(s + p, f, n) != 0)
        return false;
    uint32_t before = S_cp_before(s, p), after = 0;
    size_t k;
    if (p + n < l->len)
        after = bp_utf8_next(s + p + n, l->len - p - n, &k);
    if (before == ' ' || before == '\t')
        return false;
    if (f[0] == '*')
        return before != '*' && after != '*';
    if (kind == S_OWN || kind == S_SUP) {
        if (S_sup_value(before) >= 0 || S_sup_value(after) >= 0)
            return false;
        size_t lb = S_letters_before(s, p);
        return lb == 0 || lb > 2; /* a unit's power (m², sm³) is no mark */
    }
    if (before >= '0' && before <= '9')
        return false;
    if (kind == S_PAREN)
        return f[0] == '[' || bp_az_is_letter(before) || S_sign(before);
    /* plain digits: after a word of three letters or more, or after a
     * sign that follows one; then the word ends */
    if ((after >= '0' && after <= '9') || (after && after != ' ' && !S_sign(after)))
        return false;
    if (bp_az_is_letter(before))
        return S_letters_before(s, p) >= 3;
    if (!S_sign(before) || before == '-' || before == '/')
        return false;
    bp_utf8_prev(s, p, &k);
    return S_letters_before(s, p - k) >= 3;
}

/* Is byte p of line l already the place of another note's mark? */
static bool S_claimed(const bp_line *l, size_t p)
{
    for (unsigned k = 0; k < l->nfnmarks; k++)
        if (l->fnmarks[k].at == p)
            return true;
    return false;
}

typedef struct S_found {
    size_t line, at, count;
} S_found;

/* The unclaimed places of form f in the body lines [a, b): the first,
 * and how many. */
static void S_find(const bp_doc *d, size_t a, size_t b, const char *f, size_t n, int kind,
                   S_found *fd)
{
    fd->count = 0;
    for (size_t j = a; j < b; j++) {
        const bp_line *l = &d->lines[j];
        if (l->role != BP_ROLE_BODY || (l->flags & BP_LF_NOTE) || l->len <= n)
            continue;
        for (size_t p = 1; p + n <= l->len; p++) {
            if (!S_mark_at(l, p, f, n, kind) || S_claimed(l, p))
                continue;
            if (fd->count++ == 0) {
                fd->line = j;
                fd->at = p;
            }
        }
    }
}

static const char *const S_why[] = {
    [S_OWN] = "its mark glued to a word of its page",
    [S_SUP] = "its number as a superscript glued to a word of its page",
    [S_PAREN] = "its number as N) or [N] glued to a word of its page",
    [S_DIGITS] = "its number in plain digits glued to a word of its page (a superscript read on the line)",
};
static const float S_cert[] = { [S_OWN] = 0.95f, [S_SUP] = 0.9f, [S_PAREN] = 0.85f, [S_DIGITS] = 0.7f };

/* The next free mark of line l, zeroed; the marks are allocated with the
 * first one, since few lines call notes.  NULL: out of memory. */
static bp_fnmark *S_mark_new(bp_line *l)
{
    if (!l->fnmarks && !(l->fnmarks = malloc(BP_FN_MARKS * sizeof *l->fnmarks)))
        return NULL;
    bp_fnmark *s = &l->fnmarks[l->nfnmarks++];
    memset(s, 0, sizeof *s);
    return s;
}

/* Places the note whose first line is lines[i], looking in [a, i). */
static void S_place(bp_doc *d, size_t a, size_t i)
{
    bp_line *note = &d->lines[i];
    S_mark mk;
    note->fn_cert = 0.5f;
    note->fn_why = "no mark of it found in its page's text: it stays at the page foot";
    if (!S_note_mark(note, &mk))
        return;
    /* the forms to try, best first */
    struct { char f[12]; size_t n; int kind; } forms[4];
    size_t nf = 0;
    char num[8] = "";
    if (mk.num >= 0)
        snprintf(num, sizeof num, "%d", mk.num);
    bool own_sup = mk.num >= 0 && (unsigned char)mk.m[0] >= 0x80;
    if (mk.stars || own_sup) {
        memcpy(forms[nf].f, mk.m, mk.mlen);
        forms[nf].n = mk.mlen;
        forms[nf++].kind = S_OWN;
    }
    if (mk.num >= 0) {
        if (!own_sup) {
            size_t n = 0;
            for (const char *c = num; *c && n + 3 < sizeof forms[nf].f; c++)
                n += S_sup_utf8(*c - '0', forms[nf].f + n);
            forms[nf].n = n;
            forms[nf++].kind = S_SUP;
        }
        forms[nf].n = (size_t)snprintf(forms[nf].f, sizeof forms[nf].f, "%s)", num);
        forms[nf++].kind = S_PAREN;
        forms[nf].n = (size_t)snprintf(forms[nf].f, sizeof forms[nf].f, "[%s]", num);
        forms[nf++].kind = S_PAREN;
        forms[nf].n = (size_t)snprintf(forms[nf].f, sizeof forms[nf].f, "%s", num);
        forms[nf++].kind = S_DIGITS;
    }
    for (size_t k = 0; k < nf; k++) {
        S_found fd;
        if (forms[k].n >= sizeof note->fnmarks[0].m)
            continue;
        S_find(d, a, i, forms[k].f, forms[k].n, forms[k].kind, &fd);
        if (!fd.count)
            continue;
        bp_line *l = &d->lines[fd.line];
        if (l->nfnmarks >= BP_FN_MARKS) {
            note->fn_why = "its mark's line calls four notes already: it stays at the page foot";
            return;
        }
        bp_fnmark *s = S_mark_new(l);
        if (!s)
            return; /* out of memory: the note stays at the page foot */
        s->note = note->src_off;
        s->at = (uint32_t)fd.at;
        s->len = (uint8_t)forms[k].n;
        memcpy(s->m, forms[k].f, forms[k].n);
        note->flags |= BP_LF_NOTE_PLACED;
        note->fn_line = l->lineno;
        note->fn_cert = fd.count > 1 ? 0.6f : S_cert[forms[k].kind];
        note->fn_why = fd.count > 1 ? "its mark found at more than one place of its page: "
                                      "placed at the first"
                                    : S_why[forms[k].kind];
        return;
    }
}

void bp_notes_place(bp_doc *d, size_t from, size_t to)
{
    for (size_t j = from; j < to; j++) {
        d->lines[j].nfnmarks = 0;
        d->lines[j].flags &= ~(uint32_t)BP_LF_NOTE_PLACED;
        d->lines[j].fn_why = NULL;
    }
    size_t page = from;
    for (size_t j = from; j < to; j++) {
        const bp_line *l = &d->lines[j];
        if (l->flags & BP_LF_PAGE_START)
            page = j;
        if (l->role == BP_ROLE_BODY && (l->flags & BP_LF_NOTE) && l->block == BP_BLOCK_NOTE)
            S_place(d, page, j);
    }
}

int64_t bp_fnmark_end(const bp_line *l, const bp_fnmark *s)
{
    if (s->at + (size_t)s->len <= l->len && memcmp(l->text + s->at, s->m, s->len) == 0)
        return (int64_t)s->at + s->len;
    /* a correction moved the text: the place of the mark nearest to where it was */
    int64_t best = -1;
    size_t bestd = SIZE_MAX;
    for (size_t p = 1; p + s->len <= l->len; p++) {
        if (memcmp(l->text + p, s->m, s->len) != 0 || S_cp_before(l->text, p) == ' ')
            continue;
        size_t dist = p > s->at ? p - s->at : s->at - p;
        if (dist < bestd) {
            bestd = dist;
            best = (int64_t)(p + s->len);
        }
    }
    return best;
}

/* ---- endnotes: <ref> from a mark in the body to its note ------------------------
 * Endnote lists stand after the text that calls them, so pass 1 notes
 * which numbers each list holds: a heading that names a notes list
 * (bp_endnote_heading) with a marked line after it opens a list; each
 * line opening with a mark [N], N. or N) whose number is greater than
 * the list's last adds it; a line without a mark goes on with the note
 * before when no blank line parts them and it opens no new sentence in
 * capitals; anything else ends the list.  sections.c decides the list
 * again in pass 2 by the same rules (and a few more that only keep
 * lines in it), so a number known here has its note there. */

typedef struct S_list {
    uint64_t heading;        /* lineno of the heading                        */
    uint64_t bits[16];       /* numbers 0..999 (one bit each, 1024 bits)     */
} S_list;

struct bp_endnotes {
    S_list *v;
    size_t n, cap;
    uint64_t pending;        /* a heading seen, its lineno (0: none)         */
    bool in_list, gap, prev_end;
    int last;                /* the open list's last number                  */
};

bp_endnotes *bp_endnotes_new(void) { return calloc(1, sizeof(bp_endnotes)); }

void bp_endnotes_free(bp_endnotes *en)
{
    if (en)
        free(en->v);
    free(en);
}

bool bp_endnotes_survey(bp_endnotes *en, bp_line *l)
{
    if (l->len == 0) {
        en->gap = true;
        return true;
    }
    int mark = bp_endnote_mark(l);
    if (en->pending && mark >= 0) { /* the heading's list opens */
        if (en->n == en->cap) {
            size_t cap = en->cap ? en->cap * 2 : 4;
            S_list *v = realloc(en->v, cap * sizeof *v);
            if (!v)
                return false;
            en->v = v;
            en->cap = cap;
        }
        memset(&en->v[en->n], 0, sizeof *en->v);
        en->v[en->n++].heading = en->pending;
        en->in_list = true;
        en->last = -1;
    } else if (en->in_list && mark < 0) {
        en->in_list = !en->gap && bp_endnote_goes_on(en->prev_end, l);
    }
    en->pending = 0;
    if (en->in_list && mark > en->last && mark < 1024) {
        en->v[en->n - 1].bits[mark / 64] |= 1ull << (mark % 64);
        en->last = mark;
    }
    if (!en->in_list) {
        /* remembered on the line, which the spool keeps: sections.c asks
         * again in pass 2 */
        if (!l->heading_memo)
            l->heading_memo = bp_endnote_heading(l) ? 2 : 1;
        if (l->heading_memo == 2)
            en->pending = l->lineno;
    }
    en->gap = false;
    en->prev_end = bp_line_ends_sentence(l);
    return true;
}

/* The heading of the first list after line `lineno` if it holds note n,
 * else 0. */
static uint64_t S_endnote_list(const bp_endnotes *en, uint64_t lineno, int n)
{
    for (size_t i = 0; en && i < en->n; i++)
        if (en->v[i].heading > lineno)
            return n >= 0 && n < 1024 && (en->v[i].bits[n / 64] >> (n % 64) & 1)
                       ? en->v[i].heading
                       : 0;
    return 0;
}

/* An endnote mark at byte p of l: "[N]" (after anything) or superscript
 * digits glued to a word; its number, its length in *len; -1 if none. */
static int S_ref_at(const bp_line *l, size_t p, size_t *len)
{
    const char *s = l->text;
    size_t n = l->len, k;
    int v = 0;
    if (s[p] == '[') {
        size_t j = p + 1;
        while (j < n && j - p <= 3 && s[j] >= '0' && s[j] <= '9')
            v = v * 10 + (s[j++] - '0');
        if (j == p + 1 || j >= n || s[j] != ']')
            return -1;
        *len = j + 1 - p;
        return v;
    }
    uint32_t before = S_cp_before(s, p);
    if (p == 0 || before == ' ' || S_sup_value(before) >= 0)
        return -1;
    size_t j = p, digits = 0;
    while (j < n && digits < 3) {
        int d = S_sup_value(bp_utf8_next(s + j, n - j, &k));
        if (d < 0)
            break;
        v = v * 10 + d;
        digits++;
        j += k;
    }
    if (!digits || (j < n && S_sup_value(bp_utf8_next(s + j, n - j, &k)) >= 0))
        return -1;
    size_t lb = S_letters_before(s, p);
    if (lb > 0 && lb <= 2) /* a unit's power (m², sm³) */
        return -1;
    *len = j - p;
    return v;
}

/* Does any byte of x equal b?  (The exact zero-byte test on x ^ b...b.) */
static inline bool S_has_byte(uint64_t x, unsigned char b)
{
    uint64_t y = x ^ (0x0101010101010101ull * b);
    return ((y - 0x0101010101010101ull) & ~y & 0x8080808080808080ull) != 0;
}

/* The first byte at or after p in s[0, n) that can open an endnote mark:
 * [ or the superscript digits' lead bytes (C2: ¹²³, E2: ⁰⁴..⁹); n if
 * none.  Eight bytes at a time: the marks are rare and this scan visits
 * every byte of the body text. */
static size_t S_ref_byte(const char *s, size_t p, size_t n)
{
    for (; p + 8 <= n; p += 8) {
        uint64_t x;
        memcpy(&x, s + p, 8);
        if (S_has_byte(x, '[') || S_has_byte(x, 0xC2) || S_has_byte(x, 0xE2))
            break;
    }
    for (; p < n; p++) {
        unsigned char c = (unsigned char)s[p];
        if (c == '[' || c == 0xC2 || c == 0xE2)
            break;
    }
    return p;
}

void bp_notes_refs(bp_doc *d, size_t from, size_t to)
{
    if (!d->endnotes)
        return;
    for (size_t j = from; j < to; j++) {
        bp_line *l = &d->lines[j];
        if (l->role != BP_ROLE_BODY || (l->flags & (BP_LF_NOTE | BP_LF_SECTION)))
            continue;
        for (size_t p = S_ref_byte(l->text, 0, l->len); p < l->len && l->nfnmarks < BP_FN_MARKS;
             p = S_ref_byte(l->text, p + 1, l->len)) {
            size_t len = 0;
            int num = S_ref_at(l, p, &len);
            uint64_t h = num >= 0 ? S_endnote_list(d->endnotes, l->lineno, num) : 0;
            if (!h || len >= sizeof l->fnmarks[0].m || S_claimed(l, p))
                continue;
            bp_fnmark *s = S_mark_new(l);
            if (!s)
                return; /* out of memory: the mark stays plain text */
            s->kind = 1;
            s->note = h;
            s->num = (uint16_t)num;
            s->at = (uint32_t)p;
            s->len = (uint8_t)len;
            memcpy(s->m, l->text + p, len);
            p += len - 1;
        }
    }
}

void bp_endnote_id(char *buf, size_t cap, const char *pre, uint64_t heading, unsigned num)
{
    snprintf(buf, cap, "%snote-%llu-%u", pre, (unsigned long long)heading, num);
}

float bp_endnote_ref_cert(const bp_fnmark *m, const char **why)
{
    bool bracket = m->m[0] == '[';
    *why = bracket ? "[N] in the text, and note N in the endnote list after it"
                   : "a superscript number glued to a word, and that note in the endnote list after it";
    return bracket ? 0.9f : 0.8f;
}
