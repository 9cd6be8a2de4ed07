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

/* Lays out lines (as S_add takes them) as one whole document in d. */
static bp_layout *S_lay_out(bp_doc *d, const char *const *lines, size_t n)
{
    bp_doc_init(d);
    for (size_t i = 0; i < n; i++)
        S_add(d, lines[i]);
    bp_layout *lo = bp_layout_new();
    ck_assert_ptr_nonnull(lo);
    bp_layout_run(lo, d, 0, true);
    return lo;
}

/* Issue 10: a numbered item starts a block however long the last line of
 * the item before; a number out of sequence after a sentence does not. */
START_TEST(numbered_items_after_long_line)
{
    const char *lines[] = {
        "Maddə 7. İşçinin hüquqları",
        "1. İşçi əmək müqaviləsində nəzərdə tutulmuş şərtlərlə işlə təmin olunmaq,",
        "vaxtında və tam həcmdə əmək haqqı almaq hüququna malikdir və bu hüquqdan",
        "istifadə edə bilər.",
        "2. İşçi ildə bir dəfə məzuniyyət almaq hüququna malikdir və məzuniyyətin",
        "müddəti bu Məcəllə ilə müəyyən edilir, kollektiv müqavilə ilə artırıla bilər.",
        "3. İşçi əmək şəraitinin təhlükəsiz olmasını tələb edə bilər və bu tələbi",
        "müdiriyyətə yazılı şəkildə təqdim edir, müdiriyyət isə ona baxmalıdır.",
        "7. Bölmədə deyilənlər bu maddəyə də aiddir və onlar burada təkrar olunmur.",
    };
    bp_doc d;
    bp_layout *lo = S_lay_out(&d, lines, sizeof lines / sizeof *lines);
    ck_assert_int_ne(d.lines[4].block, BP_BLOCK_CONT);
    ck_assert_int_ne(d.lines[6].block, BP_BLOCK_CONT); /* after a full line */
    ck_assert_int_eq(d.lines[8].block, BP_BLOCK_CONT); /* 7 does not follow 3 */
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

/* Issue 10: a heading after a full line that ends a sentence (a section
 * number, capitals, or a paragraph after it); a short line that runs on
 * into the paragraph is not one. */
START_TEST(heading_after_full_line)
{
    const char *lines[] = {
        "   Azərbaycan Cənubi Qafqazın şərq hissəsində, Xəzər dənizinin qərb",
        "kilometrdir. Şimalda Böyük Qafqaz, qərbdə Kiçik Qafqaz dağları uzanır.",
        "2.1. Çaylar və göllər",
        "   Ölkənin ən böyük çayı Kürdür. O, Türkiyə ərazisindən başlayır,",
        "Xəzər dənizinə doğru axır. Bu çaylar ölkənin əsas su mənbəyidir.",
        "İKİNCİ FƏSİL",
        "",
        "   Azərbaycanda on bir iqlim tipindən doqquzuna rast gəlinir. Yayı",
        "isti keçir. Qışı isə bəzi bölgələrdə çox soyuq olur, bəzilərində",
        "Şimalda isə qış daha",
        "uzun və sərt keçir, qar bir neçə ay qalır, yollar bağlanır.",
    };
    bp_doc d;
    bp_layout *lo = S_lay_out(&d, lines, sizeof lines / sizeof *lines);
    ck_assert_int_eq(d.lines[2].block, BP_BLOCK_HEAD);
    ck_assert_int_eq(d.lines[5].block, BP_BLOCK_HEAD);
    ck_assert_int_eq(d.lines[9].block, BP_BLOCK_CONT);
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

/* Issue 10: numbered headings set apart by blank lines on one page recur
 * only as letters: their numbers differ, so they stay headings. */
START_TEST(numbered_headings_are_not_running_heads)
{
    static const char *const heads[2][4] = { { "Maddə 1", "Maddə 2", "Maddə 3", NULL },
                                             { "I fəsil", "II fəsil", "III fəsil", "IV fəsil" } };
    for (size_t t = 0; t < 2; t++) {
        bp_doc d;
        bp_doc_init(&d);
        size_t n = heads[t][3] ? 4 : 3;
        for (size_t h = 0; h < n; h++) {
            S_add(&d, heads[t][h]);
            S_add(&d, "");
            S_add(&d, "Tibbi sığorta icbari və könüllü formada həyata keçirilir.");
            if (h + 1 < n)
                S_add(&d, ""); /* not after the last: that is blank style */
        }
        bp_layout *lo = bp_layout_new();
        bp_layout_run(lo, &d, 0, true);
        for (size_t h = 0; h < n; h++) {
            ck_assert_int_eq(d.lines[4 * h].role, BP_ROLE_BODY);
            ck_assert_int_eq(d.lines[4 * h].block, BP_BLOCK_HEAD);
        }
        bp_layout_free(lo);
        bp_doc_free(&d);
    }
}
END_TEST

/* Issue 10: the chapter title on its opening page stays; later pages
 * repeat it beside their page numbers as the running head.  A centred
 * Roman chapter number stays; a note link at a page foot stays. */
START_TEST(chapter_title_opening_page)
{
    const char *lines[] = {
        "                         I",
        "",
        "                 AZƏRBAYCANIN TƏBİƏTİ",
        "",
        "   Azərbaycan ərazisindən çoxlu çay axır. Onların əksəriyyəti Kür",
        "və Araz hövzəsinə aiddir.",
        "",
        "[20]",
        "\f12                                       AZƏRBAYCANIN TƏBİƏTİ",
        "",
        "   Kür Cənubi Qafqazın ən böyük çayıdır. Onun uzunluğu min beş",
        "yüz kilometrdən artıqdır.",
        "\fAZƏRBAYCANIN TƏBİƏTİ                                       13",
        "",
        "   Abşeron yarımadasında duzlu göllər də var.",
    };
    bp_doc d;
    bp_layout *lo = S_lay_out(&d, lines, sizeof lines / sizeof *lines);
    ck_assert_int_eq(d.lines[0].role, BP_ROLE_BODY);
    ck_assert_int_eq(d.lines[2].role, BP_ROLE_BODY);
    ck_assert_int_eq(d.lines[2].block, BP_BLOCK_HEAD);
    ck_assert_int_eq(d.lines[7].role, BP_ROLE_BODY);
    /* each kept line says why, with a confidence: the report counts it */
    ck_assert_ptr_nonnull(d.lines[0].fw_why);
    ck_assert_ptr_nonnull(d.lines[7].fw_why);
    ck_assert_float_lt(d.lines[0].fw_cert, 0.9f);
    ck_assert_ptr_null(d.lines[4].fw_why);
    ck_assert_int_eq(d.lines[8].role, BP_ROLE_HEADER);
    ck_assert_ptr_nonnull(d.lines[8].fw_why);
    ck_assert_int_eq(d.lines[12].role, BP_ROLE_HEADER);
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

/* Roman page numbers of front matter: each page has one. */
START_TEST(roman_page_numbers)
{
    const char *lines[] = {
        "Bu kitab Azərbaycanın təbiəti haqqında yazılmışdır.", "", "II",
        "\fMüəllif oxuculara təşəkkür edir və onların fikirlərini gözləyir.", "", "III",
        "\fKitabın birinci fəsli çaylar haqqındadır və orada çox şey var.", "", "IV",
    };
    bp_doc d;
    bp_layout *lo = S_lay_out(&d, lines, sizeof lines / sizeof *lines);
    ck_assert_int_eq(d.lines[2].role, BP_ROLE_PAGENUM);
    ck_assert_int_eq(d.lines[5].role, BP_ROLE_PAGENUM);
    ck_assert_int_eq(d.lines[8].role, BP_ROLE_PAGENUM);
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

/* Issue 10: pages without form feeds: increasing numbers alone on their
 * lines a page apart, and the head beside each (and at the top), are
 * furniture, even inside a broken word; a lone number out of sequence is
 * text. */
START_TEST(pages_without_form_feeds)
{
    const char *lines[] = {
        "Azərbaycan Xalq Cümhuriyyəti",                                       /* 0 */
        "",
        "   Parlamentin ilk iclası 1918-ci il dekabrın 7-də Bakıda keçirildi.",
        "Parlamentdə müxtəlif partiyaların və milli azlıqların nümayəndələri",
        "təmsil olunurdu. Bu qanunların arasında",
        "",
        "23",                                                                 /* 6 */
        "Azərbaycan Xalq Cümhuriyyəti",                                       /* 7 */
        "",
        "vətəndaşlıq, ordu və təhsil haqqında qanunlar xüsusi yer tuturdu.",
        "   Cümhuriyyətin iyirmi üç aylıq fəaliyyəti dövründə görülən işlər",
        "bu gün də tədqiqatçıların diqqətini cəlb edir. Tarixçilər bu döv-",
        "",
        "24",                                                                 /* 13 */
        "Azərbaycan Xalq Cümhuriyyəti",                                       /* 14 */
        "",
        "rü müstəqil dövlətçilik ənənəsinin başlanğıcı hesab edirlər.",    /* 16 */
        "   Sənəddə göstərilən rəqəm belə idi:",
        "7",                                                                  /* 18 */
        "   Bu rəqəm çox vacibdir və onu yadda saxlamaq lazımdır.",
        "",
        "25",                                                                 /* 21 */
    };
    bp_doc d;
    bp_layout *lo = S_lay_out(&d, lines, sizeof lines / sizeof *lines);
    ck_assert_int_eq(d.lines[0].role, BP_ROLE_HEADER);
    ck_assert_int_eq(d.lines[6].role, BP_ROLE_PAGENUM);
    ck_assert_int_eq(d.lines[7].role, BP_ROLE_HEADER);
    ck_assert_int_eq(d.lines[13].role, BP_ROLE_PAGENUM);
    ck_assert_int_eq(d.lines[14].role, BP_ROLE_HEADER);
    ck_assert_int_eq(d.lines[21].role, BP_ROLE_PAGENUM);
    ck_assert_int_eq(d.lines[18].role, BP_ROLE_BODY);
    /* the paragraph runs on over the page break */
    ck_assert_int_eq(d.lines[9].block, BP_BLOCK_CONT);
    ck_assert_int_eq(d.lines[16].block, BP_BLOCK_CONT);
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

/* A book of poems: a page number every dozen lines, no blank lines. */
START_TEST(verse_page_numbers)
{
    bp_doc d;
    bp_doc_init(&d);
    char num[8];
    for (int p = 37; p <= 40; p++) {
        for (int k = 0; k < 12; k++)
            S_add(&d, k % 2 ? "Bülbül oxudu gülün üstündə." : "Gecə keçdi, səhər açıldı yenə,");
        snprintf(num, sizeof num, "%d", p);
        S_add(&d, num);
    }
    bp_layout *lo = bp_layout_new();
    bp_layout_run(lo, &d, 0, true);
    for (int p = 0; p < 4; p++)
        ck_assert_int_eq(d.lines[13 * p + 12].role, BP_ROLE_PAGENUM);
    ck_assert_int_eq(d.lines[11].role, BP_ROLE_BODY);
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

/* Blank style (a blank line after every line): a centred heading inside
 * a page is not a column's running head. */
START_TEST(blank_style_centred_heading)
{
    bp_doc d;
    bp_doc_init(&d);
    const char *lines[] = {
        "Azərbaycan coğrafiyası",
        "   Azərbaycan Cənubi Qafqazın şərq hissəsində, Xəzər dənizinin qərb",
        "sahilində yerləşir və ərazisi səksən altı min kvadrat kilometrdir.",
        "                  Çaylar və göllər",
        "   Ölkənin ən böyük çayı Kürdür. O, Türkiyə ərazisindən başlayır.",
        "37",
    };
    S_blank_style(&d, lines, sizeof lines / sizeof *lines);
    bp_layout *lo = bp_layout_new();
    bp_layout_run(lo, &d, 0, true);
    ck_assert_int_eq(d.lines[6].role, BP_ROLE_BODY);
    ck_assert_int_eq(d.lines[10].role, BP_ROLE_PAGENUM);
    bp_layout_free(lo);
    bp_doc_free(&d);
}
END_TEST

/* Issue 10: a line that recurs set apart by blank lines but not where
 * pages start or end (no page number near, irregular spacing) is text:
 * endnotes that repeat their first line. */
START_TEST(recurring_line_off_page_place)
{
    static const int gaps[3] = { 3, 14, 5 };
    bp_doc d;
    bp_doc_init(&d);
    size_t at[3];
    S_add(&d, "Qanunun mətni aşağıdakı kimi dəyişdirilmişdir və qüvvədədir.");
    for (int k = 0; k < 3; k++) {
        for (int g = 0; g < gaps[k]; g++)
            S_add(&d, "Bu maddə bir neçə dəfə dəyişdirilmiş və yeni redaksiyada verilmişdir.");
        S_add(&d, "");
        at[k] = d.nlines;
        S_add(&d, "24 fevral 2009-cu il tarixli Qanunu ilə");
        S_add(&d, "");
    }
    S_add(&d, "Son.");
    bp_layout *lo = bp_layout_new();
    bp_layout_run(lo, &d, 0, true);
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(d.lines[at[k]].role, BP_ROLE_BODY);
        ck_assert_ptr_nonnull(d.lines[at[k]].fw_why); /* kept, reported */
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
    tcase_add_test(tc, numbered_items_after_long_line);
    tcase_add_test(tc, heading_after_full_line);
    tcase_add_test(tc, numbered_headings_are_not_running_heads);
    tcase_add_test(tc, chapter_title_opening_page);
    tcase_add_test(tc, roman_page_numbers);
    tcase_add_test(tc, pages_without_form_feeds);
    tcase_add_test(tc, verse_page_numbers);
    tcase_add_test(tc, blank_style_centred_heading);
    tcase_add_test(tc, recurring_line_off_page_place);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
