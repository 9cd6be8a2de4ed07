/*
 * stages.h: the internal interfaces of the pipeline stages, one file each.
 * Private to libberpa and its unit tests.
 *
 *   read.c       bytes -> lines (UTF-8, NFC, control characters, provenance)
 *   layout.c     roles (body, running head, page number), blocks, columns
 *   dehyphen.c   line-end hyphens: join, keep or maybe
 *   normalize.c  white space and spacing inside quotes, as edits
 *   lexicon.c    Hunspell dictionary, word frequencies, document word counts
 *   correct.c    OCR misreadings restored (learned error model, lexicon)
 *   az.c         Azerbaijani letters, casing (ICU, az locale), syllables
 *   walk.c       one walk of the window for the emitters (emit_*.c)
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

/* Is the lower-cased w a prefix of a form in the frequency table?  A
 * filter: it may say yes wrongly (rarely), never no wrongly; true without
 * a frequency table.  Lets a candidate search skip Hunspell for forms no
 * frequent word starts like. */
bool bp_lexicon_prefix(const bp_lexicon *lx, const char *w, size_t len);

/* A table that goes with the dictionary: "<dict>.<ext>" beside it (the
 * build tree), else share/berpa/az_AZ.<ext>.  Writes the path into buf;
 * false when neither exists or there is no dictionary. */
bool bp_lexicon_companion(const bp_lexicon *lx, const char *ext, char *buf, size_t cap);

/* ---- correct.c ------------------------------------------------------------------- */
/* The OCR error model: confusions "the OCR read GOLD as OCR", each with a
 * cost -ln P(ocr | gold), as scripts/learn-errors.py writes them. */
typedef struct bp_errmodel bp_errmodel;
/* An empty model (no confusions); NULL when out of memory. */
bp_errmodel *bp_errmodel_new(void);
void bp_errmodel_free(bp_errmodel *em);
/* Reads a table (dict/az_AZ.errors format) into em.  BERPA_E_IO when the
 * file cannot be read, BERPA_E_NOMEM; malformed lines are skipped. */
berpa_status bp_errmodel_load(bp_errmodel *em, const char *path);
/* Adds one confusion (UTF-8, each side under 8 bytes, not both empty;
 * longer ones are ignored).  False when out of memory. */
bool bp_errmodel_add(bp_errmodel *em, const char *ocr, const char *gold, float cost);
size_t bp_errmodel_size(const bp_errmodel *em);

typedef struct bp_correct_opts {
    float threshold;     /* apply a correction whose confidence is >= this */
} bp_correct_opts;

typedef struct bp_correct_stats {
    uint64_t examined;   /* words looked at                               */
    uint64_t applied;    /* corrections made                              */
    uint64_t unsure;     /* candidates below the threshold, left as read  */
} bp_correct_stats;

/* A run's memory of decisions (a form seen again is decided as before)
 * and working space.  NULL when out of memory; free with
 * bp_corrector_free. */
typedef struct bp_corrector bp_corrector;
bp_corrector *bp_corrector_new(void);
void bp_corrector_free(bp_corrector *cr);

/* Corrects OCR misreadings in the BODY lines [from, to) of d: each change
 * is a BP_EDIT_OCR edit with its confidence and reason (edit.why); a
 * candidate below o->threshold is left as read, counted in st->unsure and
 * sent as an "ocr-unsure" note through dc.  Reads the words' OCR
 * confidences (line.words) when present.  Decisions depend only on the
 * line, the lexicon, the model and the document counts ws (may be NULL);
 * cr (may be NULL: nothing remembered, slower) carries decisions across
 * calls of one run.
 * Does nothing without a dictionary or with an empty model.  Returns
 * BERPA_OK or BERPA_E_NOMEM (the line being corrected is left consistent). */
berpa_status bp_correct(bp_doc *d, size_t from, size_t to, const bp_lexicon *lx,
                        const bp_errmodel *em, const bp_wordstats *ws,
                        const bp_correct_opts *o, bp_diagctx *dc, bp_corrector *cr,
                        bp_correct_stats *st);

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

#endif /* BERPA_STAGES_H */
