/*
 * emit_text.c: the clean-text emitter.  One block (paragraph, heading, list
 * item) per output line; the lines of a block joined by a space, or by
 * nothing after a line-end hyphen (a syllable hyphen is dropped, a real or
 * unsure one kept).  Furniture and milestones are left out; edits write
 * their regularised text.  Output is buffered (bp_outbuf).
 */
#include "walk.h"
#include "emit_util.h"

#include <stdlib.h>

typedef struct S_text {
    bp_outbuf ob;
} S_text;

static int S_line(void *self, const bp_line *l, const bp_line *prev)
{
    S_text *t = self;
    /* JOIN: the hyphen went to the hyphen hook; KEEP/MAYBE: it is in the
     * text.  Either way the word goes on without a space. */
    if (prev && prev->eol == BP_EOL_NONE)
        return bp_outbuf_put(&t->ob, " ", 1);
    return 0;
}

static int S_text_span(void *self, const char *s, size_t n)
{
    return bp_outbuf_put(&((S_text *)self)->ob, s, n);
}

static int S_edit(void *self, const bp_line *l, const bp_edit *e, const char *reg)
{
    return bp_outbuf_put(&((S_text *)self)->ob, reg, e->len);
}

static int S_block_end(void *self, bp_block kind)
{
    return bp_outbuf_put(&((S_text *)self)->ob, "\n", 1);
}

static int S_end(void *self, const berpa_stats *stats)
{
    return bp_outbuf_flush(&((S_text *)self)->ob);
}

static void S_destroy(void *self) { free(self); }

bp_emitter *bp_emit_text_new(berpa_write_fn out, void *user)
{
    bp_emitter *em = calloc(1, sizeof *em);
    S_text *t = malloc(sizeof *t);
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
    em->block_end = S_block_end;
    em->end = S_end;
    em->destroy = S_destroy;
    return em;
}
