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
    /* the line before, for the differences of the packed heads: the last
     * written, then (from the rewind) the last read */
    uint64_t prev_lineno, prev_off;
    uint32_t prev_page;
    bp_diagctx *dc;
};

/* The fixed part of a spooled line is packed, since it outweighed the
 * text (88 bytes a line as a struct; an average line of a book is under
 * 40): a byte `has` of S_H_* bits for the fields most lines leave at
 * zero, then varints, the line number, input offset and page as
 * differences from the line before (S_pos).  `img` points into the run's
 * page images, which outlive the spool (the file is private to this
 * process), and is written as its bytes. */
enum {
    S_H_SRCLEN = 1,  /* src_len differs from len             */
    S_H_INDENT = 2,  /* indent, trail                        */
    S_H_HYPHEN = 4,  /* hy_at, hy_len, hy_kind               */
    S_H_MEMO = 8,    /* heading_memo                         */
    S_H_IMG = 16,    /* img, box                             */
    S_H_WORDS = 32,  /* nwords                               */
    S_H_EDITS = 64,  /* nedits                               */
};
enum { S_HEAD_MAX = 1 + 16 * 10 + sizeof(void *) }; /* bytes of a packed head at most */

static size_t S_uv(uint8_t *p, uint64_t v)
{
    size_t n = 0;
    while (v >= 0x80) {
        p[n++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    p[n++] = (uint8_t)v;
    return n;
}

/* signed differences, zigzag-coded so that small ones stay one byte */
static uint64_t S_zz(int64_t v) { return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63); }
static int64_t S_unzz(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

typedef struct S_ehead {
    uint32_t at, len, orig_len;
    float cert;
    uint8_t kind;
} S_ehead;

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

/* Makes S_HEAD_MAX bytes readable at buf + pos, fewer only where the
 * file ends, so that a head is decoded from memory without a check per
 * byte for a refill. */
static void S_ahead(bp_spool *sp)
{
    size_t left = sp->end - sp->pos;
    if (left >= S_HEAD_MAX)
        return;
    memmove(sp->buf, sp->buf + sp->pos, left);
    sp->pos = 0;
    sp->end = left + fread(sp->buf + left, 1, S_BUF - left, sp->f);
}

/* A varint of S_uv's from *p (not past e) into *v; false when the bytes
 * end in it. */
static bool S_uvget(const uint8_t **p, const uint8_t *e, uint64_t *v)
{
    uint64_t x = 0;
    for (unsigned shift = 0; shift < 64 && *p < e; shift += 7) {
        unsigned c = *(*p)++;
        x |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80)) {
            *v = x;
            return true;
        }
    }
    return false;
}

static bool S_write_line(bp_spool *sp, const bp_line *l)
{
    uint8_t h[S_HEAD_MAX];
    size_t n = 1;
    uint8_t has = 0;
    n += S_uv(h + n, S_zz((int64_t)(l->lineno - sp->prev_lineno)));
    n += S_uv(h + n, S_zz((int64_t)(l->src_off - sp->prev_off)));
    n += S_uv(h + n, S_zz((int64_t)l->page - (int64_t)sp->prev_page));
    n += S_uv(h + n, l->len);
    n += S_uv(h + n, l->flags);
    sp->prev_lineno = l->lineno;
    sp->prev_off = l->src_off;
    sp->prev_page = l->page;
    if (l->src_len != l->len) {
        has |= S_H_SRCLEN;
        n += S_uv(h + n, l->src_len);
    }
    if (l->indent || l->trail) {
        has |= S_H_INDENT;
        n += S_uv(h + n, l->indent);
        n += S_uv(h + n, l->trail);
    }
    if (l->hy_at || l->hy_len || l->hy_kind) {
        has |= S_H_HYPHEN;
        n += S_uv(h + n, l->hy_at);
        h[n++] = l->hy_len;
        h[n++] = l->hy_kind;
    }
    if (l->heading_memo) {
        has |= S_H_MEMO;
        h[n++] = l->heading_memo;
    }
    if (l->img) {
        has |= S_H_IMG;
        memcpy(h + n, &l->img, sizeof l->img);
        n += sizeof l->img;
        for (int i = 0; i < 4; i++)
            n += S_uv(h + n, S_zz(l->box[i]));
    }
    if (l->nwords) {
        has |= S_H_WORDS;
        n += S_uv(h + n, l->nwords);
    }
    if (l->nedits) {
        has |= S_H_EDITS;
        n += S_uv(h + n, l->nedits);
    }
    h[0] = has;
    if (!S_put(sp, h, n) || !S_put(sp, l->text ? l->text : "", l->len) ||
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
    bp_line_disown(l); /* its storage moved to m */
    sp->mem.bytes += m->len + sizeof *m;
    if (sp->mem.bytes > sp->limit)
        return S_spill(sp);
    return BERPA_OK;
}

berpa_status bp_spool_rewind(bp_spool *sp)
{
    sp->reading = true;
    sp->next = 0;
    sp->prev_lineno = sp->prev_off = 0;
    sp->prev_page = 0;
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
        bp_line_disown(m); /* its storage moved to l */
        return 1;
    }
    S_ahead(sp);
    if (sp->pos == sp->end) {
        if (!ferror(sp->f))
            return 0;
        *st = S_io(sp, "read failed");
        return -1;
    }
    *l = bp_line_empty;
    const uint8_t *p = (const uint8_t *)sp->buf + sp->pos, *pe = (const uint8_t *)sp->buf + sp->end;
    unsigned has = *p++;
    uint64_t v[5], nwords = 0, nedits = 0;
    for (int i = 0; i < 5; i++)
        if (!S_uvget(&p, pe, &v[i]))
            goto short_read;
    l->lineno = sp->prev_lineno += (uint64_t)S_unzz(v[0]);
    l->src_off = sp->prev_off += (uint64_t)S_unzz(v[1]);
    l->page = sp->prev_page = (uint32_t)((int64_t)sp->prev_page + S_unzz(v[2]));
    l->len = (uint32_t)v[3];
    l->flags = (uint32_t)v[4];
    l->src_len = l->len;
    uint64_t x, y;
    if (has & S_H_SRCLEN) {
        if (!S_uvget(&p, pe, &x))
            goto short_read;
        l->src_len = (uint32_t)x;
    }
    if (has & S_H_INDENT) {
        if (!S_uvget(&p, pe, &x) || !S_uvget(&p, pe, &y))
            goto short_read;
        l->indent = (uint32_t)x;
        l->trail = (uint32_t)y;
    }
    if (has & S_H_HYPHEN) {
        if (!S_uvget(&p, pe, &x) || pe - p < 2)
            goto short_read;
        l->hy_at = (uint32_t)x;
        l->hy_len = p[0];
        l->hy_kind = p[1];
        p += 2;
    }
    if (has & S_H_MEMO) {
        if (p == pe)
            goto short_read;
        l->heading_memo = *p++;
    }
    if (has & S_H_IMG) {
        if ((size_t)(pe - p) < sizeof l->img)
            goto short_read;
        memcpy(&l->img, p, sizeof l->img);
        p += sizeof l->img;
        for (int i = 0; i < 4; i++) {
            if (!S_uvget(&p, pe, &x))
                goto short_read;
            l->box[i] = (int32_t)S_unzz(x);
        }
    }
    if ((has & S_H_WORDS) && !S_uvget(&p, pe, &nwords))
        goto short_read;
    if ((has & S_H_EDITS) && !S_uvget(&p, pe, &nedits))
        goto short_read;
    sp->pos = (size_t)((const char *)p - sp->buf);
    if (!(l->text = malloc((size_t)l->len + 1)))
        goto no_memory;
    if (!S_take(sp, l->text, l->len))
        goto short_read;
    l->text[l->len] = '\0';
    if (nwords) {
        if (!(l->words = malloc(nwords * sizeof *l->words)))
            goto no_memory;
        if (!S_take(sp, l->words, nwords * sizeof *l->words)) {
            free(l->words);
            l->words = NULL;
            goto short_read;
        }
        /* the pointers read are stale: cleared before anything can free
         * them, then each word's alternatives are read back */
        for (uint32_t i = 0; i < nwords; i++)
            l->words[i].alts = NULL;
        l->nwords = (uint32_t)nwords;
        for (uint32_t i = 0; i < nwords; i++) {
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
    if (nedits) {
        if (!(l->edits = calloc(nedits, sizeof *l->edits)))
            goto no_memory;
        l->capedits = (uint32_t)nedits;
        for (uint32_t i = 0; i < nedits; i++) {
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
