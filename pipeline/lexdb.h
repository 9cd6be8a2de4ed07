/*
 * lexdb.h: the compiled lexicon file (lexdb.c).  Private to lexicon.c, the
 * dictionary compiler (dict/dictc.c) and the unit tests.
 */
#ifndef BERPA_LEXDB_H
#define BERPA_LEXDB_H

#include "stages.h"

#define BP_LEXDB_VERSION 1u
/* The file's extension beside the dictionary: az_AZ.berpa */
#define BP_LEXDB_EXT "berpa"

/* The source files a compiled lexicon was made from, in header order. */
enum bp_lexdb_src { BP_LEXDB_AFF, BP_LEXDB_DIC, BP_LEXDB_FREQ, BP_LEXDB_COMP, BP_LEXDB_NSRC };

/* Its sections: lexicon.c's tables as they are in memory. */
enum bp_lexdb_sec {
    BP_LEXDB_FREQ_SLOTS, BP_LEXDB_FREQ_ARENA, BP_LEXDB_COMP_SLOTS, BP_LEXDB_COMP_ARENA,
    BP_LEXDB_COMPF_SLOTS, BP_LEXDB_COMPF_ARENA, BP_LEXDB_PREFIX, BP_LEXDB_NSEC
};

/* Numbers lexicon.c keeps beside them (table masks and counts). */
#define BP_LEXDB_NVAL 16

/* A source file's identity: its size (UINT64_MAX when absent) and a hash
 * (FNV-style, eight bytes a step) of its first and last 64 KiB. */
typedef struct bp_lexdb_fp {
    uint64_t size, hash;
} bp_lexdb_fp;

/* Fingerprints the file at path (NULL or "": absent).  False when it
 * exists but cannot be read. */
bool bp_lexdb_fingerprint(const char *path, bp_lexdb_fp *fp);

/* Writes a compiled lexicon to path (through a temporary file renamed over
 * it): the sources' fingerprints, the values and the sections (sec[i] of
 * len[i] bytes; NULL with length 0 for none).  BERPA_OK or BERPA_E_IO. */
berpa_status bp_lexdb_write(const char *path, const bp_lexdb_fp src[BP_LEXDB_NSRC],
                            const uint64_t val[BP_LEXDB_NVAL], const void *const sec[BP_LEXDB_NSEC],
                            const uint64_t len[BP_LEXDB_NSEC]);

typedef struct bp_lexdb bp_lexdb;
/* Maps the compiled lexicon at path read-only and checks its header and
 * section bounds.  NULL with why[0] == '\0' when there is no such file,
 * NULL with the reason in why (a sentence after the file name: "is not a
 * compiled berpa lexicon (bad magic)") when it is foreign or damaged.
 * Free with bp_lexdb_unmap; the sections live as long as the mapping. */
bp_lexdb *bp_lexdb_map(const char *path, char *why, size_t cap);
void bp_lexdb_unmap(bp_lexdb *db);
/* The fingerprints it records (BP_LEXDB_NSRC of them). */
const bp_lexdb_fp *bp_lexdb_sources(const bp_lexdb *db);
uint64_t bp_lexdb_val(const bp_lexdb *db, int i);
/* Section i in place and its length in bytes (8-byte aligned). */
const void *bp_lexdb_section(const bp_lexdb *db, int i, uint64_t *len);

#endif /* BERPA_LEXDB_H */
