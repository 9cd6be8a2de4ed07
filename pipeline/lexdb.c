/*
 * lexdb.c: the compiled lexicon file (az_AZ.berpa), written at build time
 * by berpa-dictc (dict/dictc.c) and mapped, not parsed, at start-up.
 *
 * What lexicon.c would otherwise build from text at every start (the
 * word-frequency hash table, the hyphenated-compound tables, the prefix
 * filter of the frequent forms and, per frequent form, whether Hunspell
 * accepts it) is stored as the very arrays lexicon.c looks words up in:
 * hash slots holding offsets into a key arena, no pointers, so the file is
 * used in place through mmap and only the pages a look-up touches are read.
 *
 * Layout (all integers little-endian 64-bit unless said, host byte order
 * checked by `endian`; every section 8-byte aligned, inside the file):
 *
 *   header   magic "BERPALX\0", version, endian 0x01020304, file size,
 *            the fingerprint (size, a hash of the first and last 64 KiB) of each source file: .aff, .dic, word frequencies,
 *            compounds (size UINT64_MAX: the file was absent),
 *            BP_LEXDB_NVAL values (table masks and counts, for lexicon.c),
 *            BP_LEXDB_NSEC sections (offset, length), and a hash of all the
 *            header's bytes before it.
 *   sections the raw arrays named by enum bp_lexdb_sec.
 *
 * A file whose magic, version, byte order, size, header hash or section
 * bounds are wrong is foreign or damaged; one whose fingerprints differ
 * from the source files berpa is about to use is stale.  Either way the
 * caller falls back to the source files (lexicon.c says so).
 */
#include "lexdb.h"

#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define S_MAGIC "BERPALX"
#define S_ENDIAN 0x01020304u
#define S_SAMPLE (64u * 1024u)

typedef struct S_header {
    char magic[8];
    uint32_t version;
    uint32_t endian;
    uint64_t file_size;
    bp_lexdb_fp src[BP_LEXDB_NSRC];
    uint64_t val[BP_LEXDB_NVAL];
    struct { uint64_t off, len; } sec[BP_LEXDB_NSEC];
    uint64_t hash;                 /* FNV-1a of the bytes above            */
} S_header;

struct bp_lexdb {
    void *base;
    size_t size;
    const S_header *h;
};

static uint64_t S_fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *u = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ u[i]) * 1099511628211ull;
    return h;
}

#define S_FNV0 1469598103934665603ull

bool bp_lexdb_fingerprint(const char *path, bp_lexdb_fp *fp)
{
    fp->size = UINT64_MAX;
    fp->hash = 0;
    if (!path || !*path)
        return true;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT;
    struct stat st;
    bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    char *buf = ok ? malloc(S_SAMPLE) : NULL;
    uint64_t h = S_FNV0;
    /* the head and the tail: a rebuilt or other dictionary differs in its
     * size or at its ends (the count line, the last entries) */
    off_t at[2] = { 0, st.st_size > (off_t)S_SAMPLE ? st.st_size - (off_t)S_SAMPLE : 0 };
    for (int k = 0; ok && buf && k < 2; k++) {
        ssize_t n = pread(fd, buf, S_SAMPLE, at[k]);
        if (n < 0) {
            ok = false;
            break;
        }
        /* eight bytes a step (FNV-1a a byte at a time is most of a short
         * run's start-up); the tail bytes one at a time */
        size_t i = 0;
        for (; i + 8 <= (size_t)n; i += 8) {
            uint64_t x;
            memcpy(&x, buf + i, 8);
            h = (h ^ x) * 1099511628211ull;
            h ^= h >> 29;
        }
        h = S_fnv(h, buf + i, (size_t)n - i);
    }
    ok = ok && buf;
    free(buf);
    close(fd);
    if (ok) {
        fp->size = (uint64_t)st.st_size;
        fp->hash = h;
    }
    return ok;
}

berpa_status bp_lexdb_write(const char *path, const bp_lexdb_fp src[BP_LEXDB_NSRC],
                            const uint64_t val[BP_LEXDB_NVAL], const void *const sec[BP_LEXDB_NSEC],
                            const uint64_t len[BP_LEXDB_NSEC])
{
    S_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, S_MAGIC, sizeof S_MAGIC);
    h.version = BP_LEXDB_VERSION;
    h.endian = S_ENDIAN;
    memcpy(h.src, src, sizeof h.src);
    memcpy(h.val, val, sizeof h.val);
    uint64_t off = (sizeof h + 7) & ~7ull;
    for (int i = 0; i < BP_LEXDB_NSEC; i++) {
        h.sec[i].off = off;
        h.sec[i].len = len[i];
        off = (off + len[i] + 7) & ~7ull;
    }
    h.file_size = off;
    h.hash = S_fnv(S_FNV0, &h, offsetof(S_header, hash));
    /* written beside the target and renamed: a reader never maps half a file */
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >= (int)sizeof tmp)
        return BERPA_E_IO;
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return BERPA_E_IO;
    static const char pad[8];
    bool ok = fwrite(&h, sizeof h, 1, f) == 1 &&
              fwrite(pad, 1, (size_t)(h.sec[0].off - sizeof h), f) == h.sec[0].off - sizeof h;
    uint64_t at = h.sec[0].off;
    for (int i = 0; ok && i < BP_LEXDB_NSEC; i++) {
        ok = (len[i] == 0 || fwrite(sec[i], 1, len[i], f) == len[i]);
        at += len[i];
        uint64_t next = i + 1 < BP_LEXDB_NSEC ? h.sec[i + 1].off : h.file_size;
        ok = ok && fwrite(pad, 1, (size_t)(next - at), f) == next - at;
        at = next;
    }
    ok = (fclose(f) == 0) && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return BERPA_E_IO;
    }
    return BERPA_OK;
}

bp_lexdb *bp_lexdb_map(const char *path, char *why, size_t cap)
{
    why[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT)
            snprintf(why, cap, "cannot be opened: %s", strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size < sizeof(S_header)) {
        snprintf(why, cap, "is too short to be a compiled lexicon");
        close(fd);
        return NULL;
    }
    void *base = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (base == MAP_FAILED) {
        snprintf(why, cap, "cannot be mapped: %s", strerror(errno));
        return NULL;
    }
    const S_header *h = base;
    const char *bad = NULL;
    if (memcmp(h->magic, S_MAGIC, sizeof S_MAGIC) != 0)
        bad = "is not a compiled berpa lexicon (bad magic)";
    else if (h->endian != S_ENDIAN)
        bad = "was compiled on a machine of the other byte order";
    else if (h->version != BP_LEXDB_VERSION)
        bad = "was compiled by another version of berpa";
    else if (h->file_size != (uint64_t)st.st_size)
        bad = "is truncated or padded (its size is not the one it records)";
    else if (h->hash != S_fnv(S_FNV0, h, offsetof(S_header, hash)))
        bad = "has a damaged header";
    for (int i = 0; !bad && i < BP_LEXDB_NSEC; i++)
        if (h->sec[i].off % 8 || h->sec[i].off < sizeof *h || h->sec[i].off > h->file_size ||
            h->sec[i].len > h->file_size - h->sec[i].off)
            bad = "has a section outside the file";
    if (bad) {
        snprintf(why, cap, "%s", bad);
        munmap(base, (size_t)st.st_size);
        return NULL;
    }
    bp_lexdb *db = malloc(sizeof *db);
    if (!db) {
        snprintf(why, cap, "out of memory");
        munmap(base, (size_t)st.st_size);
        return NULL;
    }
    *db = (bp_lexdb){ .base = base, .size = (size_t)st.st_size, .h = h };
    return db;
}

void bp_lexdb_unmap(bp_lexdb *db)
{
    if (!db)
        return;
    munmap(db->base, db->size);
    free(db);
}

const bp_lexdb_fp *bp_lexdb_sources(const bp_lexdb *db) { return db->h->src; }

uint64_t bp_lexdb_val(const bp_lexdb *db, int i) { return db->h->val[i]; }

const void *bp_lexdb_section(const bp_lexdb *db, int i, uint64_t *len)
{
    *len = db->h->sec[i].len;
    return (const char *)db->base + db->h->sec[i].off;
}
