/* test_tables.c: Check suite for tables.c (tables in layout-mode text),
 * run through the whole pipeline as a user would. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "berpa.h"

#include "check_buf.h"
#include "check_run.h"

typedef struct S_out {
    S_buf text, tei, report;
    uint64_t c[2]; /* tables, columns */
} S_out;

/* Runs `in` fed `chunk` bytes at a time with a window of `window` bytes
 * (0: the smallest; check_run.h). */
static void S_run(const char *in, size_t chunk, size_t window, S_out *o)
{
    static const char *const names[] = { "tables", "columns" };
    memset(o, 0, sizeof *o);
    S_run_doc(in, chunk, window, &o->text, &o->tei, &o->report, names, o->c, 2);
}

static void S_out_free(S_out *o)
{
    free(o->text.p);
    free(o->tei.p);
    free(o->report.p);
}

/* A curriculum's table: code | standard | indicators, cells that wrap
 * (one with a syllable hyphen), between two paragraphs. */
static const char S_three[] =
    "Ümumi təhsil haqqında qanunun tətbiqi ilə bağlı aşağıdakı cədvəl təsdiq\n"
    "edilmişdir və bütün təhsil müəssisələri üçün məcburidir.\n"
    "\n"
    "Kod       Məzmun standartı             Göstəricilər\n"
    "1.1.1     Dinlədiyi mətnin məzmu-      Mətni dinləyir, əsas fikri\n"
    "          nunu başa düşür.             müəyyənləşdirir.\n"
    "1.1.2     Fikrini şifahi ifadə edir.   Suallara cavab verir,\n"
    "                                       fikrini əsaslandırır.\n"
    "1.2.1     Oxuduğu mətni təhlil edir.   Mətnin hissələrini ayırır.\n"
    "\n"
    "Cədvəldəki standartlar hər il yenidən nəzərdən keçirilir.\n";

static const char S_three_text[] =
    "Ümumi təhsil haqqında qanunun tətbiqi ilə bağlı aşağıdakı cədvəl təsdiq edilmişdir və "
    "bütün təhsil müəssisələri üçün məcburidir.\n"
    "Kod\tMəzmun standartı\tGöstəricilər\n"
    "1.1.1\tDinlədiyi mətnin məzmununu başa düşür.\tMətni dinləyir, əsas fikri "
    "müəyyənləşdirir.\n"
    "1.1.2\tFikrini şifahi ifadə edir.\tSuallara cavab verir, fikrini əsaslandırır.\n"
    "1.2.1\tOxuduğu mətni təhlil edir.\tMətnin hissələrini ayırır.\n"
    "Cədvəldəki standartlar hər il yenidən nəzərdən keçirilir.\n";

START_TEST(three_columns_wrapping)
{
    S_out o;
    S_run(S_three, sizeof S_three, 0, &o);
    ck_assert_str_eq(o.text.p, S_three_text);
    ck_assert_uint_eq(o.c[0], 1);
    ck_assert_uint_eq(o.c[1], 0);
    ck_assert_uint_eq(S_count(o.tei.p, "<table cert=\"0.9\">"), 1);
    ck_assert_uint_eq(S_count(o.tei.p, "<row>"), 4);
    ck_assert_uint_eq(S_count(o.tei.p, "<cell>"), 12);
    /* the hyphen is decided within the cell, the wrapped lines kept */
    ck_assert_ptr_nonnull(strstr(o.tei.p, "məzmu<lb break=\"no\" rend=\"hyphen\""));
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"kind\":\"table\",\"cells\":3,\"cert\":0.9"));
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"tables\":1"));
    S_out_free(&o);
}
END_TEST

/* The same output whatever the feed and the window. */
START_TEST(feed_and_window)
{
    S_out a, b;
    S_run(S_three, sizeof S_three, 1u << 20, &a);
    S_run(S_three, 7, 0, &b);
    ck_assert_str_eq(a.text.p, b.text.p);
    ck_assert_str_eq(a.tei.p, b.tei.p);
    S_out_free(&a);
    S_out_free(&b);
}
END_TEST

/* A key/value table of two columns, a value that wraps. */
START_TEST(two_columns_key_value)
{
    static const char in[] =
        "Vergi dərəcələri aşağıdakı kimidir:\n"
        "\n"
        "Əlavə dəyər vergisi     18 faiz\n"
        "Mənfəət vergisi         20 faiz\n"
        "Sadələşdirilmiş vergi   2 faiz, Bakı şəhərində\n"
        "                        fəaliyyət göstərənlər üçün\n"
        "Əmlak vergisi           1 faiz\n";
    S_out o;
    S_run(in, sizeof in, 0, &o);
    ck_assert_str_eq(o.text.p, "Vergi dərəcələri aşağıdakı kimidir:\n"
                               "Əlavə dəyər vergisi\t18 faiz\n"
                               "Mənfəət vergisi\t20 faiz\n"
                               "Sadələşdirilmiş vergi\t2 faiz, Bakı şəhərində fəaliyyət "
                               "göstərənlər üçün\n"
                               "Əmlak vergisi\t1 faiz\n");
    ck_assert_uint_eq(o.c[0], 1);
    ck_assert_uint_eq(S_count(o.tei.p, "<row>"), 4);
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"kind\":\"table\",\"cells\":2,\"cert\":0.7"));
    S_out_free(&o);
}
END_TEST

/* Prose whose wide spaces do not line up stays prose. */
START_TEST(prose_wide_spaces)
{
    static const char in[] =
        "Azərbaycan  Cənubi Qafqazın şərq hissəsində, Xəzər dənizinin qərb\n"
        "sahilində yerləşir.  Şimalda Böyük Qafqaz, qərbdə Kiçik Qafqaz dağları\n"
        "uzanır. Dağların arasında  geniş Kür-Araz ovalığı yerləşir. Ölkənin\n"
        "iqlimi  müxtəlifdir: burada on bir iqlim tipindən doqquzu var.\n";
    S_out o;
    S_run(in, sizeof in, 0, &o);
    ck_assert_uint_eq(o.c[0], 0);
    ck_assert_uint_eq(S_count(o.tei.p, "<table"), 0);
    ck_assert_uint_eq(S_count(o.text.p, "\n"), 1);
    S_out_free(&o);
}
END_TEST

/* A curriculum table whose rows are parted by blank lines, its cells
 * wrapping over several lines, the first cell's second line in capitals:
 * one table (not two side-by-side columns), each row's lines joined
 * within their cells. */
static const char S_blank_rows[] =
    "   Fənlər üzrə həftəlik dərs yükü aşağıdakı kimidir.\n"
    "\n"
    "Fənn                  Sinif        Həftəlik saat      Qeyd\n"
    "\n"
    "Azərbaycan dili       I-IV         5                  Oxu və yazı\n"
    "Və Ədəbiyyat                                          Bacarıqları ilə\n"
    "\n"
    "Riyaziyyat            I-IV         4                  Məntiqi təfəkkür\n"
    "                                                      inkişaf etdirilir\n"
    "\n"
    "Həyat bilgisi         I-IV         2                  Təbiət və cəmiyyət\n"
    "Təbiət                                                Haqqında biliklər\n"
    "\n"
    "   Cədvəldən göründüyü kimi, dil fənninə daha çox vaxt ayrılır.\n";

START_TEST(blank_lines_between_rows)
{
    S_out o, o2;
    S_run(S_blank_rows, sizeof S_blank_rows, 0, &o);
    ck_assert_str_eq(o.text.p,
        "Fənlər üzrə həftəlik dərs yükü aşağıdakı kimidir.\n"
        "Fənn\tSinif\tHəftəlik saat\tQeyd\n"
        "Azərbaycan dili Və Ədəbiyyat\tI-IV\t5\tOxu və yazı Bacarıqları ilə\n"
        "Riyaziyyat\tI-IV\t4\tMəntiqi təfəkkür inkişaf etdirilir\n"
        "Həyat bilgisi Təbiət\tI-IV\t2\tTəbiət və cəmiyyət Haqqında biliklər\n"
        "Cədvəldən göründüyü kimi, dil fənninə daha çox vaxt ayrılır.\n");
    ck_assert_uint_eq(o.c[0], 1);
    ck_assert_uint_eq(o.c[1], 0);
    ck_assert_uint_eq(S_count(o.tei.p, "<row>"), 4);
    S_run(S_blank_rows, 5, 1u << 20, &o2);
    ck_assert_str_eq(o.tei.p, o2.tei.p);
    S_out_free(&o);
    S_out_free(&o2);
}
END_TEST

/* Justified prose, blank lines between its paragraphs, wide spaces here
 * and there: no table, no columns. */
START_TEST(prose_blank_lines_not_taken)
{
    static const char in[] =
        "Azərbaycan  Cənubi Qafqazın şərq hissəsində, Xəzər dənizinin qərb\n"
        "sahilində yerləşir.  Şimalda Böyük Qafqaz, qərbdə Kiçik Qafqaz dağları\n"
        "\n"
        "uzanır. Dağların arasında  geniş Kür-Araz ovalığı yerləşir. Ölkənin\n"
        "iqlimi  müxtəlifdir: burada on bir iqlim tipindən doqquzu var.\n"
        "\n"
        "Ölkənin  çayları Xəzər dənizinə tökülür, ən böyüyü Kür çayıdır və\n"
        "onun uzunluğu  min beş yüz kilometrdən çoxdur, Araz da ona qovuşur.\n";
    S_out o;
    S_run(in, sizeof in, 0, &o);
    ck_assert_uint_eq(o.c[0], 0);
    ck_assert_uint_eq(o.c[1], 0);
    ck_assert_uint_eq(S_count(o.tei.p, "<table"), 0);
    S_out_free(&o);
}
END_TEST

/* A table of contents (page numbers in the last column) is not a table. */
START_TEST(toc_not_taken)
{
    static const char in[] =
        "MÜNDƏRİCAT\n"
        "\n"
        "Giriş                                   3\n"
        "Birinci fəsil. Dil və cəmiyyət          7\n"
        "İkinci fəsil. Leksikologiya            25\n"
        "Üçüncü fəsil. Qrammatika               48\n"
        "Nəticə                                 96\n";
    S_out o;
    S_run(in, sizeof in, 0, &o);
    ck_assert_uint_eq(o.c[0], 0);
    ck_assert_uint_eq(S_count(o.tei.p, "<table"), 0);
    S_out_free(&o);
}
END_TEST

/* A list with a hanging indent: item marks, then text, is not a table. */
START_TEST(list_not_taken)
{
    static const char in[] =
        "Tələblər:\n"
        "1)   ərizə;\n"
        "2)   şəxsiyyət vəsiqəsinin surəti;\n"
        "3)   təhsil haqqında sənəd;\n"
        "4)   iki şəkil.\n";
    S_out o;
    S_run(in, sizeof in, 0, &o);
    ck_assert_uint_eq(o.c[0], 0);
    S_out_free(&o);
}
END_TEST

/* Characters (code points) of a UTF-8 string. */
static int S_chars(const char *s)
{
    int c = 0;
    for (; *s; s++)
        c += ((unsigned char)*s & 0xC0) != 0x80;
    return c;
}

/* Three columns of text under prose (so that columns.c, which wants a
 * whole page, leaves them) are not a table. */
START_TEST(three_text_columns_not_taken)
{
    static const char *const col[3][5] = {
        { "Azərbaycan Cənubi Qafqazın şərq hissəsində", "Xəzər dənizinin qərb sahilində yerləşir,",
          "şimalda Böyük Qafqaz, qərbdə isə Kiçik", "Qafqaz dağları uzanır və onların arasında",
          "geniş Kür-Araz ovalığı yerləşir bu gün." },
        { "Ölkənin ən böyük çayı Kürdür; o, Türkiyə", "ərazisindən başlayır, Gürcüstandan keçir",
          "və Xəzər dənizinə tökülür. Araz çayı da", "Kürün ən böyük qoludur, Sabirabad yaxın-",
          "lığında onlar birləşib dənizə axırlar." },
        { "Azərbaycanda iki yüz əlliyə yaxın göl var", "və onların arasında ən məşhuru Göygöldür,",
          "Kəpəz dağının ətəyində yerləşən bu göl", "min doqquz yüz on iki metr yüksəklikdə",
          "olub turistlərin sevimli yerlərindəndir." },
    };
    char in[4096] = "Bu səhifədə ölkənin coğrafiyası haqqında üç qısa yazı verilir; onları "
                    "oxuyandan sonra suallara cavab verin.\n"
                    "Yazıların hər biri ayrıca bir mövzuya həsr olunub və müxtəlif müəlliflər "
                    "tərəfindən yazılıb, redaksiya onları qısaldıb.\n"
                    "Suallar səhifənin sonundadır və hər birinə qısa, aydın cavab verilməlidir, "
                    "cavablar isə sonra yoxlanılacaqdır.\n";
    size_t len = strlen(in);
    for (int i = 0; i < 5; i++) {
        int w = snprintf(in + len, sizeof in - len, "%s%*s%s%*s%s\n", col[0][i],
                         48 - S_chars(col[0][i]), "", col[1][i], 48 - S_chars(col[1][i]), "",
                         col[2][i]);
        ck_assert(w > 0 && (size_t)w < sizeof in - len);
        len += (size_t)w;
    }
    S_out o;
    S_run(in, sizeof in, 0, &o);
    ck_assert_uint_eq(o.c[0], 0);
    ck_assert_uint_eq(o.c[1], 0);
    ck_assert_uint_eq(S_count(o.tei.p, "<table"), 0);
    S_out_free(&o);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("tables");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, three_columns_wrapping);
    tcase_add_test(tc, feed_and_window);
    tcase_add_test(tc, two_columns_key_value);
    tcase_add_test(tc, prose_wide_spaces);
    tcase_add_test(tc, toc_not_taken);
    tcase_add_test(tc, list_not_taken);
    tcase_add_test(tc, three_text_columns_not_taken);
    tcase_add_test(tc, blank_lines_between_rows);
    tcase_add_test(tc, prose_blank_lines_not_taken);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
