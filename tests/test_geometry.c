/* test_geometry.c: Check suite for geometry.c through layout: lines read
 * from a page image carry boxes, and layout takes paragraph starts,
 * headings, running heads and page numbers from where they stand.  Each
 * page here is built so that its text alone says nothing (full lines, no
 * blank lines): without the geometry every test fails. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "stages.h"

/* Two page images of 1200 x 1800 pixels, the second page of a document. */
static bp_pageimg S_img[2] = {
    { .index = 0, .width = 1200, .height = 1800, .dpi = 300 },
    { .index = 1, .width = 1200, .height = 1800, .dpi = 300 },
};

/* Appends a line of page `pg` with its box (30 pixels high); its first word's box is as
 * wide as `w0` pixels (0: the first word's text at 20 pixels a byte). */
static bp_line *S_add(bp_doc *d, int pg, const char *text, int x0, int y0, int x1, int w0)
{
    int y1 = y0 + 30;
    bp_line *l = bp_doc_push(d);
    ck_assert_ptr_nonnull(l);
    size_t n = strlen(text);
    l->text = malloc(n + 1);
    memcpy(l->text, text, n + 1);
    l->len = (uint32_t)n;
    l->lineno = d->nlines;
    l->page = (uint32_t)pg;
    l->img = &S_img[pg];
    l->box[0] = x0, l->box[1] = y0, l->box[2] = x1, l->box[3] = y1;
    if (d->nlines == 1 || d->lines[d->nlines - 2].page != (uint32_t)pg)
        l->flags |= BP_LF_PAGE_START;
    if (n >= 2 && text[n - 1] == '-') {
        l->flags |= BP_LF_HYPHEN_END;
        l->hy_at = (uint32_t)n - 1;
        l->hy_len = 1;
    }
    const char *sp = strchr(text, ' ');
    size_t wl = sp ? (size_t)(sp - text) : n;
    l->words = calloc(1, sizeof *l->words);
    ck_assert_ptr_nonnull(l->words);
    l->nwords = 1;
    l->words[0] = (bp_word){ .at = 0, .len = (uint32_t)wl, .conf = 0.9f, .x0 = x0, .y0 = y0,
                             .x1 = x0 + (w0 ? w0 : 20 * (int)wl), .y1 = y1 };
    d->bytes += n;
    return l;
}

/* Lines of body text at 40 pixels a line (30 high, 10 white between), from
 * y, each 100..1000 unless given otherwise. */
#define PITCH 40

static void S_run(bp_doc *d)
{
    bp_layout *lo = bp_layout_new();
    ck_assert_ptr_nonnull(lo);
    bp_layout_run(lo, d, 0, true);
    bp_layout_free(lo);
}

START_TEST(indented_first_line_starts_paragraph)
{
    bp_doc d;
    bp_doc_init(&d);
    int y = 100;
    S_add(&d, 0, "Birinci abzas burada başlayır və sətir tam", 160, y, 1000, 0);
    S_add(&d, 0, "enində davam edir, sonra da növbəti sətir", 100, y += PITCH, 1000, 0);
    S_add(&d, 0, "tam enində bitir və nöqtə ilə qurtarır.", 100, y += PITCH, 1000, 0);
    S_add(&d, 0, "İkinci abzas girintili sətirlə başlayır və", 160, y += PITCH, 1000, 0);
    S_add(&d, 0, "bu da tam enində davam edib gedir hələ də", 100, y += PITCH, 1000, 0);
    S_add(&d, 0, "sonuncu sətir də tam enində bitir, burada", 100, y += PITCH, 1000, 0);
    S_add(&d, 0, "isə yenə də eyni enlə davam edib bitir.", 100, y += PITCH, 1000, 0);
    S_run(&d);
    ck_assert_int_eq(d.lines[0].block, BP_BLOCK_P);
    ck_assert_int_eq(d.lines[1].block, BP_BLOCK_CONT);
    ck_assert_int_eq(d.lines[3].block, BP_BLOCK_P);
    ck_assert_ptr_nonnull(d.lines[3].st_why);
    ck_assert(strstr(d.lines[3].st_why, "indented"));
    ck_assert_float_ge(d.lines[3].st_cert, 0.5f);
    for (size_t i = 4; i < d.nlines; i++)
        ck_assert_int_eq(d.lines[i].block, BP_BLOCK_CONT);
    bp_doc_free(&d);
}
END_TEST

START_TEST(short_line_with_room_for_next_word)
{
    bp_doc d;
    bp_doc_init(&d);
    int y = 100;
    S_add(&d, 0, "müvafiq icra hakimiyyəti orqanının müəyyən", 100, y, 1000, 0);
    S_add(&d, 0, "etdiyi qaydada könüllü tibbi sığorta müqa-", 100, y += PITCH, 990, 0);
    /* ends at 800: 200 pixels of room, "könüllü" is 140 wide: a break */
    S_add(&d, 0, "viləsi bağlamaq və ya onu ləğv etmək;", 100, y += PITCH, 800, 0);
    /* ends at 870: 130 pixels of room, "seçmək," is 140 wide: no break */
    S_add(&d, 0, "könüllü tibbi sığorta təşkilatını sərbəst", 100, y += PITCH, 870, 140);
    S_add(&d, 0, "seçmək, həm də tibbi sığorta müqaviləsinin", 100, y += PITCH, 1000, 140);
    S_add(&d, 0, "şərtlərinin yerinə yetirilməsinə nəzarət", 100, y += PITCH, 960, 0);
    S_add(&d, 0, "etmək və bunun üçün hər şeyi etmək olar.", 100, y += PITCH, 980, 0);
    S_run(&d);
    ck_assert_int_eq(d.lines[3].block, BP_BLOCK_ITEM); /* after a ';' */
    ck_assert(strstr(d.lines[3].st_why, "room"));
    ck_assert_int_eq(d.lines[4].block, BP_BLOCK_CONT);
    ck_assert_int_eq(d.lines[2].block, BP_BLOCK_CONT); /* after a hyphen */
    bp_doc_free(&d);
}
END_TEST

START_TEST(white_above_starts_paragraph_centred_line_is_heading)
{
    bp_doc d;
    bp_doc_init(&d);
    int y = 100;
    S_add(&d, 0, "Birinci hissənin mətni burada gedir və bu", 100, y, 1000, 0);
    S_add(&d, 0, "sətir də tam enində davam edib qurtarır,", 100, y += PITCH, 1000, 0);
    S_add(&d, 0, "üçüncü sətir də tam enində gedir və bitir", 100, y += PITCH, 1000, 0);
    S_add(&d, 0, "İKİNCİ FƏSİL", 440, y += 3 * PITCH, 660, 0); /* centred, apart */
    S_add(&d, 0, "yeni hissə burada başlayır, bu sətir də tam", 100, y += 3 * PITCH, 1000, 0);
    S_add(&d, 0, "enində gedir və sonra növbəti sətirdə bitir", 100, y += PITCH, 1000, 0);
    S_add(&d, 0, "və bu da son sətirdir ki, enində davam edir", 100, y += 2 * PITCH, 1000, 0); /* more white above: a paragraph */
    S_add(&d, 0, "sonuncu sətir də tam enində gedib bitir də", 100, y += PITCH, 1000, 0);
    S_run(&d);
    ck_assert_int_eq(d.lines[3].block, BP_BLOCK_HEAD);
    ck_assert(strstr(d.lines[3].st_why, "centred"));
    ck_assert_int_eq(d.lines[4].block, BP_BLOCK_P);
    ck_assert_int_eq(d.lines[5].block, BP_BLOCK_CONT);
    ck_assert_int_eq(d.lines[6].block, BP_BLOCK_P);
    ck_assert(strstr(d.lines[6].st_why, "white"));
    ck_assert_int_eq(d.lines[7].block, BP_BLOCK_CONT);
    bp_doc_free(&d);
}
END_TEST

/* A page of body text at y (five full lines). */
static int S_body(bp_doc *d, int pg, int y)
{
    static const char *const t[] = {
        "bu sətir tam enində davam edib gedir hələ", "ikinci sətir də tam enində davam edib gedir",
        "üçüncü sətir də eyni enlə davam edib gedir", "dördüncü sətir də tam enində davam edir,",
        "beşinci sətir də eyni enlə davam edib gedir",
    };
    for (size_t k = 0; k < 5; k++, y += PITCH)
        S_add(d, pg, t[k], 100, y, 1000, 0);
    return y;
}

START_TEST(running_head_and_page_number_by_place)
{
    bp_doc d;
    bp_doc_init(&d);
    /* page 1: its first line, apart, is not taken for a head (a title may
     * open a document); a number under the text is a page number */
    S_add(&d, 0, "Qısa başlıq sətri", 100, 60, 420, 0);
    int y = S_body(&d, 0, 160);
    S_add(&d, 0, "12", 540, y + 60, 580, 0);
    /* page 2: a head seen on no other page, apart at the top; a damaged
     * number (a scrap) under the text */
    S_add(&d, 1, "Azərbaycan tarixi", 100, 60, 400, 0);
    y = S_body(&d, 1, 160);
    S_add(&d, 1, "dəl", 540, y + 60, 600, 0);
    S_run(&d);
    ck_assert_int_eq(d.lines[0].role, BP_ROLE_BODY);
    ck_assert_int_eq(d.lines[6].role, BP_ROLE_PAGENUM);
    ck_assert_int_eq(d.lines[7].role, BP_ROLE_HEADER);
    ck_assert_ptr_nonnull(d.lines[7].fw_why);
    ck_assert(strstr(d.lines[7].fw_why, "white"));
    ck_assert_int_eq(d.lines[13].role, BP_ROLE_PAGENUM);
    for (size_t i = 8; i < 13; i++)
        ck_assert_int_eq(d.lines[i].role, BP_ROLE_BODY);
    /* the paragraph runs on over the page: the head's white is no break */
    ck_assert_int_eq(d.lines[8].block, BP_BLOCK_CONT);
    bp_doc_free(&d);
}
END_TEST

START_TEST(columns_measured_apart)
{
    /* two columns side by side: a line of the right column is not indented
     * against the left column's edge */
    bp_doc d;
    bp_doc_init(&d);
    int y = 100;
    for (int k = 0; k < 5; k++, y += PITCH)
        S_add(&d, 0, "sol sütunun sətri tam enində gedir", 100, y, 520, 0);
    y = 100;
    for (int k = 0; k < 5; k++, y += PITCH)
        S_add(&d, 0, "sağ sütunun sətri tam enində gedir", 640, y, 1060, 0);
    S_run(&d);
    for (size_t i = 6; i < 10; i++)
        ck_assert_int_eq(d.lines[i].block, BP_BLOCK_CONT);
    bp_doc_free(&d);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("geometry");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, indented_first_line_starts_paragraph);
    tcase_add_test(tc, short_line_with_room_for_next_word);
    tcase_add_test(tc, white_above_starts_paragraph_centred_line_is_heading);
    tcase_add_test(tc, running_head_and_page_number_by_place);
    tcase_add_test(tc, columns_measured_apart);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
