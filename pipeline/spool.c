/*
 * spool.c: holds the document's normalised lines between the two passes.
 *
 * Pass 1 (reading, character normalisation, the survey) sees every line
 * once and hands it here; pass 2 (layout, dehyphenation, emitters) reads
 * the lines back in order.  Lines stay in memory until they pass `limit`
 * bytes (the run's window); then all of them go to an unlinked temporary
 * file in $TMPDIR (default /tmp), so memory stays bounded whatever the
 * input size.  The bytes on disk are the line's own fields, text and
 * edits: nothing of the input is lost by spooling.
 */
#include "stages.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct bp_spool {
    bp_doc mem;        /* lines while in memory                         */
    size_t next;       /* reading: next line of mem                     */
    size_t limit;      /* bytes held in memory before spilling          */
    FILE *f;           /* the temporary file, once spilled              */
    /* The file is written and read through this buffer, not stdio's: a
     * line is three or four small fields, and stdio's call per field cost
     * more than the copying (pos: next byte; end: bytes held, reading). */
    char *buf;
    size_t pos, end;
    bool reading;
    bp_diagctx *dc;
};

/* The fixed part of a spooled line.  `img` points into the run's page
 * images, which outlive the spool (the file is private to this process). */
typedef struct S_head {
    const bp_pageimg *img;
    uint64_t src_off, lineno;
    int32_t box[4];
    uint32_t len, nedits, nwords, src_len, indent, trail, page, flags, hy_at;
    uint8_t hy_len, hy_kind, heading_memo;
} S_head;

typedef struct S_ehead {
    uint32_t at, len, orig_len;
    float cert;
    uint8_t kind;
} S_ehead;

/* Forgets what l owned after a struct copy moved it elsewhere, without
 * clearing the whole record. */
static void S_disown(bp_line *l)
{
    l->text = NULL;
    l->edits = NULL;
    l->words = NULL;
    l->fnmarks = NULL;
    l->site_left = l->site_right = NULL;
    l->nedits = l->capedits = l->nwords = 0;
    l->nfnmarks = 0;
}

static const bp_line S_empty_line = { .pnum = -1, .eol_cert = 1.0f };

bp_spool *bp_spool_new(size_t limit, bp_diagctx *dc)
{
    bp_spool *sp = calloc(1, sizeof *sp);
    if (!sp)
        return NULL;
    bp_doc_init(&sp->mem);
    sp->limit = limit;
    sp->dc = dc;
    return sp;
}

void bp_spool_free(bp_spool *sp)
{
    if (!sp)
        return;
    if (sp->f)
        fclose(sp->f);
    free(sp->buf);
    bp_doc_free(&sp->mem);
    free(sp);
}

static berpa_status S_io(bp_spool *sp, const char *what)
{
    bp_diag(sp->dc, BP_D_SPOOL, 0, 0, 0, what, strerror(errno ? errno : EIO));
    return BERPA_E_IO;
}

enum { S_BUF = 1u << 18 };

static bool S_flush(bp_spool *sp)
{
    bool ok = sp->pos == 0 || fwrite(sp->buf, 1, sp->pos, sp->f) == sp->pos;
    sp->pos = 0;
    return ok;
}

static bool S_put(bp_spool *sp, const void *p, size_t n)
{
    if (sp->pos + n > S_BUF) {
        if (!S_flush(sp))
            return false;
        if (n > S_BUF)
            return fwrite(p, 1, n, sp->f) == n;
    }
    memcpy(sp->buf + sp->pos, p, n);
    sp->pos += n;
    return true;
}

/* Reads n bytes into p; false at the end of the file or on an error
 * (ferror tells which). */
static bool S_take(bp_spool *sp, void *p, size_t n)
{
    char *o = p;
    while (n > 0) {
        if (sp->pos == sp->end) {
            if (n >= S_BUF) /* a long line: straight into place */
                return fread(o, 1, n, sp->f) == n;
            sp->pos = 0;
            sp->end = fread(sp->buf, 1, S_BUF, sp->f);
            if (sp->end == 0)
                return false;
        }
        size_t k = sp->end - sp->pos < n ? sp->end - sp->pos : n;
        memcpy(o, sp->buf + sp->pos, k);
        sp->pos += k;
        o += k;
        n -= k;
    }
    return true;
}

static bool S_write_line(bp_spool *sp, const bp_line *l)
{
    S_head h = { .img = l->img, .src_off = l->src_off, .lineno = l->lineno, .len = l->len,
                 .nwords = l->nwords, .box = { l->box[0], l->box[1], l->box[2], l->box[3] },
                 .nedits = l->nedits, .src_len = l->src_len, .indent = l->indent,
                 .trail = l->trail, .page = l->page, .flags = l->flags,
                 .hy_at = l->hy_at, .hy_len = l->hy_len, .hy_kind = l->hy_kind,
                 .heading_memo = l->heading_memo };
    if (!S_put(sp, &h, sizeof h) || !S_put(sp, l->text ? l->text : "", l->len) ||
        (l->nwords && !S_put(sp, l->words, l->nwords * sizeof *l->words)))
        return false;
    /* each word's alternatives after the words (their pointers are void) */
    for (uint32_t i = 0; i < l->nwords; i++)
        if (l->words[i].nalts &&
            !S_put(sp, l->words[i].alts, l->words[i].nalts * sizeof *l->words[i].alts))
            return false;
    for (uint32_t i = 0; i < l->nedits; i++) {
        const bp_edit *e = &l->edits[i];
        S_ehead eh = { .at = e->at, .len = e->len, .orig_len = e->orig_len, .cert = e->cert,
                       .kind = e->kind };
        if (!S_put(sp, &eh, sizeof eh) || !S_put(sp, e->orig ? e->orig : "", e->orig_len))
            return false;
    }
    return true;
}

/* Moves every line held in memory to a new temporary file. */
static berpa_status S_spill(bp_spool *sp)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/berpa-spool-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return S_io(sp, "cannot create");
    unlink(path); /* gone when closed, even if the process dies */
    sp->buf = malloc(S_BUF);
    sp->f = sp->buf ? fdopen(fd, "w+b") : NULL;
    if (!sp->f) {
        close(fd);
        return sp->buf ? S_io(sp, "cannot open") : BERPA_E_NOMEM;
    }
    setvbuf(sp->f, NULL, _IONBF, 0); /* S_put and S_take buffer */
    sp->pos = 0;
    for (size_t i = 0; i < sp->mem.nlines; i++)
        if (!S_write_line(sp, &sp->mem.lines[i]))
            return S_io(sp, "write failed");
    bp_doc_free(&sp->mem);
    return BERPA_OK;
}

berpa_status bp_spool_put(bp_spool *sp, bp_line *l)
{
    if (sp->f) {
        bool ok = S_write_line(sp, l);
        bp_line_release(l);
        return ok ? BERPA_OK : S_io(sp, "write failed");
    }
    bp_line *m = bp_doc_push(&sp->mem);
    if (!m)
        return BERPA_E_NOMEM;
    *m = *l;
    S_disown(l); /* its storage moved to m */
    sp->mem.bytes += m->len + sizeof *m;
    if (sp->mem.bytes > sp->limit)
        return S_spill(sp);
    return BERPA_OK;
}

berpa_status bp_spool_rewind(bp_spool *sp)
{
    sp->reading = true;
    sp->next = 0;
    if (sp->f && (!S_flush(sp) || fseek(sp->f, 0, SEEK_SET) != 0))
        return S_io(sp, "cannot read back");
    sp->pos = sp->end = 0;
    return BERPA_OK;
}

int bp_spool_get(bp_spool *sp, bp_line *l, berpa_status *st)
{
    *st = BERPA_OK;
    if (!sp->f) {
        if (sp->next >= sp->mem.nlines)
            return 0;
        bp_line *m = &sp->mem.lines[sp->next++];
        *l = *m;
        S_disown(m); /* its storage moved to l */
        return 1;
    }
    S_head h;
    if (!S_take(sp, &h, sizeof h)) {
        if (!ferror(sp->f))
            return 0;
        *st = S_io(sp, "read failed");
        return -1;
    }
    *l = S_empty_line;
    l->src_off = h.src_off;
    l->lineno = h.lineno;
    l->len = h.len;
    l->src_len = h.src_len;
    l->indent = h.indent;
    l->trail = h.trail;
    l->page = h.page;
    l->flags = h.flags;
    l->hy_at = h.hy_at;
    l->hy_len = h.hy_len;
    l->hy_kind = h.hy_kind;
    l->heading_memo = h.heading_memo;
    l->img = h.img;
    memcpy(l->box, h.box, sizeof l->box);
    if (!(l->text = malloc((size_t)h.len + 1)))
        goto no_memory;
    if (!S_take(sp, l->text, h.len))
        goto short_read;
    l->text[h.len] = '\0';
    if (h.nwords) {
        if (!(l->words = malloc(h.nwords * sizeof *l->words)))
            goto no_memory;
        if (!S_take(sp, l->words, h.nwords * sizeof *l->words)) {
            free(l->words);
            l->words = NULL;
            goto short_read;
        }
        /* the pointers read are stale: cleared before anything can free
         * them, then each word's alternatives are read back */
        for (uint32_t i = 0; i < h.nwords; i++)
            l->words[i].alts = NULL;
        l->nwords = h.nwords;
        for (uint32_t i = 0; i < h.nwords; i++) {
            bp_word *w = &l->words[i];
            uint32_t n = w->nalts;
            w->nalts = 0;
            if (n && !(w->alts = malloc(n * sizeof *w->alts)))
                goto no_memory;
            w->nalts = n;
            if (n && !S_take(sp, w->alts, n * sizeof *w->alts))
                goto short_read;
        }
    }
    if (h.nedits) {
        if (!(l->edits = calloc(h.nedits, sizeof *l->edits)))
            goto no_memory;
        l->capedits = h.nedits;
        for (uint32_t i = 0; i < h.nedits; i++) {
            S_ehead eh;
            if (!S_take(sp, &eh, sizeof eh))
                goto short_read;
            bp_edit *e = &l->edits[l->nedits++];
            e->at = eh.at;
            e->len = eh.len;
            e->orig_len = eh.orig_len;
            e->cert = eh.cert;
            e->kind = eh.kind;
            if (!(e->orig = malloc((size_t)eh.orig_len + 1)))
                goto no_memory;
            if (!S_take(sp, e->orig, eh.orig_len))
                goto short_read;
            e->orig[eh.orig_len] = '\0';
        }
    }
    return 1;
no_memory:
    bp_line_free(l);
    *st = BERPA_E_NOMEM;
    return -1;
short_read:
    bp_line_free(l);
    *st = S_io(sp, "short read");
    return -1;
}

bool bp_spool_spilled(const bp_spool *sp) { return sp->f != NULL; }
