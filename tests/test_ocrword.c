/* test_ocrword.c: Check suite for ocrword.c and the OCR words' trip
 * through the document model: a word's alternatives are copied, not
 * shared (bp_word_copy), freed with the line, survive the spool's
 * temporary file, and bp_line_word_at finds the word under a span.
 * Needs neither tesseract nor ../shared. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "stages.h"

/* A line "Azərbaycan dili" with two OCR words; the first has an
 * alternative for its "ə" (bytes 2..3): "e". */
static void S_line(bp_line *l)
{
    memset(l, 0, sizeof *l);
    l->text = strdup("Azərbaycan dili");
    l->len = (uint32_t)strlen(l->text);
    l->words = calloc(2, sizeof *l->words);
    l->nwords = 2;
    l->words[0] = (bp_word){ .at = 0, .len = 11, .conf = 0.55f, .x0 = 10, .y0 = 5, .x1 = 90,
                             .y1 = 20 };
    l->words[1] = (bp_word){ .at = 12, .len = 4, .conf = 0.97f, .x0 = 95, .y0 = 5, .x1 = 120,
                             .y1 = 20 };
    bp_charalt a = { .at = 2, .len = 2, .n = 1, .conf = 0.7f };
    strcpy(a.alt[0], "e");
    a.alt_conf[0] = 0.25f;
    l->words[0].alts = malloc(sizeof a);
    l->words[0].alts[0] = a;
    l->words[0].nalts = 1;
}

START_TEST(copy_is_deep)
{
    bp_line l;
    S_line(&l);
    bp_word c;
    ck_assert(bp_word_copy(&c, &l.words[0]));
    ck_assert_ptr_ne(c.alts, l.words[0].alts);
    ck_assert_uint_eq(c.nalts, 1);
    ck_assert_str_eq(c.alts[0].alt[0], "e");
    bp_line_free(&l); /* the copy's alternatives are its own */
    ck_assert_str_eq(c.alts[0].alt[0], "e");
    ck_assert_float_eq_tol(c.alts[0].alt_conf[0], 0.25f, 1e-6f);
    free(c.alts);
    bp_word none = { .at = 1, .len = 2 };
    ck_assert(bp_word_copy(&c, &none));
    ck_assert_ptr_null(c.alts);
    ck_assert_uint_eq(c.nalts, 0);
}
END_TEST

START_TEST(word_at_a_span)
{
    bp_line l;
    S_line(&l);
    const bp_word *w = bp_line_word_at(&l, 2, 2);
    ck_assert_ptr_eq(w, &l.words[0]);
    ck_assert_float_eq_tol(w->conf, 0.55f, 1e-6f);
    ck_assert_ptr_eq(bp_line_word_at(&l, 12, 4), &l.words[1]);
    ck_assert_ptr_null(bp_line_word_at(&l, 10, 3)); /* across the space */
    l.words[1].len = 0;                             /* span lost by the reader */
    ck_assert_ptr_null(bp_line_word_at(&l, 12, 1));
    bp_line plain = { 0 };
    ck_assert_ptr_null(bp_line_word_at(&plain, 0, 1));
    bp_line_free(&l);
}
END_TEST

/* Through the temporary file: the alternatives come back (their pointer
 * is not written as data), on many lines, with the spool spilled. */
START_TEST(spool_keeps_alternatives)
{
    bp_diagctx dc = { 0 };
    bp_spool *sp = bp_spool_new(64, &dc);
    ck_assert_ptr_nonnull(sp);
    for (int i = 0; i < 50; i++) {
        bp_line l;
        S_line(&l);
        l.lineno = (uint64_t)i + 1;
        ck_assert_int_eq(bp_spool_put(sp, &l), BERPA_OK);
    }
    ck_assert(bp_spool_spilled(sp));
    ck_assert_int_eq(bp_spool_rewind(sp), BERPA_OK);
    berpa_status st = BERPA_OK;
    int n = 0;
    bp_line l;
    while (bp_spool_get(sp, &l, &st) == 1) {
        ck_assert_uint_eq(l.nwords, 2);
        ck_assert_uint_eq(l.words[0].nalts, 1);
        ck_assert_uint_eq(l.words[0].alts[0].at, 2);
        ck_assert_str_eq(l.words[0].alts[0].alt[0], "e");
        ck_assert_uint_eq(l.words[1].nalts, 0);
        ck_assert_ptr_null(l.words[1].alts);
        ck_assert_int_eq(l.words[1].x1, 120);
        bp_line_free(&l);
        n++;
    }
    ck_assert_int_eq(st, BERPA_OK);
    ck_assert_int_eq(n, 50);
    bp_spool_free(sp);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("ocrword");
    TCase *tc = tcase_create("ocrword");
    tcase_add_test(tc, copy_is_deep);
    tcase_add_test(tc, word_at_a_span);
    tcase_add_test(tc, spool_keeps_alternatives);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
