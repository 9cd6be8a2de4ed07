/* test_dehyphen.c: Check suite for dehyphen.c (join, keep, maybe). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages.h"

static void S_add(bp_doc *d, const char *raw)
{
    bp_line *l = bp_doc_push(d);
    ck_assert_ptr_nonnull(l);
    size_t n = strlen(raw);
    l->text = malloc(n + 1);
    memcpy(l->text, raw, n + 1);
    l->len = (uint32_t)n;
    l->lineno = d->nlines;
    if (d->nlines == 1)
        l->flags |= BP_LF_PAGE_START;
    if (n >= 2 && raw[n - 1] == '-' && raw[n - 2] != ' ') {
        l->flags |= BP_LF_HYPHEN_END;
        l->hy_at = (uint32_t)n - 1;
        l->hy_len = 1;
    }
    d->bytes += n;
}

/* Runs layout, evidence and dehyphenation over the given lines. */
static void S_run(bp_doc *d, const char *const *lines, size_t n, const char *dict)
{
    bp_doc_init(d);
    for (size_t i = 0; i < n; i++)
        S_add(d, lines[i]);
    d->seen_eof = true;
    bp_diagctx dc = { 0 };
    berpa_status st;
    bp_lexicon *lx = bp_lexicon_open(dict, NULL, &dc, &st);
    ck_assert_ptr_nonnull(lx);
    bp_wordstats *ws = bp_wordstats_new(1000);
    bp_layout *lo = bp_layout_new();
    bp_layout_run(lo, d, 0, true);
    bp_wordstats_add(ws, d, 0, d->nlines);
    bp_dehyphenate(d, 0, d->nlines, lx, ws);
    bp_layout_free(lo);
    bp_wordstats_free(ws);
    bp_lexicon_free(lx);
}

/* Pairs of lines "left-" / "right ...": expected decision for line 0. */
static const struct {
    const char *a, *b;
    bp_eol want;
} S_form_cases[] = {
    { "Bu hadisələr 1912-", "1913-cü illərdə baş verdi.", BP_EOL_KEEP },
    { "Müqavilə 1921-", "ci ildə imzalandı.", BP_EOL_KEEP },
    { "Bu məsələ TBMM-", "nin iclasında müzakirə olundu.", BP_EOL_KEEP },
    { "Bu sərhəd Türkiyə-", "Rusiya müqaviləsi ilə müəyyən edildi.", BP_EOL_KEEP },
    { "Onlar bura tez-", "tez gəlirdilər.", BP_EOL_KEEP },
    { "İnsanlar bir-", "birinə kömək edirdilər.", BP_EOL_KEEP },
    { "Bu sözü o, özü-", "özündən soruşdu.", BP_EOL_KEEP },
    { "Ölkə həmin dö-", "nəmdə çətin vəziyyətdə idi.", BP_EOL_JOIN },
    { "Bunu bütün müəl-", "limlər bilirdi.", BP_EOL_JOIN },
    { "AZƏRBAYCAN RESPUB-", "LİKASININ QANUNU", BP_EOL_JOIN },
};

START_TEST(form_of_the_parts)
{
    bp_doc d;
    const char *lines[2] = { S_form_cases[_i].a, S_form_cases[_i].b };
    S_run(&d, lines, 2, "");
    ck_assert_msg(d.lines[0].eol == S_form_cases[_i].want, "%s|%s: got %d (%s), want %d",
                  lines[0], lines[1], d.lines[0].eol, d.lines[0].eol_why ? d.lines[0].eol_why : "",
                  S_form_cases[_i].want);
    ck_assert_ptr_nonnull(d.lines[0].eol_why);
    bp_doc_free(&d);
}
END_TEST

START_TEST(document_evidence)
{
    bp_doc d;
    const char *lines[] = {
        "Türkiyə milli-azadlıq hərəkatı başladı və Cümhuriyyətinin",
        "dövlət quruluşu dəyişdi. Xalqın milli-",
        "azadlıq uğrunda mübarizəsi davam etdi, Cümhuriyyə-",
        "tinin rəhbərləri isə bunu dəstəklədi.",
    };
    S_run(&d, lines, 4, "");
    ck_assert_int_eq(d.lines[1].eol, BP_EOL_KEEP);
    ck_assert_int_eq(d.lines[2].eol, BP_EOL_JOIN);
    ck_assert_str_eq(d.lines[2].eol_why, "document: written whole elsewhere");
    bp_doc_free(&d);
}
END_TEST

START_TEST(furniture_between)
{
    /* a word broken across a page with a page number and a running head */
    bp_doc d;
    const char *lines[] = {
        "Tarix jurnalı", "", "Bu kitab çox maraqlı bir dövrdən bəhs edir və azər-", "", "12",
        "\fTarix jurnalı", "", "baycan dilində yazılmışdır.", "", "13",
    };
    bp_doc_init(&d);
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
        const char *t = lines[i];
        bool ff = t[0] == '\f';
        S_add(&d, ff ? t + 1 : t);
        if (ff)
            d.lines[d.nlines - 1].flags |= BP_LF_PAGE_START;
        d.lines[d.nlines - 1].page = i >= 5;
    }
    d.seen_eof = true;
    bp_diagctx dc = { 0 };
    berpa_status st;
    bp_lexicon *lx = bp_lexicon_open("", NULL, &dc, &st);
    bp_wordstats *ws = bp_wordstats_new(100);
    bp_layout *lo = bp_layout_new();
    bp_layout_run(lo, &d, 0, true);
    ck_assert_int_eq(d.lines[4].role, BP_ROLE_PAGENUM);
    ck_assert_int_eq(d.lines[5].role, BP_ROLE_HEADER);
    bp_dehyphenate(&d, 0, d.nlines, lx, ws);
    ck_assert_int_eq(d.lines[2].eol, BP_EOL_JOIN);
    ck_assert_int_eq(d.lines[7].block, BP_BLOCK_CONT);
    bp_layout_free(lo);
    bp_wordstats_free(ws);
    bp_lexicon_free(lx);
    bp_doc_free(&d);
}
END_TEST

/* With the project's dictionary (when built): compounds whose parts are
 * words while the joined form is not. */
/* A word with an apostrophe is one word for every stage: its whole form
 * elsewhere in the document is evidence, and the site keeps it whole. */
START_TEST(apostrophe_word)
{
    bp_doc d;
    const char *lines[] = {
        "Bu ma'rifətli insanlar və ma'rifətli qadınlar burada yaşayırdı, ma'ri-",
        "fətli gənclər də ma'rifətli ailələrdən gəlirdi.",
    };
    S_run(&d, lines, 2, "");
    ck_assert_int_eq(d.lines[0].eol, BP_EOL_JOIN);
    ck_assert_float_ge(d.lines[0].eol_cert, 0.95f);
    ck_assert_str_eq(d.lines[0].site_left, "ma'ri");
    ck_assert_str_eq(d.lines[0].site_right, "fətli");
    bp_doc_free(&d);
}
END_TEST

START_TEST(dictionary_compounds)
{
    const char *dict = getenv("BERPA_DICT");
    char aff[4096];
    snprintf(aff, sizeof aff, "%s.aff", dict ? dict : "");
    if (!dict || access(aff, R_OK) != 0) {
        /* ctest runs this case alone and unforked (unit_dehyphen_dict):
         * 77 shows it as skipped, not passed */
        fprintf(stderr, "dictionary_compounds: SKIPPED, no dictionary at BERPA_DICT\n");
        exit(77);
    }
    bp_doc d;
    const char *lines[] = {
        "Məhbusun dərhal və qeyd-", "şərtsiz azad edilməsini tələb etdilər. Yeni kita-",
        "bın nəşri isə gecikdi.",
    };
    S_run(&d, lines, 3, dict);
    ck_assert_int_eq(d.lines[0].eol, BP_EOL_KEEP);
    ck_assert_int_eq(d.lines[1].eol, BP_EOL_JOIN);
    bp_doc_free(&d);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("dehyphen");
    TCase *tc = tcase_create("core");
    tcase_add_loop_test(tc, form_of_the_parts, 0, sizeof S_form_cases / sizeof *S_form_cases);
    tcase_add_test(tc, document_evidence);
    tcase_add_test(tc, furniture_between);
    tcase_add_test(tc, apostrophe_word);
    suite_add_tcase(s, tc);
    TCase *dict = tcase_create("dict");
    tcase_add_test(dict, dictionary_compounds);
    suite_add_tcase(s, dict);
    return s;
}

#include "check_main.h"
