/* test_check.c: Check suite for check.c: every finding code on a small
 * made-up text, none on clean text, levels, thresholds and the dictionary's
 * verdicts (when the dictionary is built). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checker.h"
#include "quality.h"

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

/* A word form's verdict is computed once per checker and replayed: the
 * findings of a text are the same whether the checker has seen its words
 * before (elsewhere, at other columns, whole or as a line end's fragment)
 * or not. */
START_TEST(cached_verdicts_keep_their_place)
{
    const char *seen = "bu enerii ğadın Az3rbaycan ener)i 2596 yaxxxşı\n";
    const char *text = "  ener)i-\nsöz ğadın enerii x Az3rbaycan\nyaxxxşı 2596 ener)i\nAzərbay-\nenerii və\n";
    bp_check_conf conf;
    bp_check_conf_default(&conf);
    for (int with_dict = 0; with_dict < 2; with_dict++) {
        const bp_lexicon *lx = with_dict ? S_lx : NULL;
        if (with_dict && (!lx || !bp_lexicon_path(lx)))
            break;
        bp_check_result cold = S_run(&conf, lx, text), warm;
        bp_checker *ck = bp_checker_new(&conf, lx);
        ck_assert_ptr_nonnull(ck);
        ck_assert_int_eq(bp_check_text(ck, seen, strlen(seen), &warm), BERPA_OK);
        bp_check_result_free(&warm);
        ck_assert_int_eq(bp_check_text(ck, text, strlen(text), &warm), BERPA_OK);
        bp_checker_free(ck);
        ck_assert_uint_eq(warm.n, cold.n);
        ck_assert_uint_eq(warm.words_checked, cold.words_checked);
        ck_assert_uint_eq(warm.words_ok, cold.words_ok);
        for (size_t i = 0; i < cold.n; i++) {
            ck_assert_int_eq(warm.f[i].code, cold.f[i].code);
            ck_assert_uint_eq(warm.f[i].line, cold.f[i].line);
            ck_assert_uint_eq(warm.f[i].col, cold.f[i].col);
            ck_assert_str_eq(warm.f[i].msg, cold.f[i].msg);
        }
        /* each at its own place */
        uint64_t line, col;
        ck_assert_uint_eq(S_count(&cold, BP_CK_IMPOSSIBLE, &line, &col), 2);
        ck_assert_uint_eq(line, 2);
        ck_assert_uint_eq(col, 5);
        ck_assert_uint_eq(S_count(&cold, BP_CK_DIGIT_IN_WORD, &line, &col), 1);
        ck_assert_uint_eq(col, 20);
        ck_assert_uint_eq(S_count(&cold, BP_CK_AZE_PERCENT, &line, &col), 1);
        ck_assert_uint_eq(line, 3);
        ck_assert_uint_eq(col, 9);
        /* ener)i twice (once half a word at a line end, not judged but
         * reported) and enerii once; enerii opening line 5 is the second
         * half of Azərbay-: not judged, not reported */
        ck_assert_uint_eq(S_count(&cold, BP_CK_PUNCT_IN_WORD, NULL, NULL) +
                              S_count(&cold, BP_CK_AZE_J, NULL, NULL), 3);
        ck_assert_uint_eq(S_count(&cold, BP_CK_AZE_J, &line, &col), with_dict ? 3 : 1);
        ck_assert_uint_eq(line, with_dict ? 1 : 2);
        ck_assert_uint_eq(col, with_dict ? 3 : 15);
        bp_check_result_free(&cold);
        bp_check_result_free(&warm);
    }
}
END_TEST

/* UTF-16, with or without its byte order mark, is one utf16 error naming
 * the encoding, not thousands of findings on its bytes. */
START_TEST(utf16_is_named)
{
    static const char az[] = "Azərbaycan xalqı 1918-ci ildə\n";
    /* the text in UTF-16LE and UTF-16BE, by hand: ə is U+0259, ı U+0131 */
    char le[2 * sizeof az + 2], be[2 * sizeof az + 2];
    size_t n = 0;
    for (size_t i = 0; az[i];) {
        uint32_t c = (unsigned char)az[i];
        size_t k = 1;
        if (c >= 0xC0) {
            c = ((c & 0x1F) << 6) | ((unsigned char)az[i + 1] & 0x3F);
            k = 2;
        }
        le[2 + n] = (char)(c & 0xFF), le[3 + n] = (char)(c >> 8);
        be[2 + n] = (char)(c >> 8), be[3 + n] = (char)(c & 0xFF);
        n += 2;
        i += k;
    }
    le[0] = (char)0xFF, le[1] = (char)0xFE, be[0] = (char)0xFE, be[1] = (char)0xFF;
    const struct { const char *p; size_t n; const char *enc; bool bom; } in[] = {
        { le, n + 2, "UTF-16LE", true }, { be, n + 2, "UTF-16BE", true },
        { le + 2, n, "UTF-16LE", false }, { be + 2, n, "UTF-16BE", false },
    };
    bp_check_conf conf;
    bp_check_conf_default(&conf);
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
        bool bom;
        ck_assert_str_eq(bp_utf16_sniff(in[i].p, in[i].n, &bom), in[i].enc);
        ck_assert_int_eq(bom, in[i].bom);
        bp_checker *ck = bp_checker_new(&conf, NULL);
        bp_check_result r;
        ck_assert_int_eq(bp_check_text(ck, in[i].p, in[i].n, &r), BERPA_OK);
        bp_checker_free(ck);
        ck_assert_uint_eq(r.n, 1);
        ck_assert_int_eq(r.f[0].code, BP_CK_UTF16);
        ck_assert_int_eq(r.f[0].level, BP_CK_ERROR);
        ck_assert_ptr_nonnull(strstr(r.f[0].msg, in[i].enc));
        ck_assert_ptr_nonnull(strstr(r.f[0].msg, in[i].bom ? "byte order mark" : "without a byte order mark"));
        bp_check_result_free(&r);
    }
    /* UTF-8 text, and bytes with a few NULs, are not UTF-16 */
    bool bom;
    ck_assert_ptr_null(bp_utf16_sniff(az, strlen(az), &bom));
    char bin[4096];
    for (size_t i = 0; i < sizeof bin; i++)
        bin[i] = (char)(i * 2654435761u >> 13);
    ck_assert_ptr_null(bp_utf16_sniff(bin, sizeof bin, &bom));
    static const char nul[] = "\0\xff\xff\xff\xffmilli-\n"; /* a stray NUL: a control character */
    ck_assert_ptr_null(bp_utf16_sniff(nul, sizeof nul - 1, &bom));
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
    tcase_add_test(tc, cached_verdicts_keep_their_place);
    tcase_add_test(tc, utf16_is_named);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
