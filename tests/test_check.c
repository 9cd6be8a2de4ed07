/* test_check.c: Check suite for check.c: every finding code on a small
 * made-up text, none on clean text, levels, thresholds and the dictionary's
 * verdicts (when the dictionary is built). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker.h"

static bp_lexicon *S_lx;

/* Checks text; returns the result (caller frees). */
static bp_check_result S_run(const bp_check_conf *conf, const bp_lexicon *lx, const char *text)
{
    bp_check_conf def;
    if (!conf) {
        bp_check_conf_default(&def);
        conf = &def;
    }
    bp_checker *ck = bp_checker_new(conf, lx);
    ck_assert_ptr_nonnull(ck);
    bp_check_result r;
    ck_assert_int_eq(bp_check_text(ck, text, strlen(text), &r), BERPA_OK);
    bp_checker_free(ck);
    return r;
}

/* The number of findings of code in r; *line, *col of the first. */
static size_t S_count(const bp_check_result *r, int code, uint64_t *line, uint64_t *col)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        if (r->f[i].code == code) {
            if (!n && line)
                *line = r->f[i].line, *col = r->f[i].col;
            n++;
        }
    return n;
}

static const struct {
    const char *text;
    int code;
    uint64_t line, col;
} S_cases[] = {
    { "ab\xff" "cd\n", BP_CK_INVALID_UTF8, 1, 3 },
    { "a\x01" "b\n", BP_CK_CONTROL, 1, 2 },
    { "söz \xee\x80\x80\n", BP_CK_PRIVATE_USE, 1, 5 },
    { "kafe\xcc\x81 bağlıdır\n", BP_CK_UNNORMALIZED, 1, 4 },   /* at the base letter */
    { "bir\n\xc4\xb0STANBUL i\xcc\x87stanbul\n", BP_CK_I_DOT, 2, 10 },
    { "yeni m\xd3\x99kt\xd3\x99" "b\n", BP_CK_MIXED_SCRIPT, 1, 7 },   /* Cyrillic ә */
    { "Az3rbaycan xalqı\n", BP_CK_DIGIT_IN_WORD, 1, 1 },
    { "bu ener)i\n", BP_CK_PUNCT_IN_WORD, 1, 4 },
    { "Washington şəhəri\n", BP_CK_FOREIGN_LETTER, 1, 1 },
    { "bu ğadın\n", BP_CK_IMPOSSIBLE, 1, 4 },
    { "yaxşı yaxxxşı\n", BP_CK_IMPOSSIBLE, 1, 11 },  /* at the third x */
    { "bu enerii\n", BP_CK_AZE_J, 1, 8 },            /* at ii */
    { "faiz 2596 oldu\n", BP_CK_AZE_PERCENT, 1, 6 },
    { "Azərbay-\ncan xalqı\n", BP_CK_LINE_END_HYPHEN, 1, 8 },
    { "söz\n@@~~^^\\\\ ~~\nsöz\n", BP_CK_GARBAGE_LINE, 2, 1 },
    { "söz\n  x\nsöz\n", BP_CK_SHORT_LINE, 2, 3 },
    { "bir\xc2\xad" "birinə\n", BP_CK_ODD_CHAR, 1, 4 },
    { "\xef\xac\x81kir\n", BP_CK_ODD_CHAR, 1, 1 },
};

START_TEST(each_code)
{
    bp_check_result r = S_run(NULL, NULL, S_cases[_i].text);
    uint64_t line = 0, col = 0;
    ck_assert_msg(S_count(&r, S_cases[_i].code, &line, &col) >= 1, "case %d: no %s", _i,
                  bp_check_code_name(S_cases[_i].code));
    ck_assert_uint_eq(line, S_cases[_i].line);
    ck_assert_uint_eq(col, S_cases[_i].col);
    bp_check_result_free(&r);
}
END_TEST

START_TEST(clean_text_has_no_findings)
{
    const char *t = "Azərbaycan Xalq Cümhuriyyəti 1918-ci ildə quruldu.\n"
                    "Türkiyə-Rusiya münasibətləri, tez-tez, milli-azadlıq; TBMM-nin qərarı.\n"
                    "\n"
                    "XX əsrin əvvəlində «Açıq söz» qəzeti 1996-cı ildə 25 faiz artdı.\n"
                    "MP3 formatı, A2 səviyyəsi, RKP(b) və Marks(Müəllif) meynstrim.\n";
    bp_check_result r = S_run(NULL, NULL, t);
    for (size_t i = 0; i < r.n; i++)
        ck_abort_msg("unexpected %s at %llu:%llu: %s", bp_check_code_name(r.f[i].code),
                     (unsigned long long)r.f[i].line, (unsigned long long)r.f[i].col, r.f[i].msg);
    ck_assert_uint_eq(r.lines, 5);
    ck_assert_uint_eq(r.paragraphs, 2);
    ck_assert_int_eq(bp_check_worst(&r), BP_CK_OFF);
    bp_check_result_free(&r);
    /* a capitalised word after a line-end hyphen is a real hyphen's second half */
    r = S_run(NULL, NULL, "Türkiyə-\nRusiya sərhədi\n");
    ck_assert_uint_eq(S_count(&r, BP_CK_LINE_END_HYPHEN, NULL, NULL), 0);
    bp_check_result_free(&r);
}
END_TEST

START_TEST(running_heads_and_page_numbers)
{
    /* six pages: a head, 20 distinct body lines, a page number, form feed */
    char *t = malloc(1 << 16);
    size_t o = 0;
    for (int p = 1; p <= 6; p++) {
        o += (size_t)sprintf(t + o, "Azərbaycan tarixi\n\n");
        for (int l = 0; l < 20; l++)
            o += (size_t)sprintf(t + o, "Bu səhifənin %d-ci sətri, %d-ci səhifədə yazılıb.\n", l + 1, p);
        o += (size_t)sprintf(t + o, "\n%d\n\f", p + 10);
    }
    bp_check_result r = S_run(NULL, NULL, t);
    uint64_t line, col;
    ck_assert_uint_eq(S_count(&r, BP_CK_RUNNING_HEAD, &line, &col), 6);
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(S_count(&r, BP_CK_PAGE_NUMBER, &line, &col), 6);
    ck_assert_uint_eq(line, 24);
    ck_assert_uint_eq(r.pages, 6);
    bp_check_result_free(&r);
    /* three repeats at irregular places are not furniture */
    r = S_run(NULL, NULL, "Qeyd\nbir\niki\nQeyd\nüç\ndörd\nbeş\naltı\nyeddi\nsəkkiz\ndoqquz\non\n"
                          "on bir\non iki\non üç\nQeyd\n");
    ck_assert_uint_eq(S_count(&r, BP_CK_RUNNING_HEAD, NULL, NULL), 0);
    bp_check_result_free(&r);
    free(t);
}
END_TEST

START_TEST(levels_and_thresholds)
{
    bp_check_conf c;
    bp_check_conf_default(&c);
    char err[256];
    ck_assert_int_eq(bp_check_conf_set(&c, "levels", "short-line", "off", err, sizeof err), 0);
    ck_assert_int_eq(bp_check_conf_set(&c, "levels", "digit-in-word", "error", err, sizeof err), 0);
    ck_assert_int_eq(bp_check_conf_set(&c, "thresholds", "min-acceptance", "0.9", err, sizeof err), 0);
    ck_assert(c.min_acceptance == 0.9);
    ck_assert_int_eq(bp_check_conf_set(&c, "thresholds", "head-max-chars", "40", err, sizeof err), 0);
    ck_assert_uint_eq(c.head_max_chars, 40);
    /* unknown keys, codes, sections and bad values are errors */
    ck_assert_int_eq(bp_check_conf_set(&c, "thresholds", "min-acceptanse", "0.9", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "unknown key"));
    ck_assert_int_eq(bp_check_conf_set(&c, "levels", "no-such-code", "note", err, sizeof err), -1);
    ck_assert_int_eq(bp_check_conf_set(&c, "levels", "short-line", "fatal", err, sizeof err), -1);
    ck_assert_int_eq(bp_check_conf_set(&c, "general", "x", "1", err, sizeof err), -1);
    ck_assert_int_eq(bp_check_conf_set(&c, "thresholds", "min-acceptance", "1.5", err, sizeof err), -1);
    ck_assert_int_eq(bp_check_conf_set(&c, "thresholds", "min-words", "2.5", err, sizeof err), -1);
    bp_check_result r = S_run(&c, NULL, "söz\nx\nAz3rbaycan\n");
    ck_assert_uint_eq(S_count(&r, BP_CK_SHORT_LINE, NULL, NULL), 0);
    ck_assert_uint_eq(r.count[BP_CK_ERROR], 1);
    ck_assert_int_eq(bp_check_worst(&r), BP_CK_ERROR);
    bp_check_result_free(&r);
}
END_TEST

START_TEST(dictionary_verdicts)
{
    if (!S_lx || !bp_lexicon_path(S_lx))
        return; /* no dictionary built: the suite's other tests still run */
    bp_check_result r = S_run(NULL, S_lx, "Ölkənin enerii siyasəti və ener)i təhlükəsizliyi.\n");
    ck_assert_uint_eq(S_count(&r, BP_CK_AZE_J, NULL, NULL), 2);
    ck_assert_ptr_nonnull(strstr(r.f[0].msg, "enerji"));
    ck_assert_uint_eq(r.words_checked, 6);
    ck_assert_uint_eq(r.words_ok, 4);
    bp_check_result_free(&r);
    /* a paragraph the dictionary mostly rejects */
    r = S_run(NULL, S_lx, "Azərbaycan\n\nqört blaq zerpo kvaşt murdex plonq sivraq tuxzem dərs\n");
    uint64_t line, col;
    ck_assert_uint_ge(S_count(&r, BP_CK_LOW_ACCEPTANCE, &line, &col), 1);
    ck_assert_uint_eq(line, 0); /* the file's share first: 2 of 10 */
    ck_assert_uint_eq(r.words_checked, 10);
    bp_check_result_free(&r);
}
END_TEST

START_TEST(long_lines_are_cut)
{
    size_t n = 200000;
    char *t = malloc(n + 16);
    memset(t, 'a', n);
    memcpy(t + n, "\xff\nsöz\n", 8);
    bp_check_result r = S_run(NULL, NULL, t);
    uint64_t line, col;
    ck_assert_uint_eq(S_count(&r, BP_CK_LONG_LINE, &line, &col), 1);
    ck_assert_uint_eq(line, 1);
    ck_assert_uint_eq(r.lines, 2);
    bp_check_result_free(&r);
    free(t);
}
END_TEST

static Suite *S_suite(void)
{
    bp_diagctx dc = { 0 };
    berpa_status st;
    const char *d = getenv("BERPA_DICT");
    S_lx = d && *d ? bp_lexicon_open(d, "", &dc, &st) : NULL;
    Suite *s = suite_create("check");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, each_code, 0, sizeof S_cases / sizeof *S_cases);
    tcase_add_test(tc, clean_text_has_no_findings);
    tcase_add_test(tc, running_heads_and_page_numbers);
    tcase_add_test(tc, levels_and_thresholds);
    tcase_add_test(tc, dictionary_verdicts);
    tcase_add_test(tc, long_lines_are_cut);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
