/* correct-bench: time of the OCR correction stage per examined word.
 * Usage: correct-bench DICT_PREFIX ERRORS_TABLE TEXTFILE
 * Counts the document (bp_wordstats), then corrects it a line at a time
 * and times each line; a line's time divided by the words it examined is
 * the time of each of those words.  Prints
 *   "words=<n> corrections=<n> median_us=<us> p99_us=<us> mean_us=<us>
 *    hunspell_create_ms=<ms>" (Hunspell's creation, on demand, timed apart).
 * Built on the fly by scripts/bench.sh against build/libberpa_static.a. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stages.h"

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int S_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s DICT_PREFIX ERRORS_TABLE TEXTFILE\n", argv[0]);
        return 2;
    }
    bp_diagctx dc = { 0 };
    berpa_status st;
    bp_lexicon *lx = bp_lexicon_open(argv[1], NULL, &dc, &st);
    bp_errmodel *em = bp_errmodel_new();
    FILE *f = fopen(argv[3], "r");
    if (!lx || !em || !f || bp_errmodel_load(em, argv[2]) != BERPA_OK) {
        fprintf(stderr, "correct-bench: cannot load %s, %s or %s\n", argv[1], argv[2], argv[3]);
        return 1;
    }
    /* Hunspell is created on the first word the compiled tables cannot
     * answer: timed apart, so the per-word figures are per word */
    double h0 = S_now();
    (void)bp_lexicon_known(lx, "qqqqx", 5);
    double hunspell_ms = (S_now() - h0) * 1e3;
    bp_doc d;
    bp_doc_init(&d);
    char buf[65536];
    while (fgets(buf, sizeof buf, f)) {
        size_t n = strcspn(buf, "\r\n\f");
        bp_line *l = bp_doc_push(&d);
        if (!l || !(l->text = malloc(n + 1)))
            return 1;
        memcpy(l->text, buf, n);
        l->text[n] = '\0';
        l->len = (uint32_t)n;
        l->lineno = d.nlines;
    }
    fclose(f);
    bp_wordstats *ws = bp_wordstats_new(200000);
    bp_wordstats_add(ws, &d, 0, d.nlines);
    bp_correct_opts o = { .threshold = 0.5f };
    bp_correct_stats cs = { 0 };
    bp_corrector *cr = bp_corrector_new();
    double *t = malloc((d.nlines * 64 + 1) * sizeof *t);
    size_t nt = 0;
    double total = 0;
    for (size_t i = 0; i < d.nlines; i++) {
        uint64_t before = cs.examined;
        double t0 = S_now();
        bp_correct(&d, i, i + 1, lx, em, ws, &o, &dc, cr, &cs);
        double dt = S_now() - t0;
        total += dt;
        uint64_t k = cs.examined - before;
        for (uint64_t j = 0; j < k && nt < d.nlines * 64; j++)
            t[nt++] = dt / (double)k * 1e6;
    }
    qsort(t, nt, sizeof *t, S_cmp);
    printf("words=%zu corrections=%llu median_us=%.1f p99_us=%.1f mean_us=%.1f "
           "hunspell_create_ms=%.0f\n", nt,
           (unsigned long long)cs.applied, nt ? t[nt / 2] : 0.0,
           nt ? t[(size_t)((double)nt * 0.99)] : 0.0, nt ? total * 1e6 / (double)nt : 0.0,
           hunspell_ms);
    free(t);
    bp_wordstats_free(ws);
    bp_doc_free(&d);
    bp_corrector_free(cr);
    bp_errmodel_free(em);
    bp_lexicon_free(lx);
    return 0;
}
