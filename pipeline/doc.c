/* doc.c: the document window and its lines (see doc.h). */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

void bp_doc_init(bp_doc *d) { memset(d, 0, sizeof *d); }

void bp_line_disown(bp_line *l)
{
    l->text = NULL;
    l->edits = NULL;
    l->words = NULL;
    l->fnmarks = NULL;
    l->site_left = l->site_right = NULL;
    l->nedits = l->capedits = l->nwords = 0;
    l->nfnmarks = 0;
}

void bp_line_release(bp_line *l)
{
    /* most lines own their text only: the other calls are skipped */
    if (l->edits) {
        for (uint32_t i = 0; i < l->nedits; i++)
            free(l->edits[i].orig);
        free(l->edits);
    }
    if (l->words)
        bp_words_free(l->words, l->nwords);
    if (l->fnmarks)
        free(l->fnmarks);
    free(l->text);
    if (l->site_left || l->site_right) {
        free(l->site_left);
        free(l->site_right);
    }
    bp_line_disown(l);
}

void bp_line_free(bp_line *l)
{
    bp_line_release(l);
    memset(l, 0, sizeof *l);
}

void bp_doc_free(bp_doc *d)
{
    for (size_t i = 0; i < d->nlines; i++)
        bp_line_release(&d->lines[i]);
    free(d->lines ? d->lines - d->slack : NULL);
    bp_doc_init(d);
}

/* Moves the lines back to the start of the allocation. */
static void S_compact(bp_doc *d)
{
    if (!d->slack)
        return;
    memmove(d->lines - d->slack, d->lines, d->nlines * sizeof *d->lines);
    d->lines -= d->slack;
    d->cap += d->slack;
    d->slack = 0;
}

bool bp_doc_reserve(bp_doc *d, size_t n)
{
    if (d->nlines + n <= d->cap)
        return true;
    /* Reuse the dropped slots when they outnumber the lines to move, so a
     * line is moved about once in all; else grow the allocation. */
    if (d->slack >= d->nlines + n) {
        S_compact(d);
        return true;
    }
    size_t total = d->slack + d->cap, need = d->slack + d->nlines + n;
    size_t ncap = total ? total * 2 : 256;
    while (ncap < need)
        ncap *= 2;
    bp_line *nl = realloc(d->lines ? d->lines - d->slack : NULL, ncap * sizeof *nl);
    if (!nl)
        return false;
    d->lines = nl + d->slack;
    d->cap = ncap - d->slack;
    return true;
}

/* A fresh line: copied rather than memset, which compilers inline as a
 * `rep stos` that costs more than the copy on the lines' cold memory. */
const bp_line bp_line_empty = { .pnum = -1, .eol_cert = 1.0f };

bp_line *bp_doc_push(bp_doc *d)
{
    if (d->nlines == d->cap && !bp_doc_reserve(d, 1))
        return NULL;
    bp_line *l = &d->lines[d->nlines++];
    *l = bp_line_empty;
    return l;
}

void bp_doc_drop(bp_doc *d, size_t n)
{
    if (n > d->nlines)
        n = d->nlines;
    for (size_t i = 0; i < n; i++) {
        d->bytes -= d->lines[i].len < d->bytes ? d->lines[i].len : d->bytes;
        /* a dropped slot is cleared when bp_doc_push hands it out again */
        bp_line_release(&d->lines[i]);
    }
    /* The dropped slots stay before lines[0] until a push needs them
     * (bp_doc_reserve): moving the rest down on every drop would copy the
     * window over and over. */
    d->lines += n;
    d->slack += n;
    d->cap -= n;
    d->nlines -= n;
    d->base += n;
    /* Give memory back after a burst of long lines, keeping a floor. */
    if (d->slack + d->cap > 4096 && d->nlines < (d->slack + d->cap) / 4) {
        S_compact(d);
        size_t ncap = d->cap / 2;
        bp_line *nl = realloc(d->lines, ncap * sizeof *nl);
        if (nl) {
            d->lines = nl;
            d->cap = ncap;
        }
    }
}

static bool S_edit_reserve(bp_line *l)
{
    if (l->nedits < l->capedits)
        return true;
    uint32_t ncap = l->capedits ? l->capedits * 2 : 4;
    bp_edit *ne = realloc(l->edits, ncap * sizeof *ne);
    if (!ne)
        return false;
    l->edits = ne;
    l->capedits = ncap;
    return true;
}

static bool S_edit_insert(bp_line *l, uint32_t pos, uint32_t at, uint32_t len,
                          const char *orig, uint32_t orig_len, bp_edit_kind kind, float cert)
{
    if (!S_edit_reserve(l))
        return false;
    char *o = malloc(orig_len + 1);
    if (!o)
        return false;
    if (orig_len)
        memcpy(o, orig, orig_len);
    o[orig_len] = '\0';
    memmove(l->edits + pos + 1, l->edits + pos, (l->nedits - pos) * sizeof *l->edits);
    l->edits[pos] = (bp_edit){ .at = at, .len = len, .orig = o, .orig_len = orig_len,
                               .kind = (uint8_t)kind, .cert = cert };
    l->nedits++;
    return true;
}

bool bp_line_add_edit(bp_line *l, uint32_t at, uint32_t len, const char *orig,
                      uint32_t orig_len, bp_edit_kind kind, float cert)
{
    uint32_t pos = l->nedits;
    while (pos > 0 && l->edits[pos - 1].at > at)
        pos--;
    return S_edit_insert(l, pos, at, len, orig, orig_len, kind, cert);
}

bool bp_line_replace(bp_line *l, uint32_t at, uint32_t len, const char *repl,
                     uint32_t repl_len, bp_edit_kind kind, float cert)
{
    if (at > l->len || len > l->len - at)
        return false;
    char *nt = malloc((size_t)l->len - len + repl_len + 1);
    if (!nt)
        return false;
    memcpy(nt, l->text, at);
    memcpy(nt + at, repl, repl_len);
    memcpy(nt + at + repl_len, l->text + at + len, l->len - at - len);
    uint32_t nlen = l->len - len + repl_len;
    nt[nlen] = '\0';

    /* after every edit that ends at or before `at` (a deletion recorded
     * exactly at `at` stays before the new edit and keeps its place) */
    uint32_t pos = 0;
    while (pos < l->nedits &&
           (l->edits[pos].at < at || (l->edits[pos].at == at && l->edits[pos].len == 0)))
        pos++;
    if (!S_edit_insert(l, pos, at, repl_len, l->text + at, len, kind, cert)) {
        free(nt);
        return false;
    }
    int64_t delta = (int64_t)repl_len - (int64_t)len;
    for (uint32_t i = pos + 1; i < l->nedits; i++)
        l->edits[i].at = (uint32_t)((int64_t)l->edits[i].at + delta);
    if ((l->flags & BP_LF_HYPHEN_END) && l->hy_at >= at + len)
        l->hy_at = (uint32_t)((int64_t)l->hy_at + delta);
    for (uint32_t i = 0; i < l->nwords; i++) {
        if (l->words[i].at >= at + len)
            l->words[i].at = (uint32_t)((int64_t)l->words[i].at + delta);
    }
    free(l->text);
    l->text = nt;
    l->len = nlen;
    l->verse_memo = 0;
    l->heading_memo = 0;
    return true;
}

size_t bp_doc_next_body(const bp_doc *d, size_t i)
{
    for (size_t j = i + 1; j < d->nlines; j++)
        if (d->lines[j].role == BP_ROLE_BODY)
            return j;
    return d->nlines;
}

size_t bp_doc_prev_body(const bp_doc *d, size_t i)
{
    for (size_t j = i < d->nlines ? i : d->nlines; j-- > 0;)
        if (d->lines[j].role == BP_ROLE_BODY)
            return j;
    return d->nlines;
}
