/*
 * stages.h: the internal interfaces of the pipeline stages, one file each.
 * Private to libberpa and its unit tests.
 *
 *   read.c       bytes -> lines (UTF-8, NFC, control characters, provenance)
 *   normalize.c  white space and spacing inside quotes, as edits
 *   layout.c     survey; roles (body, running head, page number), blocks
 *   structure.c  verse, footnotes: after layout, unit by unit
 *   spool.c      the lines between the two passes
 *   dehyphen.c   line-end hyphens: join, keep or maybe, and their sites
 *   lexicon.c    Hunspell dictionary, word frequencies, document word counts
 *   az.c         Azerbaijani letters, casing (ICU, az locale), syllables,
 *                the one word scanner
 *   walk.c       one walk of the settled lines for the emitters (emit_*.c)
 *   pipeline.c   the public API and the data flow, stage by stage
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

/* A combining mark (U+0300..U+036F): part of the word it follows. */
static inline bool bp_az_is_mark(uint32_t cp) { return cp >= 0x300 && cp <= 0x36F; }

/* An apostrophe that can stand inside a word (ma'rifət, Qur’an, ʼ). */
static inline bool bp_az_is_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
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

/* The one Azerbaijani word scanner every stage uses.  Looks for the next
 * word in s[*i, n): letters and digits, the combining marks that follow
 * them, and an apostrophe or inner hyphen standing between two word
 * characters (ma'rifətli, Qur’an, milli-azadlıq).  On success sets
 * [*start, *end) to the word's bytes, *hyph when it has an inner hyphen,
 * moves *i past it and returns true; false when no word is left. */
static inline bool bp_word_next(const char *s, size_t n, size_t *i, size_t *start,
                                size_t *end, bool *hyph)
{
    size_t p = *i, k;
    while (p < n) {
        uint32_t cp = bp_utf8_next_fast(s + p, n - p, &k);
        if (bp_az_is_wordchar(cp))
            break;
        p += k;
    }
    if (p >= n) {
        *i = n;
        return false;
    }
    *start = p;
    *hyph = false;
    size_t e = p;
    while (p < n) {
        uint32_t cp = bp_utf8_next_fast(s + p, n - p, &k);
        if (bp_az_is_wordchar(cp) || (bp_az_is_mark(cp) && e == p)) {
            p += k;
            e = p;
            continue;
        }
        bool hy = bp_az_is_inner_hyphen(cp);
        if ((hy || bp_az_is_apostrophe(cp)) && p + k < n) {
            size_t k2;
            if (bp_az_is_wordchar(bp_utf8_next_fast(s + p + k, n - p - k, &k2))) {
                *hyph |= hy;
                p += k;
                continue;
            }
        }
        break;
    }
    *end = e;
    *i = e;
    return true;
}

/* The word that ends at byte `end` of s (scanning back with the rules of
 * bp_word_next): returns its start. */
static inline size_t bp_word_back(const char *s, size_t end)
{
    size_t p = end, k;
    while (p > 0) {
        uint32_t cp = bp_utf8_prev(s, p, &k);
        if (bp_az_is_wordchar(cp) || bp_az_is_mark(cp)) {
            p -= k;
            continue;
        }
        if ((bp_az_is_inner_hyphen(cp) || bp_az_is_apostrophe(cp)) && p < end && p - k > 0) {
            size_t k2;
            if (bp_az_is_wordchar(bp_utf8_prev(s, p - k, &k2))) {
                p -= k;
                continue;
            }
        }
        break;
    }
    return p;
}

/* Characters (code points) in n bytes of valid UTF-8. */
static inline uint32_t bp_utf8_chars(const char *s, size_t n)
{
    uint32_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* The last character of a line that is not a closing quote or bracket
 * (0: none): the punctuation that ends its sentence or clause. */
static inline uint32_t bp_line_last_punct(const bp_line *l)
{
    size_t n = l->len, k;
    while (n > 0) {
        uint32_t cp = bp_utf8_prev(l->text, n, &k);
        if (!(cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == 0x201D ||
              cp == 0x2019 || cp == 0x00BB || cp == 0x203A || cp == 0x201C))
            return cp;
        n -= k;
    }
    return 0;
}

/* Three or more letters, all capitals (a heading or a poem's title). */
static inline bool bp_line_all_caps(const bp_line *l)
{
    size_t k, letters = 0;
    for (size_t i = 0; i < l->len; i += k) {
        uint32_t cp = bp_utf8_next(l->text + i, l->len - i, &k);
        if (bp_az_is_letter(cp)) {
            if (!bp_az_is_upper(cp))
                return false;
            letters++;
        }
    }
    return letters >= 3;
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
/* Counts the inner words of one line: not the first word when the line
 * before ended in a hyphen (after_hyphen: it may be a broken word's tail)
 * nor a last word ending in a hyphen. */
void bp_wordstats_add_line(bp_wordstats *ws, const bp_line *l, bool after_hyphen);
/* The same for the non-blank lines [from, to) of d (tests, whole documents). */
void bp_wordstats_add(bp_wordstats *ws, const bp_doc *d, size_t from, size_t to);
/* Forms held now (never more than max_entries). */
size_t bp_wordstats_size(const bp_wordstats *ws);
/* Occurrences of the word (case-insensitive, az rules). */
uint32_t bp_wordstats_count(const bp_wordstats *ws, const char *w, size_t len);

/* ---- layout.c -------------------------------------------------------------------- */
/* Layout works in two passes so that nothing it decides depends on how
 * much of the document is in memory.  The survey (pass 1) sees every line
 * once and measures the whole document: the input style, the typical line
 * width and indent, the short lines that recur.  Pass 2 lays out one unit
 * at a time (a page, or BP_LAYOUT_UNIT lines of a longer page) with two
 * units either side as context, each line exactly once, in order. */
typedef struct bp_layout bp_layout;
#define BP_LAYOUT_UNIT 512u
#define BP_LAYOUT_CONTEXT 2u
bp_layout *bp_layout_new(void);
void bp_layout_free(bp_layout *lo);
/* Pass 1: line i of d, with lines i-1 and i+1 when they exist (eof: no
 * line follows the last one). */
void bp_layout_survey(bp_layout *lo, const bp_doc *d, size_t i);
/* Pass 1 is over: fixes the document's measures. */
void bp_layout_survey_end(bp_layout *lo);
/* Pass 2: assigns role, block, flags and pnum to the lines of unit
 * [from, to) of d.  d must hold the BP_LAYOUT_CONTEXT units before and
 * after it (fewer only at the document's ends); `last` says it is the
 * document's last unit.  Units are laid out in order, once each. */
void bp_layout_unit(bp_layout *lo, bp_doc *d, size_t from, size_t to, bool last);
/* Absolute index (bp_doc.base + i) of the first line of the block still
 * open after the last unit laid out when its kind may still change (it has
 * at most two lines: it may yet close as a heading), else UINT64_MAX. */
uint64_t bp_layout_open_block(const bp_layout *lo);
/* A whole document in memory (tests): surveys lines [from, n) then lays
 * them out as one unit; `final` says nothing follows. */
void bp_layout_run(bp_layout *lo, bp_doc *d, size_t from, bool final);

/* ---- structure.c ------------------------------------------------------------------ */
/* Pass 2, after the blocks of unit [from, to) of d are cut: recognises
 * verse and footnotes in it and sets their blocks, roles, flags and
 * st_cert/st_why.  Looks at the BP_LAYOUT_CONTEXT units either side only
 * (the lines after the unit need not be laid out). */
void bp_structure_unit(bp_doc *d, size_t from, size_t to);

/* ---- spool.c ---------------------------------------------------------------------- */
/* The lines between pass 1 and pass 2: in memory up to `limit` bytes,
 * then in an unlinked temporary file in $TMPDIR.  dc is borrowed. */
typedef struct bp_spool bp_spool;
bp_spool *bp_spool_new(size_t limit, bp_diagctx *dc);
void bp_spool_free(bp_spool *sp);
/* Takes over l's contents (l is left zeroed).  BERPA_E_NOMEM, or
 * BERPA_E_IO (a diagnostic was sent) when the temporary file fails. */
berpa_status bp_spool_put(bp_spool *sp, bp_line *l);
/* Switches to reading from the first line. */
berpa_status bp_spool_rewind(bp_spool *sp);
/* Moves the next line into *l (owned by the caller then): 1; 0 at the
 * end; -1 with *st set on an error. */
int bp_spool_get(bp_spool *sp, bp_line *l, berpa_status *st);
bool bp_spool_spilled(const bp_spool *sp);

/* ---- dehyphen.c ------------------------------------------------------------------ */
/* Decides eol, eol_cert and eol_why for every BODY line in [from, to) that
 * has BP_LF_HYPHEN_END and a following BODY line in d (laid out), and
 * records the site (site_left, site_right) on the line.  Each line is
 * decided once.  BERPA_OK, or BERPA_E_NOMEM (the site could not be kept). */
berpa_status bp_dehyphenate(bp_doc *d, size_t from, size_t to, const bp_lexicon *lx,
                            const bp_wordstats *ws);

/* ---- normalize.c ------------------------------------------------------------------ */
/* Collapses white space runs and removes spaces just inside quotes and
 * brackets in BODY lines [from, to), recording each change as a
 * BP_EDIT_SPACE edit.  Never touches letters or punctuation. */
berpa_status bp_normalize(bp_doc *d, size_t from, size_t to);

#endif /* BERPA_STAGES_H */
