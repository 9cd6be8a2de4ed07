/*
 * read.c: the first stage, bytes -> lines.  Input arrives in chunks of any
 * size; only the current unterminated line is buffered (at most BP_MAX_LINE
 * bytes, longer lines are split), and each complete line is decoded at once,
 * so the result never depends on where the chunks were cut.
 *
 * Per line: UTF-8 validation (Unicode maximal-subpart rule), removal of the
 * BOM, control, zero-width and inner soft-hyphen characters, ligature
 * expansion, NFC, indent and trailing white space, line-end hyphen.  Every
 * change is an edit holding the original bytes, so the raw line can be
 * rebuilt from text + edits (white space aside).
 */
#include "stages.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* An edit while a line is being built: text span plus raw span. */
typedef struct S_edit {
    uint32_t at, len;     /* in the text being built                        */
    uint32_t roff, rlen;  /* in the raw segment                             */
    uint8_t kind;
} S_edit;

typedef struct S_edits {
    S_edit *v;
    size_t n, cap;
} S_edits;

/* Code points U+0300..U+2FFF: bit set when NFC can never change them or
 * their neighbours (combining class 0 and NFC_Quick_Check=Yes). */
#define S_SAFE_LO 0x300u
#define S_SAFE_HI 0x3000u

struct bp_reader {
    bp_diagctx *dc;
    bp_diagctx own_dc;        /* used when the caller gave none            */
    berpa_invalid_mode mode;
    const UNormalizer2 *nfc;
    berpa_status failed;      /* sticky error                              */
    bool finished;

    uint64_t off;             /* input bytes consumed                      */
    uint64_t line_off;        /* offset of the buffered segment's 1st byte */
    uint64_t lineno;          /* current physical line, 1-based            */
    uint64_t col0;            /* characters of that line before the segment */
    uint32_t page;
    bool page_start;          /* the next line produced starts a page      */
    bool input_start;         /* ... starts another input (BP_LF_INPUT_START) */
    bool cr_pending;          /* a CR ended the last line: skip one LF     */
    bool truncated;           /* the segment continues a split line        */
    bool long_warned;         /* "long-line" sent for this physical line   */

    uint64_t last_lineno;     /* counters, from the lines delivered        */
    uint32_t last_page;
    bool any_line;
    uint64_t invalid_total;   /* all invalid sequences replaced            */

    char *raw;                /* the buffered segment, BP_MAX_LINE bytes   */
    size_t rawlen;

    char *t;                  /* scratch: decoded text                     */
    size_t tcap;
    char *t2;                 /* scratch: text after NFC                   */
    size_t t2cap;
    S_edits ed, ed2;
    UChar *u1, *u2;           /* scratch for ICU normalisation             */
    size_t u1cap, u2cap;
    char *seg;                /* a normalised segment in UTF-8             */
    size_t segcap;

    uint8_t safe[(S_SAFE_HI - S_SAFE_LO) / 8];
    uint8_t safe_done[(S_SAFE_HI - S_SAFE_LO) / 256]; /* blocks filled in */
};

/* ---- small helpers ------------------------------------------------------------ */

static bool S_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 256;
    while (ncap < need)
        ncap *= 2;
    void *np = realloc(*p, ncap * elem);
    if (!np)
        return false;
    *p = np;
    *cap = ncap;
    return true;
}

static bool S_push_edit(S_edits *es, S_edit e)
{
    if (es->n == es->cap && !S_grow((void **)&es->v, &es->cap, es->n + 1, sizeof *es->v))
        return false;
    es->v[es->n++] = e;
    return true;
}

static bool S_safe_icu(uint32_t cp)
{
    return u_getCombiningClass((UChar32)cp) == 0 &&
           u_getIntPropertyValue((UChar32)cp, UCHAR_NFC_QUICK_CHECK) == UNORM_YES;
}

/* The table is filled one 256-character block at a time, on first use:
 * a document touches few blocks (punctuation, perhaps Cyrillic). */
static bool S_safe(bp_reader *r, uint32_t cp)
{
    if (cp < S_SAFE_LO)
        return true;
    if (cp >= S_SAFE_HI)
        return S_safe_icu(cp);
    uint32_t i = cp - S_SAFE_LO;
    if (!r->safe_done[i >> 8]) {
        for (uint32_t j = i & ~255u; j < (i | 255u) + 1; j++)
            if (S_safe_icu(j + S_SAFE_LO))
                r->safe[j >> 3] |= (uint8_t)(1u << (j & 7));
        r->safe_done[i >> 8] = 1;
    }
    return (r->safe[i >> 3] >> (i & 7)) & 1u;
}

static bool S_boundary(const bp_reader *r, uint32_t cp)
{
    return cp < S_SAFE_LO || unorm2_hasBoundaryBefore(r->nfc, (UChar32)cp);
}

/* Characters in raw[from, to): lead bytes and lone bytes, for columns. */
static uint64_t S_chars(const char *p, size_t from, size_t to)
{
    uint64_t n = 0;
    for (size_t i = from; i < to; i++)
        n += ((unsigned char)p[i] & 0xC0) != 0x80;
    return n;
}

/* Decodes one UTF-8 sequence.  Returns the bytes it covers; *cp is the code
 * point or UINT32_MAX for an ill-formed maximal subpart, then *why says how. */
static size_t S_decode(const unsigned char *s, size_t n, uint32_t *cp, const char **why)
{
    unsigned c = s[0];
    size_t need;
    uint32_t v;
    unsigned lo = 0x80, hi = 0xBF;
    const char *special = "starts a truncated sequence";
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
        v = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        v = c & 0x0Fu;
        if (c == 0xE0) {
            lo = 0xA0;
            special = "starts an overlong encoding";
        } else if (c == 0xED) {
            hi = 0x9F;
            special = "starts an encoded surrogate";
        }
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        v = c & 0x07u;
        if (c == 0xF0) {
            lo = 0x90;
            special = "starts an overlong encoding";
        } else if (c == 0xF4) {
            hi = 0x8F;
            special = "starts a sequence beyond U+10FFFF";
        }
    } else {
        *cp = UINT32_MAX;
        *why = c <= 0xBF ? "is an unexpected continuation byte"
             : c <= 0xC1 ? "starts an overlong encoding"
                         : "is never valid in UTF-8";
        return 1;
    }
    for (size_t k = 1; k < need; k++) {
        unsigned b = k < n ? s[k] : 0;
        if (k >= n || b < lo || b > hi) {
            *cp = UINT32_MAX;
            *why = (k == 1 && k < n && b >= 0x80 && b <= 0xBF) ? special
                                                             : "starts a truncated sequence";
            return k;
        }
        v = (v << 6) | (b & 0x3Fu);
        lo = 0x80;
        hi = 0xBF;
    }
    *cp = v;
    return need;
}

/* White space that indents or trails a line; returns its byte length at
 * p (0: not white space) and its width in *cols given the column so far. */
static size_t S_space(const unsigned char *p, size_t n, uint32_t col, uint32_t *cols)
{
    *cols = col + 1;
    if (p[0] == ' ')
        return 1;
    if (p[0] == '\t') {
        *cols = (col / 8 + 1) * 8;
        return 1;
    }
    if (p[0] == 0xC2 && n >= 2 && p[1] == 0xA0)
        return 2;
    if (p[0] == 0xE2 && n >= 3 && p[1] == 0x80 && (p[2] <= 0x8A || p[2] == 0xAF))
        return 3; /* U+2000..U+200A, U+202F */
    if (p[0] == 0xE2 && n >= 3 && p[1] == 0x81 && p[2] == 0x9F)
        return 3; /* U+205F */
    if (p[0] == 0xE3 && n >= 3 && p[1] == 0x80 && p[2] == 0x80)
        return 3; /* U+3000 */
    if (p[0] == 0xE1 && n >= 3 && p[1] == 0x9A && p[2] == 0x80)
        return 3; /* U+1680 */
    return 0;
}

/* Length of the white space character ending at p[n-1], or 0. */
static size_t S_space_before(const unsigned char *p, size_t n)
{
    uint32_t cols;
    if (n >= 1 && S_space(p + n - 1, 1, 0, &cols) == 1)
        return 1;
    if (n >= 2 && S_space(p + n - 2, 2, 0, &cols) == 2)
        return 2;
    if (n >= 3 && S_space(p + n - 3, 3, 0, &cols) == 3)
        return 3;
    return 0;
}

static bool S_zero_width(uint32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

/* Does raw[0, n) hold only white space and characters the reader removes?
 * Then a soft hyphen before it is the line's last visible character. */
static bool S_rest_blank(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cols, cp;
        const char *why;
        size_t k = S_space(p + i, n - i, 0, &cols);
        if (k) {
            i += k;
            continue;
        }
        k = S_decode(p + i, n - i, &cp, &why);
        if (cp == UINT32_MAX)
            return false;
        if (!(cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || S_zero_width(cp)))
            return false;
        i += k;
    }
    return true;
}

/* ---- lifecycle ------------------------------------------------------------------ */

bp_reader *bp_reader_new(bp_diagctx *dc, berpa_invalid_mode mode)
{
    bp_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->raw = malloc(BP_MAX_LINE);
    if (!r->raw) {
        free(r);
        return NULL;
    }
    UErrorCode err = U_ZERO_ERROR;
    r->nfc = unorm2_getNFCInstance(&err);
    if (U_FAILURE(err)) {
        /* ICU's data is built in; failing here means it could not allocate. */
        free(r->raw);
        free(r);
        return NULL;
    }
    r->dc = dc ? dc : &r->own_dc;
    r->mode = mode == BERPA_INVALID_REPLACE ? BERPA_INVALID_REPLACE : BERPA_INVALID_ERROR;
    r->lineno = 1;
    r->page_start = true;
    return r;
}

void bp_reader_free(bp_reader *r)
{
    if (!r)
        return;
    free(r->raw);
    free(r->t);
    free(r->t2);
    free(r->ed.v);
    free(r->ed2.v);
    free(r->u1);
    free(r->u2);
    free(r->seg);
    free(r);
}

void bp_reader_input_start(bp_reader *r) { r->input_start = true; }
uint64_t bp_reader_bytes(const bp_reader *r) { return r->off; }
uint64_t bp_reader_lines(const bp_reader *r) { return r->any_line ? r->last_lineno : 0; }
uint64_t bp_reader_pages(const bp_reader *r) { return r->any_line ? (uint64_t)r->last_page + 1 : 0; }
uint64_t bp_reader_page(const bp_reader *r) { return r->page; }

/* ---- building a line --------------------------------------------------------------- */

/* Records the removal of raw[i, i+k) at text position o, merging with the
 * previous removal of the same kind when they touch. */
static bool S_remove(bp_reader *r, size_t o, size_t i, size_t k, bp_edit_kind kind)
{
    S_edits *es = &r->ed;
    if (es->n) {
        S_edit *e = &es->v[es->n - 1];
        if (e->kind == kind && e->len == 0 && e->at == o && e->roff + e->rlen == i) {
            e->rlen += (uint32_t)k;
            return true;
        }
    }
    return S_push_edit(es, (S_edit){ .at = (uint32_t)o, .len = 0, .roff = (uint32_t)i,
                                     .rlen = (uint32_t)k, .kind = (uint8_t)kind });
}

/* Raw offset (in the segment) of text position pos of the line core.  Zero
 * length edits at pos count as before it when zero_before is set. */
static uint64_t S_rawpos(const S_edits *es, uint32_t pos, bool zero_before, uint32_t core_raw)
{
    uint32_t base_raw = core_raw, base_t = 0;
    for (size_t k = 0; k < es->n; k++) {
        const S_edit *e = &es->v[k];
        if (e->at + e->len > pos || (e->at == pos && !zero_before))
            break;
        if (e->roff + e->rlen >= core_raw) {
            base_raw = e->roff + e->rlen;
            base_t = e->at + e->len;
        }
    }
    return (uint64_t)base_raw + (pos - base_t);
}

/* NFC of text[0, n) into r->seg; returns its length or SIZE_MAX when out of
 * memory. */
static size_t S_nfc_segment(bp_reader *r, const char *s, size_t n)
{
    UErrorCode err = U_ZERO_ERROR;
    if (n > INT32_MAX / 4 || !S_grow((void **)&r->u1, &r->u1cap, n + 1, sizeof(UChar)))
        return SIZE_MAX;
    int32_t ulen = 0;
    u_strFromUTF8(r->u1, (int32_t)r->u1cap, &ulen, s, (int32_t)n, &err);
    if (U_FAILURE(err))
        return SIZE_MAX;
    /* NFC grows UTF-16 by at most a factor of 3. */
    if (!S_grow((void **)&r->u2, &r->u2cap, (size_t)ulen * 3 + 1, sizeof(UChar)))
        return SIZE_MAX;
    int32_t nlen = unorm2_normalize(r->nfc, r->u1, ulen, r->u2, (int32_t)r->u2cap, &err);
    if (U_FAILURE(err))
        return SIZE_MAX;
    if (!S_grow((void **)&r->seg, &r->segcap, (size_t)nlen * 3 + 1, 1))
        return SIZE_MAX;
    int32_t blen = 0;
    u_strToUTF8(r->seg, (int32_t)r->segcap, &blen, r->u2, nlen, &err);
    if (U_FAILURE(err))
        return SIZE_MAX;
    return (size_t)blen;
}

/*
 * Brings the line core (text c, n bytes, edits r->ed) to NFC.  Each stretch
 * that normalisation changes becomes one NFC edit covering the smallest
 * enclosing run between normalisation boundaries, widened over any edit it
 * touches (whose original bytes it then takes over).  Sets *out and *outlen to
 * the result (c itself when nothing changed).
 */
static berpa_status S_nfc(bp_reader *r, uint32_t core_raw, char *c, size_t n,
                          char **out, size_t *outlen)
{
    *out = c;
    *outlen = n;
    S_edits *es = &r->ed, *e2 = &r->ed2;
    size_t cur = 0, o = 0, ei = 0, i = 0;
    bool changed = false;
    e2->n = 0;
    while (i < n) {
        size_t k;
        uint32_t cp = bp_utf8_next(c + i, n - i, &k);
        if (S_safe(r, cp)) {
            i += k;
            continue;
        }
        size_t a = i, b = i + k;
        if (!S_boundary(r, cp)) {
            while (a > cur) {
                size_t kp;
                uint32_t pc = bp_utf8_prev(c, a, &kp);
                a -= kp;
                if (S_boundary(r, pc))
                    break;
            }
        }
        for (bool grew = true; grew;) {
            grew = false;
            while (b < n) {
                size_t kn;
                uint32_t nc = bp_utf8_next(c + b, n - b, &kn);
                if (S_boundary(r, nc))
                    break;
                b += kn;
            }
            for (size_t x = ei; x < es->n; x++) {
                const S_edit *e = &es->v[x];
                if (e->at >= b)
                    break;
                if (e->len && e->at + e->len > a) {
                    if (e->at < a)
                        a = e->at;
                    if (e->at + e->len > b) {
                        b = e->at + e->len;
                        grew = true;
                    }
                }
            }
        }
        size_t nl = S_nfc_segment(r, c + a, b - a);
        if (nl == SIZE_MAX)
            return BERPA_E_NOMEM;
        if (nl == b - a && memcmp(r->seg, c + a, nl) == 0) {
            i = b;
            continue;
        }
        /* Copy what lies before the segment, then the segment as one edit. */
        changed = true;
        if (!S_grow((void **)&r->t2, &r->t2cap, o + (a - cur) + nl + (n - b) + 1, 1))
            return BERPA_E_NOMEM;
        int64_t shift = (int64_t)o - (int64_t)cur;
        for (; ei < es->n; ei++) {
            S_edit e = es->v[ei];
            if (!(e.at < a || (e.at == a && e.len == 0)))
                break;
            e.at = (uint32_t)((int64_t)e.at + shift);
            if (!S_push_edit(e2, e))
                return BERPA_E_NOMEM;
        }
        memcpy(r->t2 + o, c + cur, a - cur);
        o += a - cur;
        uint64_t rs = S_rawpos(es, (uint32_t)a, true, core_raw);
        uint64_t re = S_rawpos(es, (uint32_t)b, false, core_raw);
        if (!S_push_edit(e2, (S_edit){ .at = (uint32_t)o, .len = (uint32_t)nl, .roff = (uint32_t)rs,
                                       .rlen = (uint32_t)(re - rs), .kind = BP_EDIT_NFC }))
            return BERPA_E_NOMEM;
        memcpy(r->t2 + o, r->seg, nl);
        o += nl;
        while (ei < es->n && es->v[ei].at < b)
            ei++; /* merged into the NFC edit */
        cur = i = b;
    }
    if (!changed)
        return BERPA_OK;
    if (!S_grow((void **)&r->t2, &r->t2cap, o + (n - cur) + 1, 1))
        return BERPA_E_NOMEM;
    int64_t shift = (int64_t)o - (int64_t)cur;
    for (; ei < es->n; ei++) {
        S_edit e = es->v[ei];
        e.at = (uint32_t)((int64_t)e.at + shift);
        if (!S_push_edit(e2, e))
            return BERPA_E_NOMEM;
    }
    memcpy(r->t2 + o, c + cur, n - cur);
    o += n - cur;
    /* The rebuilt list becomes the line's edit list. */
    S_edits tmp = *es;
    *es = *e2;
    *e2 = tmp;
    *out = r->t2;
    *outlen = o;
    return BERPA_OK;
}

bool bp_utf8_first_invalid(const char *buf, size_t len, uint64_t *off, const char **why)
{
    const unsigned char *u = (const unsigned char *)buf;
    for (size_t i = 0; i < len;) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = S_decode(u + i, len - i, &cp, why);
        if (cp == UINT32_MAX) {
            *off = i;
            return true;
        }
        i += k;
    }
    return false;
}

static berpa_status S_fail(bp_reader *r, berpa_status st)
{
    r->failed = st;
    return st;
}

/* Decodes raw segment p[0, n) and appends it to d as one line. */
static berpa_status S_emit(bp_reader *r, bp_doc *d, const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    /* Text can grow to 3 bytes per raw byte (U+FFFD for a lone byte). */
    if (!S_grow((void **)&r->t, &r->tcap, 3 * n + 4, 1))
        return BERPA_E_NOMEM;
    char *t = r->t;
    r->ed.n = 0;
    size_t i = 0, o = 0;
    bool unsafe = false;
    size_t first_ctrl = SIZE_MAX, first_bad = SIZE_MAX, nctrl = 0, nbad = 0;
    const char *bad_why = NULL;
    size_t start = 0;

    /* A UTF-16 byte order mark: every other byte would be "invalid UTF-8"
     * at offset 0, which helps nobody; name the encoding instead. */
    if (r->line_off == 0 && n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
                                       (u[0] == 0xFE && u[1] == 0xFF))) {
        bp_diag(r->dc, BP_D_UTF16, 1, 1, 0, u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE", u[0], u[1]);
        return BERPA_E_INPUT;
    }
    if (r->line_off == 0 && n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        if (!S_push_edit(&r->ed, (S_edit){ .roff = 0, .rlen = 3, .kind = BP_EDIT_BOM }))
            return BERPA_E_NOMEM;
        i = start = 3;
    }
    while (i < n) {
        /* The common cases: printable ASCII and tabs, and the two-byte
         * letters U+00C0..U+02FF (ə ı ş ç ğ ö ü), copied as they are. */
        for (;;) {
            while (i < n && ((unsigned char)(u[i] - 0x20) < 0x5F || u[i] == '\t'))
                t[o++] = (char)u[i++];
            if (i + 1 < n && u[i] >= 0xC3 && u[i] <= 0xCB && (u[i + 1] & 0xC0) == 0x80) {
                t[o] = (char)u[i];
                t[o + 1] = (char)u[i + 1];
                o += 2;
                i += 2;
                continue;
            }
            break;
        }
        if (i == n)
            break;
        uint32_t cp;
        const char *why = NULL;
        size_t k = S_decode(u + i, n - i, &cp, &why);
        if (cp == UINT32_MAX) {
            if (r->mode == BERPA_INVALID_ERROR) {
                bp_diag(r->dc, BP_D_INVALID_UTF8, r->lineno,
                        r->col0 + S_chars(p, start, i) + 1, r->line_off + i,
                        u[i],
                        (unsigned long long)(r->line_off + i), why);
                return BERPA_E_INPUT;
            }
            if (first_bad == SIZE_MAX) {
                first_bad = i;
                bad_why = why;
            }
            nbad++;
            memcpy(t + o, "\xEF\xBF\xBD", 3);
            if (!S_push_edit(&r->ed, (S_edit){ .at = (uint32_t)o, .len = 3, .roff = (uint32_t)i,
                                               .rlen = (uint32_t)k, .kind = BP_EDIT_INVALID }))
                return BERPA_E_NOMEM;
            o += 3;
        } else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
            if (first_ctrl == SIZE_MAX)
                first_ctrl = i;
            nctrl++;
            if (!S_remove(r, o, i, k, BP_EDIT_CONTROL))
                return BERPA_E_NOMEM;
        } else if (cp == 0x00AD && !S_rest_blank(u + i + k, n - i - k)) {
            if (!S_remove(r, o, i, k, BP_EDIT_SOFT_HYPHEN))
                return BERPA_E_NOMEM;
        } else if (S_zero_width(cp)) {
            if (!S_remove(r, o, i, k, BP_EDIT_ZERO_WIDTH))
                return BERPA_E_NOMEM;
        } else if (cp >= 0xFB00 && cp <= 0xFB06) {
            static const char *const lig[] = { "ff", "fi", "fl", "ffi", "ffl", "st", "st" };
            const char *x = lig[cp - 0xFB00];
            size_t xl = strlen(x);
            memcpy(t + o, x, xl);
            if (!S_push_edit(&r->ed, (S_edit){ .at = (uint32_t)o, .len = (uint32_t)xl,
                                               .roff = (uint32_t)i, .rlen = (uint32_t)k,
                                               .kind = BP_EDIT_LIGATURE }))
                return BERPA_E_NOMEM;
            o += xl;
        } else {
            memcpy(t + o, u + i, k);
            o += k;
            if (!S_safe(r, cp))
                unsafe = true;
        }
        i += k;
    }

    /* Indent and trailing white space stay out of the text. */
    const unsigned char *tu = (const unsigned char *)t;
    size_t lead = 0, end = o;
    uint32_t indent = 0, trail = 0;
    for (;;) {
        uint32_t cols;
        size_t k = lead < o ? S_space(tu + lead, o - lead, indent, &cols) : 0;
        if (!k)
            break;
        lead += k;
        indent = cols;
    }
    for (size_t k; end > lead && (k = S_space_before(tu + lead, end - lead)) != 0;) {
        end -= k;
        trail++;
    }
    uint32_t core_raw = (uint32_t)S_rawpos(&r->ed, (uint32_t)lead, true, 0);
    size_t clen = end - lead;
    for (size_t k = 0; k < r->ed.n; k++) {
        S_edit *e = &r->ed.v[k];
        e->at = e->at < lead ? 0 : e->at - (uint32_t)lead;
        if (e->at > clen)
            e->at = (uint32_t)clen;
    }
    char *text = t + lead;
    if (unsafe) {
        berpa_status st = S_nfc(r, core_raw, t + lead, clen, &text, &clen);
        if (st)
            return st;
    }

    if (first_ctrl != SIZE_MAX)
        bp_diag(r->dc, BP_D_CONTROL_CHAR, r->lineno,
                r->col0 + S_chars(p, start, first_ctrl) + 1, r->line_off + first_ctrl,
                (unsigned)bp_utf8_next(p + first_ctrl, n - first_ctrl, &(size_t){ 0 }), nctrl);
    if (first_bad != SIZE_MAX) {
        r->invalid_total += nbad;
        bp_diag(r->dc, BP_D_INVALID_UTF8_REPLACED, r->lineno,
                r->col0 + S_chars(p, start, first_bad) + 1, r->line_off + first_bad,
                u[first_bad], (unsigned long long)(r->line_off + first_bad), bad_why, nbad,
                nbad == 1 ? "" : "s");
    }

    bp_line *l = bp_doc_push(d);
    if (!l)
        return BERPA_E_NOMEM;
    l->text = malloc(clen + 1);
    if (!l->text)
        goto nomem;
    memcpy(l->text, text, clen);
    l->text[clen] = '\0';
    l->len = (uint32_t)clen;
    if (r->ed.n) {
        l->edits = malloc(r->ed.n * sizeof *l->edits);
        if (!l->edits)
            goto nomem;
        l->capedits = (uint32_t)r->ed.n;
        for (size_t k = 0; k < r->ed.n; k++) {
            const S_edit *e = &r->ed.v[k];
            if (!bp_line_add_edit(l, e->at, e->len, p + e->roff, e->rlen, (bp_edit_kind)e->kind,
                                  1.0f))
                goto nomem;
        }
    }
    l->src_off = r->line_off;
    l->src_len = (uint32_t)n;
    l->lineno = r->lineno;
    l->indent = indent;
    l->trail = trail;
    l->page = r->page;
    l->role = BP_ROLE_BODY;
    if (r->page_start)
        l->flags |= BP_LF_PAGE_START;
    if (r->input_start)
        l->flags |= BP_LF_INPUT_START;
    if (r->truncated)
        l->flags |= BP_LF_TRUNCATED;

    if (!bp_line_mark_break(l))
        goto nomem;
    d->bytes += l->len;
    r->page_start = r->input_start = false;
    r->any_line = true;
    r->last_lineno = r->lineno;
    r->last_page = r->page;
    return BERPA_OK;

nomem:
    bp_line_free(l);
    d->nlines--;
    return BERPA_E_NOMEM;
}

/* The buffer holds BP_MAX_LINE bytes and more of the line is coming: emit
 * a prefix, cut after the last space in its second half, else before a
 * character that the buffer does not yet hold whole. */
static berpa_status S_split(bp_reader *r, bp_doc *d)
{
    size_t s = 0;
    for (size_t i = BP_MAX_LINE; i > BP_MAX_LINE / 2; i--) {
        if (r->raw[i - 1] == ' ' || r->raw[i - 1] == '\t') {
            s = i;
            break;
        }
    }
    if (!s) {
        s = BP_MAX_LINE;
        size_t j = BP_MAX_LINE - 1;
        while (j > BP_MAX_LINE - 4 && ((unsigned char)r->raw[j] & 0xC0) == 0x80)
            j--;
        unsigned c = (unsigned char)r->raw[j];
        size_t need = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3
                    : c >= 0xC2 && c <= 0xDF ? 2 : 1;
        if (need > BP_MAX_LINE - j)
            s = j;
    }
    if (!r->long_warned) {
        r->long_warned = true;
        bp_diag(r->dc, BP_D_LONG_LINE, r->lineno, r->col0 + S_chars(r->raw, 0, s) + 1,
                r->line_off + s, BP_MAX_LINE);
    }
    berpa_status st = S_emit(r, d, r->raw, s);
    if (st)
        return st;
    r->col0 += S_chars(r->raw, 0, s);
    memmove(r->raw, r->raw + s, BP_MAX_LINE - s);
    r->rawlen = BP_MAX_LINE - s;
    r->line_off += s;
    r->truncated = true;
    return BERPA_OK;
}

static berpa_status S_append(bp_reader *r, bp_doc *d, const char *p, size_t n)
{
    while (n) {
        if (r->rawlen == BP_MAX_LINE) {
            berpa_status st = S_split(r, d);
            if (st)
                return st;
        }
        size_t k = BP_MAX_LINE - r->rawlen;
        if (k > n)
            k = n;
        memcpy(r->raw + r->rawlen, p, k);
        r->rawlen += k;
        p += k;
        n -= k;
    }
    return BERPA_OK;
}

/* First \n, \r or \f in [p, end), eight bytes at a time: a word without
 * a byte below 0x0E cannot hold one. */
static const char *S_find_eol(const char *p, const char *end)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    while (p < end) {
        while (end - p >= 8) {
            uint64_t x;
            memcpy(&x, p, 8);
            if ((x - ones * 0x0E) & ~x & highs)
                break;
            p += 8;
        }
        /* Look closer at the word (a tab also sets the test off). */
        const char *stop = end - p >= 8 ? p + 8 : end;
        for (; p < stop; p++) {
            unsigned char c = (unsigned char)*p;
            if (c <= '\r' && (c == '\n' || c == '\r' || c == '\f'))
                return p;
        }
    }
    return end;
}

berpa_status bp_reader_feed(bp_reader *r, const char *buf, size_t len, bp_doc *d)
{
    if (r->failed)
        return r->failed;
    if (r->finished)
        return BERPA_E_STATE;
    const char *p = buf, *end = buf + len;
    while (p < end) {
        if (r->cr_pending) {
            r->cr_pending = false;
            if (*p == '\n') {
                p++;
                r->off++;
                r->line_off = r->off;
                continue;
            }
        }
        const char *e = S_find_eol(p, end);
        size_t n = (size_t)(e - p);
        berpa_status st = BERPA_OK;
        if (e == end) {
            st = S_append(r, d, p, n);
            r->off += n;
            if (st)
                return S_fail(r, st);
            break;
        }
        /* A whole line inside this chunk is decoded in place. */
        bool direct = r->rawlen == 0 && n <= BP_MAX_LINE;
        if (!direct)
            st = S_append(r, d, p, n);
        const char *sp = direct ? p : r->raw;
        size_t sn = direct ? n : r->rawlen;
        /* A form feed ends a line only when the line holds something. */
        if (!st && (*e != '\f' || sn))
            st = S_emit(r, d, sp, sn);
        if (st) {
            r->off += n;
            return S_fail(r, st);
        }
        r->off += n + 1;
        if (*e == '\f') {
            r->col0 += S_chars(sp, 0, sn) + 1;
            r->page++;
            r->page_start = true;
            r->truncated = false;
        } else {
            r->lineno++;
            r->col0 = 0;
            r->truncated = false;
            r->long_warned = false;
            r->cr_pending = *e == '\r';
        }
        r->rawlen = 0;
        r->line_off = r->off;
        p = e + 1;
    }
    return BERPA_OK;
}

berpa_status bp_reader_finish(bp_reader *r, bp_doc *d)
{
    if (r->failed)
        return r->failed;
    if (r->finished)
        return BERPA_E_STATE;
    r->finished = true;
    if (r->rawlen) {
        berpa_status st = S_emit(r, d, r->raw, r->rawlen);
        if (st)
            return S_fail(r, st);
        r->rawlen = 0;
    }
    d->seen_eof = true;
    return BERPA_OK;
}
