/*
 * checker.h: text quality without ground truth (check.c) and its command
 * line (cli_check.c).  Private to libberpa and its tests.
 */
#ifndef BERPA_CHECKER_H
#define BERPA_CHECKER_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#include "stages.h"

/* Finding codes; names and default levels in check.c, documented in berpa(1). */
enum {
    BP_CK_INVALID_UTF8, BP_CK_CONTROL, BP_CK_PRIVATE_USE, BP_CK_UNNORMALIZED, BP_CK_I_DOT,
    BP_CK_MIXED_SCRIPT, BP_CK_DIGIT_IN_WORD, BP_CK_PUNCT_IN_WORD, BP_CK_FOREIGN_LETTER,
    BP_CK_IMPOSSIBLE, BP_CK_AZE_J, BP_CK_AZE_PERCENT, BP_CK_LINE_END_HYPHEN, BP_CK_BAD_JOIN,
    BP_CK_RUNNING_HEAD, BP_CK_PAGE_NUMBER, BP_CK_GARBAGE_LINE, BP_CK_SHORT_LINE,
    BP_CK_LOW_ACCEPTANCE, BP_CK_ODD_CHAR, BP_CK_LONG_LINE, BP_CK_UTF16, BP_CK_NCODES
};
/* Levels: berpa_level's values, and off. */
enum { BP_CK_OFF = -1, BP_CK_NOTE = 0, BP_CK_WARNING = 1, BP_CK_ERROR = 2 };

typedef struct bp_check_conf {
    int level[BP_CK_NCODES];
    double min_acceptance;            /* whole file                         */
    double min_page_acceptance;       /* per page (form feed)              */
    double min_paragraph_acceptance;  /* per paragraph (blank-line block)  */
    unsigned min_words;               /* fewer judged words: not judged     */
    unsigned head_max_chars;
    unsigned head_min_repeats;
    unsigned head_max_gap;
    unsigned short_line_max_chars;
    unsigned garbage_min_chars;
    double garbage_max_junk;
    unsigned max_consonants;
} bp_check_conf;

void bp_check_conf_default(bp_check_conf *c);
const char *bp_check_code_name(int code);
int bp_check_code_find(const char *name);          /* -1 when unknown */
const char *bp_check_level_name(int level);        /* "off" for BP_CK_OFF */
int bp_check_level_parse(const char *s);           /* -2 when unknown */
/* Sets one key of a section ("thresholds": min-acceptance = 0.9;
 * "levels": CODE = note|warning|error|off).  Returns 0, or -1 with a
 * message in err (unknown section, key or a bad value). */
int bp_check_conf_set(bp_check_conf *c, const char *section, const char *key, const char *value,
                      char *err, size_t cap);

typedef struct bp_finding {
    int code, level;
    uint64_t line, col;     /* 1-based; line 0: the whole file; col 0: the line */
    char *msg;              /* owned                                            */
    size_t seq;             /* order of discovery, for a stable sort            */
} bp_finding;

typedef struct bp_check_result {
    bp_finding *f;
    size_t n, cap;
    uint64_t count[3];                 /* findings per level            */
    uint64_t lines, paragraphs, pages;
    uint64_t words_checked, words_ok;  /* judged by the dictionary      */
    double *page_acc;                  /* per page; -1: no word judged  */
} bp_check_result;

/* A checker: the configuration (copied), the dictionary (borrowed, NULL
 * or without a dictionary: nothing is judged) and a cache of its verdicts
 * that lives as long as the checker, so a corpus is looked up once per
 * distinct word.  NULL when out of memory. */
typedef struct bp_checker bp_checker;
bp_checker *bp_checker_new(const bp_check_conf *c, const bp_lexicon *lx);
void bp_checker_free(bp_checker *ck);

/* Checks one document (UTF-8 bytes, any content) into *r, which the call
 * initialises (release with bp_check_result_free).  Findings are sorted
 * by position.  UTF-16 (bp_utf16_sniff) is one utf16 finding and is not
 * checked further.  Returns BERPA_OK or BERPA_E_NOMEM. */
berpa_status bp_check_text(bp_checker *ck, const char *buf, size_t len, bp_check_result *r);
void bp_check_result_free(bp_check_result *r);
double bp_check_acceptance(const bp_check_result *r);  /* 1 when nothing judged */
int bp_check_worst(const bp_check_result *r);          /* BP_CK_OFF: no finding */

#endif /* BERPA_CHECKER_H */
