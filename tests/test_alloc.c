/* test_alloc.c: allocation-failure suite (in the manner of libexpat's).
 * Each case is run with its i-th heap allocation failing, for i = 0, 1,
 * ... until a run goes through without reaching the failure; every run
 * must then end in BERPA_E_NOMEM (or NULL from a constructor), with no
 * crash and no leak (LeakSanitizer checks that in the -DBERPA_SANITIZE=ON
 * build), never in a wrong BERPA_OK with damaged output.  Two modes: only
 * the i-th allocation fails (what a transient shortage looks like, and the
 * surest way to catch a failure that is ignored), or every allocation from
 * the i-th on fails.
 *
 * The mechanism is the linker's --wrap (tests/more.cmake, section alloc):
 * this binary's references to malloc, calloc, realloc and strdup, which
 * include the library's (it is linked in statically), go to __wrap_*
 * below.  ICU, Hunspell and libxml2 are shared libraries and keep calling
 * the real allocator, so their own allocations are not covered; in
 * particular the TEI emitter's xmlTextWriter and xmlOutputBuffer allocate
 * inside libxml2 and never fail here.  The failure is only armed around
 * the library calls under test: Check itself (linked statically too) and
 * the test's own bookkeeping allocate unhindered.
 */
#include <check.h>
#include <execinfo.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "berpa.h"

/* ---- the failing allocator ---------------------------------------------- */
void *__real_malloc(size_t n);
void *__real_calloc(size_t nmemb, size_t n);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t nmemb, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);

static bool S_armed;     /* count (and fail) allocations now               */
static long S_fail_at;   /* index of the allocation that fails             */
static bool S_sticky;    /* ... and every one after it                     */
static long S_count;     /* allocations seen since arming                  */
static bool S_injected;  /* a failure was injected since arming            */

/* BERPA_ALLOC_TRACE=1 in the environment prints where the first
 * injected failure of each run happens (addr2line -f -e test_alloc). */
static void S_trace(void)
{
    static int on = -1;
    if (on < 0)
        on = getenv("BERPA_ALLOC_TRACE") != NULL;
    if (!on)
        return;
    void *pcs[16];
    int n = backtrace(pcs, 16);
    fprintf(stderr, "allocation %ld fails:\n", S_fail_at);
    backtrace_symbols_fd(pcs, n, 2);
}

static bool S_fail_now(void)
{
    if (!S_armed)
        return false;
    long i = S_count++;
    if (i == S_fail_at || (S_sticky && i > S_fail_at)) {
        if (!S_injected)
            S_trace();
        S_injected = true;
        return true;
    }
    return false;
}

void *__wrap_malloc(size_t n) { return S_fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t nmemb, size_t n) { return S_fail_now() ? NULL : __real_calloc(nmemb, n); }
void *__wrap_realloc(void *p, size_t n) { return S_fail_now() ? NULL : __real_realloc(p, n); }
char *__wrap_strdup(const char *s) { return S_fail_now() ? NULL : __real_strdup(s); }

static void S_arm(long fail_at, bool sticky)
{
    S_fail_at = fail_at;
    S_sticky = sticky;
    S_count = 0;
    S_injected = false;
    S_armed = true;
}

static void S_disarm(void) { S_armed = false; }

/* Far more allocations than any case makes: a loop that never gets
 * through is a bug of its own. */
#define S_MAX_STEPS 100000L

/* ---- outputs ---------------------------------------------------------------- */
typedef struct S_buf {
    char *p;
    size_t n, cap;
} S_buf;

/* Grows with the real allocator: the output callback is the caller's, not
 * the library's. */
static int S_write(void *user, const char *buf, size_t len)
{
    S_buf *b = user;
    if (b->n + len + 1 > b->cap) {
        size_t cap = (b->n + len + 1) * 2;
        char *p = __real_realloc(b->p, cap);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, buf, len);
    b->n += len;
    b->p[b->n] = '\0';
    return 0;
}

static void S_buf_free(S_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

static bool S_buf_eq(const S_buf *a, const S_buf *b)
{
    return a->n == b->n && (a->n == 0 || memcmp(a->p, b->p, a->n) == 0);
}

static int S_diags;

static void S_diag(const berpa_diag *d, void *user)
{
    (void)d;
    (void)user;
    S_diags++;
}

/* ---- the document ------------------------------------------------------------- */
/* Three pages with a running head and a page number each, a BOM, CRLF
 * line ends, line-end hyphens that join (Xə-zər) and that stay (cənub-
 * qərbdə, tez-tez), extra spaces, a soft hyphen, a ligature, a NUL byte, a
 * Cyrillic а inside a Latin word, a heading and a list; also a decomposed
 * ö (NFC), a zero-width space, a tab and a byte that is not UTF-8 (the
 * runs replace it). */
static const char S_doc[] =
    "\xEF\xBB\xBF"
    "Azərbaycan coğrafiyası\r\n"
    "\r\n"
    "   Azərbaycan Cənubi Qafqazın şərq hissəsində, Xə-\r\n"
    "zər dənizinin qərb sahilində yerləşir.  Ölkənin\r\n"
    "ərazisi təxminən səksən altı min kvadrat kilometr-\n"
    "dir. Şimalda Böyük Qafqaz, qərbdə və cənub-\n"
    "qərbdə Kiçik Qafqaz dağları uzanır.\n"
    "   Respublikanın ən hündür zirvəsi Bazar\xC2\xAD" "düzüdür;\n"
    "onun hündürlüyü dörd min metrdən artıqdır. Burada\n"
    "\xEF\xAC\x81lm çəkilir və\x00 gözəl yerlər ol\xD0\xB0r.\n"
    "\n"
    "                  Çaylar və göllər\n"
    "\n"
    "   Ölkənin ən böyük çayı Kürdür. O, Türkiyə ərazi-\n"
    "\n"
    "37\n"
    "\fAzərbaycan coğrafiyası\n"
    "\n"
    "sindən başlayır, cənub-qərbdə axır və Xəzər dənizinə tökülür.\n"
    "   Ən məşhur gölü Go\xCC\x88ygöldür,\tsuyu\xE2\x80\x8B təmizdir \xFF.\n"
    "   Ölkənin təbii sərvətləri arasında bunları xüsusi-\n"
    "lə qeyd etmək lazımdır:\n"
    "   – neft və təbii qaz yataqları;\n"
    "   – mineral su bulaqları;\n"
    "   – meşələr, yaylaqlar və qışlaqlar.\n"
    "\n"
    "38\n"
    "\fAzərbaycan coğrafiyası\n"
    "\n"
    "   Abşeron yarımadasında neft qədim zamanlardan mə-\n"
    "lumdur. Bu dövrdə şəhərdə tez-\n"
    "tez yeni zavodlar tikilirdi.\n"
    "\n"
    "39\n";

/* ---- the cases ------------------------------------------------------------------ */
/* Each case returns BERPA_OK, or BERPA_E_NOMEM when an allocation failed
 * and it said so; anything else fails the test.  It frees what it made. */
typedef berpa_status (*S_case)(void *ctx);

/* Runs c with allocation i failing, for every i until it gets through. */
static void S_exhaust(const char *name, S_case c, void *ctx, bool sticky)
{
    long i;
    for (i = 0; i < S_MAX_STEPS; i++) {
        S_arm(i, sticky);
        berpa_status st = c(ctx);
        S_disarm();
        if (!S_injected) {
            ck_assert_msg(st == BERPA_OK, "%s: %s with no failure injected", name,
                          berpa_status_str(st));
            break;
        }
        ck_assert_msg(st == BERPA_E_NOMEM, "%s%s: allocation %ld failed, got %s", name,
                      sticky ? " (sticky)" : "", i, berpa_status_str(st));
    }
    ck_assert_msg(i < S_MAX_STEPS, "%s: never got through", name);
    ck_assert_msg(i > 0, "%s: allocates nothing: is the --wrap link option missing?", name);
}

static void S_exhaust_both(const char *name, S_case c, void *ctx)
{
    S_exhaust(name, c, ctx, false);
    S_exhaust(name, c, ctx, true);
}

/* berpa_config_new and every setter. */
static berpa_status S_case_config(void *ctx)
{
    (void)ctx;
    berpa_config *cfg = berpa_config_new();
    if (!cfg)
        return BERPA_E_NOMEM;
    berpa_status st = BERPA_OK;
    berpa_config_set_diag(cfg, S_diag, NULL);
    berpa_config_set_invalid(cfg, BERPA_INVALID_REPLACE);
    if (st == BERPA_OK)
        st = berpa_config_set_dictionary(cfg, "");
    if (st == BERPA_OK)
        st = berpa_config_set_dictionary(cfg, "/nonexistent/az_AZ"); /* replaces */
    if (st == BERPA_OK)
        st = berpa_config_set_frequencies(cfg, "/nonexistent/az_AZ.freq");
    if (st == BERPA_OK)
        st = berpa_config_set_frequencies(cfg, NULL);
    if (st == BERPA_OK)
        st = berpa_config_set_title(cfg, "Sınaq sənədi");
    if (st == BERPA_OK)
        st = berpa_config_set_window(cfg, 64u << 10);
    if (st == BERPA_OK)
        st = berpa_config_set_correct_threshold(cfg, 0.7);
    berpa_config_free(cfg);
    return st;
}

START_TEST(config)
{
    S_exhaust_both("config", S_case_config, NULL);
}
END_TEST

/* A tiny dictionary with its frequency table and compound list, written
 * to a temporary directory: loading it allocates like the real one, in
 * far less time.  Returns the path without extension. */
static char S_dict_dir[512], S_dict_path[600];
static const char *const S_dict_exts[] = { "aff", "dic", "freq", "compounds" };

static const char *S_tiny_dict(void)
{
    static const char *const bodies[] = {
        "SET UTF-8\n",
        "6\nXəzər\nkilometr\ndəniz\nməlum\nşəhər\ntez-tez\n",
        "xəzər\t120\nkilometr\t40\nməlumdur\t75\nxüsusilə\t60\n",
        "cənub-qərb\ntez-tez\n",
    };
    if (*S_dict_dir)
        return S_dict_path;
    const char *tmp = getenv("TMPDIR");
    snprintf(S_dict_dir, sizeof S_dict_dir, "%s/berpa-alloc-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(S_dict_dir));
    snprintf(S_dict_path, sizeof S_dict_path, "%s/az_AZ", S_dict_dir);
    for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++) {
        char f[640];
        snprintf(f, sizeof f, "%s.%s", S_dict_path, S_dict_exts[i]);
        FILE *fp = fopen(f, "w");
        ck_assert_ptr_nonnull(fp);
        fputs(bodies[i], fp);
        ck_assert_int_eq(fclose(fp), 0);
    }
    return S_dict_path;
}

static void S_tiny_dict_remove(void)
{
    if (!*S_dict_dir)
        return;
    for (size_t i = 0; i < sizeof S_dict_exts / sizeof *S_dict_exts; i++) {
        char f[640];
        snprintf(f, sizeof f, "%s.%s", S_dict_path, S_dict_exts[i]);
        remove(f);
    }
    remove(S_dict_dir);
    *S_dict_dir = '\0';
}

/* dict: "" for none, else a dictionary path. */
static berpa_config *S_config(const char *dict)
{
    berpa_config *cfg = berpa_config_new();
    ck_assert_ptr_nonnull(cfg);
    berpa_config_set_diag(cfg, S_diag, NULL);
    berpa_config_set_invalid(cfg, BERPA_INVALID_REPLACE);
    ck_assert_int_eq(berpa_config_set_dictionary(cfg, dict), BERPA_OK);
    ck_assert_int_eq(berpa_config_set_title(cfg, "Sınaq sənədi"), BERPA_OK);
    return cfg;
}

/* berpa_session_new without a dictionary. */
static berpa_status S_case_session(void *ctx)
{
    const berpa_config *cfg = ctx;
    berpa_status st = BERPA_E_STATE;
    berpa_session *s = berpa_session_new(cfg, &st);
    if (!s)
        return st == BERPA_OK ? BERPA_E_STATE : st;
    berpa_session_free(s);
    return st;
}

START_TEST(session)
{
    berpa_config *cfg = S_config("");
    S_exhaust_both("session", S_case_session, cfg);
    berpa_config_free(cfg);
}
END_TEST

/* With a dictionary: its path, frequencies and compounds are loaded. */
START_TEST(session_dict)
{
    berpa_config *cfg = S_config(S_tiny_dict());
    S_exhaust_both("session_dict", S_case_session, cfg);
    berpa_config_free(cfg);
    S_tiny_dict_remove();
}
END_TEST

/* window: 0 for the default. */
static berpa_session *S_session(const char *dict, size_t window)
{
    berpa_config *cfg = S_config(dict);
    if (window)
        ck_assert_int_eq(berpa_config_set_window(cfg, window), BERPA_OK);
    /* OCR correction asks Hunspell, whose own allocations multiply the
     * steps past the time limit: the full runs go without it (its
     * failure paths: berpa_session_new, berpa_run_new above) */
    berpa_config_set_correct(cfg, 0);
    berpa_status st;
    berpa_session *s = berpa_session_new(cfg, &st);
    ck_assert_ptr_nonnull(s);
    berpa_config_free(cfg);
    return s;
}

/* berpa_run_new. */
static berpa_status S_case_run_new(void *ctx)
{
    berpa_run *r = berpa_run_new(ctx, "sınaq.txt");
    if (!r)
        return BERPA_E_NOMEM;
    berpa_run_free(r);
    return BERPA_OK;
}

START_TEST(run_new)
{
    berpa_session *s = S_session("", 0);
    S_exhaust_both("run_new", S_case_run_new, s);
    berpa_session_free(s);
}
END_TEST

/* berpa_run_add_output for one format, on a run made beforehand; after a
 * failure the run must still work. */
typedef struct S_add_ctx {
    berpa_session *s;
    berpa_format fmt;
} S_add_ctx;

static berpa_status S_case_add_output(void *ctx)
{
    S_add_ctx *a = ctx;
    S_disarm();
    berpa_run *r = berpa_run_new(a->s, "-");
    ck_assert_ptr_nonnull(r);
    S_buf out = { 0 };
    S_armed = true;
    berpa_status st = berpa_run_add_output(r, a->fmt, S_write, &out);
    S_armed = false;
    /* Whatever happened, the run goes on (with or without that output). */
    ck_assert_int_eq(berpa_run_feed(r, "söz\n", 5), BERPA_OK);
    ck_assert_int_eq(berpa_run_finish(r), BERPA_OK);
    ck_assert(st != BERPA_OK || out.n > 0);
    ck_assert(st == BERPA_OK || out.n == 0);
    S_armed = true;
    berpa_run_free(r);
    S_buf_free(&out);
    return st;
}

START_TEST(add_output)
{
    static const char *const names[] = { "add_output text", "add_output tei",
                                         "add_output report" };
    berpa_session *s = S_session("", 0);
    S_add_ctx a = { .s = s, .fmt = (berpa_format)_i };
    S_exhaust_both(names[_i], S_case_add_output, &a);
    berpa_session_free(s);
}
END_TEST

/* The opening of a teiCorpus (its writer is the TEI emitter's). */
static berpa_status S_case_corpus(void *ctx)
{
    S_buf *out = ctx;
    S_buf_free(out);
    berpa_status st = berpa_tei_corpus_begin(S_write, out, "Sınaq \xFF toplusu");
    if (st == BERPA_OK)
        st = berpa_tei_corpus_end(S_write, out);
    return st;
}

START_TEST(corpus)
{
    S_buf out = { 0 };
    S_exhaust_both("corpus", S_case_corpus, &out);
    ck_assert_ptr_nonnull(strstr(out.p, "</teiCorpus>"));
    S_buf_free(&out);
}
END_TEST

/* A whole run into all three outputs at once, fed whole or in chunks. */
typedef struct S_run_ctx {
    berpa_session *s;
    const char *in;
    size_t len;
    size_t chunk;          /* 0: all at once                               */
    S_buf out[3];          /* text, TEI, report of this run                */
    S_buf ref[3];          /* the same with no failure                     */
    berpa_stats stats;
    size_t early;          /* text output written before finish            */
} S_run_ctx;

static berpa_status S_case_run(void *ctx)
{
    S_run_ctx *c = ctx;
    for (int k = 0; k < 3; k++)
        S_buf_free(&c->out[k]);
    berpa_run *r = berpa_run_new(c->s, "sınaq.txt");
    if (!r)
        return BERPA_E_NOMEM;
    berpa_status st = BERPA_OK;
    for (int k = 0; k < 3 && st == BERPA_OK; k++)
        st = berpa_run_add_output(r, (berpa_format)k, S_write, &c->out[k]);
    size_t len = c->len, step = c->chunk ? c->chunk : len;
    bool fed_fail = false;
    for (size_t i = 0; i < len && st == BERPA_OK; i += step) {
        st = berpa_run_feed(r, c->in + i, len - i < step ? len - i : step);
        fed_fail = st != BERPA_OK;
    }
    c->early = c->out[0].n;
    if (st == BERPA_OK)
        st = berpa_run_finish(r);
    else if (fed_fail) {
        /* A failed run stays failed, with the same status. */
        berpa_status st2 = berpa_run_finish(r);
        S_disarm();
        ck_assert_int_eq(st2, st);
        S_armed = true;
    }
    berpa_run_stats(r, &c->stats);
    berpa_run_free(r);
    return st;
}

/* Runs c with each allocation failing in turn; c->ref holds the outputs
 * of a run without failure. */
static void S_exhaust_run(S_run_ctx *c)
{
    for (int sticky = 0; sticky < 2; sticky++) {
        long i;
        for (i = 0; i < S_MAX_STEPS; i++) {
            S_arm(i, sticky);
            berpa_status st = S_case_run(c);
            S_disarm();
            if (!S_injected) {
                ck_assert_int_eq(st, BERPA_OK);
                break;
            }
            /* A failure that is harmless may be absorbed, but then the
             * outputs must be exactly what they are without it. */
            if (st == BERPA_OK)
                for (int k = 0; k < 3; k++)
                    ck_assert_msg(S_buf_eq(&c->out[k], &c->ref[k]),
                                  "chunk %zu%s: allocation %ld failed, run said OK, "
                                  "output %d differs:\n%s",
                                  c->chunk, sticky ? " (sticky)" : "", i, k,
                                  c->out[k].p ? c->out[k].p : "");
            else
                ck_assert_msg(st == BERPA_E_NOMEM,
                              "chunk %zu%s: allocation %ld failed, got %s", c->chunk,
                              sticky ? " (sticky)" : "", i, berpa_status_str(st));
        }
        ck_assert_msg(i < S_MAX_STEPS, "never got through");
        /* The last pass had no failure: same outputs as the reference. */
        for (int k = 0; k < 3; k++)
            ck_assert(S_buf_eq(&c->out[k], &c->ref[k]));
    }
}

/* The reference run: its outputs go to c->ref. */
static void S_reference(S_run_ctx *c)
{
    ck_assert_int_eq(S_case_run(c), BERPA_OK);
    for (int k = 0; k < 3; k++) {
        c->ref[k] = c->out[k];
        memset(&c->out[k], 0, sizeof c->out[k]);
        ck_assert_uint_gt(c->ref[k].n, 0);
    }
}

static void S_run_ctx_free(S_run_ctx *c)
{
    for (int k = 0; k < 3; k++) {
        S_buf_free(&c->out[k]);
        S_buf_free(&c->ref[k]);
    }
    berpa_session_free(c->s);
}

static void S_full_run(size_t chunk, const char *dict)
{
    S_run_ctx c = { .s = S_session(dict, 0), .in = S_doc, .len = sizeof S_doc - 1,
                    .chunk = chunk };
    /* The reference, and what it must show of the document. */
    S_reference(&c);
    ck_assert_uint_eq(c.stats.pages, 3);
    ck_assert_uint_ge(c.stats.furniture, 6);
    ck_assert_uint_ge(c.stats.hyphens_joined, 3);
    ck_assert_uint_ge(c.stats.hyphens_kept, 2);
    ck_assert_uint_ge(c.stats.paragraphs, 6);
    const char *text = c.ref[0].p, *tei = c.ref[1].p, *rep = c.ref[2].p;
    ck_assert_msg(strstr(text, "Xəzər dənizinin") && strstr(text, "kilometrdir") &&
                  strstr(text, "cənub-qərbdə") && strstr(text, "tez-tez") &&
                  strstr(text, "Bazardüzüdür") && strstr(text, "film çəkilir və gözəl") &&
                  strstr(text, "yerlər olar.") && strstr(text, "yerləşir. Ölkənin") &&
                  strstr(text, "\nÇaylar və göllər\n") && !strstr(text, "coğrafiyası") &&
                  !strstr(text, "37"),
                  "%s", text);
    ck_assert_msg(strstr(tei, "<head cert=\"") && strstr(tei, "<item>") && strstr(tei, "<pb n=\"38\"") &&
                  strstr(tei, "<fw type=\"header\"") && strstr(tei, "rend=\"hyphen\""),
                  "%s", tei);
    static const char *const kinds[] = { "bom", "soft-hyphen", "ligature", "control",
                                         "confusable", "space", "nfc", "zero-width",
                                         "invalid-utf8" };
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        char want[64];
        snprintf(want, sizeof want, "\"kind\":\"%s\"", kinds[k]);
        ck_assert_msg(strstr(rep, want), "no %s edit in %s", kinds[k], rep);
    }
    ck_assert_ptr_nonnull(strstr(rep, "\"decision\":\"keep\""));
    S_exhaust_run(&c);
    S_run_ctx_free(&c);
}

START_TEST(run_whole)
{
    S_full_run(0, "");
}
END_TEST

START_TEST(run_chunks)
{
    S_full_run(3, "");
}
END_TEST

START_TEST(run_dict)
{
    S_full_run(0, S_tiny_dict());
    S_tiny_dict_remove();
}
END_TEST

/* A document larger than the window (the smallest there is): pass 1
 * spills its lines to the temporary file and pass 2 reads them back, unit
 * by unit, every allocation of both failing in turn.  Long lines keep the
 * allocations, and so the runs, few. */
START_TEST(run_windows)
{
    static const char sentence[] =
        "Azərbaycan Cənubi Qafqazın şərq hissəsində yerləşir, Xəzər dənizinin "
        "qərb sahilində geniş ovalıqlar və yüksək dağlar vardır. ";
    size_t cap = 160u << 10, len = 0;
    char *in = malloc(cap);
    ck_assert_ptr_nonnull(in);
    for (int page = 0; len + (32u << 10) < cap; page++) { /* a page: 21K */
        len += (size_t)snprintf(in + len, cap - len, "%sAzərbaycan coğrafiyası\n\n",
                                page ? "\f" : "");
        for (int line = 0; line < 20; line++) {
            for (int k = 0; k < 7; k++) {
                memcpy(in + len, sentence, sizeof sentence - 1);
                len += sizeof sentence - 1;
            }
            /* every third line ends a paragraph, the others in a hyphen */
            len += (size_t)snprintf(in + len, cap - len, "%s\n",
                                    line % 3 == 2 ? "Son." : "öy-");
            if (line % 3 != 2)
                len += (size_t)snprintf(in + len, cap - len, "rənmişlər  ");
        }
        len += (size_t)snprintf(in + len, cap - len, "\n%d\n", 37 + page);
    }
    S_run_ctx c = { .s = S_session("", 64u << 10), .in = in, .len = len };
    S_reference(&c);
    ck_assert_uint_ge(c.stats.pages, 6);
    ck_assert_uint_ge(c.stats.hyphens_joined, 20);
    ck_assert_uint_ge(c.stats.edits, 20);
    ck_assert_uint_eq(c.early, 0); /* two passes: nothing goes out before the end */
    S_exhaust_run(&c);
    S_run_ctx_free(&c);
    free(in);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, config);
    tcase_add_test(tc, session);
    tcase_add_test(tc, session_dict);
    tcase_add_test(tc, run_new);
    tcase_add_loop_test(tc, add_output, BERPA_FORMAT_TEXT, BERPA_FORMAT_REPORT + 1);
    tcase_add_test(tc, corpus);
    tcase_add_test(tc, run_whole);
    tcase_add_test(tc, run_chunks);
    tcase_add_test(tc, run_dict);
    tcase_add_test(tc, run_windows);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
