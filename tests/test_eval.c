/* test_eval.c: Check suite for eval.c (CER, WER, operations, confusions,
 * paragraphs, hyphen sites, Turkic folding) on small made-up texts whose
 * figures are worked out by hand with score.py's definitions. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quality.h"

static bp_eval S_ev(const char *g, const char *o, bool fold)
{
    bp_eval r;
    bp_eval_opts opt = { .fold = fold };
    ck_assert_int_eq(bp_eval_text(g, strlen(g), o, strlen(o), &opt, &r), BERPA_OK);
    return r;
}

#define S_NEAR(a, b) ck_assert_msg(fabs((a) - (b)) < 1e-9, "%f != %f", (double)(a), (double)(b))

START_TEST(identical_and_white_space)
{
    bp_eval r = S_ev("bir  iki\n\nüç\n", "bir iki üç", false);
    S_NEAR(bp_eval_cer(&r), 0);
    S_NEAR(bp_eval_wer(&r), 0);
    ck_assert_uint_eq(r.gold_tokens, 3);
    ck_assert_uint_eq(r.gold_chars, 10);
    /* paragraph starts: gold {0, 2}, output {0}: P 1, R 0.5 */
    ck_assert_uint_eq(r.gold_paras, 2);
    ck_assert_uint_eq(r.out_paras, 1);
    S_NEAR(bp_eval_para_f1(&r), 2.0 / 3.0);
    bp_eval_free(&r);
}
END_TEST

START_TEST(substitution_and_confusion)
{
    bp_eval r = S_ev("salam dünya", "salam dunya", false);
    S_NEAR(bp_eval_wer(&r), 0.5);
    S_NEAR(bp_eval_cer(&r), 1.0 / 11.0);
    ck_assert_uint_eq(r.char_sub, 1);
    ck_assert_uint_eq(r.token_sub, 1);
    ck_assert_uint_eq(r.nconf, 1);
    ck_assert_str_eq(r.conf[0].gold, "ü");
    ck_assert_str_eq(r.conf[0].out, "u");
    bp_eval_free(&r);

    /* rn read as m: one confusion of two edits */
    r = S_ev("modern", "modem", false);
    ck_assert_uint_eq(r.char_edits, 2);
    ck_assert_uint_eq(r.nconf, 1);
    ck_assert_str_eq(r.conf[0].gold, "rn");
    ck_assert_str_eq(r.conf[0].out, "m");
    bp_eval_free(&r);
}
END_TEST

START_TEST(insertion_and_deletion_take_the_space)
{
    bp_eval r = S_ev("a b c", "a x b c", false);
    S_NEAR(bp_eval_wer(&r), 1.0 / 3.0);
    S_NEAR(bp_eval_cer(&r), 2.0 / 5.0); /* "x" and its space */
    ck_assert_uint_eq(r.char_ins, 2);
    ck_assert_uint_eq(r.token_ins, 1);
    bp_eval_free(&r);
    r = S_ev("a b c", "a c", false);
    S_NEAR(bp_eval_cer(&r), 2.0 / 5.0);
    ck_assert_uint_eq(r.char_del, 2);
    ck_assert_uint_eq(r.token_del, 1);
    bp_eval_free(&r);
}
END_TEST

START_TEST(difflib_alignment)
{
    /* longest block first: "x y z", then w v inserted before it and
     * deleted after it (4 edits), as difflib does */
    bp_eval r = S_ev("x y z w v", "w v x y z", false);
    S_NEAR(bp_eval_wer(&r), 4.0 / 5.0);
    ck_assert_uint_eq(r.token_ins, 2);
    ck_assert_uint_eq(r.token_del, 2);
    bp_eval_free(&r);
}
END_TEST

START_TEST(empty_texts)
{
    /* "".split(" ") == [""]: the empty output is one empty token */
    bp_eval r = S_ev("a b", "", false);
    ck_assert_uint_eq(r.out_tokens, 1);
    S_NEAR(bp_eval_wer(&r), 1.0);
    S_NEAR(bp_eval_cer(&r), 1.0);
    bp_eval_free(&r);
    r = S_ev("", "", false);
    S_NEAR(bp_eval_cer(&r), 0.0);
    S_NEAR(bp_eval_para_f1(&r), 0.0);
    bp_eval_free(&r);
}
END_TEST

START_TEST(clusters_nfc_and_invalid_bytes)
{
    /* e + combining acute is é after NFC */
    bp_eval r = S_ev("kafé", "kafe\xcc\x81", false);
    S_NEAR(bp_eval_cer(&r), 0.0);
    bp_eval_free(&r);
    /* i + U+0307 has no precomposed form: one grapheme cluster */
    r = S_ev("x", "i\xcc\x87", false);
    ck_assert_uint_eq(r.out_chars, 1);
    ck_assert_uint_eq(r.char_edits, 1);
    ck_assert_uint_eq(r.char_sub, 1);
    bp_eval_free(&r);
    /* an invalid byte in the output is U+FFFD, one character */
    r = S_ev("ab", "a\xff", false);
    S_NEAR(bp_eval_cer(&r), 0.5);
    bp_eval_free(&r);
}
END_TEST

START_TEST(turkic_folding)
{
    bp_eval r = S_ev("İSTANBUL IŞIQ", "istanbul ışıq", true);
    S_NEAR(bp_eval_cer(&r), 0.0);
    bp_eval_free(&r);
    /* I folds to ı, never to i */
    r = S_ev("IŞIQ", "işiq", true);
    ck_assert_uint_eq(r.char_edits, 2);
    bp_eval_free(&r);
    r = S_ev("İSTANBUL", "istanbul", false);
    S_NEAR(bp_eval_wer(&r), 1.0);
    bp_eval_free(&r);
}
END_TEST

START_TEST(icu_words)
{
    bp_eval r = S_ev("Salam, dünya!", "Salam dünya", false);
    S_NEAR(bp_eval_wer(&r), 1.0);
    ck_assert_uint_eq(r.gold_words, 2);
    S_NEAR(bp_eval_word_er(&r), 0.0);
    bp_eval_free(&r);
}
END_TEST

START_TEST(sites_and_totals)
{
    char path[] = "/tmp/berpa-sites-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    const char *js = "[{\"tok\": 1, \"keep\": false, \"word\": \"iki\"},"
                     " {\"tok\": 2, \"keep\": true, \"word\": \"üç-dörd\"}]";
    ck_assert_int_eq(write(fd, js, strlen(js)), (int)strlen(js));
    close(fd);
    bp_eval_site *s;
    size_t n;
    char err[128];
    ck_assert_int_eq(bp_eval_sites_load(path, &s, &n, err, sizeof err), BERPA_OK);
    unlink(path);
    ck_assert_uint_eq(n, 2);
    bp_eval_opts o = { .sites = s, .nsites = n };
    const char *g = "bir iki üç-dörd", *t = "bir ik i üç-dörd";
    bp_eval r, tot = { 0 };
    ck_assert_int_eq(bp_eval_text(g, strlen(g), t, strlen(t), &o, &r), BERPA_OK);
    S_NEAR(bp_eval_hyphen_acc(&r), 0.5);
    S_NEAR(bp_eval_keep_acc(&r), 1.0);
    ck_assert_uint_eq(r.nwrong, 1);
    ck_assert_str_eq(r.wrong[0], "iki");
    ck_assert_int_eq(bp_eval_add(&tot, &r), BERPA_OK);
    bp_eval_free(&r);
    r = S_ev("bir", "bir", false);
    ck_assert_int_eq(bp_eval_add(&tot, &r), BERPA_OK);
    bp_eval_free(&r);
    /* micro-average: 2 token edits (iki -> ik i) over 3 + 1 gold tokens */
    ck_assert_uint_eq(tot.docs, 2);
    S_NEAR(bp_eval_wer(&tot), 2.0 / 4.0);
    bp_eval_free(&tot);
    bp_eval_sites_free(s, n);

    /* a sites file that is not an array of sites */
    strcpy(path, "/tmp/berpa-sites-XXXXXX");
    fd = mkstemp(path);
    ck_assert_int_eq(write(fd, "{\"tok\": 1}", 10), 10);
    close(fd);
    ck_assert_int_eq(bp_eval_sites_load(path, &s, &n, err, sizeof err), BERPA_E_INPUT);
    unlink(path);
    ck_assert_int_eq(bp_eval_sites_load("/nonexistent/sites.json", &s, &n, err, sizeof err), BERPA_E_IO);
}
END_TEST

START_TEST(huge_runs_are_bounded)
{
    /* one 70,000-letter token against another: 4.9e9 cells, not aligned;
     * the distance is the longer side, an upper bound, and says so */
    size_t n = 70000;
    char *g = malloc(n + 1), *o = malloc(n + 1);
    memset(g, 'a', n);
    memset(o, 'b', n);
    g[n] = o[n] = '\0';
    bp_eval r = S_ev(g, o, false);
    ck_assert_uint_eq(r.approx_runs, 1);
    ck_assert_uint_eq(r.char_edits, n);
    S_NEAR(bp_eval_cer(&r), 1.0);
    bp_eval_free(&r);
    free(g);
    free(o);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("eval");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, identical_and_white_space);
    tcase_add_test(tc, substitution_and_confusion);
    tcase_add_test(tc, insertion_and_deletion_take_the_space);
    tcase_add_test(tc, difflib_alignment);
    tcase_add_test(tc, empty_texts);
    tcase_add_test(tc, clusters_nfc_and_invalid_bytes);
    tcase_add_test(tc, turkic_folding);
    tcase_add_test(tc, icu_words);
    tcase_add_test(tc, sites_and_totals);
    tcase_add_test(tc, huge_runs_are_bounded);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
