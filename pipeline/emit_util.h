/*
 * emit_util.h: small helpers shared by the emitters (emit_*.c): a buffered
 * writer over berpa_write_fn, a strict UTF-8 decoder that tells invalid
 * bytes apart, and number formatting.  Private to the emitters.
 */
#ifndef BERPA_EMIT_UTIL_H
#define BERPA_EMIT_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "berpa.h"
#include "doc.h"

/* ---- buffered output: one write call per BP_OUTBUF_SIZE bytes ------------ */
#define BP_OUTBUF_SIZE (64u * 1024u)

typedef struct bp_outbuf {
    berpa_write_fn out;
    void *user;
    size_t n;
    int failed;          /* sticky: a write failed, nothing more is written */
    char buf[BP_OUTBUF_SIZE];
} bp_outbuf;

/* Starts an empty buffer writing to out(user, ...). */
static inline void bp_outbuf_init(bp_outbuf *b, berpa_write_fn out, void *user)
{
    b->out = out;
    b->user = user;
    b->n = 0;
    b->failed = 0;
}

static inline int bp_outbuf_flush(bp_outbuf *b)
{
    if (b->failed)
        return -1;
    if (b->n && b->out(b->user, b->buf, b->n) != 0)
        b->failed = 1;
    b->n = 0;
    return b->failed ? -1 : 0;
}

static inline int bp_outbuf_put(bp_outbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return -1;
    if (n > sizeof b->buf - b->n) {
        if (bp_outbuf_flush(b) != 0)
            return -1;
        if (n >= sizeof b->buf) /* large spans go straight through */
            return b->out(b->user, s, n) != 0 ? (b->failed = 1, -1) : 0;
    }
    memcpy(b->buf + b->n, s, n);
    b->n += n;
    return 0;
}

static inline int bp_outbuf_puts(bp_outbuf *b, const char *s)
{
    return bp_outbuf_put(b, s, strlen(s));
}

/* ---- strict UTF-8 ------------------------------------------------------ */
/* Decodes one code point at s (n > 0 bytes).  Returns its length and stores
 * it in *cp, or returns 0 for an invalid byte (overlong forms, surrogates,
 * truncated sequences and values above U+10FFFF are all invalid). */
static inline size_t bp_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = u[0];
    size_t len;
    uint32_t min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, c &= 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, c &= 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, c &= 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (u[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/* Is cp a character XML 1.0 allows in content? */
static inline int bp_xml_char_ok(uint32_t cp)
{
    if (cp < 0x20)
        return cp == 0x09 || cp == 0x0A || cp == 0x0D;
    return cp <= 0xD7FF || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* ---- numbers ------------------------------------------------------------------ */
/* A probability as the shortest of "0.93", "0.9", "1": two decimals, no
 * trailing zeros (xsd:double in TEI, a JSON number in the report). */
static inline void bp_fmt_prob(char out[8], float p)
{
    if (!(p >= 0.0f)) /* also NaN */
        p = 0.0f;
    if (p > 1.0f)
        p = 1.0f;
    snprintf(out, 8, "%.2f", (double)p);
    size_t n = strlen(out);
    while (n > 1 && out[n - 1] == '0')
        out[--n] = '\0';
    if (n > 1 && out[n - 1] == '.')
        out[--n] = '\0';
}

/* The name of an edit kind in the report and the review page ("nfc",
 * "ocr", ...; "unknown" for a value that is none).  Static string. */
static inline const char *bp_edit_kind_name(unsigned kind)
{
    static const char *const names[BP_EDIT_KIND_COUNT] = {
        [BP_EDIT_NFC] = "nfc",
        [BP_EDIT_LIGATURE] = "ligature",
        [BP_EDIT_SOFT_HYPHEN] = "soft-hyphen",
        [BP_EDIT_ZERO_WIDTH] = "zero-width",
        [BP_EDIT_CONTROL] = "control",
        [BP_EDIT_INVALID] = "invalid-utf8",
        [BP_EDIT_BOM] = "bom",
        [BP_EDIT_SPACE] = "space",
        [BP_EDIT_CONFUSABLE] = "confusable",
        [BP_EDIT_OCR] = "ocr",
        [BP_EDIT_DOTTED_I] = "dotted-i",
        [BP_EDIT_SPACED] = "spaced-letters",
    };
    return kind < BP_EDIT_KIND_COUNT ? names[kind] : "unknown";
}

/* ---- changes ---------------------------------------------------------------- */
/* Does BODY line l carry a line-end hyphen decision that is a change (the
 * report's "hyphen" change, the review page's hyphen mark)?  Not a line
 * without a decision, nor a long line the reader cut (no mark, no words),
 * nor a mark outside the text. */
static inline int bp_line_hyphen_change(const bp_line *l)
{
    if (l->eol == BP_EOL_NONE)
        return 0;
    if (!(l->flags & BP_LF_HYPHEN_END) && !l->site_left && !l->site_right)
        return 0;
    return !((l->flags & BP_LF_HYPHEN_END) &&
             (!l->hy_len || l->hy_at > l->len || l->hy_len > l->len - l->hy_at));
}

/* The kinds of change the report lists and the review page highlights (its
 * data-change), edits aside (bp_edit_kind_name).  Named "CLASS-KIND":
 * the report writes CLASS as the change's type and KIND, the part after the
 * dash (bp_change_kind), as its decision, role or kind. */
enum {
    BP_CH_HYPHEN = 0,                  /* + BP_EOL_*: none join keep maybe       */
    BP_CH_FW = 4,                      /* + header footer pageNum rule kept      */
    BP_CH_FW_KEPT = BP_CH_FW + 4,
    BP_CH_STRUCT = 9,                  /* + stanza note endnote separator heading
                                          block                                  */
    BP_CH_LAYOUT = 15,                 /* + column table                         */
    BP_CH_COUNT = 17
};

/* "hyphen-join", "furniture-pageNum", "structure-separator", ... (static). */
static inline const char *bp_change_name(unsigned ch)
{
    static const char *const names[BP_CH_COUNT] = {
        "hyphen-none", "hyphen-join", "hyphen-keep", "hyphen-maybe",
        "furniture-header", "furniture-footer", "furniture-pageNum", "furniture-rule",
        "furniture-kept",
        "structure-stanza", "structure-note", "structure-endnote", "structure-separator",
        "structure-heading", "structure-block",
        "layout-column", "layout-table",
    };
    return ch < BP_CH_COUNT ? names[ch] : "unknown";
}

/* The part of the name after the dash: "join", "pageNum", "separator". */
static inline const char *bp_change_kind(unsigned ch)
{
    const char *n = bp_change_name(ch), *d = strchr(n, '-');
    return d ? d + 1 : n;
}

/* The change of furniture line l, by its role. */
static inline unsigned bp_change_fw(const bp_line *l)
{
    return BP_CH_FW + (l->role == BP_ROLE_HEADER ? 0 : l->role == BP_ROLE_FOOTER ? 1
                       : l->role == BP_ROLE_RULE ? 3 : 2);
}

/* The change of a structure decision on a block of `kind`. */
static inline unsigned bp_change_struct(bp_block kind)
{
    return BP_CH_STRUCT + (kind == BP_BLOCK_STANZA ? 0 : kind == BP_BLOCK_NOTE ? 1
                           : kind == BP_BLOCK_ENDNOTE ? 2 : kind == BP_BLOCK_SEP ? 3
                           : kind == BP_BLOCK_HEAD ? 4 : 5);
}

#endif /* BERPA_EMIT_UTIL_H */
