/*
 * check.c: text quality without ground truth (berpa check), after mandoc's
 * `-T lint`: every finding has a code, a level and a position.  Measures
 * the text as it is (raw OCR, berpa's output, any corpus file): the share
 * of words the dictionary accepts, tokens that cannot be Azerbaijani,
 * line-end hyphens, page furniture left in, garbage lines and odd Unicode.
 *
 * The rules come from the language and from what tesseract's `aze` model
 * can and cannot print (../shared/docs/AZERBAIJANI.md), never from a corpus.
 */
#include "checker.h"
#include "quality.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "emit_util.h" /* bp_utf8_decode: strict UTF-8 */

/* ---- codes ------------------------------------------------------------------- */
static const struct {
    const char *name;
    int level;
} S_codes[BP_CK_NCODES] = {
    [BP_CK_INVALID_UTF8] = { "invalid-utf8", BP_CK_ERROR },
    [BP_CK_CONTROL] = { "control-char", BP_CK_WARNING },
    [BP_CK_PRIVATE_USE] = { "private-use", BP_CK_WARNING },
    [BP_CK_UNNORMALIZED] = { "unnormalized", BP_CK_WARNING },
    [BP_CK_I_DOT] = { "i-dot-above", BP_CK_WARNING },
    [BP_CK_MIXED_SCRIPT] = { "mixed-script", BP_CK_WARNING },
    [BP_CK_DIGIT_IN_WORD] = { "digit-in-word", BP_CK_WARNING },
    [BP_CK_PUNCT_IN_WORD] = { "punct-in-word", BP_CK_WARNING },
    [BP_CK_FOREIGN_LETTER] = { "foreign-letter", BP_CK_NOTE },
    [BP_CK_IMPOSSIBLE] = { "impossible-sequence", BP_CK_WARNING },
    [BP_CK_AZE_J] = { "aze-j", BP_CK_WARNING },
    [BP_CK_AZE_PERCENT] = { "aze-percent", BP_CK_NOTE },
    [BP_CK_LINE_END_HYPHEN] = { "line-end-hyphen", BP_CK_WARNING },
    [BP_CK_BAD_JOIN] = { "bad-join", BP_CK_NOTE },
    [BP_CK_RUNNING_HEAD] = { "running-head", BP_CK_WARNING },
    [BP_CK_PAGE_NUMBER] = { "page-number", BP_CK_WARNING },
    [BP_CK_GARBAGE_LINE] = { "garbage-line", BP_CK_WARNING },
    [BP_CK_SHORT_LINE] = { "short-line", BP_CK_NOTE },
    [BP_CK_LOW_ACCEPTANCE] = { "low-acceptance", BP_CK_WARNING },
    [BP_CK_ODD_CHAR] = { "odd-char", BP_CK_WARNING },
    [BP_CK_LONG_LINE] = { "long-line", BP_CK_WARNING },
    [BP_CK_UTF16] = { "utf16", BP_CK_ERROR },
};

static const char *const S_level_names[] = { "note", "warning", "error" };

const char *bp_check_code_name(int code) { return S_codes[code].name; }

int bp_check_code_find(const char *name)
{
    for (int c = 0; c < BP_CK_NCODES; c++)
        if (strcmp(S_codes[c].name, name) == 0)
            return c;
    return -1;
}

const char *bp_check_level_name(int level)
{
    return level >= 0 && level <= 2 ? S_level_names[level] : "off";
}

/* ---- configuration ------------------------------------------------------------ */
typedef struct S_key {
    const char *name;
    size_t off;      /* into bp_check_conf                          */
    bool is_share;   /* a double in [0, 1], else an unsigned count  */
    const char *doc;
} S_key;

#define S_K(field, share, doc) { #field, offsetof(bp_check_conf, field), share, doc }
static const S_key S_keys[] = {
    S_K(min_acceptance, true, "share of words the dictionary accepts, whole file"),
    S_K(min_page_acceptance, true, "the same, per page (form feed)"),
    S_K(min_paragraph_acceptance, true, "the same, per paragraph"),
    S_K(min_words, false, "pages and paragraphs with fewer judged words are not judged"),
    S_K(head_max_chars, false, "longest line taken for a running head or page number"),
    S_K(head_min_repeats, false, "repeats, at regular intervals, that make a running head"),
    S_K(head_max_gap, false, "longest interval, in lines, between two running heads (a page)"),
    S_K(short_line_max_chars, false, "a line this short is a short-line"),
    S_K(garbage_min_chars, false, "shorter lines are never garbage"),
    S_K(garbage_max_junk, true, "share of characters neither letters, digits nor punctuation"),
    S_K(max_consonants, false, "longest consonant run an Azerbaijani word has"),
};
#undef S_K

void bp_check_conf_default(bp_check_conf *c)
{
    memset(c, 0, sizeof *c);
    for (int k = 0; k < BP_CK_NCODES; k++)
        c->level[k] = S_codes[k].level;
    c->min_acceptance = 0.80;
    c->min_page_acceptance = 0.70;
    c->min_paragraph_acceptance = 0.50;
    c->min_words = 8;
    c->head_max_chars = 60;
    c->head_min_repeats = 3;
    c->head_max_gap = 200;
    c->short_line_max_chars = 2;
    c->garbage_min_chars = 4;
    c->garbage_max_junk = 0.30;
    c->max_consonants = 4;
}

int bp_check_level_parse(const char *s)
{
    for (int l = 0; l < 3; l++)
        if (strcmp(s, S_level_names[l]) == 0)
            return l;
    return strcmp(s, "off") == 0 ? BP_CK_OFF : -2;
}

int bp_check_conf_set(bp_check_conf *c, const char *section, const char *key, const char *value,
                      char *err, size_t cap)
{
    if (strcmp(section, "levels") == 0) {
        int code = bp_check_code_find(key);
        if (code < 0) {
            snprintf(err, cap, "unknown code '%s' in [levels]", key);
            return -1;
        }
        int l = bp_check_level_parse(value);
        if (l == -2) {
            snprintf(err, cap, "level of %s must be note, warning, error or off, not '%s'", key, value);
            return -1;
        }
        c->level[code] = l;
        return 0;
    }
    if (strcmp(section, "thresholds") != 0) {
        snprintf(err, cap, "unknown section [%s] (sections: thresholds, levels)", section);
        return -1;
    }
    for (size_t k = 0; k < sizeof S_keys / sizeof *S_keys; k++) {
        /* keys are written with dashes: min-acceptance */
        const char *a = S_keys[k].name, *b = key;
        while (*a && (*a == *b || (*a == '_' && *b == '-')))
            a++, b++;
        if (*a || *b)
            continue;
        char *end;
        double v = strtod(value, &end);
        if (end == value || *end || !(v >= 0) || (S_keys[k].is_share && v > 1) ||
            (!S_keys[k].is_share && (v != floor(v) || v > 1e6))) {
            snprintf(err, cap, "%s must be %s, not '%s'", key,
                     S_keys[k].is_share ? "a share between 0 and 1" : "a whole number", value);
            return -1;
        }
        char *f = (char *)c + S_keys[k].off;
        if (S_keys[k].is_share)
            *(double *)(void *)f = v;
        else
            *(unsigned *)(void *)f = (unsigned)v;
        return 0;
    }
    snprintf(err, cap, "unknown key '%s' in [thresholds]", key);
    return -1;
}

/* ---- the word cache: one verdict per distinct word form ----------------------- */
/* What a word form (a part of a token, see S_part) gives, whatever its
 * place: at most one finding, and whether the dictionary judged and
 * accepted it.  A pure function of the part's bytes, so it is computed once
 * per form and replayed; only the finding's column and message depend on
 * where the form stands. */
enum { S_V_NONE = 0xFF };
typedef struct S_verdict {
    uint8_t code;          /* finding code, or S_V_NONE                          */
    bool judged, ok;       /* counted as judged by the dictionary; accepted      */
    uint8_t arg;           /* the message variant (which script, which reason)   */
    uint32_t col;          /* the finding's column, in characters from the part  */
    uint32_t val;          /* a code point, the aze-j fix's id, the split's bytes */
} S_verdict;

typedef struct S_word {
    bool dict_done, known; /* the dictionary's answers, asked once               */
    bool v_done;           /* v holds the verdict (never for line-end fragments) */
    uint16_t split;        /* bad-join: bytes of the left word, 0: none          */
    uint32_t sugg;         /* aze-j: the word with j (an id in sugg), or UINT32_MAX */
    S_verdict v;
} S_word;

struct bp_checker {
    bp_check_conf conf;
    const bp_lexicon *lx;
    bp_intern words;       /* the word forms seen                                 */
    S_word *w;             /* per word id                                         */
    size_t wcap;
    bp_intern sugg;        /* the aze-j fixes                                     */
    const UNormalizer2 *nfc;
    uint8_t cls[128];      /* S_C_* classes of the ASCII characters              */
    uint8_t low[128];      /* ASCII lower case (I -> i: a line's shape, not a word) */
};

/* ---- findings ------------------------------------------------------------------------ */
static bool S_add(bp_checker *ck, bp_check_result *r, int code, uint64_t line, uint64_t col,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static bool S_add(bp_checker *ck, bp_check_result *r, int code, uint64_t line, uint64_t col,
                  const char *fmt, ...)
{
    int level = ck->conf.level[code];
    if (level == BP_CK_OFF)
        return true;
    bp_finding *f = bp_grow(r->f, &r->cap, r->n + 1, sizeof *f, 64);
    if (!f)
        return false;
    r->f = f;
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    /* messages quote the text, which may be anything: invalid bytes,
     * controls and noncharacters become U+FFFD so that every output
     * format (JSON, XML) stays valid */
    size_t n = strlen(msg), o = 0;
    char *m = malloc(3 * n + 1);
    if (!m)
        return false;
    for (size_t i = 0; i < n;) {
        if ((unsigned char)msg[i] >= 0x20 && (unsigned char)msg[i] < 0x7F) {
            m[o++] = msg[i++];
            continue;
        }
        uint32_t c;
        size_t k = bp_utf8_decode(msg + i, n - i, &c);
        if (!k)
            k = 1, c = 0xFFFD;
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF))
            c = 0xFFFD;
        o += bp_utf8_put(c, m + o);
        i += k;
    }
    m[o] = '\0';
    r->f[r->n++] = (bp_finding){ code, level, line, col, m, r->n };
    r->count[level]++;
    return true;
}

/* ---- characters ---------------------------------------------------------------------- */
static inline bool S_space(uint32_t c)
{
    if (c < 0x80)
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
    if (c < 0x2000) /* every letter of the alphabet past ASCII: one test */
        return c == 0xA0;
    return c <= 0x200A || c == 0x202F || c == 0x205F || c == 0x3000;
}

static inline bool S_is_digit(uint32_t c) { return c >= '0' && c <= '9'; }

/* A letter, with the common cases inline (bp_az_is_wordchar). */
static inline bool S_letter(uint32_t c) { return bp_az_is_wordchar(c) && !S_is_digit(c); }

/* The Azerbaijani Latin alphabet: a-z but w, and ç ə ğ ı İ ö ş ü. */
static inline bool S_az_letter(uint32_t c)
{
    if (c < 0x80)
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && (c | 0x20) != 'w';
    switch (c) {
    case 0xE7: case 0xC7: case 0x259: case 0x18F: case 0x11F: case 0x11E: case 0x131: case 0x130:
    case 0xF6: case 0xD6: case 0x15F: case 0x15E: case 0xFC: case 0xDC:
        return true;
    default:
        return false;
    }
}

/* Lower case of the letters outside the Azerbaijani alphabet: kept out of
 * line so that S_lower, called for every letter, stays small. */
static __attribute__((noinline)) uint32_t S_lower_other(uint32_t c)
{
    return (uint32_t)u_tolower((UChar32)c);
}

/* Lower case with Azerbaijani rules (I -> ı, İ -> i); the alphabet inline. */
static inline uint32_t S_lower(uint32_t c)
{
    if (c < 0x80)
        return c == 'I' ? 0x131 : c >= 'A' && c <= 'Z' ? c + 32 : c;
    switch (c) {
    case 0x130: return 'i';
    case 0x18F: return 0x259;
    case 0xC7: case 0xD6: case 0xDC: return c + 0x20;
    case 0x15E: case 0x11E: return c + 1;
    case 0x259: case 0xE7: case 0xF6: case 0xFC: case 0x15F: case 0x11F: case 0x131: return c;
    default: return S_lower_other(c);
    }
}

enum { S_LATIN = 1, S_CYRILLIC = 2, S_GREEK = 4, S_OTHER = 8 };

static int S_script(uint32_t c)
{
    if (c < 0x250 || c == 0x259 || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0xFB00 && c <= 0xFB06))
        return S_LATIN;
    if (c >= 0x400 && c <= 0x52F)
        return S_CYRILLIC;
    if (c >= 0x370 && c <= 0x3FF)
        return S_GREEK;
    return S_OTHER;
}

/* Punctuation that cannot stand between two letters of a word: what OCR
 * puts where a letter was (ener)i, Gənc?lik). */
static bool S_bad_inner(uint32_t c)
{
    return c == ')' || c == '(' || c == '?' || c == '!' || c == '|' || c == '[' || c == ']' ||
           c == '{' || c == '}' || c == '<' || c == '>' || c == '*' || c == '#' || c == '@';
}

/* Punctuation a line of text may hold; the rest counts as junk. */
static bool S_punct(uint32_t c)
{
    return (c < 0x80 && c > 0x20 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !S_is_digit(c) &&
            c != '~' && c != '^' && c != '`' && c != '\\' && c != '|' && c != '_' && c != '{' &&
            c != '}' && c != '<' && c != '>' && c != '@' && c != '#' && c != '*') ||
           c == 0xAB || c == 0xBB || c == 0xB0 || c == 0xA7 || c == 0x2013 || c == 0x2014 ||
           c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D || c == 0x201E || c == 0x2026 ||
           c == 0x2116 || c == 0x20BC;
}

/* What splits a token into the parts judged as words (S_part), but ')'
 * which does so only after a '(' in the token. */
static inline bool S_part_sep(uint32_t c)
{
    if (c >= 0x80 && c < 0x2BC) /* the Azerbaijani letters past ASCII */
        return false;
    return bp_az_is_inner_hyphen(c) || c == '/' || c == '.' || c == ',' || c == 0x2019 || c == '\'' ||
           c == 0x2BC || c == '(';
}

static inline bool S_consonant(uint32_t lc)
{
    return S_az_letter(lc) && !bp_az_is_vowel(lc);
}

/* ---- the checker ------------------------------------------------------------------ */
/* Classes of the ASCII characters, for the loops over every character. */
enum { S_C_SPACE = 1, S_C_DIGIT = 2, S_C_LETTER = 4, S_C_PUNCT = 8, S_C_SEP = 16, S_C_PLAIN = 32,
       S_C_NUMPUNCT = 64 /* what a page number may hold besides digits: - . */ };

bp_checker *bp_checker_new(const bp_check_conf *c, const bp_lexicon *lx)
{
    bp_checker *ck = calloc(1, sizeof *ck);
    if (!ck)
        return NULL;
    ck->conf = *c;
    ck->lx = lx && bp_lexicon_path(lx) ? lx : NULL;
    UErrorCode e = U_ZERO_ERROR;
    ck->nfc = unorm2_getNFCInstance(&e);
    if (U_FAILURE(e)) {
        free(ck);
        return NULL;
    }
    /* from the functions themselves, so the table cannot disagree with them */
    for (uint32_t a = 0; a < 128; a++)
        ck->cls[a] = (uint8_t)((S_space(a) ? S_C_SPACE : 0) | (S_is_digit(a) ? S_C_DIGIT : 0) |
                               (S_letter(a) ? S_C_LETTER : 0) | (S_punct(a) ? S_C_PUNCT : 0) |
                               (S_part_sep(a) ? S_C_SEP : 0) |
                               (a >= 0x20 && a < 0x7F ? S_C_PLAIN : 0) |
                               (a == '-' || a == '.' ? S_C_NUMPUNCT : 0));
    for (uint32_t a = 0; a < 128; a++)
        ck->low[a] = (uint8_t)(a >= 'A' && a <= 'Z' ? a + 32 : a);
    return ck;
}

void bp_checker_free(bp_checker *ck)
{
    if (!ck)
        return;
    bp_intern_free(&ck->words);
    bp_intern_free(&ck->sugg);
    free(ck->w);
    free(ck);
}

static bool S_known(const bp_checker *ck, const char *s, size_t n)
{
    return bp_lexicon_known(ck->lx, s, n);
}

/* An unknown word with i, ı, f or ) where the aze model, which has no j,
 * put it (enerii, geolofi, ener)i): the first such replacement the
 * dictionary accepts, into out. */
static size_t S_try_j(const bp_checker *ck, const char *s, size_t n, char *out, size_t cap)
{
    if (n + 2 > cap)
        return 0;
    for (size_t i = 0; i < n;) {
        size_t k = 1, kl = 0;
        unsigned char c = (unsigned char)s[i];
        if (c == 'i' || c == 'f' || c == ')')
            kl = 1;
        else if (c == 0xC4 && i + 1 < n && (unsigned char)s[i + 1] == 0xB1) /* ı */
            kl = 2;
        else if (c >= 0xC0)
            while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
                k++;
        if (kl) {
            memcpy(out, s, i);
            out[i] = 'j';
            memcpy(out + i + 1, s + i + kl, n - i - kl);
            size_t m = n - kl + 1;
            if (S_known(ck, out, m))
                return m;
            k = kl;
        }
        i += k;
    }
    return 0;
}

/* An unknown word that is two dictionary words (four letters or more
 * each) joined at a syllable boundary: the left part's length, or 0. */
static uint16_t S_try_split(const bp_checker *ck, const char *s, size_t n, size_t letters)
{
    if (letters < 6 || n > 60)
        return 0;
    size_t seen = 0;
    for (size_t i = 0; i < n;) {
        size_t k = 1;
        while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
            k++;
        i += k;
        seen++;
        if (seen >= 4 && letters - seen >= 4 && bp_az_syllable_break(s, i, s + i, n - i) &&
            S_known(ck, s, i) && S_known(ck, s + i, n - i))
            return (uint16_t)i;
    }
    return 0;
}

/* The dictionary's answers on word form id (bytes s[0, n), `letters`
 * letters), asked once.  False when out of memory. */
static bool S_dict(bp_checker *ck, uint32_t id, const char *s, size_t n, size_t letters)
{
    S_word *w = &ck->w[id];
    if (w->dict_done)
        return true;
    w->dict_done = true;
    if ((w->known = S_known(ck, s, n)))
        return true;
    char buf[256];
    size_t m = S_try_j(ck, s, n, buf, sizeof buf);
    if (m && (w->sugg = bp_intern_get(&ck->sugg, buf, m)) == UINT32_MAX)
        return false;
    if (!m)
        w->split = S_try_split(ck, s, n, letters);
    return true;
}

/* The id of word form s[0, n), added when new; UINT32_MAX when out of
 * memory. */
static uint32_t S_word_id(bp_checker *ck, const char *s, size_t n)
{
    uint32_t before = ck->words.n;
    uint32_t id = bp_intern_get(&ck->words, s, n);
    if (id == UINT32_MAX || id < before)
        return id;
    S_word *nw = bp_grow(ck->w, &ck->wcap, (size_t)id + 1, sizeof *nw, 4096);
    if (!nw)
        return UINT32_MAX;
    ck->w = nw;
    ck->w[id] = (S_word){ .sugg = UINT32_MAX };
    return id;
}

/* S_space, ASCII from the table. */
static inline bool S_space_in(const bp_checker *ck, uint32_t c)
{
    return c < 0x80 ? (ck->cls[c] & S_C_SPACE) != 0 : S_space(c);
}

/* ---- one line ---------------------------------------------------------------------- */
typedef struct S_state {
    uint32_t *cp;          /* the line's characters                         */
    uint32_t *bytepos;     /* byte offset of each character in the line     */
    size_t cap;
    UChar *u16;            /* the line in UTF-16, for the NFC check          */
    size_t u16_cap;
    /* paragraph and page being measured */
    uint64_t para_line, para_checked, para_ok, page_checked, page_ok, page_line;
    bool in_para, page_used;  /* page_used: the page has a non-blank line */
    /* a line-end hyphen waiting for the next line */
    bool hy_pending;
    uint64_t hy_line, hy_col;
} S_state;

static bool S_grow(S_state *s, size_t n)
{
    if (n <= s->cap)
        return true;
    size_t cap = s->cap ? s->cap : 256;
    while (cap < n)
        cap *= 2;
    uint32_t *a = realloc(s->cp, cap * sizeof *a);
    if (!a)
        return false;
    s->cp = a;
    uint32_t *b = realloc(s->bytepos, cap * sizeof *b);
    if (!b)
        return false;
    s->bytepos = b;
    s->cap = cap;
    return true;
}

enum { S_WHY_G, S_WHY_THRICE, S_WHY_CONSONANTS };
static const char *const S_why[] = { "no word starts with ğ", "a letter three times in a row",
                                     "too many consonants in a row" };

/* The verdict on one part of a word: cp[a..b), all letters and digits and
 * inner punctuation, word form id (its bytes w[0, bytes)); fragment: half
 * of a word broken at the line end.  False when out of memory. */
static bool S_decide(bp_checker *ck, const S_state *s, size_t a, size_t b, bool fragment, uint32_t id,
                     const char *w, size_t bytes, S_verdict *v)
{
    *v = (S_verdict){ .code = S_V_NONE };
    size_t letters = 0, digits = 0, upper = 0, bad = 0;
    for (size_t i = a; i < b; i++) {
        uint32_t c = s->cp[i];
        if (S_is_digit(c))
            digits++;
        else if (S_letter(c)) {
            letters++;
            upper += bp_az_is_upper(c);
        } else if (S_bad_inner(c) && i > a && i + 1 < b)
            bad++;
    }
    if (letters && digits && upper < letters) { /* MP3, A2: codes, not words */
        v->code = BP_CK_DIGIT_IN_WORD;
        return true;
    }
    if (letters && digits)
        return true;
    if (!letters) {
        /* the aze model has no %: 25% comes out as 2596 */
        if (digits >= 3 && digits <= 5 && digits == b - a && s->cp[b - 2] == '9' && s->cp[b - 1] == '6') {
            unsigned n = 0;
            for (size_t i = a; i < b; i++)
                n = n * 10 + (s->cp[i] - '0');
            if (n < 1800 || n > 2099)
                v->code = BP_CK_AZE_PERCENT;
        }
        return true;
    }
    if (bad) {
        /* ener)i: a ) where the aze model put j */
        if (ck->lx) {
            if (!S_dict(ck, id, w, bytes, letters))
                return false;
            v->judged = !fragment; /* and rejected */
            if (ck->w[id].sugg != UINT32_MAX) {
                v->code = BP_CK_AZE_J;
                v->val = ck->w[id].sugg;
                return true;
            }
        }
        v->code = BP_CK_PUNCT_IN_WORD;
        return true;
    }
    /* scripts and letters outside the alphabet */
    int scripts = 0;
    size_t foreign = SIZE_MAX;
    for (size_t i = a; i < b; i++) {
        if (!S_letter(s->cp[i]))
            continue; /* odd characters have their own code */
        scripts |= S_script(s->cp[i]);
        if (foreign == SIZE_MAX && !S_az_letter(s->cp[i]) && !(s->cp[i] >= 0xFB00 && s->cp[i] <= 0xFB06))
            foreign = i;
    }
    if ((scripts & S_LATIN) && (scripts & (S_CYRILLIC | S_GREEK))) {
        size_t i = a;
        while (S_script(s->cp[i]) == S_LATIN)
            i++;
        *v = (S_verdict){ .code = BP_CK_MIXED_SCRIPT, .col = (uint32_t)(i - a), .val = s->cp[i],
                          .arg = (scripts & S_CYRILLIC) != 0 };
        return true;
    }
    if (foreign != SIZE_MAX) {
        v->code = BP_CK_FOREIGN_LETTER;
        if (scripts == S_LATIN)
            *v = (S_verdict){ .code = BP_CK_FOREIGN_LETTER, .arg = 1, .col = (uint32_t)(foreign - a),
                              .val = s->cp[foreign] };
        return true;
    }
    /* half of a word broken at the line end (line-end-hyphen says so), an
     * acronym (TBMM) or a Roman numeral (VIII): not a word to judge */
    if (fragment || (upper == letters && letters > 1))
        return true;
    /* sequences no Azerbaijani word has */
    size_t run = 0;
    for (size_t i = a; i < b; i++) {
        uint32_t lc = S_lower(s->cp[i]);
        int why = -1;
        if (i == a && lc == 0x11F)
            why = S_WHY_G;
        else if (i >= a + 2 && lc == S_lower(s->cp[i - 1]) && lc == S_lower(s->cp[i - 2]))
            why = S_WHY_THRICE;
        /* y after a vowel is a glide, not part of a consonant cluster (meynstrim) */
        else if ((run = S_consonant(lc) && !(lc == 'y' && i > a && bp_az_is_vowel(S_lower(s->cp[i - 1])))
                            ? run + 1
                            : 0) > ck->conf.max_consonants)
            why = S_WHY_CONSONANTS;
        if (why >= 0) {
            *v = (S_verdict){ .code = BP_CK_IMPOSSIBLE, .col = (uint32_t)(i - a), .arg = (uint8_t)why };
            return true;
        }
    }
    if (!ck->lx) {
        /* no dictionary: ii is still the aze model's j */
        for (size_t i = a + 1; i < b; i++)
            if (S_lower(s->cp[i]) == 'i' && S_lower(s->cp[i - 1]) == 'i') {
                *v = (S_verdict){ .code = BP_CK_AZE_J, .arg = 1, .col = (uint32_t)(i - 1 - a) };
                return true;
            }
        return true;
    }
    if (!S_dict(ck, id, w, bytes, letters))
        return false;
    const S_word *e = &ck->w[id];
    v->judged = true;
    v->ok = e->known;
    if (e->known)
        return true;
    if (e->sugg != UINT32_MAX) {
        v->code = BP_CK_AZE_J;
        v->val = e->sugg;
    } else if (e->split) {
        v->code = BP_CK_BAD_JOIN;
        v->val = e->split;
    }
    return true;
}

/* One part of a word (between inner hyphens): cp[a..b), all letters and
 * digits and inner punctuation.  Its verdict comes from the cache (a line
 * end's fragment is decided afresh); the finding, if any, is added here,
 * at its place.  Returns false when out of memory. */
static bool S_part(bp_checker *ck, bp_check_result *r, S_state *s, const char *line, uint64_t ln,
                   size_t a, size_t b, bool fragment, size_t *words_checked, size_t *words_ok)
{
    size_t bytes = s->bytepos[b] - s->bytepos[a];
    const char *w = line + s->bytepos[a];
    uint32_t id = S_word_id(ck, w, bytes);
    if (id == UINT32_MAX)
        return false;
    S_verdict fresh;
    const S_verdict *v = &fresh;
    if (fragment) {
        if (!S_decide(ck, s, a, b, true, id, w, bytes, &fresh))
            return false;
    } else {
        if (!ck->w[id].v_done) {
            if (!S_decide(ck, s, a, b, false, id, w, bytes, &fresh))
                return false;
            ck->w[id].v = fresh;
            ck->w[id].v_done = true;
        }
        v = &ck->w[id].v;
    }
    *words_checked += v->judged;
    *words_ok += v->ok;
    uint64_t col = a + v->col + 1;
    switch (v->code) {
    case S_V_NONE:
        return true;
    case BP_CK_DIGIT_IN_WORD:
        return S_add(ck, r, v->code, ln, col, "digits inside a word: '%.*s'", (int)bytes, w);
    case BP_CK_AZE_PERCENT: /* digits only: as many bytes as characters */
        return S_add(ck, r, v->code, ln, col, "'%.*s' may be %.*s%% read without its %% sign",
                     (int)bytes, w, (int)(bytes - 2), w);
    case BP_CK_PUNCT_IN_WORD:
        return S_add(ck, r, v->code, ln, col, "punctuation inside a word: '%.*s'", (int)bytes, w);
    case BP_CK_MIXED_SCRIPT:
        return S_add(ck, r, v->code, ln, col, "Latin and %s letters in one word: '%.*s' (U+%04X)",
                     v->arg ? "Cyrillic" : "Greek", (int)bytes, w, (unsigned)v->val);
    case BP_CK_FOREIGN_LETTER:
        if (v->arg)
            return S_add(ck, r, v->code, ln, col, "letter outside the Azerbaijani alphabet (U+%04X) in '%.*s'",
                         (unsigned)v->val, (int)bytes, w);
        return S_add(ck, r, v->code, ln, col, "a word in another script: '%.*s'", (int)bytes, w);
    case BP_CK_IMPOSSIBLE:
        return S_add(ck, r, v->code, ln, col, "'%.*s': %s", (int)bytes, w, S_why[v->arg]);
    case BP_CK_AZE_J:
        if (v->arg)
            return S_add(ck, r, v->code, ln, col, "'%.*s': ii is how the aze model reads j", (int)bytes, w);
        return S_add(ck, r, v->code, ln, col, "'%.*s' is '%.*s' read without j", (int)bytes, w,
                     (int)bp_intern_len(&ck->sugg, v->val), bp_intern_str(&ck->sugg, v->val));
    case BP_CK_BAD_JOIN:
        return S_add(ck, r, v->code, ln, col, "'%.*s' is not a word, but '%.*s' and '%.*s' are: a wrong join?",
                     (int)bytes, w, (int)v->val, w, (int)(bytes - v->val), w + v->val);
    default:
        return true;
    }
}

/* Checks one line (without its newline; ln: its 1-based number), leaving
 * its characters in s->cp: *nchars of them, *nonspace not white space.
 * Adds the dictionary's verdicts to *checked and *ok. */
static bool S_line(bp_checker *ck, bp_check_result *r, S_state *s, const char *line, size_t len,
                   uint64_t ln, size_t *checked, size_t *ok, size_t *nchars, size_t *nonspace_out)
{
    *nchars = *nonspace_out = 0;
    if (len > BP_MAX_LINE) {
        /* a line this long is not text (or has lost its line ends): its
         * first BP_MAX_LINE bytes are checked, up to a character's start */
        size_t cut = BP_MAX_LINE;
        while (cut > 0 && ((unsigned char)line[cut] & 0xC0) == 0x80)
            cut--;
        if (!S_add(ck, r, BP_CK_LONG_LINE, ln, 0, "a line of %zu bytes: only the first %zu are checked",
                   len, cut))
            return false;
        len = cut;
    }
    if (!S_grow(s, len + 1))
        return false;
    size_t n = 0;
    bool need_nfc = false;
    /* the line's shape, counted as it is decoded */
    size_t nonspace = 0, letters = 0, digits = 0, junk = 0, first = SIZE_MAX, last = 0;
    const unsigned char *u = (const unsigned char *)line;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        size_t k;
        s->bytepos[n] = (uint32_t)i;
        /* the common characters, which no character check concerns:
         * printable ASCII, and U+00A0..U+02FF but the soft hyphen (all
         * the Azerbaijani letters; all NFC) */
        if (u[i] < 0x80 && (ck->cls[u[i]] & S_C_PLAIN)) {
            uint8_t cl = ck->cls[u[i]];
            s->cp[n++] = u[i++];
            if (cl & S_C_SPACE)
                continue;
            nonspace++;
            if (first == SIZE_MAX)
                first = n - 1;
            last = n - 1;
            if (cl & S_C_DIGIT)
                digits++;
            else if (cl & S_C_LETTER)
                letters++;
            else if (!(cl & S_C_PUNCT))
                junk++;
            continue;
        }
        if (u[i] >= 0xC2 && u[i] <= 0xCB && i + 1 < len && (u[i + 1] & 0xC0) == 0x80 &&
            (c = ((uint32_t)(u[i] & 0x1F) << 6) | (u[i + 1] & 0x3Fu)) >= 0xA0 && c != 0xAD) {
            k = 2;
        } else {
            k = u[i] < 0x80 ? (c = u[i], 1) : bp_utf8_decode(line + i, len - i, &c);
            if (!k) {
                if (!S_add(ck, r, BP_CK_INVALID_UTF8, ln, n + 1, "invalid UTF-8 byte 0x%02X", u[i]))
                    return false;
                c = 0xFFFD;
                k = 1;
            } else if ((c < 0x20 && c != '\t' && c != '\r' && c != '\f') || (c >= 0x7F && c <= 0x9F)) {
                if (!S_add(ck, r, BP_CK_CONTROL, ln, n + 1, "control character U+%04X", (unsigned)c))
                    return false;
            } else if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000 || (c >= 0xFDD0 && c <= 0xFDEF) ||
                       (c & 0xFFFE) == 0xFFFE) {
                if (!S_add(ck, r, BP_CK_PRIVATE_USE, ln, n + 1, "%s U+%04X",
                           (c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF) ? "noncharacter"
                                                                                 : "private-use character",
                           (unsigned)c))
                    return false;
            } else if (c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 ||
                       (c == 0xFEFF && (ln > 1 || n > 0)) || (c >= 0xFB00 && c <= 0xFB06)) {
                if (!S_add(ck, r, BP_CK_ODD_CHAR, ln, n + 1, "%s U+%04X",
                           c >= 0xFB00 ? "ligature" : c == 0xAD ? "soft hyphen" : "invisible character",
                           (unsigned)c))
                    return false;
            } else if (c == 0x307 && n && (s->cp[n - 1] == 'i' || s->cp[n - 1] == 'I')) {
                if (!S_add(ck, r, BP_CK_I_DOT, ln, n, "i followed by U+0307: İ lower-cased without "
                                                      "Azerbaijani rules (should be i)"))
                    return false;
            }
            need_nfc |= c >= 0x300;
        }
        s->cp[n++] = c;
        i += k;
        if (S_space(c))
            continue;
        nonspace++;
        if (first == SIZE_MAX)
            first = n - 1;
        last = n - 1;
        if (S_is_digit(c))
            digits++;
        else if (S_letter(c))
            letters++;
        else if (!S_punct(c) && c != 0xFFFD)
            junk++;
    }
    s->bytepos[n] = (uint32_t)len;
    *nchars = n;
    if (need_nfc) {
        /* only lines with a character past U+02FF can be unnormalised: all
         * of Latin-1 and Latin Extended (every Azerbaijani letter) is NFC */
        if (2 * n + 2 > s->u16_cap) {
            UChar *u16 = realloc(s->u16, (2 * n + 2) * sizeof *u16);
            if (!u16)
                return false;
            s->u16 = u16;
            s->u16_cap = 2 * n + 2;
        }
        int32_t un = 0;
        for (size_t i = 0; i < n; i++)
            U16_APPEND_UNSAFE(s->u16, un, s->cp[i]);
        UErrorCode e = U_ZERO_ERROR;
        if (!unorm2_isNormalized(ck->nfc, s->u16, un, &e) && !U_FAILURE(e)) {
            size_t col = 1;
            for (size_t i = 0; i < n; i++)
                if (s->cp[i] >= 0x300 && unorm2_getCombiningClass(ck->nfc, (UChar32)s->cp[i])) {
                    col = i;
                    break;
                }
            if (!S_add(ck, r, BP_CK_UNNORMALIZED, ln, col, "not in Unicode NFC"))
                return false;
        }
    }

    bool head_fragment = false;
    if (s->hy_pending && nonspace) {
        uint32_t c = s->cp[first];
        head_fragment = true;
        if (bp_az_is_letter(c) && !bp_az_is_upper(c) &&
            !S_add(ck, r, BP_CK_LINE_END_HYPHEN, s->hy_line, s->hy_col,
                   "hyphen at the end of the line before a lower-case word: a word broken in two?"))
            return false;
        s->hy_pending = false;
    }
    *nonspace_out = nonspace;
    if (!nonspace)
        return true;
    if (nonspace <= ck->conf.short_line_max_chars && digits < nonspace &&
        !S_add(ck, r, BP_CK_SHORT_LINE, ln, first + 1, "a line of %zu character%s", nonspace,
               nonspace == 1 ? "" : "s"))
        return false;
    if (nonspace >= ck->conf.garbage_min_chars &&
        ((double)junk > ck->conf.garbage_max_junk * (double)nonspace || 2 * (letters + digits) < nonspace) &&
        !S_add(ck, r, BP_CK_GARBAGE_LINE, ln, first + 1,
               "garbage: %zu of %zu characters are letters or digits", letters + digits, nonspace))
        return false;
    uint32_t lc = s->cp[last];
    bool tail_fragment = false;
    if ((lc == '-' || lc == 0x2010 || lc == 0xAD) && last > first && bp_az_is_letter(s->cp[last - 1])) {
        tail_fragment = true;
        s->hy_pending = true;
        s->hy_line = ln;
        s->hy_col = last + 1;
    }

    /* words: runs of non-space, stripped of outer punctuation, split at
     * inner hyphens */
    for (size_t i = 0; i < n;) {
        while (i < n && S_space_in(ck, s->cp[i]))
            i++;
        size_t a = i;
        while (i < n && !S_space_in(ck, s->cp[i]))
            i++;
        size_t b = i;
        bool fragment = (head_fragment && a == first) || (tail_fragment && b == last + 1);
        while (a < b && !bp_az_is_wordchar(s->cp[a]))
            a++;
        while (b > a && !bp_az_is_wordchar(s->cp[b - 1]))
            b--;
        /* parts: split at hyphens, slashes, stops, commas, apostrophes, and
         * brackets that open (a missing space: Marks(Müəllif) or close one
         * opened in the token (RKP(b)); a ) with no ( stays inside, where
         * the aze model puts it for j (ener)i) */
        bool open = false;
        for (size_t p = a; p < b;) {
            size_t q = p;
            for (; q < b; q++) {
                uint32_t c = s->cp[q];
                if (c < 0x80 ? (ck->cls[c] & S_C_SEP) || (c == ')' && open) : S_part_sep(c))
                    break;
            }
            if (q < b && s->cp[q] == '(')
                open = true;
            if (q > p && !S_part(ck, r, s, line, ln, p, q, fragment, checked, ok))
                return false;
            p = q + 1;
        }
    }
    return true;
}

/* ---- running heads and page numbers ------------------------------------------------- */
/* Short lines by their shape (digits as #, spaces collapsed): how often,
 * and the gaps between successive occurrences. */
typedef struct S_head {
    uint64_t count, last, min_gap, max_gap;
    bool is_number;
} S_head;

typedef struct S_heads {
    bp_intern shapes;
    S_head *v;             /* per shape id */
    size_t cap;
} S_heads;

/* The shape of a short line into key (cap bytes); 0: not a candidate. */
static size_t S_shape(const bp_checker *ck, const S_state *s, size_t n, char *key, size_t cap,
                      bool *number)
{
    size_t o = 0, chars = 0, maxc = ck->conf.head_max_chars;
    bool digits_only = true, any = false, sp = false, hash = false;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = s->cp[i];
        uint8_t cl = c < 0x80 ? ck->cls[c] : (S_space(c) ? S_C_SPACE : 0);
        if (cl & S_C_SPACE) {
            sp = any;
            continue;
        }
        if (++chars > maxc)
            return 0;
        if (sp && o + 1 < cap)
            key[o++] = ' ';
        sp = false;
        any = true;
        if (cl & S_C_DIGIT) { /* digits as one # */
            hash = true;
            if (o && key[o - 1] == '#')
                continue;
            if (o + 4 >= cap)
                return 0;
            key[o++] = '#';
            continue;
        }
        if (o + 4 >= cap)
            return 0;
        if (c < 0x80) { /* letters in lower case, from the table */
            digits_only &= (cl & S_C_NUMPUNCT) != 0;
            key[o++] = (char)ck->low[c];
            continue;
        }
        digits_only &= c == 0x2013 || c == 0x2014;
        o += bp_utf8_put(S_lower(c), key + o);
    }
    *number = digits_only && hash;
    return o;
}

/* The entry of a shape, added when new and add is set. */
static S_head *S_head_get(S_heads *t, const char *k, size_t n, bool add, bool *nomem)
{
    if (!add) {
        uint32_t id = bp_intern_find(&t->shapes, k, n);
        return id == UINT32_MAX ? NULL : &t->v[id];
    }
    uint32_t before = t->shapes.n;
    uint32_t id = bp_intern_get(&t->shapes, k, n);
    if (id == UINT32_MAX) {
        *nomem = true;
        return NULL;
    }
    S_head *nv = bp_grow(t->v, &t->cap, (size_t)id + 1, sizeof *nv, 1024);
    if (!nv) {
        *nomem = true;
        return NULL;
    }
    t->v = nv;
    if (id >= before)
        t->v[id] = (S_head){ 0 };
    return &t->v[id];
}

/* A furniture line: repeated often enough, every so many lines (a page
 * may lack it, so the longest gap may be a few pages). */
static bool S_is_furniture(const bp_check_conf *c, const S_head *e)
{
    return e->count >= c->head_min_repeats && e->min_gap >= 8 && e->min_gap <= c->head_max_gap &&
           e->max_gap <= 4 * e->min_gap;
}

/* ---- the document -------------------------------------------------------------------- */
static int S_find_cmp(const void *x, const void *y)
{
    const bp_finding *a = x, *b = y;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static bool S_judge(bp_checker *ck, bp_check_result *r, uint64_t line, uint64_t checked, uint64_t ok,
                    double min, const char *what)
{
    if (!ck->lx || checked < ck->conf.min_words || (double)ok >= min * (double)checked)
        return true;
    return S_add(ck, r, BP_CK_LOW_ACCEPTANCE, line, 0,
                 "the dictionary accepts %.0f%% of the %llu words of this %s (at least %.0f%% wanted)",
                 100.0 * (double)ok / (double)checked, (unsigned long long)checked, what, 100.0 * min);
}

/* The end of a page: its acceptance (-1: no word judged) and finding. */
static bool S_page_end(bp_checker *ck, bp_check_result *r, S_state *s)
{
    double *p = realloc(r->page_acc, (r->pages + 1) * sizeof *p);
    if (!p)
        return false;
    r->page_acc = p;
    r->page_acc[r->pages] = s->page_checked ? (double)s->page_ok / (double)s->page_checked : -1;
    r->pages++;
    s->page_used = false;
    bool okk = S_judge(ck, r, s->page_line, s->page_checked, s->page_ok, ck->conf.min_page_acceptance, "page");
    s->page_checked = s->page_ok = 0;
    return okk;
}

/* A diagnostic's message, into user (512 bytes). */
static void S_take_message(const berpa_diag *d, void *user)
{
    snprintf(user, 512, "%s", d->message);
}

berpa_status bp_check_text(bp_checker *ck, const char *buf, size_t len, bp_check_result *r)
{
    memset(r, 0, sizeof *r);
    /* UTF-16 is not text to check: every other byte would be a finding */
    char msg[512] = "";
    bp_diagctx dc = { .fn = S_take_message, .user = msg };
    if (bp_encoding_diag(buf, len, false, &dc) != BERPA_OK)
        return S_add(ck, r, BP_CK_UTF16, 1, 1, "%s", msg) ? BERPA_OK : BERPA_E_NOMEM;
    S_state s = { .page_line = 1 };
    S_heads heads = { 0 };
    berpa_status st = BERPA_E_NOMEM;
    uint64_t ln = 0;
    bool nomem = false;
    char key[256];
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) : len;
        ln++;
        /* form feeds split pages; a line may hold several */
        size_t a = pos;
        for (;;) { /* an empty line is one empty piece */
            const char *ff = memchr(buf + a, '\f', end - a);
            size_t e = ff ? (size_t)(ff - buf) : end;
            size_t checked = 0, ok = 0, n, nonspace;
            if (!S_line(ck, r, &s, buf + a, e - a, ln, &checked, &ok, &n, &nonspace))
                goto out;
            bool blank = nonspace == 0;
            if (blank && s.in_para) {
                if (!S_judge(ck, r, s.para_line, s.para_checked, s.para_ok,
                             ck->conf.min_paragraph_acceptance, "paragraph"))
                    goto out;
                s.in_para = false;
            } else if (!blank) {
                s.page_used = true;
                if (!s.in_para) {
                    s.in_para = true;
                    s.para_line = ln;
                    s.para_checked = s.para_ok = 0;
                    r->paragraphs++;
                }
                s.para_checked += checked;
                s.para_ok += ok;
                s.page_checked += checked;
                s.page_ok += ok;
                r->words_checked += checked;
                r->words_ok += ok;
                bool number;
                size_t kn = nonspace <= ck->conf.head_max_chars
                                ? S_shape(ck, &s, n, key, sizeof key, &number)
                                : 0;
                if (kn) {
                    S_head *h = S_head_get(&heads, key, kn, true, &nomem);
                    if (!h)
                        goto out;
                    uint64_t gap = h->count ? ln - h->last : 0;
                    if (h->count == 1)
                        h->min_gap = h->max_gap = gap;
                    else if (h->count > 1) {
                        h->min_gap = gap < h->min_gap ? gap : h->min_gap;
                        h->max_gap = gap > h->max_gap ? gap : h->max_gap;
                    }
                    h->count++;
                    h->last = ln;
                    h->is_number = number;
                }
            }
            if (!ff)
                break;
            if (s.in_para) {
                if (!S_judge(ck, r, s.para_line, s.para_checked, s.para_ok,
                             ck->conf.min_paragraph_acceptance, "paragraph"))
                    goto out;
                s.in_para = false;
            }
            if (!S_page_end(ck, r, &s))
                goto out;
            s.page_line = ln;
            a = e + 1;
        }
        pos = end + 1;
    }
    r->lines = ln;
    if (s.in_para && !S_judge(ck, r, s.para_line, s.para_checked, s.para_ok,
                              ck->conf.min_paragraph_acceptance, "paragraph"))
        goto out;
    if ((s.page_used || !r->pages) && len && !S_page_end(ck, r, &s))
        goto out;
    if (!S_judge(ck, r, 0, r->words_checked, r->words_ok, ck->conf.min_acceptance, "file"))
        goto out;

    /* second pass, only when a shape repeats like page furniture: report
     * each of its lines */
    bool any = false;
    for (size_t i = 0; i < heads.shapes.n && !any; i++)
        any = S_is_furniture(&ck->conf, &heads.v[i]);
    if (any) {
        ln = 0;
        for (size_t pos = 0; pos < len;) {
            const char *nl = memchr(buf + pos, '\n', len - pos);
            size_t end = nl ? (size_t)(nl - buf) : len;
            ln++;
            size_t a = pos;
            while (a < end) {
                const char *ff = memchr(buf + a, '\f', end - a);
                size_t e = ff ? (size_t)(ff - buf) : end;
                size_t n = 0;
                if (!S_grow(&s, e - a + 1))
                    goto out;
                for (size_t i = a; i < e;) { /* decode only lines short enough */
                    uint32_t c;
                    size_t k = bp_utf8_decode(buf + i, e - i, &c);
                    if (!k)
                        c = 0xFFFD, k = 1;
                    s.cp[n++] = c;
                    i += k;
                    if (n > 4 * (size_t)ck->conf.head_max_chars + 8)
                        break;
                }
                bool number;
                size_t kn = S_shape(ck, &s, n, key, sizeof key, &number);
                const S_head *h = kn ? S_head_get(&heads, key, kn, false, &nomem) : NULL;
                if (h && S_is_furniture(&ck->conf, h)) {
                    size_t col = 1;
                    while (col <= n && S_space(s.cp[col - 1]))
                        col++;
                    if (!S_add(ck, r, h->is_number ? BP_CK_PAGE_NUMBER : BP_CK_RUNNING_HEAD, ln, col,
                               "%s '%.*s', repeated %llu times every %llu to %llu lines",
                               h->is_number ? "page number" : "running head", (int)(e - a), buf + a,
                               (unsigned long long)h->count, (unsigned long long)h->min_gap,
                               (unsigned long long)h->max_gap))
                        goto out;
                }
                if (!ff)
                    break;
                a = e + 1;
            }
            pos = end + 1;
        }
    }
    if (r->n)
        qsort(r->f, r->n, sizeof *r->f, S_find_cmp);
    st = BERPA_OK;
out:
    free(s.cp);
    free(s.bytepos);
    free(s.u16);
    free(heads.v);
    bp_intern_free(&heads.shapes);
    return st;
}

void bp_check_result_free(bp_check_result *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->f[i].msg);
    free(r->f);
    free(r->page_acc);
    memset(r, 0, sizeof *r);
}

double bp_check_acceptance(const bp_check_result *r)
{
    return r->words_checked ? (double)r->words_ok / (double)r->words_checked : 1.0;
}

int bp_check_worst(const bp_check_result *r)
{
    return r->count[BP_CK_ERROR] ? BP_CK_ERROR : r->count[BP_CK_WARNING] ? BP_CK_WARNING
                                               : r->count[BP_CK_NOTE]    ? BP_CK_NOTE
                                                                         : BP_CK_OFF;
}
