/* test_lexicon.c: Check suite for lexicon.c (dictionary lookups, word
 * frequencies, compound lists, document evidence). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages.h"

/* A throwaway dictionary directory: a tiny Hunspell pair, its frequency
 * table and compound list, so the suite needs nothing built. */
static char S_dir[64];
static char S_prefix[96];

static void S_write(const char *name, const char *text)
{
    char path[160];
    snprintf(path, sizeof path, "%s/%s", S_dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static void S_setup(void)
{
    strcpy(S_dir, "/tmp/berpa-lexicon.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(S_dir));
    snprintf(S_prefix, sizeof S_prefix, "%s/az_AZ", S_dir);
    S_write("az_AZ.aff", "SET UTF-8\nLANG az_AZ\n");
    S_write("az_AZ.dic", "4\nkitab\nİstanbul\nsilah\nsürsat\n");
    S_write("az_AZ.freq", "kitab\t900\nİstanbul\t50\nsui-qəsd\t2190\nsilah\t120\nma'rifət\t30\n");
    S_write("az_AZ.compounds", "qeyd-şərtsiz\nsilah-sursat\ntez-tez\n");
}

static void S_teardown(void)
{
    const char *names[] = { "az_AZ.aff", "az_AZ.dic", "az_AZ.freq", "az_AZ.compounds",
                            "bad.aff", "bad.dic", "bad.freq" };
    char path[160];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", S_dir, names[i]);
        unlink(path);
    }
    rmdir(S_dir);
}

static bp_lexicon *S_open(const char *dic)
{
    bp_diagctx dc = { 0 };
    berpa_status st;
    bp_lexicon *lx = bp_lexicon_open(dic, NULL, &dc, &st);
    ck_assert_int_eq(st, BERPA_OK);
    ck_assert_ptr_nonnull(lx);
    return lx;
}

static char S_last_code[32];

static void S_code(const berpa_diag *d, void *user)
{
    (void)user;
    snprintf(S_last_code, sizeof S_last_code, "%s", d->code ? d->code : "");
}

/* Hunspell takes any file; the lexicon must refuse what is no dictionary:
 * an empty or random .aff, a .dic without its count, with a bogus count,
 * empty or binary. */
START_TEST(bad_dictionaries_are_refused)
{
    static const struct { const char *aff, *dic; size_t diclen; } cases[] = {
        { "", "4\nkitab\nİstanbul\nsilah\nsürsat\n", 0 },
        { "\x01\x7f\xe2 random\0bytes\n", "4\nkitab\nİstanbul\nsilah\nsürsat\n", 0 },
        { "hello world\n", "4\nkitab\nİstanbul\nsilah\nsürsat\n", 0 },
        { "SET UTF-8\n", "", 0 },
        { "SET UTF-8\n", "kitab\nsilah\n", 0 },
        { "SET UTF-8\n", "99999999\nkitab\nsilah\n", 0 },
        { "SET UTF-8\n", "-3\nkitab\nsilah\n", 0 },
        { "SET UTF-8\n", "2 entries\nkitab\nsilah\n", 0 },
        { "SET UTF-8\n", "3\n", 0 },
        { "SET UTF-8\n", "2\nki\0tab\nsilah\n", 15 },
    };
    char prefix[128];
    snprintf(prefix, sizeof prefix, "%s/bad", S_dir);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        S_write("bad.aff", cases[i].aff);
        char path[160];
        snprintf(path, sizeof path, "%s/bad.dic", S_dir);
        FILE *f = fopen(path, "wb");
        ck_assert_ptr_nonnull(f);
        fwrite(cases[i].dic, 1, cases[i].diclen ? cases[i].diclen : strlen(cases[i].dic), f);
        fclose(f);
        bp_diagctx dc = { .fn = S_code };
        berpa_status st;
        S_last_code[0] = '\0';
        ck_assert_msg(!bp_lexicon_open(prefix, NULL, &dc, &st), "case %zu was accepted", i);
        ck_assert_int_eq(st, BERPA_E_DICT);
        ck_assert_uint_eq(dc.errors, 1);
        ck_assert_str_eq(S_last_code, "bad-dictionary");
    }
    /* A count a little off is no fault: Hunspell takes it as a size hint. */
    S_write("bad.aff", "SET UTF-8\nTRY a\n");
    S_write("bad.dic", "3\nkitab\nsilah\n");
    bp_lexicon *lx = S_open(prefix);
    ck_assert(bp_lexicon_known(lx, "silah", 5));
    bp_lexicon_free(lx);
}
END_TEST

/* $BERPA_DICT that names no dictionary is an error, not a fall-back to the
 * build tree's. */
START_TEST(berpa_dict_pointing_nowhere)
{
    setenv("BERPA_DICT", "/nonexistent/az_AZ", 1);
    bp_diagctx dc = { 0 };
    berpa_status st;
    ck_assert_ptr_null(bp_lexicon_open(NULL, NULL, &dc, &st));
    ck_assert_int_eq(st, BERPA_E_DICT);
    ck_assert_uint_eq(dc.errors, 1);
    setenv("BERPA_DICT", S_prefix, 1);
    bp_lexicon *lx = bp_lexicon_open(NULL, NULL, &dc, &st);
    ck_assert_ptr_nonnull(lx);
    ck_assert_str_eq(bp_lexicon_path(lx), S_prefix);
    bp_lexicon_free(lx);
}
END_TEST

/* An empty or malformed frequency table warns (and a malformed line is
 * skipped, the good ones still count). */
START_TEST(bad_frequencies_warn)
{
    char path[160];
    snprintf(path, sizeof path, "%s/bad.freq", S_dir);
    static const struct { const char *text; uint64_t warnings, kitab, silah; } cases[] = {
        { "", 1, 0, 0 },
        { "\n\n", 1, 0, 0 },
        { "kitab 12\nsilah\t7x\njunk\n", 1, 12, 0 },
        { "kitab\t12\nsilah\t7\n", 0, 12, 7 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        S_write("bad.freq", cases[i].text);
        bp_diagctx dc = { 0 };
        berpa_status st;
        bp_lexicon *lx = bp_lexicon_open("", path, &dc, &st);
        ck_assert_ptr_nonnull(lx);
        ck_assert_msg(dc.warnings == cases[i].warnings, "case %zu: %llu warnings", i,
                      (unsigned long long)dc.warnings);
        ck_assert_uint_eq(bp_lexicon_freq(lx, "kitab", 5), cases[i].kitab);
        ck_assert_uint_eq(bp_lexicon_freq(lx, "silah", 5), cases[i].silah);
        bp_lexicon_free(lx);
    }
}
END_TEST

START_TEST(dictionary_and_casing)
{
    bp_lexicon *lx = S_open(S_prefix);
    ck_assert_str_eq(bp_lexicon_path(lx), S_prefix);
    ck_assert(bp_lexicon_known(lx, "kitab", 5));
    ck_assert(bp_lexicon_known(lx, "KİTAB", strlen("KİTAB")));
    ck_assert(bp_lexicon_known(lx, "İstanbul", strlen("İstanbul")));
    ck_assert(!bp_lexicon_known(lx, "kitap", 5));
    /* frequencies are looked up lower-cased with Azerbaijani rules */
    ck_assert_uint_eq(bp_lexicon_freq(lx, "KİTAB", strlen("KİTAB")), 900);
    ck_assert_uint_eq(bp_lexicon_freq(lx, "istanbul", 8), 50);
    ck_assert_uint_eq(bp_lexicon_freq(lx, "yoxdur", 6), 0);
    bp_lexicon_free(lx);
}
END_TEST

START_TEST(compounds)
{
    bp_lexicon *lx = S_open(S_prefix);
    bool listed;
    /* a corpus form covers its inflections: sui-qəsd in sui-qəsdinin */
    ck_assert_uint_eq(bp_lexicon_compound(lx, "sui", 3, "qəsdinin", strlen("qəsdinin"), &listed),
                      2190);
    ck_assert(!listed);
    ck_assert_uint_eq(bp_lexicon_compound(lx, "Qeyd", 4, "şərtsiz", strlen("şərtsiz"), &listed), 1);
    ck_assert(listed);
    /* without diacritics: the list's sursat matches sürsat */
    ck_assert_uint_eq(bp_lexicon_compound(lx, "silah", 5, "sürsat", strlen("sürsat"), &listed), 1);
    ck_assert(listed);
    /* two letters past the hyphen are not enough to match a prefix */
    ck_assert_uint_eq(bp_lexicon_compound(lx, "tez", 3, "te", 2, &listed), 0);
    ck_assert_uint_eq(bp_lexicon_compound(lx, "boy", 3, "les", 3, &listed), 0);
    bp_lexicon_free(lx);
}
END_TEST

START_TEST(missing_and_disabled_dictionary)
{
    bp_diagctx dc = { 0 };
    berpa_status st;
    ck_assert_ptr_null(bp_lexicon_open("/nonexistent/az_AZ", NULL, &dc, &st));
    ck_assert_int_eq(st, BERPA_E_DICT);
    ck_assert_uint_eq(dc.errors, 1);
    bp_lexicon *lx = bp_lexicon_open("", NULL, &dc, &st);
    ck_assert_ptr_nonnull(lx);
    ck_assert_ptr_null(bp_lexicon_path(lx));
    ck_assert(!bp_lexicon_known(lx, "kitab", 5));
    bool listed;
    ck_assert_uint_eq(bp_lexicon_compound(lx, "sui", 3, "qəsd", strlen("qəsd"), &listed), 0);
    bp_lexicon_free(lx);
}
END_TEST

static void S_line(bp_doc *d, const char *text)
{
    bp_line *l = bp_doc_push(d);
    size_t n = strlen(text);
    l->text = malloc(n + 1);
    memcpy(l->text, text, n + 1);
    l->len = (uint32_t)n;
    l->role = n ? BP_ROLE_BODY : BP_ROLE_BLANK;
    if (n >= 2 && text[n - 1] == '-') {
        l->flags |= BP_LF_HYPHEN_END;
        l->hy_at = (uint32_t)n - 1;
        l->hy_len = 1;
    }
}

START_TEST(document_evidence)
{
    bp_doc d;
    bp_doc_init(&d);
    S_line(&d, "Türkiyə milli-azadlıq hərəkatı və Milli-azadlıq uğrunda mübarizə");
    S_line(&d, "sonra başladı, Cümhuriyyətinin rəhbərləri isə dəs-");
    S_line(&d, "təyi ilə bu işi davam etdirdilər.");
    bp_wordstats *ws = bp_wordstats_new(1000);
    bp_wordstats_add(ws, &d, 0, d.nlines);
    /* hyphenated forms, case-folded, and their first parts */
    ck_assert_uint_eq(bp_wordstats_count(ws, "milli-azadlıq", strlen("milli-azadlıq")), 2);
    ck_assert_uint_eq(bp_wordstats_count(ws, "milli-", strlen("milli-")), 2);
    ck_assert_uint_eq(bp_wordstats_count(ws, "CÜMHURİYYƏTİNİN", strlen("CÜMHURİYYƏTİNİN")), 1);
    /* the first word is counted when the line before did not break a word */
    ck_assert_uint_eq(bp_wordstats_count(ws, "Türkiyə", strlen("Türkiyə")), 1);
    /* neither half of a broken word is a whole form */
    ck_assert_uint_eq(bp_wordstats_count(ws, "dəs", 4), 0);
    ck_assert_uint_eq(bp_wordstats_count(ws, "təyi", 5), 0);
    bp_wordstats_free(ws);
    bp_doc_free(&d);
}
END_TEST

/* The keyed look-ups (one lower-casing for several look-ups of a form, as
 * the correction's candidate search makes them) answer as the plain ones,
 * and a form hashed piece by piece hashes as it does whole. */
/* Every apostrophe is one key, in words with a capital too (their keys
 * are folded; the fast path must not skip one of them). */
START_TEST(apostrophes_are_one_key)
{
    bp_lexicon *lx = S_open(S_prefix);
    static const char *const same[] = { "ma'rifət", "ma’rifət", "Ma’rifət", "MAʼRİFƏT",
                                        "Ma`rifət", "Ma´rifət", "Ma‘rifət", "Maʼrifət" };
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        ck_assert_uint_eq(bp_lexicon_freq(lx, same[i], strlen(same[i])), 30);
    ck_assert_uint_eq(bp_lexicon_freq(lx, "Marifət", strlen("Marifət")), 0);
    ck_assert_uint_eq(bp_lexicon_freq(lx, "Ma’rifət’", strlen("Ma’rifət’")), 0);
    bp_lexicon_free(lx);
}
END_TEST

START_TEST(lexkey_lookups_agree)
{
    bp_lexicon *lx = S_open(S_prefix);
    bp_doc d;
    bp_doc_init(&d);
    S_line(&d, "Kitab kitab KİTAB İstanbul silah Silah-sursat sürsat Iğdır");
    bp_wordstats *ws = bp_wordstats_new(1000);
    bp_wordstats_add(ws, &d, 0, d.nlines);
    char longw[300];
    memset(longw, 'a', sizeof longw);
    static const char *const words[] = { "kitab", "Kitab", "KİTAB", "İstanbul", "istanbul",
                                         "ISTANBUL", "kitap", "silah", "SİLAH", "sürsat",
                                         "Iğdır", "ığdır", "sui-qəsd", "Ə" };
    for (size_t i = 0; i <= sizeof words / sizeof *words; i++) {
        const char *w = i < sizeof words / sizeof *words ? words[i] : longw;
        size_t n = i < sizeof words / sizeof *words ? strlen(w) : sizeof longw;
        bp_lexkey key;
        bp_lexkey_set(&key, w, n);
        ck_assert_uint_eq(bp_lexicon_freq_key(lx, &key), bp_lexicon_freq(lx, w, n));
        ck_assert_uint_eq(bp_wordstats_count_key(ws, &key), bp_wordstats_count(ws, w, n));
        ck_assert_int_eq(bp_lexicon_known_key(lx, &key), bp_lexicon_known(lx, w, n));
        /* the hash of the bytes is the key's when the word has no capital */
        bool plain;
        uint64_t h = bp_lexkey_hash(w, n, &plain);
        ck_assert_int_eq(plain, key.k == w);
        if (plain) {
            ck_assert_uint_eq(h, key.h);
            bp_lexkey pk;
            bp_lexkey_plain(&pk, w, n, h);
            ck_assert_uint_eq(bp_lexicon_freq_key(lx, &pk), bp_lexicon_freq(lx, w, n));
        }
        /* cut after the first character */
        size_t k;
        bp_utf8_next(w, n, &k);
        bool p2 = true;
        uint64_t h2 = bp_lexkey_hash_more(BP_LEXKEY_H0, w, k, &p2);
        h2 = bp_lexkey_hash_more(h2, w + k, n - k, &p2);
        ck_assert_uint_eq(h2, h);
        ck_assert_int_eq(p2, plain);
    }
    bool plain;
    bp_lexkey_hash("kitab", 5, &plain);
    ck_assert(plain);
    bp_lexkey_hash("Kitab", 5, &plain);
    ck_assert(!plain);
    bp_lexkey_hash("ə", strlen("ə"), &plain); /* ə is no capital (Ə is) */
    ck_assert(plain);
    bp_wordstats_free(ws);
    bp_doc_free(&d);
    bp_lexicon_free(lx);
}
END_TEST

START_TEST(evidence_stays_bounded)
{
    bp_doc d;
    bp_doc_init(&d);
    char buf[64];
    for (int i = 0; i < 3000; i++) {
        snprintf(buf, sizeof buf, "söz sözcük%dx sözcük%dy", i, i);
        S_line(&d, buf);
    }
    S_line(&d, "təkrar təkrar təkrar sözü");
    bp_wordstats *ws = bp_wordstats_new(500);
    bp_wordstats_add(ws, &d, 0, d.nlines);
    /* the table never holds more than it may, and forms seen more than
     * once survive the pruning */
    ck_assert_uint_le(bp_wordstats_size(ws), 500);
    ck_assert_uint_ge(bp_wordstats_count(ws, "təkrar", strlen("təkrar")), 2);
    bp_wordstats_free(ws);
    bp_doc_free(&d);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("lexicon");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, S_setup, S_teardown);
    tcase_add_test(tc, dictionary_and_casing);
    tcase_add_test(tc, bad_dictionaries_are_refused);
    tcase_add_test(tc, berpa_dict_pointing_nowhere);
    tcase_add_test(tc, bad_frequencies_warn);
    tcase_add_test(tc, compounds);
    tcase_add_test(tc, missing_and_disabled_dictionary);
    tcase_add_test(tc, document_evidence);
    tcase_add_test(tc, evidence_stays_bounded);
    tcase_add_test(tc, lexkey_lookups_agree);
    tcase_add_test(tc, apostrophes_are_one_key);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
