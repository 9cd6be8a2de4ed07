/*
 * test_normalize.c: Check suite for normalize.c (white space, quotes and
 * brackets, Cyrillic look-alikes).  Lines come from the reader, fed whole
 * and in chunks of 1..5 bytes; every reading must normalise to the same
 * lines, the edits must stay sorted and rebuild the raw input, and the
 * line-end hyphen must still be where hy_at says.
 */
#include <check.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "stages.h"

static void S_read(bp_doc *d, const char *in, size_t n, int chunk)
{
    bp_doc_init(d);
    bp_diagctx dc = { 0 };
    bp_reader *r = bp_reader_new(&dc, BERPA_INVALID_REPLACE);
    ck_assert_ptr_nonnull(r);
    for (size_t i = 0, c = 0; i < n;) {
        size_t k = chunk == 0 ? n : chunk == 6 ? 1 + c++ % 5 : (size_t)chunk;
        if (k > n - i)
            k = n - i;
        ck_assert_int_eq(bp_reader_feed(r, in + i, k, d), BERPA_OK);
        i += k;
    }
    ck_assert_int_eq(bp_reader_finish(r, d), BERPA_OK);
    bp_reader_free(r);
}

/* Removes spaces, tabs and no-break spaces: "white space aside". */
static size_t S_strip_ws(const char *s, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t')
            continue;
        if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            i++;
            continue;
        }
        out[o++] = s[i];
    }
    return o;
}

static void S_check(const bp_doc *d, const char *in)
{
    size_t sum = 0;
    for (size_t i = 0; i < d->nlines; i++) {
        const bp_line *l = &d->lines[i];
        sum += l->len;
        ck_assert_uint_eq(strlen(l->text), l->len);
        uint32_t end = 0;
        char *b = malloc(4 * (size_t)l->len + 64 * (size_t)l->nedits + 8);
        char *x = malloc((size_t)l->src_len + 1), *y = malloc(4 * (size_t)l->len + 64 * (size_t)l->nedits + 8);
        ck_assert(b && x && y);
        size_t o = 0, cur = 0;
        for (uint32_t k = 0; k < l->nedits; k++) {
            const bp_edit *e = &l->edits[k];
            ck_assert_msg(e->at >= end, "line %zu: edits unsorted or overlapping", i);
            end = e->at + e->len;
            ck_assert_uint_le(end, l->len);
            memcpy(b + o, l->text + cur, e->at - cur);
            o += e->at - cur;
            memcpy(b + o, e->orig, e->orig_len);
            o += e->orig_len;
            cur = e->at + e->len;
        }
        memcpy(b + o, l->text + cur, l->len - cur);
        o += l->len - cur;
        size_t xl = S_strip_ws(in + l->src_off, l->src_len, x), yl = S_strip_ws(b, o, y);
        ck_assert_msg(xl == yl && memcmp(x, y, xl) == 0, "line %zu: raw not rebuilt", i);
        if (l->flags & BP_LF_HYPHEN_END) {
            ck_assert_uint_eq(l->hy_at + l->hy_len, l->len);
            size_t k;
            uint32_t cp = bp_utf8_next(l->text + l->hy_at, l->len - l->hy_at, &k);
            ck_assert_uint_eq(k, l->hy_len);
            ck_assert(cp == '-' || cp == 0xAD || cp == 0xAC || cp == 0x2010 || cp == 0x2011);
        }
        free(b);
        free(x);
        free(y);
    }
    ck_assert_uint_eq(d->bytes, sum);
}

static void S_same(const bp_doc *a, const bp_doc *b)
{
    ck_assert_uint_eq(a->nlines, b->nlines);
    ck_assert_uint_eq(a->bytes, b->bytes);
    for (size_t i = 0; i < a->nlines; i++) {
        const bp_line *x = &a->lines[i], *y = &b->lines[i];
        ck_assert_str_eq(x->text, y->text);
        ck_assert_uint_eq(x->hy_at, y->hy_at);
        ck_assert_uint_eq(x->nedits, y->nedits);
        for (uint32_t k = 0; k < x->nedits; k++) {
            ck_assert_uint_eq(x->edits[k].at, y->edits[k].at);
            ck_assert_uint_eq(x->edits[k].len, y->edits[k].len);
            ck_assert_uint_eq(x->edits[k].kind, y->edits[k].kind);
            ck_assert_uint_eq(x->edits[k].orig_len, y->edits[k].orig_len);
            ck_assert(memcmp(x->edits[k].orig, y->edits[k].orig, x->edits[k].orig_len) == 0);
        }
    }
}

/* Reads and normalises the input whole (into d) and in chunks. */
static void S_norm(bp_doc *d, const char *in)
{
    size_t n = strlen(in);
    S_read(d, in, n, 0);
    ck_assert_int_eq(bp_normalize(d, 0, d->nlines), BERPA_OK);
    S_check(d, in);
    for (int chunk = 1; chunk <= 6; chunk++) {
        bp_doc o;
        S_read(&o, in, n, chunk);
        ck_assert_int_eq(bp_normalize(&o, 0, o.nlines), BERPA_OK);
        S_same(d, &o);
        bp_doc_free(&o);
    }
}

static uint32_t S_count(const bp_line *l, bp_edit_kind kind)
{
    uint32_t n = 0;
    for (uint32_t k = 0; k < l->nedits; k++)
        n += l->edits[k].kind == kind;
    return n;
}

START_TEST(collapse_spaces)
{
    bp_doc d;
    S_norm(&d, "bir  iki\t\tüç\tdörd   beş altı\n");
    const bp_line *l = &d.lines[0];
    ck_assert_str_eq(l->text, "bir iki üç dörd beş altı");
    ck_assert_uint_eq(l->nedits, 4);
    ck_assert_uint_eq(S_count(l, BP_EDIT_SPACE), 4);
    ck_assert_uint_eq(l->edits[0].at, 3);
    ck_assert_uint_eq(l->edits[0].len, 1);
    ck_assert_str_eq(l->edits[0].orig, "  ");
    ck_assert_str_eq(l->edits[1].orig, "\t\t");
    ck_assert_str_eq(l->edits[2].orig, "\t");
    ck_assert_str_eq(l->edits[3].orig, "   ");
    /* Running it again changes nothing. */
    ck_assert_int_eq(bp_normalize(&d, 0, d.nlines), BERPA_OK);
    ck_assert_uint_eq(d.lines[0].nedits, 4);
    ck_assert_str_eq(d.lines[0].text, "bir iki üç dörd beş altı");
    bp_doc_free(&d);
}
END_TEST

START_TEST(quotes_and_brackets)
{
    bp_doc d;
    S_norm(&d, "Akademiyasının “ Tarix ” jurnalı\n"
               "( 1918 ) və [ qeyd ] ilə « Gənclik » nəşri\n"
               "dedi: \" söz \" və ' bu '\n"
               "yüksəklikdə , Selanikdən ( bax: 5 )\n"
               "„ Tarix“ dedi\n"
               "söz“ dedi ( )\n");
    ck_assert_str_eq(d.lines[0].text, "Akademiyasının “Tarix” jurnalı");
    ck_assert_uint_eq(S_count(&d.lines[0], BP_EDIT_SPACE), 2);
    ck_assert_str_eq(d.lines[1].text, "(1918) və [qeyd] ilə «Gənclik» nəşri");
    /* Straight quotes could open or close: untouched. */
    ck_assert_str_eq(d.lines[2].text, "dedi: \" söz \" və ' bu '");
    ck_assert_uint_eq(d.lines[2].nedits, 0);
    /* The author's space before a comma stays. */
    ck_assert_str_eq(d.lines[3].text, "yüksəklikdə , Selanikdən (bax: 5)");
    ck_assert_str_eq(d.lines[4].text, "„Tarix“ dedi");
    /* “ right after a word closes a „…“ quote: the space after it stays. */
    ck_assert_str_eq(d.lines[5].text, "söz“ dedi ( )");
    ck_assert_uint_eq(d.lines[5].nedits, 0);
    bp_doc_free(&d);

    /* Brackets need their partner, in the line or a few lines away. */
    S_norm(&d, "ad ( misal üçün\nbir söz\nvə b ) yox\nsiyahı: a ) bir [ iki\nüç ] dörd\n");
    ck_assert_str_eq(d.lines[0].text, "ad (misal üçün");
    ck_assert_str_eq(d.lines[2].text, "və b) yox");
    ck_assert_str_eq(d.lines[3].text, "siyahı: a ) bir [iki");
    ck_assert_str_eq(d.lines[4].text, "üç] dörd");
    bp_doc_free(&d);
    S_norm(&d, "alan, edən ( kimi adlar\na\nb\nc\nd )\n");
    ck_assert_str_eq(d.lines[0].text, "alan, edən ( kimi adlar");
    ck_assert_str_eq(d.lines[4].text, "d )");
    bp_doc_free(&d);
}
END_TEST

/* i + U+0307 (İ lower-cased outside a Turkic locale) becomes i, as edits
 * that keep the original; a line-end hyphen stays where hy_at says. */
START_TEST(dotted_i)
{
    bp_doc d;
    S_norm(&d, "Bu i\xCC\x87nsan v\xC9\x99 i\xCC\x87stiqlal i\xCC\x87\xCC\x87 m\xC9\x99k-\n"
               "I\xCC\x87stiqlal\n");
    const bp_line *l = &d.lines[0];
    ck_assert_str_eq(l->text, "Bu insan v\xC9\x99 istiqlal i\xCC\x87 m\xC9\x99k-");
    ck_assert_uint_eq(S_count(l, BP_EDIT_DOTTED_I), 3);
    ck_assert_str_eq(l->edits[0].orig, "i\xCC\x87");
    ck_assert(l->flags & BP_LF_HYPHEN_END);
    ck_assert_uint_eq(l->hy_at, l->len - 1);
    /* I + U+0307 is İ after NFC, nothing to repair */
    ck_assert_str_eq(d.lines[1].text, "\xC4\xB0stiqlal");
    ck_assert_uint_eq(S_count(&d.lines[1], BP_EDIT_DOTTED_I), 0);
    bp_doc_free(&d);
}
END_TEST

/* Letters an extractor set apart are rejoined where the dictionary knows
 * the word; letter-spaced emphasis and unknown joins stay. */
START_TEST(spaced_letters)
{
    const char *dict = getenv("BERPA_DICT");
    char aff[4096];
    snprintf(aff, sizeof aff, "%s.aff", dict ? dict : "");
    if (!dict || access(aff, R_OK) != 0) {
        fprintf(stderr, "spaced_letters: skipped, no dictionary at BERPA_DICT\n");
        return;
    }
    bp_diagctx dc = { 0 };
    berpa_status st;
    bp_lexicon *lx = bp_lexicon_open(dict, NULL, &dc, &st);
    ck_assert_ptr_nonnull(lx);
    bp_doc d;
    const char *in = "Az \xC9\x99 rbaycan anlay\xC4\xB1 \xC5\x9F lar a \xC5\x9F a \xC4\x9F \xC4\xB1" "dak\xC4\xB1 "
                     "m \xC9\x99 nalar\xC4\xB1 ifad \xC9\x99 edir.\n"
                     "I f \xC9\x99 s i l qqq \xC9\x99 zzz\n";
    S_read(&d, in, strlen(in), 0);
    ck_assert_int_eq(bp_normalize(&d, 0, d.nlines), BERPA_OK);
    ck_assert_int_eq(bp_normalize_spaced(&d, 0, d.nlines, lx), BERPA_OK);
    S_check(&d, in);
    ck_assert_str_eq(d.lines[0].text, "Az\xC9\x99rbaycan anlay\xC4\xB1\xC5\x9F" "lar a\xC5\x9F" "a\xC4\x9F\xC4\xB1"
                                      "dak\xC4\xB1 m\xC9\x99nalar\xC4\xB1 ifad\xC9\x99 edir.");
    ck_assert_uint_eq(S_count(&d.lines[0], BP_EDIT_SPACED), 11);
    ck_assert_str_eq(d.lines[1].text, "I f \xC9\x99 s i l qqq \xC9\x99 zzz");
    bp_doc_free(&d);
    bp_lexicon_free(lx);
}
END_TEST

START_TEST(confusables)
{
    bp_doc d;
    /* Cyrillic А, һ, ә, о, с inside Latin words. */
    S_norm(&d, "\xD0\x90zərbaycan \xD2\xBB" "əyat m\xD3\x99kt\xD3\x99" "b \xD0\xBE" "lan k\xD1\x81" "x\n"
               "\xD0\x90\xD0\xB7\xD3\x99\xD1\x80\xD0\xB1\xD0\xB0\xD1\x98\xD2\xB9\xD0\xB0\xD0\xBD "
               "\xD0\xBC" "əktəb \xD0\x90z\xD0\xB1" "an\n");
    const bp_line *l = &d.lines[0];
    ck_assert_str_eq(l->text, "Azərbaycan həyat məktəb olan kcx");
    ck_assert_uint_eq(l->nedits, 6);
    ck_assert_uint_eq(S_count(l, BP_EDIT_CONFUSABLE), 6);
    ck_assert_uint_eq(l->edits[0].at, 0);
    ck_assert_uint_eq(l->edits[0].len, 1);
    ck_assert_str_eq(l->edits[0].orig, "\xD0\x90");
    ck_assert_uint_eq(l->edits[1].at, 12);
    ck_assert_uint_eq(l->edits[1].len, 1);
    ck_assert_str_eq(l->edits[1].orig, "\xD2\xBB");
    ck_assert_uint_eq(l->edits[2].at, 20);
    ck_assert_uint_eq(l->edits[2].len, 2); /* ә -> ə, two bytes each */
    /* A Cyrillic word stays, and so do words whose other Cyrillic letters
     * have no Latin twin (lower-case м is not m). */
    l = &d.lines[1];
    ck_assert_uint_eq(l->nedits, 0);
    ck_assert_str_eq(l->text, "\xD0\x90\xD0\xB7\xD3\x99\xD1\x80\xD0\xB1\xD0\xB0\xD1\x98\xD2\xB9\xD0\xB0\xD0\xBD "
                              "\xD0\xBC" "əktəb \xD0\x90z\xD0\xB1" "an");
    bp_doc_free(&d);
}
END_TEST

START_TEST(keeps_hyphen_and_roles)
{
    bp_doc d;
    S_norm(&d, "  \xD0\x90zər   ( bay-  \ncan ) dedi\nQara-Yaqubov  -\n");
    const bp_line *l = &d.lines[0];
    ck_assert_str_eq(l->text, "Azər (bay-");
    ck_assert(l->flags & BP_LF_HYPHEN_END);
    ck_assert_uint_eq(l->hy_at, 10);
    ck_assert_uint_eq(l->hy_len, 1);
    ck_assert_str_eq(d.lines[1].text, "can) dedi");
    ck_assert_str_eq(d.lines[2].text, "Qara-Yaqubov -");
    bp_doc_free(&d);

    /* Only BODY lines, only [from, to). */
    S_read(&d, "a  b\nc  d\ne  f\n", 15, 0);
    d.lines[0].role = BP_ROLE_HEADER;
    ck_assert_int_eq(bp_normalize(&d, 0, 2), BERPA_OK);
    ck_assert_str_eq(d.lines[0].text, "a  b");
    ck_assert_str_eq(d.lines[1].text, "c d");
    ck_assert_str_eq(d.lines[2].text, "e  f");
    ck_assert_int_eq(bp_normalize(&d, 2, 99), BERPA_OK);
    ck_assert_str_eq(d.lines[2].text, "e f");
    ck_assert_uint_eq(d.bytes, 4 + 3 + 3);
    bp_doc_free(&d);
}
END_TEST

START_TEST(around_reader_edits)
{
    bp_doc d;
    /* A removed control or zero-width character inside a white space run,
     * and a look-alike right after one.  Nothing may be replaced across or
     * right at an earlier edit, so the character just after such an edit
     * stays: the tab after the zero-width space, the Cyrillic с after the
     * control character.  The edits stay sorted and rebuild the input. */
    S_norm(&d, "a \x01 b\tc \xE2\x80\x8B\t d x\x02\xD1\x81y\n");
    const bp_line *l = &d.lines[0];
    ck_assert_str_eq(l->text, "a b c\td x\xD1\x81y");
    ck_assert_uint_eq(S_count(l, BP_EDIT_CONTROL), 2);
    ck_assert_uint_eq(S_count(l, BP_EDIT_ZERO_WIDTH), 1);
    ck_assert_uint_eq(S_count(l, BP_EDIT_SPACE), 4);
    ck_assert_uint_eq(S_count(l, BP_EDIT_CONFUSABLE), 0);
    bp_doc_free(&d);
}
END_TEST

static uint32_t S_rand(uint32_t *st)
{
    *st ^= *st << 13;
    *st ^= *st >> 17;
    *st ^= *st << 5;
    return *st;
}

START_TEST(random_lines)
{
    static const char *const frag[] = {
        "a", "Q", "\xC9\x99", " ", "  ", "\t", "\n", "-", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xC2\xAB",
        "\xC2\xBB", "\xE2\x80\x9E", "(", ")", "[", "]", "\"", ",", "1", "\x01", "\xE2\x80\x8B",
        "\xD0\x90", "\xD0\xB0", "\xD3\x99", "\xD0\xB1", "\xD0\xBC", "\xC2\xAD", "\xEF\xAC\x81",
        "u\xCC\x88", "\xC3", "\xC2\xA0",
    };
    uint32_t seed = 0x2545F491u;
    char buf[512];
    for (int iter = 0; iter < 400; iter++) {
        size_t n = 0, parts = 1 + S_rand(&seed) % 60;
        for (size_t k = 0; k < parts; k++) {
            const char *f = frag[S_rand(&seed) % (sizeof frag / sizeof *frag)];
            memcpy(buf + n, f, strlen(f));
            n += strlen(f);
        }
        buf[n] = '\0';
        bp_doc d;
        S_norm(&d, buf);
        /* A second pass finds nothing more to do. */
        size_t edits = 0;
        for (size_t i = 0; i < d.nlines; i++)
            edits += d.lines[i].nedits;
        ck_assert_int_eq(bp_normalize(&d, 0, d.nlines), BERPA_OK);
        for (size_t i = 0; i < d.nlines; i++)
            edits -= d.lines[i].nedits;
        ck_assert_uint_eq(edits, 0);
        S_check(&d, buf);
        bp_doc_free(&d);
    }
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("normalize");
    TCase *tc = tcase_create("normalize");
    tcase_add_test(tc, collapse_spaces);
    tcase_add_test(tc, quotes_and_brackets);
    tcase_add_test(tc, confusables);
    tcase_add_test(tc, dotted_i);
    tcase_add_test(tc, spaced_letters);
    tcase_add_test(tc, keeps_hyphen_and_roles);
    tcase_add_test(tc, around_reader_edits);
    tcase_add_test(tc, random_lines);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
