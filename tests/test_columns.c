/* test_columns.c: Check suite for columns.c (side-by-side columns in
 * layout-mode text), run through the whole pipeline as a user would. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "berpa.h"

#include "check_buf.h"
#include "check_run.h"

typedef struct S_out {
    S_buf text, tei, report;
    uint64_t columns;
} S_out;

/* Runs `in` fed `chunk` bytes at a time (check_run.h). */
static void S_run(const char *in, size_t chunk, S_out *o)
{
    static const char *const names[] = { "columns" };
    memset(o, 0, sizeof *o);
    S_run_doc(in, chunk, 0, &o->text, &o->tei, &o->report, names, &o->columns, 1);
}

static void S_out_free(S_out *o)
{
    free(o->text.p);
    free(o->tei.p);
    free(o->report.p);
}

/* Characters (code points) of a UTF-8 string. */
static size_t S_chars(const char *s)
{
    size_t c = 0;
    for (; *s; s++)
        c += ((unsigned char)*s & 0xC0) != 0x80;
    return c;
}

/* Appends to buf (cap bytes) n lines printing left[i] and right[i] side by
 * side, the right column starting at display column `gutter`. */
static void S_page(char *buf, size_t cap, const char *const *left, const char *const *right,
                   size_t n, size_t gutter)
{
    size_t len = strlen(buf);
    for (size_t i = 0; i < n; i++) {
        size_t pad = gutter - S_chars(left[i]);
        int w = snprintf(buf + len, cap - len, "%s%*s%s\n", left[i], (int)pad, "", right[i]);
        ck_assert(w > 0 && (size_t)w < cap - len);
        len += (size_t)w;
    }
}

static const char *const S_left[] = {
    "Azərbaycan Cənubi Qafqazın şərq hissəsində,",
    "Xəzər dənizinin qərb sahilində yerləşir. Şi-",
    "malda Böyük Qafqaz, qərbdə Kiçik Qafqaz",
    "dağları uzanır. Dağların arasında geniş",
    "Kür-Araz ovalığı yerləşir.",
    "    Respublikanın ən hündür zirvəsi Bazar-",
    "düzüdür; onun hündürlüyü dörd min metr-",
    "dən artıqdır.",
};
static const char *const S_right[] = {
    "Ölkənin ən böyük çayı Kürdür. O, Türkiyə",
    "ərazisindən başlayır, Gürcüstandan keçir",
    "və Xəzər dənizinə tökülür. Araz çayı Kü-",
    "rün ən böyük qoludur; Sabirabad yaxınlı-",
    "ğında onlar birləşir.",
    "    Azərbaycanda iki yüz əlliyə yaxın göl",
    "var. Onların arasında ən məşhuru Gö-",
    "ygöldür.",
};

/* A two-column page: the left column is read before the right one, each
 * column's line-end hyphens join within the column, the same for any
 * feed size. */
START_TEST(two_columns_hyphens_in_both)
{
    char in[4096] = "";
    S_page(in, sizeof in, S_left, S_right, 8, 50);
    S_out o;
    S_run(in, 1 << 20, &o);
    ck_assert_uint_eq(o.columns, 1);
    const char *t = o.text.p;
    const char *a = strstr(t, "Azərbaycan Cənubi"), *b = strstr(t, "artıqdır."),
               *c = strstr(t, "Ölkənin ən böyük"), *e = strstr(t, "ygöldür.");
    ck_assert(a && b && c && e && a < b && b < c && c < e);
    /* the hyphen sites are the column's own lines */
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"left\":\"Bazar-\",\"right\":\"düzüdür\""));
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"left\":\"Şi-\",\"right\":\"malda\""));
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"left\":\"Kü-\",\"right\":\"rün\""));
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"left\":\"yaxınlı-\",\"right\":\"ğında\""));
    /* never read across the gutter */
    ck_assert_ptr_null(strstr(t, "hissəsində, Ölkənin"));
    ck_assert_ptr_null(strstr(t, "Bazar-Azərbaycanda"));
    /* four paragraphs, the indented ones in each column start one */
    ck_assert_uint_eq(S_count(t, "\n"), 4);
    /* TEI: the second column is a cb with its confidence; the report names it */
    ck_assert_ptr_nonnull(strstr(o.tei.p, "<cb n=\"2\" cert=\"0.9\""));
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"kind\":\"column\",\"column\":2,\"cert\":0.9"));
    /* the change points at the right column's first byte in the input */
    const char *rb = strstr(o.report.p, "\"kind\":\"column\"");
    const char *bp = rb;
    while (bp > o.report.p && strncmp(bp, "\"byte\":", 7) != 0)
        bp--;
    long off = strtol(bp + 7, NULL, 10);
    ck_assert_int_eq(strncmp(in + off, "Ölkənin", strlen("Ölkənin")), 0);
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"columns\":1"));

    static const size_t chunks[] = { 1, 7, 64 };
    for (size_t k = 0; k < sizeof chunks / sizeof *chunks; k++) {
        S_out p;
        S_run(in, chunks[k], &p);
        ck_assert_str_eq(p.text.p, o.text.p);
        ck_assert_str_eq(p.tei.p, o.tei.p);
        S_out_free(&p);
    }
    S_out_free(&o);
}
END_TEST

/* Each form-feed page is looked at on its own; a running head and a page
 * number across the gutter stay whole at the page's top and bottom. */
START_TEST(two_pages_with_furniture)
{
    char in[8192] = "";
    for (int p = 0; p < 2; p++) {
        size_t len = strlen(in);
        snprintf(in + len, sizeof in - len, "%s                 Azərbaycan coğrafiyası\n\n",
                 p ? "\f" : "");
        S_page(in, sizeof in, S_left, S_right, 8, 50);
        len = strlen(in);
        snprintf(in + len, sizeof in - len, "\n                                             %d\n",
                 12 + p);
    }
    S_out o;
    S_run(in, 1 << 20, &o);
    ck_assert_uint_eq(o.columns, 2);
    const char *t = o.text.p;
    const char *a = strstr(t, "Azərbaycan Cənubi"), *c = strstr(t, "Ölkənin ən böyük");
    ck_assert(a && c && a < c);
    ck_assert_ptr_null(strstr(t, "Bazar-Azərbaycanda"));
    ck_assert_uint_eq(S_count(o.tei.p, "<cb n=\"2\""), 2);
    ck_assert_uint_eq(S_count(o.tei.p, "<pb"), 2);
    S_out_free(&o);
}
END_TEST

/* Prose with a centred heading, justified lines with wide spaces and a
 * table of contents (dot leaders, right-aligned page numbers) is no
 * column page: nothing is cut or moved. */
START_TEST(prose_heading_toc_not_split)
{
    const char *in =
        "                         BİRİNCİ FƏSİL\n"
        "\n"
        "Azərbaycan  Cənubi  Qafqazın  şərq  hissəsində,  Xəzər  dənizinin  qərb\n"
        "sahilində yerləşir.  Ölkənin ərazisi təxminən səksən altı min kvadrat\n"
        "kilometrdir.   Şimalda Böyük Qafqaz, qərbdə və cənub-qərbdə Kiçik Qafqaz\n"
        "dağları,  cənub-şərqdə isə Talış dağları uzanır.  Dağların arasında\n"
        "geniş Kür-Araz ovalığı yerləşir.\n"
        "\n"
        "                            MÜNDƏRİCAT\n"
        "\n"
        "Giriş .................................................... 3\n"
        "Birinci fəsil. Təbiət şəraiti ............................ 7\n"
        "İkinci fəsil. Əhali və təsərrüfat                        24\n"
        "Üçüncü fəsil. İqtisadi rayonlar                          51\n"
        "Dördüncü fəsil. Xarici iqtisadi əlaqələr                 88\n"
        "Ədəbiyyat                                               112\n";
    S_out o;
    S_run(in, 1 << 20, &o);
    ck_assert_uint_eq(o.columns, 0);
    ck_assert_uint_eq(S_count(o.tei.p, "<cb"), 0);
    const char *t = o.text.p;
    const char *a = strstr(t, "BİRİNCİ FƏSİL"), *b = strstr(t, "Xəzər dənizinin qərb"),
               *c = strstr(t, "Əhali və təsərrüfat 24"), *e = strstr(t, "Ədəbiyyat 112");
    ck_assert(a && b && c && e && a < b && b < c && c < e);
    S_out_free(&o);
}
END_TEST

/* A page whose right-hand side is short (a list of terms and numbers)
 * is no column page either: each side must read like prose. */
START_TEST(short_right_side_not_columns)
{
    static const char *const left[] = {
        "Bakı şəhəri", "Gəncə şəhəri", "Sumqayıt şəhəri", "Mingəçevir şəhəri",
        "Şirvan şəhəri", "Naxçıvan şəhəri",
    };
    static const char *const right[] = { "2300", "335", "345", "106", "87", "94" };
    char in[2048] = "";
    S_page(in, sizeof in, left, right, 6, 30);
    S_out o;
    S_run(in, 1 << 20, &o);
    ck_assert_uint_eq(o.columns, 0);
    ck_assert_ptr_nonnull(strstr(o.text.p, "Bakı şəhəri 2300"));
    S_out_free(&o);
}
END_TEST

/* A hundred column pages, more than the smallest window holds: the
 * output is the same with a window that holds them all. */
START_TEST(many_pages_beyond_the_window)
{
    char page[4096] = "";
    S_page(page, sizeof page, S_left, S_right, 8, 50);
    size_t pl = strlen(page), n = 100;
    char *in = malloc(n * (pl + 1) + 1);
    ck_assert_ptr_nonnull(in);
    char *w = in;
    for (size_t i = 0; i < n; i++) {
        if (i)
            *w++ = '\f';
        memcpy(w, page, pl);
        w += pl;
    }
    *w = '\0';
    ck_assert_uint_gt(strlen(in), 64u << 10);
    static const char *const names[] = { "columns" };
    S_out small = { 0 }, big = { 0 };
    S_run_doc(in, 4099, 0, &small.text, &small.tei, &small.report, names, &small.columns, 1);
    S_run_doc(in, 1u << 20, 16u << 20, &big.text, &big.tei, &big.report, names, &big.columns, 1);
    ck_assert_uint_eq(small.columns, n);
    ck_assert_uint_eq(big.columns, n);
    ck_assert_str_eq(small.text.p, big.text.p);
    ck_assert_str_eq(small.tei.p, big.tei.p);
    ck_assert_str_eq(small.report.p, big.report.p);
    free(in);
    S_out_free(&small);
    S_out_free(&big);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("columns");
    TCase *tc = tcase_create("columns");
    tcase_add_test(tc, two_columns_hyphens_in_both);
    tcase_add_test(tc, two_pages_with_furniture);
    tcase_add_test(tc, prose_heading_toc_not_split);
    tcase_add_test(tc, short_right_side_not_columns);
    tcase_add_test(tc, many_pages_beyond_the_window);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
