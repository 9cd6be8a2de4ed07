/* test_dict: berpa's Azerbaijani Hunspell dictionary accepts and rejects
 * what it should.
 *
 * Usage: test_dict [DICT]   DICT = directory holding az_AZ.{aff,dic}, or the
 * prefix .../az_AZ; default $BERPA_DICT_DIR, then $BERPA_DICT (prefix).
 * Exits 77 (skip) when no dictionary is given or found. */
#include <check.h>
#include <hunspell/hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static Hunhandle *hun;
static char dict_prefix[4096];

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int set_prefix(const char *arg)
{
    char aff[4200];
    struct stat st;
    if (!arg || !*arg)
        return 0;
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(dict_prefix, sizeof dict_prefix, "%s/az_AZ", arg);
    else {
        snprintf(dict_prefix, sizeof dict_prefix, "%s", arg);
        size_t n = strlen(dict_prefix);
        if (n > 4 && (strcmp(dict_prefix + n - 4, ".dic") == 0 ||
                      strcmp(dict_prefix + n - 4, ".aff") == 0))
            dict_prefix[n - 4] = '\0';
    }
    snprintf(aff, sizeof aff, "%s.aff", dict_prefix);
    return file_exists(aff);
}

static void load(void)
{
    char aff[4200], dic[4200];
    snprintf(aff, sizeof aff, "%s.aff", dict_prefix);
    snprintf(dic, sizeof dic, "%s.dic", dict_prefix);
    hun = Hunspell_create(aff, dic);
}

static void unload(void)
{
    if (hun)
        Hunspell_destroy(hun);
    hun = NULL;
}

static int spell(const char *w)
{
    return Hunspell_spell(hun, w) != 0;
}

/* ---- the table ---------------------------------------------------------- */

static const char *const accepted[] = {
    /* casing: Turkic İ/i and I/ı */
    "insan", "İnsan", "İNSAN", "İstanbul", "İSTANBUL", "işıq", "İŞIQ",
    "Bakı", "Bakının", "BAKININ", "qızıl", "QIZIL", "AZADLIQ", "Azərbaycan", "Azərbaycanın", "AZƏRBAYCAN",
    /* noun chains: plural, possessive, case, -kI, copula */
    "kitab", "kitablar", "kitabım", "kitabımız", "kitabımızdan",
    "kitablarımızdakılardır", "kitablarımızdakılar", "evdəkilər",
    "evlərimizdə", "anası", "anasının", "anasındakı", "ananı", "anaya",
    "müəllimdir", "müəllimik", "dövlətimizin", "azərbaycanlılar",
    /* k->y, q->ğ before a vowel */
    "çiçək", "çiçəyi", "çiçəklər", "ürəyimiz", "uşaq", "uşağa", "uşağın",
    "ayağından", "gələcəyəm", "gəldiyimizi", "azadlığı", "müstəqilliyimizi",
    /* vowel drop */
    "oğul", "oğlu", "oğlum", "oğullar", "burnu", "ağzı", "şəkli", "fikri",
    "ömrü",
    /* t->d in et-, get- */
    "et", "etdi", "etmək", "edir", "edəcək", "edilmişdir", "get", "getdi",
    "gedir", "gedəcəyik",
    /* verbs: voice, negation, tense, person, non-finite */
    "gəlirəm", "gəlmədilər", "gəlməyəcəksiniz", "gəlmişdir", "gəlsək",
    "oxuyur", "oxumur", "oxuyacaq", "yazılmışdır", "yazdırmaq", "olması",
    "olmasına", "olan", "olanların", "olaraq", "başlayır", "işləyir",
    /* derivation */
    "kitabçı", "dostluq", "dostluğu", "gözəllik", "gözəlliyi", "susuz",
    /* numbers and acronyms with hyphenated suffixes */
    "1921-ci", "1990-cı", "1930-cu", "1900-cü", "3-cü", "6-cı", "9-cu",
    "2-yə", "2000-ci", "ABŞ-ın", "BMT-nin", "TBMM-nin", "XX", "XIX",
    /* hyphenated words */
    "tez-tez", "bir-birinə", "milli-azadlıq",
    /* the Arabic relative adjective -i never harmonises: it is no evidence
     * that its noun does (lazımi, lazım -> lazımdır, lazımsız) */
    "lazımi", "həyati", "lazımdır", "lazımsız", "lazımlı", "iradı",
    /* real words beside a far more frequent spelling with a diacritic:
     * attested, or forms of a stem that is itself common (el beside əl,
     * səhər beside şəhər), or a lemma of the orthographic dictionary */
    "eli", "Eli", "isə", "kim", "adi", "səhəri", "səhərin", "surəti",
    "elimizdə", "nəsrdə", "doyub", "tapir", "neçə-neçə", "cüt-cüt",
};

static const char *const rejected[] = {
    /* casing: dotless ı is a different letter */
    "ınsan", "INSAN", "Insan", "ISTANBUL",
    /* stripped / OCR-confused spellings */
    "Azerbaycan", "azerbaycan", "dovlet", "kitabi", "gelirem", "yaxsi",
    "seher", "iurnal", "enerii", "gəlmıram",
    /* stripped copies of frequent words that the affix rules generate
     * from a rare stem (qarda-sı, lazi-m, həyati-n, gel-di) */
    "qardası", "isini", "lazimdir", "lazim", "həyatin", "insanin", "geldi",
    "gelmişdir", "deyişdi", "çekdi",
    /* ... and hyphenated words both halves of which are words */
    "necə-neçə", "cut-cut",
    /* wrong harmony */
    "kitablər", "evlar", "kitabdə", "evdakılar", "gəlirıq",
    "lazımdir", "lazımsiz", "lazımli",
    /* missing stem changes */
    "çiçəki", "gələcəkəm", "etir", "azadlıqı",
    /* suffixes that never devoice, Turkish forms */
    "kitapta", "gitti", "geliyor",
    /* numbers read with the wrong harmony */
    "1921-cı", "1990-ci", "3-cu", "BMT-nın",
};

START_TEST(test_accepted)
{
    const char *w = accepted[_i];
    ck_assert_msg(spell(w), "rejected but should be accepted: %s", w);
}
END_TEST

START_TEST(test_rejected)
{
    const char *w = rejected[_i];
    ck_assert_msg(!spell(w), "accepted but should be rejected: %s", w);
}
END_TEST

START_TEST(test_all_caps_folds_with_turkic_casing)
{
    /* KİMLİK lowers to kimlik, INSAN to ınsan */
    ck_assert(spell("KİMLİK") == spell("kimlik"));
    ck_assert(spell("INSAN") == spell("ınsan"));
    ck_assert(spell("İNSAN") == spell("insan"));
}
END_TEST

START_TEST(test_suggestions)
{
    char **list = NULL;
    int n = Hunspell_suggest(hun, &list, "dovlet");
    int found = 0;
    for (int i = 0; i < n; i++)
        if (strcmp(list[i], "dövlət") == 0)
            found = 1;
    Hunspell_free_list(hun, &list, n);
    ck_assert_msg(found, "dövlət not suggested for dovlet");
}
END_TEST

static Suite *dict_suite(void)
{
    Suite *s = suite_create("dict");
    TCase *tc = tcase_create("table");
    tcase_add_unchecked_fixture(tc, load, unload);
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_accepted, 0,
                        (int)(sizeof accepted / sizeof accepted[0]));
    tcase_add_loop_test(tc, test_rejected, 0,
                        (int)(sizeof rejected / sizeof rejected[0]));
    tcase_add_test(tc, test_all_caps_folds_with_turkic_casing);
    tcase_add_test(tc, test_suggestions);
    suite_add_tcase(s, tc);
    return s;
}

int main(int argc, char **argv)
{
    const char *arg = argc > 1 ? argv[1] : NULL;
    if (!set_prefix(arg) && !set_prefix(getenv("BERPA_DICT_DIR")) &&
        !set_prefix(getenv("BERPA_DICT"))) {
        fprintf(stderr, "test_dict: no dictionary (pass DIR or set BERPA_DICT_DIR); skipped\n");
        return 77;
    }
    SRunner *sr = srunner_create(dict_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
