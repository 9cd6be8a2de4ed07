/*
 * pipeline.c: the public API (berpa.h).  A run pushes input through the
 * reader into a window of lines; whenever the window is full it runs the
 * stages over it (layout, normalisation, document evidence,
 * dehyphenation), emits the settled prefix through the walker and drops
 * it.  The unsettled tail (an open paragraph, a page whose running head is
 * not confirmed yet) stays for the next round, so memory is bounded by the
 * window whatever the input size.
 */
#include "stages.h"
#include "walk.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define S_DEFAULT_WINDOW (1u << 20)
#define S_MIN_WINDOW (64u << 10)
#define S_MAX_OUTPUTS 16
#define S_WORDSTATS_MAX 200000

struct berpa_config {
    berpa_diag_fn diag;
    void *diag_user;
    berpa_invalid_mode invalid;
    char *dict;       /* NULL: search; "": none */
    char *freq;
    char *title;
    size_t window;
};

struct berpa_session {
    bp_lexicon *lex;
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
    bp_doc doc;
    bp_layout *lo;
    bp_wordstats *ws;
    bp_emitter *ems[S_MAX_OUTPUTS];
    S_out outs[S_MAX_OUTPUTS];   /* ems[i] writes through outs[i] */
    size_t nems;
    bp_walker *walker;
    S_state state;
    berpa_status err;
    size_t norm_upto;    /* window lines already normalised and counted */
    berpa_stats st;
    bp_pageimgs imgs;    /* pages fed from images (read_image.c), for the emitters */
    bool fed_any;        /* input or a page arrived: the next image page needs a form feed */
};

/* ---- config ------------------------------------------------------------------ */
berpa_config *berpa_config_new(void)
{
    berpa_config *c = calloc(1, sizeof *c);
    if (c)
        c->window = S_DEFAULT_WINDOW;
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
    c->diag = fn;
    c->diag_user = user;
}

void berpa_config_set_invalid(berpa_config *c, berpa_invalid_mode mode) { c->invalid = mode; }

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
    return S_set_str(&c->dict, path);
}

berpa_status berpa_config_set_frequencies(berpa_config *c, const char *path)
{
    return S_set_str(&c->freq, path);
}

berpa_status berpa_config_set_title(berpa_config *c, const char *title)
{
    return S_set_str(&c->title, title);
}

berpa_status berpa_config_set_window(berpa_config *c, size_t bytes)
{
    if (bytes < S_MIN_WINDOW)
        return BERPA_E_USAGE;
    c->window = bytes;
    return BERPA_OK;
}

/* ---- session ------------------------------------------------------------------ */
berpa_session *berpa_session_new(const berpa_config *c, berpa_status *st)
{
    berpa_status dummy;
    if (!st)
        st = &dummy;
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
    *st = BERPA_OK;
    return s;
}

void berpa_session_free(berpa_session *s)
{
    if (!s)
        return;
    bp_lexicon_free(s->lex);
    free(s->title);
    free(s);
}

const char *berpa_session_dictionary(const berpa_session *s) { return bp_lexicon_path(s->lex); }

/* ---- run ------------------------------------------------------------------------ */
berpa_run *berpa_run_new(berpa_session *s, const char *name)
{
    berpa_run *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->s = s;
    r->name = strdup(name ? name : "-");
    r->dc = (bp_diagctx){ .fn = s->diag, .user = s->diag_user };
    bp_doc_init(&r->doc);
    r->lo = bp_layout_new();
    r->ws = bp_wordstats_new(S_WORDSTATS_MAX);
    if (r->name)
        r->dc.file = r->name;
    if (!r->name || !r->lo || !r->ws || !(r->rd = bp_reader_new(&r->dc, s->invalid))) {
        berpa_run_free(r);
        return NULL;
    }
    return r;
}

void berpa_run_free(berpa_run *r)
{
    if (!r)
        return;
    bp_walker_free(r->walker);
    for (size_t i = 0; i < r->nems; i++)
        bp_emitter_free(r->ems[i]);
    bp_reader_free(r->rd);
    bp_layout_free(r->lo);
    bp_wordstats_free(r->ws);
    bp_doc_free(&r->doc);
    for (size_t i = 0; i < r->imgs.n; i++) {
        free(r->imgs.v[i]->image);
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

berpa_status berpa_run_add_output(berpa_run *r, berpa_format fmt, berpa_write_fn fn, void *user)
{
    if (r->state != S_FRESH)
        return BERPA_E_STATE;
    if (!fn || r->nems == S_MAX_OUTPUTS)
        return BERPA_E_USAGE;
    /* The emitter writes through outs[nems] (see S_out). */
    r->outs[r->nems] = (S_out){ .fn = fn, .user = user };
    fn = S_out_write;
    user = &r->outs[r->nems];
    bp_emitter *e;
    switch (fmt) {
    case BERPA_FORMAT_TEXT: e = bp_emit_text_new(fn, user); break;
    case BERPA_FORMAT_TEI: e = bp_emit_tei_new(fn, user); break;
    case BERPA_FORMAT_REPORT: e = bp_emit_report_new(fn, user); break;
    case BERPA_FORMAT_TEI_MEMBER: e = bp_emit_tei_member_new(fn, user); break;
    default: return BERPA_E_USAGE;
    }
    if (!e)
        return BERPA_E_NOMEM;
    r->ems[r->nems++] = e;
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
    bp_docinfo info = { .name = r->name, .title = r->s->title ? r->s->title : r->name,
                        .dictionary = bp_lexicon_path(r->s->lex), .pages = &r->imgs };
    if (bp_walker_begin(r->walker, &info))
        return S_emit_fail(r);
    r->state = S_RUNNING;
    return BERPA_OK;
}

/* Counts what the lines about to be emitted changed, for berpa_stats. */
static void S_tally(berpa_run *r, size_t upto)
{
    for (size_t i = 0; i < upto; i++) {
        const bp_line *l = &r->doc.lines[i];
        r->st.edits += l->nedits;
        switch (l->role) {
        case BP_ROLE_HEADER:
        case BP_ROLE_FOOTER:
        case BP_ROLE_PAGENUM: r->st.furniture++; break;
        case BP_ROLE_BODY:
            if (l->eol == BP_EOL_JOIN)
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

/* Where the settled prefix of the window ends: the start of the last block
 * that begins before the tail we keep for context. */
static size_t S_cut(const berpa_run *r, bool final)
{
    const bp_doc *d = &r->doc;
    if (final)
        return d->nlines;
    size_t keep = r->s->window / 8, acc = 0, t = d->nlines;
    while (t > 0 && acc < keep)
        acc += d->lines[--t].len + 1;
    for (size_t i = t; i > 0; i--) {
        const bp_line *l = &d->lines[i];
        if (l->role == BP_ROLE_BODY && l->block != BP_BLOCK_CONT)
            return i;
    }
    /* One paragraph fills the window: cut inside it at a body line; the
     * walker keeps the block open across windows. */
    for (size_t i = t; i > 0; i--)
        if (d->lines[i].role == BP_ROLE_BODY)
            return i;
    return t;
}

static berpa_status S_process(berpa_run *r, bool final)
{
    bp_doc *d = &r->doc;
    if (d->nlines == 0)
        return BERPA_OK;
    bp_layout_run(r->lo, d, 0, final);
    if (r->norm_upto < d->nlines) {
        berpa_status st = bp_normalize(d, r->norm_upto, d->nlines);
        if (st != BERPA_OK)
            return S_fail(r, st);
        bp_wordstats_add(r->ws, d, r->norm_upto, d->nlines);
        r->norm_upto = d->nlines;
    }
    bp_dehyphenate(d, 0, d->nlines, r->s->lex, r->ws);
    size_t cut = S_cut(r, final);
    if (cut == 0)
        return BERPA_OK;
    S_tally(r, cut);
    if (bp_walker_walk(r->walker, d, cut))
        return S_emit_fail(r);
    bp_layout_commit(r->lo, d, cut);
    bp_doc_drop(d, cut);
    r->norm_upto -= cut < r->norm_upto ? cut : r->norm_upto;
    return BERPA_OK;
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
    berpa_status ready = S_ready(r);
    if (ready != BERPA_OK)
        return ready;
    r->fed_any |= len > 0;
    /* Feed in slices so that one huge buffer still respects the window. */
    while (len > 0) {
        size_t n = len < r->s->window / 2 ? len : r->s->window / 2;
        berpa_status st = bp_reader_feed(r->rd, buf, n, &r->doc);
        if (st != BERPA_OK)
            return S_fail(r, st);
        buf += n;
        len -= n;
        if (r->doc.bytes + r->doc.nlines * 16 >= r->s->window) {
            st = S_process(r, false);
            if (st != BERPA_OK)
                return st;
        }
    }
    return BERPA_OK;
}

berpa_status berpa_run_finish(berpa_run *r)
{
    if (r->state == S_FAILED)
        return r->err;
    if (r->state == S_DONE)
        return BERPA_E_STATE;
    if (r->state == S_FRESH) {
        berpa_status st = S_start(r);
        if (st != BERPA_OK)
            return st;
    }
    berpa_status st = bp_reader_finish(r->rd, &r->doc);
    if (st != BERPA_OK)
        return S_fail(r, st);
    double t0 = r->imgs.n ? S_ms() : 0;
    st = S_process(r, true);
    if (st != BERPA_OK)
        return st;
    if (r->imgs.n)
        r->imgs.own_ms += S_ms() - t0;
    berpa_run_stats(r, &r->st);
    if (bp_walker_end(r->walker, &r->st))
        return S_emit_fail(r);
    r->state = S_DONE;
    return BERPA_OK;
}

void berpa_run_stats(const berpa_run *r, berpa_stats *out)
{
    berpa_stats s = r->st;
    s.bytes_in = bp_reader_bytes(r->rd);
    s.lines = bp_reader_lines(r->rd);
    s.pages = bp_reader_pages(r->rd);
    s.paragraphs = r->walker ? bp_walker_blocks(r->walker) : 0;
    s.warnings = r->dc.warnings;
    s.errors = r->dc.errors;
    *out = s;
}

berpa_status berpa_tei_corpus_begin(berpa_write_fn fn, void *user, const char *title)
{
    S_out o = { .fn = fn, .user = user }; /* a failure without a failed write: memory */
    if (bp_tei_corpus_begin(S_out_write, &o, title) == 0)
        return BERPA_OK;
    return o.failed ? BERPA_E_IO : BERPA_E_NOMEM;
}

berpa_status berpa_tei_corpus_end(berpa_write_fn fn, void *user)
{
    return bp_tei_corpus_end(fn, user) ? BERPA_E_IO : BERPA_OK;
}

/* ---- page images (read_image.c does the work) ----------------------------------- */
berpa_status berpa_image_pages(const char *path, uint32_t *npages)
{
    char err[256];
    return bp_image_count(path, npages, err, sizeof err);
}

berpa_ocr *berpa_ocr_new(const berpa_config *c, const char *lang, unsigned clean,
                         berpa_status *st)
{
    char err[256];
    berpa_ocr *o = bp_ocr_new(lang, clean, err, sizeof err);
    if (!o) {
        bool nomem = strcmp(err, "out of memory") == 0;
        if (!nomem) {
            bp_diagctx dc = { .fn = c->diag, .user = c->diag_user, .file = "tesseract" };
            bp_diag(&dc, BERPA_ERROR, "ocr-language", 0, 0, 0, "%s", err);
        }
        if (st)
            *st = nomem ? BERPA_E_NOMEM : BERPA_E_USAGE;
    } else if (st) {
        *st = BERPA_OK;
    }
    return o;
}

void berpa_ocr_free(berpa_ocr *o) { bp_ocr_free(o); }
berpa_page *berpa_ocr_page(berpa_ocr *o, const char *path, uint32_t index)
{
    return bp_ocr_page(o, path, index);
}
void berpa_page_free(berpa_page *p) { bp_ocrpage_free(p); }
int berpa_image_probe(const char *path) { return bp_image_probe(path) != BP_IMAGE_NONE; }

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
        l->words[l->nwords++] = w;
    }
    return true;
}

static berpa_status S_feed_page(berpa_run *r, const berpa_page *p);

/* Times berpa's own work on the page (the report's berpa_ms). */
berpa_status berpa_run_feed_page(berpa_run *r, const berpa_page *p)
{
    double t0 = S_ms();
    berpa_status st = S_feed_page(r, p);
    r->imgs.own_ms += S_ms() - t0;
    return st;
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
    if (!img || !(*img = p->info, img->image = strdup(p->info.image))) {
        free(img);
        return S_fail(r, BERPA_E_NOMEM);
    }
    img->index = (uint32_t)r->imgs.n;
    img->failed = p->status != BERPA_OK;
    r->imgs.v[r->imgs.n++] = img;
    berpa_status st = BERPA_OK;
    /* Each page after the first starts with a form feed, as in tesseract's
     * text output; a failed page stays an empty page. */
    if (r->fed_any && (st = bp_reader_feed(r->rd, "\f", 1, &r->doc)) != BERPA_OK)
        return S_fail(r, st);
    r->fed_any = true;
    if (img->failed) {
        const char *file = r->dc.file;
        r->dc.file = p->info.image;
        bp_diag(&r->dc, BERPA_ERROR, "bad-image", 0, 0, 0, "page %u (page %u of the file): %s",
                img->index + 1, p->info.subpage + 1, p->error ? p->error : "unreadable");
        r->dc.file = file;
        return BERPA_OK;
    }
    for (size_t i = 0; i < p->nlines; i++) {
        const bp_ocrline *ol = &p->lines[i];
        size_t before = r->doc.nlines;
        if ((st = bp_reader_feed(r->rd, ol->text, ol->len, &r->doc)) != BERPA_OK ||
            (st = bp_reader_feed(r->rd, "\n", 1, &r->doc)) != BERPA_OK)
            return S_fail(r, st);
        if (r->doc.nlines > before && !S_attach(&r->doc.lines[r->doc.nlines - 1], ol, img))
            return S_fail(r, BERPA_E_NOMEM);
        /* tesseract's text output ends a paragraph with a blank line */
        if (ol->para_end && i + 1 < p->nlines &&
            (st = bp_reader_feed(r->rd, "\n", 1, &r->doc)) != BERPA_OK)
            return S_fail(r, st);
    }
    if (r->doc.bytes + r->doc.nlines * 16 >= r->s->window)
        return S_process(r, false);
    return BERPA_OK;
}

berpa_status berpa_run_feed_image(berpa_run *r, berpa_ocr *o, const char *path)
{
    uint32_t n = 0;
    char err[256];
    berpa_status st = BERPA_OK;
    if (bp_image_count(path, &n, err, sizeof err) != BERPA_OK)
        n = 1; /* page 0 fails and says why */
    for (uint32_t i = 0; i < n && st == BERPA_OK; i++) {
        berpa_page *p = bp_ocr_page(o, path, i);
        st = p ? berpa_run_feed_page(r, p) : S_fail(r, BERPA_E_NOMEM);
        bp_ocrpage_free(p);
    }
    return st;
}
