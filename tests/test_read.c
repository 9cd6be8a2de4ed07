/*
 * test_read.c: Check suite for read.c (bytes -> lines).  Every input is
 * read whole and again in chunks of 1, 2, 3, 4, 5 and a cycling 1..5
 * bytes; all readings must give the same lines, edits, diagnostics and
 * status, and every line must satisfy the reader's invariants (sorted
 * edits, NFC text, the raw line rebuilt from text + edits).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "stages.h"

#define S_MAXDIAG 64

typedef struct S_diagrec {
    berpa_level level;
    char code[32];
    uint64_t line, col, byte;
    char msg[512];
} S_diagrec;

typedef struct S_result {
    bp_doc d;
    S_diagrec diags[S_MAXDIAG];
    size_t ndiags, alldiags;
    berpa_status st;
    uint64_t bytes, lines, pages, warnings, errors;
} S_result;

static void S_on_diag(const berpa_diag *dg, void *user)
{
    S_result *r = user;
    r->alldiags++;
    if (r->ndiags == S_MAXDIAG)
        return;
    S_diagrec *x = &r->diags[r->ndiags++];
    x->level = dg->level;
    snprintf(x->code, sizeof x->code, "%s", dg->code);
    x->line = dg->line;
    x->col = dg->col;
    x->byte = dg->byte;
    snprintf(x->msg, sizeof x->msg, "%s", dg->message);
}

/* chunk 0: whole input; 1..5: that size; 6: cycling 1,2,3,4,5. */
static void S_read(S_result *res, const char *in, size_t n, berpa_invalid_mode mode, int chunk)
{
    memset(res, 0, sizeof *res);
    bp_doc_init(&res->d);
    bp_diagctx dc = { .fn = S_on_diag, .user = res, .file = "t.txt" };
    bp_reader *r = bp_reader_new(&dc, mode);
    ck_assert_ptr_nonnull(r);
    size_t i = 0, c = 0;
    berpa_status st = BERPA_OK;
    while (i < n && st == BERPA_OK) {
        size_t k = chunk == 0 ? n : chunk == 6 ? 1 + c++ % 5 : (size_t)chunk;
        if (k > n - i)
            k = n - i;
        st = bp_reader_feed(r, in + i, k, &res->d);
        i += k;
    }
    if (st == BERPA_OK)
        st = bp_reader_finish(r, &res->d);
    else
        ck_assert_int_eq(bp_reader_finish(r, &res->d), st); /* stays failed */
    res->st = st;
    if (st == BERPA_OK)
        ck_assert_uint_eq(bp_reader_bytes(r), n);
    res->bytes = bp_reader_bytes(r);
    res->lines = bp_reader_lines(r);
    res->pages = bp_reader_pages(r);
    res->warnings = dc.warnings;
    res->errors = dc.errors;
    bp_reader_free(r);
}

static void S_same(const S_result *a, const S_result *b, int chunk)
{
    ck_assert_msg(a->st == b->st, "status differs with chunk %d", chunk);
    ck_assert_msg(a->d.nlines == b->d.nlines, "line count %zu vs %zu with chunk %d",
                  a->d.nlines, b->d.nlines, chunk);
    ck_assert_uint_eq(a->d.bytes, b->d.bytes);
    ck_assert_uint_eq(a->lines, b->lines);
    ck_assert_uint_eq(a->pages, b->pages);
    for (size_t i = 0; i < a->d.nlines; i++) {
        const bp_line *x = &a->d.lines[i], *y = &b->d.lines[i];
        ck_assert_msg(x->len == y->len && memcmp(x->text, y->text, x->len) == 0,
                      "line %zu text differs with chunk %d", i, chunk);
        ck_assert_uint_eq(x->src_off, y->src_off);
        ck_assert_uint_eq(x->src_len, y->src_len);
        ck_assert_uint_eq(x->lineno, y->lineno);
        ck_assert_uint_eq(x->indent, y->indent);
        ck_assert_uint_eq(x->trail, y->trail);
        ck_assert_uint_eq(x->page, y->page);
        ck_assert_uint_eq(x->flags, y->flags);
        ck_assert_uint_eq(x->hy_at, y->hy_at);
        ck_assert_uint_eq(x->hy_len, y->hy_len);
        ck_assert_uint_eq(x->nedits, y->nedits);
        for (uint32_t k = 0; k < x->nedits; k++) {
            const bp_edit *e = &x->edits[k], *f = &y->edits[k];
            ck_assert_uint_eq(e->at, f->at);
            ck_assert_uint_eq(e->len, f->len);
            ck_assert_uint_eq(e->kind, f->kind);
            ck_assert_uint_eq(e->orig_len, f->orig_len);
            ck_assert(memcmp(e->orig, f->orig, e->orig_len) == 0);
        }
    }
    ck_assert_uint_eq(a->alldiags, b->alldiags);
    for (size_t i = 0; i < a->ndiags; i++) {
        ck_assert_int_eq(a->diags[i].level, b->diags[i].level);
        ck_assert_str_eq(a->diags[i].code, b->diags[i].code);
        ck_assert_uint_eq(a->diags[i].line, b->diags[i].line);
        ck_assert_uint_eq(a->diags[i].col, b->diags[i].col);
        ck_assert_uint_eq(a->diags[i].byte, b->diags[i].byte);
        ck_assert_str_eq(a->diags[i].msg, b->diags[i].msg);
    }
}

/* Removes the white space the reader keeps out of the text: space, tab,
 * U+00A0, U+1680, U+2000..U+200A, U+202F, U+205F, U+3000. */
static size_t S_strip_ws(const char *s, size_t n, char *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (u[i] == ' ' || u[i] == '\t')
            continue;
        if (u[i] == 0xC2 && i + 1 < n && u[i + 1] == 0xA0) {
            i++;
            continue;
        }
        if (i + 2 < n && ((u[i] == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] <= 0x8A || u[i + 2] == 0xAF)) ||
                          (u[i] == 0xE2 && u[i + 1] == 0x81 && u[i + 2] == 0x9F) ||
                          (u[i] == 0xE3 && u[i + 1] == 0x80 && u[i + 2] == 0x80) ||
                          (u[i] == 0xE1 && u[i + 1] == 0x9A && u[i + 2] == 0x80))) {
            i += 2;
            continue;
        }
        out[o++] = s[i];
    }
    return o;
}

/* text with each edit's span replaced by its original bytes. */
static size_t S_rebuild(const bp_line *l, char *out)
{
    size_t o = 0, cur = 0;
    for (uint32_t k = 0; k < l->nedits; k++) {
        const bp_edit *e = &l->edits[k];
        memcpy(out + o, l->text + cur, e->at - cur);
        o += e->at - cur;
        memcpy(out + o, e->orig, e->orig_len);
        o += e->orig_len;
        cur = e->at + e->len;
    }
    memcpy(out + o, l->text + cur, l->len - cur);
    return o + l->len - cur;
}

static bool S_only_eol(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\n' && s[i] != '\r' && s[i] != '\f')
            return false;
    return true;
}

/* The invariants every reading must satisfy. */
static void S_check(const S_result *res, const char *in, size_t n)
{
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
    ck_assert(U_SUCCESS(err));
    size_t sum = 0;
    uint64_t prev_end = 0;
    for (size_t i = 0; i < res->d.nlines; i++) {
        const bp_line *l = &res->d.lines[i];
        sum += l->len;
        ck_assert_uint_eq(strlen(l->text), l->len);
        ck_assert_msg(S_only_eol(in + prev_end, l->src_off - prev_end),
                      "line %zu: bytes between lines are not line ends", i);
        prev_end = l->src_off + l->src_len;
        ck_assert_uint_le(prev_end, n);
        if (l->len) {
            ck_assert(l->text[0] != ' ' && l->text[0] != '\t');
            ck_assert(l->text[l->len - 1] != ' ' && l->text[l->len - 1] != '\t');
        }
        uint32_t end = 0;
        for (uint32_t k = 0; k < l->nedits; k++) {
            const bp_edit *e = &l->edits[k];
            ck_assert_msg(e->at >= end, "line %zu: edits overlap or are unsorted", i);
            end = e->at + e->len;
            ck_assert_uint_le(end, l->len);
            ck_assert(e->kind < BP_EDIT_KIND_COUNT);
        }
        /* Valid UTF-8 in NFC. */
        UChar u[4096];
        int32_t ulen = 0;
        if (l->len < 4096) {
            u_strFromUTF8(u, 4096, &ulen, l->text, (int32_t)l->len, &err);
            ck_assert_msg(U_SUCCESS(err), "line %zu: text is not UTF-8", i);
            ck_assert_msg(unorm2_isNormalized(nfc, u, ulen, &err), "line %zu: not NFC", i);
        }
        /* Rebuild the raw line. */
        char *a = malloc((size_t)l->src_len + 1), *b = malloc(4 * (size_t)l->len + 64 * l->nedits + 64);
        char *c = malloc(4 * (size_t)l->len + 64 * l->nedits + 64);
        ck_assert(a && b && c);
        size_t bl = S_rebuild(l, b);
        size_t al = S_strip_ws(in + l->src_off, l->src_len, a);
        size_t cl = S_strip_ws(b, bl, c);
        ck_assert_msg(al == cl && memcmp(a, c, al) == 0, "line %zu: raw not rebuilt", i);
        free(a);
        free(b);
        free(c);
        if (l->flags & BP_LF_HYPHEN_END) {
            ck_assert_uint_eq(l->hy_at + l->hy_len, l->len);
            ck_assert_uint_ge(l->hy_at, 1);
        }
    }
    if (res->st == BERPA_OK)
        ck_assert(S_only_eol(in + prev_end, n - prev_end));
    ck_assert_uint_eq(res->d.bytes, sum);
}

static void S_free(S_result *r) { bp_doc_free(&r->d); }

/* Reads whole (into *res) and chunked; all must agree and be valid. */
static void S_readall(S_result *res, const char *in, size_t n, berpa_invalid_mode mode)
{
    S_read(res, in, n, mode, 0);
    S_check(res, in, n);
    S_result *other = malloc(sizeof *other);
    ck_assert_ptr_nonnull(other);
    for (int chunk = 1; chunk <= 6; chunk++) {
        S_read(other, in, n, mode, chunk);
        S_same(res, other, chunk);
        S_free(other);
    }
    free(other);
}

#define READ(res, s) S_readall(res, s, sizeof(s) - 1, BERPA_INVALID_ERROR)
#define READ_REPLACE(res, s) S_readall(res, s, sizeof(s) - 1, BERPA_INVALID_REPLACE)

static const bp_line *S_line(const S_result *r, size_t i)
{
    ck_assert_uint_lt(i, r->d.nlines);
    return &r->d.lines[i];
}

static void S_text(const S_result *r, size_t i, const char *want)
{
    const bp_line *l = S_line(r, i);
    ck_assert_str_eq(l->text, want);
}

static void S_edit_is(const bp_line *l, uint32_t k, uint32_t at, uint32_t len, bp_edit_kind kind,
                      const char *orig, size_t orig_len)
{
    ck_assert_uint_lt(k, l->nedits);
    const bp_edit *e = &l->edits[k];
    ck_assert_uint_eq(e->at, at);
    ck_assert_uint_eq(e->len, len);
    ck_assert_int_eq(e->kind, kind);
    ck_assert_uint_eq(e->orig_len, orig_len);
    ck_assert(memcmp(e->orig, orig, orig_len) == 0);
}

/* ---- line ends ---------------------------------------------------------------- */

START_TEST(line_ends_mixed)
{
    S_result r;
    READ(&r, "a\nbb\r\ncc\rd\r\r\ne");
    ck_assert_uint_eq(r.d.nlines, 6);
    const char *want[] = { "a", "bb", "cc", "d", "", "e" };
    const uint64_t off[] = { 0, 2, 6, 9, 11, 13 };
    for (size_t i = 0; i < 6; i++) {
        S_text(&r, i, want[i]);
        ck_assert_uint_eq(S_line(&r, i)->lineno, i + 1);
        ck_assert_uint_eq(S_line(&r, i)->src_off, off[i]);
        ck_assert_uint_eq(S_line(&r, i)->src_len, strlen(want[i]));
        ck_assert_uint_eq(S_line(&r, i)->page, 0);
    }
    ck_assert_uint_eq(S_line(&r, 0)->flags, BP_LF_PAGE_START);
    ck_assert_uint_eq(S_line(&r, 1)->flags, 0);
    ck_assert_uint_eq(r.lines, 6);
    ck_assert_uint_eq(r.pages, 1);
    ck_assert_uint_eq(r.bytes, 14);
    ck_assert_uint_eq(r.ndiags, 0);
    S_free(&r);
}
END_TEST

START_TEST(line_ends_edge)
{
    S_result r;
    READ(&r, "");
    ck_assert_uint_eq(r.d.nlines, 0);
    ck_assert_uint_eq(r.lines, 0);
    ck_assert_uint_eq(r.pages, 0);
    ck_assert(r.d.seen_eof);
    S_free(&r);

    READ(&r, "\n");
    ck_assert_uint_eq(r.d.nlines, 1);
    S_text(&r, 0, "");
    S_free(&r);

    READ(&r, "\r\n\r\n");
    ck_assert_uint_eq(r.d.nlines, 2);
    ck_assert_uint_eq(S_line(&r, 1)->src_off, 2);
    S_free(&r);

    READ(&r, "son");
    ck_assert_uint_eq(r.d.nlines, 1);
    S_text(&r, 0, "son");
    ck_assert_uint_eq(r.lines, 1);
    S_free(&r);
}
END_TEST

START_TEST(feed_after_finish)
{
    bp_doc d;
    bp_doc_init(&d);
    bp_diagctx dc = { 0 };
    bp_reader *r = bp_reader_new(&dc, BERPA_INVALID_ERROR);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(bp_reader_feed(r, "ab", 2, &d), BERPA_OK);
    ck_assert_uint_eq(d.nlines, 0); /* unterminated: still buffered */
    ck_assert_int_eq(bp_reader_finish(r, &d), BERPA_OK);
    ck_assert_uint_eq(d.nlines, 1);
    ck_assert_int_eq(bp_reader_feed(r, "c", 1, &d), BERPA_E_STATE);
    ck_assert_int_eq(bp_reader_finish(r, &d), BERPA_E_STATE);
    bp_reader_free(r);
    bp_doc_free(&d);
    bp_reader_free(NULL);
}
END_TEST

/* ---- pages ----------------------------------------------------------------------- */

START_TEST(form_feeds)
{
    S_result r;
    READ(&r, "bir\fiki\n\fuc\n\f\fdord\n\f");
    ck_assert_uint_eq(r.d.nlines, 4);
    S_text(&r, 0, "bir");
    S_text(&r, 1, "iki");
    S_text(&r, 2, "uc");
    S_text(&r, 3, "dord");
    const uint64_t lineno[] = { 1, 1, 2, 3 };
    const uint32_t page[] = { 0, 1, 2, 4 };
    for (size_t i = 0; i < 4; i++) {
        ck_assert_uint_eq(S_line(&r, i)->lineno, lineno[i]);
        ck_assert_uint_eq(S_line(&r, i)->page, page[i]);
        ck_assert(S_line(&r, i)->flags & BP_LF_PAGE_START);
        ck_assert_uint_eq(S_line(&r, i)->nedits, 0); /* a page break is no edit */
    }
    ck_assert_uint_eq(S_line(&r, 1)->src_off, 4);
    ck_assert_uint_eq(S_line(&r, 1)->src_len, 3);
    ck_assert_uint_eq(r.lines, 3);
    ck_assert_uint_eq(r.pages, 5);
    S_free(&r);

    /* The line right after a form feed is the page's first, even if empty. */
    READ(&r, "a\n\f\nb\n");
    ck_assert_uint_eq(r.d.nlines, 3);
    ck_assert(S_line(&r, 1)->flags & BP_LF_PAGE_START);
    ck_assert_uint_eq(S_line(&r, 1)->len, 0);
    ck_assert_uint_eq(S_line(&r, 2)->flags & BP_LF_PAGE_START, 0);
    ck_assert_uint_eq(S_line(&r, 2)->page, 1);
    S_free(&r);
}
END_TEST

/* ---- removed and expanded characters ----------------------------------------------------- */

START_TEST(bom)
{
    S_result r;
    READ(&r, "\xEF\xBB\xBF  Ba\xC5\x9Fl\xC4\xB1q\nx\xEF\xBB\xBFy\n");
    const bp_line *l = S_line(&r, 0);
    ck_assert_str_eq(l->text, "Ba\xC5\x9Fl\xC4\xB1q");
    ck_assert_uint_eq(l->indent, 2);
    ck_assert_uint_eq(l->src_len, 13);
    ck_assert_uint_eq(l->nedits, 1);
    S_edit_is(l, 0, 0, 0, BP_EDIT_BOM, "\xEF\xBB\xBF", 3);
    /* Elsewhere U+FEFF is a zero-width character. */
    l = S_line(&r, 1);
    ck_assert_str_eq(l->text, "xy");
    S_edit_is(l, 0, 1, 0, BP_EDIT_ZERO_WIDTH, "\xEF\xBB\xBF", 3);
    S_free(&r);
}
END_TEST

START_TEST(controls)
{
    S_result r;
    READ(&r, "ok\na\0b\x01\x02" "c\x7F\xC2\x85 d\x1B\n\0\n");
    const bp_line *l = S_line(&r, 1);
    ck_assert_str_eq(l->text, "abc d");
    ck_assert_uint_eq(l->nedits, 4);
    S_edit_is(l, 0, 1, 0, BP_EDIT_CONTROL, "\0", 1);
    S_edit_is(l, 1, 2, 0, BP_EDIT_CONTROL, "\x01\x02", 2);
    S_edit_is(l, 2, 3, 0, BP_EDIT_CONTROL, "\x7F\xC2\x85", 3);
    S_edit_is(l, 3, 5, 0, BP_EDIT_CONTROL, "\x1B", 1);
    l = S_line(&r, 2);
    ck_assert_uint_eq(l->len, 0);
    S_edit_is(l, 0, 0, 0, BP_EDIT_CONTROL, "\0", 1);
    /* One warning per line, at the first one. */
    ck_assert_uint_eq(r.ndiags, 2);
    ck_assert_int_eq(r.diags[0].level, BERPA_WARNING);
    ck_assert_str_eq(r.diags[0].code, "control-char");
    ck_assert_uint_eq(r.diags[0].line, 2);
    ck_assert_uint_eq(r.diags[0].col, 2);
    ck_assert_uint_eq(r.diags[0].byte, 4);
    ck_assert_uint_eq(r.diags[1].line, 3);
    ck_assert_uint_eq(r.warnings, 2);
    S_free(&r);
}
END_TEST

START_TEST(soft_hyphens)
{
    S_result r;
    READ(&r, "Az\xC9\x99r\xC2\xAD" "baycan\ndo\xC2\xAD\nd\xC3\xB6\xC2\xAD \x00\t\n");
    const bp_line *l = S_line(&r, 0);
    ck_assert_str_eq(l->text, "Az\xC9\x99rbaycan");
    S_edit_is(l, 0, 5, 0, BP_EDIT_SOFT_HYPHEN, "\xC2\xAD", 2);
    ck_assert_uint_eq(l->flags & BP_LF_HYPHEN_END, 0);
    /* At the line end it is the line-end hyphen and stays. */
    l = S_line(&r, 1);
    ck_assert_str_eq(l->text, "do\xC2\xAD");
    ck_assert_uint_eq(l->nedits, 0);
    ck_assert(l->flags & BP_LF_HYPHEN_END);
    ck_assert_uint_eq(l->hy_at, 2);
    ck_assert_uint_eq(l->hy_len, 2);
    l = S_line(&r, 2);
    ck_assert_str_eq(l->text, "d\xC3\xB6\xC2\xAD");
    ck_assert_uint_eq(l->trail, 2);
    ck_assert(l->flags & BP_LF_HYPHEN_END);
    ck_assert_uint_eq(l->hy_at, 3);
    S_free(&r);
}
END_TEST

START_TEST(ligatures_and_zero_width)
{
    S_result r;
    READ(&r, "\xEF\xAC\x81lm \xEF\xAC\x83x \xEF\xAC\x85\xEF\xAC\x80\n"
             "a\xE2\x80\x8B\xE2\x80\x8C" "b\xE2\x80\x8D" "c\xE2\x81\xA0" "d\n");
    const bp_line *l = S_line(&r, 0);
    ck_assert_str_eq(l->text, "film ffix stff");
    ck_assert_uint_eq(l->nedits, 4);
    S_edit_is(l, 0, 0, 2, BP_EDIT_LIGATURE, "\xEF\xAC\x81", 3);
    S_edit_is(l, 1, 5, 3, BP_EDIT_LIGATURE, "\xEF\xAC\x83", 3);
    S_edit_is(l, 2, 10, 2, BP_EDIT_LIGATURE, "\xEF\xAC\x85", 3);
    S_edit_is(l, 3, 12, 2, BP_EDIT_LIGATURE, "\xEF\xAC\x80", 3);
    l = S_line(&r, 1);
    ck_assert_str_eq(l->text, "abcd");
    ck_assert_uint_eq(l->nedits, 3);
    S_edit_is(l, 0, 1, 0, BP_EDIT_ZERO_WIDTH, "\xE2\x80\x8B\xE2\x80\x8C", 6);
    S_edit_is(l, 1, 2, 0, BP_EDIT_ZERO_WIDTH, "\xE2\x80\x8D", 3);
    S_edit_is(l, 2, 3, 0, BP_EDIT_ZERO_WIDTH, "\xE2\x81\xA0", 3);
    ck_assert_uint_eq(r.ndiags, 0);
    S_free(&r);
}
END_TEST

/* ---- NFC ---------------------------------------------------------------------------------- */

START_TEST(nfc)
{
    S_result r;
    /* Precomposed Azerbaijani text passes untouched. */
    READ(&r, "\xC6\x8F" "d\xC9\x99" "biyyat \xE2\x80\x9C" "Tarix\xE2\x80\x9D \xC4\xB0\xC5\x9F\n"
             "u\xCC\x88nvan I\xCC\x87stanbul\n");
    ck_assert_uint_eq(S_line(&r, 0)->nedits, 0);
    const bp_line *l = S_line(&r, 1);
    ck_assert_str_eq(l->text, "\xC3\xBCnvan \xC4\xB0stanbul");
    ck_assert_uint_eq(l->nedits, 2);
    S_edit_is(l, 0, 0, 2, BP_EDIT_NFC, "u\xCC\x88", 3);
    S_edit_is(l, 1, 7, 2, BP_EDIT_NFC, "I\xCC\x87", 3);
    S_free(&r);

    /* Marks in non-canonical order, a compatibility-free singleton (U+2000
     * -> U+2002) and a decomposed letter at the line's end. */
    READ(&r, "a\xCC\x81\xCC\xA3 x\xE2\x80\x80y o\xCC\x88");
    l = S_line(&r, 0);
    ck_assert_str_eq(l->text, "\xE1\xBA\xA1\xCC\x81 x\xE2\x80\x82y \xC3\xB6");
    ck_assert_uint_eq(l->nedits, 3);
    S_edit_is(l, 0, 0, 5, BP_EDIT_NFC, "a\xCC\x81\xCC\xA3", 5);
    S_edit_is(l, 1, 7, 3, BP_EDIT_NFC, "\xE2\x80\x80", 3);
    S_edit_is(l, 2, 12, 2, BP_EDIT_NFC, "o\xCC\x88", 3);
    S_free(&r);
}
END_TEST

START_TEST(nfc_across_other_edits)
{
    S_result r;
    /* A removed zero-width character between a letter and its mark: the
     * NFC edit takes over the whole stretch and its original bytes. */
    READ(&r, "\xC2\xA0" "ke\xE2\x80\x8B\xCC\x81s\n\xEF\xAC\x81\xCC\x81n\n");
    const bp_line *l = S_line(&r, 0);
    ck_assert_str_eq(l->text, "k\xC3\xA9s");
    ck_assert_uint_eq(l->indent, 1);
    ck_assert_uint_eq(l->nedits, 1);
    S_edit_is(l, 0, 1, 2, BP_EDIT_NFC, "e\xE2\x80\x8B\xCC\x81", 6);
    l = S_line(&r, 1);
    ck_assert_str_eq(l->text, "f\xC3\xADn");
    ck_assert_uint_eq(l->nedits, 1);
    S_edit_is(l, 0, 0, 3, BP_EDIT_NFC, "\xEF\xAC\x81\xCC\x81", 5);
    S_free(&r);

    /* A control character before the stretch keeps its own edit. */
    READ(&r, "x\x01u\xCC\x88");
    l = S_line(&r, 0);
    ck_assert_str_eq(l->text, "x\xC3\xBC");
    ck_assert_uint_eq(l->nedits, 2);
    S_edit_is(l, 0, 1, 0, BP_EDIT_CONTROL, "\x01", 1);
    S_edit_is(l, 1, 1, 2, BP_EDIT_NFC, "u\xCC\x88", 3);
    S_free(&r);
}
END_TEST

/* ---- white space and hyphens ------------------------------------------------------------- */

START_TEST(indent_and_trail)
{
    S_result r;
    READ(&r, "\t  x\n \xC2\xA0y \t\xC2\xA0\n   \t \n  \x01 z\nab\t\tcd");
    ck_assert_uint_eq(S_line(&r, 0)->indent, 10);
    S_text(&r, 0, "x");
    ck_assert_uint_eq(S_line(&r, 1)->indent, 2);
    ck_assert_uint_eq(S_line(&r, 1)->trail, 3);
    S_text(&r, 1, "y");
    ck_assert_uint_eq(S_line(&r, 2)->len, 0);
    S_text(&r, 3, "z");
    ck_assert_uint_eq(S_line(&r, 3)->indent, 3);
    S_edit_is(S_line(&r, 3), 0, 0, 0, BP_EDIT_CONTROL, "\x01", 1);
    S_text(&r, 4, "ab\t\tcd"); /* inner white space is normalize.c's job */
    ck_assert_uint_eq(S_line(&r, 4)->indent, 0);
    S_free(&r);
}
END_TEST

START_TEST(hyphen_end)
{
    S_result r;
    READ(&r, "d\xC3\xB6-\nQara-Yaqubov -\n-\nx\xE2\x80\x90  \nx\xE2\x80\x91\ny\xC2\xAC\n"
             "tez-tez\n1912-\n");
    const bp_line *l = S_line(&r, 0);
    ck_assert(l->flags & BP_LF_HYPHEN_END);
    ck_assert_uint_eq(l->hy_at, 3);
    ck_assert_uint_eq(l->hy_len, 1);
    ck_assert_uint_eq(S_line(&r, 1)->flags & BP_LF_HYPHEN_END, 0); /* a dash */
    ck_assert_uint_eq(S_line(&r, 2)->flags & BP_LF_HYPHEN_END, 0);
    l = S_line(&r, 3);
    ck_assert(l->flags & BP_LF_HYPHEN_END);
    ck_assert_uint_eq(l->hy_at, 1);
    ck_assert_uint_eq(l->hy_len, 3);
    ck_assert_uint_eq(l->trail, 2);
    ck_assert(S_line(&r, 4)->flags & BP_LF_HYPHEN_END);
    ck_assert_uint_eq(S_line(&r, 5)->hy_len, 2);
    ck_assert_uint_eq(S_line(&r, 6)->flags & BP_LF_HYPHEN_END, 0);
    ck_assert(S_line(&r, 7)->flags & BP_LF_HYPHEN_END);
    S_free(&r);
}
END_TEST

/* ---- invalid UTF-8 -------------------------------------------------------------------------- */

START_TEST(invalid_error)
{
    S_result r;
    READ(&r, "ab\n\xC9\x99" "cd\xC3");
    ck_assert_int_eq(r.st, BERPA_E_INPUT);
    ck_assert_uint_eq(r.d.nlines, 1); /* the lines before the error */
    ck_assert_uint_eq(r.ndiags, 1);
    ck_assert_int_eq(r.diags[0].level, BERPA_ERROR);
    ck_assert_str_eq(r.diags[0].code, "invalid-utf8");
    ck_assert_uint_eq(r.diags[0].line, 2);
    ck_assert_uint_eq(r.diags[0].col, 4);
    ck_assert_uint_eq(r.diags[0].byte, 7);
    ck_assert_str_eq(r.diags[0].msg,
                     "invalid UTF-8: byte 0xC3 at offset 7 starts a truncated sequence");
    ck_assert_uint_eq(r.errors, 1);
    S_free(&r);

    const struct { const char *in; const char *why; uint64_t col, byte; } cases[] = {
        { "x\xC0\xAF", "starts an overlong encoding", 2, 1 },
        { "xy\xE0\x80\x80", "starts an overlong encoding", 3, 2 },
        { "\xED\xA0\x80", "starts an encoded surrogate", 1, 0 },
        { "q\xF4\x90\x80\x80", "starts a sequence beyond U+10FFFF", 2, 1 },
        { "\xC3\xA7\x80", "is an unexpected continuation byte", 2, 2 },
        { "\xFF", "is never valid in UTF-8", 1, 0 },
        { "a\xE2\x82 b", "starts a truncated sequence", 2, 1 },
        { "a\fb\xC3(", "starts a truncated sequence", 4, 3 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        S_readall(&r, cases[i].in, strlen(cases[i].in), BERPA_INVALID_ERROR);
        ck_assert_int_eq(r.st, BERPA_E_INPUT);
        ck_assert_uint_eq(r.ndiags, 1);
        ck_assert_msg(strstr(r.diags[0].msg, cases[i].why) != NULL, "case %zu: %s", i,
                      r.diags[0].msg);
        ck_assert_uint_eq(r.diags[0].col, cases[i].col);
        ck_assert_uint_eq(r.diags[0].byte, cases[i].byte);
        ck_assert_uint_eq(r.diags[0].line, 1);
        S_free(&r);
    }
}
END_TEST

START_TEST(invalid_stays_failed)
{
    bp_doc d;
    bp_doc_init(&d);
    bp_diagctx dc = { 0 };
    bp_reader *r = bp_reader_new(&dc, BERPA_INVALID_ERROR);
    ck_assert_int_eq(bp_reader_feed(r, "a\xFF\n", 3, &d), BERPA_E_INPUT);
    ck_assert_int_eq(bp_reader_feed(r, "b\n", 2, &d), BERPA_E_INPUT);
    ck_assert_int_eq(bp_reader_finish(r, &d), BERPA_E_INPUT);
    ck_assert_uint_eq(d.nlines, 0);
    ck_assert_uint_eq(dc.errors, 1);
    bp_reader_free(r);
    bp_doc_free(&d);
}
END_TEST

START_TEST(invalid_replace)
{
    S_result r;
    READ_REPLACE(&r, "a\xC3(b\xE0\x80\xED\xA0\x80\nok\n\xF0\x9F\x98 \xF4\x90\x80\x80\n");
    ck_assert_int_eq(r.st, BERPA_OK);
    const bp_line *l = S_line(&r, 0);
    ck_assert_str_eq(l->text, "a\xEF\xBF\xBD(b\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                              "\xEF\xBF\xBD");
    ck_assert_uint_eq(l->nedits, 6);
    S_edit_is(l, 0, 1, 3, BP_EDIT_INVALID, "\xC3", 1);
    S_edit_is(l, 1, 6, 3, BP_EDIT_INVALID, "\xE0", 1);
    S_edit_is(l, 2, 9, 3, BP_EDIT_INVALID, "\x80", 1);
    S_edit_is(l, 3, 12, 3, BP_EDIT_INVALID, "\xED", 1);
    l = S_line(&r, 2);
    ck_assert_uint_eq(l->nedits, 5);
    S_edit_is(l, 0, 0, 3, BP_EDIT_INVALID, "\xF0\x9F\x98", 3); /* one maximal subpart */
    S_edit_is(l, 1, 4, 3, BP_EDIT_INVALID, "\xF4", 1);
    /* One warning per damaged line, naming the first bad byte and the count. */
    ck_assert_uint_eq(r.ndiags, 2);
    ck_assert_int_eq(r.diags[0].level, BERPA_WARNING);
    ck_assert_str_eq(r.diags[0].code, "invalid-utf8");
    ck_assert_uint_eq(r.diags[0].byte, 1);
    ck_assert_uint_eq(r.diags[0].col, 2);
    ck_assert_ptr_nonnull(strstr(r.diags[0].msg, "byte 0xC3 at offset 1"));
    ck_assert_ptr_nonnull(strstr(r.diags[0].msg, "6 sequences"));
    ck_assert_uint_eq(r.diags[1].line, 3);
    ck_assert_uint_eq(r.diags[1].byte, 13);
    S_free(&r);
}
END_TEST

/* ---- long lines ------------------------------------------------------------------------------ */

START_TEST(long_lines)
{
    /* Words up to well past BP_MAX_LINE: split after a space. */
    size_t n = BP_MAX_LINE + 5000;
    char *in = malloc(n + 16);
    ck_assert_ptr_nonnull(in);
    for (size_t i = 0; i < n; i++)
        in[i] = i % 7 == 6 ? ' ' : 'a';
    memcpy(in + n, "\nson\n", 5);
    S_result r;
    S_readall(&r, in, n + 5, BERPA_INVALID_ERROR);
    ck_assert_uint_eq(r.d.nlines, 3);
    const bp_line *a = S_line(&r, 0), *b = S_line(&r, 1);
    ck_assert_uint_le(a->src_len, BP_MAX_LINE);
    ck_assert_uint_eq(in[a->src_len - 1], ' ');
    ck_assert_uint_eq(a->trail, 1);
    ck_assert_uint_eq(b->src_off, a->src_len);
    ck_assert_uint_eq(a->src_len + b->src_len, n);
    ck_assert_uint_eq(b->lineno, 1);
    ck_assert(b->flags & BP_LF_TRUNCATED);
    ck_assert_uint_eq(a->flags & BP_LF_TRUNCATED, 0);
    ck_assert_uint_eq(S_line(&r, 2)->lineno, 2);
    ck_assert_uint_eq(r.ndiags, 1);
    ck_assert_str_eq(r.diags[0].code, "long-line");
    S_free(&r);
    free(in);

    /* No space at all, two-byte letters: never cut inside a character. */
    n = 2 * BP_MAX_LINE + 3;
    in = malloc(n);
    ck_assert_ptr_nonnull(in);
    in[0] = 'x';
    for (size_t i = 1; i + 1 < n; i += 2)
        memcpy(in + i, "\xC9\x99", 2);
    S_readall(&r, in, n, BERPA_INVALID_ERROR);
    ck_assert_int_eq(r.st, BERPA_OK);
    ck_assert_uint_eq(r.d.nlines, 3);
    for (size_t i = 0; i < 3; i++)
        ck_assert_uint_eq(S_line(&r, i)->nedits, 0);
    ck_assert_uint_eq(r.ndiags, 1);
    S_free(&r);
    free(in);

    /* Exactly BP_MAX_LINE bytes: no split. */
    in = malloc(BP_MAX_LINE + 1);
    memset(in, 'b', BP_MAX_LINE);
    in[BP_MAX_LINE] = '\n';
    S_readall(&r, in, BP_MAX_LINE + 1, BERPA_INVALID_ERROR);
    ck_assert_uint_eq(r.d.nlines, 1);
    ck_assert_uint_eq(r.ndiags, 0);
    S_free(&r);
    free(in);
}
END_TEST

/* ---- random inputs ------------------------------------------------------------------------- */

static uint32_t S_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

START_TEST(random_fragments)
{
    static const char *const frag[] = {
        "a", "Z", " ", "  ", "\t", "\n", "\r", "\r\n", "\f", "\xC9\x99", "\xC4\xB0",
        "\xC4\xB1", "-", "\xC2\xAD", "\xC2\xA0", "\0", "\x01", "\x7F", "\xC2\x85",
        "\xEF\xAC\x81", "\xE2\x80\x8B", "\xEF\xBB\xBF", "\xCC\x88", "\xCC\x81", "\xCC\xA3",
        "u", "I", "\xCC\x87", "\xE2\x80\x80", "\xE2\x80\x9C", "\xC3", "\xE0\x80", "\x80",
        "\xF0\x9F\x98", "\xED\xA0\x80", "\xFF", "\xE2\x80\x90", "\xC2\xAC", "\xF0\x9F\x98\x80",
        "\xEA\xB0\x80", "\xE1\x84\x80\xE1\x85\xA1", "\xCD\x85",
    };
    uint32_t seed = 0x9E3779B9u;
    char buf[600];
    for (int iter = 0; iter < 300; iter++) {
        size_t n = 0;
        size_t parts = 1 + S_rand(&seed) % 80;
        for (size_t k = 0; k < parts; k++) {
            const char *f = frag[S_rand(&seed) % (sizeof frag / sizeof *frag)];
            size_t fl = *f ? strlen(f) : 1;
            memcpy(buf + n, f, fl);
            n += fl;
        }
        S_result r;
        S_readall(&r, buf, n, BERPA_INVALID_REPLACE);
        ck_assert_int_eq(r.st, BERPA_OK);
        S_free(&r);
        S_readall(&r, buf, n, BERPA_INVALID_ERROR);
        S_free(&r);
    }
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("read");
    TCase *tc = tcase_create("lines");
    tcase_add_test(tc, line_ends_mixed);
    tcase_add_test(tc, line_ends_edge);
    tcase_add_test(tc, feed_after_finish);
    tcase_add_test(tc, form_feeds);
    tcase_add_test(tc, indent_and_trail);
    tcase_add_test(tc, hyphen_end);
    tcase_add_test(tc, long_lines);
    suite_add_tcase(s, tc);
    tc = tcase_create("characters");
    tcase_add_test(tc, bom);
    tcase_add_test(tc, controls);
    tcase_add_test(tc, soft_hyphens);
    tcase_add_test(tc, ligatures_and_zero_width);
    tcase_add_test(tc, nfc);
    tcase_add_test(tc, nfc_across_other_edits);
    suite_add_tcase(s, tc);
    tc = tcase_create("invalid");
    tcase_add_test(tc, invalid_error);
    tcase_add_test(tc, invalid_stays_failed);
    tcase_add_test(tc, invalid_replace);
    tcase_add_test(tc, random_fragments);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
