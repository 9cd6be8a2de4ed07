/*
 * test_walk.c: the walker (walk.c) and the text, TEI and report emitters,
 * on document windows built by hand: event order, exact outputs, a walk
 * split over two windows, write failures.  With BERPA_WALK_OUT=PREFIX set
 * it also writes PREFIX.xml (TEI of a document using every construct),
 * PREFIX.txt (its text output) and PREFIX.in (its raw input) for the
 * tei_validate and tei_roundtrip_unit tests (jing, tests/tei_strip).
 */
#include <check.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stages.h"
#include "walk.h"

/* ---- output capture ------------------------------------------------------ */

typedef struct S_buf {
    char *s;
    size_t n, cap;
    long fail_after;   /* fail the write that would pass this many bytes; <0 never */
    int calls;
} S_buf;

static int S_write(void *user, const char *b, size_t n)
{
    S_buf *o = user;
    o->calls++;
    if (o->fail_after >= 0 && o->n + n > (size_t)o->fail_after)
        return -1;
    if (o->n + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 1024;
        while (cap < o->n + n + 1)
            cap *= 2;
        o->s = realloc(o->s, cap);
        ck_assert_ptr_nonnull(o->s);
        o->cap = cap;
    }
    memcpy(o->s + o->n, b, n);
    o->n += n;
    o->s[o->n] = '\0';
    return 0;
}

static void S_buf_init(S_buf *o)
{
    memset(o, 0, sizeof *o);
    o->fail_after = -1;
    S_write(o, "", 0);
    o->calls = 0;
}

/* ---- building windows ------------------------------------------------------ */

static bp_line *S_add(bp_doc *d, const char *text, bp_role role, bp_block block,
                      uint32_t flags)
{
    bp_line *l = bp_doc_push(d);
    ck_assert_ptr_nonnull(l);
    size_t n = strlen(text);
    l->text = malloc(n + 1);
    ck_assert_ptr_nonnull(l->text);
    memcpy(l->text, text, n + 1);
    l->len = (uint32_t)n;
    l->role = (uint8_t)role;
    l->block = (uint8_t)block;
    l->flags = flags;
    l->lineno = d->nlines;
    d->bytes += n;
    return l;
}

static bp_line *S_body(bp_doc *d, const char *text, bp_block block)
{
    return S_add(d, text, BP_ROLE_BODY, block, 0);
}

/* The line ends in a hyphen of hylen bytes, decided as eol. */
static void S_hy(bp_line *l, bp_eol eol, uint8_t hylen, float cert, const char *why)
{
    l->flags |= BP_LF_HYPHEN_END;
    l->hy_at = l->len - hylen;
    l->hy_len = hylen;
    l->eol = (uint8_t)eol;
    l->eol_cert = cert;
    l->eol_why = why;
}

/* Records the hyphen sites as dehyphen.c would: the word before each
 * decided line-end hyphen and the first word of the next BODY line. */
static void S_sites(bp_doc *d)
{
    for (size_t i = 0; i < d->nlines; i++) {
        bp_line *l = &d->lines[i];
        if (l->eol == BP_EOL_NONE || !(l->flags & BP_LF_HYPHEN_END) || l->site_left)
            continue;
        size_t st = bp_word_back(l->text, l->hy_at);
        l->site_left = strndup(l->text + st, l->hy_at - st);
        size_t j = bp_doc_next_body(d, i);
        if (j < d->nlines) {
            const bp_line *n = &d->lines[j];
            size_t p = 0, a, b;
            bool hy;
            if (bp_word_next(n->text, n->len, &p, &a, &b, &hy))
                l->site_right = strndup(n->text + a, b - a);
        }
    }
}

/* An edit whose clean text `reg` is the first occurrence at or after
 * byte `from` of the line (reg "" needs from = the deletion point). */
static void S_ed(bp_line *l, uint32_t from, const char *reg, const char *orig,
                 size_t orig_len, bp_edit_kind kind, float cert)
{
    const char *p = *reg ? strstr(l->text + from, reg) : l->text + from;
    ck_assert_ptr_nonnull(p);
    ck_assert(bp_line_add_edit(l, (uint32_t)(p - l->text), (uint32_t)strlen(reg), orig,
                               (uint32_t)orig_len, kind, cert));
}

static uint32_t S_at(const bp_line *l, const char *needle)
{
    const char *p = strstr(l->text, needle);
    ck_assert_ptr_nonnull(p);
    return (uint32_t)(p - l->text);
}

/* Gives every line its provenance (src_off, src_len) from a raw input made
 * of: indent spaces, the text with each edit's original put back, trail
 * spaces; "\n" between lines and "\f" before each page but the first.
 * Returns that raw input (caller frees). */
static char *S_provenance(bp_doc *d, size_t *rawlen)
{
    S_buf raw;
    S_buf_init(&raw);
    for (size_t i = 0; i < d->nlines; i++) {
        bp_line *l = &d->lines[i];
        if (i > 0)
            S_write(&raw, "\n", 1);
        if (i > 0 && (l->flags & BP_LF_PAGE_START))
            S_write(&raw, "\f", 1);
        l->src_off = raw.n;
        for (uint32_t k = 0; k < l->indent; k++)
            S_write(&raw, " ", 1);
        uint32_t pos = 0;
        for (uint32_t k = 0; k < l->nedits; k++) {
            S_write(&raw, l->text + pos, l->edits[k].at - pos);
            S_write(&raw, l->edits[k].orig, l->edits[k].orig_len);
            pos = l->edits[k].at + l->edits[k].len;
        }
        S_write(&raw, l->text + pos, l->len - pos);
        for (uint32_t k = 0; k < l->trail; k++)
            S_write(&raw, " ", 1);
        l->src_len = (uint32_t)(raw.n - l->src_off);
    }
    S_write(&raw, "\n", 1);
    *rawlen = raw.n;
    return raw.s;
}

/* ---- running emitters ------------------------------------------------------ */

enum { S_TEXT, S_TEI, S_REPORT, S_NFMT };

typedef struct S_run {
    S_buf out[S_NFMT];
    bp_emitter *em[S_NFMT];
    bp_walker *w;
} S_run;

static void S_run_open(S_run *r, const bp_docinfo *info)
{
    for (int f = 0; f < S_NFMT; f++) {
        S_buf_init(&r->out[f]);
        r->out[f].n = 0;
    }
    r->em[S_TEXT] = bp_emit_text_new(S_write, &r->out[S_TEXT]);
    r->em[S_TEI] = bp_emit_tei_new(S_write, &r->out[S_TEI]);
    r->em[S_REPORT] = bp_emit_report_new(S_write, &r->out[S_REPORT]);
    for (int f = 0; f < S_NFMT; f++)
        ck_assert_ptr_nonnull(r->em[f]);
    r->w = bp_walker_new(r->em, S_NFMT);
    ck_assert_ptr_nonnull(r->w);
    ck_assert_int_eq(bp_walker_begin(r->w, info), 0);
}

static void S_run_close(S_run *r, const berpa_stats *st)
{
    ck_assert_int_eq(bp_walker_end(r->w, st), 0);
    bp_walker_free(r->w);
    for (int f = 0; f < S_NFMT; f++)
        bp_emitter_free(r->em[f]);
}

static void S_run_free(S_run *r)
{
    for (int f = 0; f < S_NFMT; f++)
        free(r->out[f].s);
}

/* Walks the whole of d in one window. */
static void S_run_doc(S_run *r, bp_doc *d, const bp_docinfo *info)
{
    S_run_open(r, info);
    d->seen_eof = true;
    S_sites(d);
    ck_assert_int_eq(bp_walker_walk(r->w, d, 0, d->nlines), 0);
    S_run_close(r, NULL);
}

/* The part of a TEI output from <text to the end. */
static const char *S_tei_text(const S_buf *b)
{
    const char *p = strstr(b->s, "<text ");
    ck_assert_ptr_nonnull(p);
    return p;
}

static void S_assert_wellformed(const S_buf *b)
{
    xmlDocPtr x = xmlReadMemory(b->s, (int)b->n, "walk.xml", NULL, XML_PARSE_NONET);
    ck_assert_msg(x != NULL, "TEI output is not well-formed:\n%s", b->s);
    xmlFreeDoc(x);
}

static const bp_docinfo S_info = { .name = "in.txt", .title = NULL, .dictionary = NULL };

static void S_save(const char *prefix, const char *ext, const char *s, size_t n);

/* Writes a TEI output to $BERPA_WALK_OUT<ext> for tei_validate, if set. */
static void S_save_tei(const S_buf *b, const char *ext)
{
    const char *prefix = getenv("BERPA_WALK_OUT");
    if (prefix && *prefix)
        S_save(prefix, ext, b->s, b->n);
}

/* ---- a spy emitter: logs the events it receives ----------------------------- */

typedef struct S_spy {
    S_buf log;
    bool prev_copy;   /* a line got a prev with text NULL (an earlier window) */
} S_spy;

/* Logs pre, the n bytes at a, then post. */
static void S_log(S_spy *s, const char *pre, const char *a, size_t n, const char *post)
{
    S_write(&s->log, pre, strlen(pre));
    S_write(&s->log, a, n);
    S_write(&s->log, post, strlen(post));
}

static int S_spy_page(void *self, const bp_line *f, bool no)
{
    char b[64];
    snprintf(b, sizeof b, "page(%d%s) ", (int)f->pnum, no ? ",no" : "");
    return S_write(&((S_spy *)self)->log, b, strlen(b));
}
static int S_spy_column(void *self, const bp_line *f, bool no)
{
    return S_write(&((S_spy *)self)->log, no ? "col(no) " : "col ", no ? 8 : 4);
}
static int S_spy_fw(void *self, const bp_line *l)
{
    S_log(self, "fw[", l->text, l->len, "] ");
    return 0;
}
static int S_spy_bb(void *self, bp_block k, const bp_line *first)
{
    static const char *const n[] = { "CONT", "P", "HEAD", "ITEM" };
    S_log(self, "<", n[k], strlen(n[k]), "> ");
    return 0;
}
static int S_spy_be(void *self, bp_block k)
{
    static const char *const n[] = { "CONT", "P", "HEAD", "ITEM" };
    S_log(self, "</", n[k], strlen(n[k]), "> ");
    return 0;
}
static int S_spy_line(void *self, const bp_line *l, const bp_line *prev)
{
    S_spy *s = self;
    static const char *const e[] = { "none", "join", "keep", "maybe" };
    if (prev && !prev->text)
        s->prev_copy = true;
    S_log(s, "line(", prev ? e[prev->eol] : "-", prev ? strlen(e[prev->eol]) : 1, ") ");
    return 0;
}
static int S_spy_text(void *self, const char *t, size_t n)
{
    S_log(self, "'", t, n, "' ");
    return 0;
}
static int S_spy_edit(void *self, const bp_line *l, const bp_edit *e, const char *reg)
{
    S_log(self, "{", e->orig, e->orig_len, "");
    S_log(self, ">", reg, e->len, "} ");
    return 0;
}
static int S_spy_hyphen(void *self, const bp_line *l, const char *t, size_t n)
{
    S_log(self, "hy[", t, n, "] ");
    return 0;
}
static int S_spy_end(void *self, const berpa_stats *st)
{
    return S_write(&((S_spy *)self)->log, "end", 3);
}

static bp_emitter S_spy_emitter(S_spy *s)
{
    S_buf_init(&s->log);
    s->prev_copy = false;
    return (bp_emitter){ .self = s, .page = S_spy_page, .column = S_spy_column, .fw = S_spy_fw,
                         .block_begin = S_spy_bb, .block_end = S_spy_be, .line = S_spy_line,
                         .text = S_spy_text, .edit = S_spy_edit, .hyphen = S_spy_hyphen,
                         .end = S_spy_end };
}

/* ---- documents ------------------------------------------------------------------ */

/* Headings, paragraphs, items, every eol kind, furniture between blocks and
 * inside one, a blank line and a block that starts with CONT. */
static void S_doc_events(bp_doc *d)
{
    bp_line *l;
    bp_doc_init(d);
    l = S_add(d, "MAARİF", BP_ROLE_HEADER, BP_BLOCK_CONT, BP_LF_PAGE_START);
    l->pnum = 12;
    S_body(d, "Giriş", BP_BLOCK_HEAD);
    l = S_body(d, "Bu kitab mək-", BP_BLOCK_P);
    S_hy(l, BP_EOL_JOIN, 1, 1.0f, "dict");
    l = S_body(d, "təblər üçün milli-", BP_BLOCK_CONT);
    S_hy(l, BP_EOL_KEEP, 1, 0.9f, "compound");
    l = S_body(d, "azadlıq hərbi-", BP_BLOCK_CONT);
    S_hy(l, BP_EOL_MAYBE, 1, 0.5f, "unsure");
    l = S_body(d, "siyasi dili azər-", BP_BLOCK_CONT);
    S_hy(l, BP_EOL_JOIN, 1, 1.0f, "dict");
    S_add(d, "12", BP_ROLE_PAGENUM, BP_BLOCK_CONT, 0);
    l = S_add(d, "MAARİF", BP_ROLE_HEADER, BP_BLOCK_CONT, BP_LF_PAGE_START);
    l->pnum = 13;
    S_body(d, "baycan dilidir.", BP_BLOCK_CONT);
    S_add(d, "", BP_ROLE_BLANK, BP_BLOCK_CONT, 0);
    S_add(d, "13", BP_ROLE_PAGENUM, BP_BLOCK_CONT, 0);
    S_body(d, "birinci", BP_BLOCK_ITEM);
    S_add(d, "ikinci", BP_ROLE_BODY, BP_BLOCK_ITEM, BP_LF_COLUMN_START);
    S_body(d, "davamı", BP_BLOCK_CONT);
    S_body(d, "son", BP_BLOCK_CONT);
}

static const char S_events_expected[] =
    "page(12) fw[MAARİF] <HEAD> line(-) 'Giriş' </HEAD> "
    "<P> line(-) 'Bu kitab mək' hy[-] line(join) 'təblər üçün milli-' "
    "line(keep) 'azadlıq hərbi-' line(maybe) 'siyasi dili azər' hy[-] "
    "fw[12] page(13,no) fw[MAARİF] line(join) 'baycan dilidir.' </P> "
    "fw[13] <ITEM> line(-) 'birinci' </ITEM> col <ITEM> line(-) 'ikinci' "
    "line(none) 'davamı' line(none) 'son' </ITEM> end";

START_TEST(t_events)
{
    bp_doc d;
    S_doc_events(&d);
    d.seen_eof = true;
    S_spy a, b;
    bp_emitter ea = S_spy_emitter(&a), eb = S_spy_emitter(&b);
    bp_emitter *ems[] = { &ea, &eb };
    bp_walker *w = bp_walker_new(ems, 2);
    ck_assert_ptr_nonnull(w);
    ck_assert_int_eq(bp_walker_begin(w, &S_info), 0);
    S_sites(&d);
    ck_assert_int_eq(bp_walker_walk(w, &d, 0, d.nlines), 0);
    ck_assert_int_eq(bp_walker_end(w, NULL), 0);
    ck_assert_str_eq(a.log.s, S_events_expected);
    ck_assert_str_eq(b.log.s, S_events_expected); /* every emitter, same events */
    ck_assert(!a.prev_copy);
    ck_assert_uint_eq(bp_walker_blocks(w), 4);
    bp_walker_free(w);
    free(a.log.s);
    free(b.log.s);
    bp_doc_free(&d);
}
END_TEST

/* The same events whatever the window boundary; prev from an earlier
 * window is the walker's copy (text NULL). */
START_TEST(t_events_split)
{
    bp_doc tmp;
    S_doc_events(&tmp);
    size_t n = tmp.nlines;
    bp_doc_free(&tmp);
    bool copies = false;
    for (size_t k = 1; k < n; k++) {
        bp_doc d;
        S_doc_events(&d);
        S_spy a;
        bp_emitter ea = S_spy_emitter(&a);
        bp_emitter *ems[] = { &ea };
        bp_walker *w = bp_walker_new(ems, 1);
        ck_assert_int_eq(bp_walker_begin(w, &S_info), 0);
        S_sites(&d);
        ck_assert_int_eq(bp_walker_walk(w, &d, 0, k), 0);
        bp_doc_drop(&d, k);
        d.seen_eof = true;
        S_sites(&d);
        ck_assert_int_eq(bp_walker_walk(w, &d, 0, d.nlines), 0);
        ck_assert_int_eq(bp_walker_end(w, NULL), 0);
        ck_assert_msg(strcmp(a.log.s, S_events_expected) == 0, "split at %zu:\n%s", k, a.log.s);
        copies = copies || a.prev_copy;
        bp_walker_free(w);
        free(a.log.s);
        bp_doc_free(&d);
    }
    ck_assert(copies);
}
END_TEST

/* A JOIN line whose next BODY line starts another block keeps its hyphen
 * as text; milestones before the end of input close the block first. */
START_TEST(t_events_edge)
{
    bp_doc d;
    bp_doc_init(&d);
    S_body(&d, "CONT first", BP_BLOCK_CONT);
    bp_line *l = S_body(&d, "yarım-", BP_BLOCK_CONT);
    S_hy(l, BP_EOL_JOIN, 1, 1.0f, "dict");
    S_body(&d, "yeni", BP_BLOCK_P);
    S_add(&d, "99", BP_ROLE_PAGENUM, BP_BLOCK_CONT, 0);
    d.seen_eof = true;
    S_spy a;
    bp_emitter ea = S_spy_emitter(&a);
    bp_emitter *ems[] = { &ea };
    bp_walker *w = bp_walker_new(ems, 1);
    S_sites(&d);
    ck_assert_int_eq(bp_walker_walk(w, &d, 0, d.nlines), 0);
    ck_assert_int_eq(bp_walker_end(w, NULL), 0);
    ck_assert_str_eq(a.log.s, "<P> line(-) 'CONT first' line(none) 'yarım-' </P> "
                              "<P> line(-) 'yeni' </P> fw[99] end");
    bp_walker_free(w);
    free(a.log.s);
    bp_doc_free(&d);
}
END_TEST

/* ---- text ------------------------------------------------------------------------ */

START_TEST(t_text)
{
    bp_doc d;
    S_doc_events(&d);
    bp_line *l = &d.lines[8];
    ck_assert_str_eq(l->text, "baycan dilidir.");
    S_ed(l, 0, "dilidir", "ciliclir", 8, BP_EDIT_OCR, 0.8f);
    S_run r;
    S_run_doc(&r, &d, &S_info);
    ck_assert_str_eq(r.out[S_TEXT].s,
                     "Giriş\n"
                     "Bu kitab məktəblər üçün milli-azadlıq hərbi-siyasi dili azərbaycan dilidir.\n"
                     "birinci\n"
                     "ikinci davamı son\n");
    ck_assert_int_eq(r.out[S_TEXT].calls, 1); /* buffered: one write */
    S_run_free(&r);
    bp_doc_free(&d);
}
END_TEST

/* ---- TEI ---------------------------------------------------------------------------- */

/* The page-break example of docs/TEI.md, in that exact shape. */
START_TEST(t_tei_example)
{
    bp_doc d;
    bp_doc_init(&d);
    bp_line *l = S_add(&d, "MAARİF", BP_ROLE_HEADER, BP_BLOCK_CONT, BP_LF_PAGE_START);
    l->pnum = 12;
    l = S_body(&d, "Bu kitab 1925-ci ildə nəşr olunmuşdur və mək-", BP_BLOCK_P);
    S_ed(l, 0, "olunmuşdur", "olunrnuşdur", 12, BP_EDIT_OCR, 0.93f);
    S_hy(l, BP_EOL_JOIN, 1, 1.0f, "dict");
    l = S_body(&d, "təblər üçün yazılmışdır; dili azər-", BP_BLOCK_CONT);
    S_hy(l, BP_EOL_JOIN, 1, 1.0f, "dict");
    S_add(&d, "12", BP_ROLE_PAGENUM, BP_BLOCK_CONT, 0);
    l = S_add(&d, "MAARİF", BP_ROLE_HEADER, BP_BLOCK_CONT, BP_LF_PAGE_START);
    l->pnum = 13;
    S_body(&d, "baycan dilidir.", BP_BLOCK_CONT);
    S_run r;
    S_run_doc(&r, &d, &(bp_docinfo){ .name = "p.txt", .title = "Maarif jurnalı, 1925, No. 3" });
    ck_assert_str_eq(
        S_tei_text(&r.out[S_TEI]),
        "<text xml:lang=\"az-Latn\"><body>\n<div>\n"
        "<pb n=\"12\"/><fw type=\"header\" place=\"top\">MAARİF</fw>\n"
        "<p><lb/>Bu kitab 1925-ci ildə nəşr <choice><sic>olunrnuşdur</sic><corr resp=\"#berpa\" "
        "cert=\"0.93\">olunmuşdur</corr></choice> və mək<lb break=\"no\" rend=\"hyphen\"/>təblər "
        "üçün yazılmışdır; dili azər<fw type=\"pageNum\" place=\"bottom\">12</fw><pb n=\"13\" "
        "break=\"no\"/><fw type=\"header\" place=\"top\">MAARİF</fw><lb break=\"no\" "
        "rend=\"hyphen\"/>baycan dilidir.</p>\n"
        "</div>\n</body></text>\n</TEI>\n");
    const char *tei = r.out[S_TEI].s;
    ck_assert_ptr_nonnull(strstr(tei, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TEI "
                                      "xmlns=\"http://www.tei-c.org/ns/1.0\">\n  <teiHeader"));
    ck_assert_ptr_nonnull(strstr(tei, "<title>Maarif jurnalı, 1925, No. 3</title>"));
    ck_assert_ptr_nonnull(strstr(tei, "<respStmt xml:id=\"berpa\">"));
    ck_assert_ptr_nonnull(strstr(tei, "<name>berpa " BERPA_VERSION_STRING "</name>"));
    ck_assert_ptr_nonnull(strstr(tei, "<bibl>p.txt</bibl>"));
    ck_assert_ptr_nonnull(strstr(tei, "<correction method=\"markup\">"));
    ck_assert_ptr_nonnull(strstr(tei, "<hyphenation eol=\"hard\">"));
    ck_assert_ptr_nonnull(strstr(tei, "<language ident=\"az-Latn\">"));
    ck_assert_str_eq(r.out[S_TEXT].s, "Bu kitab 1925-ci ildə nəşr olunmuşdur və məktəblər üçün "
                                      "yazılmışdır; dili azərbaycan dilidir.\n");
    S_assert_wellformed(&r.out[S_TEI]);
    S_save_tei(&r.out[S_TEI], "-example.xml");
    /* The report in document order: the furniture inside "azər-baycan"
     * comes after that word's hyphen decision. */
    char order[256] = "";
    for (const char *p = r.out[S_REPORT].s; (p = strstr(p, "{\"type\":\"")) != NULL; p++) {
        char t[16] = "";
        unsigned line = 0;
        ck_assert_int_eq(sscanf(p, "{\"type\":\"%15[a-z]\",\"line\":%u", t, &line), 2);
        snprintf(order + strlen(order), sizeof order - strlen(order), "%s:%u ", t, line);
    }
    ck_assert_str_eq(order, "furniture:1 edit:2 hyphen:2 hyphen:3 furniture:4 furniture:5 ");
    ck_assert_ptr_nonnull(strstr(r.out[S_REPORT].s, "\"left\":\"azər-\",\"right\":\"baycan\","
                                                    "\"word\":\"azərbaycan\""));
    S_run_free(&r);
    bp_doc_free(&d);
}
END_TEST

/* Every construct: pages, a column, every fw type, headings and divs, a
 * list, every edit kind (invalid bytes and controls among the originals),
 * every eol kind, a non-ASCII hyphen, a cert on an lb. */
static void S_doc_all(bp_doc *d)
{
    bp_line *l;
    bp_doc_init(d);
    l = S_add(d, "BƏRPA JURNALI", BP_ROLE_HEADER, BP_BLOCK_CONT, BP_LF_PAGE_START);
    l->pnum = 1;
    S_ed(l, 0, "", "\xEF\xBB\xBF", 3, BP_EDIT_BOM, 1.0f);
    S_add(d, "", BP_ROLE_BLANK, BP_BLOCK_CONT, 0);
    l = S_body(d, "Birinci fəsil", BP_BLOCK_HEAD);
    l->indent = 10;
    S_ed(l, 0, "fə", "f\xD3\x99", 3, BP_EDIT_CONFUSABLE, 1.0f); /* Cyrillic ә */
    l = S_body(d, "Bu kitab «olunmuşdur» və mək-", BP_BLOCK_P);
    l->indent = 4;
    S_ed(l, 0, " ", "  \t", 3, BP_EDIT_SPACE, 1.0f);
    S_ed(l, S_at(l, "olun"), "", " ", 1, BP_EDIT_SPACE, 1.0f);
    S_ed(l, 0, "olunmuşdur", "olunrnuşdur", 12, BP_EDIT_OCR, 0.93f);
    S_ed(l, S_at(l, "»"), "", " ", 1, BP_EDIT_SPACE, 1.0f);
    S_hy(l, BP_EOL_JOIN, 1, 0.97f, "dict");
    l = S_body(d, "təblər «söz» milli-", BP_BLOCK_CONT);
    S_hy(l, BP_EOL_KEEP, 1, 1.0f, "compound");
    l = S_body(d, "azadlıq fisil x\xEF\xBF\xBDy hərbi-", BP_BLOCK_CONT);
    l->trail = 2;
    S_ed(l, 0, "fi", "\xEF\xAC\x81", 3, BP_EDIT_LIGATURE, 1.0f);
    S_ed(l, 0, "\xEF\xBF\xBD", "\xFF", 1, BP_EDIT_INVALID, 1.0f);
    S_hy(l, BP_EOL_MAYBE, 1, 0.5f, "unsure");
    l = S_body(d, "siyasi sözlük dönəm dili azər\xC2\xAC", BP_BLOCK_CONT);
    S_ed(l, 0, "ö", "o\xCC\x88", 3, BP_EDIT_NFC, 1.0f); /* the ö of söz */
    S_ed(l, S_at(l, "lük"), "", "\xC2\xAD", 2, BP_EDIT_SOFT_HYPHEN, 1.0f);
    S_ed(l, S_at(l, "nəm"), "", "\xE2\x80\x8B", 3, BP_EDIT_ZERO_WIDTH, 1.0f);
    S_hy(l, BP_EOL_JOIN, 2, 1.0f, "dict");
    S_add(d, "— 1 —", BP_ROLE_PAGENUM, BP_BLOCK_CONT, 0);
    S_add(d, "qeyd: arxiv", BP_ROLE_FOOTER, BP_BLOCK_CONT, 0);
    l = S_add(d, "BƏRPA JURNALI", BP_ROLE_HEADER, BP_BLOCK_CONT, BP_LF_PAGE_START);
    l->pnum = 2;
    l = S_body(d, "baycan dilidir<x> & son.", BP_BLOCK_CONT);
    S_ed(l, S_at(l, "n dil"), "", "\x00\x0C", 2, BP_EDIT_CONTROL, 1.0f);
    S_body(d, "birinci bənd", BP_BLOCK_ITEM);
    S_add(d, "ikinci bənd", BP_ROLE_BODY, BP_BLOCK_ITEM, BP_LF_COLUMN_START);
    S_body(d, "İkinci fəsil", BP_BLOCK_HEAD);
    S_body(d, "Son söz.", BP_BLOCK_P);
    S_body(d, "Son abzas.", BP_BLOCK_P);
    S_add(d, "2", BP_ROLE_PAGENUM, BP_BLOCK_CONT, 0);
}

static const char S_all_text[] =
    "Birinci fəsil\n"
    "Bu kitab «olunmuşdur» və məktəblər «söz» milli-azadlıq fisil x\xEF\xBF\xBDy "
    "hərbi-siyasi sözlük dönəm dili azərbaycan dilidir<x> & son.\n"
    "birinci bənd\n"
    "ikinci bənd\n"
    "İkinci fəsil\n"
    "Son söz.\n"
    "Son abzas.\n";

static const char S_all_tei[] =
    "<text xml:lang=\"az-Latn\"><body>\n<div>\n"
    "<pb n=\"1\"/><fw type=\"header\" place=\"top\"><choice><orig>\xEF\xBB\xBF</orig><reg/>"
    "</choice>BƏRPA JURNALI</fw>\n"
    "<head><lb/>Birinci <choice><orig>f\xD3\x99</orig><reg>fə</reg></choice>sil</head>\n"
    "<p><lb/>Bu  \tkitab «<choice><orig> </orig><reg/></choice><choice><sic>olunrnuşdur</sic>"
    "<corr resp=\"#berpa\" cert=\"0.93\">olunmuşdur</corr></choice><choice><orig> </orig>"
    "<reg/></choice>» və mək<lb break=\"no\" rend=\"hyphen\" cert=\"0.97\"/>təblər «söz» "
    "milli-<lb break=\"no\"/>azadlıq "
    "<choice><orig>\xEF\xAC\x81</orig><reg>fi</reg></choice>sil x<choice><orig>"
    "<g type=\"invalid-byte\" n=\"0xFF\"/></orig><reg>\xEF\xBF\xBD</reg></choice>y hərbi-"
    "<lb break=\"maybe\" cert=\"0.5\"/>siyasi s<choice><orig>o\xCC\x88</orig><reg>ö</reg>"
    "</choice>z<choice><orig>\xC2\xAD</orig><reg/></choice>lük dö<choice><orig>\xE2\x80\x8B"
    "</orig><reg/></choice>nəm dili azər<fw type=\"pageNum\" place=\"bottom\">— 1 —</fw>"
    "<fw type=\"footer\" place=\"bottom\">qeyd: arxiv</fw><pb n=\"2\" break=\"no\"/>"
    "<fw type=\"header\" place=\"top\">BƏRPA JURNALI</fw><lb break=\"no\" rend=\"hyphen\" "
    "type=\"U+00AC\"/>bayca<choice><orig><g type=\"control\" n=\"U+0000\"/><g type=\"control\" "
    "n=\"U+000C\"/></orig><reg/></choice>n dilidir&lt;x&gt; &amp; son.</p>\n"
    "<list>\n<item><lb/>birinci bənd</item>\n<cb/>\n<item><lb/>ikinci bənd</item>\n</list>\n"
    "</div>\n<div>\n"
    "<head><lb/>İkinci fəsil</head>\n<p><lb/>Son söz.</p>\n<p><lb/>Son abzas.</p>\n"
    "<fw type=\"pageNum\" place=\"bottom\">2</fw>\n"
    "</div>\n</body></text>\n</TEI>\n";

static void S_save(const char *prefix, const char *ext, const char *s, size_t n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s%s", prefix, ext);
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    ck_assert_uint_eq(fwrite(s, 1, n, f), n);
    ck_assert_int_eq(fclose(f), 0);
}

START_TEST(t_tei_all)
{
    bp_doc d;
    S_doc_all(&d);
    size_t rawlen;
    char *raw = S_provenance(&d, &rawlen);
    S_run r;
    S_run_doc(&r, &d, &(bp_docinfo){ .name = "all.txt", .dictionary = "/x/az_AZ" });
    ck_assert_str_eq(r.out[S_TEXT].s, S_all_text);
    ck_assert_str_eq(S_tei_text(&r.out[S_TEI]), S_all_tei);
    ck_assert_ptr_nonnull(strstr(r.out[S_TEI].s, "Hunspell dictionary: /x/az_AZ"));
    S_assert_wellformed(&r.out[S_TEI]);
    const char *prefix = getenv("BERPA_WALK_OUT");
    if (prefix && *prefix) {
        S_save(prefix, ".xml", r.out[S_TEI].s, r.out[S_TEI].n);
        S_save(prefix, ".txt", r.out[S_TEXT].s, r.out[S_TEXT].n);
        S_save(prefix, ".in", raw, rawlen);
    }
    free(raw);
    S_run_free(&r);
    bp_doc_free(&d);
}
END_TEST

/* Text and titles XML cannot carry: checked, never passed through. */
START_TEST(t_tei_invalid_chars)
{
    bp_doc d;
    bp_doc_init(&d);
    S_body(&d, "a\x0C" "b\xFF" "c\xEF\xBF\xBE" "d\r", BP_BLOCK_P);
    S_run r;
    S_run_doc(&r, &d, &(bp_docinfo){ .name = "-", .title = "T\x01\xC3" });
    ck_assert_str_eq(S_tei_text(&r.out[S_TEI]),
                     "<text xml:lang=\"az-Latn\"><body>\n<div>\n<p><lb/>a<g type=\"control\" "
                     "n=\"U+000C\"/>b<g type=\"invalid-byte\" n=\"0xFF\"/>c<g "
                     "type=\"noncharacter\" n=\"U+FFFE\"/>d&#13;</p>\n</div>\n</body></text>\n"
                     "</TEI>\n");
    ck_assert_msg(strstr(r.out[S_TEI].s, "<title>T<g type=\"control\" n=\"U+0001\"/>"
                                         "<g type=\"invalid-byte\" n=\"0xC3\"/></title>") != NULL,
                  "%s", r.out[S_TEI].s);
    ck_assert_ptr_nonnull(strstr(r.out[S_TEI].s, "<bibl>standard input</bibl>"));
    S_assert_wellformed(&r.out[S_TEI]);
    S_save_tei(&r.out[S_TEI], "-chars.xml");
    S_run_free(&r);
    bp_doc_free(&d);
}
END_TEST

START_TEST(t_empty)
{
    bp_doc d;
    bp_doc_init(&d);
    S_run r;
    S_run_doc(&r, &d, &S_info);
    ck_assert_str_eq(r.out[S_TEXT].s, "");
    ck_assert_str_eq(S_tei_text(&r.out[S_TEI]),
                     "<text xml:lang=\"az-Latn\"><body>\n<div>\n</div>\n</body></text>\n</TEI>\n");
    ck_assert_str_eq(r.out[S_REPORT].s, "{\"berpa\":\"" BERPA_VERSION_STRING "\",\"input\":"
                     "\"in.txt\",\"dictionary\":null,\"changes\":[],\"stats\":{\"bytes_in\":0,"
                     "\"lines\":0,\"pages\":0,\"paragraphs\":0,\"hyphens_joined\":0,"
                     "\"hyphens_kept\":0,\"hyphens_unsure\":0,\"furniture\":0,\"edits\":0,"
                     "\"words_examined\":0,\"corrections\":0,\"corrections_unsure\":0,"
                     "\"warnings\":0,\"errors\":0,\"furniture_unsure\":0}}\n");
    S_assert_wellformed(&r.out[S_TEI]);
    S_save_tei(&r.out[S_TEI], "-empty.xml");
    S_run_free(&r);
    bp_doc_free(&d);
}
END_TEST

/* ---- report ---------------------------------------------------------------------- */

START_TEST(t_report)
{
    bp_doc d;
    bp_doc_init(&d);
    bp_line *l = S_add(&d, "BAŞ \"söz\"", BP_ROLE_HEADER, BP_BLOCK_CONT, BP_LF_PAGE_START);
    l->indent = 2;
    l = S_body(&d, "Bu (dö-", BP_BLOCK_P);
    S_ed(l, 0, "Bu", "B\x01u\xFE", 4, BP_EDIT_CONTROL, 1.0f);
    S_hy(l, BP_EOL_JOIN, 1, 0.97f, "dict: dönəmdə");
    l = S_body(&d, "nəmdə), milli-", BP_BLOCK_CONT);
    S_hy(l, BP_EOL_KEEP, 1, 1.0f, NULL);
    l = S_body(&d, "azadlıq fi.", BP_BLOCK_CONT);
    S_ed(l, 0, "fi", "\xEF\xAC\x81", 3, BP_EDIT_LIGATURE, 1.0f);
    size_t rawlen;
    free(S_provenance(&d, &rawlen));
    S_run r;
    berpa_stats st = { .bytes_in = 60, .lines = 4, .pages = 1, .paragraphs = 1,
                       .hyphens_joined = 1, .hyphens_kept = 1, .furniture = 1, .edits = 2 };
    S_run_open(&r, &(bp_docinfo){ .name = "a\"b\\c\n.txt", .dictionary = "/d/az_AZ" });
    d.seen_eof = true;
    S_sites(&d);
    ck_assert_int_eq(bp_walker_walk(r.w, &d, 0, d.nlines), 0);
    S_run_close(&r, &st);
    ck_assert_str_eq(
        r.out[S_REPORT].s,
        "{\"berpa\":\"" BERPA_VERSION_STRING "\",\"input\":\"a\\\"b\\\\c\\u000A.txt\","
        "\"dictionary\":\"/d/az_AZ\",\"changes\":["
        "{\"type\":\"furniture\",\"line\":1,\"byte\":2,\"role\":\"header\","
        "\"text\":\"BAŞ \\\"söz\\\"\"},"
        "{\"type\":\"edit\",\"line\":2,\"byte\":14,\"kind\":\"control\","
        "\"orig\":\"B\\u0001u\\uFFFD\",\"reg\":\"Bu\",\"orig_hex\":\"420175fe\"},"
        "{\"type\":\"hyphen\",\"line\":2,\"byte\":23,\"decision\":\"join\",\"left\":\"dö-\","
        "\"right\":\"nəmdə\",\"word\":\"dönəmdə\",\"cert\":0.97,\"why\":\"dict: dönəmdə\"},"
        "{\"type\":\"hyphen\",\"line\":3,\"byte\":40,\"decision\":\"keep\",\"left\":\"milli-\","
        "\"right\":\"azadlıq\",\"word\":\"milli-azadlıq\",\"cert\":1,\"why\":null},"
        "{\"type\":\"edit\",\"line\":4,\"byte\":51,\"kind\":\"ligature\",\"orig\":\"ﬁ\","
        "\"reg\":\"fi\"}],"
        "\"stats\":{\"bytes_in\":60,\"lines\":4,\"pages\":1,\"paragraphs\":1,"
        "\"hyphens_joined\":1,\"hyphens_kept\":1,\"hyphens_unsure\":0,\"furniture\":1,"
        "\"edits\":2,\"words_examined\":0,\"corrections\":0,\"corrections_unsure\":0,"
        "\"warnings\":0,\"errors\":0,\"furniture_unsure\":0}}\n");
    S_run_free(&r);
    bp_doc_free(&d);
}
END_TEST

/* ---- windows and failures ----------------------------------------------------------- */

/* All three outputs are the same whichever line the first window ends at. */
START_TEST(t_split_outputs)
{
    bp_doc d;
    S_doc_all(&d);
    S_run whole;
    S_run_doc(&whole, &d, &S_info);
    size_t n = d.nlines;
    bp_doc_free(&d);
    for (size_t k = 1; k < n; k++) {
        S_doc_all(&d);
        S_run r;
        S_run_open(&r, &S_info);
        S_sites(&d);
        ck_assert_int_eq(bp_walker_walk(r.w, &d, 0, k), 0);
        bp_doc_drop(&d, k);
        d.seen_eof = true;
        S_sites(&d);
        ck_assert_int_eq(bp_walker_walk(r.w, &d, 0, d.nlines), 0);
        S_run_close(&r, NULL);
        for (int f = 0; f < S_NFMT; f++)
            ck_assert_msg(strcmp(r.out[f].s, whole.out[f].s) == 0, "format %d, split at %zu:\n%s",
                          f, k, r.out[f].s);
        S_run_free(&r);
        bp_doc_free(&d);
    }
    S_run_free(&whole);
}
END_TEST

/* A failing write stops the walk with a non-zero result, in each emitter,
 * wherever it happens. */
START_TEST(t_write_failure)
{
    bp_doc d;
    bp_doc_init(&d);
    char line[200];
    memset(line, 'a', sizeof line - 1);
    line[sizeof line - 1] = '\0';
    for (int i = 0; i < 2000; i++) {
        bp_line *l = S_body(&d, line, i % 5 ? BP_BLOCK_CONT : BP_BLOCK_P);
        S_ed(l, 0, "aa", "a\xFF", 2, BP_EDIT_INVALID, 1.0f);
    }
    d.seen_eof = true;
    bp_emitter *(*ctor[])(berpa_write_fn, void *) = { bp_emit_text_new, bp_emit_tei_new,
                                                      bp_emit_report_new };
    for (int f = 0; f < S_NFMT; f++) {
        long limits[] = { 0, 100, 70000 };
        for (size_t j = 0; j < sizeof limits / sizeof limits[0]; j++) {
            S_buf o;
            S_buf_init(&o);
            o.n = 0;
            o.fail_after = limits[j];
            bp_emitter *em = ctor[f](S_write, &o);
            ck_assert_ptr_nonnull(em);
            bp_walker *w = bp_walker_new(&em, 1);
            int rc = bp_walker_begin(w, &S_info), stage = 0;
            if (rc == 0 && (S_sites(&d), rc = bp_walker_walk(w, &d, 0, d.nlines)) == 0) {
                stage = 1;
                rc = bp_walker_end(w, NULL);
            }
            ck_assert_msg(rc != 0, "format %d, limit %ld: failure not reported", f, limits[j]);
            ck_assert_uint_le(o.n, (size_t)limits[j]);
            if (limits[j] == 70000) /* 400 KB of output: it fails during the walk */
                ck_assert_int_eq(stage, 0);
            bp_walker_free(w);
            bp_emitter_free(em);
            free(o.s);
        }
    }
    bp_doc_free(&d);
}
END_TEST

static Suite *S_suite(void)
{
    Suite *s = suite_create("walk");
    TCase *tc = tcase_create("walk");
    tcase_add_test(tc, t_events);
    tcase_add_test(tc, t_events_split);
    tcase_add_test(tc, t_events_edge);
    tcase_add_test(tc, t_text);
    tcase_add_test(tc, t_tei_example);
    tcase_add_test(tc, t_tei_all);
    tcase_add_test(tc, t_tei_invalid_chars);
    tcase_add_test(tc, t_empty);
    tcase_add_test(tc, t_report);
    tcase_add_test(tc, t_split_outputs);
    tcase_add_test(tc, t_write_failure);
    suite_add_tcase(s, tc);
    return s;
}

#include "check_main.h"
