/* test_structure.c: Check suite for structure.c (verse, footnotes, lists)
 * and sections.c (endnotes, separators), run
 * through the whole pipeline as a user would. */
#define _GNU_SOURCE /* memmem */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "berpa.h"

#include "check_buf.h"
#include "check_run.h"

/* The outputs of one run and its structure counters. */
typedef struct S_out {
    S_buf text, tei, report;
    uint64_t verse, notes, furniture;
} S_out;

/* Runs `in` fed `chunk` bytes at a time (check_run.h). */
static void S_run(const char *in, size_t chunk, S_out *o)
{
    static const char *const names[] = { "verse_lines", "notes", "furniture" };
    uint64_t v[3];
    memset(o, 0, sizeof *o);
    S_run_doc(in, chunk, 0, &o->text, &o->tei, &o->report, names, v, 3);
    o->verse = v[0];
    o->notes = v[1];
    o->furniture = v[2];
}

static void S_out_free(S_out *o)
{
    free(o->text.p);
    free(o->tei.p);
    free(o->report.p);
}

/* S_run with the whole input at once into o, and again fed `chunk` bytes
 * at a time: the outputs must be the same. */
static void S_run_invariant(const char *in, size_t chunk, S_out *o)
{
    S_out o2;
    S_run(in, 1 << 20, o);
    S_run(in, chunk, &o2);
    ck_assert_str_eq(o->text.p, o2.text.p);
    ck_assert_str_eq(o->tei.p, o2.tei.p);
    S_out_free(&o2);
}


/* ---- verse ------------------------------------------------------------------ */

static const char *const S_poem[] = {
    "Gecə keçdi, səhər açıldı yenə,",   "Bülbül oxudu gülün üstündə.",
    "Dərdimi söylədim axan çaylara,",   "Çaylar da ağladı mənim yolumda.",
    "Dağlar başı dumanlıdır, çən gəlir,", "Yar yolunda gözlərimə nəm gəlir.",
    "Ömür keçir, bahar gedir, qış gəlir,", "Könlüm yenə həsrət ilə dolandı.",
};

START_TEST(poem_inside_prose)
{
    const char *in =
        "   Şair bu şeiri gəncliyində, doğma kəndindən ayrılanda yazmışdır.\n"
        "Şeir sonralar bir neçə dəfə nəşr olunmuş və mahnıya çevrilmişdir:\n"
        "\n"
        "      Çay daşdı, körpü yıxıldı,\n"
        "      Yol gözləyən yorğun qaldı.\n"
        "\n"
        "      Səhər açdı, külək qalxdı,\n"
        "      Bağda bir gül solğun qaldı.\n"
        "\n"
        "   Bu misralar xalq arasında indi də sevilə-sevilə oxunur, onları\n"
        "hamı əzbər bilir.\n";
    S_out o;
    S_run(in, 7, &o);
    ck_assert_str_eq(o.text.p,
        "Şair bu şeiri gəncliyində, doğma kəndindən ayrılanda yazmışdır. Şeir sonralar bir "
        "neçə dəfə nəşr olunmuş və mahnıya çevrilmişdir:\n"
        "Çay daşdı, körpü yıxıldı,\nYol gözləyən yorğun qaldı.\n"
        "Səhər açdı, külək qalxdı,\nBağda bir gül solğun qaldı.\n"
        "Bu misralar xalq arasında indi də sevilə-sevilə oxunur, onları hamı əzbər bilir.\n");
    ck_assert_uint_eq(o.verse, 4);
    /* two stanzas (a blank line between), then the prose goes on as a <p> */
    ck_assert_uint_eq(S_count(o.tei.p, "<lg type=\"stanza\""), 2);
    ck_assert_uint_eq(S_count(o.tei.p, "<l>"), 4);
    ck_assert_ptr_nonnull(strstr(o.tei.p, "</lg>\n<p>"));
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"kind\":\"stanza\""));
    S_out_free(&o);
}
END_TEST

/* A whole book of verse: 300 lines in stanzas of four, a page number every
 * 30 lines and no form feed.  It stays verse, one line a line, and the
 * numbers are furniture; the same for any feed. */
START_TEST(verse_300_lines_with_page_numbers)
{
    size_t cap = 64 * 1024, n = 0;
    char *in = malloc(cap);
    ck_assert_ptr_nonnull(in);
    for (int i = 0; i < 300; i++) {
        n += (size_t)snprintf(in + n, cap - n, "%s\n", S_poem[i % 8]);
        if (i % 30 == 29)
            n += (size_t)snprintf(in + n, cap - n, "%d\n", 40 + i / 30);
        else if (i % 4 == 3)
            n += (size_t)snprintf(in + n, cap - n, "\n");
    }
    S_out o;
    S_run_invariant(in, 3, &o);
    ck_assert_uint_eq(o.verse, 300);
    ck_assert_uint_eq(o.furniture, 10);
    ck_assert_uint_eq(S_count(o.text.p, "\n"), 300);
    for (int i = 0; i < 8; i++) {
        char line[128];
        snprintf(line, sizeof line, "%s\n", S_poem[i]);
        ck_assert_uint_eq(S_count(o.text.p, line), i < 4 ? 38 : 37);
    }
    ck_assert(strncmp(o.text.p, "Gecə keçdi, səhər açıldı yenə,\nBülbül", 38) == 0);
    ck_assert_ptr_null(strstr(o.text.p, "41"));
    S_out_free(&o);
    free(in);
}
END_TEST

/* A line-end hyphen inside verse stays: the next verse line is a line of
 * its own, not the rest of a word. */
START_TEST(verse_hyphen_stays)
{
    const char *in =
        "Gecə keçdi, səhər açıldı yenə,\n"
        "Bülbül oxudu gülün üstündə,\n"
        "Dərdimi söylədim axan çaylara,\n"
        "Çaylar da ağladı, ağladı ana-\n"
        "Dağlar başı dumanlıdır, çən gəlir,\n"
        "Yar yolunda gözlərimə nəm gəlir,\n"
        "Ömür keçir, bahar gedir, qış gəlir,\n"
        "Könlüm yenə həsrət ilə dolandı.\n";
    S_out o;
    S_run(in, 1 << 20, &o);
    ck_assert_uint_eq(o.verse, 8);
    ck_assert_ptr_nonnull(strstr(o.text.p, "ağladı ana-\nDağlar başı"));
    S_out_free(&o);
}
END_TEST

/* Prose whose lines happen to open with capitals (names) and end in a
 * comma is not verse: its sentences run on inside the lines. */
START_TEST(prose_is_not_verse)
{
    const char *in =
        "Bundan sonra, 8 oktyabr 1895-ci ildə, sarayındakı kralı rəsmi yataqxanası olan\n"
        "Geoncheong Sarayındakı iqamətgahında Kraliça\n"
        "Min'in öldürülməsini təşkil etdi. Azərbaycanda\n"
        "Yalama-Xudat çaylarında (Tel çay, Nurgədi, Xuray,\n"
        "Vələmir və Samur) yayılmışdır. Sonradan, müstən-\n"
        "tiqlərin dediyinə görə, iş başqa bir maddəyə də\n"
        "Bakı, Gəncə, Sumqayıt,\n"
        "Şəki, Quba və Lənkəran şəhərlərində dəyişdirilə bilər.\n";
    S_out o;
    S_run(in, 1 << 20, &o);
    ck_assert_uint_eq(o.verse, 0);
    ck_assert_uint_eq(S_count(o.tei.p, "<lg"), 0);
    S_out_free(&o);
}
END_TEST


/* Couplets (beyt) of a ghazal: pairs of lines with no comma at their ends,
 * blank lines between; a whole divan of them, in units of 512 lines and
 * without form feeds, stays verse for any feed. */
static const char *const S_beyt[] = {
    "Məni candan usandırdı cəfadan yar usanmazmı",
    "Fələklər yandı ahımdan muradım şəmi yanmazmı",
    "Qəmim pünhan dutardım mən dedilər yarə qıl ruşən",
    "Desəm ol bivəfa bilməm inanırmı inanmazmı",
    "Şəbi-hicran yanar canım tökər qan çeşmi-giryanım",
    "Oyadır xəlqi əfğanım qara bəxtim oyanmazmı",
};

START_TEST(ghazal_couplets)
{
    size_t cap = 64 * 1024, n = 0;
    char *in = malloc(cap);
    ck_assert_ptr_nonnull(in);
    n += (size_t)snprintf(in + n, cap - n,
                          "Füzulinin bu qəzəli divanın ən məşhur nümunələrindən biridir və onu\n"
                          "əsrlər boyu xanəndələr oxumuşlar.\n\n");
    for (int i = 0; i < 12; i++)
        n += (size_t)snprintf(in + n, cap - n, "%s\n%s\n\n", S_beyt[(2 * i) % 6],
                              S_beyt[(2 * i + 1) % 6]);
    n += (size_t)snprintf(in + n, cap - n, "Bu qəzəl muğam ifaçılarının repertuarına daxildir.\n");
    S_out o;
    S_run(in, 9, &o);
    ck_assert_uint_eq(o.verse, 24);
    ck_assert_uint_eq(S_count(o.tei.p, "<lg type=\"couplet\""), 12);
    ck_assert_uint_eq(S_count(o.tei.p, "<l>"), 24);
    ck_assert_uint_eq(S_count(o.text.p, "\n"), 26);
    ck_assert_ptr_nonnull(strstr(o.text.p, "oxumuşlar.\nMəni candan"));
    ck_assert_ptr_nonnull(strstr(o.report.p, "couplets: pairs of short lines"));
    S_out_free(&o);
    free(in);
}
END_TEST

START_TEST(divan_of_couplets)
{
    size_t cap = 256 * 1024, n = 0;
    char *in = malloc(cap);
    ck_assert_ptr_nonnull(in);
    for (int i = 0; i < 700; i++) /* 2100 lines, four units of 512 */
        n += (size_t)snprintf(in + n, cap - n, "%s\n%s\n\n", S_beyt[(2 * i) % 6],
                              S_beyt[(2 * i + 1) % 6]);
    S_out o;
    S_run_invariant(in, 1000, &o);
    ck_assert_uint_eq(o.verse, 1400);
    ck_assert_uint_eq(S_count(o.tei.p, "<lg type=\"couplet\""), 700);
    S_out_free(&o);
    free(in);
}
END_TEST

/* Rübai: stanzas of four lines with no commas at their ends are verse
 * (stanzas, not couplets); short prose paragraphs of two lines, the second
 * wrapped in lower case, are not. */
START_TEST(quatrains_and_short_paragraphs)
{
    const char *in =
        "Yar getdi gözlərim yolda qaldı\n"
        "Könlüm quşu dərdli qəfəsdə qaldı\n"
        "Bir gül açdı bağda xəzan vurdu\n"
        "Bülbülün naləsi nəfəsdə qaldı\n"
        "\n"
        "Dünya bir karvandır gəlib keçəcək\n"
        "Hər kəs öz payını burda seçəcək\n"
        "Sevən ürək sevgi şərbətin içər\n"
        "Sevməyən dünyadan susuz köçəcək\n";
    S_out o;
    S_run(in, 4, &o);
    ck_assert_uint_eq(o.verse, 8);
    ck_assert_uint_eq(S_count(o.tei.p, "<lg type=\"stanza\""), 2);
    ck_assert_uint_eq(S_count(o.tei.p, "<lg type=\"couplet\""), 0);
    S_out_free(&o);

    const char *prose =
        "Kənddə yeni məktəb tikildi və dərslər sentyabrda\n"
        "başladı.\n"
        "\n"
        "Məktəbin həyətində böyük bir bağ salındı, ağaclar\n"
        "uşaqlar tərəfindən əkildi.\n"
        "\n"
        "Müəllimlər şəhərdən gəldilər və kənddə qalmağa\n"
        "razı oldular.\n"
        "\n"
        "Valideynlər də məktəbin işlərinə kömək etdilər və\n"
        "hər həftə iclas keçirildi.\n";
    S_run(prose, 4, &o);
    ck_assert_uint_eq(o.verse, 0);
    ck_assert_uint_eq(S_count(o.text.p, "\n"), 4);
    S_out_free(&o);
}
END_TEST

/* ---- footnotes ---------------------------------------------------------------- */

/* A page with two footnotes under a rule; its paragraph goes on on the next
 * page: one paragraph, the notes after it, one a line. */
START_TEST(two_footnotes_paragraph_continues)
{
    const char *in =
        "   Parlamentin ilk iclası 1918-ci il dekabrın 7-də Bakıda keçirildi.¹\n"
        "Parlamentdə müxtəlif partiyaların və milli azlıqların nümayəndələri\n"
        "təmsil olunurdu.² Burada qəbul edilən qanunlar tez-tez qızğın\n"
        "_______________\n"
        "¹ Bax: Azərbaycan Xalq Cümhuriyyəti Ensiklopediyası. Bakı,\n"
        "2004.\n"
        "² Parlamentin protokolları Milli Arxivdə saxlanılır.\n"
        "\n"
        "23\n"
        "\fmüzakirələrə səbəb olurdu, lakin qərarlar səs çoxluğu ilə verilirdi.\n"
        "   Cümhuriyyətin iyirmi üç aylıq fəaliyyəti dövründə görülən işlər\n"
        "bu gün də tədqiqatçıların diqqətini cəlb edir.\n";
    S_out o;
    S_run(in, 5, &o);
    ck_assert_str_eq(o.text.p,
        "Parlamentin ilk iclası 1918-ci il dekabrın 7-də Bakıda keçirildi.¹ Parlamentdə "
        "müxtəlif partiyaların və milli azlıqların nümayəndələri təmsil olunurdu.² Burada "
        "qəbul edilən qanunlar tez-tez qızğın müzakirələrə səbəb olurdu, lakin qərarlar "
        "səs çoxluğu ilə verilirdi.\n"
        "¹ Bax: Azərbaycan Xalq Cümhuriyyəti Ensiklopediyası. Bakı, 2004.\n"
        "² Parlamentin protokolları Milli Arxivdə saxlanılır.\n"
        "Cümhuriyyətin iyirmi üç aylıq fəaliyyəti dövründə görülən işlər bu gün də "
        "tədqiqatçıların diqqətini cəlb edir.\n");
    ck_assert_uint_eq(o.notes, 2);
    ck_assert_ptr_nonnull(strstr(o.tei.p, "<note place=\"foot\" n=\"1\""));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "<note place=\"foot\" n=\"2\""));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "<fw type=\"noteRule\" place=\"bottom\">"));
    /* the notes stand inside the paragraph, which goes on after the page break */
    const char *body = strstr(o.tei.p, "<body>"), *n2 = strstr(o.tei.p, "saxlanılır.</note>");
    ck_assert_ptr_nonnull(body);
    ck_assert_ptr_nonnull(n2);
    ck_assert_ptr_null(memmem(body, (size_t)(n2 - body), "</p>", 4));
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"kind\":\"note\""));
    S_out_free(&o);
}
END_TEST

/* No rule: lines at the page foot that open with a mark the page calls
 * (glued to a word) are notes; a mark the page does not call is not. */
START_TEST(footnotes_without_rule)
{
    const char *in =
        "Şəhərin əsası XII əsrdə qoyulmuşdur.* Qalanın divarları sonralar bərpa\n"
        "edilmişdir.\n"
        "* Tarixçilərin çoxu bu tarixi qəbul edir.\n"
        "\f   Qalanın içində iki məscid var.\n"
        "¹ Bu cümlə qeyd deyil, çünki işarəsi mətndə yoxdur.\n";
    S_out o;
    S_run(in, 1 << 20, &o);
    ck_assert_uint_eq(o.notes, 1);
    ck_assert_str_eq(o.text.p,
        "Şəhərin əsası XII əsrdə qoyulmuşdur.* Qalanın divarları sonralar bərpa edilmişdir.\n"
        "* Tarixçilərin çoxu bu tarixi qəbul edir.\n"
        "Qalanın içində iki məscid var.\n"
        "¹ Bu cümlə qeyd deyil, çünki işarəsi mətndə yoxdur.\n");
    ck_assert_ptr_null(strstr(o.tei.p, "<note place=\"foot\" n=\"1\""));
    S_out_free(&o);
}
END_TEST

/* ---- lists ------------------------------------------------------------------- */

START_TEST(list_after_colon)
{
    const char *in =
        "Bazarda bu meyvələr satılır:\n"
        "alma,\n"
        "armud,\n"
        "üzüm.\n"
        "Sonra evə qayıtdıq və uzun müddət dincəldik, çünki yol çox uzun idi və\n"
        "hamı yorulmuşdu.\n";
    S_out o;
    S_run(in, 2, &o);
    ck_assert_str_eq(o.text.p, "Bazarda bu meyvələr satılır:\nalma,\narmud,\nüzüm.\n"
                               "Sonra evə qayıtdıq və uzun müddət dincəldik, çünki yol çox "
                               "uzun idi və hamı yorulmuşdu.\n");
    ck_assert_uint_eq(S_count(o.tei.p, "<item>"), 3);
    ck_assert_uint_eq(S_count(o.tei.p, "<list>"), 1);
    S_out_free(&o);
}
END_TEST

/* Numbered items whose last line is long, and the wrapped lines of each. */
START_TEST(numbered_items_wrap)
{
    const char *in =
        "Maddə 7. İşçinin hüquqları\n"
        "1. İşçi əmək müqaviləsində nəzərdə tutulmuş şərtlərlə işlə təmin olunmaq,\n"
        "vaxtında və tam həcmdə əmək haqqı almaq hüququna malikdir.\n"
        "2. İşçi ildə bir dəfə məzuniyyət almaq hüququna malikdir və məzuniyyətin\n"
        "müddəti bu Məcəllə ilə müəyyən edilir, kollektiv müqavilə ilə artırıla bilər.\n"
        "3. İşçi həmkarlar ittifaqına üzv ola bilər.\n";
    S_out o;
    S_run(in, 1 << 20, &o);
    ck_assert_uint_eq(S_count(o.text.p, "\n"), 4);
    ck_assert_ptr_nonnull(strstr(o.text.p, "artırıla bilər.\n3. İşçi"));
    ck_assert_uint_eq(S_count(o.tei.p, "<item>"), 3); /* 1. after the heading too */
    S_out_free(&o);
}
END_TEST

/* Dialogue turns open with a dash but are paragraphs, not list items. */
START_TEST(dialogue_is_not_a_list)
{
    const char *in =
        "Qapı açıldı və içəri qonşumuz girdi.\n"
        "– Hara gedirsən? – deyə Əli soruşdu.\n"
        "– Evə, – dedi o.\n";
    S_out o;
    S_run(in, 1 << 20, &o);
    ck_assert_uint_eq(S_count(o.tei.p, "<item>"), 0);
    ck_assert_uint_eq(S_count(strstr(o.tei.p, "<body>"), "<p>"), 3);
    S_out_free(&o);
}
END_TEST


/* ---- endnotes and separators -------------------------------------------------- */

/* An endnote list under "Qeydlər": one note a line, wrapped lines joined,
 * TEI note place="end" in a notes div; the body's paragraph untouched. */
START_TEST(endnotes_under_heading)
{
    const char *in =
        "   Azərbaycan ədəbiyyatının tarixi XII əsrdə Nizami Gəncəvinin\n"
        "yaradıcılığı ilə yeni mərhələyə qədəm qoymuşdur [1]. Şairin poemaları\n"
        "sonralar bir çox dillərə tərcümə edilmişdir [2].\n"
        "\n"
        "Qeydlər\n"
        "\n"
        "1. Bertels Y.E. Nizami Gəncəvi. Bakı: Elm, 1962, səh. 45-48.\n"
        "2. Rüstəmov R. Nizami poemalarının tərcümələri haqqında. Bakı,\n"
        "1981, səh. 12.\n"
        "3) Araslı H. Azərbaycan ədəbiyyatı tarixi. I cild. Bakı, 1958.\n";
    S_out o;
    S_run(in, 3, &o);
    ck_assert_str_eq(o.text.p,
        "Azərbaycan ədəbiyyatının tarixi XII əsrdə Nizami Gəncəvinin yaradıcılığı ilə yeni "
        "mərhələyə qədəm qoymuşdur [1]. Şairin poemaları sonralar bir çox dillərə tərcümə "
        "edilmişdir [2].\n"
        "Qeydlər\n"
        "1. Bertels Y.E. Nizami Gəncəvi. Bakı: Elm, 1962, səh. 45-48.\n"
        "2. Rüstəmov R. Nizami poemalarının tərcümələri haqqında. Bakı, 1981, səh. 12.\n"
        "3) Araslı H. Azərbaycan ədəbiyyatı tarixi. I cild. Bakı, 1958.\n");
    ck_assert_uint_eq(o.notes, 3);
    /* the heading a decision with its certainty */
    ck_assert_ptr_nonnull(strstr(o.tei.p, "<div type=\"notes\">\n<head cert=\"0."));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "\"><lb/>Qeydlər</head>"));
    ck_assert_ptr_nonnull(strstr(o.tei.p, "<note place=\"end\" type=\"endnote\" n=\"3\""));
    ck_assert_uint_eq(S_count(o.tei.p, "type=\"endnote\""), 3);
    ck_assert_uint_eq(S_count(o.tei.p, "<item>"), 0);
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"kind\":\"endnote\""));
    S_out_free(&o);
}
END_TEST

/* A law's list of amendments across pages: "[N]" alone on its line, the
 * note's first line the same for three notes ("... Qanunu ilə"), a page
 * foot inside a note.  Nothing of it is dropped as a running head or
 * foot, and the list goes on past the context of its heading. */
START_TEST(endnotes_recurring_lines_kept)
{
    size_t cap = 64 * 1024, n = 0;
    char *in = malloc(cap);
    ck_assert_ptr_nonnull(in);
    for (int p = 1; p <= 3; p++) {
        n += (size_t)snprintf(in + n, cap - n, "Maddə %d. Ümumi müddəalar\n\n", p);
        for (int i = 1; i <= 6; i++)
            n += (size_t)snprintf(in + n, cap - n,
                                  "%d.%d. Bu Qanun tibbi sığorta sahəsində münasibətləri "
                                  "tənzimləyir və\nsığortalıların %d hüququnu müəyyən edir.\n",
                                  p, i, 10 * p + i);
        n += (size_t)snprintf(in + n, cap - n, "\n%d\n\f", p);
    }
    n += (size_t)snprintf(in + n, cap - n, "QANUNA EDİLƏN DƏYİŞİKLİK VƏ ƏLAVƏLƏRİN SİYAHISI\n\n");
    for (int k = 1; k <= 6; k++) {
        n += (size_t)snprintf(in + n, cap - n,
                              "[%d]\n24 fevral 2009-cu il tarixli 778-IIIQD nömrəli "
                              "Azərbaycan Respublikasının Qanunu ilə\n%d-ci maddə yeni "
                              "redaksiyada verilmişdir.\n",
                              k, k + 2);
        if (k % 2 == 0)
            n += (size_t)snprintf(in + n, cap - n, "\n%d\n\f", 3 + k / 2);
    }
    S_out o;
    S_run_invariant(in, 7, &o);
    ck_assert_uint_eq(o.notes, 6);
    ck_assert_uint_eq(S_count(o.text.p, "Qanunu ilə "), 6);
    for (int k = 1; k <= 6; k++) {
        char line[200];
        snprintf(line, sizeof line,
                 "[%d] 24 fevral 2009-cu il tarixli 778-IIIQD nömrəli Azərbaycan "
                 "Respublikasının Qanunu ilə %d-ci maddə yeni redaksiyada verilmişdir.\n",
                 k, k + 2);
        ck_assert_msg(strstr(o.text.p, line), "note %d: %s", k, o.text.p);
    }
    S_out_free(&o);
    free(in);
}
END_TEST

/* Numbered lines under no notes heading stay what they were, and the
 * heading word inside a sentence is no heading. */
START_TEST(no_endnotes_without_heading)
{
    const char *in =
        "Qeydlər dəftəri masanın üstündə idi və hamı onu oxuyurdu.\n"
        "1. Birinci bənd burada yazılır və tam cümlə ilə bitir.\n"
        "2. İkinci bənd də belə yazılır və tam cümlə ilə bitir.\n";
    S_out o;
    S_run(in, 1 << 20, &o);
    ck_assert_uint_eq(o.notes, 0);
    ck_assert_uint_eq(S_count(o.tei.p, "endnote"), 0);
    S_out_free(&o);
}
END_TEST

/* Separator lines stay lines of their own, never glued to the text after
 * them; TEI: a section milestone and the line in <ab type="separator">. */
START_TEST(separators)
{
    const char *in =
        "Birinci bölmənin son cümləsi burada bitir-\n"
        "\n"
        "---\n"
        "\n"
        "İkinci bölmə yeni abzasla başlayır.\n"
        "* * *\n"
        "Üçüncü bölmə də belə başlayır.\n"
        "___\n"
        "Dördüncü bölmə.\n";
    S_out o;
    S_run(in, 2, &o);
    ck_assert_str_eq(o.text.p,
        "Birinci bölmənin son cümləsi burada bitir-\n---\n"
        "İkinci bölmə yeni abzasla başlayır.\n* * *\nÜçüncü bölmə də belə başlayır.\n"
        "___\nDördüncü bölmə.\n");
    ck_assert_ptr_nonnull(strstr(o.tei.p, "<milestone unit=\"section\" rend=\"* * *\"/>"
                                          "<ab type=\"separator\" cert=\"0.95\"><lb/>* * *</ab>"));
    ck_assert_uint_eq(S_count(o.tei.p, "<milestone unit=\"section\""), 3);
    ck_assert_uint_eq(S_count(o.tei.p, "<ab type=\"separator\""), 3);
    ck_assert_ptr_nonnull(strstr(o.report.p, "\"kind\":\"separator\""));
    S_out_free(&o);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("structure");
    TCase *tc = tcase_create("verse");
    tcase_add_test(tc, poem_inside_prose);
    tcase_add_test(tc, verse_300_lines_with_page_numbers);
    tcase_add_test(tc, verse_hyphen_stays);
    tcase_add_test(tc, prose_is_not_verse);
    tcase_add_test(tc, ghazal_couplets);
    tcase_add_test(tc, divan_of_couplets);
    tcase_add_test(tc, quatrains_and_short_paragraphs);
    suite_add_tcase(s, tc);
    tc = tcase_create("sections");
    tcase_add_test(tc, endnotes_under_heading);
    tcase_add_test(tc, endnotes_recurring_lines_kept);
    tcase_add_test(tc, no_endnotes_without_heading);
    tcase_add_test(tc, separators);
    suite_add_tcase(s, tc);
    tc = tcase_create("notes");
    tcase_add_test(tc, two_footnotes_paragraph_continues);
    tcase_add_test(tc, footnotes_without_rule);
    suite_add_tcase(s, tc);
    tc = tcase_create("lists");
    tcase_add_test(tc, list_after_colon);
    tcase_add_test(tc, numbered_items_wrap);
    tcase_add_test(tc, dialogue_is_not_a_list);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
