/*
 * quality.h: text quality measures, private to libberpa and its tests.
 *
 *   eval.c       quality against ground truth (berpa eval GOLD OUT)
 *   cli_eval.c   the `berpa eval` command line
 *   intern.c     byte strings -> dense ids (eval.c, check.c)
 *   encoding.c   input that is not UTF-8: UTF-16, ill-formed sequences
 *
 * Definitions follow ../shared/tools/score.py so that the figures can be
 * compared: text is split at white space (Python's str.isspace set), tokens
 * are aligned with difflib's SequenceMatcher (longest matching block first,
 * autojunk off), the character distance is Levenshtein inside each differing
 * run of tokens; characters are NFC grapheme clusters (ICU).
 */
#ifndef BERPA_QUALITY_H
#define BERPA_QUALITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "berpa.h"

/* ---- intern.c -------------------------------------------------------------- */
typedef struct bp_intern {
    size_t *off, *len;     /* per id: its bytes in pool                    */
    uint32_t n, cap;       /* n: ids handed out                            */
    char *pool;
    size_t pool_n, pool_cap;
    uint32_t *slots;       /* id + 1, 0 = empty                            */
    size_t nslots;
} bp_intern;

/* The id of the n bytes at p, added when new (zero-initialise the table
 * first); UINT32_MAX when out of memory. */
uint32_t bp_intern_get(bp_intern *t, const void *p, size_t n);
/* The id of the bytes, UINT32_MAX when absent. */
uint32_t bp_intern_find(const bp_intern *t, const void *p, size_t n);
void bp_intern_free(bp_intern *t);
uint64_t bp_intern_hash(const void *p, size_t n);  /* for the slots only */
/* The bytes of id (bp_intern_len of them); valid until the next get. */
static inline const char *bp_intern_str(const bp_intern *t, uint32_t id) { return t->pool + t->off[id]; }
static inline size_t bp_intern_len(const bp_intern *t, uint32_t id) { return t->len[id]; }

/* Growth of an array p of elements of elem bytes to hold need, its
 * capacity *cap doubling from first: returns the (maybe moved) array, p
 * itself when it is large enough, or NULL when out of memory (p and *cap
 * are then untouched). */
void *bp_grow(void *p, size_t *cap, size_t need, size_t elem, size_t first);

/* Reads a whole file ("-": stdin) into a malloc'd buffer; NULL with errno
 * set (ENOMEM, or the open/read error).  (cli_eval.c) */
char *bp_slurp(const char *path, size_t *len);

/* ---- encoding.c ------------------------------------------------------------ */
/* Is buf[0, len) UTF-16?  By its byte order mark (*bom set), or without one
 * by the NUL bytes at every other offset.  Returns "UTF-16LE", "UTF-16BE"
 * (static strings) or NULL. */
const char *bp_utf16_sniff(const char *buf, size_t len, bool *bom);

typedef struct bp_diagctx bp_diagctx;
/* Sends dc the diagnostic for input that is not UTF-8 text: utf16, or with
 * utf8 set also invalid-utf8 at the first ill-formed sequence (its line,
 * column and byte offset).  Returns BERPA_E_INPUT after sending one, else
 * BERPA_OK. */
berpa_status bp_encoding_diag(const char *buf, size_t len, bool utf8, bp_diagctx *dc);
/* A diagnostic callback (berpa_diag_fn) for the commands: the formatted
 * line, code last, on stderr after "berpa: "; user unused. */
void bp_diag_print(const berpa_diag *d, void *user);

/* ---- eval.c ---------------------------------------------------------------- */

/* One hyphen site of a sites file: the gold token index it belongs to. */
typedef struct bp_eval_site {
    int64_t tok;
    bool keep;        /* a real hyphen, to be kept                */
    char *word;       /* the gold word, UTF-8, owned              */
} bp_eval_site;

typedef struct bp_eval_opts {
    bool fold;                       /* Turkic case folding (ICU, I->ı, İ->i) */
    const bp_eval_site *sites;       /* NULL: no hyphen figures               */
    size_t nsites;
} bp_eval_opts;

/* A confusion: gold text -> output text (UTF-8, owned), how often. */
typedef struct bp_confusion {
    char *gold;
    char *out;
    uint64_t count;
} bp_confusion;

/* Counts of one document, or summed over several (bp_eval_add).  Figures
 * are derived from the counts (bp_eval_cer etc.), so totals are
 * micro-averages. */
typedef struct bp_eval {
    uint64_t docs;
    uint64_t gold_chars, out_chars;         /* grapheme clusters, spaces included */
    uint64_t char_edits;                     /* Levenshtein distance, score.py's    */
    uint64_t char_sub, char_ins, char_del;   /* its operations by kind              */
    uint64_t char_unaligned;                 /* edits of runs too long to trace     */
    uint64_t approx_runs;                    /* runs too long to align: distance is
                                                an upper bound                      */
    uint64_t gold_tokens, out_tokens;        /* white-space tokens                  */
    uint64_t token_edits, token_sub, token_ins, token_del;
    uint64_t gold_words, out_words, word_edits; /* ICU word-break words           */
    bool has_sites;
    uint64_t sites, sites_right, keep_sites, keep_right;
    char **wrong;                            /* first 20 wrong site words, owned   */
    size_t nwrong;
    uint64_t gold_paras, out_paras, para_right;
    bp_confusion *conf;                      /* owned, unsorted                    */
    size_t nconf, capconf;
} bp_eval;

/* Compares gold and out (UTF-8 bytes; invalid sequences become U+FFFD, as
 * score.py reads its OUT file) and stores the counts in *r, which the call
 * initialises (release with bp_eval_free).  Returns BERPA_OK,
 * BERPA_E_NOMEM, or BERPA_E_INPUT when ICU fails. */
berpa_status bp_eval_text(const char *gold, size_t glen, const char *out, size_t olen,
                          const bp_eval_opts *o, bp_eval *r);
/* Adds the counts and confusions of src to dst (dst zeroed to start). */
berpa_status bp_eval_add(bp_eval *dst, const bp_eval *src);
void bp_eval_free(bp_eval *r);

double bp_eval_cer(const bp_eval *r);        /* char_edits / gold_chars    */
double bp_eval_wer(const bp_eval *r);        /* token_edits / gold_tokens  */
double bp_eval_word_er(const bp_eval *r);    /* word_edits / gold_words    */
double bp_eval_hyphen_acc(const bp_eval *r);
double bp_eval_keep_acc(const bp_eval *r);
double bp_eval_para_f1(const bp_eval *r);
/* Sorts the confusions, most frequent first (ties by gold, then out text). */
void bp_eval_sort_confusions(bp_eval *r);

/* Reads a sites file (a JSON array of objects with "tok", "keep" and
 * "word").  Returns BERPA_OK and an owned array (bp_eval_sites_free), or
 * BERPA_E_IO / BERPA_E_INPUT with a message in err. */
berpa_status bp_eval_sites_load(const char *path, bp_eval_site **sites, size_t *n,
                                char *err, size_t errcap);
void bp_eval_sites_free(bp_eval_site *sites, size_t n);

/* Writes the figures as one JSON object on one line (name may be NULL),
 * or as `key: value` lines and a confusion table of at most top rows. */
void bp_eval_write_json(FILE *fp, const bp_eval *r, const char *name, size_t top);
void bp_eval_write_human(FILE *fp, const bp_eval *r, const char *name, size_t top);

#endif /* BERPA_QUALITY_H */
