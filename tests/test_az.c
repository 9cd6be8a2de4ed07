/* test_az.c: Check suite for az.c (UTF-8 helpers, letters, casing, syllables). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "stages.h"

/* ---- UTF-8 ------------------------------------------------------------------- */

START_TEST(utf8_round_trip)
{
    const uint32_t cps[] = { 0, 'a', 0x7F, 0x80, 0x259, 0x7FF, 0x800, 0x130, 0x201C, 0xFFFD,
                             0xFFFF, 0x10000, 0x1F600, 0x10FFFF };
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        char b[4];
        size_t n = bp_utf8_put(cps[i], b), k = 0, kp = 0;
        ck_assert_uint_eq(n, cps[i] < 0x80 ? 1 : cps[i] < 0x800 ? 2 : cps[i] < 0x10000 ? 3 : 4);
        ck_assert_uint_eq(bp_utf8_next(b, n, &k), cps[i]);
        ck_assert_uint_eq(k, n);
        ck_assert_uint_eq(bp_utf8_prev(b, n, &kp), cps[i]);
        ck_assert_uint_eq(kp, n);
    }
    /* Surrogates and out-of-range values encode as U+FFFD. */
    char b[4];
    ck_assert_uint_eq(bp_utf8_put(0xD800, b), 3);
    ck_assert(memcmp(b, "\xEF\xBF\xBD", 3) == 0);
    ck_assert_uint_eq(bp_utf8_put(0x110000, b), 3);
}
END_TEST

START_TEST(utf8_walk)
{
    const char *s = "A\xC9\x99\xE2\x80\x9C\xF0\x9F\x98\x80z";
    size_t len = strlen(s), k;
    const uint32_t want[] = { 'A', 0x259, 0x201C, 0x1F600, 'z' };
    size_t i = 0, n = 0;
    while (i < len) {
        ck_assert_uint_eq(bp_utf8_next(s + i, len - i, &k), want[n++]);
        i += k;
    }
    ck_assert_uint_eq(n, 5);
    while (len > 0) {
        ck_assert_uint_eq(bp_utf8_prev(s, len, &k), want[--n]);
        len -= k;
    }
    /* Damaged input never reads past len and always advances. */
    ck_assert_uint_eq(bp_utf8_next("\xC9", 1, &k), 0xFFFD);
    ck_assert_uint_eq(k, 1);
    ck_assert_uint_eq(bp_utf8_next("\xE2\x80", 2, &k), 0xFFFD);
    ck_assert_uint_eq(k, 1);
    ck_assert_uint_eq(bp_utf8_next("\x80", 1, &k), 0xFFFD);
    ck_assert_uint_eq(k, 1);
    ck_assert_uint_eq(bp_utf8_prev("a\x99", 2, &k), 0xFFFD);
    ck_assert_uint_eq(k, 1);
    ck_assert_uint_eq(bp_utf8_next("", 0, &k), 0);
    ck_assert_uint_eq(k, 0);
}
END_TEST

/* ---- letters ---------------------------------------------------------------------- */

START_TEST(letter_classes)
{
    const uint32_t letters[] = { 'a', 'Z', 0x259, 0x18F, 0x131, 0x130, 0x11F, 0x15F, 0xE7, 0x431 };
    for (size_t i = 0; i < sizeof letters / sizeof *letters; i++)
        ck_assert(bp_az_is_letter(letters[i]));
    const uint32_t other[] = { '1', '-', ' ', '\'', 0xAD, 0x2010, 0x201C, 0x301, 0x110000 };
    for (size_t i = 0; i < sizeof other / sizeof *other; i++)
        ck_assert(!bp_az_is_letter(other[i]));

    const char *vowels = "aıoueəiöüAIOUEƏİÖÜ";
    size_t len = strlen(vowels), k;
    for (size_t i = 0; i < len; i += k)
        ck_assert(bp_az_is_vowel(bp_utf8_next(vowels + i, len - i, &k)));
    const char *cons = "bcçdfgğhxjkqlmnprsştvyzBCÇQŞ";
    len = strlen(cons);
    for (size_t i = 0; i < len; i += k)
        ck_assert(!bp_az_is_vowel(bp_utf8_next(cons + i, len - i, &k)));
    ck_assert(!bp_az_is_vowel(0x430)); /* Cyrillic а is not an Azerbaijani vowel here */

    ck_assert(bp_az_is_upper('A'));
    ck_assert(bp_az_is_upper(0x130));
    ck_assert(bp_az_is_upper(0x18F));
    ck_assert(!bp_az_is_upper('a'));
    ck_assert(!bp_az_is_upper(0x131));
    ck_assert(!bp_az_is_upper('1'));
}
END_TEST

/* ---- casing ------------------------------------------------------------------------- */

static void S_lower_is(const char *in, const char *want)
{
    char out[256];
    size_t n = bp_az_lower(in, strlen(in), out, sizeof out);
    ck_assert_uint_eq(n, strlen(want));
    ck_assert_str_eq(out, want);
}

START_TEST(lower_az)
{
    S_lower_is("KİMLİK", "kimlik");
    S_lower_is("INSAN", "ınsan");
    S_lower_is("İSTANBUL", "istanbul");
    S_lower_is("ƏLİYEV IŞIQ", "əliyev ışıq");
    S_lower_is("Azərbaycan", "azərbaycan");
    S_lower_is("abc xyz", "abc xyz");
    S_lower_is("I", "ı");
    S_lower_is("", "");
    S_lower_is("ÇÖĞÜŞ", "çöğüş");
    S_lower_is("I\xCC\x87", "i"); /* I + combining dot above is İ */
    S_lower_is("ƏLÉ İRƏLİ", "əlé irəli");  /* a letter outside the table: ICU */
    S_lower_is("\xC7\x85" "AZ", "\xC7\x86" "az"); /* titlecase Dž lowers too */
}
END_TEST

START_TEST(lower_truncates)
{
    char out[5];
    memset(out, 'x', sizeof out);
    /* "ınsan" needs 6 bytes: only whole characters are written. */
    size_t n = bp_az_lower("INSAN", 5, out, 4);
    ck_assert_uint_eq(n, 6);
    ck_assert(memcmp(out, "\xC4\xB1ns", 4) == 0);
    ck_assert_int_eq(out[4], 'x');
    n = bp_az_lower("ƏLİ", strlen("ƏLİ"), out, 3);
    ck_assert_uint_eq(n, 4);
    ck_assert(memcmp(out, "\xC9\x99l", 3) == 0);

    /* Long input goes past the stack buffers. */
    size_t len = 3000;
    char *big = malloc(len * 2), *low = malloc(len * 2 + 1);
    ck_assert(big && low);
    for (size_t i = 0; i < len; i++)
        memcpy(big + 2 * i, "\xC4\xB0", 2); /* İ */
    ck_assert_uint_eq(bp_az_lower(big, len * 2, low, len * 2 + 1), len);
    for (size_t i = 0; i < len; i++)
        ck_assert_int_eq(low[i], 'i');
    free(big);
    free(low);
}
END_TEST

/* ---- syllables ---------------------------------------------------------------------- */

static bool S_brk(const char *l, const char *r) { return bp_az_syllable_break(l, strlen(l), r, strlen(r)); }

START_TEST(syllables_regular)
{
    ck_assert(S_brk("dö", "nəmdə"));
    ck_assert(!S_brk("dön", "əmdə"));
    ck_assert(S_brk("Azər", "baycan"));
    ck_assert(!S_brk("Azə", "rbaycan"));
    ck_assert(S_brk("Azərbay", "can"));
    ck_assert(S_brk("hə", "rəkət"));
    ck_assert(S_brk("hərə", "kət"));
    ck_assert(!S_brk("hər", "əkət"));
    ck_assert(S_brk("dəf", "tər"));
    ck_assert(!S_brk("də", "ftər"));
    ck_assert(S_brk("gül", "lə"));
    ck_assert(S_brk("dürüst", "lük"));
    ck_assert(!S_brk("dürüs", "tlük"));
    ck_assert(!S_brk("dürü", "stlük"));
    ck_assert(S_brk("dü", "rüstlük"));
    ck_assert(S_brk("eks", "press"));
    ck_assert(S_brk("müəl", "lim"));
    ck_assert(S_brk("mü", "əllim")); /* two vowels side by side */
    ck_assert(!S_brk("müə", "llim"));
    ck_assert(S_brk("hərbi", "siyasi"));
    ck_assert(S_brk("mü", "nasibətdə"));
    ck_assert(S_brk("qaynaqlanır", "dı"));
}
END_TEST

START_TEST(syllables_loans_case_limits)
{
    /* Loanword onsets: the cluster may move whole. */
    ck_assert(S_brk("sen", "tyabr"));
    ck_assert(S_brk("sent", "yabr"));
    ck_assert(S_brk("ok", "tyabr"));
    ck_assert(S_brk("pro", "blem"));
    ck_assert(S_brk("prob", "lem"));
    ck_assert(!S_brk("se", "ntyabr"));
    /* Case does not matter, and I/İ lower the Azerbaijani way. */
    ck_assert(S_brk("DÖ", "NƏMDƏ"));
    ck_assert(S_brk("AZƏR", "BAYCAN"));
    ck_assert(S_brk("Kİ", "TAB"));
    ck_assert(S_brk("QI", "ZIL"));
    /* Two letters on each side, a vowel on each side. */
    ck_assert(!S_brk("a", "lma"));
    ck_assert(S_brk("al", "ma"));
    ck_assert(!S_brk("ki", "m"));
    ck_assert(!S_brk("st", "ol"));
    ck_assert(!S_brk("kitab", "lr"));
    ck_assert(!S_brk("", "ana"));
    /* Non-letters. */
    ck_assert(!S_brk("19", "92"));
    ck_assert(!S_brk("Qur'", "an"));
    ck_assert(!S_brk("ki-", "tab"));
    ck_assert(!S_brk("ki tab", "lar"));
    /* Absurdly long words are refused, not overrun. */
    char big[1200];
    for (size_t i = 0; i < sizeof big - 1; i++)
        big[i] = i % 2 ? 'a' : 'b';
    big[sizeof big - 1] = '\0';
    ck_assert(!S_brk(big, "ba"));
    ck_assert(!S_brk("ba", big));
    ck_assert(!bp_az_syllable_break("ba", 2, big, 300));
}
END_TEST

/* One test for every kind of line-end break, and for what is none. */
START_TEST(line_breaks)
{
    static const struct {
        const char *s;
        bp_break kind;
        uint32_t at, n, shy;
    } c[] = {
        { "mək-", BP_BREAK_HYPHEN, 4, 1, 0 },
        { "m\xC9\x99k\xE2\x80\x90", BP_BREAK_HYPHEN, 4, 3, 0 },         /* U+2010 */
        { "m\xC9\x99k\xC2\xAD", BP_BREAK_SOFT, 4, 2, 0 },               /* U+00AD */
        { "m\xC9\x99k\xE2\x88\x92", BP_BREAK_MINUS, 4, 3, 0 },          /* U+2212 */
        { "1918\xE2\x80\x93", BP_BREAK_DASH, 4, 3, 0 },                 /* U+2013 */
        { "V\xC9\x99t\xC9\x99n\xE2\x80\x94", BP_BREAK_DASH, 7, 3, 0 },  /* U+2014 */
        { "ictimai-\xC2\xAD", BP_BREAK_HYPHEN, 7, 1, 8 },               /* - U+00AD */
        { "12-", BP_BREAK_HYPHEN, 2, 1, 0 },
        { "---", BP_BREAK_NONE, 0, 0, 0 },
        { "* * *", BP_BREAK_NONE, 0, 0, 0 },
        { "___", BP_BREAK_NONE, 0, 0, 0 },
        { "edi)-", BP_BREAK_NONE, 0, 0, 0 },
        { "s\xC3\xB6z -", BP_BREAK_NONE, 0, 0, 0 },
        { "-", BP_BREAK_NONE, 0, 0, 0 },
        { "\xC2\xAD", BP_BREAK_NONE, 0, 0, 0 },
        { "kitab", BP_BREAK_NONE, 0, 0, 0 },
        { "https://www.anl.az/down/", BP_BREAK_URL, 23, 1, 0 },
        { "bax: (www.anl.az/el/", BP_BREAK_URL, 19, 1, 0 },
        { "kitab/", BP_BREAK_NONE, 0, 0, 0 },
        { "və/", BP_BREAK_NONE, 0, 0, 0 },
    };
    for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
        uint32_t at = 0, n = 0, shy = 0;
        size_t len = strlen(c[i].s);
        bp_break k = bp_az_line_break(c[i].s, len, &at, &n, &shy);
        ck_assert_msg(k == c[i].kind, "%s: kind %d, want %d", c[i].s, k, c[i].kind);
        if (k == BP_BREAK_NONE)
            continue;
        ck_assert_uint_eq(at, c[i].at);
        ck_assert_uint_eq(n, c[i].n);
        ck_assert_uint_eq(shy, c[i].shy ? c[i].shy : len);
    }
}
END_TEST

START_TEST(urls)
{
    const char *t = "bax https://www.e-qanun.az, info@e-qanun.az və e-poçt";
    size_t n = strlen(t);
    ck_assert(bp_az_in_url(t, n, 20));   /* the hyphen of e-qanun */
    ck_assert(bp_az_in_url(t, n, 34));   /* inside the address */
    ck_assert(!bp_az_in_url(t, n, 50));  /* e-poçt */
    ck_assert(!bp_az_in_url(t, n, 1));
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("az");
    TCase *tc = tcase_create("utf8");
    tcase_add_test(tc, utf8_round_trip);
    tcase_add_test(tc, utf8_walk);
    suite_add_tcase(s, tc);
    tc = tcase_create("letters");
    tcase_add_test(tc, letter_classes);
    tcase_add_test(tc, line_breaks);
    tcase_add_test(tc, urls);
    tcase_add_test(tc, lower_az);
    tcase_add_test(tc, lower_truncates);
    suite_add_tcase(s, tc);
    tc = tcase_create("syllables");
    tcase_add_test(tc, syllables_regular);
    tcase_add_test(tc, syllables_loans_case_limits);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
