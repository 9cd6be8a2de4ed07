/* test_notes.c: Check suite for notes.c (a footnote placed at its mark in
 * TEI, an anchor where it was printed) and the TEI emitter's placing,
 * run through the whole pipeline as a user would. */
#define _GNU_SOURCE /* memmem */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "berpa.h"

#include "check_buf.h"
#include "check_run.h"

typedef struct S_out {
    S_buf text, tei, report;
    uint64_t notes, unplaced;
} S_out;

static void S_run(const char *in, size_t chunk, S_out *o)
{
    static const char *const names[] = { "notes", "notes_unplaced" };
    uint64_t v[2];
    memset(o, 0, sizeof *o);
    S_run_doc(in, chunk, 0, &o->text, &o->tei, &o->report, names, v, 2);
    o->notes = v[0];
    o->unplaced = v[1];
}

static void S_out_free(S_out *o)
{
    free(o->text.p);
    free(o->tei.p);
    free(o->report.p);
}

/* Runs `in` whole and fed 3 bytes at a time: the outputs must agree. */
static void S_run_invariant(const char *in, S_out *o)
{
    S_out o2;
    S_run(in, 1 << 20, o);
    S_run(in, 3, &o2);
    ck_assert_str_eq(o->text.p, o2.text.p);
    ck_assert_str_eq(o->tei.p, o2.tei.p);
    ck_assert_str_eq(o->report.p, o2.report.p);
    S_out_free(&o2);
}

/* Two footnotes under a rule, their marks glued to words (one after a
 * full stop); the paragraph goes on on the next page.  TEI: each note
 * right after its mark, an anchor each where they were printed; the clean
 * text as before (notes after the paragraph). */
START_TEST(two_notes_at_their_marks)
{
    const char *in =
        "   Parlamentin ilk iclası 1918-ci il dekabrın 7-də Bakıda keçirildi.¹\n"
        "Parlamentdə müxtəlif partiyaların və milli azlıqların nümayəndələri\n"
        "təmsil olunurdu² və burada qəbul edilən qanunlar tez-tez qızğın\n"
        "_______________\n"
        "¹ Bax: Azərbaycan Xalq Cümhuriyyəti Ensiklopediyası. Bakı,\n"
        "2004.\n"
        "² Parlamentin protokolları Milli Arxivdə saxlanılır.\n"
        "\n"
        "23\n"
        "\fmüzakirələrə səbəb olurdu, lakin qərarlar səs çoxluğu ilə verilirdi.\n";
    S_out o;
    S_run_invariant(in, &o);
    ck_assert_str_eq(o.text.p,
        "Parlamentin ilk iclası 1918-ci il dekabrın 7-də Bakıda keçirildi.¹ Parlamentdə "
        "müxtəlif partiyaların və milli azlıqların nümayəndələri təmsil olunurdu² və burada "
        "qəbul edilən qanunlar tez-tez qızğın müzakirələrə səbəb olurdu, lakin qərarlar "
        "səs çoxluğu ilə verilirdi.\n"
        "¹ Bax: Azərbaycan Xalq Cümhuriyyəti Ensiklopediyası. Bakı, 2004.\n"
        "² Parlamentin protokolları Milli Arxivdə saxlanılır.\n");
    ck_assert_uint_eq(o.notes, 2);
    ck_assert_uint_eq(o.unplaced, 0);
    ck_assert_ptr_nonnull(strstr(o.tei.p, "keçirildi.¹<note place=\"foot\" n=\"1\" xml:id=\"fn1\""
                                          " cert=\"0.95\"><lb/>¹ Bax:"));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "olunurdu²<note place=\"foot\" n=\"2\" xml:id=\"fn2\""));
    /* the body goes on right after each note */
    ck_assert_ptr_nonnull(strstr(o.tei.p, "2004.</note><lb/>Parlamentdə"));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "saxlanılır.</note> və burada"));
    /* where they were printed: the rule, then an anchor each */
    ck_assert_ptr_nonnull(strstr(o.tei.p,
        "<fw type=\"noteRule\" place=\"bottom\">_______________</fw>"
        "<anchor type=\"footnote\" corresp=\"#fn1\" resp=\"#berpa\" cert=\"0.95\"/>"
        "<anchor type=\"footnote\" corresp=\"#fn2\" resp=\"#berpa\" cert=\"0.95\"/>"));
    ck_assert_uint_eq(S_count(o.tei.p, "<note "), 2);
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"placed\":\"mark\",\"mark_line\":1,"
                                             "\"place_cert\":0.95"));
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"placed\":\"mark\",\"mark_line\":3,"));
    S_out_free(&o);
}
END_TEST

/* Marks as the body printed them for notes "1)" and "10)": a superscript,
 * "N)" glued to a word, plain digits glued to a word (OCR read the
 * superscript on the line); a number inside the text is no mark. */
START_TEST(mark_forms)
{
    const char *in =
        "   Bu sənəd 1920-ci ildə yazılmış¹ və sonra arxivə verilmişdir.\n"
        "Onun tarixi xronoloji10 cədvəldə göstərilir, 30 səhifə tutur.\n"
        "Mətn ilk dəfə müzakirə3) olunanda 12 nəfər iştirak edirdi.\n"
        "_________\n"
        "1) Arxiv, fond 970, siyahı 1.\n"
        "3) Protokol, 1920.\n"
        "10) Cədvəl əlavədə verilir.\n";
    S_out o;
    S_run_invariant(in, &o);
    ck_assert_uint_eq(o.notes, 3);
    ck_assert_uint_eq(o.unplaced, 0);
    ck_assert_ptr_nonnull(strstr(o.tei.p, "yazılmış¹<note place=\"foot\" n=\"1\""));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "xronoloji10<note place=\"foot\" n=\"10\""));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "müzakirə3)<note place=\"foot\" n=\"3\""));
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"place_cert\":0.7,\"place_why\":\"its number "
                                             "in plain digits"));
    ck_assert_ptr_null(strstr(o.tei.p, "1920<note"));
    ck_assert_ptr_null(strstr(o.tei.p, "12<note"));
    S_out_free(&o);
}
END_TEST

/* A mark not found on the page (a unit's power m² is none): the note stays
 * where it was printed, without an id or anchor, and is counted. */
START_TEST(no_mark_stays_at_foot)
{
    const char *in =
        "   Binanın sahəsi 200 m² idi, həyəti isə iki dəfə böyük idi və\n"
        "orada bağ salınmışdı.\n"
        "_________\n"
        "² Ölçülər 1930-cu ilin planına görədir.\n";
    S_out o;
    S_run_invariant(in, &o);
    ck_assert_uint_eq(o.notes, 1);
    ck_assert_uint_eq(o.unplaced, 1);
    ck_assert_ptr_null(strstr(o.tei.p, "m²<note"));
    ck_assert_ptr_null(strstr(o.tei.p, "<anchor"));
    ck_assert_ptr_null(strstr(o.tei.p, "xml:id=\"fn"));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "</fw>\n<note place=\"foot\" n=\"2\""));
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"placed\":\"foot\",\"place_cert\":0.5"));
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"notes_unplaced\":1"));
    ck_assert_str_eq(o.text.p,
        "Binanın sahəsi 200 m² idi, həyəti isə iki dəfə böyük idi və orada bağ salınmışdı.\n"
        "² Ölçülər 1930-cu ilin planına görədir.\n");
    S_out_free(&o);
}
END_TEST

/* Two marks on one line, and a note whose paragraph ended before the
 * foot: each note at its own mark, the anchors between the blocks. */
START_TEST(two_marks_one_line)
{
    const char *in =
        "   Şair Gəncədə* doğulmuş, Təbrizdə** yaşamışdır.\n"
        "   O, ömrünün sonunda doğma şəhərinə qayıtmışdır.\n"
        "_________\n"
        "* İndiki Gəncə şəhəri.\n"
        "** Cənubi Azərbaycanda.\n"
        "\n"
        "5\n";
    S_out o;
    S_run_invariant(in, &o);
    ck_assert_uint_eq(o.notes, 2);
    ck_assert_uint_eq(o.unplaced, 0);
    ck_assert_ptr_nonnull(strstr(o.tei.p, "Gəncədə*<note place=\"foot\" n=\"*\" xml:id=\"fn1\""));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "Təbrizdə**<note place=\"foot\" n=\"**\" xml:id=\"fn2\""));
    ck_assert_uint_eq(S_count(o.tei.p, "<anchor "), 2);
    S_out_free(&o);
}
END_TEST

/* Endnote marks: [N] and a superscript N glued to a word become a <ref>
 * to note N of the first list after them, only when that list holds it;
 * two chapters' lists numbered from 1 get ids of their own. */
START_TEST(endnote_refs)
{
    const char *in =
        "   Nizami Gəncəvinin yaradıcılığı yeni mərhələ idi [1]. Şairin poemaları\n"
        "bir çox dillərə tərcümə edilmişdir², onlardan biri [7] sayılır.\n"
        "\n"
        "Qeydlər\n"
        "\n"
        "[1] Bertels Y.E. Nizami Gəncəvi. Bakı: Elm, 1962.\n"
        "[2] Rüstəmov R. Tərcümələr haqqında. Bakı, 1981.\n"
        "\n"
        "İkinci fəsil\n"
        "\n"
        "   Füzulinin qəzəlləri də geniş yayılmışdır [1], bunu hamı bilir.\n"
        "\n"
        "Qeydlər\n"
        "\n"
        "1. Araslı H. Azərbaycan ədəbiyyatı tarixi. Bakı, 1958.\n";
    S_out o;
    S_run_invariant(in, &o);
    ck_assert_ptr_nonnull(strstr(o.tei.p, "mərhələ idi <ref target=\"#note-4-1\" resp=\"#berpa\" "
                                          "cert=\"0.9\">[1]</ref>."));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "edilmişdir<ref target=\"#note-4-2\" resp=\"#berpa\" "
                                          "cert=\"0.8\">²</ref>,"));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "biri [7] sayılır"));     /* no note 7 */
    ck_assert_ptr_nonnull(strstr(o.tei.p, "yayılmışdır <ref target=\"#note-13-1\""));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "n=\"1\" xml:id=\"note-4-1\""));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "n=\"2\" xml:id=\"note-4-2\""));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "n=\"1\" xml:id=\"note-13-1\""));
    ck_assert_uint_eq(S_count(o.tei.p, "<ref "), 3);
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"kind\":\"ref\",\"text\":\"[1]\","
                                             "\"target\":\"note-4-1\",\"cert\":0.9"));
    /* the clean text keeps the marks as they are */
    ck_assert_ptr_nonnull(strstr(o.text.p, "mərhələ idi [1]. Şairin"));
    S_out_free(&o);
}
END_TEST

/* A bracketed number with no endnote list after it is no ref. */
START_TEST(no_list_no_ref)
{
    const char *in =
        "Qeydlər\n"
        "\n"
        "[1] Bertels Y.E. Nizami Gəncəvi. Bakı: Elm, 1962.\n"
        "\n"
        "   Sonra gələn mətndə [1] yenə çəkilir, amma qeyd siyahısı yoxdur.\n";
    S_out o;
    S_run_invariant(in, &o);
    ck_assert_ptr_null(strstr(o.tei.p, "<ref "));
    S_out_free(&o);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("notes");
    TCase *tc = tcase_create("placed");
    tcase_add_test(tc, two_notes_at_their_marks);
    tcase_add_test(tc, mark_forms);
    tcase_add_test(tc, no_mark_stays_at_foot);
    tcase_add_test(tc, two_marks_one_line);
    suite_add_tcase(s, tc);
    tc = tcase_create("refs");
    tcase_add_test(tc, endnote_refs);
    tcase_add_test(tc, no_list_no_ref);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
