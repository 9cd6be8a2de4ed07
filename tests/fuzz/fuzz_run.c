/*
 * fuzz_run.c: the libFuzzer target.  Pushes arbitrary bytes through one
 * run with all three outputs attached, in chunk sizes taken from the
 * input's first bytes (as cmark's fuzzer does), so UTF-8 sequences, lines
 * and windows are cut at every possible place.  Besides the sanitizers it
 * checks what every output must satisfy whatever the input:
 *   - text, TEI and report are valid UTF-8;
 *   - TEI holds no character XML forbids and, after a successful run, is
 *     well-formed XML;
 *   - the report is one JSON line per document.
 * Input layout: byte 0 flags (bit 0: --replace-invalid), bytes 1..4 chunk
 * sizes used in turn (0 feeds an empty chunk, then one byte), the rest is
 * the document.  Replayed over tests/fuzz/corpus by replay.c in ctest.
 */
#include "berpa.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define S_HEADER 5

typedef struct S_buf {
    char *p;
    size_t n, cap;
} S_buf;

static int S_collect(void *user, const char *buf, size_t len)
{
    S_buf *b = user;
    if (b->n + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + len + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, buf, len);
    b->n += len;
    b->p[b->n] = '\0';
    return 0;
}

static void S_die(const char *what, const S_buf *b)
{
    fprintf(stderr, "fuzz_run: %s\n--- output (%zu bytes) ---\n%.*s\n", what, b->n,
            (int)(b->n > 2000 ? 2000 : b->n), b->p ? b->p : "");
    abort();
}

/* Strict UTF-8 (no overlongs, surrogates or values past U+10FFFF).
 * xml: also reject the C0 controls and U+FFFE/FFFF that XML 1.0 forbids. */
static const char *S_check_utf8(const unsigned char *s, size_t n, int xml)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (xml && c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                return "control character XML forbids";
            i++;
            continue;
        }
        size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
        if (!len || c > 0xF4 || i + len > n)
            return "invalid UTF-8 lead byte or truncated sequence";
        unsigned cp = c & (0xFFu >> (len + 1));
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return "invalid UTF-8 continuation byte";
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return "overlong UTF-8";
        if (cp >= 0xD800 && cp <= 0xDFFF)
            return "UTF-8 encoded surrogate";
        if (xml && (cp == 0xFFFE || cp == 0xFFFF))
            return "non-character XML forbids";
        i += len;
    }
    return NULL;
}

/* One session per invalid-UTF-8 mode, made once: the dictionary is off
 * ("") so each input runs in microseconds. */
static berpa_session *S_session(int replace)
{
    static berpa_session *sessions[2];
    if (!sessions[replace]) {
        berpa_config *cfg = berpa_config_new();
        if (!cfg)
            abort();
        berpa_config_set_invalid(cfg, replace ? BERPA_INVALID_REPLACE : BERPA_INVALID_ERROR);
        /* The smallest window, so that inputs of a few hundred KiB cross
         * window borders. */
        if (berpa_config_set_dictionary(cfg, "") != BERPA_OK ||
            berpa_config_set_window(cfg, 64u * 1024u) != BERPA_OK)
            abort();
        sessions[replace] = berpa_session_new(cfg, NULL);
        berpa_config_free(cfg);
        if (!sessions[replace])
            abort();
    }
    return sessions[replace];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t hdr[S_HEADER] = { 0, 0, 0, 0, 0 };
    size_t h = size < S_HEADER ? size : S_HEADER;
    memcpy(hdr, data, h);
    const char *doc = (const char *)data + h;
    size_t left = size - h;

    berpa_run *r = berpa_run_new(S_session(hdr[0] & 1), "fuzz");
    if (!r)
        abort();
    S_buf out[3] = { { 0 }, { 0 }, { 0 } };
    for (int f = 0; f < 3; f++)
        if (berpa_run_add_output(r, (berpa_format)f, S_collect, &out[f]) != BERPA_OK)
            abort();
    berpa_status st = BERPA_OK;
    for (size_t k = 0; left > 0 && st == BERPA_OK; k++) {
        size_t n = hdr[1 + k % 4];
        if (n == 0)
            st = berpa_run_feed(r, doc, 0), n = 1;
        if (n > left)
            n = left;
        if (st == BERPA_OK)
            st = berpa_run_feed(r, doc, n);
        doc += n;
        left -= n;
    }
    if (st == BERPA_OK)
        st = berpa_run_finish(r);
    /* Nothing but a malformed input may stop a run that writes to memory. */
    if (st != BERPA_OK && st != BERPA_E_INPUT)
        S_die(berpa_status_str(st), &out[0]);
    if (st == BERPA_E_INPUT && (hdr[0] & 1))
        S_die("input error in replace mode", &out[0]);
    berpa_run_free(r);

    const char *why;
    if ((why = S_check_utf8((const unsigned char *)out[0].p, out[0].n, 0)))
        S_die(why, &out[0]);
    if ((why = S_check_utf8((const unsigned char *)out[1].p, out[1].n, 1)))
        S_die(why, &out[1]);
    if ((why = S_check_utf8((const unsigned char *)out[2].p, out[2].n, 0)))
        S_die(why, &out[2]);
    if (st == BERPA_OK) {
        xmlDocPtr x = xmlReadMemory(out[1].p ? out[1].p : "", (int)out[1].n, "fuzz.xml", NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (!x)
            S_die("TEI is not well-formed", &out[1]);
        xmlFreeDoc(x);
        const char *nl = out[2].p ? memchr(out[2].p, '\n', out[2].n) : NULL;
        if (!nl || (size_t)(nl - out[2].p) != out[2].n - 1 || out[2].p[0] != '{')
            S_die("report is not one JSON line", &out[2]);
    }
    for (int f = 0; f < 3; f++)
        free(out[f].p);
    return 0;
}
