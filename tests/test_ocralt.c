/* test_ocralt.c: Check suite for ocralt.c, the word forms made from the
 * readings tesseract offered for a word's characters. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stages.h"

/* A line "Bu kitap, dedi" whose OCR word "kitap," (with its comma) has
 * readings for 'p' (b 0.3, kept 0.6) and 't' (d 0.05, kept 0.9). */
static void S_line(bp_line *l, bp_charalt *a)
{
    memset(l, 0, sizeof *l);
    l->text = strdup("Bu kitap, dedi");
    l->len = (uint32_t)strlen(l->text);
    memset(a, 0, 2 * sizeof *a);
    a[0] = (bp_charalt){ .at = 2, .len = 1, .n = 1, .conf = 0.9f, .alt_conf = { 0.05f } };
    strcpy(a[0].alt[0], "d");
    a[1] = (bp_charalt){ .at = 4, .len = 1, .n = 2, .conf = 0.6f, .alt_conf = { 0.3f, 0.02f } };
    strcpy(a[1].alt[0], "b");
    strcpy(a[1].alt[1], "ç");
    l->words = calloc(1, sizeof *l->words);
    ck_assert_ptr_nonnull(l->words);
    l->words[0] = (bp_word){ .at = 3, .len = 6, .conf = 0.5f, .alts = a, .nalts = 2 };
    l->nwords = 1;
}

static void S_free(bp_line *l)
{
    l->words[0].alts = NULL;
    l->words[0].nalts = 0;
    bp_line_free(l);
}

static const bp_altform *S_find(const bp_altform *f, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (f[i].len == strlen(s) && memcmp(f[i].s, s, f[i].len) == 0)
            return &f[i];
    return NULL;
}

START_TEST(forms_and_costs)
{
    bp_line l;
    bp_charalt a[2];
    S_line(&l, a);
    bp_altform f[16];
    /* the corrector's word is "kitap" (3, 5), without the OCR word's comma */
    size_t n = bp_ocralt_forms(&l, 3, 5, 100.0f, f, 16);
    ck_assert_uint_eq(n, 4); /* kidap, kitab, kitaç, kidab */
    const bp_altform *b = S_find(f, n, "kitab"), *c = S_find(f, n, "kitaç"),
                     *d = S_find(f, n, "kidap"), *bd = S_find(f, n, "kidab");
    ck_assert_ptr_nonnull(b);
    ck_assert_ptr_nonnull(c);
    ck_assert_ptr_nonnull(d);
    ck_assert_ptr_nonnull(bd);
    /* the likelier reading is the cheaper: -log(0.3 / 0.9) */
    ck_assert_float_eq_tol(b->cost, -logf(0.3f / 0.9f), 1e-4f);
    ck_assert_float_lt(b->cost, c->cost);
    ck_assert_float_eq_tol(bd->cost, b->cost + d->cost, 1e-4f);
    /* a bound on the cost leaves the dear ones out */
    ck_assert_uint_eq(bp_ocralt_forms(&l, 3, 5, 2.0f, f, 16), 1);
    ck_assert_str_eq((f[0].s[f[0].len] = 0, f[0].s), "kitab");
    /* room for one */
    ck_assert_uint_eq(bp_ocralt_forms(&l, 3, 5, 100.0f, f, 1), 1);
    /* a span with no OCR word under it, and text input */
    ck_assert_uint_eq(bp_ocralt_forms(&l, 10, 4, 100.0f, f, 16), 0);
    bp_line t = { .text = l.text, .len = l.len };
    ck_assert_uint_eq(bp_ocralt_forms(&t, 3, 5, 100.0f, f, 16), 0);
    S_free(&l);
}
END_TEST

START_TEST(edited_word_has_no_forms)
{
    bp_line l;
    bp_charalt a[2];
    S_line(&l, a);
    /* an earlier stage changed a byte of the word: the offsets are off */
    ck_assert(bp_line_replace(&l, 4, 1, "i", 1, BP_EDIT_CONFUSABLE, 1.0f));
    bp_altform f[16];
    ck_assert_uint_eq(bp_ocralt_forms(&l, 3, 5, 100.0f, f, 16), 0);
    S_free(&l);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("ocralt");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, forms_and_costs);
    tcase_add_test(tc, edited_word_has_no_forms);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
