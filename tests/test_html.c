/* test_html.c: Check suite for the review page (emit_html.c) through the
 * public API: one data-change element per report change, the same page
 * for every chunk size and window, escaping, the gold text's figures,
 * berpa_run_set_gold's lifecycle.  The browser checks are tests/review.sh. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "berpa.h"

#include "check_buf.h"
#include "emit_util.h"

/* Runs in through a fresh session (no dictionary), `chunk` bytes a feed
 * (0: at once), window bytes (0: default), with gold (or NULL); the page
 * in *html and the report in *rep (both malloc'd). */
static void S_run(const char *in, size_t chunk, size_t window, const char *gold, char **html,
                  char **rep)
{
    berpa_config *cfg = berpa_config_new();
    ck_assert_ptr_nonnull(cfg);
    ck_assert_int_eq(berpa_config_set_dictionary(cfg, ""), BERPA_OK);
    berpa_config_set_invalid(cfg, BERPA_INVALID_REPLACE);
    if (window)
        ck_assert_int_eq(berpa_config_set_window(cfg, window), BERPA_OK);
    berpa_status st;
    berpa_session *s = berpa_session_new(cfg, &st);
    berpa_config_free(cfg);
    ck_assert_ptr_nonnull(s);
    berpa_run *r = berpa_run_new(s, "doc<1>.txt");
    S_buf h = { 0 }, j = { 0 };
    ck_assert_int_eq(berpa_run_add_output(r, BERPA_FORMAT_HTML, S_write, &h), BERPA_OK);
    ck_assert_int_eq(berpa_run_add_output(r, BERPA_FORMAT_REPORT, S_write, &j), BERPA_OK);
    if (gold)
        ck_assert_int_eq(berpa_run_set_gold(r, gold, strlen(gold)), BERPA_OK);
    size_t len = strlen(in), step = chunk ? chunk : (len ? len : 1);
    st = BERPA_OK;
    for (size_t i = 0; i < len && st == BERPA_OK; i += step)
        st = berpa_run_feed(r, in + i, len - i < step ? len - i : step);
    ck_assert_int_eq(st, BERPA_OK);
    ck_assert_int_eq(berpa_run_finish(r), BERPA_OK);
    berpa_run_free(r);
    berpa_session_free(s);
    *html = h.p;
    *rep = j.p;
}

static size_t S_count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* Running heads, page numbers, a syllable hyphen, a real one, a ligature,
 * a soft hyphen, markup-like text and a control character. */
static const char S_doc[] =
    "Tarix jurnalı\n"
    "Bu məqalədə Azərbaycanın qədim dövr tarixi haqqında\n"
    "məlumat verilir. Alimlər bu dövrü uzun illər öy-\n"
    "rənmiş və <b>maraqlı</b> & \"nəticələrə\" gəlmişlər.\n"
    "12\n\f"
    "Tarix jurnalı\n"
    "İkinci hissədə orta əsrlərin siyasi-\n"
    "iqtisadi həyatından danışılır, \xEF\xAC\x81kir\x01 və bu dövrün\n"
    "mədəniyyəti geniş təhlil edilir.\n"
    "13\n\f"
    "Tarix jurnalı\n"
    "Üçüncü hissə yeni dövrdən bəhs edir.\n"
    "14\n";

START_TEST(one_element_per_change)
{
    char *html, *rep;
    S_run(S_doc, 0, 0, NULL, &html, &rep);
    size_t changes = S_count(rep, "{\"type\":");
    ck_assert_uint_gt(changes, 5);
    ck_assert_uint_eq(S_count(html, "data-change=\""), changes);
    ck_assert_uint_eq(S_count(html, "data-change=\"hyphen-"), S_count(rep, "\"type\":\"hyphen\""));
    ck_assert_uint_eq(S_count(html, "data-change=\"furniture-"),
                      S_count(rep, "\"type\":\"furniture\""));
    ck_assert_uint_eq(S_count(html, "data-change=\"edit-"), S_count(rep, "\"type\":\"edit\""));
    ck_assert_ptr_nonnull(strstr(html, "data-change=\"edit-ligature\""));
    ck_assert_ptr_nonnull(strstr(html, "<!DOCTYPE html>"));
    ck_assert_ptr_nonnull(strstr(html, "</html>\n"));
    free(html);
    free(rep);
}
END_TEST

START_TEST(same_page_for_chunks_and_windows)
{
    char *whole, *rep;
    S_run(S_doc, 0, 0, NULL, &whole, &rep);
    free(rep);
    for (size_t chunk = 1; chunk <= 5; chunk++) {
        char *part;
        S_run(S_doc, chunk, 0, NULL, &part, &rep);
        ck_assert_str_eq(part, whole);
        free(part);
        free(rep);
    }
    /* many copies through the smallest window */
    size_t n = strlen(S_doc), reps = 400;
    char *big = malloc(reps * (n + 1) + 1);
    ck_assert_ptr_nonnull(big);
    size_t len = 0;
    for (size_t i = 0; i < reps; i++) {
        memcpy(big + len, S_doc, n);
        len += n;
        big[len++] = '\f';
    }
    big[len] = '\0';
    char *one, *many;
    S_run(big, 4096, 64u << 20, NULL, &one, &rep);
    free(rep);
    S_run(big, 4096, 64u << 10, NULL, &many, &rep);
    free(rep);
    ck_assert_str_eq(many, one);
    free(one);
    free(many);
    free(big);
    free(whole);
}
END_TEST

START_TEST(everything_escaped)
{
    char *html, *rep;
    S_run(S_doc, 0, 0, NULL, &html, &rep);
    ck_assert_ptr_nonnull(strstr(html, "&lt;b&gt;maraqlı&lt;/b&gt; &amp; &quot;nəticələrə&quot;"));
    ck_assert_ptr_null(strstr(html, "<b>"));
    ck_assert_ptr_nonnull(strstr(html, "doc&lt;1&gt;.txt"));
    /* the removed control character shows as its picture, U+2401 */
    ck_assert_ptr_nonnull(strstr(html, "\xE2\x90\x81"));
    ck_assert_ptr_null(strchr(html, '\x01'));
    free(html);
    free(rep);
}
END_TEST

START_TEST(gold_figures)
{
    char *html, *rep;
    S_run(S_doc, 0, 0, NULL, &html, &rep);
    ck_assert_ptr_null(strstr(html, "id=\"eval\""));
    free(html);
    free(rep);
    /* the clean text itself as gold: no edit */
    berpa_config *cfg = berpa_config_new();
    ck_assert_int_eq(berpa_config_set_dictionary(cfg, ""), BERPA_OK);
    berpa_config_set_invalid(cfg, BERPA_INVALID_REPLACE);
    berpa_status st;
    berpa_session *s = berpa_session_new(cfg, &st);
    berpa_config_free(cfg);
    berpa_run *r = berpa_run_new(s, "t");
    S_buf t = { 0 };
    ck_assert_int_eq(berpa_run_add_output(r, BERPA_FORMAT_TEXT, S_write, &t), BERPA_OK);
    ck_assert_int_eq(berpa_run_feed(r, S_doc, strlen(S_doc)), BERPA_OK);
    ck_assert_int_eq(berpa_run_set_gold(r, "x", 1), BERPA_E_STATE);
    ck_assert_int_eq(berpa_run_finish(r), BERPA_OK);
    berpa_run_free(r);
    berpa_session_free(s);
    S_run(S_doc, 0, 0, t.p, &html, &rep);
    ck_assert_ptr_nonnull(strstr(html, "<th>cer</th><td class=\"n\">0.00000</td>"));
    free(html);
    free(rep);
    /* one word wrong in 40-odd: a CER above zero */
    S_run(S_doc, 0, 0, "Bu məqalədə", &html, &rep);
    ck_assert_ptr_nonnull(strstr(html, "id=\"eval\""));
    ck_assert_ptr_null(strstr(html, "<th>cer</th><td class=\"n\">0.00000</td>"));
    free(html);
    free(rep);
    free(t.p);
}
END_TEST

/* The review page and the report name changes from one table: the page's
 * data-change is CLASS-KIND, the report's decision, role or kind is KIND. */
START_TEST(one_name_per_change)
{
    bp_line l = { .role = BP_ROLE_PAGENUM };
    ck_assert_str_eq(bp_change_name(bp_change_fw(&l)), "furniture-pageNum");
    ck_assert_str_eq(bp_change_kind(bp_change_fw(&l)), "pageNum");
    l.role = BP_ROLE_RULE;
    ck_assert_str_eq(bp_change_kind(bp_change_fw(&l)), "rule");
    l.role = BP_ROLE_HEADER;
    ck_assert_str_eq(bp_change_kind(bp_change_fw(&l)), "header");
    ck_assert_str_eq(bp_change_name(BP_CH_FW_KEPT), "furniture-kept");
    ck_assert_str_eq(bp_change_kind(BP_CH_HYPHEN + BP_EOL_JOIN), "join");
    ck_assert_str_eq(bp_change_name(BP_CH_HYPHEN + BP_EOL_MAYBE), "hyphen-maybe");
    ck_assert_str_eq(bp_change_name(bp_change_struct(BP_BLOCK_SEP)), "structure-separator");
    ck_assert_str_eq(bp_change_kind(bp_change_struct(BP_BLOCK_ENDNOTE)), "endnote");
    ck_assert_str_eq(bp_change_kind(bp_change_struct(BP_BLOCK_P)), "block");
    ck_assert_str_eq(bp_change_name(BP_CH_LAYOUT + 1), "layout-table");
    ck_assert_str_eq(bp_change_name(BP_CH_COUNT), "unknown");
    /* every name is CLASS-KIND, the classes in their ranges */
    for (unsigned ch = 0; ch < BP_CH_COUNT; ch++) {
        const char *n = bp_change_name(ch);
        const char *cls = ch < BP_CH_FW ? "hyphen-" : ch < BP_CH_STRUCT ? "furniture-"
                        : ch < BP_CH_LAYOUT ? "structure-" : "layout-";
        ck_assert_msg(strncmp(n, cls, strlen(cls)) == 0, "%u: %s", ch, n);
        ck_assert_str_eq(bp_change_kind(ch), n + strlen(cls));
    }
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("html");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, one_element_per_change);
    tcase_add_test(tc, same_page_for_chunks_and_windows);
    tcase_add_test(tc, everything_escaped);
    tcase_add_test(tc, gold_figures);
    tcase_add_test(tc, one_name_per_change);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
