/*
 * emit_text.c: the clean-text emitter.  One block (paragraph, heading, list
 * item, verse line, footnote) per output line; footnotes after the block
 * that calls them; the lines of a block joined by a space, or by
 * nothing after a line-end hyphen (a syllable hyphen is dropped, a real or
 * unsure one kept).  Furniture and milestones are left out; edits write
 * their regularised text.  Output is buffered (bp_outbuf).
 */
#include "walk.h"
#include "emit_util.h"

#include <stdlib.h>
#include <string.h>

typedef struct S_text {
    bp_outbuf ob;
    /* Footnotes wait here, one a line, until the block that calls them
     * ends: the paragraph reads on across them. */
    char *notes;
    size_t nnotes, capnotes;
    bool in_note;
    bool in_block;  /* a block of the body flow is open */
    bool in_row;    /* a table's row is open (its cells on one line) */
    unsigned cell;  /* the open row's last column written (1-based), 0: none */
} S_text;

/* Writes to the output, or to the waiting notes inside a note. */
static int S_put(S_text *t, const char *s, size_t n)
{
    if (!t->in_note)
        return bp_outbuf_put(&t->ob, s, n);
    if (t->nnotes + n > t->capnotes) {
        size_t cap = t->capnotes ? t->capnotes * 2 : 256;
        while (cap < t->nnotes + n)
            cap *= 2;
        char *p = realloc(t->notes, cap);
        if (!p)
            return -1;
        t->notes = p;
        t->capnotes = cap;
    }
    memcpy(t->notes + t->nnotes, s, n);
    t->nnotes += n;
    return 0;
}

static int S_line(void *self, const bp_line *l, const bp_line *prev)
{
    S_text *t = self;
    /* JOIN: the hyphen went to the hyphen hook; KEEP/MAYBE: it is in the
     * text.  Either way the word goes on without a space. */
    if (prev && prev->eol == BP_EOL_NONE)
        return S_put(t, " ", 1);
    return 0;
}

static int S_text_span(void *self, const char *s, size_t n)
{
    return S_put(self, s, n);
}

static int S_edit(void *self, const bp_line *l, const bp_edit *e, const char *reg)
{
    return S_put(self, reg, e->len);
}

/* The waiting notes go out after the block that called them. */
static int S_flush_notes(S_text *t);

/* Ends the open table row: its line. */
static int S_end_row(S_text *t)
{
    if (!t->in_row)
        return 0;
    t->in_row = false;
    return S_put(t, "\n", 1) != 0 ? -1 : S_flush_notes(t);
}

static int S_block_begin(void *self, bp_block kind, const bp_line *first)
{
    S_text *t = self;
    if (kind != BP_BLOCK_NOTE && t->in_row &&
        (kind != BP_BLOCK_CELL || (first->flags & BP_LF_ROW_START)) && S_end_row(t) != 0)
        return -1;
    if (kind == BP_BLOCK_CELL) { /* column c after c - 1 tabs on its row */
        if (!t->in_row)
            t->cell = 0;
        t->in_row = true;
        for (unsigned c = t->cell ? t->cell : 1; c < first->cell; c++)
            if (S_put(t, "\t", 1) != 0)
                return -1;
        t->cell = first->cell;
    }
    if (kind == BP_BLOCK_NOTE)
        t->in_note = true;
    else
        t->in_block = true;
    return 0;
}

static int S_flush_notes(S_text *t)
{
    if (!t->nnotes)
        return 0;
    int r = bp_outbuf_put(&t->ob, t->notes, t->nnotes);
    t->nnotes = 0;
    return r;
}

static int S_block_end(void *self, bp_block kind)
{
    S_text *t = self;
    if (kind == BP_BLOCK_CELL)
        return 0; /* the row's line ends with the row */
    int r = S_put(t, "\n", 1);
    if (kind == BP_BLOCK_NOTE) {
        t->in_note = false;
        if (t->in_block || r != 0)
            return r;
    }
    t->in_block = t->in_block && kind == BP_BLOCK_NOTE;
    return r != 0 ? r : S_flush_notes(t);
}

static int S_end(void *self, const berpa_stats *stats)
{
    S_text *t = self;
    if (S_end_row(t) != 0 || S_flush_notes(t) != 0)
        return -1;
    return bp_outbuf_flush(&t->ob);
}

static void S_destroy(void *self)
{
    S_text *t = self;
    free(t->notes);
    free(t);
}

bp_emitter *bp_emit_text_new(berpa_write_fn out, void *user)
{
    bp_emitter *em = calloc(1, sizeof *em);
    S_text *t = calloc(1, sizeof *t);
    if (!em || !t) {
        free(em);
        free(t);
        return NULL;
    }
    bp_outbuf_init(&t->ob, out, user);
    em->self = t;
    em->line = S_line;
    em->text = S_text_span;
    em->edit = S_edit;
    em->block_begin = S_block_begin;
    em->block_end = S_block_end;
    em->end = S_end;
    em->destroy = S_destroy;
    return em;
}
