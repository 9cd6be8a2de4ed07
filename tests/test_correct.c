/* test_correct.c: Check suite for correct.c (the error model, the
 * candidate search, the ranking and do-no-harm), on a throwaway dictionary
 * and error table so that it needs nothing built. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stages.h"

static char S_dir[64];
static char S_prefix[96];

static void S_write(const char *name, const char *text)
{
    char path[160];
    snprintf(path, sizeof path, "%s/%s", S_dir, name);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static const char *const S_files[] = { "az_AZ.aff", "az_AZ.dic", "az_AZ.freq", "az_AZ.errors" };

static void S_setup(void)
{
    strcpy(S_dir, "/tmp/berpa-correct.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(S_dir));
    snprintf(S_prefix, sizeof S_prefix, "%s/az_AZ", S_dir);
    S_write("az_AZ.aff", "SET UTF-8\nLANG az_AZ\n");
    S_write("az_AZ.dic", "29\nenerji\nAzərbaycan\nolmadığı\ntərəfdən\nkəsa\nkasə\nədəbiyyat\nbu\ngün\n"
                         "gəldi\nvə\nva\nkitab\nyazdı\nsözü\nABŞ\nNəsimi\ndur\nkitabı\nkitabının\nnin\n"
                         "qardaşları\nqardaşlarımız\nmiz\nsosial\niqtisadi\nolmuş\nolmuşdur\ndür\n");
    S_write("az_AZ.freq", "azərbaycan\t24627\nolmadığı\t5000\ntərəfdən\t20000\nkəsa\t10\n"
                          "kasə\t10\nədəbiyyat\t1000\nbu\t342074\ngün\t9000\ngəldi\t3000\n"
                          "və\t1376048\nva\t5\nkitab\t900\nyazdı\t800\nsözü\t700\ndur\t5000\n"
                          "kitabı\t400\nkitabının\t300\nnin\t50\n"
                          "qardaşları\t2223\nmiz\t189\nsosial\t5000\niqtisadi\t8000\n"
                          "olmuş\t100000\nolmuşdur\t70000\ndür\t300\n");
    S_write("az_AZ.errors",
            "# a test table\n"
            "sub\th\tb\t53\t3.470\n"
            "sub\ti\tı\t205\t2.542\n"
            "sub\ti\tə\t3\t4.000\n"
            "sub\ta\tə\t46\t4.978\n"
            "sub\t\ty\t5\t5.500\n"
            "sub\t\tu\t5\t4.000\n"
            "sub\t,\t;\t13\t0.616\n"
            "sub\tü\tu\t20\t3.000\n"
            "this line is malformed\n"
            "split\t\t\t2\t3.000\n"
            "merge\t\t\t1\t8.909\n"
            "never\t\tj\t18\t0\n");
}

static void S_teardown(void)
{
    char path[160];
    for (size_t i = 0; i < sizeof S_files / sizeof *S_files; i++) {
        snprintf(path, sizeof path, "%s/%s", S_dir, S_files[i]);
        unlink(path);
    }
    rmdir(S_dir);
}

static void S_add(bp_doc *d, const char *raw)
{
    bp_line *l = bp_doc_push(d);
    ck_assert_ptr_nonnull(l);
    size_t n = strlen(raw);
    l->text = malloc(n + 1);
    memcpy(l->text, raw, n + 1);
    l->len = (uint32_t)n;
    l->lineno = d->nlines;
    if (n == 0)
        l->role = BP_ROLE_BLANK;
    if (n >= 2 && raw[n - 1] == '-' && raw[n - 2] != ' ') {
        l->flags |= BP_LF_HYPHEN_END;
        l->hy_at = (uint32_t)n - 1;
        l->hy_len = 1;
        l->hy_kind = BP_BREAK_HYPHEN;
    }
    d->bytes += n;
}

/* What a run of the stage did. */
typedef struct S_res {
    bp_doc d;
    bp_correct_stats st;
} S_res;

/* Counts the document, then corrects it with the test dictionary and
 * table at threshold p.  conf >= 0 gives every line one OCR word of that
 * confidence, with S_alt's reading (offset in the line) when set. */
static bp_charalt *S_alt;
/* Flags for the lines of the next runs (NULL: none), as structure.c sets
 * them (BP_LF_VERSE). */
static const uint32_t *S_lflags;
static void S_run_cr(S_res *r, const char *const *lines, size_t n, float p, float conf,
                     bp_corrector *cr);

static void S_run(S_res *r, const char *const *lines, size_t n, float p, float conf)
{
    S_run_cr(r, lines, n, p, conf, NULL);
}

/* S_run with the run's memory of decisions cr (NULL: none). */
static void S_run_cr(S_res *r, const char *const *lines, size_t n, float p, float conf,
                     bp_corrector *cr)
{
    memset(r, 0, sizeof *r);
    bp_doc_init(&r->d);
    for (size_t i = 0; i < n; i++) {
        S_add(&r->d, lines[i]);
        if (S_lflags)
            r->d.lines[i].flags |= S_lflags[i];
    }
    if (conf >= 0) {
        for (size_t i = 0; i < r->d.nlines; i++) {
            bp_line *l = &r->d.lines[i];
            l->words = calloc(1, sizeof *l->words);
            ck_assert_ptr_nonnull(l->words);
            l->words[0] = (bp_word){ .at = 0, .len = l->len, .conf = conf, .alts = S_alt,
                                     .nalts = S_alt ? 1 : 0 };
            l->nwords = 1;
        }
    }
    bp_diagctx dc = { 0 };
    berpa_status st;
    bp_lexicon *lx = bp_lexicon_open(S_prefix, NULL, &dc, &st);
    ck_assert_ptr_nonnull(lx);
    bp_errmodel *em = bp_errmodel_new();
    ck_assert_ptr_nonnull(em);
    char path[160];
    snprintf(path, sizeof path, "%s/az_AZ.errors", S_dir);
    ck_assert_int_eq(bp_errmodel_load(em, path), BERPA_OK);
    bp_wordstats *ws = bp_wordstats_new(1000);
    bp_wordstats_add(ws, &r->d, 0, r->d.nlines);
    bp_correct_opts o = { .threshold = p };
    ck_assert_int_eq(bp_correct(&r->d, 0, r->d.nlines, lx, em, ws, &o, &dc, cr, &r->st), BERPA_OK);
    bp_wordstats_free(ws);
    bp_errmodel_free(em);
    bp_lexicon_free(lx);
}

static void S_free(S_res *r)
{
    for (size_t i = 0; i < r->d.nlines; i++) {
        free(r->d.lines[i].words);
        r->d.lines[i].words = NULL;
    }
    bp_doc_free(&r->d);
}

/* The one OCR edit of line i: its original, its cert and reason. */
static const bp_edit *S_ocr_edit(const bp_line *l, size_t k)
{
    size_t seen = 0;
    for (uint32_t j = 0; j < l->nedits; j++)
        if (l->edits[j].kind == BP_EDIT_OCR && seen++ == k)
            return &l->edits[j];
    return NULL;
}

/* Asserts that line l's first OCR edit undid `orig`, at least as sure as
 * cert, for a reason that mentions `why`; returns it. */
static const bp_edit *S_expect_edit(const bp_line *l, const char *orig, float cert, const char *why)
{
    const bp_edit *e = S_ocr_edit(l, 0);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(e->orig, orig);
    ck_assert_float_ge(e->cert, cert);
    ck_assert_ptr_nonnull(strstr(e->why, why));
    return e;
}

START_TEST(error_model_table)
{
    bp_errmodel *em = bp_errmodel_new();
    ck_assert_ptr_nonnull(em);
    char path[160];
    snprintf(path, sizeof path, "%s/az_AZ.errors", S_dir);
    ck_assert_int_eq(bp_errmodel_load(em, path), BERPA_OK);
    /* eight substitutions; comments, the malformed line, split, merge and
     * never are not substitutions */
    ck_assert_uint_eq(bp_errmodel_size(em), 8);
    ck_assert_int_eq(bp_errmodel_load(em, "/nonexistent/az_AZ.errors"), BERPA_E_IO);
    /* too long a side or nothing on either side is not a confusion */
    ck_assert(bp_errmodel_add(em, "", "", 1.0f));
    ck_assert(bp_errmodel_add(em, "abcdefghij", "x", 1.0f));
    ck_assert_uint_eq(bp_errmodel_size(em), 8);
    ck_assert(bp_errmodel_add(em, "rn", "m", 2.3f));
    ck_assert_uint_eq(bp_errmodel_size(em), 9);
    bp_errmodel_free(em);
}
END_TEST

START_TEST(one_and_two_confusions)
{
    static const char *const lines[] = { "Bu gün Azərhaycan olmadiği kitab yazdı." };
    S_res r;
    S_run(&r, lines, 1, 0.5f, -1);
    const bp_line *l = &r.d.lines[0];
    ck_assert_str_eq(l->text, "Bu gün Azərbaycan olmadığı kitab yazdı.");
    ck_assert_uint_eq(r.st.applied, 2);
    const bp_edit *e = S_ocr_edit(l, 0);
    ck_assert_ptr_nonnull(e);
    /* nothing of the input lost: the edit holds what the OCR read */
    ck_assert_str_eq(e->orig, "Azərhaycan");
    ck_assert_float_ge(e->cert, 0.5f);
    ck_assert_float_le(e->cert, 1.0f);
    ck_assert_ptr_nonnull(e->why);
    e = S_ocr_edit(l, 1);
    ck_assert_str_eq(e->orig, "olmadiği");
    ck_assert_ptr_nonnull(strstr(e->why, "two"));
    S_free(&r);
}
END_TEST

/* A word broken at a line end is corrected whole: the part that differs
 * takes the edit (the head for Azərhay-can, the tail for olma-diği), and
 * two words the corpus uses on each side (bu- gün) are left to the
 * dehyphenator. */
START_TEST(broken_word_whole)
{
    static const char *const lines[] = {
        "Bu gün Azərhay-", "can kitab olma-", "diği gəldi, bu-", "gün yazdı olmadi-",
        "ği kitab.",
    };
    S_res r;
    S_run(&r, lines, 5, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[0].text, "Bu gün Azərbay-");
    ck_assert_str_eq(r.d.lines[1].text, "can kitab olma-");
    ck_assert_str_eq(r.d.lines[2].text, "dığı gəldi, bu-");
    /* both parts differ: the head keeps its number of characters */
    ck_assert_str_eq(r.d.lines[3].text, "gün yazdı olmadı-");
    ck_assert_str_eq(r.d.lines[4].text, "ğı kitab.");
    S_expect_edit(&r.d.lines[0], "Azərhay", 0.5f, "broken");
    const bp_edit *e = S_ocr_edit(&r.d.lines[2], 0);
    ck_assert_ptr_nonnull(e);
    ck_assert_str_eq(e->orig, "diği");
    ck_assert_uint_eq(r.st.applied, 3);
    S_free(&r);
}
END_TEST

START_TEST(join_and_capital)
{
    static const char *const lines[] = { "Bu ti rəfdən gəldi, AzərbaYcan kitab yazdı." };
    S_res r;
    S_run(&r, lines, 1, 0.5f, -1);
    /* (a finite verb before a name: the comma a full stop, see
     * punct_sentence_end) */
    ck_assert_str_eq(r.d.lines[0].text, "Bu tərəfdən gəldi. Azərbaycan kitab yazdı.");
    ck_assert_str_eq(S_ocr_edit(&r.d.lines[0], 0)->orig, "ti rəfdən");
    S_free(&r);
}
END_TEST

/* Two candidates at the same cost: the one the document uses wins. */
START_TEST(document_evidence_ranks)
{
    static const char *const lines[] = {
        "Bu kasə və kasə gəldi,",
        "bu kasə və kasə yazdı,",
        "bu gün kasa gəldi.",
    };
    S_res r;
    S_run(&r, lines, 3, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[2].text, "bu gün kasə gəldi.");
    S_free(&r);
    /* without the evidence neither is sure enough: left as read, listed */
    static const char *const alone[] = { "bu gün kasa gəldi." };
    S_run(&r, alone, 1, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[0].text, "bu gün kasa gəldi.");
    ck_assert_uint_eq(r.st.applied, 0);
    ck_assert_uint_ge(r.st.unsure, 1);
    S_free(&r);
}
END_TEST

/* A real-word error: va is a word, but və is ten thousand times more
 * frequent and the document uses it throughout. */
START_TEST(real_word_with_evidence)
{
    static const char *const lines[] = {
        "bu və gün və kitab və sözü və yazdı və gəldi və",
        "bu gün kitab va sözü yazdı.",
    };
    S_res r;
    S_run(&r, lines, 2, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[1].text, "bu gün kitab və sözü yazdı.");
    S_free(&r);
    /* a real word whose neighbour is no more frequent stays, however
     * often the document uses the neighbour */
    static const char *const other[] = {
        "bu kəsa və kəsa gün kəsa kitab kəsa sözü kəsa,",
        "bu gün kitab kasə sözü yazdı.",
    };
    S_run(&r, other, 2, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[1].text, other[1]);
    S_free(&r);
}
END_TEST

START_TEST(threshold_and_confidence)
{
    static const char *const lines[] = { "Bu gün olmadiği kitab yazdı." };
    S_res r;
    /* a bar no candidate reaches: reported, not applied */
    S_run(&r, lines, 1, 0.999f, -1);
    ck_assert_str_eq(r.d.lines[0].text, lines[0]);
    ck_assert_uint_eq(r.st.applied, 0);
    ck_assert_uint_eq(r.st.unsure, 1);
    S_free(&r);
    /* a word the OCR was sure of is kept; an unsure one corrected */
    S_run(&r, lines, 1, 0.5f, 0.99f);
    ck_assert_str_eq(r.d.lines[0].text, lines[0]);
    S_free(&r);
    S_run(&r, lines, 1, 0.5f, 0.2f);
    ck_assert_str_eq(r.d.lines[0].text, "Bu gün olmadığı kitab yazdı.");
    S_free(&r);
}
END_TEST

/* Do no harm: known words, numbers, acronyms, names, a line-end break
 * between two used words and a spelling the document keeps (older
 * orthography: ədəbiyat) stay. */
START_TEST(do_no_harm)
{
    static const char *const lines[] = {
        "Bu gün ədəbiyat kitab yazdı, ədəbiyat sözü gəldi,",
        "bu ədəbiyat və ədəbiyat gün 2596 ABŞ kitab,",
        "bu gün Nəsimih yazdı və kitab gəldi bu-",
        "gün kitab ədəbiyat yazdı.",
    };
    S_res r;
    S_run(&r, lines, 4, 0.5f, -1);
    for (size_t i = 0; i < 4; i++)
        ck_assert_str_eq(r.d.lines[i].text, lines[i]);
    ck_assert_uint_eq(r.st.applied, 0);
    ck_assert_uint_gt(r.st.examined, 10);
    S_free(&r);
}
END_TEST

/* A sentence end read as a comma: a finite verb before and a common word
 * after (one the document writes in lower case, or an opener) make it a
 * full stop; a name after it (never written small) too, less sure (0.7:
 * a compound sentence may join clauses so), a note above that. */
START_TEST(punct_sentence_end)
{
    static const char *const lines[] = {
        "Bu gün kitab yazdı, Bu kitab gəldi,",
        "bu gün Nəsimi gəldi, Nəsimi kitab yazdı, Kitab",
        "gəldi. Bu gün kitab, Kitab gəldi.",
    };
    S_res r;
    S_run(&r, lines, 3, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[0].text, "Bu gün kitab yazdı. Bu kitab gəldi,");
    S_expect_edit(&r.d.lines[0], ",", 0.85f, "finite verb");
    /* a name after the verb (Nəsimi, never written small): a full stop,
     * less sure; Kitab before the line's end is a common word (kitab
     * elsewhere) */
    ck_assert_str_eq(r.d.lines[1].text, "bu gün Nəsimi gəldi. Nəsimi kitab yazdı. Kitab");
    const bp_edit *e = S_ocr_edit(&r.d.lines[1], 0);
    ck_assert_float_eq_tol(e->cert, 0.7f, 1e-6f);
    /* no verb before the comma (kitab): left as read */
    ck_assert_str_eq(r.d.lines[2].text, lines[2]);
    S_free(&r);
    /* asked to be surer than that: the name's one only a note */
    S_run(&r, lines, 3, 0.8f, -1);
    ck_assert_str_eq(r.d.lines[1].text, "bu gün Nəsimi gəldi, Nəsimi kitab yazdı. Kitab");
    ck_assert_uint_ge(r.st.unsure, 1);
    S_free(&r);
}
END_TEST

/* A broken word's tail before the comma is judged whole: yaz- dı, is a
 * finite verb ending a sentence; kita- bı, is none. */
START_TEST(punct_broken_verb)
{
    static const char *const lines[] = { "Bu gün kitab yaz-", "dı, Bu kita-", "bı, Bu gün gəldi." };
    S_res r;
    S_run(&r, lines, 3, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[1].text, "dı. Bu kita-");
    S_expect_edit(&r.d.lines[1], ",", 0.85f, "finite verb");
    ck_assert_str_eq(r.d.lines[2].text, lines[2]);
    S_free(&r);
}
END_TEST

/* A comma before a name is right where it joins two clauses of one
 * sentence: a particle (isə, da, də) sets the name beside the clause
 * before; two names joined by a hyphen (Nəsimi-Təbriz) are names even
 * when the dictionary knows a small form; a new paragraph after the
 * comma is no clause of the same sentence. */
START_TEST(punct_comma_before_name)
{
    static const char *const lines[] = {
        "bu gün Nəsimi gəldi, Nəsimi isə kitab yazdı.",
        "bu gün kitab yazdı, Kitab-Nəsimi sözü də gəldi.",
        "bu gün kitab yazdı, Kitab-",
        "Nəsimi sözü də gəldi. Bu gün Nəsimi gəldi,",
        "",
        "Nəsimi isə kitab yazdı.",
    };
    S_res r;
    S_run(&r, lines, 6, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[0].text, lines[0]);
    ck_assert_str_eq(r.d.lines[1].text, lines[1]);
    ck_assert_str_eq(r.d.lines[2].text, lines[2]);
    ck_assert_str_eq(r.d.lines[3].text, "Nəsimi sözü də gəldi. Bu gün Nəsimi gəldi.");
    S_free(&r);
}
END_TEST

/* A verse line ends in a comma where its sentence goes on in the next
 * verse line, whose capital is the verse's: left as read. */
START_TEST(punct_verse_line_end)
{
    static const char *const lines[] = {
        "Bu gün kitab yazdı,", "Bu gün kitab gəldi.",
        "Bu gün kitab yazdı,", "Bu gün kitab gəldi.",
    };
    static const uint32_t flags[] = { BP_LF_VERSE, BP_LF_VERSE, 0, 0 };
    S_res r;
    S_lflags = flags;
    S_run(&r, lines, 4, 0.5f, -1);
    S_lflags = NULL;
    ck_assert_str_eq(r.d.lines[0].text, lines[0]);
    /* the same in prose: a sentence end */
    ck_assert_str_eq(r.d.lines[2].text, "Bu gün kitab yazdı.");
    S_free(&r);
}
END_TEST

/* A list item's semicolon (which the aze model cannot output) read as a
 * colon or a comma: an infinitive ends the item and a new item follows. */
START_TEST(punct_list_item)
{
    static const char *const lines[] = {
        "bu kitab almaq,", "", "bu kitab yazmaq:", "sözü vermək.", "bu kitab almaq,",
        "bu gün gəldi.",
    };
    S_res r;
    S_run(&r, lines, 6, 0.5f, -1);
    /* the empty line is a blank line: a new item follows it */
    ck_assert_str_eq(r.d.lines[0].text, "bu kitab almaq;");
    ck_assert_str_eq(r.d.lines[2].text, "bu kitab yazmaq;");
    /* a comma inside a running sentence stays */
    ck_assert_str_eq(r.d.lines[4].text, lines[4]);
    S_free(&r);
}
END_TEST

/* An initial or a title read with a comma before a name; the pronoun O
 * and a list of letters keep theirs. */
START_TEST(punct_initials)
{
    static const char *const lines[] = {
        "bu gün A, Nəsimi gəldi, Dr, Nəsimi yazdı.",
        "bu A, B, C kitab. O, Nəsimi kitab yazdı.",
    };
    S_res r;
    S_run(&r, lines, 2, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[0].text, "bu gün A. Nəsimi gəldi. Dr. Nəsimi yazdı.");
    ck_assert_str_eq(r.d.lines[1].text, lines[1]);
    S_free(&r);
}
END_TEST

/* Every Azerbaijani syllable has a vowel: a short vowel-less word with a
 * capital or a point after it is an abbreviation (Dr, km), never a word
 * whose vowel the OCR dropped (Dr, -> Dur,); its comma before a name is
 * the title's full stop.  The same letters small, inside a sentence, are
 * still a misreading. */
START_TEST(vowelless_abbreviation)
{
    static const char *const lines[] = {
        "bu gün Dr, Nəsimi yazdı, 5 km, kitab gəldi",
        "bu gün dr kitab yazdı.",
    };
    S_res r;
    S_run(&r, lines, 2, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[0].text, "bu gün Dr. Nəsimi yazdı, 5 km, kitab gəldi");
    ck_assert_str_eq(r.d.lines[1].text, "bu gün dur kitab yazdı.");
    S_free(&r);
}
END_TEST

/* Guillemets read as letters: « as e glued to the word, » as ə. */
START_TEST(guillemets)
{
    static const char *const lines[] = {
        "bu gün ekitab yazdı, eNəsimi gəldi,",
        "bu «kitab yazdıə. bu gün gəldi.",
    };
    S_res r;
    S_run(&r, lines, 2, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[0].text, "bu gün «kitab yazdı. «Nəsimi gəldi,");
    ck_assert_str_eq(r.d.lines[1].text, "bu «kitab yazdı». bu gün gəldi.");
    ck_assert_str_eq(S_ocr_edit(&r.d.lines[1], 0)->orig, "ə");
    S_free(&r);
}
END_TEST

/* More readings of guillemets: « as another round letter before a
 * capitalised known word (aNəsimi) or as e before a very frequent short
 * word (ebu); » as ə after a high vowel (kitabıə), when a quote a line
 * before left open (gəldiə), and before a case ending (kitabıənın).  A
 * known word (kitabı), a loan ending in əə and an e-word stay. */
START_TEST(guillemets_more)
{
    static const char *const lines[] = {
        "bu gün aNəsimi və ebu kitabıə gəldi,",
        "bu gün «kitab yazdı və",
        "bu gəldiə sözü, «bu kitabıənın sözü gəldi.",
        "bu gün kitabı və sözüəə gəldi.",
    };
    S_res r;
    S_run(&r, lines, 4, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[0].text, "bu gün «Nəsimi və «bu kitabı» gəldi,");
    ck_assert_str_eq(r.d.lines[2].text, "bu gəldi» sözü, «bu kitabı»nın sözü gəldi.");
    ck_assert_str_eq(r.d.lines[3].text, lines[3]);
    S_free(&r);
}
END_TEST

/* A letter-spaced heading read as short pieces (hu si1, hu s): the
 * pieces stay as read; a short unknown word between real words is still
 * examined (hu -> bu). */
START_TEST(spaced_heading)
{
    static const char *const lines[] = { "II hu si1 kitab", "kitab hu s gün", "kitab hu gün" };
    S_res r;
    S_run(&r, lines, 3, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[0].text, lines[0]);
    ck_assert_str_eq(r.d.lines[1].text, lines[1]);
    ck_assert_str_eq(r.d.lines[2].text, "kitab bu gün");
    S_free(&r);
}
END_TEST

/* The percent sign read as 96 or /s: the suffix agrees with "faiz", not
 * with the number (…96 is "doxsan altı": back suffixes). */
START_TEST(percent_sign)
{
    static const char *const lines[] = {
        "bu 2596-dən çox, 1596-i kitab, 20/s-dən az gəldi.",
        "bu 1996-cı gün 1996-dək və 1996-ki kitab 2596 gəldi.",
    };
    S_res r;
    S_run(&r, lines, 2, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[0].text, "bu 25%-dən çox, 15%-i kitab, 20%-dən az gəldi.");
    ck_assert_str_eq(S_ocr_edit(&r.d.lines[0], 0)->orig, "96");
    ck_assert_str_eq(r.d.lines[1].text, lines[1]);
    S_free(&r);
}
END_TEST

/* A suffix after a number takes the harmony of the number read aloud:
 * the last word spoken (doqquz, altı, səksən, yüz, min, milyon; a
 * time's hour).  A suffix in harmony, -dək and -ki, a name's digits
 * (A4) and …96 (the percent sign's reading) stay. */
START_TEST(number_suffix_harmony)
{
    static const char *const lines[] = {
        "bu 1919-cü il, 6-ci gün, 80-cı, 500-cu, 2 000-a, 19:00-də, 8.0-dir, 3-dan 14-cünü.",
        "bu 1918-ci il, 6-cı gün, 10-dək, 3-ki, A4-cu, 1996-cı, 10-cu, 1 000 000-a.",
    };
    S_res r;
    S_run(&r, lines, 2, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[0].text, "bu 1919-cu il, 6-cı gün, 80-ci, 500-cü, 2 000-ə, "
                                        "19:00-da, 8.0-dır, 3-dən 14-cünü.");
    S_expect_edit(&r.d.lines[0], "cü", 0.85f, "harmony of the number");
    ck_assert_str_eq(r.d.lines[1].text, lines[1]);
    S_free(&r);
}
END_TEST

/* The number sign read as No or Ne before digits; No. with its point, a
 * word that starts so and a No without a number stay. */
START_TEST(number_sign)
{
    static const char *const lines[] = {
        "bu il No 725 və Ne12, kitab Ne 3-cü gün.",
        "bu No. 5 və Neft 3 və No kitab, ANe 3.",
    };
    S_res r;
    S_run(&r, lines, 2, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[0].text, "bu il \u2116 725 və \u211612, kitab \u2116 3-cü gün.");
    S_expect_edit(&r.d.lines[0], "No", 0.9f, "number sign");
    ck_assert_str_eq(r.d.lines[1].text, lines[1]);
    S_free(&r);
}
END_TEST

/* A broken word whose tail is a genitive ending (nın nin nun nün) is one
 * word, not a compound of two used words: decided whole (kitabı- nin ->
 * kitabının); two used words that are no such ending stay as read. */
START_TEST(broken_genitive)
{
    static const char *const lines[] = { "bu gün kitabı-", "nin sözü gəldi, bu kitab-", "gün gəldi." };
    S_res r;
    S_run(&r, lines, 3, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[1].text, "nın sözü gəldi, bu kitab-");
    ck_assert_str_eq(r.d.lines[2].text, lines[2]);
    S_free(&r);
}
END_TEST

/* A tail far rarer than its head is a broken word's suffix, misread
 * (qardaşları- miz where the document has qardaşlarımız, olmuş- dür), not
 * a compound's second word; two words
 * in use of their own stay a compound (sosial- iqtisadi). */
START_TEST(broken_suffix_tail)
{
    static const char *const lines[] = { "sizə qardaşları-", "miz dedi, sosial-",
                                         "iqtisadi işlər olmuş-", "dür, ey qardaşlarımız." };
    S_res r;
    S_run(&r, lines, 4, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[1].text, "mız dedi, sosial-");
    ck_assert_str_eq(r.d.lines[2].text, lines[2]);
    ck_assert_str_eq(r.d.lines[3].text, "dur, ey qardaşlarımız.");
    S_expect_edit(&r.d.lines[1], "miz", 0.5f, "broken");
    S_free(&r);
}
END_TEST

START_TEST(no_model_no_change)
{
    bp_doc d;
    bp_doc_init(&d);
    S_add(&d, "Bu gün Azərhaycan kitab.");
    bp_diagctx dc = { 0 };
    berpa_status st;
    bp_lexicon *lx = bp_lexicon_open(S_prefix, NULL, &dc, &st);
    bp_errmodel *em = bp_errmodel_new();
    bp_correct_opts o = { .threshold = 0.5f };
    bp_correct_stats cs = { 0 };
    /* an empty model, then no model at all */
    ck_assert_int_eq(bp_correct(&d, 0, 1, lx, em, NULL, &o, &dc, NULL, &cs), BERPA_OK);
    ck_assert_int_eq(bp_correct(&d, 0, 1, lx, NULL, NULL, &o, &dc, NULL, &cs), BERPA_OK);
    ck_assert_str_eq(d.lines[0].text, "Bu gün Azərhaycan kitab.");
    ck_assert_uint_eq(cs.examined, 0);
    bp_errmodel_free(em);
    bp_lexicon_free(lx);
    bp_doc_free(&d);
}
END_TEST

/* The run's memory of decisions (words, and pairs of words that may be
 * one) changes the time, never the result: a document that repeats its
 * lines comes out as it does decided afresh at every word. */
START_TEST(memory_keeps_output)
{
    static const char *const lines[] = {
        "Bu ti rəfdən gəldi, Azərhaycan kitab yazdı.",
        "Bu gün olmadiği kəsa va sözü yazdı.",
        "Bu ti rəfdən gəldi, Azərhaycan kitab yazdı.",
        "Bu gün olmadiği kəsa va sözü yazdı.",
        "AzərbaYcan ti rəfdən kitab yazdı.",
        "AzərbaYcan ti rəfdən kitab yazdı.",
    };
    size_t n = sizeof lines / sizeof *lines;
    S_res a, b;
    S_run(&a, lines, n, 0.5f, -1);
    bp_corrector *cr = bp_corrector_new();
    ck_assert_ptr_nonnull(cr);
    S_run_cr(&b, lines, n, 0.5f, -1, cr);
    bp_corrector_free(cr);
    ck_assert_uint_gt(a.st.applied, 4);
    ck_assert_uint_eq(a.st.applied, b.st.applied);
    ck_assert_uint_eq(a.st.unsure, b.st.unsure);
    ck_assert_uint_eq(a.st.examined, b.st.examined);
    for (size_t i = 0; i < n; i++) {
        const bp_line *la = &a.d.lines[i], *lb = &b.d.lines[i];
        ck_assert_str_eq(la->text, lb->text);
        ck_assert_uint_eq(la->nedits, lb->nedits);
        for (uint32_t k = 0; k < la->nedits; k++) {
            ck_assert_uint_eq(la->edits[k].at, lb->edits[k].at);
            ck_assert(la->edits[k].cert == lb->edits[k].cert);
        }
    }
    /* repeated lines are corrected alike */
    ck_assert_str_eq(b.d.lines[0].text, b.d.lines[2].text);
    ck_assert_str_eq(b.d.lines[0].text, "Bu tərəfdən gəldi. Azərbaycan kitab yazdı.");
    S_free(&a);
    S_free(&b);
}
END_TEST

/* A word no confusion of the table reaches, read from an image with
 * another reading tesseract offered for a character: that reading is a
 * candidate, taken when the lexicon knows the form (kitap -> kitab). */
START_TEST(tesseract_reading)
{
    static const char *const lines[] = { "Bu gün kitap yazdı." };
    S_res r;
    S_run(&r, lines, 1, 0.5f, 0.5f);
    ck_assert_str_eq(r.d.lines[0].text, lines[0]); /* p -> b is not in the table */
    S_free(&r);
    static bp_charalt alt = { .at = 12, .len = 1, .n = 1, .conf = 0.6f, .alt_conf = { 0.3f },
                              .alt = { "b" } };
    S_alt = &alt;
    S_run(&r, lines, 1, 0.5f, 0.5f);
    S_alt = NULL;
    ck_assert_str_eq(r.d.lines[0].text, "Bu gün kitab yazdı.");
    S_expect_edit(&r.d.lines[0], "kitap", 0.5f, "tesseract");
    S_free(&r);
}
END_TEST

/* Clean text: the characters tesseract's aze model cannot output make a
 * text input clean (three or more), unless a word with the model's
 * misread j (enerii) says it was read by it after all; a Cyrillic
 * look-alike j and a line from a page image are no evidence. */
START_TEST(clean_text_verdict)
{
    bp_doc d;
    bp_doc_init(&d);
    S_add(&d, "Bu gün enerji; kitab yazdı.");
    S_add(&d, "Bu «kitab» gəldi.");
    S_add(&d, "Bu ener\u0458i gəldi; və bu!");      /* a Cyrillic je, and ; ! from ... */
    bp_pageimg img = { 0 };
    d.lines[2].img = &img;                          /* ... a page image: not counted */
    bp_ocrsurvey ev = { 0 };
    char buf[128];
    bp_correct_survey_chars(&ev, &d.lines[0]);
    ck_assert_uint_eq(ev.n, 2);
    ck_assert(!bp_correct_clean(&ev, buf, sizeof buf)); /* two are not enough */
    ck_assert_str_eq(buf, "j 1, ; 1");
    bp_correct_survey_chars(&ev, &d.lines[1]);
    bp_correct_survey_chars(&ev, &d.lines[2]);
    ck_assert_uint_eq(ev.n, 4);
    ck_assert(bp_correct_clean(&ev, buf, sizeof buf));
    ck_assert_str_eq(buf, "j 1, ; 1, \u00ab \u00bb 2");
    d.lines[2].img = NULL;
    bp_ocrsurvey cyr = { 0 };
    S_add(&d, "Bu ener\u0458i gəldi.");
    bp_correct_survey_chars(&cyr, &d.lines[3]);
    ck_assert_uint_eq(cyr.n, 0);

    /* the forms: a name (never lower case) is not asked about; enerii is */
    bp_diagctx dc = { 0 };
    berpa_status st;
    bp_lexicon *lx = bp_lexicon_open(S_prefix, NULL, &dc, &st);
    ck_assert_ptr_nonnull(lx);
    bp_doc f;
    bp_doc_init(&f);
    S_add(&f, "Bu gün Enerii kitab yazdı.");
    bp_wordstats *ws = bp_wordstats_new(100);
    bp_wordstats_add(ws, &f, 0, f.nlines);
    bp_correct_survey_forms(&ev, ws, lx);
    ck_assert_uint_eq(ev.aze, 0);
    ck_assert(bp_correct_clean(&ev, buf, sizeof buf));
    S_add(&f, "Bu gün enerii yazdı.");
    bp_wordstats_add(ws, &f, 1, 2);
    bp_correct_survey_forms(&ev, ws, lx);
    ck_assert_uint_eq(ev.aze, 1);
    ck_assert(!bp_correct_clean(&ev, buf, sizeof buf));
    bp_wordstats_free(ws);
    bp_lexicon_free(lx);
    bp_doc_free(&f);
    bp_doc_free(&d);
}
END_TEST

/* The document's quote style is its majority when one beyond chance (two
 * standard deviations of a fair coin); the other style's quotes are
 * misreadings: " becomes “ before a word and ” after one, “ ” become ". */
START_TEST(quote_style)
{
    bp_ocrsurvey sv = { .q_ascii = 63, .q_curly = 41 };
    float cert;
    ck_assert_int_eq(bp_correct_quote_style(&sv, &cert), BP_QUOTES_ASCII);
    ck_assert_float_eq_tol(cert, 63.0f / 104.0f, 1e-5f);
    sv = (bp_ocrsurvey){ .q_ascii = 2, .q_curly = 2 };
    ck_assert_int_eq(bp_correct_quote_style(&sv, &cert), BP_QUOTES_ANY);
    sv = (bp_ocrsurvey){ .q_ascii = 5, .q_curly = 9 };   /* 4 < 2 sqrt(14) */
    ck_assert_int_eq(bp_correct_quote_style(&sv, &cert), BP_QUOTES_ANY);
    sv = (bp_ocrsurvey){ .q_ascii = 4, .q_curly = 64 };
    ck_assert_int_eq(bp_correct_quote_style(&sv, &cert), BP_QUOTES_CURLY);

    bp_doc d;
    bp_doc_init(&d);
    S_add(&d, "Bu \"kitab\" və \u201cgün\u201d \" gəldi.");
    bp_correct_stats cs = { 0 };
    bp_correct_opts o = { .threshold = 0.5f, .quotes = BP_QUOTES_CURLY, .quotes_cert = cert };
    ck_assert_int_eq(bp_correct_quotestyle(&d.lines[0], &o, &cs), BERPA_OK);
    /* the one between two spaces could be either: left */
    ck_assert_str_eq(d.lines[0].text, "Bu \u201ckitab\u201d və \u201cgün\u201d \" gəldi.");
    ck_assert_uint_eq(cs.applied, 2);
    o.quotes = BP_QUOTES_ASCII;
    ck_assert_int_eq(bp_correct_quotestyle(&d.lines[0], &o, &cs), BERPA_OK);
    ck_assert_str_eq(d.lines[0].text, "Bu \"kitab\" və \"gün\" \" gəldi.");
    const bp_edit *e = S_ocr_edit(&d.lines[0], 0);
    ck_assert_ptr_nonnull(e);
    ck_assert_ptr_nonnull(strstr(e->why, "style"));
    /* below the threshold: nothing */
    o.quotes = BP_QUOTES_CURLY;
    o.threshold = 0.99f;
    ck_assert_int_eq(bp_correct_quotestyle(&d.lines[0], &o, &cs), BERPA_OK);
    ck_assert_str_eq(d.lines[0].text, "Bu \"kitab\" və \"gün\" \" gəldi.");
    bp_doc_free(&d);
}
END_TEST

/* An ordinal's point read as a comma: a number, then a noun in the
 * possessive (kitabı, the head of an izafet).  A bare noun (kitab), a
 * list of numbers (1, 2, kitabı), a year-long number and a noun that
 * labels a number of its own (fond 970, siyahı 1) stay. */
START_TEST(ordinal_point)
{
    static const char *const lines[] = {
        "bu gün 7, kitabı yazdı.",
        "bu gün 7, kitab yazdı.",
        "bu 1, 2, kitabı gəldi.",
        "bu 1918, kitabı gəldi.",
        "fond 7, kitabı 1 gəldi.", /* labelled numbers of a citation */
    };
    S_res r;
    S_run(&r, lines, 5, 0.5f, -1);
    ck_assert_str_eq(r.d.lines[0].text, "bu gün 7. kitabı yazdı.");
    S_expect_edit(&r.d.lines[0], ",", 0.7f, "ordinal");
    for (size_t i = 1; i < 5; i++)
        ck_assert_str_eq(r.d.lines[i].text, lines[i]);
    S_free(&r);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("correct");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, S_setup, S_teardown);
    tcase_add_test(tc, error_model_table);
    tcase_add_test(tc, one_and_two_confusions);
    tcase_add_test(tc, join_and_capital);
    tcase_add_test(tc, memory_keeps_output);
    tcase_add_test(tc, broken_word_whole);
    tcase_add_test(tc, document_evidence_ranks);
    tcase_add_test(tc, real_word_with_evidence);
    tcase_add_test(tc, threshold_and_confidence);
    tcase_add_test(tc, do_no_harm);
    tcase_add_test(tc, no_model_no_change);
    tcase_add_test(tc, punct_sentence_end);
    tcase_add_test(tc, punct_broken_verb);
    tcase_add_test(tc, punct_comma_before_name);
    tcase_add_test(tc, punct_verse_line_end);
    tcase_add_test(tc, punct_list_item);
    tcase_add_test(tc, punct_initials);
    tcase_add_test(tc, vowelless_abbreviation);
    tcase_add_test(tc, guillemets);
    tcase_add_test(tc, guillemets_more);
    tcase_add_test(tc, spaced_heading);
    tcase_add_test(tc, percent_sign);
    tcase_add_test(tc, number_suffix_harmony);
    tcase_add_test(tc, number_sign);
    tcase_add_test(tc, broken_genitive);
    tcase_add_test(tc, broken_suffix_tail);
    tcase_add_test(tc, tesseract_reading);
    tcase_add_test(tc, clean_text_verdict);
    tcase_add_test(tc, quote_style);
    tcase_add_test(tc, ordinal_point);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
