/*
 * walk.h: one walk over the document window, calling an emitter's hooks in
 * document order.  Each output format is a small emitter (emit_text.c,
 * emit_tei.c, emit_report.c) that only implements these hooks.  Private.
 *
 * Event order for a window: for each line, in order,
 *   page (on BP_LF_PAGE_START), column (on BP_LF_COLUMN_START without page),
 *   fw (furniture lines: header, footer, page number),
 *   block_end/block_begin (when a BODY line starts a block),
 *   line (every BODY line), then its text as text/edit spans, and
 *   hyphen (the line-end hyphen of a JOIN line, left out of the text spans),
 *   line_end.
 * Milestones (page, column, fw) that stand between two blocks are sent
 * after the first block's block_end, so they sit between the blocks.
 * A block stays open across windows; `end` closes it.
 * Footnote lines (BP_LF_NOTE) stand beside the body flow: a note is
 * block_begin(BP_BLOCK_NOTE)..block_end(BP_BLOCK_NOTE) with its lines,
 * sent where it was printed, while the block it interrupts stays open
 * (no block_end before it) and goes on after it.
 * Every hook returns 0, or non-zero when it fails (the walk stops): a
 * write failed or memory ran out, which the run tells apart by whether
 * one of its outputs failed (pipeline.c, S_out).  A NULL hook is skipped.
 */
#ifndef BERPA_WALK_H
#define BERPA_WALK_H

#include "doc.h"

typedef struct bp_docinfo {
    const char *name;        /* run name: file path or "-"                   */
    const char *title;       /* TEI title (defaults to name)                 */
    const char *dictionary;  /* dictionary path or NULL                      */
    const bp_pageimgs *pages; /* page images of the run; grows while it runs,
                                 complete at `end` (owned by the run)        */
    const char *gold;        /* ground truth for the review page, or NULL    */
    size_t gold_len;
    /* a note on the whole document from diag.c's table (the code, as
     * "ocr-clean", and its message), or NULL: emitters that keep the
     * run's notes (report, TEI) record it */
    const char *note_code, *note;
} bp_docinfo;

typedef struct bp_emitter bp_emitter;
struct bp_emitter {
    void *self;
    int (*begin)(void *self, const bp_docinfo *info);
    /* A new page.  `first` is its first line (pnum: printed number or -1);
     * break_no: a word or hyphenated compound continues across it. */
    int (*page)(void *self, const bp_line *first, bool break_no);
    int (*column)(void *self, const bp_line *first, bool break_no);
    /* Furniture: l->role is HEADER, FOOTER, PAGENUM or RULE. */
    int (*fw)(void *self, const bp_line *l);
    int (*block_begin)(void *self, bp_block kind, const bp_line *first);
    int (*block_end)(void *self, bp_block kind);
    /* A BODY line starts.  prev: the previous BODY line of the same block
     * (NULL for the block's first line); its eol says how the two join.
     * When prev lies in an earlier window it is the walker's copy: only its
     * scalar fields are set (text and edits are NULL). */
    int (*line)(void *self, const bp_line *l, const bp_line *prev);
    int (*text)(void *self, const char *s, size_t n);
    /* An edited span: e->orig is what the input had, reg (len e->len) what
     * the clean text has. */
    int (*edit)(void *self, const bp_line *l, const bp_edit *e, const char *reg);
    /* The line-end hyphen of a line whose eol is JOIN (not part of the text). */
    int (*hyphen)(void *self, const bp_line *l, const char *s, size_t n);
    /* A BODY line's text is done (after its spans and hyphen). */
    int (*line_end)(void *self, const bp_line *l);
    int (*end)(void *self, const berpa_stats *stats);
    void (*destroy)(void *self);
};

/* Constructors: out is the output callback; NULL when out of memory. */
bp_emitter *bp_emit_text_new(berpa_write_fn out, void *user);
bp_emitter *bp_emit_tei_new(berpa_write_fn out, void *user);
/* The same without the XML declaration, for a member of a teiCorpus. */
bp_emitter *bp_emit_tei_member_new(berpa_write_fn out, void *user);
/* The opening and closing of a teiCorpus around member documents;
 * 0, or non-zero for a write error or out of memory. */
int bp_tei_corpus_begin(berpa_write_fn out, void *user, const char *title);
int bp_tei_corpus_end(berpa_write_fn out, void *user);
bp_emitter *bp_emit_report_new(berpa_write_fn out, void *user);
bp_emitter *bp_emit_html_new(berpa_write_fn out, void *user);
bp_emitter *bp_emit_hocr_new(berpa_write_fn out, void *user);
void bp_emitter_free(bp_emitter *e);

typedef struct bp_walker bp_walker;
bp_walker *bp_walker_new(bp_emitter **ems, size_t nems);
void bp_walker_free(bp_walker *w);
int bp_walker_begin(bp_walker *w, const bp_docinfo *info);
/* Walks lines [from, upto) of d, each line once over the whole run.  The
 * lines after `upto` are only looked at (to know whether the open block
 * continues), and must be laid out.  Returns 0 or the first non-zero hook
 * result. */
int bp_walker_walk(bp_walker *w, const bp_doc *d, size_t from, size_t upto);
int bp_walker_end(bp_walker *w, const berpa_stats *stats);
/* Blocks begun so far. */
uint64_t bp_walker_blocks(const bp_walker *w);

#endif /* BERPA_WALK_H */
