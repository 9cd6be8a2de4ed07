/*
 * stages.h: the internal interfaces of the pipeline stages, one file each.
 * Private to libberpa and its unit tests.
 *
 *   read.c       bytes -> lines (UTF-8, NFC, control characters, provenance)
 *   layout.c     roles (body, running head, page number), blocks, columns
 *   dehyphen.c   line-end hyphens: join, keep or maybe
 *   normalize.c  white space and spacing inside quotes, as edits
 *   lexicon.c    Hunspell dictionary, word frequencies, document word counts
 *   az.c         Azerbaijani letters, casing (ICU, az locale), syllables
 *   walk.c       one walk of the window for the emitters (emit_*.c)
 *   read_image.c page images -> OCR'd lines with boxes and confidences
 *   pipeline.c   the public API: windows, stages in order, outputs
 */
#ifndef BERPA_STAGES_H
#define BERPA_STAGES_H

#include "doc.h"

/* ---- read.c ------------------------------------------------------------------ */
typedef struct bp_reader bp_reader;

/* Returns NULL when out of memory.  dc is borrowed for the reader's life. */
bp_reader *bp_reader_new(bp_diagctx *dc, berpa_invalid_mode mode);
void bp_reader_free(bp_reader *r);
/* Decodes the next chunk and appends each complete line to d.  A line
 * longer than BP_MAX_LINE bytes is split (flag BP_LF_TRUNCATED, a warning).
 * Returns BERPA_OK, BERPA_E_INPUT (invalid UTF-8 in ERROR mode: an error
 * diagnostic naming the byte offset was sent; the reader stays failed),
 * or BERPA_E_NOMEM. */
berpa_status bp_reader_feed(bp_reader *r, const char *buf, size_t len, bp_doc *d);
/* End of input: appends the last unterminated line, sets d->seen_eof. */
berpa_status bp_reader_finish(bp_reader *r, bp_doc *d);
uint64_t bp_reader_bytes(const bp_reader *r);
uint64_t bp_reader_lines(const bp_reader *r);
uint64_t bp_reader_pages(const bp_reader *r);
#define BP_MAX_LINE (64u * 1024u)

/* ---- az.c -------------------------------------------------------------------- */
/* Decodes one UTF-8 code point at s (len > 0 bytes available); stores its
 * byte length in *n.  Input must be valid UTF-8 (the reader guarantees it). */
uint32_t bp_utf8_next(const char *s, size_t len, size_t *n);
/* Decodes the code point ending at s[len-1]; stores its length in *n. */
uint32_t bp_utf8_prev(const char *s, size_t len, size_t *n);
/* Encodes cp into out (4 bytes room); returns the byte count. */
size_t bp_utf8_put(uint32_t cp, char *out);

bool bp_az_is_letter(uint32_t cp);        /* any Unicode letter             */
bool bp_az_is_vowel(uint32_t cp);         /* a ı o u e ə i ö ü, either case */
bool bp_az_is_upper(uint32_t cp);
/* A letter or a digit: what words are made of.  The word scanners ask it
 * for every character, so ASCII, the Latin ranges (all Azerbaijani
 * letters), ə and General Punctuation (no letters there) are answered
 * inline, the rest by bp_az_is_letter. */
static inline bool bp_az_is_wordchar(uint32_t cp)
{
    if (cp < 0x80)
        return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9');
    if (cp >= 0xC0 && cp <= 0x24F)
        return cp != 0xD7 && cp != 0xF7;
    if (cp == 0x0259) /* ə, the commonest letter past ASCII */
        return true;
    if (cp >= 0x2000 && cp <= 0x206F)
        return false;
    return bp_az_is_letter(cp);
}

/* A hyphen that joins the parts of one word (milli-azadlıq). */
static inline bool bp_az_is_inner_hyphen(uint32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* bp_utf8_next with ASCII and well-formed two-byte sequences (every
 * Azerbaijani letter) decoded inline, for hot loops; anything else goes to
 * the full decoder.  len > 0. */
static inline uint32_t bp_utf8_next_fast(const char *s, size_t len, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char c = u[0];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF && len >= 2 && (u[1] & 0xC0) == 0x80) {
        *n = 2;
        return ((uint32_t)(c & 0x1F) << 6) | (u[1] & 0x3Fu);
    }
    return bp_utf8_next(s, len, n);
}

/* Lower-cases UTF-8 with Azerbaijani rules (İ->i, I->ı) into out; returns
 * the length needed (may exceed cap: then out holds a truncated prefix). */
size_t bp_az_lower(const char *s, size_t len, char *out, size_t cap);
/* Does a line-end break between `left` and `right` (letters only, no
 * hyphen) fall on an Azerbaijani syllable boundary, with at least two
 * letters on each side? */
bool bp_az_syllable_break(const char *left, size_t llen, const char *right, size_t rlen);

/* ---- lexicon.c ------------------------------------------------------------------ */
typedef struct bp_lexicon bp_lexicon;

/* dic: Hunspell path without extension, NULL for the default search, ""
 * for none.  freq: frequency table path or NULL (next to the dictionary).
 * Returns NULL and sets *st on failure (a diagnostic was sent). */
bp_lexicon *bp_lexicon_open(const char *dic, const char *freq, bp_diagctx *dc,
                            berpa_status *st);
void bp_lexicon_free(bp_lexicon *lx);
const char *bp_lexicon_path(const bp_lexicon *lx);  /* NULL without dictionary */
/* Is the word (UTF-8, any case) accepted by the dictionary?  False without one. */
bool bp_lexicon_known(const bp_lexicon *lx, const char *w, size_t len);
/* Corpus frequency of the lower-cased word, 0 when unknown. */
uint64_t bp_lexicon_freq(const bp_lexicon *lx, const char *w, size_t len);

/* Is "left-right..." an attested hyphenated compound?  Looks for "left-"
 * followed by a prefix of `right` of at least three letters (so sui-qəsd
 * covers sui-qəsdinin): first among the corpus's hyphenated forms
 * (returns the count), then in the compound lists, with and without
 * diacritics (sürsat matches sursat; returns 1 and sets *listed).
 * Returns 0 when unattested. */
uint64_t bp_lexicon_compound(const bp_lexicon *lx, const char *left, size_t nl,
                             const char *right, size_t nr, bool *listed);

/* Document evidence: how often each word form occurs whole inside lines of
 * the document so far, with and without an inner hyphen.  Bounded: when
 * full, the least useful entries are dropped. */
typedef struct bp_wordstats bp_wordstats;
bp_wordstats *bp_wordstats_new(size_t max_entries);
void bp_wordstats_free(bp_wordstats *ws);
/* Counts the inner words of BODY lines [from, to): not the first word of a
 * line (it may be a hyphen tail) nor a last word ending in a hyphen. */
void bp_wordstats_add(bp_wordstats *ws, const bp_doc *d, size_t from, size_t to);
/* Occurrences of the word (case-insensitive, az rules). */
uint32_t bp_wordstats_count(const bp_wordstats *ws, const char *w, size_t len);

/* ---- layout.c -------------------------------------------------------------------- */
typedef struct bp_layout bp_layout;
bp_layout *bp_layout_new(void);
void bp_layout_free(bp_layout *lo);
/* Assigns role, block, flags and pnum to lines [from, d->nlines).  Lines
 * near the window's end may be re-annotated in a later call once more
 * input has arrived; `final` says no more input will come. */
void bp_layout_run(bp_layout *lo, bp_doc *d, size_t from, bool final);
/* Lines [0, cut) are about to be emitted and dropped: remember what the
 * next window needs to know of them (the last body line's ending). */
void bp_layout_commit(bp_layout *lo, const bp_doc *d, size_t cut);

/* ---- dehyphen.c ------------------------------------------------------------------ */
/* Decides eol, eol_cert and eol_why for every BODY line in [from, to) that
 * has BP_LF_HYPHEN_END and a following BODY line in the window. */
void bp_dehyphenate(bp_doc *d, size_t from, size_t to, const bp_lexicon *lx,
                    const bp_wordstats *ws);

/* ---- normalize.c ------------------------------------------------------------------ */
/* Collapses white space runs and removes spaces just inside quotes and
 * brackets in BODY lines [from, to), recording each change as a
 * BP_EDIT_SPACE edit.  Never touches letters or punctuation. */
berpa_status bp_normalize(bp_doc *d, size_t from, size_t to);

/* ---- read_image.c ------------------------------------------------------------------ */
typedef enum bp_image_kind {
    BP_IMAGE_NONE = 0, BP_IMAGE_PNG, BP_IMAGE_TIFF, BP_IMAGE_JPEG, BP_IMAGE_PNM,
    BP_IMAGE_JP2, BP_IMAGE_WEBP
} bp_image_kind;

/* Clean-up steps before OCR (each switchable): berpa.h's BERPA_CLEAN_*. */
enum {
    BP_IMG_GREY = BERPA_CLEAN_GREY,
    BP_IMG_DPI = BERPA_CLEAN_UPSCALE,
    BP_IMG_DESKEW = BERPA_CLEAN_DESKEW,
    BP_IMG_NORM = BERPA_CLEAN_NORMALISE,
    BP_IMG_BINARIZE = BERPA_CLEAN_BINARISE,
    BP_IMG_SAUVOLA = BERPA_CLEAN_SAUVOLA,
    BP_IMG_BORDER = BERPA_CLEAN_BORDER,
    BP_IMG_SPECK = BERPA_CLEAN_SPECK
};
#define BP_OCR_DEFAULT_LANG "aze"

/* The image kind from the first bytes of a file (n of them), by magic
 * number: PNG, TIFF, JPEG, PNM (P1..P6), JPEG 2000 (JP2 box or codestream),
 * WebP.  BP_IMAGE_NONE for anything else. */
bp_image_kind bp_image_detect(const unsigned char *h, size_t n);
/* The same for a file (NONE when it cannot be opened). */
bp_image_kind bp_image_probe(const char *path);
const char *bp_image_kind_name(bp_image_kind k);   /* "PNG", ... static */
/* Pages in an image file (TIFF: its directories; others 1).  On failure
 * returns BERPA_E_INPUT or BERPA_E_IO with the reason in err. */
berpa_status bp_image_count(const char *path, uint32_t *npages, char *err, size_t errcap);
/* "grey,deskew,..." for a BP_IMG_* set into buf; returns the length needed. */
size_t bp_image_steps_str(unsigned steps, char *buf, size_t cap);

/* One recognised text line, in page order. */
typedef struct bp_ocrline {
    char *text;            /* words joined by single spaces, owned            */
    uint32_t len;
    bp_word *words;        /* spans in text, boxes, confidences; owned        */
    uint32_t nwords;
    int32_t box[4];        /* x0, y0, x1, y1 in the original image's pixels   */
    bool para_start;       /* tesseract starts a paragraph (or block) here    */
    bool block_start;
    bool para_end;         /* the last line of its paragraph                  */
} bp_ocrline;

/* One page's result.  A failed page has status != BERPA_OK and the reason
 * in error (info.image and subpage still say which page). */
typedef struct berpa_page bp_ocrpage;
struct berpa_page {
    bp_pageimg info;
    bp_ocrline *lines;
    size_t nlines;
    berpa_status status;
    char *error;
};
void bp_ocrpage_free(bp_ocrpage *p);

/* A tesseract handle for one thread.  lang: tesseract languages ("aze",
 * "aze+aze_cyrl"); steps: BP_IMG_*.  NULL on failure with the reason in err. */
typedef struct berpa_ocr bp_ocr;
bp_ocr *bp_ocr_new(const char *lang, unsigned steps, char *err, size_t errcap);
void bp_ocr_free(bp_ocr *o);
/* Reads page `sub` of an image file, cleans it up and recognises it.
 * Returns the result (owned by the caller; a failed page carries its
 * reason), NULL only when out of memory. */
bp_ocrpage *bp_ocr_page(bp_ocr *o, const char *path, uint32_t sub);

#endif /* BERPA_STAGES_H */
