/*
 * correct_number.c: the suffix after a number, part of the correct stage
 * (correct.c calls it for each BODY line).
 *
 * Azerbaijani writes a suffix after digits with a hyphen (1919-cu,
 * 3-də, 500-cü) and its vowels follow the harmony of the number read
 * aloud: the last word spoken decides (1919: "on doqquz" -> -cu; 6:
 * "altı" -> -cı; 80: "səksən" -> -ci; 500: "beş yüz" -> -cü; 2000: "iki
 * min" -> -ci).  tesseract's aze model confuses ı/i and u/ü often, and in
 * a suffix nothing else tells them apart; the number does.  So a suffix
 * of the closed set that follows numbers (ordinal, case, plural, copula)
 * whose vowels break the number's harmony is rewritten in it.
 */
#include "stages.h"

#include <stdio.h>
#include <string.h>

/* Harmony of a spoken word's last vowel: back or front, rounded or not. */
typedef struct S_vowel {
    bool back, round;
} S_vowel;

/* The last vowel of the digit d (1-9) read aloud: bir iki üç dörd beş
 * altı yeddi səkkiz doqquz. */
static S_vowel S_unit(int d)
{
    static const S_vowel v[10] = {
        { true, false },  /* sıfır */
        { false, false }, /* bir */
        { false, false }, /* iki */
        { false, true },  /* üç */
        { false, true },  /* dörd */
        { false, false }, /* beş */
        { true, false },  /* altı */
        { false, false }, /* yeddi */
        { false, false }, /* səkkiz */
        { true, true },   /* doqquz */
    };
    return v[d];
}

/* The tens (10-90): on iyirmi otuz qırx əlli altmış yetmiş səksən doxsan. */
static S_vowel S_ten(int d)
{
    static const S_vowel v[10] = {
        { true, false },  { true, true },   { false, false }, { true, true },  { true, false },
        { false, false }, { true, false },  { false, false }, { false, false }, { true, false },
    };
    return v[d];
}

/* The harmony of the number whose digits end at s[end) (the digits right
 * before the hyphen, start at s[a)), reading back over thousands groups
 * (1 000, 1.000) and a time's minutes (19:00).  False when the number
 * cannot be read (no digit). */
static bool S_number_vowel(const char *s, size_t a, size_t end, S_vowel *v)
{
    if (a >= end)
        return false;
    size_t z = 0; /* trailing zeros */
    while (z < end - a && s[end - 1 - z] == '0')
        z++;
    if (z == end - a) {
        /* all zeros: a thousands group after a separator, a time's
         * minutes after a colon, else zero itself */
        if (a >= 2 && s[a - 2] >= '0' && s[a - 2] <= '9') {
            char sep = s[a - 1];
            size_t b = a - 1;
            while (b > 0 && s[b - 1] >= '0' && s[b - 1] <= '9')
                b--;
            if (sep == ':')
                return S_number_vowel(s, b, a - 1, v);
            if ((sep == ' ' || sep == '.' || sep == ',') && end - a == 3) {
                /* groups of three zeros back to the first nonzero group */
                size_t groups = 1, ge = a - 1;
                while (ge - b == 3 && memcmp(s + b, "000", 3) == 0 && b >= 2 &&
                       s[b - 1] == sep && s[b - 2] >= '0' && s[b - 2] <= '9') {
                    groups++;
                    ge = b - 1;
                    b = ge;
                    while (b > 0 && s[b - 1] >= '0' && s[b - 1] <= '9')
                        b--;
                }
                if (groups == 1)
                    *v = (S_vowel){ false, false }; /* min */
                else if (groups == 2)
                    *v = (S_vowel){ true, true };   /* milyon */
                else if (groups == 3)
                    *v = (S_vowel){ true, false };  /* milyard */
                else
                    return false;
                return true;
            }
        }
        *v = S_unit(0);
        return true;
    }
    int d = s[end - 1 - z] - '0';
    if (z == 0)
        *v = S_unit(d);
    else if (z == 1)
        *v = S_ten(d);
    else if (z == 2)
        *v = (S_vowel){ false, true };   /* yüz */
    else if (z <= 5)
        *v = (S_vowel){ false, false };  /* min */
    else if (z <= 8)
        *v = (S_vowel){ true, true };    /* milyon */
    else if (z <= 11)
        *v = (S_vowel){ true, false };   /* milyard */
    else
        return false;
    return true;
}

/* The suffixes that follow a number, as patterns: A is a/ə, I is
 * ı/i/u/ü.  -dək and -ki do not take harmony and are not here. */
static const char *const S_first[] = { "ncI", "cI", "dAn", "dA", "yA", "nIn", "In", "yI",
                                       "nI", "lAr", "dIr", "A", "I", NULL };
static const char *const S_next[] = { "sIndAn", "sIndA", "sInA", "sInI", "sInIn", "sI",
                                      "nIn", "ndAn", "ndA", "nA", "nI", "dAn", "dA", "yA",
                                      "yI", "lAr", "dIr", "In", "A", "I", NULL };

/* Does the suffix's letter (cp) fit the pattern's p? */
static bool S_fits(char p, uint32_t cp)
{
    if (p == 'A')
        return cp == 'a' || cp == 0x0259;
    if (p == 'I')
        return cp == 0x0131 || cp == 'i' || cp == 'u' || cp == 0x00FC;
    return cp == (uint32_t)(unsigned char)p;
}

/* Does pattern pat match the start of s (n bytes)?  Sets *len (bytes). */
static bool S_match(const char *pat, const char *s, size_t n, size_t *len)
{
    size_t i = 0, k;
    for (; *pat; pat++) {
        if (i >= n || !S_fits(*pat, bp_utf8_next(s + i, n - i, &k)))
            return false;
        i += k;
    }
    *len = i;
    return true;
}

/* Is s (n bytes) a chain of one to three suffixes that follow numbers? */
static bool S_chain(const char *s, size_t n)
{
    for (size_t f = 0; S_first[f]; f++) {
        size_t l1;
        if (!S_match(S_first[f], s, n, &l1))
            continue;
        if (l1 == n)
            return true;
        for (size_t g = 0; S_next[g]; g++) {
            size_t l2;
            if (!S_match(S_next[g], s + l1, n - l1, &l2))
                continue;
            if (l1 + l2 == n)
                return true;
            for (size_t h = 0; S_next[h]; h++) {
                size_t l3;
                if (S_match(S_next[h], s + l1 + l2, n - l1 - l2, &l3) && l1 + l2 + l3 == n)
                    return true;
            }
        }
    }
    return false;
}

/* s (n bytes) with its vowels in the harmony that starts at v, into out
 * (cap bytes); its length, 0 when it does not fit. */
static size_t S_harmonise(const char *s, size_t n, S_vowel v, char *out, size_t cap)
{
    size_t o = 0, k;
    for (size_t i = 0; i < n; i += k) {
        uint32_t cp = bp_utf8_next(s + i, n - i, &k);
        if (cp == 'a' || cp == 0x0259) {
            cp = v.back ? 'a' : 0x0259;
            v.round = false;
        } else if (cp == 0x0131 || cp == 'i' || cp == 'u' || cp == 0x00FC) {
            cp = v.back ? (v.round ? 'u' : 0x0131) : (v.round ? 0x00FC : 'i');
        }
        if (o + 4 > cap)
            return 0;
        o += bp_utf8_put(cp, out + o);
    }
    return o;
}

berpa_status bp_correct_number_suffix(bp_line *l, const bp_correct_opts *o, bp_diagctx *dc,
                                      bp_correct_stats *st)
{
    static const char why[] =
        "a suffix after a number follows the harmony of the number read aloud";
    size_t end = (l->flags & BP_LF_HYPHEN_END) ? l->hy_at : l->len, k;
    for (size_t i = 1; i + 1 < end; i++) {
        const char *s = l->text;
        if (s[i] != '-' || s[i - 1] < '0' || s[i - 1] > '9')
            continue;
        size_t a = i;
        while (a > 0 && s[a - 1] >= '0' && s[a - 1] <= '9')
            a--;
        /* digits glued to letters (A4-cü, 3D-də) are a name, not a number */
        if (a > 0 && bp_az_is_letter(bp_utf8_prev(s, a, &k)))
            continue;
        /* …96 before a front suffix is the percent sign's reading
         * (bp_correct_percent decides it) */
        if (i - a >= 3 && s[i - 2] == '9' && s[i - 1] == '6')
            continue;
        size_t b = i + 1;
        while (b < end && bp_az_is_letter(bp_utf8_next(s + b, end - b, &k)))
            b += k;
        size_t n = b - i - 1;
        if (n == 0 || (b < end && bp_az_is_wordchar(bp_utf8_next(s + b, end - b, &k))) ||
            !S_chain(s + i + 1, n))
            continue;
        S_vowel v;
        char want[64];
        size_t m;
        if (!S_number_vowel(s, a, i, &v) ||
            (m = S_harmonise(s + i + 1, n, v, want, sizeof want - 1)) == 0)
            continue;
        if (m == n && memcmp(want, s + i + 1, n) == 0) {
            i = b;
            continue;
        }
        want[m] = '\0';
        if (0.85f >= o->threshold) {
            if (!bp_correct_apply(l, (uint32_t)(i + 1), (uint32_t)n, want, m, 0.85f, why))
                return BERPA_E_NOMEM;
            st->applied++;
        } else {
            char cand[96];
            int cl = snprintf(cand, sizeof cand, "%.*s-%s", (int)(i - a), s + a, want);
            st->unsure++;
            bp_diag(dc, BP_D_OCR_UNSURE, l->lineno, 0, l->src_off, (int)(b - a), s + a, cl, cand,
                    0.85f, o->threshold);
        }
        end = (l->flags & BP_LF_HYPHEN_END) ? l->hy_at : l->len;
        i += 1 + m;
    }
    return BERPA_OK;
}
