/* test_spool.c: Check suite for spool.c: every field of a line comes back
 * from the temporary file as it went in, whatever the packed head makes
 * of it (defaults left out, differences from the line before, negative
 * and large values), and in memory the same.  Needs nothing else. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages.h"

/* Line i of a set that varies every field the head packs. */
static void S_line(bp_line *l, int i, const bp_pageimg *img)
{
    memset(l, 0, sizeof *l);
    l->pnum = -1; /* as bp_doc_push makes a line */
    l->eol_cert = 1.0f;
    char buf[64];
    snprintf(buf, sizeof buf, "sətir %d", i);
    l->text = strdup(buf);
    l->len = (uint32_t)strlen(buf);
    /* line numbers and offsets jump, and once go back (a cut line) */
    l->lineno = i == 7 ? 3 : (uint64_t)i * 1000003u + 1;
    l->src_off = i == 7 ? 5 : (uint64_t)i * 5000000011ull;
    l->src_len = i % 3 ? l->len : l->len + 2 + (uint32_t)i;
    l->page = (uint32_t)(i / 4);
    l->flags = i % 2 ? 0 : 0x80000001u >> (i % 31);
    l->indent = i % 5 == 1 ? 300u + (uint32_t)i : 0;
    l->trail = i % 5 == 1 ? 2 : 0;
    if (i % 4 == 2) {
        l->hy_at = l->len - 1;
        l->hy_len = 1;
        l->hy_kind = 2;
    }
    l->heading_memo = (uint8_t)(i % 3);
    if (i % 6 == 5) {
        l->img = img;
        l->box[0] = -12;
        l->box[1] = i;
        l->box[2] = 2147483647;
        l->box[3] = -2147483647 - 1;
    }
    if (i % 7 == 3)
        ck_assert(bp_line_add_edit(l, 1, 2, "ab", 2, BP_EDIT_OCR, 0.75f));
}

static void S_same(const bp_line *a, const bp_line *b)
{
    ck_assert_str_eq(a->text, b->text);
    ck_assert_uint_eq(a->len, b->len);
    ck_assert_uint_eq(a->lineno, b->lineno);
    ck_assert_uint_eq(a->src_off, b->src_off);
    ck_assert_uint_eq(a->src_len, b->src_len);
    ck_assert_uint_eq(a->page, b->page);
    ck_assert_uint_eq(a->flags, b->flags);
    ck_assert_uint_eq(a->indent, b->indent);
    ck_assert_uint_eq(a->trail, b->trail);
    ck_assert_uint_eq(a->hy_at, b->hy_at);
    ck_assert_uint_eq(a->hy_len, b->hy_len);
    ck_assert_uint_eq(a->hy_kind, b->hy_kind);
    ck_assert_uint_eq(a->heading_memo, b->heading_memo);
    ck_assert_ptr_eq(a->img, b->img);
    for (int k = 0; k < 4; k++)
        ck_assert_int_eq(a->box[k], b->box[k]);
    ck_assert_uint_eq(a->nedits, b->nedits);
    for (uint32_t k = 0; k < a->nedits; k++) {
        ck_assert_uint_eq(a->edits[k].at, b->edits[k].at);
        ck_assert_uint_eq(a->edits[k].len, b->edits[k].len);
        ck_assert_str_eq(a->edits[k].orig, b->edits[k].orig);
        ck_assert_int_eq(a->edits[k].kind, b->edits[k].kind);
        ck_assert_float_eq(a->edits[k].cert, b->edits[k].cert);
    }
    ck_assert_int_eq(b->pnum, -1);
    ck_assert_float_eq(b->eol_cert, 1.0f);
}

/* limit: the spool's window (64: spilled at once; large: in memory) */
static void S_round_trip(size_t limit, bool spilled)
{
    static const bp_pageimg img;
    enum { N = 40 };
    bp_diagctx dc = { 0 };
    bp_spool *sp = bp_spool_new(limit, &dc);
    ck_assert_ptr_nonnull(sp);
    for (int i = 0; i < N; i++) {
        bp_line l;
        S_line(&l, i, &img);
        ck_assert_int_eq(bp_spool_put(sp, &l), BERPA_OK);
        bp_line_free(&l); /* what put left of it */
    }
    ck_assert(bp_spool_spilled(sp) == spilled);
    ck_assert_int_eq(bp_spool_rewind(sp), BERPA_OK);
    berpa_status st = BERPA_OK;
    for (int i = 0; i < N; i++) {
        bp_line want, got;
        S_line(&want, i, &img);
        ck_assert_int_eq(bp_spool_get(sp, &got, &st), 1);
        S_same(&want, &got);
        bp_line_free(&want);
        bp_line_free(&got);
    }
    bp_line end;
    ck_assert_int_eq(bp_spool_get(sp, &end, &st), 0);
    ck_assert_int_eq(st, BERPA_OK);
    bp_spool_free(sp);
}

START_TEST(every_field_through_the_file) { S_round_trip(64, true); }
END_TEST

START_TEST(every_field_in_memory) { S_round_trip(1u << 20, false); }
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("spool");
    TCase *tc = tcase_create("spool");
    tcase_add_test(tc, every_field_through_the_file);
    tcase_add_test(tc, every_field_in_memory);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
