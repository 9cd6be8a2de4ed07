/*
 * normalize.c: white space and look-alike letters inside BODY lines, as
 * edits.  Runs of spaces and tabs collapse to one space; the space just
 * inside an unambiguous opening or closing quote or bracket goes; Cyrillic
 * look-alikes inside otherwise Latin words become their Latin letters.
 * Letters, punctuation and the author's spacing before commas stay as they
 * are: this stage repairs typesetting, not style.
 */
#include "stages.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* May text[at, at+len) be replaced?  bp_line_replace needs the span clear of
 * other edits; an edit that starts exactly at `at` would also be moved along
 * with the replaced text, so that position is refused as well. */
static bool S_free_span(const bp_line *l, uint32_t at, uint32_t len)
{
    for (uint32_t k = 0; k < l->nedits; k++) {
        const bp_edit *e = &l->edits[k];
        if (e->at > at + len)
            break;
        if (e->at == at)
            return false;
        if (e->len ? (e->at < at + len && e->at + e->len > at) : (e->at > at && e->at < at + len))
            return false;
    }
    return true;
}

/* ---- Cyrillic look-alikes ---------------------------------------------------- */

/* Cyrillic letters that print like a Latin letter of the Azerbaijani
 * alphabet.  Lower-case м т н are left out: they do not look like m t n. */
static const struct { uint16_t cyr, lat; } S_confusables[] = {
    { 0x0405, 'S' },    { 0x0406, 'I' },    { 0x0408, 'J' },    { 0x0410, 'A' },
    { 0x0412, 'B' },    { 0x0415, 'E' },    { 0x041A, 'K' },    { 0x041C, 'M' },
    { 0x041D, 'H' },    { 0x041E, 'O' },    { 0x0420, 'P' },    { 0x0421, 'C' },
    { 0x0422, 'T' },    { 0x0423, 'Y' },    { 0x0425, 'X' },    { 0x0430, 'a' },
    { 0x0435, 'e' },    { 0x043A, 'k' },    { 0x043E, 'o' },    { 0x0440, 'p' },
    { 0x0441, 'c' },    { 0x0443, 'y' },    { 0x0445, 'x' },    { 0x0455, 's' },
    { 0x0456, 'i' },    { 0x0458, 'j' },    { 0x04AE, 'Y' },    { 0x04AF, 'y' },
    { 0x04BA, 'H' },    { 0x04BB, 'h' },    { 0x04D8, 0x018F }, { 0x04D9, 0x0259 },
    { 0x04E6, 0x00D6 }, { 0x04E7, 0x00F6 }, { 0x04F0, 0x00DC }, { 0x04F1, 0x00FC },
    { 0x051A, 'Q' },    { 0x051B, 'q' },
};

static uint32_t S_latin_of(uint32_t cp)
{
    size_t lo = 0, hi = sizeof S_confusables / sizeof *S_confusables;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (S_confusables[mid].cyr == cp)
            return S_confusables[mid].lat;
        if (S_confusables[mid].cyr < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static bool S_is_latin(uint32_t cp)
{
    if (cp < 0x80)
        return bp_az_is_letter(cp);
    UErrorCode err = U_ZERO_ERROR;
    return uscript_getScript((UChar32)cp, &err) == USCRIPT_LATIN && U_SUCCESS(err);
}

/* Does s hold a lead byte D0..D4?  Eight bytes at a time: a byte is
 * 0xD0 or more exactly when its bits 7, 6 and 5 or 4 are set, and shifts
 * by 1..3 bring those bits of each byte to its own bit 7. */
static bool S_maybe_cyrillic(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, u + i, 8);
        if (!(x & (x << 1) & ((x << 2) | (x << 3)) & 0x8080808080808080ull))
            continue;
        for (size_t j = i; j < i + 8; j++)
            if ((unsigned char)(u[j] - 0xD0) <= 4)
                return true;
    }
    for (; i < n; i++)
        if ((unsigned char)(u[i] - 0xD0) <= 4)
            return true;
    return false;
}

static berpa_status S_confusables_line(bp_line *l)
{
    /* Only lines holding U+0400..U+052F (lead bytes D0..D4) can qualify. */
    if (!S_maybe_cyrillic(l->text, l->len))
        return BERPA_OK;
    size_t pos = 0, a, b;
    bool hyph;
    /* the project's one word scanner: a word is what every stage calls one */
    while (bp_word_next(l->text, l->len, &pos, &a, &b, &hyph)) {
        size_t k;
        uint32_t cp, ws = (uint32_t)a, we = (uint32_t)a;
        size_t latin = 0, cyr = 0, other = 0;
        while (we < b) {
            cp = bp_utf8_next(l->text + we, l->len - we, &k);
            if (S_latin_of(cp))
                cyr++;
            else if (S_is_latin(cp))
                latin++;
            else if (bp_az_is_letter(cp))
                other++;
            we += (uint32_t)k;
        }
        if (latin && cyr && !other) {
            /* Right to left, so the positions still to visit stay put. */
            uint32_t p = we, end = we;
            while (p > ws) {
                cp = bp_utf8_prev(l->text + ws, p - ws, &k);
                p -= (uint32_t)k;
                uint32_t lat = S_latin_of(cp);
                if (!lat || !S_free_span(l, p, (uint32_t)k))
                    continue;
                char buf[4];
                size_t bl = bp_utf8_put(lat, buf);
                if (!bp_line_replace(l, p, (uint32_t)k, buf, (uint32_t)bl, BP_EDIT_CONFUSABLE, 1.0f))
                    return BERPA_E_NOMEM;
                end = end - (uint32_t)k + (uint32_t)bl;
            }
            we = end;
        }
        pos = we;
    }
    return BERPA_OK;
}

/* ---- i with a combining dot ---------------------------------------------------- */

/* Lower-casing İ outside a Turkic locale gives i + U+0307 (i̇nsan); no
 * Azerbaijani word has it, so the dot goes, as a BP_EDIT_DOTTED_I edit. */
static berpa_status S_dotted_i_line(bp_line *l)
{
    if (!memchr(l->text, 0xCC, l->len))
        return BERPA_OK;
    for (uint32_t i = l->len; i >= 3; i--) {
        if (l->text[i - 3] != 'i' || (unsigned char)l->text[i - 2] != 0xCC ||
            (unsigned char)l->text[i - 1] != 0x87 || !S_free_span(l, i - 3, 3))
            continue;
        if (!bp_line_replace(l, i - 3, 3, "i", 1, BP_EDIT_DOTTED_I, 1.0f))
            return BERPA_E_NOMEM;
        i -= 2;
    }
    return BERPA_OK;
}

/* ---- white space --------------------------------------------------------------- */

static bool S_opening(uint32_t cp)
{
    return cp == 0x201C || cp == 0x00AB || cp == 0x201E || cp == '(' || cp == '[';
}

static bool S_closing(uint32_t cp)
{
    return cp == 0x201D || cp == 0x00BB || cp == ')' || cp == ']';
}

static bool S_is_space(uint32_t cp) { return cp == ' ' || cp == '\t' || u_isUWhiteSpace((UChar32)cp); }

static bool S_alnum(uint32_t cp) { return bp_az_is_letter(cp) || u_isdigit((UChar32)cp); }

/* Brackets count as opening or closing only when their partner is there:
 * within the line or the few lines around it.  A lone "(" is a stray mark
 * or the author's own spacing, not a bracket to tighten. */
#define S_PAIR_LINES 3

static bool S_partner(const bp_doc *d, size_t li, uint32_t pos, char open, char close, bool forward)
{
    int depth = 1;
    for (size_t n = 0; n <= S_PAIR_LINES; n++) {
        if (forward ? li + n >= d->nlines : n > li)
            break;
        const bp_line *l = &d->lines[forward ? li + n : li - n];
        if (n && l->role != BP_ROLE_BODY)
            continue;
        if (forward) {
            for (uint32_t i = n ? 0 : pos; i < l->len; i++) {
                depth += l->text[i] == open;
                depth -= l->text[i] == close;
                if (!depth)
                    return true;
            }
        } else {
            for (uint32_t i = n ? l->len : pos; i-- > 0;) {
                depth += l->text[i] == close;
                depth -= l->text[i] == open;
                if (!depth)
                    return true;
            }
        }
    }
    return false;
}

/* Should the white space run text[a, b) of line li go entirely? */
static bool S_drop_run(const bp_doc *d, size_t li, uint32_t a, uint32_t b)
{
    const bp_line *l = &d->lines[li];
    if (a == 0 || b >= l->len)
        return false;
    size_t kp, kn;
    uint32_t prev = bp_utf8_prev(l->text, a, &kp);
    uint32_t next = bp_utf8_next(l->text + b, l->len - b, &kn);
    if (S_opening(prev) && S_alnum(next)) {
        /* The mark opens only where nothing but space or another opening
         * mark precedes it: „a“ style text uses “ to close. */
        uint32_t q = a - (uint32_t)kp;
        size_t k2;
        uint32_t before = q ? bp_utf8_prev(l->text, q, &k2) : ' ';
        if ((S_is_space(before) || S_opening(before)) &&
            (prev == '(' ? S_partner(d, li, b, '(', ')', true)
             : prev == '[' ? S_partner(d, li, b, '[', ']', true) : true))
            return true;
    }
    if (S_closing(next) && !S_opening(prev) && (S_alnum(prev) || u_ispunct((UChar32)prev))) {
        uint32_t q = b + (uint32_t)kn;
        size_t k2;
        uint32_t after = q < l->len ? bp_utf8_next(l->text + q, l->len - q, &k2) : ' ';
        if ((S_is_space(after) || S_closing(after) || u_ispunct((UChar32)after)) &&
            (next == ')' ? S_partner(d, li, a, '(', ')', false)
             : next == ']' ? S_partner(d, li, a, '[', ']', false) : true))
            return true;
    }
    return false;
}

/* Rewrites one run of spaces and tabs text[a, b).  Edits from earlier stages
 * (a removed control character, say) may sit inside the run; they split it
 * into pieces, and a piece that starts at an edit keeps its first character,
 * since nothing may be replaced across or right at an existing edit. */
static berpa_status S_run(bp_line *l, uint32_t a, uint32_t b, bool drop, uint32_t *newb)
{
    uint32_t cut[34];
    size_t ncut = 0;
    bool first_fixed = false;
    for (uint32_t k = 0; k < l->nedits; k++) {
        const bp_edit *e = &l->edits[k];
        if (e->at > b)
            break;
        if (e->len && e->at < b && e->at + e->len > a) {
            *newb = b; /* white space someone already rewrote */
            return BERPA_OK;
        }
        if (e->at == a)
            first_fixed = true;
        else if (e->at > a && e->at < b && (ncut == 0 || cut[ncut - 1] != e->at)) {
            if (ncut == 32) {
                *newb = b;
                return BERPA_OK;
            }
            cut[ncut++] = e->at;
        }
    }
    bool any_fixed = first_fixed || ncut;
    uint32_t orig_b = b;
    int64_t delta = 0;
    /* Pieces right to left, so earlier offsets stay valid. */
    for (size_t j = ncut + 1; j-- > 0;) {
        uint32_t s = j == 0 ? a : cut[j - 1];
        uint32_t e = j == ncut ? orig_b : cut[j];
        bool fixed = j > 0 || first_fixed;
        bool ok = true;
        if (fixed) {
            if (e - s > 1) {
                ok = bp_line_replace(l, s + 1, e - s - 1, "", 0, BP_EDIT_SPACE, 1.0f);
                delta -= e - s - 1;
            }
        } else if (drop || any_fixed) {
            ok = bp_line_replace(l, s, e - s, "", 0, BP_EDIT_SPACE, 1.0f);
            delta -= e - s;
        } else if (e - s != 1 || l->text[s] != ' ') {
            ok = bp_line_replace(l, s, e - s, " ", 1, BP_EDIT_SPACE, 1.0f);
            delta += 1 - (int64_t)(e - s);
        }
        if (!ok)
            return BERPA_E_NOMEM;
    }
    *newb = (uint32_t)((int64_t)orig_b + delta);
    return BERPA_OK;
}

/* Can the run [a, b) touch an opening mark before it or a closing one
 * after it?  A byte test on what ends “ « „ ( [ and starts ” » ) ], so
 * that the common single space costs no decoding. */
static bool S_near_mark(const bp_line *l, uint32_t a, uint32_t b)
{
    unsigned char p = a > 0 ? (unsigned char)l->text[a - 1] : 0;
    unsigned char n = b < l->len ? (unsigned char)l->text[b] : 0;
    return p == '(' || p == '[' || p == 0x9C || p == 0x9E || p == 0xAB || n == ')' ||
           n == ']' || n == 0xE2 || n == 0xC2;
}

static berpa_status S_spaces_line(bp_doc *d, size_t li)
{
    bp_line *l = &d->lines[li];
    /* without tabs, only spaces start a run: jump from one to the next */
    bool tabs = memchr(l->text, '\t', l->len) != NULL;
    uint32_t i = 0;
    while (i < l->len) {
        if (!tabs) {
            const char *sp = memchr(l->text + i, ' ', l->len - i);
            if (!sp)
                break;
            i = (uint32_t)(sp - l->text);
        }
        char c = l->text[i];
        if (c != ' ' && c != '\t') {
            i++;
            continue;
        }
        uint32_t b = i;
        while (b < l->len && (l->text[b] == ' ' || l->text[b] == '\t'))
            b++;
        if (b - i == 1 && c == ' ' && !S_near_mark(l, i, b)) {
            i = b;
            continue;
        }
        bool drop = S_drop_run(d, li, i, b);
        if (!drop && b - i == 1 && c == ' ') {
            i = b;
            continue;
        }
        uint32_t nb;
        berpa_status st = S_run(l, i, b, drop, &nb);
        if (st)
            return st;
        i = nb > i ? nb : i + 1;
    }
    return BERPA_OK;
}

/* One line's repairs: confusables, dotted i, then white space. */
static berpa_status S_basic_line(bp_doc *d, size_t n, const bp_lexicon *lx)
{
    (void)lx;
    berpa_status st = S_confusables_line(&d->lines[n]);
    if (!st)
        st = S_dotted_i_line(&d->lines[n]);
    if (!st)
        st = S_spaces_line(d, n);
    return st;
}

/* Runs fn over the non-empty BODY lines [from, to), keeping d->bytes. */
static berpa_status S_each_body(bp_doc *d, size_t from, size_t to,
                                berpa_status (*fn)(bp_doc *, size_t, const bp_lexicon *),
                                const bp_lexicon *lx)
{
    if (to > d->nlines)
        to = d->nlines;
    for (size_t n = from; n < to; n++) {
        bp_line *l = &d->lines[n];
        if (l->role != BP_ROLE_BODY || !l->len)
            continue;
        uint32_t before = l->len;
        berpa_status st = fn(d, n, lx);
        if (st)
            return st;
        d->bytes = d->bytes + l->len - before;
    }
    return BERPA_OK;
}

berpa_status bp_normalize(bp_doc *d, size_t from, size_t to)
{
    return S_each_body(d, from, to, S_basic_line, NULL);
}

/* ---- line-end breaks ------------------------------------------------------------ */

bool bp_line_mark_break(bp_line *l)
{
    uint32_t at, n, shy;
    bp_break kind = bp_az_line_break(l->text, l->len, &at, &n, &shy);
    if (kind == BP_BREAK_NONE)
        return true;
    /* a mark that an edit wrote (a repaired character) is not the input's */
    const bp_edit *last = l->nedits ? &l->edits[l->nedits - 1] : NULL;
    if (last && last->len && last->at + last->len > at)
        return true;
    if (shy < l->len && !bp_line_replace(l, shy, l->len - shy, "", 0, BP_EDIT_SOFT_HYPHEN, 1.0f))
        return false;
    l->flags |= BP_LF_HYPHEN_END;
    l->hy_at = at;
    l->hy_len = (uint8_t)n;
    l->hy_kind = (uint8_t)kind;
    return true;
}

/* ---- letters spaced apart -------------------------------------------------------- */

/* The letters some PDF extractors set apart with a space on each side
 * (Az ə rbaycan, anlayı ş lar): the Azerbaijani ones outside Latin-1's
 * common set, whose glyphs come from another font. */
static bool S_spaced_letter(uint32_t cp)
{
    return cp == 0x0259 || cp == 0x018F || cp == 0x015F || cp == 0x015E || cp == 0x011F ||
           cp == 0x011E || cp == 0x0131 || cp == 0x0130;
}

enum { S_MAXTOK = 32, S_MAXJOIN = 128 };

/* Can the line hold a lone spaced letter: one of their two-byte forms
 * (lead byte C4, C5, C6 or C9) with a space or the line's edge on each
 * side?  It looks only after each space (a few a line), so nearly every
 * line skips tokenising at little cost. */
static bool S_maybe_spaced(const bp_line *l)
{
    const unsigned char *u = (const unsigned char *)l->text;
    size_t n = l->len;
    for (size_t a = 0; a + 1 < n;) {
        unsigned char c = u[a];
        if ((c == 0xC4 || c == 0xC5 || c == 0xC6 || c == 0xC9) && (a + 2 == n || u[a + 2] == ' '))
            return true;
        const unsigned char *sp = memchr(u + a, ' ', n - a);
        if (!sp)
            break;
        a = (size_t)(sp - u) + 1;
    }
    return false;
}

/* One line: tokens between single spaces; a run of tokens joined by lone
 * spaced letters is rejoined, left to right, as the longest prefix whose
 * joined form the dictionary knows (ifad ə edir -> ifadə edir). */
static berpa_status S_spaced_line(bp_doc *d, size_t li, const bp_lexicon *lx)
{
    bp_line *l = &d->lines[li];
    if (!S_maybe_spaced(l))
        return BERPA_OK;
    uint32_t ts[S_MAXTOK], te[S_MAXTOK];
    size_t nt = 0;
    bool any = false;
    for (uint32_t i = 0; i < l->len && nt < S_MAXTOK;) {
        while (i < l->len && l->text[i] == ' ')
            i++;
        if (i >= l->len)
            break;
        uint32_t a = i;
        while (i < l->len && l->text[i] != ' ')
            i++;
        size_t k;
        bool lone = S_spaced_letter(bp_utf8_next(l->text + a, i - a, &k)) && k == i - a;
        any |= lone;
        ts[nt] = a;
        te[nt++] = i;
    }
    if (!any)
        return BERPA_OK;
    /* right to left, so that earlier offsets stay valid */
    size_t e = nt;
    while (e > 0) {
        size_t last = e - 1, s = last;
        /* the run of tokens linked by lone letters that ends at `last` */
        while (s > 0) {
            size_t k1, k2;
            bool lone_l = S_spaced_letter(bp_utf8_next(l->text + ts[s - 1], te[s - 1] - ts[s - 1], &k1)) &&
                          k1 == te[s - 1] - ts[s - 1];
            bool lone_r = S_spaced_letter(bp_utf8_next(l->text + ts[s], te[s] - ts[s], &k2)) &&
                          k2 == te[s] - ts[s];
            if (!(lone_l || lone_r) || ts[s] != te[s - 1] + 1)
                break;
            s--;
        }
        if (s == last) {
            e = last;
            continue;
        }
        /* the longest piece ending at `last` that is a word, then the rest */
        size_t best = last;
        for (size_t b = s; b < last; b++) {
            char w[S_MAXJOIN];
            size_t n = 0;
            bool fits = true, longer = false;
            for (size_t t = b; t <= last && fits; t++) {
                size_t tl = te[t] - ts[t], k;
                bp_utf8_next(l->text + ts[t], tl, &k);
                longer |= k < tl;
                fits = n + tl < sizeof w;
                if (fits) {
                    memcpy(w + n, l->text + ts[t], tl);
                    n += tl;
                }
            }
            /* trailing punctuation is not part of the word */
            while (fits && n > 0 && strchr(".,;:!?)»”\"'", w[n - 1]))
                n--;
            /* letter-spaced emphasis (f ə s i l) sets every letter apart:
             * the extractor's fault leaves longer fragments around */
            if (fits && longer && n > 0 && bp_lexicon_known(lx, w, n)) {
                best = b;
                break;
            }
        }
        if (best == last) {
            e = last;
            continue;
        }
        for (size_t t = last; t > best; t--) {
            if (!S_free_span(l, te[t - 1], 1))
                continue;
            if (!bp_line_replace(l, te[t - 1], 1, "", 0, BP_EDIT_SPACED, 1.0f))
                return BERPA_E_NOMEM;
        }
        e = best;
    }
    return BERPA_OK;
}

berpa_status bp_normalize_spaced(bp_doc *d, size_t from, size_t to, const bp_lexicon *lx)
{
    if (!bp_lexicon_path(lx))
        return BERPA_OK;
    return S_each_body(d, from, to, S_spaced_line, lx);
}
