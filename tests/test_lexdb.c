/* test_lexdb.c: Check suite for the compiled lexicon (lexdb.c) and the
 * lazily created Hunspell of lexicon.c: the compiled tables answer exactly
 * as the source files do, a stale, foreign or damaged file is refused with
 * a warning and the sources are read, and Hunspell is created only for a
 * word the tables cannot answer, once, whatever the threads. */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lexdb.h"

static char S_dir[64];
static char S_prefix[96];
static char S_db[112];

static void S_write(const char *name, const char *text, const char *mode)
{
    char path[160];
    snprintf(path, sizeof path, "%s/%s", S_dir, name);
    FILE *f = fopen(path, mode);
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* A tiny dictionary with an affix rule (kitab -> kitablar, a form no table
 * holds), a name, a form the corpus has and Hunspell rejects (adin), and
 * a bad frequency line (warned about, the same with or without tables). */
static void S_setup(void)
{
    strcpy(S_dir, "/tmp/berpa-lexdb.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(S_dir));
    snprintf(S_prefix, sizeof S_prefix, "%s/az_AZ", S_dir);
    snprintf(S_db, sizeof S_db, "%s/az_AZ.%s", S_dir, BP_LEXDB_EXT);
    S_write("az_AZ.aff", "SET UTF-8\nLANG az_AZ\nSFX L Y 1\nSFX L 0 lar .\n", "w");
    S_write("az_AZ.dic", "5\nkitab/L\nİstanbul\nsilah\nsürsat\nilə\n", "w");
    S_write("az_AZ.freq", "kitab\t900\nİstanbul\t50\nsui-qəsd\t2190\nsilah\t120\nadin\t3\n"
                          "ilə\t5000\nbroken line\n", "w");
    S_write("az_AZ.compounds", "qeyd-şərtsiz\nsilah-sursat\ntez-tez\n", "w");
}

static void S_teardown(void)
{
    const char *names[] = { "az_AZ.aff", "az_AZ.dic", "az_AZ.freq", "az_AZ.compounds",
                            "az_AZ." BP_LEXDB_EXT, "other.freq" };
    char path[160];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", S_dir, names[i]);
        unlink(path);
    }
    rmdir(S_dir);
}

static char S_codes[512];

static void S_diag(const berpa_diag *d, void *user)
{
    (void)user;
    size_t n = strlen(S_codes);
    snprintf(S_codes + n, sizeof S_codes - n, "%s ", d->code);
}

static bp_lexicon *S_open(const char *freq)
{
    bp_diagctx dc = { .fn = S_diag };
    berpa_status st;
    S_codes[0] = '\0';
    bp_lexicon *lx = bp_lexicon_open(S_prefix, freq, &dc, &st);
    ck_assert_int_eq(st, BERPA_OK);
    ck_assert_ptr_nonnull(lx);
    return lx;
}

static void S_compile(void)
{
    bp_diagctx dc = { 0 };
    ck_assert_int_eq(bp_lexicon_compile(S_prefix, S_db, &dc), BERPA_OK);
    ck_assert_int_eq(access(S_db, R_OK), 0);
}

/* Every question lexicon.c answers, asked of both lexicons. */
static void S_same(bp_lexicon *a, bp_lexicon *b)
{
    static const char *const words[] = {
        "kitab", "Kitab", "KITAB", "kItab", "kitablar", "Kitablar", "İstanbul", "istanbul",
        "ISTANBUL", "Istanbul", "ıstanbul", "silah", "Silah", "adin", "Adin", "ilə", "İlə",
        "İLƏ", "sürsat", "sursat", "kitabx", "qəsd", "sui-qəsd", "x",
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        const char *w = words[i];
        size_t n = strlen(w);
        ck_assert_msg(bp_lexicon_known(a, w, n) == bp_lexicon_known(b, w, n), "known(%s)", w);
        ck_assert_msg(bp_lexicon_freq(a, w, n) == bp_lexicon_freq(b, w, n), "freq(%s)", w);
        ck_assert_msg(bp_lexicon_prefix(a, w, n) == bp_lexicon_prefix(b, w, n), "prefix(%s)", w);
    }
    static const char *const comp[][2] = {
        { "sui", "qəsdinin" }, { "silah", "sürsatın" }, { "tez", "tez" }, { "qeyd", "şərtsiz" },
        { "kitab", "silah" },
    };
    for (size_t i = 0; i < sizeof comp / sizeof *comp; i++) {
        bool la, lb;
        uint64_t ca = bp_lexicon_compound(a, comp[i][0], strlen(comp[i][0]), comp[i][1],
                                          strlen(comp[i][1]), &la);
        uint64_t cb = bp_lexicon_compound(b, comp[i][0], strlen(comp[i][0]), comp[i][1],
                                          strlen(comp[i][1]), &lb);
        ck_assert_msg(ca == cb && la == lb, "compound(%s-%s)", comp[i][0], comp[i][1]);
    }
}

START_TEST(compiled_answers_as_the_sources)
{
    bp_lexicon *src = S_open(NULL);
    char codes_src[512];
    snprintf(codes_src, sizeof codes_src, "%s", S_codes);
    S_compile();
    bp_lexicon *db = S_open(NULL);
    /* the same diagnostics: the bad frequency line is still reported */
    ck_assert_str_eq(S_codes, codes_src);
    ck_assert_str_eq(S_codes, "bad-frequencies ");
    /* frequent forms, lower case or capitalised, need no Hunspell */
    ck_assert(bp_lexicon_known(db, "kitab", 5));
    ck_assert(bp_lexicon_known(db, "Silah", 5));
    ck_assert(bp_lexicon_known(db, "İstanbul", 9));
    ck_assert(!bp_lexicon_known(db, "istanbul", 8));
    ck_assert(!bp_lexicon_known(db, "adin", 4));
    ck_assert(!bp_lexicon_hunspell_loaded(db));
    /* a form outside the tables creates it */
    ck_assert(bp_lexicon_known(db, "kitablar", 8));
    ck_assert(bp_lexicon_hunspell_loaded(db));
    ck_assert_int_eq(bp_lexicon_status(db, NULL), BERPA_OK);
    S_same(src, db);
    bp_lexicon_free(src);
    bp_lexicon_free(db);
}
END_TEST

/* Without compiled tables Hunspell is created lazily too. */
START_TEST(hunspell_created_on_demand)
{
    bp_lexicon *lx = S_open(NULL);
    ck_assert(!bp_lexicon_hunspell_loaded(lx));
    ck_assert_uint_eq(bp_lexicon_freq(lx, "kitab", 5), 900);
    ck_assert(!bp_lexicon_hunspell_loaded(lx));
    ck_assert(bp_lexicon_known(lx, "kitab", 5));
    ck_assert(bp_lexicon_hunspell_loaded(lx));
    bp_lexicon_free(lx);
}
END_TEST

/* A source file changed after compiling: the tables are refused, with a
 * warning, and the lexicon answers from the sources. */
START_TEST(stale_tables_are_refused)
{
    static const char *const changed[] = { "az_AZ.freq", "az_AZ.dic", "az_AZ.compounds",
                                           "az_AZ.aff" };
    static const char *const extra[] = { "yeni\t77\n", "yeni\n", "yeni-yeni\n", "TRY a\n" };
    for (size_t i = 0; i < sizeof changed / sizeof *changed; i++) {
        S_setup();
        S_compile();
        S_write(changed[i], extra[i], "a");
        bp_lexicon *lx = S_open(NULL);
        ck_assert_msg(strstr(S_codes, "stale-lexicon") != NULL, "%s: %s", changed[i], S_codes);
        ck_assert_ptr_nonnull(strstr(S_codes, "bad-frequencies"));
        /* the sources' answers */
        bool listed;
        ck_assert_uint_eq(bp_lexicon_freq(lx, "yeni", 4), i == 0 ? 77 : 0);
        ck_assert(bp_lexicon_known(lx, "yeni", 4) == (i == 1));
        ck_assert_uint_eq(bp_lexicon_compound(lx, "yeni", 4, "yeni", 4, &listed), i == 2);
        bp_lexicon_free(lx);
        S_teardown();
    }
}
END_TEST

/* A file that is no compiled lexicon, or one cut short, is refused. */
START_TEST(foreign_or_damaged_tables_are_refused)
{
    S_compile();
    FILE *f = fopen(S_db, "r+b");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    ck_assert_int_gt(size, 256);
    ck_assert_int_eq(ftruncate(fileno(f), size - 8), 0);
    fclose(f);
    bp_lexicon *lx = S_open(NULL);
    ck_assert_ptr_nonnull(strstr(S_codes, "stale-lexicon"));
    ck_assert_uint_eq(bp_lexicon_freq(lx, "kitab", 5), 900);
    bp_lexicon_free(lx);
    /* a damaged header */
    S_compile();
    f = fopen(S_db, "r+b");
    fseek(f, 40, SEEK_SET);
    fputc(0x5A, f);
    fclose(f);
    lx = S_open(NULL);
    ck_assert_ptr_nonnull(strstr(S_codes, "stale-lexicon"));
    ck_assert_uint_eq(bp_lexicon_freq(lx, "kitab", 5), 900);
    bp_lexicon_free(lx);
    /* another file altogether */
    S_write("az_AZ." BP_LEXDB_EXT, "kitab\t900\nsilah\t120\n................................"
            "..............................................................................."
            "...............................................................................",
            "w");
    lx = S_open(NULL);
    ck_assert_ptr_nonnull(strstr(S_codes, "stale-lexicon"));
    ck_assert(bp_lexicon_known(lx, "kitablar", 8));
    bp_lexicon_free(lx);
}
END_TEST

/* Frequencies the caller names (--freq) are read from their file, quietly:
 * the compiled tables are not theirs, the rest of them still serves. */
START_TEST(named_frequencies_are_read)
{
    S_compile();
    S_write("other.freq", "yeni\t5\nkitab\t1\n", "w");
    char path[160];
    snprintf(path, sizeof path, "%s/other.freq", S_dir);
    bp_lexicon *lx = S_open(path);
    ck_assert_str_eq(S_codes, "");
    ck_assert_uint_eq(bp_lexicon_freq(lx, "yeni", 4), 5);
    ck_assert_uint_eq(bp_lexicon_freq(lx, "kitab", 5), 1);
    ck_assert_uint_eq(bp_lexicon_freq(lx, "silah", 5), 0);
    ck_assert(bp_lexicon_known(lx, "silah", 5));
    ck_assert(!bp_lexicon_hunspell_loaded(lx));
    bool listed;
    ck_assert_uint_eq(bp_lexicon_compound(lx, "tez", 3, "tez", 3, &listed), 1);
    bp_lexicon_free(lx);
    /* and none at all (berpa check) */
    lx = S_open("");
    ck_assert_str_eq(S_codes, "");
    ck_assert_uint_eq(bp_lexicon_freq(lx, "kitab", 5), 0);
    ck_assert(bp_lexicon_known(lx, "kitab", 5));
    bp_lexicon_free(lx);
}
END_TEST

/* Threads that all need Hunspell at once: created once, answers right. */
static void *S_worker(void *arg)
{
    bp_lexicon *lx = arg;
    for (int i = 0; i < 200; i++) {
        if (!bp_lexicon_known(lx, "kitablar", 8) || bp_lexicon_known(lx, "kitabx", 6) ||
            !bp_lexicon_known(lx, "kitab", 5))
            return (void *)1;
    }
    return NULL;
}

START_TEST(lazy_creation_is_thread_safe)
{
    S_compile();
    for (int round = 0; round < 5; round++) {
        bp_lexicon *lx = S_open(NULL);
        pthread_t t[4];
        for (int i = 0; i < 4; i++)
            ck_assert_int_eq(pthread_create(&t[i], NULL, S_worker, lx), 0);
        for (int i = 0; i < 4; i++) {
            void *r;
            pthread_join(t[i], &r);
            ck_assert_ptr_null(r);
        }
        ck_assert(bp_lexicon_hunspell_loaded(lx));
        bp_lexicon_free(lx);
    }
}
END_TEST

/* The compiler refuses what the lexicon refuses. */
START_TEST(compiler_refuses_a_bad_dictionary)
{
    S_write("az_AZ.dic", "kitab\nsilah\n", "w");
    bp_diagctx dc = { .fn = S_diag };
    S_codes[0] = '\0';
    ck_assert_int_eq(bp_lexicon_compile(S_prefix, S_db, &dc), BERPA_E_DICT);
    ck_assert_ptr_nonnull(strstr(S_codes, "bad-dictionary"));
    ck_assert_int_ne(access(S_db, F_OK), 0);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("lexdb");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, S_setup, S_teardown);
    tcase_add_test(tc, compiled_answers_as_the_sources);
    tcase_add_test(tc, hunspell_created_on_demand);
    tcase_add_test(tc, foreign_or_damaged_tables_are_refused);
    tcase_add_test(tc, named_frequencies_are_read);
    tcase_add_test(tc, lazy_creation_is_thread_safe);
    tcase_add_test(tc, compiler_refuses_a_bad_dictionary);
    suite_add_tcase(s, tc);
    TCase *ts = tcase_create("stale");
    tcase_add_test(ts, stale_tables_are_refused);
    suite_add_tcase(s, ts);
    return s;
}

#include "check_main.h"
