/*
 * emit_tei.c: the TEI P5 emitter (conventions: shared docs/TEI.md), written
 * with libxml2's xmlTextWriter over an xmlOutputBuffer that calls the run's
 * berpa_write_fn.  Nothing of the input is lost: furniture becomes <fw>,
 * removed hyphens <lb break="no" rend="hyphen"/>, every edit a <choice>
 * (or, for white space that XML reads the same, the original as is).
 *
 * Body structure: <body> holds <div>s; a heading opens a new <div> (its
 * <head> must come first), blocks before the first heading share a first
 * <div>, and consecutive items are grouped in a <list>.  Milestones (pb,
 * cb, fw) sit where the walker sends them.  Indentation is on only in the
 * header: inside <text> white space would enter the running text, so there
 * the writer only puts a newline after block-level tags, where TEI content
 * is element-only.
 *
 * xmlTextWriter passes invalid UTF-8 and XML-forbidden characters through,
 * so every string is checked first; bytes XML cannot carry are written as
 *   <g type="invalid-byte" n="0xFF"/>    a byte that is not UTF-8
 *   <g type="control" n="U+000C"/>       a forbidden C0 control character
 *   <g type="noncharacter" n="U+FFFE"/>  U+FFFE or U+FFFF
 * which tests/tei_strip.c turns back into the bytes.
 */
#include "stages.h"
#include "walk.h"
#include "emit_util.h"

#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define S_X(s) ((const xmlChar *)(s))
/* A writer call failed (< 0: out of memory) or the output did (t->failed;
 * the IO callback hides write errors from libxml2, which would print them
 * on stderr, and the library never writes there). */
#define S_CK(call)                                  \
    do {                                            \
        if ((call) < 0 || t->failed || t->nomem)    \
            return -1;                              \
    } while (0)

typedef struct S_zone {
    uint32_t page;         /* bp_pageimg.index                               */
    uint32_t n;            /* 1-based line on that page                      */
    int32_t box[4];
} S_zone;

/* Bytes held back while a footnote is awaited (see S_mark_reached). */
typedef struct S_buf {
    char *p;
    size_t n, cap;
} S_buf;

/* A footnote mark written in the body whose note has not come yet: the
 * note's bytes when it comes, and the body's written after the mark. */
typedef struct S_slot {
    uint64_t note;         /* the note's first line's src_off                */
    char id[96];           /* the note's xml:id                              */
    S_buf note_out, after;
    bool filled;
} S_slot;

typedef struct S_tei {
    xmlTextWriterPtr w;
    berpa_write_fn out;
    void *user;
    bool div_open, div_has_block, list_open, lg_open, in_block;
    bool table_open, row_open; /* <table>, <row> (tables.c's cells)        */
    unsigned cell;             /* cells written in the open row            */
    bool body_on_page;     /* a BODY line seen since the last page start     */
    bool ms_line;          /* milestones written between blocks: a line open */
    bool failed;           /* an output write failed: nothing more is sent   */
    bool member;           /* inside a teiCorpus: no XML declaration         */
    char hy[8];            /* the last JOIN line's hyphen, for the next lb   */
    size_t hylen;
    char *scratch;         /* NUL-terminated copies of spans for the writer  */
    size_t scap;
    /* Page images (lines from OCR): the run's pages, and a zone per line
     * written with an lb or fw, for the facsimile written at the end. */
    const bp_pageimgs *pages;
    size_t next_img;       /* the first page image without its pb yet        */
    char idpre[64];        /* id prefix: "" alone, the name in a teiCorpus   */
    S_zone *zones;
    size_t nzones, capzones;
    /* Footnotes placed at their marks (notes.c): from a mark on, the
     * writer's bytes are held (route) until its note has come; then the
     * note goes out right after the mark, and the body after it. */
    bool nomem;            /* holding bytes ran out of memory                */
    S_buf *route;          /* where the writer's bytes go; NULL: out         */
    S_slot *slots;
    size_t nslots, capslots;
    size_t moving;         /* 1 + the slot whose note is being written, or 0 */
    uint64_t nfn;          /* footnote ids given                             */
    const bp_line *cur;    /* the BODY line whose spans are being written    */
    struct {
        int64_t start, end; /* where the mark stands in cur's text           */
        const bp_fnmark *m;
    } mk[BP_FN_MARKS];
    unsigned nmk, mkdone;
    uint64_t en_head;      /* the endnote list written now: its heading      */
    long en_last;          /* its last endnote given an xml:id               */
} S_tei;

static bool S_buf_put(S_buf *b, const char *s, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->n + n)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return false;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    return true;
}

static int S_io_write(void *ctx, const char *buf, int len)
{
    S_tei *t = ctx;
    if (t->failed || len <= 0)
        return len;
    if (t->route)
        t->nomem |= !S_buf_put(t->route, buf, (size_t)len);
    else if (t->out(t->user, buf, (size_t)len) != 0)
        t->failed = true;
    return len;
}

static int S_io_close(void *ctx) { return 0; }

/* ---- checked character data --------------------------------------------- */

/* A NUL-terminated copy of s[0, n) in the scratch buffer; NULL when out
 * of memory. */
static const char *S_scratch(S_tei *t, const char *s, size_t n)
{
    if (n + 1 > t->scap) {
        size_t cap = t->scap ? t->scap : 256;
        while (cap < n + 1)
            cap *= 2;
        char *p = realloc(t->scratch, cap);
        if (!p)
            return NULL;
        t->scratch = p;
        t->scap = cap;
    }
    memcpy(t->scratch, s, n);
    t->scratch[n] = '\0';
    return t->scratch;
}

static int S_put_run(S_tei *t, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (!S_scratch(t, s, n))
        return -1;
    S_CK(xmlTextWriterWriteString(t->w, S_X(t->scratch)));
    return 0;
}

/* An attribute holding n bytes of valid UTF-8 that XML can carry. */
static int S_put_attr_text(S_tei *t, const char *name, const char *s, size_t n)
{
    if (!S_scratch(t, s, n))
        return -1;
    S_CK(xmlTextWriterWriteAttribute(t->w, S_X(name), S_X(t->scratch)));
    return 0;
}

static int S_put_g(S_tei *t, const char *type, const char *n)
{
    S_CK(xmlTextWriterStartElement(t->w, S_X("g")));
    S_CK(xmlTextWriterWriteAttribute(t->w, S_X("type"), S_X(type)));
    S_CK(xmlTextWriterWriteAttribute(t->w, S_X("n"), S_X(n)));
    S_CK(xmlTextWriterEndElement(t->w));
    return 0;
}

/* Writes n bytes as character data: valid runs escaped by the writer,
 * what XML cannot carry as <g>. */
static int S_put_text(S_tei *t, const char *s, size_t n)
{
    size_t run = 0, i = 0;
    while (i < n) {
        uint32_t cp = 0;
        size_t k = bp_utf8_decode(s + i, n - i, &cp);
        if (k && bp_xml_char_ok(cp)) {
            i += k;
            continue;
        }
        if (S_put_run(t, s + run, i - run) != 0)
            return -1;
        char num[16];
        const char *type;
        if (!k) {
            snprintf(num, sizeof num, "0x%02X", (unsigned char)s[i]);
            type = "invalid-byte";
            k = 1;
        } else {
            snprintf(num, sizeof num, "U+%04X", (unsigned)cp);
            type = cp < 0x20 ? "control" : "noncharacter";
        }
        if (S_put_g(t, type, num) != 0)
            return -1;
        i += k;
        run = i;
    }
    return S_put_run(t, s + run, n - run);
}

static int S_elem_text(S_tei *t, const char *name, const char *s, size_t n)
{
    S_CK(xmlTextWriterStartElement(t->w, S_X(name)));
    if (S_put_text(t, s, n) != 0)
        return -1;
    S_CK(xmlTextWriterEndElement(t->w));
    return 0;
}

/* A header element holding user text: indentation off inside it, or the
 * writer would indent a <g> in the middle of the text. */
static int S_header_text(S_tei *t, const char *name, const char *s)
{
    S_CK(xmlTextWriterStartElement(t->w, S_X(name)));
    S_CK(xmlTextWriterSetIndent(t->w, 0));
    if (S_put_text(t, s, strlen(s)) != 0)
        return -1;
    S_CK(xmlTextWriterEndElement(t->w));
    S_CK(xmlTextWriterWriteRaw(t->w, S_X("\n"))); /* what the indenting writer adds */
    S_CK(xmlTextWriterSetIndent(t->w, 1));
    return 0;
}

static int S_nl(S_tei *t)
{
    S_CK(xmlTextWriterWriteRaw(t->w, S_X("\n")));
    return 0;
}

/* ---- edits ------------------------------------------------------------------ */

static bool S_xml_space_only(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return n > 0;
}

static int S_put_edit(S_tei *t, const bp_edit *e, const char *reg)
{
    /* White space that XML reads as the same single space needs no choice:
     * the original stays in place and the clean reading is unchanged. */
    if (e->kind == BP_EDIT_SPACE && S_xml_space_only(e->orig, e->orig_len) &&
        S_xml_space_only(reg, e->len))
        return S_put_text(t, e->orig, e->orig_len);

    S_CK(xmlTextWriterStartElement(t->w, S_X("choice")));
    if (e->kind == BP_EDIT_OCR) {
        char cert[8];
        bp_fmt_prob(cert, e->cert);
        if (S_elem_text(t, "sic", e->orig, e->orig_len) != 0)
            return -1;
        S_CK(xmlTextWriterStartElement(t->w, S_X("corr")));
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("resp"), S_X("#berpa")));
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("cert"), S_X(cert)));
        if (S_put_text(t, reg, e->len) != 0)
            return -1;
        S_CK(xmlTextWriterEndElement(t->w));
    } else {
        if (S_elem_text(t, "orig", e->orig, e->orig_len) != 0 ||
            S_elem_text(t, "reg", reg, e->len) != 0)
            return -1;
    }
    S_CK(xmlTextWriterEndElement(t->w));
    return 0;
}

/* A whole line's text with its edits (for furniture, which the walker does
 * not split into spans). */
static int S_put_line(S_tei *t, const bp_line *l)
{
    uint32_t pos = 0;
    for (uint32_t k = 0; k < l->nedits; k++) {
        const bp_edit *e = &l->edits[k];
        if (e->at < pos || e->at > l->len || e->len > l->len - e->at)
            continue;
        if (S_put_text(t, l->text + pos, e->at - pos) != 0 ||
            S_put_edit(t, e, l->text + e->at) != 0)
            return -1;
        pos = e->at + e->len;
    }
    return S_put_text(t, l->text + pos, l->len - pos);
}

/* ---- structure ------------------------------------------------------------------ */

/* Ends the line of milestones written between blocks. */
static int S_end_ms_line(S_tei *t)
{
    if (!t->ms_line)
        return 0;
    t->ms_line = false;
    return S_nl(t);
}

static int S_ensure_div(S_tei *t)
{
    if (t->div_open)
        return 0;
    S_CK(xmlTextWriterStartElement(t->w, S_X("div")));
    t->div_open = true;
    t->div_has_block = false;
    return S_nl(t);
}

/* Closes the open row, if any (the next row or the table's end). */
static int S_close_row(S_tei *t)
{
    if (!t->row_open)
        return 0;
    t->row_open = false;
    S_CK(xmlTextWriterEndElement(t->w));
    return S_nl(t);
}

/* Closes an open <list>, <lg> or <table> (a group of blocks). */
static int S_close_list(S_tei *t)
{
    if (S_end_ms_line(t) != 0)
        return -1;
    if (t->table_open) {
        if (S_close_row(t) != 0)
            return -1;
        t->table_open = false;
        S_CK(xmlTextWriterEndElement(t->w));
        return S_nl(t);
    }
    if (!t->list_open && !t->lg_open)
        return 0;
    t->list_open = t->lg_open = false;
    S_CK(xmlTextWriterEndElement(t->w));
    return S_nl(t);
}

/* Opens <lg type="stanza" cert="..."> (type="couplet" for a stanza of
 * two lines) for a stanza's first line. */
static int S_open_lg(S_tei *t, const bp_line *first)
{
    if (S_ensure_div(t) != 0 || S_close_list(t) != 0)
        return -1;
    S_CK(xmlTextWriterStartElement(t->w, S_X("lg")));
    S_CK(xmlTextWriterWriteAttribute(
        t->w, S_X("type"), S_X(first->flags & BP_LF_COUPLET ? "couplet" : "stanza")));
    if (first->st_why) {
        char cert[8];
        bp_fmt_prob(cert, first->st_cert);
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("cert"), S_X(cert)));
    }
    t->lg_open = true;
    return S_nl(t);
}

static int S_close_div(S_tei *t)
{
    if (S_close_list(t) != 0)
        return -1;
    if (!t->div_open)
        return 0;
    t->div_open = false;
    S_CK(xmlTextWriterEndElement(t->w));
    return S_nl(t);
}

/* Milestones between blocks share a line, ended before the next tag. */
static int S_after_milestone(S_tei *t)
{
    t->ms_line = !t->in_block;
    return 0;
}

static int S_break_attr(S_tei *t, bool break_no)
{
    if (break_no)
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("break"), S_X("no")));
    return 0;
}

/* ---- facsimile: page images and line zones ------------------------------------- */

/* Writes facs="#pN-lK" for a line from an image and records its zone. */
static int S_facs_line(S_tei *t, const bp_line *l)
{
    if (!l->img)
        return 0;
    uint32_t n = 1;
    if (t->nzones && t->zones[t->nzones - 1].page == l->img->index)
        n = t->zones[t->nzones - 1].n + 1;
    if (t->nzones == t->capzones) {
        size_t nc = t->capzones ? t->capzones * 2 : 64;
        S_zone *v = realloc(t->zones, nc * sizeof *v);
        if (!v)
            return -1;
        t->zones = v;
        t->capzones = nc;
    }
    S_zone *z = &t->zones[t->nzones++];
    z->page = l->img->index;
    z->n = n;
    memcpy(z->box, l->box, sizeof z->box);
    char ref[96];
    snprintf(ref, sizeof ref, "#%sp%u-l%u", t->idpre, (unsigned)z->page + 1, (unsigned)n);
    S_CK(xmlTextWriterWriteAttribute(t->w, S_X("facs"), S_X(ref)));
    return 0;
}

static int S_int_attr(S_tei *t, const char *name, long v)
{
    char num[24];
    snprintf(num, sizeof num, "%ld", v);
    S_CK(xmlTextWriterWriteAttribute(t->w, S_X(name), S_X(num)));
    return 0;
}

static int S_box_attrs(S_tei *t, long x0, long y0, long x1, long y1)
{
    return S_int_attr(t, "ulx", x0) || S_int_attr(t, "uly", y0) || S_int_attr(t, "lrx", x1) ||
           S_int_attr(t, "lry", y1) ? -1 : 0;
}

/* A file path as a URI reference: bytes other than unreserved characters
 * and '/' percent-encoded, so any path (spaces, invalid UTF-8) fits. */
static int S_put_attr_checked(S_tei *t, const char *name, const char *path)
{
    size_t n = strlen(path);
    char *u = malloc(3 * n + 1), *q = u;
    if (!u)
        return -1;
    for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
            strchr("-._~/", *c))
            *q++ = (char)*c;
        else
            q += sprintf(q, "%%%02X", *c);
    }
    *q = '\0';
    int rc = xmlTextWriterWriteAttribute(t->w, S_X(name), S_X(u));
    free(u);
    return rc < 0 || t->failed ? -1 : 0;
}

/* <facsimile>: a surface per page image (its pixels), a zone per line. */
static int S_facsimile(S_tei *t)
{
    if (!t->pages || t->pages->n == 0)
        return 0;
    xmlTextWriterPtr w = t->w;
    S_CK(xmlTextWriterWriteRaw(w, S_X("\n  ")));
    S_CK(xmlTextWriterStartElement(w, S_X("facsimile")));
    size_t z = 0;
    for (size_t i = 0; i < t->pages->n; i++) {
        const bp_pageimg *pg = t->pages->v[i];
        char id[96];
        S_CK(xmlTextWriterWriteRaw(w, S_X("\n    ")));
        S_CK(xmlTextWriterStartElement(w, S_X("surface")));
        snprintf(id, sizeof id, "%spage-%u", t->idpre, (unsigned)pg->index + 1);
        S_CK(xmlTextWriterWriteAttribute(w, S_X("xml:id"), S_X(id)));
        if (S_int_attr(t, "n", (long)pg->index + 1) ||
            S_box_attrs(t, 0, 0, pg->width, pg->height))
            return -1;
        S_CK(xmlTextWriterStartElement(w, S_X("graphic")));
        if (S_put_attr_checked(t, "url", pg->image) != 0)
            return -1;
        char px[24];
        snprintf(px, sizeof px, "%dpx", (int)pg->width);
        S_CK(xmlTextWriterWriteAttribute(w, S_X("width"), S_X(px)));
        snprintf(px, sizeof px, "%dpx", (int)pg->height);
        S_CK(xmlTextWriterWriteAttribute(w, S_X("height"), S_X(px)));
        S_CK(xmlTextWriterEndElement(w)); /* graphic */
        if (pg->noise_words) {
            /* the marks left out as noise: the decision, how sure, why */
            char cert[8], why[256];
            bp_fmt_prob(cert, pg->noise_cert);
            bp_noise_why(pg, why, sizeof why);
            S_CK(xmlTextWriterStartElement(w, S_X("note")));
            S_CK(xmlTextWriterWriteAttribute(w, S_X("type"), S_X("noise")));
            S_CK(xmlTextWriterWriteAttribute(w, S_X("resp"), S_X("#berpa")));
            S_CK(xmlTextWriterWriteAttribute(w, S_X("cert"), S_X(cert)));
            S_CK(xmlTextWriterWriteString(w, S_X(why)));
            S_CK(xmlTextWriterEndElement(w));
        }
        for (; z < t->nzones && t->zones[z].page <= pg->index; z++) {
            const S_zone *zn = &t->zones[z];
            if (zn->page != pg->index)
                continue;
            S_CK(xmlTextWriterStartElement(w, S_X("zone")));
            snprintf(id, sizeof id, "%sp%u-l%u", t->idpre, (unsigned)zn->page + 1,
                     (unsigned)zn->n);
            S_CK(xmlTextWriterWriteAttribute(w, S_X("xml:id"), S_X(id)));
            if (S_box_attrs(t, zn->box[0], zn->box[1], zn->box[2], zn->box[3]))
                return -1;
            S_CK(xmlTextWriterEndElement(w));
        }
        S_CK(xmlTextWriterEndElement(w)); /* surface */
    }
    S_CK(xmlTextWriterWriteRaw(w, S_X("\n  ")));
    S_CK(xmlTextWriterEndElement(w)); /* facsimile */
    return 0;
}

/* ---- footnotes at their marks ----------------------------------------------------- */

/* Sends what the writer holds to where it goes now, then sends what
 * follows to `to` (NULL: the output). */
static int S_route(S_tei *t, S_buf *to)
{
    S_CK(xmlTextWriterFlush(t->w));
    t->route = to;
    return 0;
}

/* Sends the held marks' notes and the body after each, in order. */
static int S_release(S_tei *t)
{
    if (!t->nslots)
        return 0;
    if (S_route(t, NULL) != 0)
        return -1;
    int rc = 0;
    for (size_t i = 0; i < t->nslots; i++) {
        S_slot *sl = &t->slots[i];
        if (!rc && !t->failed &&
            ((sl->note_out.n && t->out(t->user, sl->note_out.p, sl->note_out.n) != 0) ||
             (sl->after.n && t->out(t->user, sl->after.p, sl->after.n) != 0)))
            t->failed = true;
        free(sl->note_out.p);
        free(sl->after.p);
    }
    t->nslots = 0;
    t->moving = 0;
    return t->failed ? -1 : rc;
}

/* The body has just written the mark of `note`: what follows is held
 * until the note comes. */
static int S_mark_reached(S_tei *t, uint64_t note)
{
    S_CK(xmlTextWriterFlush(t->w)); /* the mark goes where the body goes now */
    if (t->nslots == t->capslots) {
        size_t cap = t->capslots ? t->capslots * 2 : 4;
        S_slot *p = realloc(t->slots, cap * sizeof *p);
        if (!p)
            return -1;
        t->slots = p;
        t->capslots = cap;
    }
    S_slot *sl = &t->slots[t->nslots];
    memset(sl, 0, sizeof *sl);
    sl->note = note;
    snprintf(sl->id, sizeof sl->id, "%sfn%llu", t->idpre, (unsigned long long)++t->nfn);
    t->nslots++;
    t->route = &sl->after;
    return 0;
}

/* <ref target="#note-H-N">[N]</ref>: an endnote mark (notes.c), s[0, n). */
static int S_put_ref(S_tei *t, const bp_fnmark *m, const char *s, size_t n)
{
    char id[96], ref[100], cert[8];
    const char *why;
    bp_endnote_id(id, sizeof id, t->idpre, m->note, m->num);
    snprintf(ref, sizeof ref, "#%s", id);
    bp_fmt_prob(cert, bp_endnote_ref_cert(m, &why));
    S_CK(xmlTextWriterStartElement(t->w, S_X("ref")));
    S_CK(xmlTextWriterWriteAttribute(t->w, S_X("target"), S_X(ref)));
    S_CK(xmlTextWriterWriteAttribute(t->w, S_X("resp"), S_X("#berpa")));
    S_CK(xmlTextWriterWriteAttribute(t->w, S_X("cert"), S_X(cert)));
    if (S_put_text(t, s, n) != 0)
        return -1;
    S_CK(xmlTextWriterEndElement(t->w));
    return 0;
}

/* Writes text s[0, n) of the current line, which starts at byte `off` of
 * it: an endnote mark inside it as a <ref>, and after each footnote mark
 * that ends inside it the body is held until its note comes. */
static int S_body_text(S_tei *t, const char *s, size_t n, size_t off)
{
    while (t->mkdone < t->nmk && t->mk[t->mkdone].end > (int64_t)off &&
           t->mk[t->mkdone].end <= (int64_t)(off + n)) {
        const bp_fnmark *m = t->mk[t->mkdone].m;
        size_t k = (size_t)t->mk[t->mkdone].end - off;
        int64_t st = t->mk[t->mkdone].start;
        t->mkdone++;
        if (m->kind == 1) { /* a ref, when its mark lies wholly in this span */
            if (st < (int64_t)off)
                continue;
            size_t a = (size_t)st - off;
            if (S_put_text(t, s, a) != 0 || S_put_ref(t, m, s + a, k - a) != 0)
                return -1;
        } else if (S_put_text(t, s, k) != 0 || S_mark_reached(t, m->note) != 0) {
            return -1;
        }
        s += k;
        n -= k;
        off += k;
    }
    return S_put_text(t, s, n);
}

/* The note marks in BODY line l, in the order they stand. */
static void S_line_marks(S_tei *t, const bp_line *l)
{
    t->cur = l;
    t->nmk = t->mkdone = 0;
    for (unsigned k = 0; k < l->nfnmarks && k < BP_FN_MARKS; k++) {
        int64_t end = bp_fnmark_end(l, &l->fnmarks[k]);
        if (end <= 0)
            continue;
        unsigned j = t->nmk++;
        for (; j > 0 && t->mk[j - 1].end > end; j--)
            t->mk[j] = t->mk[j - 1];
        t->mk[j].end = end;
        t->mk[j].start = end - l->fnmarks[k].len;
        t->mk[j].m = &l->fnmarks[k];
    }
}

/* The slot awaiting the note whose first line is `first`, or NULL. */
static S_slot *S_slot_for(S_tei *t, const bp_line *first)
{
    if (!(first->flags & BP_LF_NOTE_PLACED))
        return NULL;
    for (size_t i = 0; i < t->nslots; i++)
        if (t->slots[i].note == first->src_off && !t->slots[i].filled)
            return &t->slots[i];
    return NULL;
}

/* ---- hooks ------------------------------------------------------------------ */

static int S_begin(void *self, const bp_docinfo *info)
{
    S_tei *t = self;
    xmlTextWriterPtr w = t->w;
    const char *name = info && info->name ? info->name : "-";
    const char *title = info && info->title ? info->title : name;
    const char *src = strcmp(name, "-") == 0 ? "standard input" : name;

    t->pages = info ? info->pages : NULL;
    t->next_img = 0;
    /* ids are unique in one TEI; in a teiCorpus each member's carry its
     * name, made an XML name */
    t->idpre[0] = '\0';
    if (t->member) {
        size_t k = 0;
        t->idpre[k++] = 'd';
        for (const char *c = name; *c && k + 2 < sizeof t->idpre; c++)
            t->idpre[k++] = ((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z') ||
                            (*c >= '0' && *c <= '9') || *c == '-' || *c == '.' ? *c : '_';
        t->idpre[k++] = '-';
        t->idpre[k] = '\0';
    }
    S_CK(xmlTextWriterSetIndent(w, 1));
    S_CK(xmlTextWriterSetIndentString(w, S_X("  ")));
    if (!t->member)
        S_CK(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL));
    S_CK(xmlTextWriterStartElement(w, S_X("TEI")));
    S_CK(xmlTextWriterWriteAttribute(w, S_X("xmlns"), S_X("http://www.tei-c.org/ns/1.0")));
    S_CK(xmlTextWriterStartElement(w, S_X("teiHeader")));
    S_CK(xmlTextWriterWriteAttribute(w, S_X("xml:lang"), S_X("en")));
    S_CK(xmlTextWriterStartElement(w, S_X("fileDesc")));
    S_CK(xmlTextWriterStartElement(w, S_X("titleStmt")));
    if (S_header_text(t, "title", title) != 0)
        return -1;
    S_CK(xmlTextWriterStartElement(w, S_X("respStmt")));
    /* in a teiCorpus the corpus header holds the one xml:id="berpa" */
    if (!t->member)
        S_CK(xmlTextWriterWriteAttribute(w, S_X("xml:id"), S_X("berpa")));
    S_CK(xmlTextWriterWriteElement(w, S_X("resp"), S_X("automatic OCR post-correction")));
    S_CK(xmlTextWriterWriteElement(w, S_X("name"), S_X("berpa " BERPA_VERSION_STRING)));
    S_CK(xmlTextWriterEndElement(w)); /* respStmt */
    S_CK(xmlTextWriterEndElement(w)); /* titleStmt */
    S_CK(xmlTextWriterStartElement(w, S_X("publicationStmt")));
    S_CK(xmlTextWriterWriteElement(w, S_X("p"), S_X("Machine-made transcription.")));
    S_CK(xmlTextWriterEndElement(w));
    S_CK(xmlTextWriterStartElement(w, S_X("sourceDesc")));
    if (S_header_text(t, "bibl", src) != 0)
        return -1;
    S_CK(xmlTextWriterEndElement(w)); /* sourceDesc */
    S_CK(xmlTextWriterEndElement(w)); /* fileDesc */

    S_CK(xmlTextWriterStartElement(w, S_X("encodingDesc")));
    S_CK(xmlTextWriterStartElement(w, S_X("appInfo")));
    S_CK(xmlTextWriterStartElement(w, S_X("application")));
    S_CK(xmlTextWriterWriteAttribute(w, S_X("ident"), S_X("berpa")));
    S_CK(xmlTextWriterWriteAttribute(w, S_X("version"), S_X(BERPA_VERSION_STRING)));
    S_CK(xmlTextWriterWriteElement(w, S_X("label"), S_X("berpa")));
    if (info && info->dictionary) {
        char *desc = malloc(strlen(info->dictionary) + 32);
        if (!desc)
            return -1;
        strcpy(desc, "Hunspell dictionary: ");
        strcat(desc, info->dictionary);
        int rc = S_header_text(t, "desc", desc);
        free(desc);
        if (rc != 0)
            return -1;
    } else {
        S_CK(xmlTextWriterWriteElement(w, S_X("desc"), S_X("No dictionary.")));
    }
    S_CK(xmlTextWriterEndElement(w)); /* application */
    S_CK(xmlTextWriterEndElement(w)); /* appInfo */
    S_CK(xmlTextWriterStartElement(w, S_X("editorialDecl")));
    S_CK(xmlTextWriterStartElement(w, S_X("correction")));
    S_CK(xmlTextWriterWriteAttribute(w, S_X("method"), S_X("markup")));
    S_CK(xmlTextWriterWriteElement(w, S_X("p"),
        S_X("OCR errors in choice/sic/corr; @cert is the confidence.")));
    /* a note on the whole document (clean text: not corrected), its code in @n */
    if (info && info->note_code) {
        S_CK(xmlTextWriterStartElement(w, S_X("p")));
        S_CK(xmlTextWriterWriteAttribute(w, S_X("n"), S_X(info->note_code)));
        S_CK(xmlTextWriterWriteString(w, S_X(info->note)));
        S_CK(xmlTextWriterEndElement(w));
    }
    S_CK(xmlTextWriterEndElement(w));
    S_CK(xmlTextWriterStartElement(w, S_X("normalization")));
    S_CK(xmlTextWriterWriteAttribute(w, S_X("method"), S_X("markup")));
    S_CK(xmlTextWriterWriteElement(w, S_X("p"),
        S_X("Unicode, white-space and look-alike normalisations in choice/orig/reg. "
            "Input XML cannot carry is written as g elements: type invalid-byte with n the "
            "byte in hex, type control or noncharacter with n the code point.")));
    S_CK(xmlTextWriterEndElement(w));
    S_CK(xmlTextWriterStartElement(w, S_X("hyphenation")));
    S_CK(xmlTextWriterWriteAttribute(w, S_X("eol"), S_X("hard")));
    S_CK(xmlTextWriterWriteElement(w, S_X("p"),
        S_X("Line-end syllable hyphens removed, kept as lb with break no and rend hyphen "
            "(@type names a hyphen other than U+002D); real hyphens kept before an lb "
            "with break no; undecided ones kept before an lb with break maybe.")));
    S_CK(xmlTextWriterEndElement(w)); /* hyphenation */
    S_CK(xmlTextWriterEndElement(w)); /* editorialDecl */
    S_CK(xmlTextWriterEndElement(w)); /* encodingDesc */

    S_CK(xmlTextWriterStartElement(w, S_X("profileDesc")));
    S_CK(xmlTextWriterStartElement(w, S_X("langUsage")));
    S_CK(xmlTextWriterStartElement(w, S_X("language")));
    S_CK(xmlTextWriterWriteAttribute(w, S_X("ident"), S_X("az-Latn")));
    S_CK(xmlTextWriterWriteString(w, S_X("Azerbaijani, Latin script")));
    S_CK(xmlTextWriterEndElement(w));
    S_CK(xmlTextWriterEndElement(w)); /* langUsage */
    S_CK(xmlTextWriterEndElement(w)); /* profileDesc */
    S_CK(xmlTextWriterEndElement(w)); /* teiHeader */

    /* From here on no indentation: it would add white space to the text. */
    S_CK(xmlTextWriterSetIndent(w, 0));
    S_CK(xmlTextWriterWriteRaw(w, S_X("\n  ")));
    S_CK(xmlTextWriterStartElement(w, S_X("text")));
    S_CK(xmlTextWriterWriteAttribute(w, S_X("xml:lang"), S_X("az-Latn")));
    S_CK(xmlTextWriterStartElement(w, S_X("body")));
    return S_nl(t);
}

/* Writes a pb for each page image before image `upto` that has none yet:
 * a page without lines (blank, no text found, failed) starts no line,
 * yet it is a page of the document, with its surface. */
static int S_empty_pages(S_tei *t, size_t upto)
{
    for (; t->pages && t->next_img < upto && t->next_img < t->pages->n; t->next_img++) {
        if (S_ensure_div(t) != 0)
            return -1;
        char ref[96];
        snprintf(ref, sizeof ref, "#%spage-%u", t->idpre,
                 (unsigned)t->pages->v[t->next_img]->index + 1);
        S_CK(xmlTextWriterStartElement(t->w, S_X("pb")));
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("facs"), S_X(ref)));
        S_CK(xmlTextWriterEndElement(t->w));
        t->body_on_page = false;
        if (S_after_milestone(t) != 0)
            return -1;
    }
    return 0;
}

static int S_page(void *self, const bp_line *first, bool break_no)
{
    S_tei *t = self;
    /* a mark whose note did not come on its page: no longer awaited */
    if (S_release(t) != 0 || S_ensure_div(t) != 0)
        return -1;
    if (first->img) {
        if (S_empty_pages(t, first->img->index) != 0)
            return -1;
        t->next_img = (size_t)first->img->index + 1;
    }
    S_CK(xmlTextWriterStartElement(t->w, S_X("pb")));
    if (first->img) {
        char ref[96];
        snprintf(ref, sizeof ref, "#%spage-%u", t->idpre, (unsigned)first->img->index + 1);
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("facs"), S_X(ref)));
    }
    if (first->pnum >= 0) {
        char n[16];
        snprintf(n, sizeof n, "%d", (int)first->pnum);
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("n"), S_X(n)));
    }
    if (S_break_attr(t, break_no) != 0)
        return -1;
    S_CK(xmlTextWriterEndElement(t->w));
    t->body_on_page = false;
    return S_after_milestone(t);
}

static int S_column(void *self, const bp_line *first, bool break_no)
{
    S_tei *t = self;
    if (S_ensure_div(t) != 0)
        return -1;
    S_CK(xmlTextWriterStartElement(t->w, S_X("cb")));
    if (first->column) { /* side-by-side columns cut apart (columns.c) */
        char n[4] = { (char)('0' + first->column % 10), 0 }, cert[8];
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("n"), S_X(n)));
        if (first->col_why) {
            bp_fmt_prob(cert, first->col_cert);
            S_CK(xmlTextWriterWriteAttribute(t->w, S_X("cert"), S_X(cert)));
        }
    }
    if (S_break_attr(t, break_no) != 0)
        return -1;
    S_CK(xmlTextWriterEndElement(t->w));
    return S_after_milestone(t);
}

static int S_fw(void *self, const bp_line *l)
{
    S_tei *t = self;
    const char *type = l->role == BP_ROLE_HEADER ? "header"
                       : l->role == BP_ROLE_FOOTER ? "footer"
                       : l->role == BP_ROLE_RULE ? "noteRule" : "pageNum";
    /* Headers stand at a page or column top, footers at the bottom; a page
     * number at the top when no body text of its page came before it. */
    const char *place = l->role == BP_ROLE_HEADER ? "top"
                        : l->role == BP_ROLE_FOOTER || l->role == BP_ROLE_RULE ? "bottom"
                        : t->body_on_page ? "bottom" : "top";
    if (S_ensure_div(t) != 0)
        return -1;
    S_CK(xmlTextWriterStartElement(t->w, S_X("fw")));
    S_CK(xmlTextWriterWriteAttribute(t->w, S_X("type"), S_X(type)));
    S_CK(xmlTextWriterWriteAttribute(t->w, S_X("place"), S_X(place)));
    if (l->fw_why) { /* layout's confidence that the line is furniture */
        char cert[8];
        bp_fmt_prob(cert, l->fw_cert);
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("resp"), S_X("#berpa")));
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("cert"), S_X(cert)));
    }
    if (S_facs_line(t, l) != 0 || S_put_line(t, l) != 0)
        return -1;
    S_CK(xmlTextWriterEndElement(t->w));
    return S_after_milestone(t);
}

/* The mark a footnote opens with, as its @n: superscript digits as
 * digits, "1)" and "[1]" as "1", asterisks as they are.  Empty: none. */
static void S_note_n(const bp_line *l, char *out, size_t cap)
{
    size_t o = 0, k;
    for (size_t i = 0; i < l->len && o + 1 < cap; i += k) {
        uint32_t cp = 0;
        k = bp_utf8_decode(l->text + i, l->len - i, &cp);
        if (!k)
            break;
        int dig = cp >= '0' && cp <= '9' ? (int)(cp - '0')
                  : cp == 0xB9 ? 1 : cp == 0xB2 ? 2 : cp == 0xB3 ? 3 : cp == 0x2070 ? 0
                  : cp >= 0x2074 && cp <= 0x2079 ? (int)(cp - 0x2070) : -1;
        if (dig >= 0 || cp == '*')
            out[o++] = dig >= 0 ? (char)('0' + dig) : '*';
        else if (!(cp == '[' && i == 0))
            break;
    }
    out[o] = '\0';
}

/* <note place="foot" n=".." cert="..">: right after its mark when notes.c
 * found it (an <anchor type="footnote" corresp="#fnN" cert=".."/> stays
 * where it was printed), else where it was printed: inside the block it
 * interrupts, which goes on after it. */
static int S_note_begin(S_tei *t, const bp_line *first)
{
    if (!t->in_block && (S_end_ms_line(t) != 0 || S_ensure_div(t) != 0))
        return -1;
    char n[16], cert[8];
    S_slot *sl = S_slot_for(t, first);
    if (sl) {
        char ref[100];
        snprintf(ref, sizeof ref, "#%s", sl->id);
        bp_fmt_prob(cert, first->fn_cert);
        S_CK(xmlTextWriterStartElement(t->w, S_X("anchor")));
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("type"), S_X("footnote")));
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("corresp"), S_X(ref)));
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("resp"), S_X("#berpa")));
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("cert"), S_X(cert)));
        S_CK(xmlTextWriterEndElement(t->w));
        if ((!t->in_block && S_nl(t) != 0) || S_route(t, &sl->note_out) != 0)
            return -1;
        t->moving = (size_t)(sl - t->slots) + 1;
    }
    S_note_n(first, n, sizeof n);
    S_CK(xmlTextWriterStartElement(t->w, S_X("note")));
    S_CK(xmlTextWriterWriteAttribute(t->w, S_X("place"), S_X("foot")));
    if (n[0])
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("n"), S_X(n)));
    if (sl)
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("xml:id"), S_X(sl->id)));
    if (first->st_why) {
        bp_fmt_prob(cert, first->st_cert);
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("cert"), S_X(cert)));
    }
    return 0;
}

/* A separator: <milestone unit="section" rend="* * *"/> and the line
 * itself in <ab type="separator"> (the clean text keeps it); an endnote:
 * <note place="end" type="endnote" n="1">, a block of the flow. */
static int S_section_begin(S_tei *t, bp_block kind, const bp_line *first)
{
    if (kind == BP_BLOCK_SEP) {
        S_CK(xmlTextWriterStartElement(t->w, S_X("milestone")));
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("unit"), S_X("section")));
        /* bp_separator_line: only marks XML carries */
        if (S_put_attr_text(t, "rend", first->text, first->len) != 0)
            return -1;
        S_CK(xmlTextWriterEndElement(t->w));
        S_CK(xmlTextWriterStartElement(t->w, S_X("ab")));
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("type"), S_X("separator")));
    } else {
        char n[16];
        S_note_n(first, n, sizeof n);
        S_CK(xmlTextWriterStartElement(t->w, S_X("note")));
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("place"), S_X("end")));
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("type"), S_X("endnote")));
        if (n[0])
            S_CK(xmlTextWriterWriteAttribute(t->w, S_X("n"), S_X(n)));
        /* the id refs point to (notes.c): numbers rising in their list */
        long num = n[0] >= '0' && n[0] <= '9' ? strtol(n, NULL, 10) : -1;
        if (first->fn_line != t->en_head) {
            t->en_head = first->fn_line;
            t->en_last = -1;
        }
        if (first->fn_line && num > t->en_last && num < 1024) {
            char id[96];
            bp_endnote_id(id, sizeof id, t->idpre, first->fn_line, (unsigned)num);
            S_CK(xmlTextWriterWriteAttribute(t->w, S_X("xml:id"), S_X(id)));
            t->en_last = num;
        }
    }
    if (first->st_why) {
        char cert[8];
        bp_fmt_prob(cert, first->st_cert);
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("cert"), S_X(cert)));
    }
    t->div_has_block = true;
    t->in_block = true;
    return 0;
}

/* Opens what a table cell (tables.c) stands in: the table on its first
 * piece, the row on a row's first, and an empty <cell/> for each column
 * the row leaves empty before it. */
static int S_open_cell(S_tei *t, const bp_line *first)
{
    if (S_ensure_div(t) != 0)
        return -1;
    if ((first->flags & BP_LF_TABLE_START) || !t->table_open) {
        if (S_close_list(t) != 0)
            return -1;
        S_CK(xmlTextWriterStartElement(t->w, S_X("table")));
        if (first->tab_why) {
            char cert[8];
            bp_fmt_prob(cert, first->tab_cert);
            S_CK(xmlTextWriterWriteAttribute(t->w, S_X("cert"), S_X(cert)));
        }
        t->table_open = true;
        if (S_nl(t) != 0)
            return -1;
    }
    if ((first->flags & BP_LF_ROW_START) || !t->row_open) {
        if (S_close_row(t) != 0)
            return -1;
        S_CK(xmlTextWriterStartElement(t->w, S_X("row")));
        t->row_open = true;
        t->cell = 0;
    }
    for (; t->cell + 1 < first->cell; t->cell++) {
        S_CK(xmlTextWriterStartElement(t->w, S_X("cell")));
        S_CK(xmlTextWriterEndElement(t->w));
    }
    t->cell++;
    return 0;
}

static int S_block_begin(void *self, bp_block kind, const bp_line *first)
{
    S_tei *t = self;
    const char *name = "p";
    if (kind == BP_BLOCK_NOTE)
        return S_note_begin(t, first);
    if (S_end_ms_line(t) != 0)
        return -1;
    if (kind == BP_BLOCK_HEAD) {
        name = "head";
        /* <head> must open its div: a heading after blocks starts a new one. */
        if (t->div_has_block && S_close_div(t) != 0)
            return -1;
        if (S_close_list(t) != 0)
            return -1;
        /* the heading of an endnote list (sections.c) opens a notes div */
        if (!t->div_open && (first->flags & BP_LF_SECTION)) {
            S_CK(xmlTextWriterStartElement(t->w, S_X("div")));
            S_CK(xmlTextWriterWriteAttribute(t->w, S_X("type"), S_X("notes")));
            t->div_open = true;
            t->div_has_block = false;
            if (S_nl(t) != 0)
                return -1;
        }
        if (S_ensure_div(t) != 0)
            return -1;
    } else if (kind == BP_BLOCK_STANZA || kind == BP_BLOCK_VERSE) {
        name = "l";
        if ((kind == BP_BLOCK_STANZA || !t->lg_open) && S_open_lg(t, first) != 0)
            return -1;
    } else if (kind == BP_BLOCK_CELL) {
        name = "cell";
        if (S_open_cell(t, first) != 0)
            return -1;
    } else if (kind == BP_BLOCK_ITEM) {
        name = "item";
        if (S_ensure_div(t) != 0 || ((t->lg_open || t->table_open) && S_close_list(t) != 0))
            return -1;
        if (!t->list_open) {
            S_CK(xmlTextWriterStartElement(t->w, S_X("list")));
            t->list_open = true;
            if (S_nl(t) != 0)
                return -1;
        }
    } else if (S_ensure_div(t) != 0 || S_close_list(t) != 0) {
        return -1;
    }
    if (kind == BP_BLOCK_SEP || kind == BP_BLOCK_ENDNOTE)
        return S_section_begin(t, kind, first);
    S_CK(xmlTextWriterStartElement(t->w, S_X(name)));
    /* a heading is a decision of the layout: how sure (its reason is in
     * the report) */
    if (kind == BP_BLOCK_HEAD && first->st_why) {
        char cert[8];
        bp_fmt_prob(cert, first->st_cert);
        S_CK(xmlTextWriterWriteAttribute(t->w, S_X("cert"), S_X(cert)));
    }
    t->div_has_block = true;
    t->in_block = true;
    return 0;
}

static int S_block_end(void *self, bp_block kind)
{
    S_tei *t = self;
    if (kind == BP_BLOCK_NOTE) {
        S_CK(xmlTextWriterEndElement(t->w));
        if (t->moving) { /* the note is at its mark: the body goes on */
            t->slots[t->moving - 1].filled = true;
            t->moving = 0;
            if (S_route(t, &t->slots[t->nslots - 1].after) != 0)
                return -1;
            for (size_t i = 0; i < t->nslots; i++)
                if (!t->slots[i].filled)
                    return 0;
            return S_release(t);
        }
        return t->in_block ? 0 : S_nl(t);
    }
    t->in_block = false;
    t->hylen = 0;
    S_CK(xmlTextWriterEndElement(t->w));
    return S_nl(t);
}

static int S_line(void *self, const bp_line *l, const bp_line *prev)
{
    S_tei *t = self;
    xmlTextWriterPtr w = t->w;
    bp_eol eol = prev ? (bp_eol)prev->eol : BP_EOL_NONE;
    t->body_on_page = true;
    S_CK(xmlTextWriterStartElement(w, S_X("lb")));
    if (eol == BP_EOL_JOIN || eol == BP_EOL_KEEP)
        S_CK(xmlTextWriterWriteAttribute(w, S_X("break"), S_X("no")));
    else if (eol == BP_EOL_MAYBE)
        S_CK(xmlTextWriterWriteAttribute(w, S_X("break"), S_X("maybe")));
    if (eol == BP_EOL_JOIN) {
        S_CK(xmlTextWriterWriteAttribute(w, S_X("rend"), S_X("hyphen")));
        /* Name a hyphen other than '-' so the original can be restored. */
        uint32_t cp = '-';
        if (t->hylen && !bp_utf8_decode(t->hy, t->hylen, &cp))
            cp = 0xFFFD;
        if (cp != '-') {
            char ty[16];
            snprintf(ty, sizeof ty, "U+%04X", (unsigned)cp);
            S_CK(xmlTextWriterWriteAttribute(w, S_X("type"), S_X(ty)));
        }
    }
    if (eol != BP_EOL_NONE) {
        char cert[8];
        bp_fmt_prob(cert, prev->eol_cert);
        if (strcmp(cert, "1") != 0)
            S_CK(xmlTextWriterWriteAttribute(w, S_X("cert"), S_X(cert)));
    }
    if (S_facs_line(t, l) != 0)
        return -1;
    S_CK(xmlTextWriterEndElement(w));
    t->hylen = 0;
    S_line_marks(t, l);
    return 0;
}

static int S_text(void *self, const char *s, size_t n)
{
    S_tei *t = self;
    if (t->mkdone < t->nmk && s >= t->cur->text && s + n <= t->cur->text + t->cur->len)
        return S_body_text(t, s, n, (size_t)(s - t->cur->text));
    return S_put_text(t, s, n);
}

static int S_edit(void *self, const bp_line *l, const bp_edit *e, const char *reg)
{
    S_tei *t = self;
    if (S_put_edit(t, e, reg) != 0)
        return -1;
    /* a footnote mark that ends inside an edited span: the note after the
     * span (an endnote mark there gets no ref) */
    for (; t->mkdone < t->nmk && t->cur == l && t->mk[t->mkdone].end <= (int64_t)e->at + e->len;
         t->mkdone++)
        if (t->mk[t->mkdone].m->kind == 0 && S_mark_reached(t, t->mk[t->mkdone].m->note) != 0)
            return -1;
    return 0;
}

static int S_hyphen(void *self, const bp_line *l, const char *s, size_t n)
{
    S_tei *t = self;
    t->hylen = n < sizeof t->hy ? n : sizeof t->hy;
    memcpy(t->hy, s, t->hylen);
    return 0;
}

static int S_end(void *self, const berpa_stats *stats)
{
    S_tei *t = self;
    if (S_release(t) != 0 || (t->pages && S_empty_pages(t, t->pages->n) != 0))
        return -1;
    /* body needs content: an input without text still gets an (empty) div. */
    if (S_ensure_div(t) != 0 || S_close_div(t) != 0)
        return -1;
    S_CK(xmlTextWriterEndElement(t->w)); /* body */
    S_CK(xmlTextWriterEndElement(t->w)); /* text */
    if (S_facsimile(t) != 0)
        return -1;
    S_CK(xmlTextWriterWriteRaw(t->w, S_X("\n")));
    S_CK(xmlTextWriterEndElement(t->w)); /* TEI */
    if (t->member)
        S_CK(xmlTextWriterWriteRaw(t->w, S_X("\n")));
    else
        S_CK(xmlTextWriterEndDocument(t->w));
    S_CK(xmlTextWriterFlush(t->w));
    return 0;
}

static void S_destroy(void *self)
{
    S_tei *t = self;
    if (!t)
        return;
    if (t->w)
        xmlFreeTextWriter(t->w); /* also closes the output buffer */
    for (size_t i = 0; i < t->nslots; i++) {
        free(t->slots[i].note_out.p);
        free(t->slots[i].after.p);
    }
    free(t->slots);
    free(t->scratch);
    free(t->zones);
    free(t);
}

static void S_xml_init(void) { xmlInitParser(); }

/* A writer over the output callback; NULL when out of memory.  Freed with
 * S_destroy. */
static S_tei *S_tei_new(berpa_write_fn out, void *user)
{
    /* libxml2's global tables (encodings among them) are set up on first
     * use without a lock: once, here, so runs on several threads may all
     * begin their TEI at the same moment. */
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, S_xml_init);
    S_tei *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->out = out;
    t->user = user;
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(S_io_write, S_io_close, t, NULL);
    if (ob && (t->w = xmlNewTextWriter(ob)))
        return t;
    if (ob)
        xmlOutputBufferClose(ob);
    free(t);
    return NULL;
}

bp_emitter *bp_emit_tei_member_new(berpa_write_fn out, void *user)
{
    bp_emitter *em = bp_emit_tei_new(out, user);
    if (em)
        ((S_tei *)em->self)->member = true;
    return em;
}

/* The corpus header is written by a writer of its own; the teiCorpus
 * element itself is raw text, because it stays open across the members. */
int bp_tei_corpus_begin(berpa_write_fn out, void *user, const char *title)
{
    static const char open[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<teiCorpus xmlns=\"http://www.tei-c.org/ns/1.0\">\n";
    if (!title)
        title = "Documents restored by berpa";
    if (out(user, open, sizeof open - 1) != 0)
        return -1;
    S_tei *t = S_tei_new(out, user);
    if (!t)
        return -1;
    xmlTextWriterPtr w = t->w;
    int rc = -1;
    if (xmlTextWriterSetIndent(w, 1) < 0 || xmlTextWriterSetIndentString(w, S_X("  ")) < 0 ||
        xmlTextWriterStartElement(w, S_X("teiHeader")) < 0 ||
        xmlTextWriterWriteAttribute(w, S_X("xml:lang"), S_X("en")) < 0 ||
        xmlTextWriterStartElement(w, S_X("fileDesc")) < 0 ||
        xmlTextWriterStartElement(w, S_X("titleStmt")) < 0 ||
        S_header_text(t, "title", title) != 0 ||
        xmlTextWriterStartElement(w, S_X("respStmt")) < 0 ||
        xmlTextWriterWriteAttribute(w, S_X("xml:id"), S_X("berpa")) < 0 ||
        xmlTextWriterWriteElement(w, S_X("resp"), S_X("automatic OCR post-correction")) < 0 ||
        xmlTextWriterWriteElement(w, S_X("name"), S_X("berpa " BERPA_VERSION_STRING)) < 0 ||
        xmlTextWriterEndElement(w) < 0 || /* respStmt */
        xmlTextWriterEndElement(w) < 0 || /* titleStmt */
        xmlTextWriterStartElement(w, S_X("publicationStmt")) < 0 ||
        xmlTextWriterWriteElement(w, S_X("p"), S_X("Machine-made transcriptions.")) < 0 ||
        xmlTextWriterEndElement(w) < 0 ||
        xmlTextWriterStartElement(w, S_X("sourceDesc")) < 0 ||
        xmlTextWriterWriteElement(w, S_X("p"), S_X("The inputs named in each member's header.")) < 0 ||
        xmlTextWriterEndElement(w) < 0 ||
        xmlTextWriterEndElement(w) < 0 || /* fileDesc */
        xmlTextWriterEndElement(w) < 0 || /* teiHeader */
        xmlTextWriterWriteRaw(w, S_X("\n")) < 0 || xmlTextWriterFlush(w) < 0)
        goto done;
    rc = t->failed ? -1 : 0;
done:
    S_destroy(t);
    return rc;
}

int bp_tei_corpus_end(berpa_write_fn out, void *user)
{
    static const char close[] = "</teiCorpus>\n";
    return out(user, close, sizeof close - 1) != 0 ? -1 : 0;
}

bp_emitter *bp_emit_tei_new(berpa_write_fn out, void *user)
{
    bp_emitter *em = calloc(1, sizeof *em);
    S_tei *t = S_tei_new(out, user);
    if (!em || !t)
        goto fail;
    em->self = t;
    em->begin = S_begin;
    em->page = S_page;
    em->column = S_column;
    em->fw = S_fw;
    em->block_begin = S_block_begin;
    em->block_end = S_block_end;
    em->line = S_line;
    em->text = S_text;
    em->edit = S_edit;
    em->hyphen = S_hyphen;
    em->end = S_end;
    em->destroy = S_destroy;
    return em;
fail:
    S_destroy(t);
    free(em);
    return NULL;
}
