/*
 * check_run.h: one document through the whole pipeline as a user would
 * run it, for the suites that test structures end to end.  Include after
 * check.h, berpa.h and check_buf.h.
 */
#ifndef BERPA_CHECK_RUN_H
#define BERPA_CHECK_RUN_H

#include <stdint.h>

/* Runs `in` without a dictionary (structures need none) with a window of
 * `window` bytes (0: the smallest), fed `chunk` bytes at a time; appends the text, TEI and report
 * outputs to the buffers (the caller frees their p) and stores counter
 * names[i] in vals[i], i < n. */
static void S_run_doc(const char *in, size_t chunk, size_t window, S_buf *text, S_buf *tei, S_buf *report,
                      const char *const *names, uint64_t *vals, size_t n)
{
    berpa_config *cfg = berpa_config_new();
    ck_assert_ptr_nonnull(cfg);
    ck_assert_int_eq(berpa_config_set_dictionary(cfg, ""), BERPA_OK);
    ck_assert_int_eq(berpa_config_set_window(cfg, window ? window : 64u << 10), BERPA_OK);
    berpa_status st;
    berpa_session *s = berpa_session_new(cfg, &st);
    berpa_config_free(cfg);
    ck_assert_ptr_nonnull(s);
    berpa_run *r = berpa_run_new(s, "doc.txt");
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(berpa_run_add_output(r, BERPA_FORMAT_TEXT, S_write, text), BERPA_OK);
    ck_assert_int_eq(berpa_run_add_output(r, BERPA_FORMAT_TEI, S_write, tei), BERPA_OK);
    ck_assert_int_eq(berpa_run_add_output(r, BERPA_FORMAT_REPORT, S_write, report), BERPA_OK);
    size_t len = strlen(in);
    for (size_t i = 0; i < len; i += chunk)
        ck_assert_int_eq(berpa_run_feed(r, in + i, len - i < chunk ? len - i : chunk), BERPA_OK);
    ck_assert_int_eq(berpa_run_finish(r), BERPA_OK);
    for (size_t i = 0; i < n; i++)
        ck_assert(berpa_run_stat(r, names[i], &vals[i]));
    berpa_run_free(r);
    berpa_session_free(s);
}

/* Occurrences of needle in hay (0 when hay is NULL). */
static size_t S_count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; p && (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

#endif /* BERPA_CHECK_RUN_H */
