/*
 * walk.c: walks a prefix of the document window once and sends the events
 * of walk.h to every emitter in turn.  The walker carries what must survive
 * the window being dropped: the open block and a scalar copy of the last
 * BODY line (the `prev` of the next window's first line).
 */
#include "walk.h"

#include <stdlib.h>
#include <string.h>

struct bp_walker {
    bp_emitter **ems;
    size_t nems;
    bp_block open;       /* kind of the open block, BP_BLOCK_CONT: none       */
    bool have_prev;      /* prev holds the open block's last BODY line         */
    bp_line prev;        /* scalar copy: text, edits and words are NULL       */
    uint64_t blocks;
    bool note_open;      /* a footnote is open (inside or beside `open`)       */
    bool note_have_prev;
    bp_line note_prev;   /* its last line, a scalar copy like prev             */
};

/* Calls hook `h` with the given arguments on every emitter that has it;
 * returns the first non-zero result. */
#define S_EACH(w, h, ...)                                                    \
    do {                                                                     \
        for (size_t i_ = 0; i_ < (w)->nems; i_++) {                          \
            bp_emitter *e_ = (w)->ems[i_];                                   \
            if (e_->h) {                                                     \
                int r_ = e_->h(e_->self, __VA_ARGS__);                       \
                if (r_ != 0)                                                 \
                    return r_;                                               \
            }                                                                \
        }                                                                    \
    } while (0)

bp_walker *bp_walker_new(bp_emitter **ems, size_t nems)
{
    bp_walker *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->ems = malloc((nems ? nems : 1) * sizeof *w->ems);
    if (!w->ems) {
        free(w);
        return NULL;
    }
    if (nems)
        memcpy(w->ems, ems, nems * sizeof *ems);
    w->nems = nems;
    w->open = BP_BLOCK_CONT;
    return w;
}

void bp_walker_free(bp_walker *w)
{
    if (!w)
        return;
    free(w->ems);
    free(w);
}

uint64_t bp_walker_blocks(const bp_walker *w) { return w->blocks; }

int bp_walker_begin(bp_walker *w, const bp_docinfo *info)
{
    S_EACH(w, begin, info);
    return 0;
}

static int S_block_end(bp_walker *w)
{
    if (w->open == BP_BLOCK_CONT)
        return 0;
    bp_block k = w->open;
    w->open = BP_BLOCK_CONT;
    w->have_prev = false;
    S_EACH(w, block_end, k);
    return 0;
}

static int S_block_begin(bp_walker *w, bp_block kind, const bp_line *first)
{
    w->open = kind;
    w->have_prev = false;
    w->blocks++;
    S_EACH(w, block_begin, kind, first);
    return 0;
}

static int S_spans(bp_walker *w, const bp_line *l, bool join);

/* The scalar fields of l (text, edits and words NULL): what survives the
 * window as a `prev`. */
static void S_scalar_copy(bp_line *dst, const bp_line *l)
{
    *dst = *l;
    dst->text = NULL;
    dst->edits = NULL;
    dst->nedits = dst->capedits = 0;
    dst->words = NULL;
    dst->nwords = 0;
}

/* The next BODY line after i that is in the body flow: footnote lines
 * (BP_LF_NOTE) stand beside it.  d->nlines if none in the window. */
static size_t S_next_flow(const bp_doc *d, size_t i)
{
    size_t j = bp_doc_next_body(d, i);
    while (j < d->nlines && (d->lines[j].flags & BP_LF_NOTE))
        j = bp_doc_next_body(d, j);
    return j;
}

static int S_note_end(bp_walker *w)
{
    if (!w->note_open)
        return 0;
    w->note_open = false;
    S_EACH(w, block_end, BP_BLOCK_NOTE);
    return 0;
}

/* A footnote line: a note of its own, beside the open block, which goes
 * on after it (the emitters place the note). */
static int S_note_line(bp_walker *w, const bp_line *l)
{
    if (l->block == BP_BLOCK_NOTE || !w->note_open) {
        int r = S_note_end(w);
        if (r != 0)
            return r;
        w->note_open = true;
        w->note_have_prev = false;
        S_EACH(w, block_begin, BP_BLOCK_NOTE, l);
    }
    S_EACH(w, line, l, w->note_have_prev ? &w->note_prev : NULL);
    int r = S_spans(w, l, false);
    if (r != 0)
        return r;
    S_EACH(w, line_end, l);
    S_scalar_copy(&w->note_prev, l);
    if (w->note_prev.eol == BP_EOL_JOIN)
        w->note_prev.eol = BP_EOL_NONE; /* its hyphen stayed text */
    w->note_have_prev = true;
    return 0;
}

/* Does BODY line j of d continue the open block?  j == d->nlines means the
 * next BODY line is not in the window yet: at the end of input the block
 * ends; otherwise it is assumed to go on (the milestones then stay inside). */
static bool S_continues(const bp_walker *w, const bp_doc *d, size_t j)
{
    if (w->open == BP_BLOCK_CONT)
        return false;
    if (j >= d->nlines)
        return !d->seen_eof;
    return d->lines[j].block == BP_BLOCK_CONT;
}

/* The previous line's hyphen joins across the break only when the block
 * goes on: a "break=no" between two blocks would mean nothing. */
static bool S_break_no(const bp_walker *w, bool continues)
{
    return continues && w->have_prev && w->prev.eol != BP_EOL_NONE;
}

/* Sends l's text as text/edit spans; the line-end hyphen of a JOIN line
 * goes to the hyphen hook instead (unless an edit covers it, which a
 * well-formed window never has: then the edit carries it). */
static int S_spans(bp_walker *w, const bp_line *l, bool join)
{
    uint32_t hy0 = join ? l->hy_at : UINT32_MAX;
    uint32_t hy1 = join ? l->hy_at + l->hy_len : UINT32_MAX;
    bool hy_sent = !join || hy1 > l->len;
    uint32_t pos = 0;
    for (uint32_t k = 0; k <= l->nedits; k++) {
        const bp_edit *e = k < l->nedits ? &l->edits[k] : NULL;
        uint32_t stop = e ? e->at : l->len;
        if (stop > l->len)
            stop = l->len;
        if (!hy_sent && hy0 >= pos && hy1 <= stop) {
            if (hy0 > pos)
                S_EACH(w, text, l->text + pos, hy0 - pos);
            S_EACH(w, hyphen, l, l->text + hy0, (size_t)l->hy_len);
            hy_sent = true;
            pos = hy1;
        }
        if (stop > pos)
            S_EACH(w, text, l->text + pos, stop - pos);
        if (!e)
            break;
        if (e->at < pos || e->at > l->len || e->len > l->len - e->at)
            continue; /* overlapping or out of range: not representable */
        if (!hy_sent && hy0 < e->at + e->len && hy1 > e->at)
            hy_sent = true;
        S_EACH(w, edit, l, e, l->text + e->at);
        pos = e->at + e->len;
    }
    return 0;
}

int bp_walker_walk(bp_walker *w, const bp_doc *d, size_t from, size_t upto)
{
    if (upto > d->nlines)
        upto = d->nlines;
    int r;
    size_t prev_i = SIZE_MAX; /* index of w->prev's line in this window */
    for (size_t i = from; i < upto; i++) {
        const bp_line *l = &d->lines[i];
        bool body = l->role == BP_ROLE_BODY;
        bool furniture = l->role == BP_ROLE_HEADER || l->role == BP_ROLE_FOOTER ||
                         l->role == BP_ROLE_PAGENUM || l->role == BP_ROLE_RULE;
        bool page = (l->flags & BP_LF_PAGE_START) != 0;
        bool column = !page && (l->flags & BP_LF_COLUMN_START) != 0;
        bool note = body && (l->flags & BP_LF_NOTE);

        if (!note && (r = S_note_end(w)) != 0)
            return r;
        if (page || column || furniture) {
            /* Milestones between two blocks go after the first one's end. */
            size_t j = body && !note ? i : S_next_flow(d, i);
            bool cont = S_continues(w, d, j);
            if (!cont && (r = S_block_end(w)) != 0)
                return r;
            bool brk = S_break_no(w, cont);
            if (page)
                S_EACH(w, page, l, brk);
            else if (column)
                S_EACH(w, column, l, brk);
            if (furniture)
                S_EACH(w, fw, l);
        }
        if (!body)
            continue;
        if (note) {
            if ((r = S_note_line(w, l)) != 0)
                return r;
            continue;
        }

        if (l->block != BP_BLOCK_CONT || w->open == BP_BLOCK_CONT) {
            if ((r = S_block_end(w)) != 0)
                return r;
            bp_block kind = l->block != BP_BLOCK_CONT ? (bp_block)l->block : BP_BLOCK_P;
            if ((r = S_block_begin(w, kind, l)) != 0)
                return r;
        }
        /* prev: the line itself while it is in this window, else the copy. */
        const bp_line *prev = !w->have_prev ? NULL
                              : prev_i < i && d->lines[prev_i].eol == w->prev.eol ? &d->lines[prev_i]
                                                                                 : &w->prev;
        S_EACH(w, line, l, prev);

        /* A JOIN whose next BODY line starts another block cannot join:
         * its hyphen stays text, so nothing is lost. */
        size_t nb = S_next_flow(d, i);
        bool join = l->eol == BP_EOL_JOIN && (l->flags & BP_LF_HYPHEN_END) && l->hy_len > 0 &&
                    (nb >= d->nlines ? !d->seen_eof : d->lines[nb].block == BP_BLOCK_CONT);
        if ((r = S_spans(w, l, join)) != 0)
            return r;
        S_EACH(w, line_end, l);

        S_scalar_copy(&w->prev, l);
        if (!join && w->prev.eol == BP_EOL_JOIN)
            w->prev.eol = BP_EOL_NONE;
        w->have_prev = true;
        prev_i = i;
    }
    return 0;
}

int bp_walker_end(bp_walker *w, const berpa_stats *stats)
{
    int r = S_note_end(w);
    if (r == 0)
        r = S_block_end(w);
    if (r != 0)
        return r;
    S_EACH(w, end, stats);
    return 0;
}

void bp_emitter_free(bp_emitter *e)
{
    if (!e)
        return;
    if (e->destroy)
        e->destroy(e->self);
    free(e);
}
