/*
 * az.c: Azerbaijani letters, casing and syllables, plus the small UTF-8
 * helpers every stage uses.  Casing goes through ICU with the "az" locale
 * (I -> ı, İ -> i); the UTF-8 helpers are plain C because they sit in the
 * stages' inner loops.
 */
#include "stages.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* ---- UTF-8 ----------------------------------------------------------------- */

uint32_t bp_utf8_next(const char *s, size_t len, size_t *n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (len == 0) {
        *n = 0;
        return 0;
    }
    unsigned c = p[0];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    size_t need;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        cp = c & 0x07u;
    } else {
        *n = 1;
        return 0xFFFD;
    }
    /* The contract says valid input; still never read past len. */
    if (need > len) {
        *n = 1;
        return 0xFFFD;
    }
    for (size_t i = 1; i < need; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *n = 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    *n = need;
    return cp;
}

uint32_t bp_utf8_prev(const char *s, size_t len, size_t *n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (len == 0) {
        *n = 0;
        return 0;
    }
    size_t i = len - 1;
    while (i > 0 && len - i < 4 && (p[i] & 0xC0) == 0x80)
        i--;
    size_t k;
    uint32_t cp = bp_utf8_next(s + i, len - i, &k);
    if (k != len - i) {
        *n = 1;
        return 0xFFFD;
    }
    *n = k;
    return cp;
}

size_t bp_utf8_put(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---- letters ----------------------------------------------------------------- */

bool bp_az_is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    /* Latin-1 letters and Latin Extended-A/B (all of ə ı ş ğ ç ö ü) without
     * a call into ICU: this runs for every character of every word */
    if (cp >= 0xC0 && cp <= 0x24F)
        return cp != 0xD7 && cp != 0xF7;
    if (cp == 0x0259) /* ə lies just past Extended-B, in IPA Extensions */
        return true;
    return cp <= 0x10FFFF && u_isalpha((UChar32)cp);
}

bool bp_az_all_letters(const char *s, size_t n)
{
    size_t k;
    for (size_t i = 0; i < n; i += k) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* bp_az_is_letter's ASCII test, without the decode */
            if ((c | 0x20) < 'a' || (c | 0x20) > 'z')
                return false;
            k = 1;
        } else if (!bp_az_is_letter(bp_utf8_next_fast(s + i, n - i, &k))) {
            return false;
        }
    }
    return true;
}

bool bp_az_is_vowel(uint32_t cp)
{
    switch (cp) {
    case 'a': case 'o': case 'u': case 'e': case 'i':
    case 'A': case 'O': case 'U': case 'E': case 'I':
    case 0x0131: /* ı */ case 0x0130: /* İ */
    case 0x0259: /* ə */ case 0x018F: /* Ə */
    case 0x00F6: /* ö */ case 0x00D6: /* Ö */
    case 0x00FC: /* ü */ case 0x00DC: /* Ü */
        return true;
    default:
        return false;
    }
}

bool bp_az_is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    switch (cp) { /* the Azerbaijani letters, without a call into ICU */
    case 0x018F: case 0x00C7: case 0x015E: case 0x011E: case 0x00D6: case 0x00DC: case 0x0130:
        return true; /* Ə Ç Ş Ğ Ö Ü İ */
    case 0x0259: case 0x00E7: case 0x015F: case 0x011F: case 0x00F6: case 0x00FC: case 0x0131:
        return false; /* ə ç ş ğ ö ü ı */
    default:
        return cp <= 0x10FFFF && u_isupper((UChar32)cp);
    }
}

/* ---- casing ------------------------------------------------------------------ */

/* Appends one encoded character if it fits whole; always counts it. */
static void S_put(char *out, size_t cap, size_t *o, size_t *need, const char *b, size_t n)
{
    if (*o == *need && *need + n <= cap) {
        memcpy(out + *o, b, n);
        *o += n;
    }
    *need += n;
}

/* Lower-cases one code point with the az special cases; used when ICU's
 * string function cannot get its buffers (out of memory). */
static uint32_t S_lower_cp(uint32_t cp)
{
    if (cp == 'I')
        return 0x0131;
    if (cp == 0x0130)
        return 'i';
    return cp <= 0x10FFFF ? (uint32_t)u_tolower((UChar32)cp) : cp;
}

static size_t S_lower_simple(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0, need = 0;
    for (size_t i = 0; i < len;) {
        size_t k;
        uint32_t cp = bp_utf8_next(s + i, len - i, &k);
        char b[4];
        S_put(out, cap, &o, &need, b, bp_utf8_put(S_lower_cp(cp), b));
        i += k;
    }
    if (o < cap)
        out[o] = '\0';
    return need;
}

/* The lower case of an Azerbaijani letter past ASCII (Ə Ç Ş Ğ Ö Ü İ and
 * their lower-case forms, which map to themselves); false for any other
 * character.  No ICU context rule touches these. */
static bool S_az_letter_lower(uint32_t cp, uint32_t *lc)
{
    switch (cp) {
    case 0x018F: *lc = 0x0259; return true; /* Ə */
    case 0x00C7: *lc = 0x00E7; return true; /* Ç */
    case 0x015E: *lc = 0x015F; return true; /* Ş */
    case 0x011E: *lc = 0x011F; return true; /* Ğ */
    case 0x00D6: *lc = 0x00F6; return true; /* Ö */
    case 0x00DC: *lc = 0x00FC; return true; /* Ü */
    case 0x0130: *lc = 'i'; return true;    /* İ */
    case 0x0259: case 0x00E7: case 0x015F: case 0x011F: case 0x00F6: case 0x00FC:
    case 0x0131:
        *lc = cp;
        return true;
    default:
        return false;
    }
}

/* bp_word_next's byte classes (stages.h), written out so that the table
 * is constant data: ASCII letters and digits, and the lead bytes C3..C9. */
#define W1 BP_WB_WORD
#define W2 BP_WB_LEAD
const uint8_t bp_word_byte[256] = {
    ['0'] = W1, ['1'] = W1, ['2'] = W1, ['3'] = W1, ['4'] = W1,
    ['5'] = W1, ['6'] = W1, ['7'] = W1, ['8'] = W1, ['9'] = W1,
    ['A'] = W1, ['B'] = W1, ['C'] = W1, ['D'] = W1, ['E'] = W1, ['F'] = W1, ['G'] = W1,
    ['H'] = W1, ['I'] = W1, ['J'] = W1, ['K'] = W1, ['L'] = W1, ['M'] = W1, ['N'] = W1,
    ['O'] = W1, ['P'] = W1, ['Q'] = W1, ['R'] = W1, ['S'] = W1, ['T'] = W1, ['U'] = W1,
    ['V'] = W1, ['W'] = W1, ['X'] = W1, ['Y'] = W1, ['Z'] = W1,
    ['a'] = W1, ['b'] = W1, ['c'] = W1, ['d'] = W1, ['e'] = W1, ['f'] = W1, ['g'] = W1,
    ['h'] = W1, ['i'] = W1, ['j'] = W1, ['k'] = W1, ['l'] = W1, ['m'] = W1, ['n'] = W1,
    ['o'] = W1, ['p'] = W1, ['q'] = W1, ['r'] = W1, ['s'] = W1, ['t'] = W1, ['u'] = W1,
    ['v'] = W1, ['w'] = W1, ['x'] = W1, ['y'] = W1, ['z'] = W1,
    [0xC3] = W2, [0xC4] = W2, [0xC5] = W2, [0xC6] = W2, [0xC7] = W2, [0xC8] = W2, [0xC9] = W2,
};
#undef W1
#undef W2

size_t bp_az_lower(const char *s, size_t len, char *out, size_t cap)
{
    /* Text of ASCII and Azerbaijani letters (nearly every word) lower-cases
     * here in one pass: A-Z by +32 except I, which is ı, and the table
     * above.  No lower case is longer than twice its input (I -> ı), so
     * with room for that the pass writes straight into out.  Anything
     * else goes to ICU with the az locale. */
    if (len < cap / 2) {
        size_t o = 0, k;
        uint32_t lc;
        size_t i = 0;
        for (; i < len; i += k) {
            unsigned char c = (unsigned char)s[i];
            k = 1;
            if (c < 0x80) {
                if (c == 'I') {
                    out[o++] = '\xC4';
                    out[o++] = '\xB1';
                } else {
                    out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
                }
                continue;
            }
            if (!S_az_letter_lower(bp_utf8_next_fast(s + i, len - i, &k), &lc))
                break;
            if (lc < 0x80) {
                out[o++] = (char)lc;
            } else { /* every Azerbaijani lower-case letter is two bytes */
                out[o++] = (char)(0xC0 | (lc >> 6));
                out[o++] = (char)(0x80 | (lc & 0x3F));
            }
        }
        if (i == len) {
            out[o] = '\0';
            return o;
        }
    } else {
        size_t i = 0, k;
        uint32_t lc;
        while (i < len) {
            if ((unsigned char)s[i] < 0x80) {
                i++;
                continue;
            }
            if (!S_az_letter_lower(bp_utf8_next(s + i, len - i, &k), &lc))
                break;
            i += k;
        }
        if (i == len) {
            size_t o = 0, need = 0;
            for (i = 0; i < len; i += k) {
                char c = s[i];
                if ((unsigned char)c >= 0x80) {
                    char b[4];
                    S_az_letter_lower(bp_utf8_next(s + i, len - i, &k), &lc);
                    S_put(out, cap, &o, &need, b, bp_utf8_put(lc, b));
                    continue;
                }
                k = 1;
                if (c == 'I')
                    S_put(out, cap, &o, &need, "\xC4\xB1", 2);
                else {
                    if (c >= 'A' && c <= 'Z')
                        c = (char)(c + 32);
                    S_put(out, cap, &o, &need, &c, 1);
                }
            }
            if (o < cap)
                out[o] = '\0';
            return need;
        }
    }
    if (len > INT32_MAX / 4)
        return S_lower_simple(s, len, out, cap);

    UChar sbuf[256], dbuf[512];
    UChar *src = sbuf, *dst = dbuf;
    int32_t dcap = (int32_t)(sizeof dbuf / sizeof *dbuf);
    size_t res;
    if (len > sizeof sbuf / sizeof *sbuf && !(src = malloc(len * sizeof *src)))
        return S_lower_simple(s, len, out, cap);
    UErrorCode err = U_ZERO_ERROR;
    int32_t slen = 0;
    u_strFromUTF8WithSub(src, (int32_t)len, &slen, s, (int32_t)len, 0xFFFD, NULL, &err);
    if (U_FAILURE(err)) {
        res = S_lower_simple(s, len, out, cap);
        goto done;
    }
    int32_t dlen = u_strToLower(dst, dcap, src, slen, "az", &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) {
        if (!(dst = malloc((size_t)dlen * sizeof *dst))) {
            res = S_lower_simple(s, len, out, cap);
            goto done;
        }
        err = U_ZERO_ERROR;
        dcap = dlen;
        dlen = u_strToLower(dst, dcap, src, slen, "az", &err);
    }
    if (U_FAILURE(err)) {
        res = S_lower_simple(s, len, out, cap);
        goto done;
    }
    size_t o = 0, need = 0;
    for (int32_t j = 0; j < dlen;) {
        UChar32 c;
        U16_NEXT(dst, j, dlen, c);
        char b[4];
        S_put(out, cap, &o, &need, b, bp_utf8_put((uint32_t)c, b));
    }
    if (o < cap)
        out[o] = '\0';
    res = need;
done:
    if (src != sbuf)
        free(src);
    if (dst != dbuf)
        free(dst);
    return res;
}

/* ---- syllables ---------------------------------------------------------------- */

/* Onsets that loanwords carry whole into the next syllable (sen-tyabr,
 * pro-blem, eks-press); a break before one is accepted besides the regular
 * split.  "ty" covers the Russian -тя- loans (sen-tyabr, ok-tyabr). */
static const char *const S_onsets[] = {
    "bl", "br", "dr", "fl", "fr", "gl", "gr", "kl", "kr", "pl", "pr", "sk", "sl",
    "sm", "sn", "sp", "st", "sv", "tr", "ty", "vr", "skr", "spr", "str", NULL
};

static bool S_is_onset(const uint32_t *c, size_t n)
{
    for (size_t k = 0; S_onsets[k]; k++) {
        const char *o = S_onsets[k];
        size_t m = strlen(o);
        if (m != n)
            continue;
        size_t i = 0;
        while (i < n && c[i] == (unsigned char)o[i])
            i++;
        if (i == n)
            return true;
    }
    return false;
}

#define S_MAXW 128

/* Lower-cases and decodes a side into w; returns its letter count, or
 * SIZE_MAX when it holds a non-letter or is implausibly long. */
static size_t S_side(const char *s, size_t len, uint32_t *w, size_t room)
{
    char low[4 * S_MAXW];
    size_t need = bp_az_lower(s, len, low, sizeof low);
    if (need >= sizeof low)
        return SIZE_MAX;
    size_t n = 0;
    for (size_t i = 0; i < need;) {
        size_t k;
        uint32_t cp = bp_utf8_next(low + i, need - i, &k);
        if (!bp_az_is_letter(cp) || n == room)
            return SIZE_MAX;
        w[n++] = cp;
        i += k;
    }
    return n;
}

/*
 * Syllabifies left+right and asks whether the break after `left` is a
 * syllable boundary.  One vowel per syllable; between two vowels 0 or 1
 * consonants: the break goes right before the next vowel's consonant (or
 * between the vowels: mü-əl-lim); 2: 1+1 (dəf-tər); 3: 2+1 (dü-rüst-lük);
 * 4 or more: the last two start the next syllable (eks-press).  Where the
 * consonants end in a loanword onset cluster, a break before the cluster is
 * accepted too (sen-tyabr).  Consonants before the first or after the last
 * vowel never take a break, so each side has a vowel; each side must also
 * keep two letters, the typographic minimum.  Case is ignored; digits,
 * apostrophes and other non-letters make the answer false.
 */
bool bp_az_syllable_break(const char *left, size_t llen, const char *right, size_t rlen)
{
    uint32_t w[S_MAXW];
    size_t nl = S_side(left, llen, w, S_MAXW);
    if (nl == SIZE_MAX || nl < 2)
        return false;
    size_t nr = S_side(right, rlen, w + nl, S_MAXW - nl);
    if (nr == SIZE_MAX || nr < 2)
        return false;
    size_t n = nl + nr;

    size_t prev = SIZE_MAX; /* index of the previous vowel */
    for (size_t j = 0; j < n; j++) {
        if (!bp_az_is_vowel(w[j]))
            continue;
        if (prev != SIZE_MAX) {
            size_t k = j - prev - 1; /* consonants between the vowels */
            size_t at;
            if (k <= 1)
                at = j - k;
            else if (k == 2)
                at = prev + 2;
            else if (k == 3)
                at = prev + 3;
            else
                at = j - 2;
            if (at == nl)
                return true;
            if (k >= 2 && nl >= j - 3 && nl < j && nl > prev) {
                size_t m = j - nl; /* letters the break would move on */
                if (m >= 2 && m <= k && S_is_onset(w + nl, m))
                    return true;
            }
        }
        if (j >= nl && prev != SIZE_MAX && prev >= nl)
            break; /* later boundaries all lie to the right of the break */
        prev = j;
    }
    return false;
}

bool bp_az_in_url(const char *text, size_t len, size_t at)
{
    size_t a = at, b = at;
    while (a > 0 && text[a - 1] != ' ')
        a--;
    while (b < len && text[b] != ' ')
        b++;
    /* leading punctuation: (https://... or «www... */
    while (a < b && (unsigned char)text[a] < 0x80 && !isalnum((unsigned char)text[a]))
        a++;
    const char *t = text + a;
    size_t n = b - a;
    static const char *const pre[] = { "http://", "https://", "ftp://", "www." };
    for (size_t i = 0; i < sizeof pre / sizeof *pre; i++) {
        size_t m = strlen(pre[i]);
        if (n > m && strncasecmp(t, pre[i], m) == 0)
            return true;
    }
    const char *at_sign = memchr(t, '@', n);
    return at_sign && at_sign > t && at_sign + 1 < t + n;
}

/* ---- line-end breaks ----------------------------------------------------------- */

bp_break bp_az_line_break(const char *text, size_t len, uint32_t *at, uint32_t *n,
                          uint32_t *shy)
{
    *shy = (uint32_t)len;
    if (len < 2)
        return BP_BREAK_NONE;
    size_t k;
    size_t end = len;
    uint32_t cp = bp_utf8_prev(text, end, &k);
    if (cp == 0x00AD && end > k) {
        /* a soft hyphen after a real one: the real one is the break */
        size_t k2;
        uint32_t before = bp_utf8_prev(text, end - k, &k2);
        if (bp_az_is_inner_hyphen(before) || before == 0x2212) {
            *shy = (uint32_t)(end - k);
            end -= k;
            cp = before;
            k = k2;
        }
    }
    bp_break kind;
    if (cp == '/') {
        if (!bp_az_in_url(text, len, end - 1))
            return BP_BREAK_NONE;
        *at = (uint32_t)(end - 1);
        *n = 1;
        return BP_BREAK_URL;
    }
    if (bp_az_is_inner_hyphen(cp) || cp == 0x00AC)
        kind = BP_BREAK_HYPHEN;
    else if (cp == 0x00AD)
        kind = BP_BREAK_SOFT;
    else if (cp == 0x2212)
        kind = BP_BREAK_MINUS;
    else if (cp == 0x2013 || cp == 0x2014)
        kind = BP_BREAK_DASH;
    else if (cp == '~' || cp == '=')
        kind = BP_BREAK_OCR;
    else
        return BP_BREAK_NONE;
    size_t hy = end - k;
    if (hy == 0)
        return BP_BREAK_NONE;
    size_t kb;
    uint32_t before = bp_utf8_prev(text, hy, &kb);
    /* Qur'-/an: a word broken right after its inner apostrophe */
    if (bp_az_is_apostrophe(before) && kind == BP_BREAK_HYPHEN && hy > kb) {
        size_t ka;
        before = bp_utf8_prev(text, hy - kb, &ka);
    }
    if (!bp_az_is_wordchar(before) || (kind == BP_BREAK_OCR && !bp_az_is_letter(before)))
        return BP_BREAK_NONE;
    *at = (uint32_t)hy;
    *n = (uint32_t)k;
    return kind;
}
