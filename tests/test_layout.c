/* test_layout.c: Check suite for layout.c (roles, columns, blocks). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages.h"

/* Appends a line as the reader would: indent counted, text trimmed,
 * a form feed prefix "\f" starts a new page, a final '-' marks a hyphen. */
static void S_add(bp_doc *d, const char *raw)
{
    static uint32_t page;
    static uint64_t lineno;
    if (d->nlines == 0) {
        page = 0;
        lineno = 0;
    }
    bp_line *l = bp_doc_push(d);
    ck_assert_ptr_nonnull(l);
    lineno++;
    if (raw[0] == '\f') {
        page++;
        raw++;
        l->flags |= BP_LF_PAGE_START;
    }
    if (d->nlines == 1)
        l->flags |= BP_LF_PAGE_START;
    while (*raw == ' ') {
        l->indent++;
        raw++;
    }
    size_t n = strlen(raw);
    while (n > 0 && raw[n - 1] == ' ') {
        n--;
        l->trail++;
    }
    l->text = malloc(n + 1);
    memcpy(l->text, raw, n);
    l->text[n] = '\0';
    l->len = (uint32_t)n;
    l->lineno = lineno;
    l->page = page;
    if (n >= 2 && raw[n - 1] == '-' && raw[n - 2] != ' ') {
        l->flags |= BP_LF_HYPHEN_END;
        l->hy_at = (uint32_t)n - 1;
        l->hy_len = 1;
    }
    d->bytes += n;
}

static void S_blank_style(bp_doc *d, const char *const *lines, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        S_add(d, lines[i]);
        S_add(d, "");
    }
}

/* A two-column PDF-extractor page: every line followed by a blank line, a
 * running head at the top, a leading space starting each column. */
static const char *const S_seedlike[] = {
    " Bakı Dövlət Universitetinin Xəbərləri ",
    " Şəhərin tarixi çox qədimdir və onun haqqında ",
    "ilk yazılı məlumatlar orta əsr müəlliflərinin ",
    "əsərlərində qalmışdır. Alimlər bu məlumatları ",
    "dəfələrlə araşdırmış və müxtəlif nəticələrə gəl- ",
    "mişlər. ",
    "Sonrakı dövrlərdə şəhər böyük ticarət mərkəzinə ",
    "çevrildi və karvan yolları onun bazarlarından ",
    " keçirdi. Tacirlər burada ipək, xalça və duz ",
    "satırdılar, şəhərin əhalisi isə sürətlə artırdı.  ",
    "Yeni dövrdə şəhərdə neft sənayesi yarandı və ",
    "bu sənaye şəhərin simasını tamamilə dəyişdirdi ",
    "və bütün dünyada məşhur etdi. ",
};

START_TEST(blank_style_heads_columns_paragraphs)
{
    bp_doc d;
    bp_doc_init(&d);
    S_blank_style(&d, S_seedlike, sizeof S_seedlike / sizeof *S_seedlike);
    bp_layout *lo = bp_layout_new();
    bp_layout_run(lo, &d, 0, true);
    ck_assert(d.blank_style);
    /* line 0: running head (a column start right before another) */
    ck_assert_int_eq(d.lines[0].role, BP_ROLE_HEADER);
    ck_assert_int_eq(d.lines[1].role, BP_ROLE_BLANK);
    ck_assert_int_eq(d.lines[2].role, BP_ROLE_BODY);
    ck_assert_int_eq(d.lines[2].block, BP_BLOCK_P);
    ck_assert(d.lines[2].flags & BP_LF_COLUMN_START);
    /* "gəl-" then "mişlər." : the hyphen never ends a block */
    ck_assert_int_eq(d.lines[10].block, BP_BLOCK_CONT);
    /* short line ending a sentence ends the paragraph */
    ck_assert_int_eq(d.lines[12].block, BP_BLOCK_P);
    /* a column start inside a paragraph continues it */
    ck_assert(d.lines[16].flags & BP_LF_COLUMN_START);
    ck_assert_int_eq(d.lines[16].block, BP_BLOCK_CONT);
    /* a full line ending a sentence with two trailing spaces ends it */
    ck_assert_int_eq(d.lines[20].block, BP_BLOCK_P);
    ck_assert_int_eq(d.lines[22].block, BP_BLOCK_CONT);
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

START_TEST(paged_heads_and_numbers)
{
    bp_doc d;
    bp_doc_init(&d);
    const char *pages[][6] = {
        { "Azərbaycan tarixi", "", "   Qədim dövrdə bu ərazidə bir neçə dövlət", "mövcud olmuşdur və onların paytaxtları", "", "1" },
        { "\fAzərbaycan tarixi", "", "indiki şəhərlərin yerində yerləşirdi. Ti-", "carət yolları da buradan keçirdi.", "", "2" },
        { "\fAzərbaycan tarixi", "", "   Orta əsrlərdə isə vəziyyət dəyişdi və", "yeni sülalələr hakimiyyətə gəldi.", "", "3" },
    };
    for (size_t p = 0; p < 3; p++)
        for (size_t i = 0; i < 6; i++)
            S_add(&d, pages[p][i]);
    bp_layout *lo = bp_layout_new();
    bp_layout_run(lo, &d, 0, true);
    ck_assert(!d.blank_style);
    for (size_t p = 0; p < 3; p++) {
        ck_assert_int_eq(d.lines[p * 6].role, BP_ROLE_HEADER);
        ck_assert_int_eq(d.lines[p * 6 + 5].role, BP_ROLE_PAGENUM);
        ck_assert_int_eq(d.lines[p * 6].pnum, (int)p + 1);
    }
    ck_assert_int_eq(d.lines[2].block, BP_BLOCK_P);
    ck_assert_int_eq(d.lines[3].block, BP_BLOCK_CONT);
    /* page 2 continues the paragraph of page 1 */
    ck_assert_int_eq(d.lines[8].block, BP_BLOCK_CONT);
    ck_assert_int_eq(d.lines[9].block, BP_BLOCK_CONT);
    /* an indented line starts a paragraph */
    ck_assert_int_eq(d.lines[14].block, BP_BLOCK_P);
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

/* Books alternate running heads: the title on even pages, the chapter on
 * odd ones. */
START_TEST(alternating_heads)
{
    bp_doc d;
    bp_doc_init(&d);
    const char *heads[] = { "Azərbaycan tarixi", "Birinci fəsil. Qədim dövr" };
    const char *body[] = { "Bu dövrdə ölkədə bir neçə dövlət var idi və onların",
                           "sərhədləri tez-tez dəyişirdi, ticarət isə inkişaf" };
    for (int p = 0; p < 4; p++) {
        char head[64];
        snprintf(head, sizeof head, "%s%s", p ? "\f" : "", heads[p % 2]);
        S_add(&d, head);
        S_add(&d, "");
        S_add(&d, body[0]);
        S_add(&d, body[1]);
        S_add(&d, "");
        S_add(&d, p == 0 ? "10" : p == 1 ? "11" : p == 2 ? "12" : "13");
    }
    bp_layout *lo = bp_layout_new();
    bp_layout_run(lo, &d, 0, true);
    for (int p = 0; p < 4; p++) {
        ck_assert_int_eq(d.lines[p * 6].role, BP_ROLE_HEADER);
        ck_assert_int_eq(d.lines[p * 6].pnum, 10 + p);
        ck_assert_int_eq(d.lines[p * 6 + 2].role, BP_ROLE_BODY);
    }
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

START_TEST(ocr_damaged_head_and_number)
{
    bp_doc d;
    bp_doc_init(&d);
    const char *lines[] = {
        "Azərbaycan tarixi", "", "Bu dövrdə ölkədə çoxlu qala tikilmişdi və onlar", "düşmən hücumlarından qoruyurdu.", "", "El",
        "\fAzərhaycan tarixi", "", "Qalaların bəziləri bu gün də qalmaqdadır və onlar", "turistlərin diqqətini cəlb edir.", "", "2",
    };
    for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
        S_add(&d, lines[i]);
    bp_layout *lo = bp_layout_new();
    bp_layout_run(lo, &d, 0, true);
    ck_assert_int_eq(d.lines[0].role, BP_ROLE_HEADER);
    ck_assert_int_eq(d.lines[5].role, BP_ROLE_PAGENUM);
    ck_assert_int_eq(d.lines[6].role, BP_ROLE_HEADER);
    ck_assert_int_eq(d.lines[11].role, BP_ROLE_PAGENUM);
    ck_assert_int_eq(d.lines[2].role, BP_ROLE_BODY);
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

START_TEST(headings_and_lists)
{
    bp_doc d;
    bp_doc_init(&d);
    const char *lines[] = {
        "Vergilər haqqında",
        "AZƏRBAYCAN RESPUBLİKASININ QANUNU",
        "Bu Qanun vergi sisteminin əsaslarını, vergilərin",
        "növlərini və onların ödənilməsi qaydalarını",
        "müəyyən edir.",
        "Maddə 1. Ümumi müddəalar",
        "Vergi ödəyiciləri bunlardır:",
        "fiziki şəxslər, o cümlədən sahibkarlar;",
        "hüquqi şəxslər.",
        "Maddə 2. Vergilərin növləri",
        "Vergilər dövlət və yerli vergilərə bölünür və",
        "onların dərəcələri bu Qanunla müəyyən edilir.",
    };
    S_blank_style(&d, lines, sizeof lines / sizeof *lines);
    bp_layout *lo = bp_layout_new();
    bp_layout_run(lo, &d, 0, true);
    ck_assert_int_eq(d.lines[0].block, BP_BLOCK_HEAD);
    ck_assert_int_eq(d.lines[2].block, BP_BLOCK_HEAD);
    ck_assert_int_eq(d.lines[4].block, BP_BLOCK_P);
    ck_assert_int_eq(d.lines[6].block, BP_BLOCK_CONT);
    ck_assert_int_eq(d.lines[10].block, BP_BLOCK_HEAD);
    ck_assert_int_eq(d.lines[12].block, BP_BLOCK_P);
    ck_assert_int_eq(d.lines[14].block, BP_BLOCK_ITEM);
    ck_assert_int_eq(d.lines[16].block, BP_BLOCK_ITEM);
    ck_assert_int_eq(d.lines[18].block, BP_BLOCK_HEAD);
    ck_assert_int_eq(d.lines[20].block, BP_BLOCK_P);
    ck_assert_int_eq(d.lines[22].block, BP_BLOCK_CONT);
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

/* A numbered heading may run over two lines; the text after it starts
 * with a full line, or with a line that ends like a sentence. */
START_TEST(numbered_headings)
{
    bp_doc d;
    bp_doc_init(&d);
    const char *lines[] = {
        "Maddə 2. Vergi haqqında Azərbaycan",
        "Respublikasının qanunvericiliyi",
        "Vergi haqqında qanunvericilik Konstitusiyadan,",
        "bu Qanundan və digər aktlardan ibarətdir.",
        "Maddə 3. Vergi ödəyicisinin hüquqları",
        "vergi ödəyicisinin hüquqları bunlardır:",
        "vergi orqanından məlumat almaq;",
        "Maddə 4. Vergi orqanları bu Qanunun",
        "Vergi orqanları bu Qanunun tələblərinə uyğun",
        "fəaliyyət göstərir və hesabat verirlər.",
    };
    S_blank_style(&d, lines, sizeof lines / sizeof *lines);
    bp_layout *lo = bp_layout_new();
    bp_layout_run(lo, &d, 0, true);
    ck_assert_int_eq(d.lines[0].block, BP_BLOCK_HEAD);
    ck_assert_int_eq(d.lines[2].block, BP_BLOCK_CONT);  /* the heading's rest */
    ck_assert_int_eq(d.lines[4].block, BP_BLOCK_P);
    ck_assert_int_eq(d.lines[8].block, BP_BLOCK_HEAD);
    ck_assert_int_ne(d.lines[10].block, BP_BLOCK_CONT); /* ends in ':' */
    ck_assert_int_eq(d.lines[14].block, BP_BLOCK_HEAD);
    ck_assert_int_eq(d.lines[16].block, BP_BLOCK_P);    /* a full line, a capital */
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

START_TEST(hyphen_line_never_ends_block)
{
    bp_doc d;
    bp_doc_init(&d);
    const char *lines[] = {
        "Qısa sətir bitdi.", "Bu isə uzun bir sətirdir və burada söz bölünür: müəl-",
        "Lim", "sonra cümlə davam edir və bitir.",
    };
    for (size_t i = 0; i < 4; i++)
        S_add(&d, lines[i]);
    bp_layout *lo = bp_layout_new();
    bp_layout_run(lo, &d, 0, true);
    ck_assert_int_eq(d.lines[2].block, BP_BLOCK_CONT);
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

/* No form feeds: running heads recur set apart by blank lines, page
 * numbers stand alone. */
START_TEST(repeated_heads_without_form_feeds)
{
    bp_doc d;
    bp_doc_init(&d);
    for (int p = 1; p <= 3; p++) {
        S_add(&d, "Azərbaycan tarixi");
        S_add(&d, "");
        S_add(&d, "Bu fəsildə qədim dövrün tarixi haqqında danışılır və");
        S_add(&d, "müxtəlif mənbələrdən gətirilən məlumatlar təhlil");
        S_add(&d, "");
        S_add(&d, p == 1 ? "1" : p == 2 ? "2" : "3");
        S_add(&d, "");
    }
    bp_layout *lo = bp_layout_new();
    bp_layout_run(lo, &d, 0, true);
    for (int p = 0; p < 3; p++) {
        ck_assert_int_eq(d.lines[p * 7].role, BP_ROLE_HEADER);
        ck_assert_int_eq(d.lines[p * 7 + 2].role, BP_ROLE_BODY);
        ck_assert_int_eq(d.lines[p * 7 + 5].role, BP_ROLE_PAGENUM);
    }
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("layout");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, blank_style_heads_columns_paragraphs);
    tcase_add_test(tc, paged_heads_and_numbers);
    tcase_add_test(tc, ocr_damaged_head_and_number);
    tcase_add_test(tc, alternating_heads);
    tcase_add_test(tc, headings_and_lists);
    tcase_add_test(tc, hyphen_line_never_ends_block);
    tcase_add_test(tc, numbered_headings);
    tcase_add_test(tc, repeated_heads_without_form_feeds);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
