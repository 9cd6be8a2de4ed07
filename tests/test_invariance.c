/* test_invariance.c: Check suite for the promise that the output never
 * depends on how the input was fed.  Every sample, every fuzz-corpus
 * input, every document of ../shared/corpus (when present) and documents
 * generated here go through the library with windows of 64K, 1M and
 * 256M and in feeds of 1 to 5 bytes and 64K; text, TEI and report must
 * be byte-identical to one feed with the default window. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/stat.h>

#include "berpa.h"

#include "check_buf.h"

enum { S_NFMT = 3 };
static const berpa_format S_fmts[S_NFMT] = { BERPA_FORMAT_TEXT, BERPA_FORMAT_TEI,
                                             BERPA_FORMAT_REPORT };

/* One session per window size, with the build's dictionary when there is
 * one (the document evidence and dictionary paths both run). */
static berpa_session *S_session(size_t window)
{
    berpa_config *cfg = berpa_config_new();
    ck_assert_ptr_nonnull(cfg);
    if (window)
        ck_assert_int_eq(berpa_config_set_window(cfg, window), BERPA_OK);
    const char *dict = getenv("BERPA_DICT");
    struct stat sb;
    char aff[4096];
    snprintf(aff, sizeof aff, "%s.aff", dict ? dict : "");
    if (!dict || stat(aff, &sb) != 0)
        ck_assert_int_eq(berpa_config_set_dictionary(cfg, ""), BERPA_OK);
    berpa_status st;
    berpa_session *s = berpa_session_new(cfg, &st);
    berpa_config_free(cfg);
    ck_assert_msg(s != NULL, "session: status %d", (int)st);
    return s;
}

/* Runs `in` feeding `chunk` bytes at a time (0: at once); out[] gets the
 * three outputs.  The run's status is returned (errors are outputs too). */
static berpa_status S_run(berpa_session *s, const char *in, size_t len, size_t chunk, S_buf *out)
{
    berpa_run *r = berpa_run_new(s, "doc.txt");
    ck_assert_ptr_nonnull(r);
    for (int f = 0; f < S_NFMT; f++) {
        out[f] = (S_buf){ 0 };
        ck_assert_int_eq(berpa_run_add_output(r, S_fmts[f], S_write, &out[f]), BERPA_OK);
    }
    berpa_status st = BERPA_OK;
    if (!chunk)
        chunk = len ? len : 1;
    for (size_t i = 0; i < len && st == BERPA_OK; i += chunk)
        st = berpa_run_feed(r, in + i, len - i < chunk ? len - i : chunk);
    if (st == BERPA_OK)
        st = berpa_run_finish(r);
    berpa_run_free(r);
    return st;
}

static void S_free(S_buf *b)
{
    for (int f = 0; f < S_NFMT; f++)
        free(b[f].p);
}

static const size_t S_windows[] = { 64u << 10, 1u << 20, 256u << 20 };
static const size_t S_chunks[] = { 1, 2, 3, 4, 5, 64u << 10 };

/* The whole property on one input; `what` names it in failures.  Feeds of
 * one to five bytes are skipped above `small_max` bytes (they are slow
 * and the 64K windows already cut such inputs many times). */
static void S_check(const char *what, const char *in, size_t len, size_t small_max)
{
    static berpa_session *sessions[4];
    if (!sessions[0]) {
        sessions[0] = S_session(0);
        for (size_t w = 0; w < 3; w++)
            sessions[w + 1] = S_session(S_windows[w]);
    }
    S_buf ref[S_NFMT];
    berpa_status st0 = S_run(sessions[0], in, len, 0, ref);
    for (size_t w = 0; w < 3; w++) {
        S_buf got[S_NFMT];
        berpa_status st = S_run(sessions[w + 1], in, len, 0, got);
        ck_assert_msg(st == st0, "%s: window %zu: status %d, not %d", what, S_windows[w],
                      (int)st, (int)st0);
        for (int f = 0; f < S_NFMT; f++)
            ck_assert_msg(got[f].n == ref[f].n && (!ref[f].n || memcmp(got[f].p, ref[f].p, ref[f].n) == 0),
                          "%s: window %zu changes output %d", what, S_windows[w], f);
        S_free(got);
    }
    for (size_t c = 0; c < sizeof S_chunks / sizeof *S_chunks; c++) {
        if (S_chunks[c] < 16 && len > small_max)
            continue;
        S_buf got[S_NFMT];
        /* the smallest window with the smallest feeds: both at once */
        berpa_status st = S_run(sessions[1], in, len, S_chunks[c], got);
        ck_assert_msg(st == st0, "%s: chunk %zu: status %d, not %d", what, S_chunks[c], (int)st,
                      (int)st0);
        for (int f = 0; f < S_NFMT; f++)
            ck_assert_msg(got[f].n == ref[f].n && (!ref[f].n || memcmp(got[f].p, ref[f].p, ref[f].n) == 0),
                          "%s: feeds of %zu bytes change output %d", what, S_chunks[c], f);
        S_free(got);
    }
    S_free(ref);
}

static char *S_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *p = malloc(cap);
    size_t k;
    while (p && (k = fread(p + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap)
            p = realloc(p, cap *= 2);
    }
    fclose(f);
    *len = n;
    return p;
}

static int S_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file in dir whose name ends in `suffix` ("" for all). */
static size_t S_check_dir(const char *dir, const char *suffix, size_t small_max)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return 0;
    char *names[4096];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(dp)) && n < 4096) {
        size_t nl = strlen(de->d_name), sl = strlen(suffix);
        if (de->d_name[0] == '.' || nl < sl || strcmp(de->d_name + nl - sl, suffix) != 0)
            continue;
        names[n++] = strdup(de->d_name);
    }
    closedir(dp);
    qsort(names, n, sizeof *names, S_cmp);
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        struct stat sb;
        size_t len;
        char *in;
        if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && (in = S_slurp(path, &len))) {
            S_check(path, in, len, small_max);
            free(in);
            done++;
        }
        free(names[i]);
    }
    return done;
}

START_TEST(samples)
{
    ck_assert_uint_ge(S_check_dir(BERPA_SOURCE_DIR "/samples", ".txt", 1u << 16), 3);
}
END_TEST

START_TEST(fuzz_corpus)
{
    ck_assert_uint_ge(S_check_dir(BERPA_SOURCE_DIR "/tests/fuzz/corpus", "", 1u << 16), 10);
}
END_TEST

START_TEST(shared_corpus)
{
    static const char *const docs[] = { "law", "seed-pages", "seed-pages-medium", "wiki" };
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpus/seed", BERPA_SHARED_DIR);
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        fprintf(stderr, "shared_corpus: SKIPPED, no %s\n", BERPA_SHARED_DIR);
        return;
    }
    size_t n = S_check_dir(dir, ".txt", 1u << 15);
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        snprintf(dir, sizeof dir, "%s/corpus/dev/%s", BERPA_SHARED_DIR, docs[i]);
        n += S_check_dir(dir, ".txt", 1u << 15);
    }
    ck_assert_uint_ge(n, 4);
}
END_TEST

/* A small deterministic generator, so the long documents need no files. */
static uint32_t S_rand(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 16) & 0x7FFF;
}

static const char *const S_words[] = {
    "Azərbaycan", "tarixi", "ədəbiyyat", "məktəblər", "şəhərin", "mədəniyyət",
    "qədim", "və", "ilə", "üçün", "dövlət", "xalqın", "müstəqil", "respublika",
    "dilində", "kitab", "milli-azadlıq", "ma'rifətli", "Qur'an", "yazılmışdır"
};

/* 6,000 single-spaced lines of running text, paragraphs of varying
 * length, some indented, some ending in a line-end hyphen. */
static char *S_gen_plain(size_t *len)
{
    size_t cap = 1u << 20, n = 0;
    char *p = malloc(cap);
    ck_assert_ptr_nonnull(p);
    uint32_t seed = 7;
    for (int line = 0; line < 6000; line++) {
        if (n + 512 > cap)
            p = realloc(p, cap *= 2);
        if (S_rand(&seed) % 9 == 0)
            n += (size_t)sprintf(p + n, "    ");
        int words = 6 + (int)(S_rand(&seed) % 8);
        for (int w = 0; w < words; w++) {
            const char *x = S_words[S_rand(&seed) % (sizeof S_words / sizeof *S_words)];
            n += (size_t)sprintf(p + n, "%s%s", w ? " " : "", x);
        }
        uint32_t end = S_rand(&seed) % 10;
        n += (size_t)sprintf(p + n, "%s\n", end == 0 ? "." : end == 1 ? " məktəb-" : "");
        if (end == 1)
            n += (size_t)sprintf(p + n, "lər ");
    }
    *len = n;
    return p;
}

/* 430 KB where every seventh line is a short line padded with spaces. */
static char *S_gen_padded(size_t *len)
{
    size_t cap = 512u << 10, n = 0;
    char *p = malloc(cap);
    ck_assert_ptr_nonnull(p);
    for (int line = 0; n < 430u << 10; line++) {
        if (line % 7 == 6)
            n += (size_t)sprintf(p + n, "Qısa%60ssətir bitdi.\n", "");
        else
            n += (size_t)sprintf(p + n, "Bu sətir adi mətnin bir hissəsidir və burada "
                                        "davam edir, nöqtəsiz bitir\n");
    }
    *len = n;
    return p;
}

/* Running text around one line of 600 KB, which the reader cuts into
 * 64 KB pieces (a long-line warning): long records in the spool, read
 * back across its buffer's refills (spool.c). */
static char *S_gen_long_line(size_t *len)
{
    size_t plain_len;
    char *plain = S_gen_plain(&plain_len);
    size_t half = plain_len / 2;
    while (half < plain_len && plain[half - 1] != '\n')
        half++;
    size_t cap = plain_len + (620u << 10), n = 0;
    char *p = malloc(cap);
    ck_assert_ptr_nonnull(p);
    memcpy(p, plain, half);
    n = half;
    uint32_t seed = 11;
    while (n < half + (600u << 10))
        n += (size_t)sprintf(p + n, "%s ", S_words[S_rand(&seed) % (sizeof S_words / sizeof *S_words)]);
    p[n - 1] = '\n';
    memcpy(p + n, plain + half, plain_len - half);
    n += plain_len - half;
    free(plain);
    *len = n;
    return p;
}

START_TEST(generated)
{
    size_t len;
    char *in = S_gen_plain(&len);
    S_check("generated 6000 lines", in, len, 0);
    free(in);
    in = S_gen_padded(&len);
    S_check("generated padded lines", in, len, 0);
    free(in);
    in = S_gen_long_line(&len);
    S_check("generated 600 KB line", in, len, 0);
    free(in);
}
END_TEST

/* Runs of one session on two threads at once give what one thread gives. */
typedef struct S_job {
    berpa_session *s;
    const char *in;
    size_t len;
    S_buf out[S_NFMT];
    berpa_status st;
} S_job;

static void *S_job_run(void *arg)
{
    S_job *j = arg;
    for (int k = 0; k < 4; k++) {
        if (k)
            S_free(j->out);
        j->st = S_run(j->s, j->in, j->len, 4096, j->out);
    }
    return NULL;
}

START_TEST(threads)
{
    size_t len;
    char *in = S_gen_plain(&len);
    berpa_session *s = S_session(64u << 10);
    S_buf ref[S_NFMT];
    ck_assert_int_eq(S_run(s, in, len, 0, ref), BERPA_OK);
    S_job jobs[2] = { { .s = s, .in = in, .len = len }, { .s = s, .in = in, .len = len } };
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(pthread_create(&t[i], NULL, S_job_run, &jobs[i]), 0);
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
        ck_assert_int_eq(jobs[i].st, BERPA_OK);
        for (int f = 0; f < S_NFMT; f++)
            ck_assert_msg(jobs[i].out[f].n == ref[f].n &&
                              memcmp(jobs[i].out[f].p, ref[f].p, ref[f].n) == 0,
                          "thread %d changes output %d", i, f);
        S_free(jobs[i].out);
    }
    S_free(ref);
    berpa_session_free(s);
    free(in);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("invariance");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, samples);
    tcase_add_test(tc, fuzz_corpus);
    tcase_add_test(tc, shared_corpus);
    tcase_add_test(tc, generated);
    tcase_add_test(tc, threads);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
