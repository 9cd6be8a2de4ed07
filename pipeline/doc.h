/*
 * doc.h: the document model every stage reads and writes.  Private to
 * libberpa: included by the pipeline sources and the unit tests, never installed.
 *
 * A bp_doc holds consecutive lines of a document: in pass 1 the lines
 * waiting for their normalisation context, in pass 2 the layout units
 * being decided with their context (see pipeline.c).  Stages annotate the
 * lines and record their decisions on them; emitters only read.
 *
 * Provenance: a line knows the input byte offset and line number it came
 * from.  Its `text` is the normalised form; every place where text differs
 * from the raw bytes is a bp_edit carrying the original bytes, so the raw
 * line is text with each edit's span replaced by its `orig`.  Leading and
 * trailing white space is not in `text` (the indent is kept as a number).
 */
#ifndef BERPA_DOC_H
#define BERPA_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "berpa.h"

/* ---- edits: one normalisation or correction inside a line --------------- */
typedef enum bp_edit_kind {
    BP_EDIT_NFC = 0,       /* Unicode normalisation changed the bytes        */
    BP_EDIT_LIGATURE,      /* U+FB00..FB06 expanded (ﬁ -> fi)               */
    BP_EDIT_SOFT_HYPHEN,   /* U+00AD inside a line removed                    */
    BP_EDIT_ZERO_WIDTH,    /* U+200B..200D, U+2060, U+FEFF removed            */
    BP_EDIT_CONTROL,       /* C0/C1 control (NUL, ...) removed               */
    BP_EDIT_INVALID,       /* invalid UTF-8 replaced by U+FFFD               */
    BP_EDIT_BOM,           /* byte-order mark at the start removed           */
    BP_EDIT_SPACE,         /* white space collapsed or removed               */
    BP_EDIT_CONFUSABLE,    /* Cyrillic look-alike inside a Latin word        */
    BP_EDIT_OCR,           /* OCR misreading corrected (TEI sic/corr)        */
    BP_EDIT_DOTTED_I,      /* i + U+0307 (İ lower-cased without az rules) -> i */
    BP_EDIT_SPACED,        /* spaces an extractor set around letters removed */
    BP_EDIT_KIND_COUNT
} bp_edit_kind;

typedef struct bp_edit {
    uint32_t at;        /* byte offset in line text where the replacement starts */
    uint32_t len;       /* bytes of replacement text (0: a pure deletion)         */
    char *orig;         /* original bytes, owned; may be invalid UTF-8 (INVALID)  */
    uint32_t orig_len;
    uint8_t kind;       /* bp_edit_kind                                           */
    float cert;         /* confidence 0..1 for OCR corrections, 1 otherwise       */
    const char *why;    /* OCR corrections: static string, the evidence; or NULL  */
} bp_edit;

/* ---- OCR words, filled by the image reader (read_image.c) --------------- */
/* A character of an OCR word for which tesseract's LSTM offered other
 * readings (lstm_choice_mode 2: its best choices per character): the
 * others whose confidence is at least BP_ALT_MIN, best first. */
#define BP_ALTS 3
#define BP_LOW_CONF 0.6f        /* a word under it counts as low-confidence */
#define BP_ALT_MIN 0.01f
typedef struct bp_charalt {
    uint16_t at;                /* byte offset of the character in the word */
    uint8_t len;                /* its bytes as read                        */
    uint8_t n;                  /* readings in alt[], 1..BP_ALTS            */
    float conf;                 /* confidence of the reading kept, 0..1     */
    char alt[BP_ALTS][8];       /* the other readings, UTF-8, NUL-ended     */
    float alt_conf[BP_ALTS];    /* their confidences, 0..1                  */
} bp_charalt;

/* A word as tesseract read it.  A line's words (bp_line.words) are in
 * reading order and do not overlap; the span is 0 long when the reader
 * changed the line so that the word is no longer found in it. */
typedef struct bp_word {
    uint32_t at, len;           /* span in line text                        */
    float conf;                 /* tesseract confidence 0..1                */
    int32_t x0, y0, x1, y1;     /* box in page pixels                       */
    bp_charalt *alts;           /* characters with other readings, in order
                                   of `at`; owned, NULL when none           */
    uint32_t nalts;
} bp_word;

/* ocrword.c.  Copies src into dst with its own copy of the alternatives;
 * false when out of memory (dst then has none). */
bool bp_word_copy(bp_word *dst, const bp_word *src);
/* Frees n words' alternatives and the array itself (NULL is fine). */
void bp_words_free(bp_word *w, uint32_t n);

/* ---- page images: one per page that came from an image (read_image.c) --- */
/* Where a page's resolution came from. */
typedef enum bp_dpi_from {
    BP_DPI_FILE = 0,     /* declared by the file                              */
    BP_DPI_TEXT,         /* none declared (or none in 50..2400): guessed from
                            the text height                                   */
    BP_DPI_TESSERACT     /* none, and too little text to guess: what
                            tesseract fell back to (its minimum, 70)           */
} bp_dpi_from;

typedef struct bp_pageimg {
    char *image;           /* the image's name (its path, or "-" for stdin), owned */
    char *file;            /* the path it is read from when not `image` (a
                              spooled stdin), owned; NULL otherwise            */
    uint32_t subpage;      /* 0-based page inside a multi-page file (TIFF)    */
    uint32_t index;        /* 0-based page of the document                    */
    int32_t width, height; /* the image's size in pixels (boxes refer to it)  */
    int32_t dpi;           /* resolution OCR ran at (after any rescaling)     */
    bool dpi_guessed;      /* not the file's: dpi_from is not BP_DPI_FILE     */
    uint8_t dpi_from;      /* where dpi came from: bp_dpi_from                */
    int32_t dpi_file_x, dpi_file_y; /* the resolution the file declares, per
                              axis (0: none declared)                         */
    float scale_x, scale_y;/* the resolution step's factors per axis (1: none;
                              under 1 it scaled down)                          */
    float skew;            /* degrees corrected by deskewing (0: none)        */
    float skew_conf;       /* leptonica's confidence in the skew (>= 3: used) */
    double ocr_ms;         /* clean-up and recognition wall time, ms          */
    /* the phases of ocr_ms on the recognising thread: wall ms of decoding
     * the file, leptonica's clean-up, tesseract's recognition and
     * collecting the result; and the thread's CPU ms for all of them */
    double read_ms, clean_ms, recog_ms, collect_ms, cpu_ms;
    float mean_conf;       /* mean word confidence 0..1, -1 without words     */
    uint32_t nwords;
    uint32_t low_conf;     /* words with a confidence under BP_LOW_CONF       */
    uint32_t nalts;        /* characters with other readings (bp_charalt)     */
    /* A page of specks or smudges: what tesseract read on it, none of it
     * a legible word, was left out (read_image.c S_drop_noise); nwords,
     * mean_conf, low_conf and nalts count the words kept only. */
    uint32_t noise_words;  /* words left out as noise (0: none)               */
    float noise_conf;      /* their mean confidence                           */
    float noise_cert;      /* how sure the page holds no text, 0.5..1         */
    char noise_marks[64];  /* the first of them, space-separated (UTF-8)      */
    unsigned steps;        /* BP_IMG_* clean-up steps applied (stages.h)      */
    bool failed;           /* the page could not be read (a diagnostic said why) */
    char lang[48];         /* tesseract languages that read it ("aze+Latin")  */
} bp_pageimg;

/* The run's page images so far, for the emitters (owned by the run). */
typedef struct bp_pageimgs {
    bp_pageimg **v;
    size_t n, cap;
    double own_ms;         /* wall time in berpa's own stages for them, ms    */
} bp_pageimgs;

/* ---- lines --------------------------------------------------------------- */
typedef enum bp_role {
    BP_ROLE_BODY = 0,
    BP_ROLE_BLANK,       /* empty or white space only                        */
    BP_ROLE_HEADER,      /* running head at a page or column top  (fw header) */
    BP_ROLE_FOOTER,      /* running foot at a page bottom         (fw footer) */
    BP_ROLE_PAGENUM,     /* page number                           (fw pageNum)*/
    BP_ROLE_RULE         /* the short rule above footnotes        (fw rule)  */
} bp_role;

typedef enum bp_block {
    BP_BLOCK_CONT = 0,   /* continues the current block                       */
    BP_BLOCK_P,          /* starts a paragraph                                */
    BP_BLOCK_HEAD,       /* starts a heading                                  */
    BP_BLOCK_ITEM,       /* starts a list item                                */
    BP_BLOCK_STANZA,     /* starts a stanza; the line is its first verse line */
    BP_BLOCK_VERSE,      /* a verse line inside the open stanza               */
    BP_BLOCK_NOTE,       /* starts a footnote (out of the body flow: the
                            block it interrupts goes on after it)             */
    BP_BLOCK_ENDNOTE,    /* starts an endnote of a notes list (sections.c):
                            a block of the flow, its own line                 */
    BP_BLOCK_SEP,        /* a section separator line (* * *, ---), alone     */
    BP_BLOCK_CELL        /* starts a table cell (tables.c: BP_LF_ROW_START
                            and BP_LF_TABLE_START open a row, a table)        */
} bp_block;

typedef enum bp_eol {
    BP_EOL_NONE = 0,     /* no line-end hyphen: the break is a space          */
    BP_EOL_JOIN,         /* syllable hyphen: drop it, join the word           */
    BP_EOL_KEEP,         /* real hyphen: keep it, join without space          */
    BP_EOL_MAYBE         /* unsure: keep the hyphen, break="maybe"            */
} bp_eol;

enum {
    BP_LF_PAGE_START = 1u << 0,   /* first line after a form feed (or line 1)  */
    BP_LF_COLUMN_START = 1u << 1, /* layout: a new column or page starts here  */
    BP_LF_HYPHEN_END = 1u << 2,   /* text ends in a hyphen-like character      */
    BP_LF_INDENTED = 1u << 3,     /* layout: indented more than its neighbours */
    BP_LF_TRUNCATED = 1u << 4,    /* reader split an over-long line here       */
    BP_LF_EOL_CONTESTED = 1u << 5, /* dehyphen: the eol decision went against
                                     contrary evidence: counted as unsure     */
    BP_LF_VERSE = 1u << 6,        /* structure: a verse line (one line a block) */
    BP_LF_NOTE = 1u << 7,         /* structure: a line of a footnote           */
    BP_LF_COLUMN_CUT = 1u << 8,   /* columns.c: the first line of a side-by-side
                                     column after the first (layout makes it
                                     a column start)                          */
    BP_LF_SECTION = 1u << 9,      /* structure: an endnote or separator line
                                     (sections.c): layout keeps its block     */
    BP_LF_COUPLET = 1u << 10,     /* structure: the first line of a stanza
                                     of two lines (a beyt)                   */
    BP_LF_TABLE = 1u << 11,       /* tables.c: a piece of a table's line       */
    BP_LF_CELL_START = 1u << 12,  /* tables.c: a cell's first piece           */
    BP_LF_ROW_START = 1u << 13,   /* tables.c: a row's first cell's first piece */
    BP_LF_TABLE_START = 1u << 14, /* tables.c: the table's first piece        */
    BP_LF_NOTE_PLACED = 1u << 15, /* notes.c: a footnote's first line whose
                                     mark was found on its page (fnmarks)   */
    BP_LF_INPUT_START = 1u << 16  /* the first line of an input of a document
                                     after the first (berpa_run_next_input):
                                     layout starts a paragraph there        */
};
/* structure.c's decisions: layout leaves the blocks of these lines as they
 * are, and clears the flags when it lays a line out afresh. */
#define BP_LF_STRUCTURE \
    (BP_LF_VERSE | BP_LF_NOTE | BP_LF_SECTION | BP_LF_COUPLET | BP_LF_NOTE_PLACED)

/* notes.c: a note mark found in a body line.  A footnote's (kind 0): the
 * note it calls (its first line's src_off); an endnote's (kind 1, a
 * <ref>): `note` is the line number of its list's heading, `num` its
 * number.  The mark as the body printed it (¹, 1), 10, *, [20]) stood at
 * byte `at` of the line's text when it was found.  A line holds at most
 * BP_FN_MARKS; a footnote whose mark finds no room stays at the page foot. */
#define BP_FN_MARKS 4
typedef struct bp_fnmark {
    uint64_t note;
    uint32_t at;
    uint16_t num;
    uint8_t len;
    uint8_t kind;
    char m[8];
} bp_fnmark;

/* The fields every pass over the lines reads come first, in the record's
 * first 64 bytes (one cache line): the passes of layout and structure
 * look at most lines for one or two of them only. */
typedef struct bp_line {
    char *text;            /* normalised UTF-8 (NFC), NUL-terminated, owned   */
    uint32_t len;          /* bytes in text                                   */
    uint32_t flags;        /* BP_LF_*                                         */
    uint8_t role;          /* bp_role                                         */
    uint8_t block;         /* bp_block, for BODY lines                        */
    uint8_t eol;           /* bp_eol, for BODY lines with BP_LF_HYPHEN_END    */
    uint8_t hy_len;        /* with BP_LF_HYPHEN_END: the hyphen's length in
                              bytes (1..3)                                    */
    uint8_t hy_kind;       /*   and what it is: bp_break (stages.h)           */
    uint8_t verse_memo;    /* structure.c's verse test on the text (0: not yet); */
                           /*   cleared when the text changes                 */
    uint8_t heading_memo;  /* sections.c's notes-heading test: 0 not yet,     */
                           /*   1 no, 2 yes; cleared when the text changes    */
    uint8_t column;        /* columns.c: see below                            */
    uint32_t hy_at;        /*   and the offset of the hyphen char             */
    uint32_t unit;         /* pass 2: layout unit (a page, or a fixed run of
                              lines of a long page), numbered from 0         */
    uint32_t page;         /* 0-based page (form feeds seen before the line)  */
    uint32_t indent;       /* leading white space, in columns (tab = 8)       */
    uint32_t trail;        /* trailing white space characters (PDF extractors
                              leave two after a paragraph's last line)         */
    uint32_t nedits;       /* edits held                                      */
    uint32_t nwords;       /* words held                                      */
    float eol_cert;        /* confidence of the eol decision, 0..1            */
    bp_edit *edits;        /* sorted by `at`, non-overlapping, owned          */
    /* the other storage a line may own, together, for bp_line_release and
     * bp_line_disown (doc.c: keep the two in step) */
    bp_word *words;        /* OCR words or NULL                               */
    bp_fnmark *fnmarks;    /* notes.c (below): BP_FN_MARKS once one is found */
    /* The hyphen site, recorded by dehyphen.c for BODY lines that end in a
     * hyphen and join a next line: the word before the hyphen and the word
     * that opens the next BODY line (owned, NUL-terminated, or NULL).
     * Emitters read these; nobody re-derives them. */
    char *site_left, *site_right;
    uint32_t capedits;

    uint64_t src_off;      /* input byte offset of the raw line's first byte  */
    uint32_t src_len;      /* raw bytes, end-of-line excluded                 */
    uint64_t lineno;       /* 1-based physical input line                     */
    const char *eol_why;   /* static string: the evidence that decided        */
    int32_t pnum;          /* printed page number on PAGE_START lines, or -1  */
    /* layout's furniture decision: on a furniture line, why it is one; on a
     * BODY line that looked like furniture, why it was kept (the report
     * counts it unsure); NULL when there was nothing to decide.  fw_cert is
     * the decision's confidence, 0..1. */
    const char *fw_why;
    float fw_cert;
    /* Lines recognised from an image: the page (borrowed from the run) and
     * the line's box in its pixels; img is NULL for text input. */
    const bp_pageimg *img;
    int32_t box[4];        /* x0, y0, x1, y1                                  */
    /* structure.c: confidence and reason of a verse, note or rule decision
     * on this line (why: static string, NULL when structure.c left the
     * line as layout made it). */
    float st_cert;
    const char *st_why;
    /* columns.c: a piece of a line cut at the gutter of side-by-side
     * columns: its column (1, 2; 0: not cut) and the widest piece of that
     * column on the page, in display columns (layout measures short lines
     * against it).  On a column's first line (BP_LF_COLUMN_CUT) the
     * decision's confidence and reason (static string), else NULL.  (The
     * column itself, `column`, is at the record's start.) */
    uint32_t col_width;
    float col_cert;
    const char *col_why;
    /* tables.c: on a table's pieces (BP_LF_TABLE) the cell's column,
     * 1-based, and the table's columns; on its first piece
     * (BP_LF_TABLE_START) the decision's confidence and reason (static
     * string), else NULL. */
    uint16_t cell, cells;
    float tab_cert;
    const char *tab_why;
    /* notes.c: on a body line, the footnote marks it holds; on a
     * footnote's first line, where the note goes: at its mark (with
     * BP_LF_NOTE_PLACED; fn_line: the calling line's lineno) or at the page
     * foot, with the decision's confidence and reason (static string;
     * NULL: not decided).  On an endnote's first line (sections.c),
     * fn_line is the line number of its list's heading (0: unknown). */
    /* (fnmarks, the marks: BP_FN_MARKS of them once one is found, owned,
     * sits with the other owned pointers at the record's start) */
    uint8_t nfnmarks;
    uint64_t fn_line;
    float fn_cert;
    const char *fn_why;
} bp_line;

/* ---- diagnostics context -------------------------------------------------- */
typedef struct bp_diagctx {
    berpa_diag_fn fn;
    void *user;
    const char *file;
    uint64_t warnings, errors;
} bp_diagctx;

/* Every diagnostic berpa sends, one row of diag.c's table each: its
 * stable code, its level and its message format.  A code may have two
 * rows when the same fault is an error or, repaired, a warning. */
typedef enum bp_diag_id {
    BP_D_INVALID_UTF8,          /* error: byte, offset, why               */
    BP_D_INVALID_UTF8_REPLACED, /* warning: byte, offset, why, count, "s" */
    BP_D_UTF16,                 /* error: "UTF-16LE"/"BE", the two bytes  */
    BP_D_UTF16_NO_BOM,          /* error: "UTF-16LE"/"BE", twice          */
    BP_D_CONTROL_CHAR,          /* warning: code point, count             */
    BP_D_LONG_LINE,             /* warning: the limit in bytes            */
    BP_D_NO_DICTIONARY,         /* note: none found, running without      */
    BP_D_DICTIONARY_NOT_FOUND,  /* error: path, where it came from, the
                                   files tried (S_dict_missing)           */
    BP_D_BAD_DICTIONARY,        /* error: path, what is wrong             */
    BP_D_OUT_OF_MEMORY,         /* error: path of the dictionary          */
    BP_D_NO_FREQUENCIES,        /* warning: path                          */
    BP_D_BAD_FREQUENCIES,       /* warning: path, what is wrong           */
    BP_D_SPOOL,                 /* error: what failed, strerror           */
    BP_D_NO_ERROR_MODEL,        /* warning: what, path                    */
    BP_D_OCR_UNSURE,            /* note: read, candidate, cert, threshold */
    BP_D_OCR_KEPT,              /* note: read, candidate, cert, count     */
    BP_D_OCR_CLEAN,             /* note: evidence count, the evidence     */
    BP_D_OCR_LANGUAGE,          /* error: tesseract's reason              */
    BP_D_OCR_LANGUAGE_FALLBACK, /* note: the default fell back to aze     */
    BP_D_BAD_IMAGE,             /* error: page, page of the file, reason  */
    BP_D_NO_TEXT,               /* note: page, page of the file           */
    BP_D_NO_TEXT_NOISE,         /* note: page, page of the file, what was read */
    BP_D_STALE_LEXICON,         /* warning: path, what is wrong           */
    BP_D_CANNOT_READ,           /* error: strerror (file: the input)      */
    BP_D_CANNOT_WRITE,          /* error: strerror (file: the output)     */
    BP_D_NO_PAGES,              /* error: (file: the directory)           */
    BP_D_COUNT
} bp_diag_id;

/* Sends diagnostic `id` with the arguments its format takes (see the
 * table in diag.c); the level comes from the table.  Counts warnings and
 * errors in dc.  Safe with dc->fn == NULL. */
void bp_diag(bp_diagctx *dc, bp_diag_id id, uint64_t line, uint64_t col, uint64_t byte, ...);
/* Formats diagnostic id's message with its arguments into buf (cap bytes,
 * NUL-terminated, cut to fit) for an emitter that records it (the report's
 * and the TEI's notes); returns the row's code ("ocr-clean"), or NULL for
 * an unknown id.  Sends nothing. */
const char *bp_diag_message(bp_diag_id id, char *buf, size_t cap, ...);

/* ---- the window ------------------------------------------------------------- */
typedef struct bp_doc {
    bp_line *lines;
    size_t nlines, cap;    /* cap: room from lines[0] on                      */
    size_t slack;          /* dropped slots before lines[0], reused lazily     */
    uint64_t base;         /* lines dropped before lines[0]: absolute index  */
    size_t bytes;          /* text bytes held, for the window limit            */
    bool seen_eof;         /* the reader has delivered the last line           */
    bool blank_style;      /* layout: lines are separated by blank lines       */
    const struct bp_endnotes *endnotes; /* pass 1's endnote lists (notes.c),
                                           borrowed; NULL: none known      */
} bp_doc;

void bp_doc_init(bp_doc *d);
void bp_doc_free(bp_doc *d);
/* A line as bp_doc_push makes it (pnum -1, eol_cert 1, the rest zero),
 * for whoever fills a line record afresh. */
extern const bp_line bp_line_empty;
/* Appends an empty line and returns it (NULL: out of memory). */
bp_line *bp_doc_push(bp_doc *d);
/* Makes room for n more lines after the last one, so that pointers into
 * lines[] stay valid while they are added.  false: out of memory. */
bool bp_doc_reserve(bp_doc *d, size_t n);
/* Frees and removes the first n lines. */
void bp_doc_drop(bp_doc *d, size_t n);
/* Frees what line l owns (text, edits, words, note marks, hyphen site)
 * and clears it to all zeros. */
void bp_line_free(bp_line *l);
/* Frees what l owns and sets those pointers and their counts to
 * NULL/0, leaving the other fields as they were (cheaper than
 * bp_line_free for a line about to be overwritten or dropped). */
void bp_line_release(bp_line *l);
/* Forgets the storage a line owns without freeing it (it moved to another
 * line record): the one list of owned pointers, beside bp_line_release. */
void bp_line_disown(bp_line *l);
/* Appends an edit to a line (keeps order if appended in order). Copies orig.
 * Returns false when out of memory. */
bool bp_line_add_edit(bp_line *l, uint32_t at, uint32_t len, const char *orig,
                      uint32_t orig_len, bp_edit_kind kind, float cert);

/* Replaces text[at, at+len) with repl (repl_len bytes), records the original
 * bytes as an edit of `kind`, shifts later edits and keeps them sorted.  The
 * span must not overlap an existing edit.  False when out of memory. */
bool bp_line_replace(bp_line *l, uint32_t at, uint32_t len, const char *repl,
                     uint32_t repl_len, bp_edit_kind kind, float cert);

/* ocrword.c.  The OCR word of line l whose span holds text[at, at+len),
 * with its confidence, box and alternatives; NULL when the line has no
 * OCR words there (text input, or a span the reader changed).  Borrowed:
 * valid while the line is. */
const bp_word *bp_line_word_at(const bp_line *l, uint32_t at, uint32_t len);

/* Index of the next line after i with role BODY (skipping blank lines and
 * furniture), or d->nlines if none in the window. */
size_t bp_doc_next_body(const bp_doc *d, size_t i);
/* Index of the last line before i with role BODY, or d->nlines if none in
 * the window. */
size_t bp_doc_prev_body(const bp_doc *d, size_t i);

#endif /* BERPA_DOC_H */
