/*
 * stages.h: the internal interfaces of the pipeline stages, one file each.
 * Private to libberpa and its unit tests.
 *
 *   read.c       bytes -> lines (UTF-8, NFC, control characters, provenance)
 *   normalize.c  white space and spacing inside quotes, as edits
 *   layout.c     survey; roles (body, running head, page number), blocks
 *   structure.c  verse, footnotes: after layout, unit by unit
 *   columns.c    side-by-side columns: a unit's lines in reading order,
 *                before layout
 *   sections.c   separators, endnote lists: called by structure.c
 *   tables.c     tables in layout-mode text: rows and cells, before layout
 *   spool.c      the lines between the two passes
 *   dehyphen.c   line-end hyphens: join, keep or maybe, and their sites
 *   lexicon.c    Hunspell dictionary, word frequencies, document word counts
 *   correct.c    OCR misreadings restored (learned error model, lexicon)
 *   az.c         Azerbaijani letters, casing (ICU, az locale), syllables,
 *                the one word scanner
 *   walk.c       one walk of the settled lines for the emitters (emit_*.c)
 *   read_image.c page images -> OCR'd lines with boxes and confidences
 *   pipeline.c   the public API and the data flow, stage by stage
 */
#ifndef BERPA_STAGES_H
#define BERPA_STAGES_H

#include "doc.h"
#include <string.h>

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
/* The next line produced is the first of another input of the document
 * (BP_LF_INPUT_START): layout starts a paragraph there. */
void bp_reader_input_start(bp_reader *r);
/* End of input: appends the last unterminated line, sets d->seen_eof. */
berpa_status bp_reader_finish(bp_reader *r, bp_doc *d);
uint64_t bp_reader_bytes(const bp_reader *r);
uint64_t bp_reader_lines(const bp_reader *r);
uint64_t bp_reader_pages(const bp_reader *r);
/* The 0-based page the next line falls on (form feeds read so far). */
uint64_t bp_reader_page(const bp_reader *r);
#define BP_MAX_LINE (64u * 1024u)
/* The first ill-formed UTF-8 sequence of buf[0, len), by the reader's rules:
 * true, with its byte offset in *off and how it is ill-formed in *why (a
 * static string, "is never valid in UTF-8"), or false when all is UTF-8. */
bool bp_utf8_first_invalid(const char *buf, size_t len, uint64_t *off, const char **why);

/* ---- az.c -------------------------------------------------------------------- */
/* Decodes one UTF-8 code point at s (len > 0 bytes available); stores its
 * byte length in *n.  Input must be valid UTF-8 (the reader guarantees it). */
uint32_t bp_utf8_next(const char *s, size_t len, size_t *n);
/* Decodes the code point ending at s[len-1]; stores its length in *n. */
uint32_t bp_utf8_prev(const char *s, size_t len, size_t *n);
/* Encodes cp into out (4 bytes room); returns the byte count. */
size_t bp_utf8_put(uint32_t cp, char *out);

bool bp_az_is_letter(uint32_t cp);        /* any Unicode letter             */
/* Is every character of s (n bytes, valid UTF-8) a letter (no digit, no
 * punctuation)?  True for n 0. */
bool bp_az_all_letters(const char *s, size_t n);
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

/* An apostrophe that can stand inside a word (ma'rifət, Qur’an, ʼ; also
 * the grave and acute accents and the left quote that typists and OCR put
 * in its place: ma`rifət, ma´rifət, ma‘rifət).  Lexicon keys write them
 * all as ' (lexicon.c), so the spellings count as one word. */
static inline bool bp_az_is_apostrophe(uint32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC || cp == '`' || cp == 0x00B4 ||
           cp == 0x2018;
}

/* What ends a line that ends in a break inside a word or compound. */
typedef enum bp_break {
    BP_BREAK_NONE = 0,
    BP_BREAK_HYPHEN,    /* - U+2010 U+2011, or U+00AC (a hyphen OCR'd as not-sign) */
    BP_BREAK_SOFT,      /* U+00AD soft hyphen, the last visible character  */
    BP_BREAK_MINUS,     /* U+2212 minus sign set for a hyphen              */
    BP_BREAK_DASH,      /* U+2013 en or U+2014 em dash, unspaced (1918–)   */
    BP_BREAK_URL,       /* '/' ending a URL or e-mail address cut at the line */
    BP_BREAK_OCR        /* ~ or = right after a letter: what OCR reads for a hyphen;
                         * a break only where the word across it is known */
} bp_break;

/* Does text[0, len) (one line, no trailing white space) end in a line-end
 * break: a hyphen-like character right after a letter or a digit?  A line
 * of only dashes or asterisks (---, * * *) is no break: the word needs a
 * letter or digit before the mark.  A hyphen followed by a soft hyphen
 * (ictimai-U+00AD) is a HYPHEN break; *shy then gets the soft hyphen's
 * offset (else len).  A URL (http://, https://, ftp://, www.) or an
 * address with '@' that ends in '/' is a URL break.  On a break, *at is
 * the offset of the mark and *n its length in bytes (1..3). */
bp_break bp_az_line_break(const char *text, size_t len, uint32_t *at, uint32_t *n,
                          uint32_t *shy);

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

/* Byte classes for bp_word_next (az.c): BP_WB_WORD an ASCII letter or
 * digit, BP_WB_LEAD the lead byte of a two-byte letter U+00C0..U+027F
 * (C3..C9; every Azerbaijani letter), 0 anything else. */
enum { BP_WB_WORD = 1, BP_WB_LEAD = 2 };
extern const uint8_t bp_word_byte[256];

/* The one Azerbaijani word scanner every stage uses.  Looks for the next
 * word in s[*i, n): letters and digits, the combining marks that follow
 * them, and an apostrophe or inner hyphen standing between two word
 * characters (ma'rifətli, Qur’an, milli-azadlıq).  On success sets
 * [*start, *end) to the word's bytes, *hyph when it has an inner hyphen,
 * moves *i past it and returns true; false when no word is left. */
static inline bool bp_word_next(const char *s, size_t n, size_t *i, size_t *start,
                                size_t *end, bool *hyph)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t p = *i, k;
    while (p < n) {
        /* ASCII outside words (spaces, punctuation) is skipped inline */
        unsigned char c = u[p];
        if (bp_word_byte[c] == BP_WB_WORD)
            break;
        if (c < 0x80) {
            p++;
            continue;
        }
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
        /* The commonest word characters, decided from their bytes by the
         * table: ASCII letters and digits, and the two-byte letters
         * U+00C0..U+027F (only x and / are not letters there). */
        uint8_t b = bp_word_byte[u[p]];
        if (b == BP_WB_WORD) {
            e = ++p;
            continue;
        }
        if (b == BP_WB_LEAD && p + 1 < n && (u[p + 1] & 0xC0) == 0x80 &&
            !(u[p] == 0xC3 && (u[p + 1] == 0x97 || u[p + 1] == 0xB7))) {
            p += 2;
            e = p;
            continue;
        }
        if (u[p] < 0x80 && u[p] != '-' && u[p] != '\'' && u[p] != '`')
            break; /* ASCII space or punctuation ends the word */
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
    /* n minus the continuation bytes (10xxxxxx), eight bytes at a time:
     * layout measures every line several times */
    size_t i = 0, cont = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t m = (x & ~(x << 1)) & 0x8080808080808080ull;
        cont += (size_t)(((m >> 7) * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return (uint32_t)(n - cont);
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

/* Does the line end a sentence (., !, ?, …)? */
static inline bool bp_line_ends_sentence(const bp_line *l)
{
    uint32_t cp = bp_line_last_punct(l);
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026;
}

/* The first letter or digit of the line (0: none). */
static inline uint32_t bp_line_first_wordchar(const bp_line *l)
{
    size_t k;
    for (size_t i = 0; i < l->len; i += k) {
        uint32_t cp = bp_utf8_next(l->text + i, l->len - i, &k);
        if (bp_az_is_wordchar(cp))
            return cp;
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
/* Is the word (UTF-8, any case) accepted by the dictionary?  False without
 * one.  Answered from the compiled tables (lexdb.c) for the frequent forms
 * in lower case or capitalised; any other word creates Hunspell the first
 * time (thread-safe, once a session) and asks it.  When that creation
 * fails the answer is false and bp_lexicon_status says why. */
bool bp_lexicon_known(const bp_lexicon *lx, const char *w, size_t len);
/* BERPA_OK, or BERPA_E_NOMEM / BERPA_E_DICT when Hunspell, created on a
 * word's demand, could not be: the answers since were false, so the run
 * that sees it must fail (exit 4 or 5, as at start-up).  Sends the error
 * diagnostic through dc then. */
berpa_status bp_lexicon_status(const bp_lexicon *lx, bp_diagctx *dc);
/* Has Hunspell been created (tests, benchmarks)? */
bool bp_lexicon_hunspell_loaded(const bp_lexicon *lx);
/* Starts creating Hunspell on a thread of its own, so that a long input's
 * first pass runs while the .aff and .dic are read (a fifth of a second
 * of one core).  The answers are the same as with lazy creation: a word
 * that needs Hunspell waits for it on the lexicon's lock.  Does nothing
 * without a dictionary, when Hunspell exists or a thread was started,
 * or when no thread can be had.  Safe from several threads. */
void bp_lexicon_preload(const bp_lexicon *lx);
/* Waits for bp_lexicon_preload's thread, if one runs, so that nothing of
 * the lexicon is still working when a run has ended (the CLI may exit
 * without freeing the session).  Safe from several threads. */
void bp_lexicon_preload_wait(const bp_lexicon *lx);
/* Compiles the dictionary at prefix dic (with its .freq and .compounds
 * companions) into the mapped tables file out (lexdb.h), reading the
 * source files whatever compiled file exists.  BERPA_OK; BERPA_E_DICT,
 * BERPA_E_NOMEM (a diagnostic was sent) or BERPA_E_IO (out not written). */
berpa_status bp_lexicon_compile(const char *dic, const char *out, bp_diagctx *dc);
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
/* Of those, the ones written with a small first letter (0 for a name);
 * ws may be NULL. */
uint32_t bp_wordstats_lower(const bp_wordstats *ws, const char *w, size_t len);
/* Calls fn(user, form, len, count, lower) for every form held (the
 * lower-cased form, its whole occurrences, those written with a small
 * first letter), in an order that depends on the forms only. */
void bp_wordstats_each(const bp_wordstats *ws,
                       void (*fn)(void *user, const char *w, size_t len, uint32_t count,
                                  uint32_t lower),
                       void *user);

/* Is the lower-cased w a prefix of a form in the frequency table?  A
 * filter: it may say yes wrongly (rarely), never no wrongly; true without
 * a frequency table.  Lets a candidate search skip Hunspell for forms no
 * frequent word starts like. */
bool bp_lexicon_prefix(const bp_lexicon *lx, const char *w, size_t len);

/* A word's look-up key: lower-cased and hashed once (bp_lexkey_set) for
 * the several look-ups a candidate search makes of one form.  The _key
 * look-ups answer exactly as bp_lexicon_freq, bp_wordstats_count and
 * bp_lexicon_known do for the word.  Caller-owned (on the stack); w must
 * outlive it, k points into w or low. */
typedef struct bp_lexkey {
    const char *w, *k;       /* the word (len bytes), its key (n bytes)    */
    size_t len, n;           /* n >= sizeof low: too long, never found      */
    uint64_t h;              /* the key's FNV-1a hash                       */
    char low[512];
} bp_lexkey;
void bp_lexkey_set(bp_lexkey *key, const char *w, size_t len);
/* The FNV-1a hash of w's bytes, and in *plain whether w holds no possible
 * capital: then w is its own key and bp_lexkey_plain(key, w, len, hash)
 * sets the key bp_lexkey_set would, without a second pass. */
uint64_t bp_lexkey_hash(const char *w, size_t len, bool *plain);
/* The same continued: h (BP_LEXKEY_H0 for nothing yet) hashed on over the
 * whole characters s; *plain is cleared at a possible capital.  A word cut
 * at character boundaries hashes piece by piece as it does whole. */
#define BP_LEXKEY_H0 1469598103934665603ull
uint64_t bp_lexkey_hash_more(uint64_t h, const char *s, size_t len, bool *plain);
void bp_lexkey_plain(bp_lexkey *key, const char *w, size_t len, uint64_t h);
uint64_t bp_lexicon_freq_key(const bp_lexicon *lx, const bp_lexkey *key);
uint32_t bp_wordstats_count_key(const bp_wordstats *ws, const bp_lexkey *key);
bool bp_lexicon_known_key(const bp_lexicon *lx, const bp_lexkey *key);

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

/* A document's quote style (bp_correct_quote_style). */
typedef enum { BP_QUOTES_ANY, BP_QUOTES_ASCII, BP_QUOTES_CURLY } bp_quotes;

typedef struct bp_correct_opts {
    float threshold;     /* apply a correction whose confidence is >= this */
    bp_quotes quotes;    /* the document's quote style: the other one is a
                            misreading (BP_QUOTES_ANY: none settled)     */
    float quotes_cert;   /* the style's share of the document's quotes    */
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
/* Clean text: a text input that shows it was not read by tesseract's aze
 * model is left uncorrected.  That model has no j J ; % « » ! ' in its
 * character set (../shared/docs/AZERBAIJANI.md), so a text holding them
 * came from elsewhere (a PDF, a typed file), unless it also holds the
 * model's own mark: a word read with i, f or l where a frequent word has
 * j (enerii, geolofi), which -l aze+Latin, whose Latin half can output
 * j, still leaves.  Surveyed over the whole document in pass 1, on text
 * lines only (a page berpa read itself is OCR whatever it holds), so the
 * verdict is the same for any window or feed. */
enum { BP_CLEAN_KINDS = 6 };   /* j/J, ;, %, « », !, ' */
#define BP_CLEAN_MIN 3         /* evidence characters that make a verdict */
typedef struct bp_ocrsurvey {
    uint64_t n;                     /* evidence characters                 */
    uint64_t kind[BP_CLEAN_KINDS];  /* of each kind                       */
    uint64_t aze;                   /* words with the aze model's mark     */
    uint64_t q_ascii, q_curly;      /* quotes: " and “ ” (every line)      */
} bp_ocrsurvey;
/* Counts the evidence characters of line l as read (before normalisation,
 * which maps a Cyrillic look-alike to j); lines from a page image
 * (l->img) give none.  Counts the quotes of every line. */
void bp_correct_survey_chars(bp_ocrsurvey *ev, const bp_line *l);
/* Counts the forms of the document (ws, the whole document's counts)
 * that bear the aze model's mark: written in lower case, unknown to the
 * lexicon, and a known word with one i, f or l read as j (enerii,
 * geolofi, müidələyirdi).  Asked only when the characters already say
 * clean (it may load Hunspell). */
void bp_correct_survey_forms(bp_ocrsurvey *ev, const bp_wordstats *ws, const bp_lexicon *lx);
/* The verdict: true when ev says clean text (at least BP_CLEAN_MIN
 * evidence characters and no word with the aze model's mark).  Writes to
 * buf (cap bytes, NUL-terminated) the evidence, e.g. "j 12, « » 27". */
bool bp_correct_clean(const bp_ocrsurvey *ev, char *buf, size_t cap);
/* The document's quote style: a document sets its quotes one way, " or
 * “ ”, and the aze model reads either shape as the other now and then
 * (../shared/docs/AZERBAIJANI.md), so the style is the majority, when it
 * is one beyond chance (ahead by two standard deviations of a fair coin,
 * 2 sqrt(n)).  Sets *cert to its share; BP_QUOTES_ANY when none. */
bp_quotes bp_correct_quote_style(const bp_ocrsurvey *sv, float *cert);
/* Replaces [at, at+len) of line l with s (n bytes) as a BP_EDIT_OCR edit
 * with confidence cert and reason why (a static string).  False when out
 * of memory (the line is left as it was). */
bool bp_correct_apply(bp_line *l, uint32_t at, uint32_t len, const char *s, size_t n,
                      float cert, const char *why);
/* correct_punct.c: guillemets the aze model read as letters (eMoskva,
 * aMoskva, verirdiə., ocağıənın) in BODY line l (tail: its first word
 * ends a word broken at the line before; prev[0, nprev): the lines of
 * its paragraph before it, oldest first, whose open quote makes a
 * closing one likelier), applied at o->threshold or reported as
 * ocr-unsure.  BERPA_OK or BERPA_E_NOMEM. */
berpa_status bp_correct_quotes(bp_line *l, const bp_line *const *prev, size_t nprev, bool tail,
                               const bp_lexicon *lx, const bp_correct_opts *o, bp_diagctx *dc,
                               bp_correct_stats *st);
/* correct_punct.c: the percent sign the aze model read as 96 or /s
 * (2596-dən, 25/s-dən: the suffix's harmony is that of "faiz") in line l,
 * applied at o->threshold or reported.  BERPA_OK or BERPA_E_NOMEM. */
berpa_status bp_correct_percent(bp_line *l, const bp_correct_opts *o, bp_diagctx *dc,
                                bp_correct_stats *st);
/* correct_number.c: a suffix after a number (1919-cü, 6-ci, 3-da) whose
 * vowels break the harmony of the number read aloud (on doqquz -> -cu,
 * altı -> -cı, üç -> -də), rewritten in it, in line l; applied at
 * o->threshold or reported as ocr-unsure.  BERPA_OK or BERPA_E_NOMEM. */
berpa_status bp_correct_number_suffix(bp_line *l, const bp_correct_opts *o, bp_diagctx *dc,
                                      bp_correct_stats *st);
/* correct_punct.c: the number sign the aze model read as No or Ne before
 * digits (No 725, Ne12) in line l, applied at o->threshold or reported.
 * BERPA_OK or BERPA_E_NOMEM. */
berpa_status bp_correct_numero(bp_line *l, const bp_correct_opts *o, bp_diagctx *dc,
                               bp_correct_stats *st);
/* correct_punct.c: a quote of the style the document does not use (o->quotes)
 * read as the one it does: " -> “ before a word and ” after one; “ ” -> ".
 * Returns BERPA_OK or BERPA_E_NOMEM. */
berpa_status bp_correct_quotestyle(bp_line *l, const bp_correct_opts *o, bp_correct_stats *st);
/* correct_punct.c: an ordinal number's point read as a comma (7, fəsli ->
 * 7. fəsli): Azerbaijani writes an ordinal as a number with a point, and
 * the noun after it is the head of an izafet, in the possessive; a
 * cardinal takes the bare noun, and a comma after a number goes on with
 * another number.  Returns BERPA_OK or BERPA_E_NOMEM. */
berpa_status bp_correct_ordinal(bp_line *l, const bp_lexicon *lx, const bp_correct_opts *o,
                                bp_diagctx *dc, bp_correct_stats *st);
/* correct_punct.c: sentence punctuation of BODY line li of d (a sentence
 * end read as a comma, a list item's semicolon read as ',' or ':'),
 * applied at o->threshold or reported as ocr-unsure; ws (may be NULL):
 * the document's word counts, which tell names from common words.  The
 * next BODY line must be in d when there is one.  BERPA_OK or BERPA_E_NOMEM. */
berpa_status bp_correct_punct(bp_doc *d, size_t li, const bp_lexicon *lx,
                              const bp_wordstats *ws, const bp_correct_opts *o, bp_diagctx *dc, bp_correct_stats *st);

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

/* ---- geometry.c ------------------------------------------------------------------- */
/* Layout evidence from the boxes of lines recognised from an image
 * (bp_line.img, box, words); for a line without them every answer is
 * "none", so text input is laid out from its text alone.  Lengths are
 * measured against the line's neighbourhood on its page (the lines around
 * it in the same column), in units of its median line height. */
typedef enum bp_geo_start {
    BP_GEO_NONE = 0,  /* the page says nothing: the text decides            */
    BP_GEO_PARA,      /* a paragraph starts here: first-line indent, more
                         white above than between the lines around, or the
                         line before stopped short with room for this
                         line's first word                                  */
    BP_GEO_HEADING    /* a heading: centred, or taller glyphs set apart    */
} bp_geo_start;
/* Does line i of d start a block by its place on the page?  On an answer
 * other than NONE, *cert (0..1) and *why (static string) say how sure and
 * why.  Reads lines up to 3 * 6 either side of i in d. */
bp_geo_start bp_geo_block_start(const bp_doc *d, size_t i, float *cert, const char **why);
typedef enum bp_geo_apart { BP_GEO_INSIDE = 0, BP_GEO_TOP, BP_GEO_BOTTOM } bp_geo_apart;
/* Is line i of d the first (TOP) or last (BOTTOM) line of its page, short
 * (at most two thirds of the measure), no taller than the text, and set
 * apart from it by more than a line height of white more than the lines
 * around have: where running heads and page numbers stand.  INSIDE
 * otherwise, and for a line without geometry. */
bp_geo_apart bp_geo_page_apart(const bp_doc *d, size_t i);

/* ---- ocralt.c --------------------------------------------------------------------- */
/* A word form made from the readings tesseract offered (bp_word.alts):
 * the form and its cost on the error model's scale (-log probability). */
#define BP_ALTFORM_MAX 64
typedef struct bp_altform {
    char s[BP_ALTFORM_MAX];
    uint8_t len;
    float cost;
} bp_altform;
/* The forms of the word at [at, at+len) of line l with one character, or
 * two, replaced by another reading tesseract offered for it, each costing
 * at most max_cost; written to out (room for max), how many returned.  0
 * for text input, a word without readings, or one whose bytes an earlier
 * stage edited (the readings' offsets no longer hold). */
size_t bp_ocralt_forms(const bp_line *l, uint32_t at, uint32_t len, float max_cost,
                       bp_altform *out, size_t max);

/* ---- structure.c ------------------------------------------------------------------ */
/* Pass 2, after the blocks of unit [from, to) of d are cut: recognises
 * verse and footnotes in it and sets their blocks, roles, flags and
 * st_cert/st_why.  Looks at the BP_LAYOUT_CONTEXT units either side only
 * (the lines after the unit need not be laid out). */
void bp_structure_unit(bp_doc *d, size_t from, size_t to);

/* ---- notes.c ---------------------------------------------------------------------- */
/* Pass 2, from bp_structure_unit once the footnotes of unit [from, to) are
 * found: looks for each note's mark in the body lines of its page inside
 * the unit, above it, and records it (bp_line.fnmarks on the calling
 * line; BP_LF_NOTE_PLACED, fn_line, fn_cert, fn_why on the note's first
 * line; a note without a mark gets only fn_cert and fn_why). */
void bp_notes_place(bp_doc *d, size_t from, size_t to);
/* Where mark s of body line l ends in l's text now: the byte offset just
 * after the mark (where the note goes), or -1 when it is gone.  A
 * correction that moved the text is followed to the mark's nearest place. */
int64_t bp_fnmark_end(const bp_line *l, const bp_fnmark *s);
/* Pass 1's record of the endnote lists and the numbers each holds (see
 * notes.c).  NULL when out of memory; free with bp_endnotes_free. */
typedef struct bp_endnotes bp_endnotes;
bp_endnotes *bp_endnotes_new(void);
void bp_endnotes_free(bp_endnotes *en);
/* Pass 1: the next line of the document, every line in order (blank ones
 * too).  Remembers the notes-heading test on the line (heading_memo, which
 * the spool keeps) for sections.c.  False when out of memory. */
bool bp_endnotes_survey(bp_endnotes *en, bp_line *l);
/* Pass 2, after sections.c: in the body lines of unit [from, to), each
 * mark [N] or superscript N (not a footnote's) whose note is in the first
 * endnote list after it (d->endnotes) becomes a kind-1 fnmark. */
void bp_notes_refs(bp_doc *d, size_t from, size_t to);
/* The xml:id of endnote `num` of the list under the heading on line
 * `heading`, after prefix pre ("" or a teiCorpus member's), into buf. */
void bp_endnote_id(char *buf, size_t cap, const char *pre, uint64_t heading, unsigned num);
/* The confidence of endnote ref m (kind 1) and its reason (static). */
float bp_endnote_ref_cert(const bp_fnmark *m, const char **why);

/* ---- columns.c -------------------------------------------------------------------- */
/* Pass 2, when unit [from, to) of d is whole and before anything lays it
 * out: if its lines print side-by-side columns (layout-mode text: a gutter
 * of spaces down the page, prose on both sides), replaces them by their
 * pieces in reading order, the left column's then the right one's (see
 * columns.c), and sets *end to the unit's new end (else to).  Lines after
 * the unit move up; lines before it are untouched.  BERPA_OK, or
 * BERPA_E_NOMEM (the unit is then unchanged). */
berpa_status bp_columns_unit(bp_doc *d, size_t from, size_t to, size_t *end);
/* ---- sections.c -------------------------------------------------------------------- */
/* Called by bp_structure_unit last: separators and endnote lists in unit
 * [from, to), decided from its context [ca, cb) (see sections.c). */
void bp_sections_unit(bp_doc *d, size_t ca, size_t cb, size_t from, size_t to);
/* A line of only dashes, asterisks, underscores and the like (three or
 * more marks, spaces between allowed; or one ⁂): a section separator. */
bool bp_separator_line(const bp_line *l);
/* The number N of an endnote mark "[N] ", "N. " or "N) " (one to three
 * digits) that opens a line with text after it, or of "[N]" alone; -1
 * when the line opens with none. */
int bp_endnote_mark(const bp_line *l);
/* Does the line, whole, name a list of notes or references (Qeydlər,
 * İstinadlar, Ədəbiyyat, Mənbələr, İstifadə edilmiş ədəbiyyat, ...)? */
bool bp_endnote_heading(const bp_line *l);
/* May line l, with no mark of its own, go on with the endnote before it
 * (whose last line ended a sentence when prev_end)?  Not a line of
 * capitals, not a new sentence in capitals.  (Blank lines between are
 * the caller's to weigh.) */
bool bp_endnote_goes_on(bool prev_end, const bp_line *l);

/* A line seen as a row of display columns, as its raw form printed it
 * (columns.c; tables.c reads it too): its white-space runs of two columns
 * or more inside the text (gaps) and where its text starts and ends. */
typedef struct bp_lgap {
    uint32_t c0, c1;       /* display columns [c0, c1)                     */
    uint32_t t0, t1;       /* text bytes [t0, t1) that stand for them      */
    uint32_t raw0;         /* raw byte offset (from the line's start) of c0 */
    bool clean;            /* no edit but the white space's own inside     */
} bp_lgap;

typedef struct bp_lrow {
    uint32_t start, end;   /* first text column, column after the last     */
    bp_lgap *gaps;         /* gaps of two or more columns (owned, free())  */
    uint32_t ngaps, cap;
    uint32_t lead;         /* raw bytes of leading white space             */
} bp_lrow;

/* Measures line l into r (its gaps array reused, grown with realloc);
 * false when out of memory. */
bool bp_lrow_measure(const bp_line *l, bp_lrow *r);
/* Is display column c white space on row r (outside its text or in a gap)? */
bool bp_lrow_blank(const bp_lrow *r, uint32_t c);
/* Fills *p (zeroed first; its text and edits owned by it) with a piece of
 * l: text bytes [a, b), raw bytes [r0, r1) of the line, `trail` of them
 * trailing white space, `indent` columns; l's edits inside [a, b) go with
 * it.  False when out of memory (p then holds what was made: free it). */
bool bp_line_piece(const bp_line *l, uint32_t a, uint32_t b, uint32_t r0, uint32_t r1,
                   uint32_t trail, uint32_t indent, bp_line *p);
/* Line-end marks of piece p of l: l's own when the piece ends where l
 * ended (ends_line), else looked for afresh.  False when out of memory. */
bool bp_piece_marks(const bp_line *l, bp_line *p, bool ends_line);
/* Does l hold a run of white space two columns wide or more (a collapsed
 * BP_EDIT_SPACE edit)? */
bool bp_line_wide_space(const bp_line *l);

/* ---- tables.c --------------------------------------------------------------------- */
/* Pass 2, from bp_columns_unit when the unit [from, to) was not read as
 * columns: each run of lines printing a table (cells under gutters of
 * spaces aligned over several rows) is replaced by its pieces, one a cell
 * and physical line, in reading order: row by row, each row's cells left
 * to right, each cell's lines top to bottom (see tables.c).  *end: the
 * unit's new end.  BERPA_OK, or BERPA_E_NOMEM (the unit is unchanged). */
berpa_status bp_tables_unit(bp_doc *d, size_t from, size_t to, size_t *end);
/* After layout and structure.c have seen unit [from, to): the table pieces
 * become BODY lines, one block (BP_BLOCK_CELL) a cell, and the first BODY
 * line after a table starts a block of its own. */
void bp_tables_blocks(bp_doc *d, size_t from, size_t to);

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

/* May a line-end break join the BODY line `next` across what stands
 * between them: `blanks` blank lines and, with `page`, a page break?
 * Without either, yes.  Across a gap only where the word demonstrably goes
 * on: `next` opens with a lower-case letter, or with a digit when the break
 * follows one (`after_digit`: 1918- / 1920).  In blank style (a blank line
 * after every line) one blank line is no gap. */
bool bp_break_crosses(bool after_digit, const bp_line *next, unsigned blanks, bool page,
                      bool blank_style);
/* Does l end in a line-end break right after a digit (12-)? */
bool bp_break_after_digit(const bp_line *l);

/* ---- normalize.c ------------------------------------------------------------------ */
/* Collapses white space runs and removes spaces just inside quotes and
 * brackets in BODY lines [from, to), recording each change as a
 * BP_EDIT_SPACE edit.  Never touches letters or punctuation. */
berpa_status bp_normalize(bp_doc *d, size_t from, size_t to);

/* Does the token around text[at] (between spaces) look like a URL or an
 * e-mail address (http://, https://, ftp://, www., or an '@')? */
bool bp_az_in_url(const char *text, size_t len, size_t at);

/* Letters an extractor set apart (Az ə rbaycan, a ş a ğ ıdakı: a lone ə,
 * ş, ğ, ı or İ between spaces) in BODY lines [from, to): the spaces go,
 * as BP_EDIT_SPACED edits, where the joined form is a word the dictionary
 * knows.  Nothing without a dictionary.  BERPA_OK or BERPA_E_NOMEM. */
berpa_status bp_normalize_spaced(bp_doc *d, size_t from, size_t to, const bp_lexicon *lx);

/* Marks a freshly read line that ends in a line-end break
 * (bp_az_line_break): sets BP_LF_HYPHEN_END, hy_at, hy_len and hy_kind,
 * unless an edit produced the mark.  A soft hyphen after a real line-end
 * hyphen is removed as a BP_EDIT_SOFT_HYPHEN edit (the hyphen is the
 * break; the clean text must not keep U+00AD).  False when out of memory
 * (the line is then unchanged). */
bool bp_line_mark_break(bp_line *l);

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
    BP_IMG_SPECK = BERPA_CLEAN_SPECK,
    BP_IMG_INVERT = BERPA_CLEAN_INVERT,
    /* in a page's steps only: the resolution step (BP_IMG_DPI, switched by
     * "upscale") scaled an axis down; BP_IMG_DPI there says one went up */
    BP_IMG_DOWN = 1u << 16
};
/* aze+Latin reads the dev pages with a sixth to a quarter fewer character
 * errors than aze alone (README): Latin has the j ; ! % « » ' that the aze
 * model cannot output.  Without Latin installed the default is aze, with
 * a note. */
#define BP_OCR_DEFAULT_LANG "aze+Latin"
#define BP_OCR_FALLBACK_LANG "aze"

/* The image kind from the first bytes of a file (n of them), by magic
 * number: PNG, TIFF, JPEG, PNM (P1..P6), JPEG 2000 (JP2 box or codestream),
 * WebP.  BP_IMAGE_NONE for anything else. */
bp_image_kind bp_image_detect(const unsigned char *h, size_t n);
/* The same for a regular file (NONE when it cannot be opened or is not a
 * regular file: a FIFO or device is never read to look). */
bp_image_kind bp_image_probe(const char *path);
const char *bp_image_kind_name(bp_image_kind k);   /* "PNG", ... static */
/* Pages in an image file (TIFF: its directories; others 1).  On failure
 * returns BERPA_E_INPUT or BERPA_E_IO with the reason in err. */
berpa_status bp_image_count(const char *path, uint32_t *npages, char *err, size_t errcap);
/* Page `sub` of an image file decoded as recognition reads it (a
 * leptonica PIX, the caller's to destroy), printing nothing whatever the
 * file; NULL when it cannot be read. */
struct Pix;
struct Pix *bp_image_pix(const char *path, uint32_t sub);
/* "grey,deskew,..." for a BP_IMG_* set into buf ("downscale" for
 * BP_IMG_DOWN); returns the length needed. */
size_t bp_image_steps_str(unsigned steps, char *buf, size_t cap);

/* Why a page's marks were left out as noise (img->noise_words > 0), for
 * the no-text note, the report and the TEI, into buf. */
void bp_noise_why(const bp_pageimg *img, char *buf, size_t cap);

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
 * "aze+aze_cyrl"; every one named must load; NULL or "" for
 * BP_OCR_DEFAULT_LANG, or BP_OCR_FALLBACK_LANG when Latin is missing, see
 * bp_ocr_note); steps: BP_IMG_*.  NULL on failure with the reason in err. */
typedef struct berpa_ocr bp_ocr;
bp_ocr *bp_ocr_new(const char *lang, unsigned steps, char *err, size_t errcap);
void bp_ocr_free(bp_ocr *o);
/* Why the handle reads with fewer languages than the default (Latin not
 * installed): a static-lifetime message owned by the handle, or NULL. */
const char *bp_ocr_note(const bp_ocr *o);
/* The languages the handle loaded ("aze+Latin"), owned by the handle. */
const char *bp_ocr_lang(const bp_ocr *o);
/* Reads page `sub` of an image file, cleans it up and recognises it.
 * name: what diagnostics and outputs call the image (NULL: path; "-" for
 * a page image read from stdin and spooled to path).  Returns the result
 * (owned by the caller; a failed page carries its reason), NULL only when
 * out of memory. */
bp_ocrpage *bp_ocr_page(bp_ocr *o, const char *path, uint32_t sub, const char *name);

#endif /* BERPA_STAGES_H */
