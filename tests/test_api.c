/* test_api.c: Check suite for the public API (pipeline.c): lifecycle,
 * streaming in chunks and windows, errors, statistics. */
#include <check.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "berpa.h"

typedef struct S_buf {
    char *p;
    size_t n, cap;
    int fail_after; /* fail the write after this many bytes (-1: never) */
} S_buf;

static int S_write(void *user, const char *buf, size_t len)
{
    S_buf *b = user;
    if (b->fail_after >= 0 && b->n + len > (size_t)b->fail_after)
        return -1;
    if (b->n + len + 1 > b->cap) {
        b->cap = (b->n + len + 1) * 2;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, buf, len);
    b->n += len;
    b->p[b->n] = '\0';
    return 0;
}

typedef struct S_diags {
    int n;
    char last[512];
    const char *last_code;
} S_diags;

static void S_diag(const berpa_diag *d, void *user)
{
    S_diags *dg = user;
    dg->n++;
    berpa_diag_format(d, dg->last, sizeof dg->last);
    dg->last_code = d->code;
}

/* Runs input through a fresh session, feeding `chunk` bytes at a time
 * (0: all at once), with the given window; returns the text output. */
static char *S_run(const char *in, size_t len, size_t chunk, size_t window, berpa_format fmt,
                   berpa_status *st_out, S_diags *dg)
{
    berpa_config *cfg = berpa_config_new();
    ck_assert_ptr_nonnull(cfg);
    ck_assert_int_eq(berpa_config_set_dictionary(cfg, ""), BERPA_OK);
    if (window)
        ck_assert_int_eq(berpa_config_set_window(cfg, window), BERPA_OK);
    if (dg)
        berpa_config_set_diag(cfg, S_diag, dg);
    berpa_status st;
    berpa_session *s = berpa_session_new(cfg, &st);
    berpa_config_free(cfg);
    ck_assert_ptr_nonnull(s);
    berpa_run *r = berpa_run_new(s, "test.txt");
    S_buf out = { .fail_after = -1 };
    ck_assert_int_eq(berpa_run_add_output(r, fmt, S_write, &out), BERPA_OK);
    st = BERPA_OK;
    size_t step = chunk ? chunk : (len ? len : 1);
    for (size_t i = 0; i < len && st == BERPA_OK; i += step)
        st = berpa_run_feed(r, in + i, len - i < step ? len - i : step);
    if (st == BERPA_OK)
        st = berpa_run_finish(r);
    *st_out = st;
    berpa_run_free(r);
    berpa_session_free(s);
    if (!out.p)
        out.p = calloc(1, 1);
    return out.p;
}

static const char S_doc[] =
    " Tarix jurnalı \n\n"
    " Bu məqalədə Azərbaycanın qədim dövr tarixi haqqında \n\n"
    "məlumat verilir. Alimlər bu dövrü uzun illər öy- \n\n"
    "rənmiş və maraqlı nəticələrə gəlmişlər.  \n\n"
    "İkinci hissədə orta əsrlərin siyasi-iqtisadi \n\n"
    "həyatından danışılır və bu dövrün mədəniyyəti \n\n"
    "geniş təhlil edilir. \n\n";

START_TEST(chunked_equals_whole)
{
    berpa_status st;
    char *whole = S_run(S_doc, strlen(S_doc), 0, 0, BERPA_FORMAT_TEXT, &st, NULL);
    ck_assert_int_eq(st, BERPA_OK);
    ck_assert_str_eq(whole,
                     "Bu məqalədə Azərbaycanın qədim dövr tarixi haqqında məlumat verilir. "
                     "Alimlər bu dövrü uzun illər öyrənmiş və maraqlı nəticələrə gəlmişlər.\n"
                     "İkinci hissədə orta əsrlərin siyasi-iqtisadi həyatından danışılır və bu "
                     "dövrün mədəniyyəti geniş təhlil edilir.\n");
    for (size_t chunk = 1; chunk <= 5; chunk++) {
        char *part = S_run(S_doc, strlen(S_doc), chunk, 0, BERPA_FORMAT_TEXT, &st, NULL);
        ck_assert_int_eq(st, BERPA_OK);
        ck_assert_str_eq(part, whole);
        free(part);
    }
    free(whole);
}
END_TEST

/* A long input through a small window must give what one window gives. */
START_TEST(windows_equal_whole)
{
    size_t reps = 600, n = strlen(S_doc);
    char *big = malloc(reps * (n + 1) + 1);
    size_t len = 0;
    for (size_t i = 0; i < reps; i++) {
        memcpy(big + len, S_doc, n);
        len += n;
        big[len++] = '\f';
    }
    berpa_status st;
    char *one = S_run(big, len, 4096, 64 << 20, BERPA_FORMAT_TEXT, &st, NULL);
    ck_assert_int_eq(st, BERPA_OK);
    char *many = S_run(big, len, 4096, 64 << 10, BERPA_FORMAT_TEXT, &st, NULL);
    ck_assert_int_eq(st, BERPA_OK);
    ck_assert_uint_gt(strlen(one), reps * 100);
    ck_assert_str_eq(many, one);
    char *tei1 = S_run(big, len, 4096, 64 << 20, BERPA_FORMAT_TEI, &st, NULL);
    char *tei2 = S_run(big, len, 4096, 64 << 10, BERPA_FORMAT_TEI, &st, NULL);
    ck_assert_str_eq(tei1, tei2);
    free(tei1);
    free(tei2);
    free(one);
    free(many);
    free(big);
}
END_TEST

START_TEST(invalid_utf8_is_an_error_with_offset)
{
    const char in[] = "Birinci sətir\nİkinci \xC3( sətir\n";
    berpa_status st;
    S_diags dg = { 0 };
    char *out = S_run(in, sizeof in - 1, 0, 0, BERPA_FORMAT_TEXT, &st, &dg);
    ck_assert_int_eq(st, BERPA_E_INPUT);
    ck_assert_int_ge(dg.n, 1);
    ck_assert_str_eq(dg.last_code, "invalid-utf8");
    ck_assert_msg(strncmp(dg.last, "test.txt:2:8: error: ", 21) == 0, "%s", dg.last);
    ck_assert_ptr_nonnull(strstr(dg.last, "23"));
    /* The stable code ends the line, for CI filters. */
    size_t n = strlen(dg.last);
    ck_assert_msg(n > 15 && strcmp(dg.last + n - 15, " [invalid-utf8]") == 0, "%s", dg.last);
    free(out);
}
END_TEST

/* UTF-16 with a byte order mark is named as such, in any chunking, and
 * with --replace-invalid too: replacing every other byte is no repair. */
START_TEST(utf16_is_refused_by_name)
{
    static const char le[] = "\xFF\xFE" "B\0a\0k\0\xFD\0\n\0";
    static const char be[] = "\xFE\xFF\0B\0a\0k\0\xFD\0\n";
    const char *ins[] = { le, be };
    const char *names[] = { "UTF-16LE", "UTF-16BE" };
    for (size_t k = 0; k < 2; k++) {
        for (size_t chunk = 0; chunk <= 3; chunk++) {
            berpa_status st;
            S_diags dg = { 0 };
            char *out = S_run(ins[k], sizeof le - 1, chunk, 0, BERPA_FORMAT_TEXT, &st, &dg);
            ck_assert_int_eq(st, BERPA_E_INPUT);
            ck_assert_int_eq(dg.n, 1);
            ck_assert_str_eq(dg.last_code, "utf16");
            ck_assert_msg(strstr(dg.last, names[k]) && strstr(dg.last, "iconv -f UTF-16"),
                          "%s", dg.last);
            ck_assert_ptr_null(strstr(dg.last, "invalid UTF-8"));
            free(out);
        }
    }
}
END_TEST

/* The report line of a failed input: valid JSON naming input, status and
 * reason, escaped. */
/* Faults on whole files come from the same table, as one line each. */
START_TEST(file_faults_from_the_table)
{
    static const struct { berpa_file_fault f; const char *line; } want[] = {
        { BERPA_FAULT_READ, "scan.txt: error: cannot read: No such file or directory [cannot-read]" },
        { BERPA_FAULT_WRITE, "out.xml: error: cannot write: No space left on device [cannot-write]" },
        { BERPA_FAULT_NO_PAGES, "scans: error: no page images in the directory [no-input]" },
    };
    static const char *const file[] = { "scan.txt", "out.xml", "scans" };
    static const char *const why[] = { "No such file or directory", "No space left on device", NULL };
    for (size_t i = 0; i < 3; i++) {
        berpa_diag d;
        char msg[128], line[256];
        ck_assert_ptr_eq(berpa_diag_file(&d, want[i].f, file[i], why[i], msg, sizeof msg), &d);
        ck_assert_int_eq(d.level, BERPA_ERROR);
        berpa_diag_format(&d, line, sizeof line);
        ck_assert_str_eq(line, want[i].line);
        /* the code is one the table lists */
        bool listed = false;
        for (size_t k = 0; berpa_diag_table(k); k++)
            listed |= strcmp(berpa_diag_table(k)->code, d.code) == 0;
        ck_assert_msg(listed, "%s is not in the table", d.code);
    }
    berpa_diag d;
    char tiny[8];
    berpa_diag_file(&d, BERPA_FAULT_READ, "x", "No such file or directory", tiny, sizeof tiny);
    ck_assert_uint_eq(strlen(tiny), sizeof tiny - 1); /* cut to fit */
}
END_TEST

START_TEST(report_failed_line)
{
    S_buf b = { .fail_after = -1 };
    ck_assert_int_eq(berpa_report_failed(S_write, &b, "a\"b.txt", BERPA_E_INPUT,
                                         "a\"b.txt:2:2: error: invalid UTF-8 [invalid-utf8]"),
                     BERPA_OK);
    ck_assert_str_eq(b.p, "{\"berpa\":\"" BERPA_VERSION_STRING "\",\"input\":\"a\\\"b.txt\","
                          "\"failed\":true,\"status\":\"malformed input\",\"reason\":"
                          "\"a\\\"b.txt:2:2: error: invalid UTF-8 [invalid-utf8]\"}\n");
    free(b.p);
    S_buf full = { .fail_after = 0 };
    ck_assert_int_eq(berpa_report_failed(S_write, &full, "x", BERPA_E_NOMEM, NULL), BERPA_E_IO);
}
END_TEST

START_TEST(lifecycle_errors)
{
    berpa_config *cfg = berpa_config_new();
    ck_assert_int_eq(berpa_config_set_window(cfg, 10), BERPA_E_USAGE);
    berpa_config_set_dictionary(cfg, "/nonexistent/az_AZ");
    berpa_status st;
    S_diags dg = { 0 };
    berpa_config_set_diag(cfg, S_diag, &dg);
    ck_assert_ptr_null(berpa_session_new(cfg, &st));
    ck_assert_int_eq(st, BERPA_E_DICT);
    ck_assert_str_eq(dg.last_code, "no-dictionary");
    berpa_config_set_dictionary(cfg, "");
    berpa_session *s = berpa_session_new(cfg, &st);
    ck_assert_ptr_nonnull(s);
    ck_assert_ptr_null(berpa_session_dictionary(s));
    berpa_run *r = berpa_run_new(s, "-");
    S_buf out = { .fail_after = -1 };
    ck_assert_int_eq(berpa_run_add_output(r, (berpa_format)42, S_write, &out), BERPA_E_USAGE);
    ck_assert_int_eq(berpa_run_add_output(r, BERPA_FORMAT_TEXT, S_write, &out), BERPA_OK);
    ck_assert_int_eq(berpa_run_feed(r, "söz\n", 5), BERPA_OK);
    ck_assert_int_eq(berpa_run_add_output(r, BERPA_FORMAT_TEI, S_write, &out), BERPA_E_STATE);
    ck_assert_int_eq(berpa_run_finish(r), BERPA_OK);
    ck_assert_int_eq(berpa_run_feed(r, "x", 1), BERPA_E_STATE);
    ck_assert_int_eq(berpa_run_finish(r), BERPA_E_STATE);
    ck_assert_str_eq(out.p, "söz\n");
    berpa_stats stats;
    berpa_run_stats(r, &stats);
    ck_assert_uint_eq(stats.bytes_in, 5);
    ck_assert_uint_eq(stats.lines, 1);
    ck_assert_uint_eq(stats.paragraphs, 1);
    berpa_run_free(r);
    free(out.p);
    berpa_session_free(s);
    berpa_config_free(cfg);
    ck_assert_str_eq(berpa_status_str(BERPA_E_IO), "input/output error");
    ck_assert_str_eq(berpa_version(), BERPA_VERSION_STRING);
}
END_TEST

START_TEST(write_failure_is_io_error)
{
    berpa_config *cfg = berpa_config_new();
    berpa_config_set_dictionary(cfg, "");
    berpa_status st;
    berpa_session *s = berpa_session_new(cfg, &st);
    berpa_run *r = berpa_run_new(s, "-");
    S_buf out = { .fail_after = 10 };
    berpa_run_add_output(r, BERPA_FORMAT_TEXT, S_write, &out);
    st = berpa_run_feed(r, S_doc, strlen(S_doc));
    if (st == BERPA_OK)
        st = berpa_run_finish(r);
    ck_assert_int_eq(st, BERPA_E_IO);
    ck_assert_int_eq(berpa_run_feed(r, "x", 1), BERPA_E_IO);
    berpa_run_free(r);
    free(out.p);
    berpa_session_free(s);
    berpa_config_free(cfg);
}
END_TEST

START_TEST(stats_count_changes)
{
    berpa_config *cfg = berpa_config_new();
    berpa_config_set_dictionary(cfg, "");
    berpa_status st;
    berpa_session *s = berpa_session_new(cfg, &st);
    berpa_run *r = berpa_run_new(s, "-");
    S_buf out = { .fail_after = -1 };
    berpa_run_add_output(r, BERPA_FORMAT_REPORT, S_write, &out);
    ck_assert_int_eq(berpa_run_feed(r, S_doc, strlen(S_doc)), BERPA_OK);
    ck_assert_int_eq(berpa_run_finish(r), BERPA_OK);
    berpa_stats stats;
    berpa_run_stats(r, &stats);
    ck_assert_uint_eq(stats.hyphens_joined, 1);
    ck_assert_uint_eq(stats.furniture, 1);
    ck_assert_uint_eq(stats.paragraphs, 2);
    ck_assert_ptr_nonnull(strstr(out.p, "\"decision\":\"join\""));
    berpa_run_free(r);
    free(out.p);
    berpa_session_free(s);
    berpa_config_free(cfg);
}
END_TEST

/* A NULL handle or pointer is a usage error, never a crash (berpa.h). */
START_TEST(null_arguments_are_usage_errors)
{
    berpa_status st = BERPA_OK;
    ck_assert_int_eq(berpa_config_set_dictionary(NULL, ""), BERPA_E_USAGE);
    ck_assert_int_eq(berpa_config_set_frequencies(NULL, ""), BERPA_E_USAGE);
    ck_assert_int_eq(berpa_config_set_title(NULL, "t"), BERPA_E_USAGE);
    ck_assert_int_eq(berpa_config_set_window(NULL, 1 << 20), BERPA_E_USAGE);
    ck_assert_int_eq(berpa_config_set_correct_threshold(NULL, 0.5), BERPA_E_USAGE);
    berpa_config_set_diag(NULL, S_diag, NULL);
    berpa_config_set_invalid(NULL, BERPA_INVALID_REPLACE);
    berpa_config_set_correct(NULL, 1);
    ck_assert_ptr_null(berpa_session_new(NULL, &st));
    ck_assert_int_eq(st, BERPA_E_USAGE);
    ck_assert_ptr_null(berpa_session_dictionary(NULL));
    ck_assert_ptr_null(berpa_run_new(NULL, "x"));
    ck_assert_int_eq(berpa_run_add_output(NULL, BERPA_FORMAT_TEXT, S_write, NULL),
                     BERPA_E_USAGE);
    ck_assert_int_eq(berpa_run_feed(NULL, "x", 1), BERPA_E_USAGE);
    ck_assert_int_eq(berpa_run_finish(NULL), BERPA_E_USAGE);
    ck_assert_int_eq(berpa_run_set_gold(NULL, NULL, 0), BERPA_E_USAGE);
    ck_assert_int_eq(berpa_run_feed_page(NULL, NULL), BERPA_E_USAGE);
    ck_assert_int_eq(berpa_tei_corpus_begin(NULL, NULL, "t"), BERPA_E_USAGE);
    ck_assert_int_eq(berpa_tei_corpus_end(NULL, NULL), BERPA_E_USAGE);
    ck_assert_int_eq(berpa_image_pages("x.png", NULL), BERPA_E_USAGE);
    ck_assert_int_eq(berpa_image_probe(NULL), 0);
    ck_assert_ptr_null(berpa_ocr_page(NULL, "x.png", 0));
    berpa_stats stats;
    memset(&stats, 0xff, sizeof stats);
    berpa_run_stats(NULL, &stats);
    ck_assert_uint_eq(stats.lines, 0);
    uint64_t v = 7;
    ck_assert_int_eq(berpa_run_stat(NULL, "lines", &v), 0);
    ck_assert_uint_eq(v, 0);
    char msg[64], buf[64] = "unchanged";
    berpa_diag d;
    ck_assert_ptr_null(berpa_diag_file(NULL, BERPA_FAULT_READ, "f", NULL, msg, sizeof msg));
    ck_assert_ptr_null(berpa_diag_file(&d, (berpa_file_fault)99, "f", NULL, msg, sizeof msg));
    ck_assert_uint_eq(berpa_diag_format(NULL, buf, sizeof buf), 0);

    /* with a good session: a NULL buffer with a length, a NULL stat name */
    berpa_config *cfg = berpa_config_new();
    berpa_config_set_dictionary(cfg, "");
    berpa_session *s = berpa_session_new(cfg, &st);
    berpa_run *r = berpa_run_new(s, "-");
    ck_assert_int_eq(berpa_run_feed(r, NULL, 3), BERPA_E_USAGE);
    ck_assert_int_eq(berpa_run_feed(r, NULL, 0), BERPA_OK);
    ck_assert_int_eq(berpa_run_stat(r, NULL, &v), 0);
    ck_assert_int_eq(berpa_run_stat(r, "lines", NULL), 1);
    berpa_run_free(r);
    berpa_session_free(s);
    berpa_config_free(cfg);
}
END_TEST

/* A threshold too small for a float is the least one, not "the default". */
START_TEST(tiny_threshold_is_kept)
{
    berpa_config *cfg = berpa_config_new();
    ck_assert_int_eq(berpa_config_set_correct_threshold(cfg, 1e-300), BERPA_OK);
    ck_assert_int_eq(berpa_config_set_correct_threshold(cfg, 0.0), BERPA_E_USAGE);
    berpa_config_free(cfg);
}
END_TEST

typedef struct S_tei_job {
    berpa_session *s;
    pthread_barrier_t *go;
    S_buf out;
    berpa_status st;
} S_tei_job;

static void *S_tei_thread(void *arg)
{
    S_tei_job *j = arg;
    berpa_run *r = berpa_run_new(j->s, "t.txt");
    j->out.fail_after = -1;
    berpa_run_add_output(r, BERPA_FORMAT_TEI, S_write, &j->out);
    pthread_barrier_wait(j->go);
    j->st = berpa_run_feed(r, S_doc, strlen(S_doc));
    if (j->st == BERPA_OK)
        j->st = berpa_run_finish(r);
    berpa_run_free(r);
    return NULL;
}

/* Runs of one session that begin their TEI at the same moment (libxml2's
 * first use) all succeed with the same output.  Run in a process of its
 * own (Check forks), so libxml2 starts uninitialised each time. */
START_TEST(tei_runs_start_together)
{
    enum { N = 8 };
    berpa_config *cfg = berpa_config_new();
    berpa_config_set_dictionary(cfg, "");
    berpa_status st;
    berpa_session *s = berpa_session_new(cfg, &st);
    pthread_barrier_t go;
    pthread_barrier_init(&go, NULL, N);
    S_tei_job jobs[N];
    pthread_t th[N];
    memset(jobs, 0, sizeof jobs);
    for (int i = 0; i < N; i++) {
        jobs[i].s = s;
        jobs[i].go = &go;
        ck_assert_int_eq(pthread_create(&th[i], NULL, S_tei_thread, &jobs[i]), 0);
    }
    for (int i = 0; i < N; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < N; i++) {
        ck_assert_int_eq(jobs[i].st, BERPA_OK);
        ck_assert_ptr_nonnull(jobs[i].out.p);
        ck_assert_str_eq(jobs[i].out.p, jobs[0].out.p);
    }
    for (int i = 0; i < N; i++)
        free(jobs[i].out.p);
    pthread_barrier_destroy(&go);
    berpa_session_free(s);
    berpa_config_free(cfg);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, chunked_equals_whole);
    tcase_add_test(tc, windows_equal_whole);
    tcase_add_test(tc, invalid_utf8_is_an_error_with_offset);
    tcase_add_test(tc, utf16_is_refused_by_name);
    tcase_add_test(tc, file_faults_from_the_table);
    tcase_add_test(tc, report_failed_line);
    tcase_add_test(tc, lifecycle_errors);
    tcase_add_test(tc, write_failure_is_io_error);
    tcase_add_test(tc, stats_count_changes);
    tcase_add_test(tc, null_arguments_are_usage_errors);
    tcase_add_test(tc, tiny_threshold_is_kept);
    tcase_add_loop_test(tc, tei_runs_start_together, 0, 20);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
