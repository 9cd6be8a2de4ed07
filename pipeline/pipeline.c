/*
 * pipeline.c: the public API (berpa.h) and the one data flow, read top to
 * bottom:
 *
 *   pass 1, as input is fed (S_pass1):
 *     read.c       bytes -> lines (UTF-8, NFC, controls, provenance)
 *     normalize.c  white space and look-alikes, every line, before layout
 *     survey       layout measures of the whole document (layout.c) and
 *                  the document's word counts (lexicon.c)
 *     spool.c      the lines, in memory up to the window, then on disk
 *   pass 2, at finish (S_pass2), unit by unit (a page, or 512 lines):
 *     layout.c     roles, blocks, columns, with two units either side
 *     settling     S_settle_stages: dehyphenation (dehyphen.c), on lines
 *                  whose next BODY line is laid out
 *     walk.c       the settled lines to every emitter (emit_*.c)
 *
 * Every decision depends on the document and fixed contexts only, never
 * on the window or on how the input was cut, so the output is the same
 * for any window, feed size or spooling.
 */
#include "stages.h"
#include "walk.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define S_DEFAULT_WINDOW (1u << 20)
#define S_MIN_WINDOW (64u << 10)
#define S_MAX_OUTPUTS 16
#define S_WORDSTATS_MAX 200000
#define S_SLICE (64u << 10)  /* bytes handed to the reader at a time */
/* Input after which Hunspell is made on a second thread while pass 1 runs:
 * an input this long almost surely has a word the compiled tables cannot
 * answer, and a shorter one keeps the lazy start-up (issue: one-line
 * inputs start in a twelfth of Hunspell's time). */
#define S_PRELOAD_BYTES (256u << 10)

struct berpa_config {
    berpa_diag_fn diag;
    void *diag_user;
    berpa_invalid_mode invalid;
    char *dict;       /* NULL: search; "": none */
    char *freq;
    char *title;
    size_t window;
    bool no_correct;
    float threshold;  /* 0: the default */
};

struct berpa_session {
    bp_lexicon *lex;
    bp_errmodel *em;  /* NULL: no correction */
    bp_correct_opts copts;
    berpa_diag_fn diag;
    void *diag_user;
    berpa_invalid_mode invalid;
    char *title;
    size_t window;
};

/* Monotonic milliseconds, for the report's timings. */
static double S_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

typedef enum { S_FRESH, S_RUNNING, S_DONE, S_FAILED } S_state;

/* An output as its emitter sees it: the caller's callback behind one that
 * notes a failed write.  An emitter's hook fails either because a write
 * failed or for lack of memory (its own, or libxml2's), and this is how the
 * run tells BERPA_E_IO from BERPA_E_NOMEM. */
typedef struct S_out {
    berpa_write_fn fn;
    void *user;
    bool failed;
} S_out;

struct berpa_run {
    berpa_session *s;
    char *name;
    bp_diagctx dc;
    bp_reader *rd;
    bp_layout *lo;
    bp_endnotes *en;       /* pass 1: the endnote lists (notes.c)           */
    bp_wordstats *ws;
    bp_spool *sp;
    bp_emitter *ems[S_MAX_OUTPUTS];
    S_out outs[S_MAX_OUTPUTS];   /* ems[i] writes through outs[i] */
    size_t nems;
    bp_walker *walker;
    S_state state;
    berpa_status err;
    berpa_stats st;
    /* pass 1: lines from the reader wait in `in` for the normalisation
     * context (S_CHAR_CONTEXT lines either way), then go to the spool */
    bp_doc in;
    size_t in_done;      /* lines of `in` normalised and surveyed */
    bool after_hyphen;   /* the last non-blank line ended in a hyphen */
    bool preloading;     /* the lexicon's Hunspell is being made beside pass 1 */
    /* pass 2: the units being laid out, with their context */
    bp_doc doc;
    uint32_t unit, unit_lines, unit_page;  /* units as lines are loaded   */
    bool unit_any;
    uint32_t laid;       /* units laid out so far                       */
    uint32_t colcut;     /* units columns.c has seen (each once, whole)  */
    size_t settled;      /* doc lines before this went through the settling
                            stages (S_settle_stages)                     */
    size_t emitted;      /* doc lines before this were walked            */
    bp_correct_stats cst;
    bp_corrector *cor;
    bp_ocrsurvey cev;      /* pass 1: evidence of clean text (correct.c)     */
    bool clean;          /* the verdict: clean text, correction skipped   */
    char note[384];      /* the verdict's message, for the emitters       */
    bp_pageimgs imgs;    /* pages fed from images (read_image.c), for the emitters */
    uint64_t img_pages;  /* pages up to the last image page: a blank one at
                            the end has no line, yet counts (stats.pages) */
    const char *gold;    /* berpa_run_set_gold: borrowed, for the review page */
    size_t gold_len;
    /* where the input fed so far ends, for the page break before the next
     * input or image page (S_break) */
    enum { S_AT_NONE, S_AT_BREAK, S_AT_LINE_END, S_AT_MID_LINE } at;
};

/* ---- config ------------------------------------------------------------------ */
berpa_config *berpa_config_new(void)
{
    berpa_config *c = calloc(1, sizeof *c);
    if (c) {
        c->window = S_DEFAULT_WINDOW;
        c->no_correct = true; /* opt-in: see berpa_config_set_correct */
    }
    return c;
}

void berpa_config_free(berpa_config *c)
{
    if (!c)
        return;
    free(c->dict);
    free(c->freq);
    free(c->title);
    free(c);
}

void berpa_config_set_diag(berpa_config *c, berpa_diag_fn fn, void *user)
{
    if (!c)
        return;
    c->diag = fn;
    c->diag_user = user;
}

void berpa_config_set_invalid(berpa_config *c, berpa_invalid_mode mode)
{
    if (c)
        c->invalid = mode;
}

/* Replaces *slot with a copy of v (NULL stays NULL). */
static berpa_status S_set_str(char **slot, const char *v)
{
    char *cp = NULL;
    if (v && !(cp = strdup(v)))
        return BERPA_E_NOMEM;
    free(*slot);
    *slot = cp;
    return BERPA_OK;
}

berpa_status berpa_config_set_dictionary(berpa_config *c, const char *path)
{
    return c ? S_set_str(&c->dict, path) : BERPA_E_USAGE;
}

berpa_status berpa_config_set_frequencies(berpa_config *c, const char *path)
{
    return c ? S_set_str(&c->freq, path) : BERPA_E_USAGE;
}

berpa_status berpa_config_set_title(berpa_config *c, const char *title)
{
    return c ? S_set_str(&c->title, title) : BERPA_E_USAGE;
}

void berpa_config_set_correct(berpa_config *c, int on)
{
    if (c)
        c->no_correct = !on;
}

berpa_status berpa_config_set_correct_threshold(berpa_config *c, double p)
{
    if (!c || !(p > 0.0 && p <= 1.0))
        return BERPA_E_USAGE;
    /* 0 stands for the default: a p too small for a float is the least one */
    c->threshold = p < FLT_MIN ? FLT_MIN : (float)p;
    return BERPA_OK;
}

berpa_status berpa_config_set_window(berpa_config *c, size_t bytes)
{
    if (!c || bytes < S_MIN_WINDOW)
        return BERPA_E_USAGE;
    c->window = bytes;
    return BERPA_OK;
}

/* The error model beside the dictionary; no table (a warning) or no
 * dictionary leaves correction off. */
static berpa_status S_load_errors(berpa_session *s, bp_diagctx *dc)
{
    char path[4096];
    if (!bp_lexicon_companion(s->lex, "errors", path, sizeof path)) {
        if (bp_lexicon_path(s->lex))
            bp_diag(dc, BP_D_NO_ERROR_MODEL, 0, 0, 0,
                    "no OCR error table (az_AZ.errors) beside the dictionary", "");
        return BERPA_OK;
    }
    if (!(s->em = bp_errmodel_new()))
        return BERPA_E_NOMEM;
    berpa_status st = bp_errmodel_load(s->em, path);
    if (st == BERPA_E_IO) {
        bp_diag(dc, BP_D_NO_ERROR_MODEL, 0, 0, 0, "cannot read the OCR error table ", path);
        bp_errmodel_free(s->em);
        s->em = NULL;
        return BERPA_OK;
    }
    return st;
}

/* ---- session ------------------------------------------------------------------ */
berpa_session *berpa_session_new(const berpa_config *c, berpa_status *st)
{
    berpa_status dummy;
    if (!st)
        st = &dummy;
    if (!c) {
        *st = BERPA_E_USAGE;
        return NULL;
    }
    berpa_session *s = calloc(1, sizeof *s);
    if (!s || (c->title && !(s->title = strdup(c->title)))) {
        free(s);
        *st = BERPA_E_NOMEM;
        return NULL;
    }
    s->diag = c->diag;
    s->diag_user = c->diag_user;
    s->invalid = c->invalid;
    s->window = c->window;
    bp_diagctx dc = { .fn = c->diag, .user = c->diag_user, .file = "dictionary" };
    s->lex = bp_lexicon_open(c->dict, c->freq, &dc, st);
    if (!s->lex) {
        free(s->title);
        free(s);
        return NULL;
    }
    s->copts.threshold = c->threshold > 0 ? c->threshold : 0.5f;
    *st = c->no_correct ? BERPA_OK : S_load_errors(s, &dc);
    if (*st != BERPA_OK) {
        berpa_session_free(s);
        return NULL;
    }
    return s;
}

void berpa_session_free(berpa_session *s)
{
    if (!s)
        return;
    bp_lexicon_free(s->lex);
    bp_errmodel_free(s->em);
    free(s->title);
    free(s);
}

const char *berpa_session_dictionary(const berpa_session *s)
{
    return s ? bp_lexicon_path(s->lex) : NULL;
}

/* ---- run ------------------------------------------------------------------------ */
berpa_run *berpa_run_new(berpa_session *s, const char *name)
{
    if (!s)
        return NULL;
    berpa_run *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->s = s;
    r->name = strdup(name ? name : "-");
    r->dc = (bp_diagctx){ .fn = s->diag, .user = s->diag_user };
    bp_doc_init(&r->in);
    bp_doc_init(&r->doc);
    r->lo = bp_layout_new();
    r->en = bp_endnotes_new();
    r->ws = bp_wordstats_new(S_WORDSTATS_MAX);
    if (r->name)
        r->dc.file = r->name;
    r->cor = bp_corrector_new();
    if (!r->name || !r->lo || !r->en || !r->ws || !r->cor || !(r->rd = bp_reader_new(&r->dc, s->invalid)) ||
        !(r->sp = bp_spool_new(s->window, &r->dc))) {
        berpa_run_free(r);
        return NULL;
    }
    return r;
}

void berpa_run_free(berpa_run *r)
{
    if (!r)
        return;
    if (r->preloading)
        bp_lexicon_preload_wait(r->s->lex);
    bp_walker_free(r->walker);
    for (size_t i = 0; i < r->nems; i++)
        bp_emitter_free(r->ems[i]);
    bp_reader_free(r->rd);
    bp_layout_free(r->lo);
    bp_endnotes_free(r->en);
    bp_wordstats_free(r->ws);
    bp_spool_free(r->sp);
    bp_doc_free(&r->in);
    bp_corrector_free(r->cor);
    bp_doc_free(&r->doc);
    for (size_t i = 0; i < r->imgs.n; i++) {
        free(r->imgs.v[i]->image);
        free(r->imgs.v[i]->file);
        free(r->imgs.v[i]);
    }
    free(r->imgs.v);
    free(r->name);
    free(r);
}

static int S_out_write(void *user, const char *buf, size_t len)
{
    S_out *o = user;
    if (o->fn(o->user, buf, len) != 0) {
        o->failed = true;
        return -1;
    }
    return 0;
}

/* The output formats: adding one is an emitter file and a row here. */
typedef bp_emitter *(*S_emitter_new)(berpa_write_fn out, void *user);
static const struct {
    const char *name, *ext;
    S_emitter_new make, make_member; /* make_member: CORPUS_MEMBER, or NULL */
} S_formats[BERPA_FORMAT_COUNT] = {
    [BERPA_FORMAT_TEXT] = { "text", ".txt", bp_emit_text_new, NULL },
    [BERPA_FORMAT_TEI] = { "tei", ".xml", bp_emit_tei_new, bp_emit_tei_member_new },
    [BERPA_FORMAT_REPORT] = { "report", ".json", bp_emit_report_new, NULL },
    [BERPA_FORMAT_HTML] = { "html", ".html", bp_emit_html_new, NULL },
    [BERPA_FORMAT_HOCR] = { "hocr", ".hocr", bp_emit_hocr_new, NULL },
};

int berpa_format_from_name(const char *name)
{
    for (int f = 0; name && f < BERPA_FORMAT_COUNT; f++)
        if (strcmp(S_formats[f].name, name) == 0)
            return f;
    return -1;
}

const char *berpa_format_name(berpa_format fmt)
{
    return (unsigned)fmt < BERPA_FORMAT_COUNT ? S_formats[fmt].name : NULL;
}

const char *berpa_format_extension(berpa_format fmt)
{
    return (unsigned)fmt < BERPA_FORMAT_COUNT ? S_formats[fmt].ext : NULL;
}

berpa_status berpa_run_add_output_opts(berpa_run *r, berpa_format fmt, unsigned opts,
                                       berpa_write_fn fn, void *user)
{
    if (!r)
        return BERPA_E_USAGE;
    if (r->state != S_FRESH)
        return BERPA_E_STATE;
    if (!fn || r->nems == S_MAX_OUTPUTS || (unsigned)fmt >= BERPA_FORMAT_COUNT ||
        (opts & ~(unsigned)BERPA_OUTPUT_CORPUS_MEMBER) ||
        ((opts & BERPA_OUTPUT_CORPUS_MEMBER) && !S_formats[fmt].make_member))
        return BERPA_E_USAGE;
    /* The emitter writes through outs[nems] (see S_out). */
    r->outs[r->nems] = (S_out){ .fn = fn, .user = user };
    S_emitter_new make = (opts & BERPA_OUTPUT_CORPUS_MEMBER) ? S_formats[fmt].make_member
                                                             : S_formats[fmt].make;
    bp_emitter *e = make(S_out_write, &r->outs[r->nems]);
    if (!e)
        return BERPA_E_NOMEM;
    r->ems[r->nems++] = e;
    return BERPA_OK;
}

berpa_status berpa_run_add_output(berpa_run *r, berpa_format fmt, berpa_write_fn fn, void *user)
{
    return berpa_run_add_output_opts(r, fmt, 0, fn, user);
}

berpa_status berpa_run_set_gold(berpa_run *r, const char *gold, size_t len)
{
    if (!r)
        return BERPA_E_USAGE;
    if (r->state != S_FRESH)
        return BERPA_E_STATE;
    if (!gold && len)
        return BERPA_E_USAGE;
    r->gold = gold;
    r->gold_len = len;
    return BERPA_OK;
}

static berpa_status S_fail(berpa_run *r, berpa_status st)
{
    r->state = S_FAILED;
    r->err = st;
    return st;
}

/* An emitter's hook failed: a write error if an output failed, else no
 * memory (see S_out). */
static berpa_status S_emit_fail(berpa_run *r)
{
    for (size_t i = 0; i < r->nems; i++)
        if (r->outs[i].failed)
            return S_fail(r, BERPA_E_IO);
    return S_fail(r, BERPA_E_NOMEM);
}

static berpa_status S_start(berpa_run *r)
{
    r->walker = bp_walker_new(r->ems, r->nems);
    if (!r->walker)
        return S_fail(r, BERPA_E_NOMEM);
    r->state = S_RUNNING;
    return BERPA_OK;
}

/* The emitters begin once pass 1 has seen the whole document (nothing is
 * emitted before pass 2), so that the header can say what the document
 * as a whole decided: clean text, not corrected (correct.c). */
static berpa_status S_begin(berpa_run *r)
{
    bp_docinfo info = { .name = r->name, .title = r->s->title ? r->s->title : r->name,
                        .dictionary = bp_lexicon_path(r->s->lex), .pages = &r->imgs,
                        .gold = r->gold, .gold_len = r->gold_len };
    char ev[128];
    /* the characters first; the forms only when those say clean */
    if (r->s->em && r->cev.n >= BP_CLEAN_MIN)
        bp_correct_survey_forms(&r->cev, r->ws, r->s->lex);
    if (r->s->em && bp_correct_clean(&r->cev, ev, sizeof ev)) {
        r->clean = true;
        info.note_code = bp_diag_message(BP_D_OCR_CLEAN, r->note, sizeof r->note,
                                         (unsigned long long)r->cev.n, ev);
        info.note = r->note;
        bp_diag(&r->dc, BP_D_OCR_CLEAN, 0, 0, 0, (unsigned long long)r->cev.n, ev);
    }
    if (bp_walker_begin(r->walker, &info))
        return S_emit_fail(r);
    return BERPA_OK;
}

/* Counts what the lines [from, to) about to be emitted changed. */
static void S_tally(berpa_run *r, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        const bp_line *l = &r->doc.lines[i];
        r->st.edits += l->nedits;
        switch (l->role) {
        case BP_ROLE_HEADER:
        case BP_ROLE_FOOTER:
        case BP_ROLE_PAGENUM: r->st.furniture++; break;
        case BP_ROLE_BODY:
            r->st.furniture_unsure += l->fw_why != NULL;
            r->st.verse_lines += (l->flags & BP_LF_VERSE) != 0;
            r->st.notes += l->block == BP_BLOCK_NOTE || l->block == BP_BLOCK_ENDNOTE;
            r->st.columns += (l->flags & BP_LF_COLUMN_CUT) != 0;
            r->st.tables += (l->flags & BP_LF_TABLE_START) != 0;
            r->st.notes_unplaced += l->block == BP_BLOCK_NOTE && l->fn_why &&
                                    !(l->flags & BP_LF_NOTE_PLACED);
            if (l->eol != BP_EOL_NONE && (l->flags & BP_LF_EOL_CONTESTED))
                r->st.hyphens_unsure++;
            else if (l->eol == BP_EOL_JOIN)
                r->st.hyphens_joined++;
            else if (l->eol == BP_EOL_KEEP)
                r->st.hyphens_kept++;
            else if (l->eol == BP_EOL_MAYBE)
                r->st.hyphens_unsure++;
            break;
        default: break;
        }
    }
}

/* ---- pass 1: characters, survey, spool -------------------------------------------
 * Every line is normalised once, with the same context whatever the
 * window: the lines of `in` wait until S_CHAR_CONTEXT lines follow them
 * (bracket partners are looked for that far), and S_CHAR_CONTEXT lines
 * stay behind as context for the next ones. */
#define S_CHAR_CONTEXT 4

static berpa_status S_pass1(berpa_run *r, bool eof)
{
    bp_doc *in = &r->in;
    size_t ready = eof ? in->nlines : in->nlines > S_CHAR_CONTEXT ? in->nlines - S_CHAR_CONTEXT : 0;
    if (ready > r->in_done) {
        /* characters the aze model cannot output, as read */
        if (r->s->em)
            for (size_t i = r->in_done; i < ready; i++)
                bp_correct_survey_chars(&r->cev, &in->lines[i]);
        berpa_status st = bp_normalize(in, r->in_done, ready);
        if (st == BERPA_OK)
            st = bp_normalize_spaced(in, r->in_done, ready, r->s->lex);
        if (st != BERPA_OK)
            return st;
        for (size_t i = r->in_done; i < ready; i++) {
            bp_line *l = &in->lines[i];
            bp_layout_survey(r->lo, in, i);
            if (!bp_endnotes_survey(r->en, l))
                return BERPA_E_NOMEM;
            if (l->len == 0)
                continue;
            bp_wordstats_add_line(r->ws, l, r->after_hyphen);
            r->after_hyphen = (l->flags & BP_LF_HYPHEN_END) != 0;
        }
        r->in_done = ready;
    }
    /* the survey of line i looks at line i + 1: keep one more */
    size_t keep = eof ? 0 : S_CHAR_CONTEXT + 1;
    size_t out = r->in_done > keep ? r->in_done - keep : 0;
    for (size_t i = 0; i < out; i++) {
        berpa_status st = bp_spool_put(r->sp, &in->lines[i]);
        if (st != BERPA_OK)
            return st;
    }
    if (out) {
        in->bytes = 0;
        bp_doc_drop(in, out);
        r->in_done -= out;
    }
    return BERPA_OK;
}

/* ---- pass 2: layout by units, dehyphenation, the walk ------------------------------ */

/* Takes the next line from the spool into doc, numbering its unit: a new
 * unit at each page and every BP_LAYOUT_UNIT lines of a long page.
 * Returns 1, 0 at the end, -1 on an error (*st). */
static int S_load(berpa_run *r, berpa_status *st)
{
    bp_line *l = bp_doc_push(&r->doc);
    if (!l) {
        *st = BERPA_E_NOMEM;
        return -1;
    }
    int got = bp_spool_get(r->sp, l, st);
    if (got <= 0) {
        r->doc.nlines--;
        return got;
    }
    if (r->unit_any && (l->page != r->unit_page || r->unit_lines >= BP_LAYOUT_UNIT)) {
        r->unit++;
        r->unit_lines = 0;
    }
    r->unit_any = true;
    r->unit_page = l->page;
    r->unit_lines++;
    l->unit = r->unit;
    l->role = l->len == 0 ? BP_ROLE_BLANK : BP_ROLE_BODY;
    r->doc.bytes += l->len;
    return 1;
}

/* The first line of doc whose unit is u or later (units never decrease
 * along the lines): a binary search, since a linear one touched every
 * held line, a cache miss each, several times per unit. */
static size_t S_unit_start(const bp_doc *d, uint32_t u)
{
    size_t lo = 0, hi = d->nlines;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->lines[mid].unit < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* [*a, *b): the lines of unit u in doc (empty when absent). */
static void S_unit_span(const bp_doc *d, uint32_t u, size_t *a, size_t *b)
{
    *a = S_unit_start(d, u);
    *b = *a < d->nlines && d->lines[*a].unit == u ? S_unit_start(d, u + 1) : *a;
}

/* The stages that settle laid-out lines, in order, over the same range:
 * BODY lines whose next BODY line is laid out too (a line-end hyphen needs
 * it).  The correction stage goes before dehyphenation, so that a hyphen
 * is decided on the corrected word. */
typedef berpa_status (*S_settle_fn)(berpa_run *r, size_t from, size_t to);

static berpa_status S_dehyphenate(berpa_run *r, size_t from, size_t to)
{
    return bp_dehyphenate(&r->doc, from, to, r->s->lex, r->ws);
}

/* OCR misreadings (correct.c), with the whole document's word counts;
 * nothing without an error model (correction off, or no table). */
static berpa_status S_correct(berpa_run *r, size_t from, size_t to)
{
    if (r->clean)
        return BERPA_OK;
    /* the session's options with the document's quote style */
    bp_correct_opts o = r->s->copts;
    o.quotes = bp_correct_quote_style(&r->cev, &o.quotes_cert);
    return bp_correct(&r->doc, from, to, r->s->lex, r->s->em, r->ws, &o, &r->dc,
                      r->cor, &r->cst);
}

static const struct {
    const char *name;
    S_settle_fn run;
} S_settle_stages[] = {
    { "correct", S_correct },
    { "dehyphenate", S_dehyphenate },
};

/* Loads lines until the units up to r->laid + BP_LAYOUT_CONTEXT are whole
 * (or the document ends: d->seen_eof). */
static berpa_status S_fill(berpa_run *r)
{
    bp_doc *d = &r->doc;
    berpa_status st = BERPA_OK;
    while (!d->seen_eof &&
           (d->nlines == 0 || d->lines[d->nlines - 1].unit <= r->laid + BP_LAYOUT_CONTEXT)) {
        int got = S_load(r, &st);
        if (got < 0)
            return st;
        d->seen_eof = got == 0;
    }
    /* side-by-side columns (columns.c): each unit once it is whole, before
     * it is laid out or looked at as context */
    for (;;) {
        size_t a, b, e;
        S_unit_span(d, r->colcut, &a, &b);
        if (a >= b || (b == d->nlines && !d->seen_eof))
            break;
        if ((st = bp_columns_unit(d, a, b, &e)) != BERPA_OK)
            return st;
        r->colcut++;
    }
    return BERPA_OK;
}

/* Walks lines [r->emitted, cut) to the emitters. */
static berpa_status S_walk(berpa_run *r, size_t cut)
{
    if (cut <= r->emitted)
        return BERPA_OK;
    S_tally(r, r->emitted, cut);
    if (bp_walker_walk(r->walker, &r->doc, r->emitted, cut))
        return S_emit_fail(r);
    r->emitted = cut;
    return BERPA_OK;
}

/* Drops the walked lines that no unit still to lay out has as context;
 * only when as many go as stay (dropping moves the rest down). */
static void S_trim(berpa_run *r)
{
    bp_doc *d = &r->doc;
    size_t ca, cb;
    S_unit_span(d, r->laid > BP_LAYOUT_CONTEXT ? r->laid - BP_LAYOUT_CONTEXT : 0, &ca, &cb);
    size_t drop = ca < r->emitted ? ca : r->emitted;
    if (!drop || drop * 2 < d->nlines)
        return;
    for (size_t i = 0; i < drop; i++)
        d->bytes -= d->lines[i].len < d->bytes ? d->lines[i].len : d->bytes;
    bp_doc_drop(d, drop);
    r->emitted -= drop;
    r->settled -= drop;
}

/* Pass 2: unit by unit, layout, then the settling stages, then the walk
 * of what can no longer change, then the trim. */
static berpa_status S_pass2(berpa_run *r)
{
    bp_doc *d = &r->doc;
    berpa_status st = bp_spool_rewind(r->sp);
    for (;;) {
        if (st == BERPA_OK)
            st = S_fill(r);
        if (st != BERPA_OK)
            return st;
        size_t a, b;
        S_unit_span(d, r->laid, &a, &b);
        if (a >= b)
            break; /* every unit is laid out */
        bool last = d->seen_eof && b == d->nlines;
        bp_layout_unit(r->lo, d, a, b, last);
        r->laid++;

        /* settle up to the last laid BODY line (its successor is not laid
         * out yet), or everything at the end */
        size_t to = b;
        if (!last) {
            while (to > r->settled && d->lines[to - 1].role != BP_ROLE_BODY)
                to--;
            if (to > r->settled)
                to--;
        }
        for (size_t k = 0; k < sizeof S_settle_stages / sizeof *S_settle_stages; k++)
            if ((st = S_settle_stages[k].run(r, r->settled, to)) != BERPA_OK)
                return st;
        r->settled = to;

        /* walk what is settled, but not the open block while its kind may
         * still change */
        size_t cut = to;
        uint64_t ob = bp_layout_open_block(r->lo);
        if (!last && ob != UINT64_MAX && ob >= d->base && ob - d->base < cut &&
            ob - d->base >= r->emitted)
            cut = (size_t)(ob - d->base);
        if ((st = S_walk(r, cut)) != BERPA_OK)
            return st;
        S_trim(r);
    }
    return S_walk(r, d->nlines);
}

/* A run about to take input: started if fresh; its error if failed. */
static berpa_status S_ready(berpa_run *r)
{
    if (r->state == S_FAILED)
        return r->err;
    if (r->state == S_DONE)
        return BERPA_E_STATE;
    return r->state == S_FRESH ? S_start(r) : BERPA_OK;
}

berpa_status berpa_run_feed(berpa_run *r, const char *buf, size_t len)
{
    if (!r || (!buf && len))
        return BERPA_E_USAGE;
    berpa_status ready = S_ready(r);
    if (ready != BERPA_OK)
        return ready;
    if (len)
        r->at = buf[len - 1] == '\f'                         ? S_AT_BREAK
                : buf[len - 1] == '\n' || buf[len - 1] == '\r' ? S_AT_LINE_END
                                                             : S_AT_MID_LINE;
    /* Feed in slices so that the lines waiting in pass 1 stay few. */
    while (len > 0) {
        size_t n = len < S_SLICE ? len : S_SLICE;
        berpa_status st = bp_reader_feed(r->rd, buf, n, &r->in);
        if (st == BERPA_OK)
            st = S_pass1(r, false);
        if (!r->preloading && bp_reader_bytes(r->rd) >= S_PRELOAD_BYTES) {
            bp_lexicon_preload(r->s->lex);
            r->preloading = true;
        }
        if (st != BERPA_OK)
            return S_fail(r, st);
        buf += n;
        len -= n;
    }
    return BERPA_OK;
}

berpa_status berpa_run_finish(berpa_run *r)
{
    if (!r)
        return BERPA_E_USAGE;
    if (r->state == S_FAILED)
        return r->err;
    if (r->state == S_DONE)
        return BERPA_E_STATE;
    if (r->state == S_FRESH) {
        berpa_status st = S_start(r);
        if (st != BERPA_OK)
            return st;
    }
    berpa_status st = bp_reader_finish(r->rd, &r->in);
    if (st == BERPA_OK)
        st = S_pass1(r, true);
    if (st != BERPA_OK)
        return S_fail(r, st);
    if ((st = S_begin(r)) != BERPA_OK)
        return st;
    double t0 = r->imgs.n ? S_ms() : 0;
    bp_layout_survey_end(r->lo);
    r->doc.endnotes = r->en;
    st = S_pass2(r);
    if (st == BERPA_OK) /* Hunspell, created on demand, may have failed */
        st = bp_lexicon_status(r->s->lex, &r->dc);
    if (st != BERPA_OK)
        return r->state == S_FAILED ? r->err : S_fail(r, st);
    if (r->imgs.n)
        r->imgs.own_ms += S_ms() - t0;
    if (r->preloading)
        bp_lexicon_preload_wait(r->s->lex);
    berpa_run_stats(r, &r->st);
    if (bp_walker_end(r->walker, &r->st))
        return S_emit_fail(r);
    r->state = S_DONE;
    return BERPA_OK;
}

void berpa_run_stats(const berpa_run *r, berpa_stats *out)
{
    if (!out)
        return;
    if (!r) {
        memset(out, 0, sizeof *out);
        return;
    }
    berpa_stats s = r->st;
    s.bytes_in = bp_reader_bytes(r->rd);
    s.lines = bp_reader_lines(r->rd);
    s.pages = bp_reader_pages(r->rd);
    if (s.pages < r->img_pages)
        s.pages = r->img_pages;
    s.paragraphs = r->walker ? bp_walker_blocks(r->walker) : 0;
    s.warnings = r->dc.warnings;
    s.errors = r->dc.errors;
    s.words_examined = r->cst.examined;
    s.corrections = r->cst.applied;
    s.corrections_unsure = r->cst.unsure;
    *out = s;
}

int berpa_run_stat(const berpa_run *r, const char *name, uint64_t *v)
{
    uint64_t dummy;
    if (!v)
        v = &dummy;
    if (!r || !name) {
        *v = 0;
        return 0;
    }
    berpa_stats s;
    berpa_run_stats(r, &s);
    const struct { const char *name; uint64_t v; } f[] = {
        { "bytes_in", s.bytes_in }, { "lines", s.lines }, { "pages", s.pages },
        { "paragraphs", s.paragraphs }, { "hyphens_joined", s.hyphens_joined },
        { "hyphens_kept", s.hyphens_kept }, { "hyphens_unsure", s.hyphens_unsure },
        { "furniture", s.furniture }, { "edits", s.edits },
        { "words_examined", s.words_examined }, { "corrections", s.corrections },
        { "corrections_unsure", s.corrections_unsure }, { "warnings", s.warnings },
        { "errors", s.errors }, { "furniture_unsure", s.furniture_unsure },
        { "verse_lines", s.verse_lines }, { "notes", s.notes }, { "columns", s.columns },
        { "tables", s.tables }, { "notes_unplaced", s.notes_unplaced },
    };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        if (strcmp(f[i].name, name) == 0) {
            *v = f[i].v;
            return 1;
        }
    *v = 0;
    return 0;
}

berpa_status berpa_tei_corpus_begin(berpa_write_fn fn, void *user, const char *title)
{
    if (!fn)
        return BERPA_E_USAGE;
    S_out o = { .fn = fn, .user = user }; /* a failure without a failed write: memory */
    if (bp_tei_corpus_begin(S_out_write, &o, title) == 0)
        return BERPA_OK;
    return o.failed ? BERPA_E_IO : BERPA_E_NOMEM;
}

berpa_status berpa_tei_corpus_end(berpa_write_fn fn, void *user)
{
    if (!fn)
        return BERPA_E_USAGE;
    return bp_tei_corpus_end(fn, user) ? BERPA_E_IO : BERPA_OK;
}

/* ---- page images (read_image.c does the work) ----------------------------------- */
berpa_status berpa_image_pages(const char *path, uint32_t *npages)
{
    if (!npages)
        return BERPA_E_USAGE;
    if (!path) {
        *npages = 0;
        return BERPA_E_IO;
    }
    char err[256];
    return bp_image_count(path, npages, err, sizeof err);
}

berpa_ocr *berpa_ocr_new(const berpa_config *c, const char *lang, unsigned clean,
                         berpa_status *st)
{
    if (!c) {
        if (st)
            *st = BERPA_E_USAGE;
        return NULL;
    }
    char err[256];
    berpa_ocr *o = bp_ocr_new(lang, clean, err, sizeof err);
    if (!o) {
        bool nomem = strcmp(err, "out of memory") == 0;
        if (!nomem) {
            bp_diagctx dc = { .fn = c->diag, .user = c->diag_user, .file = "tesseract" };
            bp_diag(&dc, BP_D_OCR_LANGUAGE, 0, 0, 0, err);
        }
        if (st)
            *st = nomem ? BERPA_E_NOMEM : BERPA_E_USAGE;
        return NULL;
    }
    if (bp_ocr_note(o)) {
        bp_diagctx dc = { .fn = c->diag, .user = c->diag_user, .file = "tesseract" };
        bp_diag(&dc, BP_D_OCR_LANGUAGE_FALLBACK, 0, 0, 0, bp_ocr_note(o));
    }
    if (st)
        *st = BERPA_OK;
    return o;
}

void berpa_ocr_free(berpa_ocr *o) { bp_ocr_free(o); }
berpa_page *berpa_ocr_page(berpa_ocr *o, const char *path, uint32_t index)
{
    return o && path ? bp_ocr_page(o, path, index, NULL) : NULL;
}

berpa_page *berpa_ocr_page_named(berpa_ocr *o, const char *path, uint32_t index, const char *name)
{
    return o && path ? bp_ocr_page(o, path, index, name) : NULL;
}

int berpa_image_sniff(const void *head, size_t n)
{
    return head && bp_image_detect(head, n) != BP_IMAGE_NONE;
}
void berpa_page_free(berpa_page *p) { bp_ocrpage_free(p); }
int berpa_image_probe(const char *path) { return path && bp_image_probe(path) != BP_IMAGE_NONE; }

/* Gives the line just read the OCR line's geometry.  Word spans are
 * re-found in the line's text when the reader changed it (NFC). */
static bool S_attach(bp_line *l, const bp_ocrline *ol, const bp_pageimg *img)
{
    l->img = img;
    memcpy(l->box, ol->box, sizeof l->box);
    if (!ol->nwords)
        return true;
    if (!(l->words = malloc(ol->nwords * sizeof *l->words)))
        return false;
    bool same = l->len == ol->len && memcmp(l->text, ol->text, ol->len) == 0;
    uint32_t from = 0;
    for (uint32_t k = 0; k < ol->nwords; k++) {
        bp_word w = ol->words[k];
        if (!same) {
            const char *hit = NULL;
            for (uint32_t i = from; !hit && w.len && i + w.len <= l->len; i++)
                if (memcmp(l->text + i, ol->text + w.at, w.len) == 0)
                    hit = l->text + i;
            w.at = hit ? (uint32_t)(hit - l->text) : from;
            w.len = hit ? w.len : 0; /* box and confidence kept, span unknown */
        }
        from = w.at + w.len;
        if (!bp_word_copy(&l->words[l->nwords++], &w))
            return false;
    }
    return true;
}

static berpa_status S_feed_page(berpa_run *r, const berpa_page *p);

/* Starts a new page unless nothing came yet or one was just started: a
 * form feed, after a line end when the input stopped inside a line, so
 * that the last line of one input and the first of the next never join. */
static berpa_status S_break(berpa_run *r)
{
    berpa_status st = BERPA_OK;
    if (r->at == S_AT_MID_LINE)
        st = bp_reader_feed(r->rd, "\n\f", 2, &r->in);
    else if (r->at == S_AT_LINE_END)
        st = bp_reader_feed(r->rd, "\f", 1, &r->in);
    if (st == BERPA_OK && r->at != S_AT_NONE)
        r->at = S_AT_BREAK;
    return st;
}

berpa_status berpa_run_next_input(berpa_run *r)
{
    if (!r)
        return BERPA_E_USAGE;
    berpa_status ready = S_ready(r);
    if (ready != BERPA_OK)
        return ready;
    if (r->at == S_AT_NONE)
        return BERPA_OK;
    berpa_status st = S_break(r);
    if (st != BERPA_OK)
        return S_fail(r, st);
    /* the layout starts a paragraph there, whatever the line before */
    bp_reader_input_start(r->rd);
    return BERPA_OK;
}

/* Times berpa's own work on the page (the report's berpa_ms). */
berpa_status berpa_run_feed_page(berpa_run *r, const berpa_page *p)
{
    if (!r || !p)
        return BERPA_E_USAGE;
    double t0 = S_ms();
    berpa_status st = S_feed_page(r, p);
    r->imgs.own_ms += S_ms() - t0;
    return st;
}

/* Sends diagnostic id about page img, named by its image: the page of the
 * document and of the file, then why (for the formats that take it). */
static void S_page_diag(berpa_run *r, const bp_pageimg *img, bp_diag_id id, const char *why)
{
    const char *file = r->dc.file;
    r->dc.file = img->image;
    bp_diag(&r->dc, id, 0, 0, 0, img->index + 1, img->subpage + 1, why);
    r->dc.file = file;
}

static berpa_status S_feed_page(berpa_run *r, const berpa_page *p)
{
    berpa_status ready = S_ready(r);
    if (ready != BERPA_OK)
        return ready;
    if (p->status == BERPA_E_NOMEM)
        return S_fail(r, BERPA_E_NOMEM);
    if (r->imgs.n == r->imgs.cap) {
        size_t nc = r->imgs.cap ? r->imgs.cap * 2 : 16;
        bp_pageimg **v = realloc(r->imgs.v, nc * sizeof *v);
        if (!v)
            return S_fail(r, BERPA_E_NOMEM);
        r->imgs.v = v;
        r->imgs.cap = nc;
    }
    bp_pageimg *img = malloc(sizeof *img);
    if (!img || !(*img = p->info, img->image = strdup(p->info.image)) ||
        (p->info.file && !(img->file = strdup(p->info.file)))) {
        if (img)
            free(img->image);
        free(img);
        return S_fail(r, BERPA_E_NOMEM);
    }
    img->index = (uint32_t)r->imgs.n;
    img->failed = p->status != BERPA_OK;
    r->imgs.v[r->imgs.n++] = img;
    berpa_status st = BERPA_OK;
    /* Each page after the first starts with a form feed, as in tesseract's
     * text output; a failed page stays an empty page. */
    if ((st = S_break(r)) != BERPA_OK)
        return S_fail(r, st);
    r->at = S_AT_LINE_END;
    r->img_pages = bp_reader_page(r->rd) + 1;
    if (img->failed) {
        S_page_diag(r, img, BP_D_BAD_IMAGE, p->error ? p->error : "unreadable");
        return BERPA_OK;
    }
    /* a blank page is no error, but the user should know why it is empty */
    if (p->nlines == 0 && img->noise_words) {
        char why[256];
        bp_noise_why(img, why, sizeof why);
        S_page_diag(r, img, BP_D_NO_TEXT_NOISE, why);
    } else if (p->nlines == 0) {
        S_page_diag(r, img, BP_D_NO_TEXT, NULL);
    }
    for (size_t i = 0; i < p->nlines; i++) {
        const bp_ocrline *ol = &p->lines[i];
        size_t before = r->in.nlines;
        if ((st = bp_reader_feed(r->rd, ol->text, ol->len, &r->in)) != BERPA_OK ||
            (st = bp_reader_feed(r->rd, "\n", 1, &r->in)) != BERPA_OK)
            return S_fail(r, st);
        if (r->in.nlines > before && !S_attach(&r->in.lines[r->in.nlines - 1], ol, img))
            return S_fail(r, BERPA_E_NOMEM);
        /* tesseract's text output ends a paragraph with a blank line */
        if (ol->para_end && i + 1 < p->nlines &&
            (st = bp_reader_feed(r->rd, "\n", 1, &r->in)) != BERPA_OK)
            return S_fail(r, st);
        /* pass 1 as the lines come (the window of a page is small) */
        if ((st = S_pass1(r, false)) != BERPA_OK)
            return S_fail(r, st);
    }
    return BERPA_OK;
}

berpa_status berpa_run_feed_image(berpa_run *r, berpa_ocr *o, const char *path)
{
    if (!r || !o || !path)
        return BERPA_E_USAGE;
    uint32_t n = 0;
    char err[256];
    berpa_status st = BERPA_OK;
    if (bp_image_count(path, &n, err, sizeof err) != BERPA_OK)
        n = 1; /* page 0 fails and says why */
    for (uint32_t i = 0; i < n && st == BERPA_OK; i++) {
        berpa_page *p = bp_ocr_page(o, path, i, NULL);
        st = p ? berpa_run_feed_page(r, p) : S_fail(r, BERPA_E_NOMEM);
        bp_ocrpage_free(p);
    }
    return st;
}
