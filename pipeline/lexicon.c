/*
 * lexicon.c: what the pipeline knows about Azerbaijani words.  Two sources:
 * the session-wide lexicon (the project's Hunspell dictionary and its word
 * frequency table) and the per-run document evidence (how often a form
 * occurs in the document itself, whole or with an inner hyphen), which is
 * the strongest evidence a dehyphenator has.
 */
#include "stages.h"
#include "lexdb.h"

#include <hunspell/hunspell.h>
#include <unicode/uchar.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>

/* ---- a compact string -> counter hash (open addressing, FNV-1a) ---------- */
typedef struct S_entry {
    uint32_t off;       /* offset of the key in the arena, 0 = empty slot   */
    uint32_t len;
    uint32_t a, b;      /* two counters                                      */
    uint32_t lo;        /* word counts: occurrences written in lower case    */
} S_entry;

typedef struct S_table {
    S_entry *slots;
    size_t mask, used;
    char *arena;
    size_t alen, acap;
    bool mapped;        /* slots and arena are in a compiled file (lexdb.c) */
} S_table;

static uint64_t S_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static bool S_table_init(S_table *t, size_t slots)
{
    memset(t, 0, sizeof *t);
    t->slots = calloc(slots, sizeof *t->slots);
    t->mask = slots - 1;
    t->acap = 1 << 16;
    t->arena = malloc(t->acap);
    t->alen = 1; /* offset 0 means empty */
    return t->slots && t->arena;
}

static void S_table_free(S_table *t)
{
    if (!t->mapped) {
        free(t->slots);
        free(t->arena);
    }
    memset(t, 0, sizeof *t);
}

/* The probe for k whose hash h the caller already has (hashed while
 * lower-casing, or incrementally over a key's prefixes): lookups hash once. */
static S_entry *S_table_find_h(const S_table *t, const char *k, size_t n, uint64_t h)
{
    if (!t->slots)
        return NULL;
    for (size_t i = h & t->mask;; i = (i + 1) & t->mask) {
        S_entry *e = &t->slots[i];
        if (!e->off)
            return NULL;
        /* the bound holds by construction; checked for a mapped file
         * damaged past its header */
        if (e->len == n && (size_t)e->off + n <= t->alen && memcmp(t->arena + e->off, k, n) == 0)
            return e;
    }
}

static bool S_table_grow(S_table *t)
{
    size_t nslots = (t->mask + 1) * 2;
    S_entry *ns = calloc(nslots, sizeof *ns);
    if (!ns)
        return false;
    for (size_t i = 0; i <= t->mask; i++) {
        S_entry *e = &t->slots[i];
        if (!e->off)
            continue;
        size_t j = S_hash(t->arena + e->off, e->len) & (nslots - 1);
        while (ns[j].off)
            j = (j + 1) & (nslots - 1);
        ns[j] = *e;
    }
    free(t->slots);
    t->slots = ns;
    t->mask = nslots - 1;
    return true;
}

/* Returns the entry for k (hash h), inserting it with zero counters; NULL
 * on OOM.  One probe finds the entry or the free slot it goes to; only a
 * grown table needs a second. */
static S_entry *S_table_get_h(S_table *t, const char *k, size_t n, uint64_t h)
{
    size_t i = h & t->mask;
    for (;; i = (i + 1) & t->mask) {
        S_entry *e = &t->slots[i];
        if (!e->off)
            break;
        if (e->len == n && memcmp(t->arena + e->off, k, n) == 0)
            return e;
    }
    if ((t->used + 1) * 4 > (t->mask + 1) * 3) {
        if (!S_table_grow(t))
            return NULL;
        i = h & t->mask;
        while (t->slots[i].off)
            i = (i + 1) & t->mask;
    }
    if (t->alen + n > t->acap) {
        size_t ncap = t->acap * 2;
        while (ncap < t->alen + n)
            ncap *= 2;
        if (ncap > UINT32_MAX)
            return NULL;
        char *na = realloc(t->arena, ncap);
        if (!na)
            return NULL;
        t->arena = na;
        t->acap = ncap;
    }
    memcpy(t->arena + t->alen, k, n);
    t->slots[i] = (S_entry){ .off = (uint32_t)t->alen, .len = (uint32_t)n };
    t->alen += n;
    t->used++;
    return &t->slots[i];
}

static S_entry *S_table_get(S_table *t, const char *k, size_t n)
{
    return S_table_get_h(t, k, n, S_hash(k, n));
}

/* Can the character whose UTF-8 starts at u[i] (n bytes in all) be a
 * capital?  A-Z; Latin-1 capitals C3 80-9E; Extended-A, where capitals are
 * mostly even, C4/C5; C6 and above (Ə and the like) except ə. */
static inline bool S_maybe_capital(const unsigned char *u, size_t i, size_t n)
{
    unsigned char c = u[i];
    if (c < 0x80)
        return (c >= 'A' && c <= 'Z') || c == '`'; /* ` too: S_fold_apostrophes */
    if (c < 0xC0)
        return false;
    unsigned char d = i + 1 < n ? u[i + 1] : 0;
    if (c == 0xC2)
        return d == 0xB4; /* ´: S_fold_apostrophes */
    if ((c == 0xC3 && d < 0x9F) || ((c == 0xC4 || c == 0xC5) && !(d & 1)) || c >= 0xC6)
        return !(c == 0xC9 && d == 0x99); /* ə */
    return false;
}

/* Writes every apostrophe of bp_az_is_apostrophe in key (n bytes of
 * UTF-8) as ', in place, so that ma’rifət, maʼrifət and ma'rifət are one
 * key.  Returns the new length.  Their first bytes (` C2 CA E2) are all
 * ones S_maybe_capital sends here. */
static size_t S_fold_apostrophes(char *key, size_t n)
{
    /* Most keys hold none: no byte that can start one (' ` and the lead
     * bytes of U+00B4, U+02BC, U+2018/U+2019) leaves the key as it is,
     * without decoding it (a tenth of the correct stage's look-up cost). */
    size_t i0 = 0;
    for (; i0 < n; i0++) {
        unsigned char c = (unsigned char)key[i0];
        if (c == '\'' || c == '`' || c == 0xC2 || c == 0xCA || c == 0xE2)
            break;
    }
    if (i0 == n)
        return n;
    size_t o = i0, k; /* i0 is a character's first byte: all of them are */
    for (size_t i = i0; i < n; i += k) {
        if (bp_az_is_apostrophe(bp_utf8_next_fast(key + i, n - i, &k))) {
            key[o++] = '\'';
        } else {
            memmove(key + o, key + i, k);
            o += k;
        }
    }
    return o;
}

/* Lower-cases for a lookup key with bp_az_lower, skipping even that for
 * the many words that hold no possible capital.  Returns the length needed
 * (> cap: out is unusable). */
static size_t S_key(const char *w, size_t n, char *out, size_t cap)
{
    /* Fastest: no byte that can start a capital: the key is the word. */
    const unsigned char *u = (const unsigned char *)w;
    for (size_t i = 0; i < n; i++)
        if (S_maybe_capital(u, i, n)) {
            size_t m = bp_az_lower(w, n, out, cap);
            return m < cap ? S_fold_apostrophes(out, m) : m;
        }
    if (n <= cap)
        memcpy(out, w, n);
    return n;
}

/* S_key and S_hash of the key in one pass, for the per-word counting and
 * lookups.  *key is w itself when the word holds no possible capital (most
 * words: no copy), else out.  The hash is only set when the key is usable
 * (the result is < cap).  The key is exactly S_key's: a word with a capital
 * is lower-cased from its start, because bp_az_lower may hand the whole
 * word to ICU, whose result need not share the prefix already hashed. */
static size_t S_key_h(const char *w, size_t n, char *out, size_t cap, const char **key,
                      uint64_t *h)
{
    const unsigned char *u = (const unsigned char *)w;
    uint64_t x = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = u[i];
        if (!S_maybe_capital(u, i, n)) {
            x ^= c;
            x *= 1099511628211ull;
            continue;
        }
        size_t m = bp_az_lower(w, n, out, cap);
        *key = out;
        if (m < cap) {
            m = S_fold_apostrophes(out, m);
            *h = S_hash(out, m);
        }
        return m;
    }
    *key = w;
    *h = x;
    return n;
}

/* ---- the session lexicon ---------------------------------------------------- */
/* Hunspell_create behind a C++ boundary (lexicon_hunspell.cc): Hunspell's
 * constructor throws std::bad_alloc when memory runs out, and a C++
 * exception reaching C code aborts the process.  Returns the handle, or
 * NULL with *oom set when memory ran out, clear when the files were bad. */
Hunhandle *bp_hunspell_create(const char *aff, const char *dic, bool *oom);


enum { S_MEMO_W = 46, S_MEMO_SLOTS = 1 << 15 };

/* Spell bits of a frequency entry (S_entry.lo), from the compiled file:
 * Hunspell's answer for the lower-case form and for it capitalised,
 * each with a bit saying it is known.  0: ask Hunspell. */
enum { S_SP_LOW = 1, S_SP_LOW_OK = 2, S_SP_CAP = 4, S_SP_CAP_OK = 8 };

struct bp_lexicon {
    /* Hunspell, created at the first word the tables cannot answer
     * (S_hunspell): creating it reads the whole .aff and .dic, seconds
     * of start-up that a short input mostly never needs. */
    Hunhandle *hs;
    char *aff, *dic;         /* its files (NULL without a dictionary)    */
    bool hs_tried;           /* creation attempted (guarded by hs_lock)  */
    berpa_status hs_status;  /* BERPA_OK, or why creation failed         */
    /* Hunspell keeps per-handle scratch state while it checks a word, so
     * runs of one session on several threads take turns at it (and at
     * its creation) */
    pthread_mutex_t hs_lock;
    /* bp_lexicon_preload's thread: 0 none, 1 started, 2 joined (guarded
     * by pl_lock, which is never held while hs_lock is wanted) */
    pthread_mutex_t pl_lock;
    pthread_t pl_thread;
    int pl_state;
    bp_lexdb *db;            /* the compiled tables, when they are used  */
    /* Hunspell's answers, remembered (guarded by hs_lock): a rejected
     * word costs Hunspell thousands of instructions, and the same words
     * and broken parts recur through a document.  A direct-mapped table
     * of short words, so memory stays fixed; an exact key compare, so an
     * answer is never another word's. */
    struct S_memo {
        uint64_t h;
        uint8_t len; /* 0: empty */
        bool ok;
        char w[S_MEMO_W];
    } *memo;
    char *path;
    S_table freq;
    S_table spell;   /* the compiled frequency table, for its spell bits */
    S_table comp;    /* hyphenated compounds, lower case          */
    S_table compf;   /* the same without diacritics (ü->u, ə->e)  */
    uint64_t *pre;   /* Bloom filter of the frequent forms' prefixes */
    size_t pre_bits;
    bool pre_mapped; /* pre is in the compiled file, not allocated    */
};

/* The two probes of the prefix filter for a prefix with FNV-1a hash h. */
static inline void S_pre_probe(uint64_t h, size_t bits, size_t *a, size_t *b)
{
    *a = (size_t)(h % bits);
    *b = (size_t)((h >> 32 ^ h * 0x9E3779B97F4A7C15ull) % bits);
}

/* Builds the prefix filter over the frequency table: every prefix of
 * every form, about 16 bits each, so a prefix no form has is refused
 * with few false passes.  False when out of memory. */
static bool S_build_prefixes(bp_lexicon *lx)
{
    size_t bits = (lx->freq.used * 12 + 1) * 16;
    lx->pre = calloc(bits / 64 + 1, sizeof *lx->pre);
    if (!lx->pre)
        return false;
    lx->pre_bits = bits;
    for (size_t i = 0; i <= lx->freq.mask; i++) {
        const S_entry *e = &lx->freq.slots[i];
        if (!e->off)
            continue;
        const unsigned char *u = (const unsigned char *)lx->freq.arena + e->off;
        uint64_t h = 1469598103934665603ull;
        for (uint32_t j = 0; j < e->len; j++) {
            h = (h ^ u[j]) * 1099511628211ull;
            size_t a, b;
            S_pre_probe(h, bits, &a, &b);
            lx->pre[a / 64] |= 1ull << (a % 64);
            lx->pre[b / 64] |= 1ull << (b % 64);
        }
    }
    return true;
}

bool bp_lexicon_prefix(const bp_lexicon *lx, const char *w, size_t len)
{
    if (!lx || !lx->pre)
        return true;
    char low[512];
    const char *k;
    uint64_t h;
    size_t n = S_key_h(w, len, low, sizeof low, &k, &h);
    if (n >= sizeof low)
        return true;
    size_t a, b;
    S_pre_probe(h, lx->pre_bits, &a, &b);
    return (lx->pre[a / 64] >> (a % 64) & 1) && (lx->pre[b / 64] >> (b % 64) & 1);
}

/* Folds Azerbaijani letters with diacritics to their plain look-alikes,
 * so sürsat matches the list's sursat and OCR's dropped dots still match. */
static size_t S_plain(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0, k;
    for (size_t i = 0; i < n && o + 4 < cap; i += k) {
        if ((unsigned char)s[i] < 0x80) { /* ASCII has nothing to fold */
            out[o++] = s[i];
            k = 1;
            continue;
        }
        uint32_t cp = bp_utf8_next(s + i, n - i, &k);
        switch (cp) {
        case 0x0259: cp = 'e'; break; /* ə */
        case 0x0131: cp = 'i'; break; /* ı */
        case 0x00F6: cp = 'o'; break; /* ö */
        case 0x00FC: cp = 'u'; break; /* ü */
        case 0x015F: cp = 's'; break; /* ş */
        case 0x00E7: cp = 'c'; break; /* ç */
        case 0x011F: cp = 'g'; break; /* ğ */
        default: break;
        }
        o += bp_utf8_put(cp, out + o);
    }
    return o;
}

/* A missing list is no error; false when out of memory (as for the
 * frequencies, a list cut short would go unnoticed). */
static bool S_load_compounds(bp_lexicon *lx, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return true;
    bool ok = S_table_init(&lx->comp, 1 << 14) && S_table_init(&lx->compf, 1 << 14);
    char line[512], plain[512];
    while (ok && fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        if (n == 0)
            continue;
        S_entry *e = S_table_get(&lx->comp, line, n);
        size_t m = S_plain(line, n, plain, sizeof plain);
        S_entry *ef = S_table_get(&lx->compf, plain, m);
        ok = e && ef;
        if (ok)
            e->a = ef->a = 1;
    }
    fclose(f);
    return ok;
}

static bool S_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* Does "<prefix>.aff" and "<prefix>.dic" exist? */
static bool S_dict_at(const char *prefix)
{
    char buf[4096];
    if (!prefix || !*prefix || strlen(prefix) + 5 > sizeof buf)
        return false;
    snprintf(buf, sizeof buf, "%s.aff", prefix);
    if (!S_exists(buf))
        return false;
    snprintf(buf, sizeof buf, "%s.dic", prefix);
    return S_exists(buf);
}

/* What is missing of the pair at prefix, naming the files tried: "neither
 * P.aff nor P.dic exists" or "P.dic does not exist (P.aff does)". */
static void S_dict_missing(const char *prefix, char *buf, size_t cap)
{
    char aff[4096];
    snprintf(aff, sizeof aff, "%s.aff", prefix);
    bool has_aff = S_exists(aff);
    char dic[4096];
    snprintf(dic, sizeof dic, "%s.dic", prefix);
    bool has_dic = S_exists(dic);
    if (!has_aff && !has_dic)
        snprintf(buf, cap, "neither %s nor %s exists", aff, dic);
    else
        snprintf(buf, cap, "%s does not exist (%s does)", has_aff ? dic : aff, has_aff ? aff : dic);
}

/* Hunspell loads whatever it is given: an empty or random .aff gives a
 * dictionary without affixes, a .dic without its count line or with a
 * count of millions is taken as it comes (the count sizes a table).  A
 * dictionary that accepts nothing would silently turn every decision
 * over to the syllable rules, so the files are checked first. */

/* Is the first word of line one of Hunspell's affix-file keywords? */
static bool S_aff_keyword(const char *line)
{
    static const char *const kw[] = {
        "SET", "FLAG", "LANG", "TRY", "KEY", "PFX", "SFX", "REP", "MAP", "WORDCHARS",
        "IGNORE", "AF", "AM", "BREAK", "ICONV", "OCONV", "PHONE", "COMPOUNDFLAG",
        "COMPOUNDRULE", "COMPOUNDMIN", "COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND",
        "ONLYINCOMPOUND", "NEEDAFFIX", "NOSUGGEST", "FORBIDDENWORD", "CIRCUMFIX",
        "KEEPCASE", "LEMMA_PRESENT", "FULLSTRIP", "COMPLEXPREFIXES", "CHECKSHARPS",
    };
    size_t n = strcspn(line, " \t\r\n");
    for (size_t i = 0; i < sizeof kw / sizeof *kw; i++)
        if (strlen(kw[i]) == n && strncmp(line, kw[i], n) == 0)
            return true;
    return false;
}

/* Checks "<prefix>.aff" and "<prefix>.dic" as far as Hunspell does not:
 * the .aff is text with at least one affix-file keyword; the .dic starts
 * with its entry count (a positive decimal number), is followed by
 * entries, and the count is within a factor of two (give or take 100) of
 * the entries that follow.  Returns BERPA_OK, or BERPA_E_DICT after a
 * diagnostic saying what is wrong. */
static berpa_status S_dict_check(const char *prefix, bp_diagctx *dc)
{
    char path[4096];
    snprintf(path, sizeof path, "%s.aff", prefix);
    FILE *f = fopen(path, "rb");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    const char *why = NULL;
    if (!f) {
        why = "cannot be read";
    } else {
        bool keyword = false, binary = false;
        while (!binary && (len = getline(&line, &cap, f)) >= 0) {
            binary = memchr(line, '\0', (size_t)len) != NULL;
            keyword |= S_aff_keyword(line);
        }
        fclose(f);
        if (binary)
            why = "is binary, not a Hunspell affix file";
        else if (!keyword)
            why = "holds no Hunspell affix directive (SET, TRY, PFX, SFX, ...)";
    }
    if (why) {
        bp_diag(dc, BP_D_BAD_DICTIONARY, 0, 0, 0, path, why);
        free(line);
        return BERPA_E_DICT;
    }
    snprintf(path, sizeof path, "%s.dic", prefix);
    unsigned long long count = 0, entries = 0;
    if (!(f = fopen(path, "rb"))) {
        why = "cannot be read";
    } else {
        len = getline(&line, &cap, f);
        const char *p = len > 0 ? line : "";
        if (strncmp(p, "\xEF\xBB\xBF", 3) == 0)
            p += 3;
        char *end;
        errno = 0;
        if (*p >= '0' && *p <= '9')
            count = strtoull(p, &end, 10);
        else
            end = (char *)p;
        if (end == p || errno || count == 0 || end[strspn(end, " \t\r\n")] != '\0')
            why = len <= 0 ? "is empty"
                           : "does not start with its entry count (a positive number)";
        while (!why && (len = getline(&line, &cap, f)) >= 0) {
            if (memchr(line, '\0', (size_t)len))
                why = "is binary, not a Hunspell word list";
            else if (line[strspn(line, " \t\r\n")] != '\0')
                entries++;
        }
        fclose(f);
        if (!why && entries == 0)
            why = "holds no entries after its count";
    }
    free(line);
    if (!why && (count > 2 * entries + 100 || entries > 2 * count + 100)) {
        char why_count[96];
        snprintf(why_count, sizeof why_count, "says it holds %llu entries but holds %llu", count,
                 entries);
        bp_diag(dc, BP_D_BAD_DICTIONARY, 0, 0, 0, path, why_count);
        return BERPA_E_DICT;
    }
    if (why) {
        bp_diag(dc, BP_D_BAD_DICTIONARY, 0, 0, 0, path, why);
        return BERPA_E_DICT;
    }
    return BERPA_OK;
}

/* BERPA_E_IO when the file cannot be read (the caller warns and goes on
 * without), BERPA_E_NOMEM when the table cannot hold it: a table cut short
 * would change the decisions without a word said. */
/* A table that goes with the dictionary at `dict`: "<dict>.<ext>" in the
 * build tree, share/berpa/az_AZ.<ext> when installed.  Writes the path
 * into buf; false when neither exists. */
static bool S_companion(const char *dict, const char *ext, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s.%s", dict, ext);
    if (S_exists(buf))
        return true;
    snprintf(buf, cap, "%s/az_AZ.%s", BERPA_INSTALL_DATA_DIR, ext);
    return S_exists(buf);
}

bool bp_lexicon_companion(const bp_lexicon *lx, const char *ext, char *buf, size_t cap)
{
    return lx && lx->path && S_companion(lx->path, ext, buf, cap);
}

/* Loads a "word<TAB>count" table.  *bad counts the lines that are not of
 * that form (the first in *first_bad), *good those that are.  Returns
 * BERPA_E_IO when the file cannot be read, BERPA_E_NOMEM when the table
 * cannot hold it: a table cut short would change the decisions without a
 * word said. */
static berpa_status S_load_freq(bp_lexicon *lx, const char *path, uint64_t *good,
                                uint64_t *bad, uint64_t *first_bad)
{
    *good = *bad = *first_bad = 0;
    FILE *f = fopen(path, "r");
    if (!f)
        return BERPA_E_IO;
    berpa_status st = BERPA_OK;
    if (!S_table_init(&lx->freq, 1 << 18)) {
        fclose(f);
        return BERPA_E_NOMEM;
    }
    char line[1024];
    uint64_t lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *tab = strchr(line, '\t');
        if (!tab)
            tab = strchr(line, ' ');
        char *end = NULL;
        unsigned long long c = 0;
        if (tab && tab > line && tab[1] >= '0' && tab[1] <= '9')
            c = strtoull(tab + 1, &end, 10);
        if (!end || end[strspn(end, " \t\r\n")] != '\0') {
            if (line[strspn(line, " \t\r\n")] != '\0' && !(*bad)++)
                *first_bad = lineno;
            continue;
        }
        (*good)++;
        char low[512];
        size_t n = S_key(line, (size_t)(tab - line), low, sizeof low);
        if (n >= sizeof low)
            continue;
        S_entry *e = S_table_get(&lx->freq, low, n);
        if (!e) {
            st = BERPA_E_NOMEM;
            break;
        }
        uint64_t sum = (uint64_t)e->a + c;
        e->a = sum > UINT32_MAX ? UINT32_MAX : (uint32_t)sum;
    }
    fclose(f);
    return st;
}

/* The capital of an Azerbaijani first letter: i -> İ, ı -> I (ICU's
 * u_toupper is not Turkic), else the Unicode capital. */
static uint32_t S_upper1(uint32_t cp)
{
    if (cp == 'i')
        return 0x0130;
    if (cp == 0x0131)
        return 'I';
    return (uint32_t)u_toupper((UChar32)cp);
}

/* Writes key (n bytes, lower case) with its first letter a capital into
 * out (cap bytes); returns the length, 0 when it does not fit or the
 * first character has no capital of its own. */
static size_t S_capitalise(const char *key, size_t n, char *out, size_t cap)
{
    size_t k;
    if (n == 0)
        return 0;
    uint32_t cp = bp_utf8_next(key, n, &k);
    uint32_t up = S_upper1(cp);
    if (up == cp || n - k + 4 > cap)
        return 0;
    size_t m = bp_utf8_put(up, out);
    memcpy(out + m, key + k, n - k);
    return m + n - k;
}

/* Hunspell's answer for w from the compiled spell bits of its frequency
 * entry: -1 when they do not answer (no compiled file, a form outside the
 * frequency table, a case pattern other than lower case or capitalised:
 * Hunspell is asked). */
static int S_spell_bits(const bp_lexicon *lx, const bp_lexkey *key)
{
    if (!lx->spell.slots)
        return -1;
    char capd[260];
    const char *k = key->k, *w = key->w;
    size_t n = key->n, len = key->len;
    uint64_t h = key->h;
    if (n >= 256)
        return -1;
    const S_entry *e = S_table_find_h(&lx->spell, k, n, h);
    if (!e || !e->lo)
        return -1;
    if (n == len && memcmp(k, w, n) == 0)
        return e->lo & S_SP_LOW ? (e->lo & S_SP_LOW_OK) != 0 : -1;
    size_t m = S_capitalise(k, n, capd, sizeof capd);
    if (m == len && memcmp(capd, w, m) == 0)
        return e->lo & S_SP_CAP ? (e->lo & S_SP_CAP_OK) != 0 : -1;
    return -1;
}

/* Creates Hunspell and its memo the first time a word needs it.  Called
 * with hs_lock held; false when it cannot be had (lx->hs_status says why:
 * the run that asked reports it through bp_lexicon_status). */
static bool S_hunspell(bp_lexicon *lx)
{
    if (lx->hs)
        return true;
    if (lx->hs_tried || !lx->aff)
        return false;
    lx->hs_tried = true;
    bool oom = false;
    lx->hs = bp_hunspell_create(lx->aff, lx->dic, &oom);
    if (lx->hs && !(lx->memo = calloc(S_MEMO_SLOTS, sizeof *lx->memo))) {
        Hunspell_destroy(lx->hs);
        lx->hs = NULL;
        oom = true;
    }
    if (!lx->hs)
        lx->hs_status = oom ? BERPA_E_NOMEM : BERPA_E_DICT;
    return lx->hs != NULL;
}

/* The fingerprints of the source files the compiled tables must have been
 * made from, and in read[] whether each could be taken (a frequency file
 * named by the user may be unreadable: the frequencies' own reader says
 * so, and the compiled tables must not blame the affix file for it). */
static void S_fingerprints(const bp_lexicon *lx, const char *freq, const char *comp,
                           bp_lexdb_fp fp[BP_LEXDB_NSRC], bool read[BP_LEXDB_NSRC])
{
    read[BP_LEXDB_AFF] = bp_lexdb_fingerprint(lx->aff, &fp[BP_LEXDB_AFF]);
    read[BP_LEXDB_DIC] = bp_lexdb_fingerprint(lx->dic, &fp[BP_LEXDB_DIC]);
    read[BP_LEXDB_FREQ] = bp_lexdb_fingerprint(freq, &fp[BP_LEXDB_FREQ]);
    read[BP_LEXDB_COMP] = bp_lexdb_fingerprint(comp, &fp[BP_LEXDB_COMP]);
}

/* The values of the compiled file (bp_lexdb_val). */
enum {
    S_V_FREQ_MASK, S_V_FREQ_USED, S_V_FREQ_ALEN, S_V_COMP_MASK, S_V_COMP_USED, S_V_COMP_ALEN,
    S_V_COMPF_MASK, S_V_COMPF_USED, S_V_COMPF_ALEN, S_V_PRE_BITS, S_V_FREQ_GOOD, S_V_FREQ_BAD,
    S_V_FREQ_FIRST_BAD
};

/* Points t at the table stored in sections `slots` and `arena` of db with
 * its values from v (mask, used, arena length); false when they do not
 * fit together (a damaged file). */
static bool S_table_map(S_table *t, const bp_lexdb *db, int slots, int arena, int v)
{
    uint64_t ls, la;
    const void *ps = bp_lexdb_section(db, slots, &ls);
    const void *pa = bp_lexdb_section(db, arena, &la);
    uint64_t mask = bp_lexdb_val(db, v), used = bp_lexdb_val(db, v + 1),
             alen = bp_lexdb_val(db, v + 2);
    memset(t, 0, sizeof *t);
    if (ls == 0 && mask == 0)
        return true; /* no such table: the source file was absent */
    if ((mask & (mask + 1)) || ls != (mask + 1) * sizeof(S_entry) || alen > la || used > mask)
        return false;
    *t = (S_table){ .slots = (S_entry *)ps, .mask = (size_t)mask, .used = (size_t)used,
                    .arena = (char *)pa, .alen = (size_t)alen, .acap = (size_t)alen,
                    .mapped = true };
    return true;
}

/* The diagnostics of a frequency table read: none, empty, or bad lines. */
static void S_freq_diags(bp_diagctx *dc, const char *freq, uint64_t good, uint64_t bad,
                         uint64_t first_bad)
{
    if (good == 0)
        bp_diag(dc, BP_D_BAD_FREQUENCIES, 0, 0, 0, freq,
                " holds no word frequencies (\"word<TAB>count\" lines)");
    else if (bad) {
        char why[128];
        snprintf(why, sizeof why, ": %llu line%s not \"word<TAB>count\" (the first is line %llu), "
                 "skipped", (unsigned long long)bad, bad == 1 ? " is" : "s are",
                 (unsigned long long)first_bad);
        bp_diag(dc, BP_D_BAD_FREQUENCIES, 0, 0, 0, freq, why);
    }
}

/* Uses the compiled tables "<dict>.berpa" when they were made from the very
 * files the lexicon would read (aff, dic, freq, comp: paths, NULL for
 * none).  A stale or damaged file is refused with a warning and the source
 * files are read instead.  Frequencies the caller named (--freq, or none
 * for berpa check) need not be the compiled ones: the rest is used, the
 * frequencies are read from their file.  Returns S_DB_NONE, S_DB_ALL (the
 * frequency diagnostics of the tables' making are sent again, as reading
 * the file would), or S_DB_BUT_FREQ. */
enum { S_DB_NONE, S_DB_ALL, S_DB_BUT_FREQ };
static int S_db_open(bp_lexicon *lx, const char *freq, bool freq_named, const char *comp,
                     bp_diagctx *dc)
{
    char path[4096], why[256];
    if (snprintf(path, sizeof path, "%s.%s", lx->path, BP_LEXDB_EXT) >= (int)sizeof path)
        return S_DB_NONE;
    bp_lexdb *db = bp_lexdb_map(path, why, sizeof why);
    if (!db) {
        if (why[0])
            bp_diag(dc, BP_D_STALE_LEXICON, 0, 0, 0, path, why);
        return S_DB_NONE;
    }
    bp_lexdb_fp fp[BP_LEXDB_NSRC];
    const bp_lexdb_fp *was = bp_lexdb_sources(db);
    int stale = -1;
    bool own_freq = true;
    bool read[BP_LEXDB_NSRC];
    S_fingerprints(lx, freq, comp, fp, read);
    for (int i = 0; stale < 0 && i < BP_LEXDB_NSRC; i++) {
        if (read[i] && fp[i].size == was[i].size && fp[i].hash == was[i].hash)
            continue;
        if (i == BP_LEXDB_FREQ && freq_named)
            own_freq = false;
        else
            stale = i;
    }
    if (stale >= 0) {
        static const char *const what[] = { "affix file", "word list", "word frequencies",
                                            "compound list" };
        snprintf(why, sizeof why,
                 read[stale] ? "was made from another %s than the one in use"
                             : "cannot be checked against the %s, which cannot be read",
                 what[stale]);
        bp_diag(dc, BP_D_STALE_LEXICON, 0, 0, 0, path, why);
        bp_lexdb_unmap(db);
        return S_DB_NONE;
    }
    uint64_t lp;
    const void *pre = bp_lexdb_section(db, BP_LEXDB_PREFIX, &lp);
    uint64_t bits = bp_lexdb_val(db, S_V_PRE_BITS);
    if (!S_table_map(&lx->spell, db, BP_LEXDB_FREQ_SLOTS, BP_LEXDB_FREQ_ARENA, S_V_FREQ_MASK) ||
        !S_table_map(&lx->comp, db, BP_LEXDB_COMP_SLOTS, BP_LEXDB_COMP_ARENA, S_V_COMP_MASK) ||
        !S_table_map(&lx->compf, db, BP_LEXDB_COMPF_SLOTS, BP_LEXDB_COMPF_ARENA,
                     S_V_COMPF_MASK) ||
        (bits && lp < (bits / 64 + 1) * sizeof(uint64_t))) {
        memset(&lx->spell, 0, sizeof lx->spell);
        memset(&lx->comp, 0, sizeof lx->comp);
        memset(&lx->compf, 0, sizeof lx->compf);
        bp_diag(dc, BP_D_STALE_LEXICON, 0, 0, 0, path, "has tables that do not fit together");
        bp_lexdb_unmap(db);
        return S_DB_NONE;
    }
    lx->db = db;
    if (!own_freq)
        return S_DB_BUT_FREQ;
    lx->freq = lx->spell;
    lx->pre = bits ? (uint64_t *)pre : NULL;
    lx->pre_bits = (size_t)bits;
    lx->pre_mapped = true;
    if (freq)
        S_freq_diags(dc, freq, bp_lexdb_val(db, S_V_FREQ_GOOD), bp_lexdb_val(db, S_V_FREQ_BAD),
                     bp_lexdb_val(db, S_V_FREQ_FIRST_BAD));
    return S_DB_ALL;
}

/* bp_lexicon_open; use_db: take the compiled tables when they fit
 * (bp_lexicon_compile reads the sources whatever is there).  *good, *bad,
 * *first_bad (may be NULL): the frequency file's lines, as S_load_freq
 * counts them. */
static bp_lexicon *S_open(const char *dic, const char *freq, bp_diagctx *dc, berpa_status *st,
                          bool use_db, uint64_t fcounts[3])
{
    bp_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx) {
        *st = BERPA_E_NOMEM;
        return NULL;
    }
    pthread_mutex_init(&lx->hs_lock, NULL);
    pthread_mutex_init(&lx->pl_lock, NULL);
    *st = BERPA_OK;
    const char *use = NULL;
    if (dic && *dic) {
        if (!S_dict_at(dic)) {
            char tried[8300];
            S_dict_missing(dic, tried, sizeof tried);
            bp_diag(dc, BP_D_DICTIONARY_NOT_FOUND, 0, 0, 0, dic, "", tried);
            *st = BERPA_E_DICT;
            bp_lexicon_free(lx);
            return NULL;
        }
        use = dic;
    } else if (!dic) {
        /* $BERPA_DICT is as binding as --dict: a wrong one is an error, not
         * a reason to take whatever dictionary the build tree holds. */
        const char *env = getenv("BERPA_DICT");
        if (env && *env && !S_dict_at(env)) {
            char tried[8300];
            S_dict_missing(env, tried, sizeof tried);
            bp_diag(dc, BP_D_DICTIONARY_NOT_FOUND, 0, 0, 0, env, " (from BERPA_DICT)", tried);
            *st = BERPA_E_DICT;
            bp_lexicon_free(lx);
            return NULL;
        }
        const char *cands[] = { env && *env ? env : NULL, BERPA_BUILD_DICT_DIR "/az_AZ",
                                BERPA_INSTALL_DICT_DIR "/az_AZ" };
        for (size_t i = 0; i < sizeof cands / sizeof *cands && !use; i++)
            if (S_dict_at(cands[i]))
                use = cands[i];
        if (!use)
            bp_diag(dc, BP_D_NO_DICTIONARY, 0, 0, 0);
    }
    bool freq_named = freq != NULL;
    int db = S_DB_NONE;
    char fbuf[4096], cbuf[4096];
    if (!freq && use && S_companion(use, "freq", fbuf, sizeof fbuf))
        freq = fbuf;
    const char *comp = use && S_companion(use, "compounds", cbuf, sizeof cbuf) ? cbuf : NULL;
    if (use) {
        size_t n = strlen(use);
        lx->path = strdup(use);
        lx->aff = malloc(n + 5);
        lx->dic = malloc(n + 5);
        if (!lx->path || !lx->aff || !lx->dic) {
            bp_lexicon_free(lx);
            *st = BERPA_E_NOMEM;
            return NULL;
        }
        snprintf(lx->aff, n + 5, "%s.aff", use);
        snprintf(lx->dic, n + 5, "%s.dic", use);
        /* the compiled tables were made from files that passed the checks */
        db = use_db ? S_db_open(lx, freq && *freq ? freq : NULL, freq_named, comp, dc)
                    : S_DB_NONE;
        if (db == S_DB_ALL)
            return lx;
        if (db == S_DB_NONE && (*st = S_dict_check(use, dc)) != BERPA_OK) {
            bp_lexicon_free(lx);
            return NULL;
        }
    }
    uint64_t good = 0, bad = 0, first_bad = 0;
    berpa_status fst = freq && *freq ? S_load_freq(lx, freq, &good, &bad, &first_bad) : BERPA_OK;
    if (fst == BERPA_E_IO)
        bp_diag(dc, BP_D_NO_FREQUENCIES, 0, 0, 0, freq);
    else if (fst == BERPA_OK && freq && *freq)
        S_freq_diags(dc, freq, good, bad, first_bad);
    if (fcounts) {
        fcounts[0] = good;
        fcounts[1] = bad;
        fcounts[2] = first_bad;
    }
    bool ok = fst != BERPA_E_NOMEM && (!lx->freq.slots || S_build_prefixes(lx));
    if (ok && comp && db == S_DB_NONE)
        ok = S_load_compounds(lx, comp);
    if (!ok) {
        bp_lexicon_free(lx);
        *st = BERPA_E_NOMEM;
        return NULL;
    }
    return lx;
}

bp_lexicon *bp_lexicon_open(const char *dic, const char *freq, bp_diagctx *dc,
                            berpa_status *st)
{
    return S_open(dic, freq, dc, st, true, NULL);
}

berpa_status bp_lexicon_compile(const char *dic, const char *out, bp_diagctx *dc)
{
    berpa_status st;
    uint64_t fc[3];
    bp_lexicon *lx = S_open(dic, NULL, dc, &st, false, fc);
    if (!lx)
        return st;
    if (!lx->path) {
        bp_lexicon_free(lx);
        return BERPA_E_DICT;
    }
    char fbuf[4096], cbuf[4096];
    const char *freq = S_companion(lx->path, "freq", fbuf, sizeof fbuf) ? fbuf : NULL;
    const char *comp = S_companion(lx->path, "compounds", cbuf, sizeof cbuf) ? cbuf : NULL;
    bp_lexdb_fp fp[BP_LEXDB_NSRC];
    bool read[BP_LEXDB_NSRC], all = true;
    S_fingerprints(lx, freq, comp, fp, read);
    for (int i = 0; i < BP_LEXDB_NSRC; i++)
        all &= read[i];
    if (!all) {
        bp_lexicon_free(lx);
        return BERPA_E_IO;
    }
    /* Hunspell's answer for each frequent form, lower case and capitalised:
     * most words of a typeset text are answered without Hunspell */
    if (lx->freq.slots && !S_hunspell(lx)) {
        st = lx->hs_status;
        bp_diag(dc, st == BERPA_E_NOMEM ? BP_D_OUT_OF_MEMORY : BP_D_BAD_DICTIONARY, 0, 0, 0,
                lx->path, "cannot be loaded by Hunspell");
        bp_lexicon_free(lx);
        return st;
    }
    for (size_t i = 0; lx->freq.slots && i <= lx->freq.mask; i++) {
        S_entry *e = &lx->freq.slots[i];
        char w[300];
        if (!e->off || e->len >= 256)
            continue;
        memcpy(w, lx->freq.arena + e->off, e->len);
        w[e->len] = '\0';
        e->lo = S_SP_LOW | (Hunspell_spell(lx->hs, w) ? S_SP_LOW_OK : 0);
        size_t m = S_capitalise(lx->freq.arena + e->off, e->len, w, 256);
        if (m > 0 && m < 256) {
            w[m] = '\0';
            e->lo |= S_SP_CAP | (Hunspell_spell(lx->hs, w) ? S_SP_CAP_OK : 0);
        }
    }
    const S_table *t[3] = { &lx->freq, &lx->comp, &lx->compf };
    uint64_t val[BP_LEXDB_NVAL] = { 0 };
    const void *sec[BP_LEXDB_NSEC] = { 0 };
    uint64_t len[BP_LEXDB_NSEC] = { 0 };
    for (int i = 0; i < 3; i++) {
        if (!t[i]->slots)
            continue;
        val[3 * i] = t[i]->mask;
        val[3 * i + 1] = t[i]->used;
        val[3 * i + 2] = t[i]->alen;
        sec[2 * i] = t[i]->slots;
        len[2 * i] = (t[i]->mask + 1) * sizeof(S_entry);
        sec[2 * i + 1] = t[i]->arena;
        len[2 * i + 1] = t[i]->alen;
    }
    val[S_V_PRE_BITS] = lx->pre ? lx->pre_bits : 0;
    sec[BP_LEXDB_PREFIX] = lx->pre;
    len[BP_LEXDB_PREFIX] = lx->pre ? (lx->pre_bits / 64 + 1) * sizeof(uint64_t) : 0;
    val[S_V_FREQ_GOOD] = fc[0];
    val[S_V_FREQ_BAD] = fc[1];
    val[S_V_FREQ_FIRST_BAD] = fc[2];
    st = bp_lexdb_write(out, fp, val, sec, len);
    bp_lexicon_free(lx);
    return st;
}

void bp_lexicon_free(bp_lexicon *lx)
{
    if (!lx)
        return;
    bp_lexicon_preload_wait(lx);
    if (lx->hs)
        Hunspell_destroy(lx->hs);
    S_table_free(&lx->freq);
    S_table_free(&lx->spell);
    S_table_free(&lx->comp);
    S_table_free(&lx->compf);
    if (!lx->pre_mapped)
        free(lx->pre);
    bp_lexdb_unmap(lx->db);
    pthread_mutex_destroy(&lx->hs_lock);
    pthread_mutex_destroy(&lx->pl_lock);
    free(lx->memo);
    free(lx->path);
    free(lx->aff);
    free(lx->dic);
    free(lx);
}

const char *bp_lexicon_path(const bp_lexicon *lx) { return lx ? lx->path : NULL; }

static void *S_preload(void *arg)
{
    bp_lexicon *lx = arg;
    pthread_mutex_lock(&lx->hs_lock);
    S_hunspell(lx);
    pthread_mutex_unlock(&lx->hs_lock);
    return NULL;
}

void bp_lexicon_preload(const bp_lexicon *lx)
{
    if (!lx || !lx->aff)
        return;
    bp_lexicon *mlx = (bp_lexicon *)lx; /* the handle changes, not the answers */
    bool need = false;
    if (pthread_mutex_trylock(&mlx->hs_lock) == 0) { /* busy: it is being made or used */
        need = !mlx->hs && !mlx->hs_tried;
        pthread_mutex_unlock(&mlx->hs_lock);
    }
    pthread_mutex_lock(&mlx->pl_lock);
    if (need && mlx->pl_state == 0) {
        /* without a thread, creation stays lazy: nothing is lost */
        if (pthread_create(&mlx->pl_thread, NULL, S_preload, mlx) == 0)
            mlx->pl_state = 1;
    }
    pthread_mutex_unlock(&mlx->pl_lock);
}

void bp_lexicon_preload_wait(const bp_lexicon *lx)
{
    if (!lx)
        return;
    bp_lexicon *mlx = (bp_lexicon *)lx;
    pthread_mutex_lock(&mlx->pl_lock);
    if (mlx->pl_state == 1) {
        pthread_join(mlx->pl_thread, NULL);
        mlx->pl_state = 2;
    }
    pthread_mutex_unlock(&mlx->pl_lock);
}

bool bp_lexicon_hunspell_loaded(const bp_lexicon *lx)
{
    pthread_mutex_lock((pthread_mutex_t *)&lx->hs_lock);
    bool loaded = lx->hs != NULL;
    pthread_mutex_unlock((pthread_mutex_t *)&lx->hs_lock);
    return loaded;
}

berpa_status bp_lexicon_status(const bp_lexicon *lx, bp_diagctx *dc)
{
    if (!lx)
        return BERPA_OK;
    pthread_mutex_lock((pthread_mutex_t *)&lx->hs_lock);
    berpa_status st = lx->hs_status;
    pthread_mutex_unlock((pthread_mutex_t *)&lx->hs_lock);
    if (st == BERPA_E_NOMEM)
        bp_diag(dc, BP_D_OUT_OF_MEMORY, 0, 0, 0, lx->path);
    else if (st != BERPA_OK)
        bp_diag(dc, BP_D_BAD_DICTIONARY, 0, 0, 0, lx->path, "cannot be loaded by Hunspell");
    return st;
}

bool bp_lexicon_known(const bp_lexicon *lx, const char *w, size_t len)
{
    if (!lx || !lx->aff || len == 0 || len >= 256)
        return false;
    bp_lexkey key;
    bp_lexkey_set(&key, w, len);
    return bp_lexicon_known_key(lx, &key);
}

uint64_t bp_lexkey_hash_more(uint64_t h, const char *s, size_t len, bool *plain)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    if (*plain) {
        for (; i < len; i++) {
            if (S_maybe_capital(u, i, len)) {
                *plain = false;
                break;
            }
            h = (h ^ u[i]) * 1099511628211ull;
        }
    }
    for (; i < len; i++)
        h = (h ^ u[i]) * 1099511628211ull;
    return h;
}

uint64_t bp_lexkey_hash(const char *w, size_t len, bool *plain)
{
    *plain = true;
    return bp_lexkey_hash_more(BP_LEXKEY_H0, w, len, plain);
}

void bp_lexkey_plain(bp_lexkey *key, const char *w, size_t len, uint64_t h)
{
    /* S_key_h's result for a word without a possible capital */
    key->w = key->k = w;
    key->len = key->n = len;
    key->h = h;
}

void bp_lexkey_set(bp_lexkey *key, const char *w, size_t len)
{
    key->w = w;
    key->len = len;
    key->h = 0;
    key->n = S_key_h(w, len, key->low, sizeof key->low, &key->k, &key->h);
}

bool bp_lexicon_known_key(const bp_lexicon *lx, const bp_lexkey *key)
{
    const char *w = key->w;
    size_t len = key->len;
    if (!lx || !lx->aff || len == 0 || len >= 256)
        return false;
    int bits = S_spell_bits(lx, key);
    if (bits >= 0)
        return bits;
    char buf[256];
    memcpy(buf, w, len);
    buf[len] = '\0';
    /* a key that is the word itself has the word's hash already */
    uint64_t h = key->k == w ? key->h : S_hash(w, len);
    bp_lexicon *mlx = (bp_lexicon *)lx; /* the handle and memo change, not the answers */
    pthread_mutex_lock(&mlx->hs_lock);
    bool ok = false;
    if (S_hunspell(mlx)) {
        struct S_memo *m = len <= S_MEMO_W ? &mlx->memo[h % S_MEMO_SLOTS] : NULL;
        if (m && m->len == len && m->h == h && memcmp(m->w, w, len) == 0) {
            ok = m->ok;
        } else {
            ok = Hunspell_spell(mlx->hs, buf) != 0;
            if (m) {
                m->h = h;
                m->len = (uint8_t)len;
                m->ok = ok;
                memcpy(m->w, w, len);
            }
        }
    }
    pthread_mutex_unlock(&mlx->hs_lock);
    return ok;
}

uint64_t bp_lexicon_freq(const bp_lexicon *lx, const char *w, size_t len)
{
    if (!lx || !lx->freq.slots)
        return 0;
    bp_lexkey key;
    bp_lexkey_set(&key, w, len);
    return bp_lexicon_freq_key(lx, &key);
}

uint64_t bp_lexicon_freq_key(const bp_lexicon *lx, const bp_lexkey *key)
{
    if (!lx || !lx->freq.slots || key->n >= sizeof key->low)
        return 0;
    const S_entry *e = S_table_find_h(&lx->freq, key->k, key->n, key->h);
    return e ? e->a : 0;
}

/* The candidate prefixes of key for S_prefix_find: the end of each
 * character past the hyphen at rstart, with the hash of key up to there.
 * FNV-1a hashes a byte at a time, so one pass gives every prefix's hash:
 * no candidate is rehashed from its start.  Returns their number. */
static size_t S_prefix_scan(const char *key, size_t n, size_t rstart, size_t *ends, uint64_t *hs)
{
    size_t nends = 0, k;
    uint64_t x = 1469598103934665603ull;
    const unsigned char *u = (const unsigned char *)key;
    for (size_t i = 0; i < rstart; i++)
        x = (x ^ u[i]) * 1099511628211ull;
    for (size_t i = rstart; i < n && nends < 256; i += k) {
        if (u[i] < 0x80)
            k = 1;
        else
            bp_utf8_next(key + i, n - i, &k);
        for (size_t j = i; j < i + k; j++)
            x = (x ^ u[j]) * 1099511628211ull;
        hs[nends] = x;
        ends[nends++] = i + k;
    }
    return nends;
}

/* Looks up the longest prefix of key (>= 3 letters past the hyphen, from
 * S_prefix_scan) in t; returns the entry or NULL. */
static const S_entry *S_prefix_find(const S_table *t, const char *key, const size_t *ends,
                                    const uint64_t *hs, size_t nends)
{
    if (!t->slots)
        return NULL;
    for (size_t c = nends; c >= 3; c--) {
        const S_entry *e = S_table_find_h(t, key, ends[c - 1], hs[c - 1]);
        if (e && e->a > 0)
            return e;
    }
    return NULL;
}

uint64_t bp_lexicon_compound(const bp_lexicon *lx, const char *left, size_t nl,
                             const char *right, size_t nr, bool *listed)
{
    *listed = false;
    if (!lx)
        return 0;
    char buf[512], low[512], plain[512];
    if (nl + 1 + nr >= sizeof buf)
        return 0;
    memcpy(buf, left, nl);
    buf[nl] = '-';
    memcpy(buf + nl + 1, right, nr);
    size_t n = S_key(buf, nl + 1 + nr, low, sizeof low);
    if (n >= sizeof low)
        return 0;
    /* the right part starts after the first '-' (folding may change lengths) */
    const char *dash = memchr(low, '-', n);
    size_t rstart = dash ? (size_t)(dash - low) + 1 : n;
    /* the candidates are the same for the corpus and the list */
    size_t ends[256];
    uint64_t hs[256];
    size_t nends = S_prefix_scan(low, n, rstart, ends, hs);
    /* the corpus's hyphenated forms, with their counts */
    const S_entry *e = S_prefix_find(&lx->freq, low, ends, hs, nends);
    if (e)
        return e->a;
    /* the compound lists, then the lists without diacritics */
    *listed = true;
    if (S_prefix_find(&lx->comp, low, ends, hs, nends))
        return 1;
    size_t m = S_plain(low, n, plain, sizeof plain);
    dash = memchr(plain, '-', m);
    if (dash && lx->compf.slots) {
        nends = S_prefix_scan(plain, m, (size_t)(dash - plain) + 1, ends, hs);
        if (S_prefix_find(&lx->compf, plain, ends, hs, nends))
            return 1;
    }
    *listed = false;
    return 0;
}

/* ---- document evidence ----------------------------------------------------- */
struct bp_wordstats {
    S_table t;       /* key: lower-cased form; a = whole, b = with inner hyphen */
    size_t max;
};

bp_wordstats *bp_wordstats_new(size_t max_entries)
{
    bp_wordstats *ws = calloc(1, sizeof *ws);
    if (!ws)
        return NULL;
    if (!S_table_init(&ws->t, 1 << 12)) {
        S_table_free(&ws->t);
        free(ws);
        return NULL;
    }
    ws->max = max_entries;
    return ws;
}

void bp_wordstats_free(bp_wordstats *ws)
{
    if (!ws)
        return;
    S_table_free(&ws->t);
    free(ws);
}

/* Keeps memory bounded: rebuilds the table without the forms seen once. */
static void S_wordstats_prune(bp_wordstats *ws)
{
    S_table nt;
    if (!S_table_init(&nt, ws->t.mask + 1)) {
        S_table_free(&nt); /* the half it got; the full table stays */
        return;
    }
    for (size_t i = 0; i <= ws->t.mask; i++) {
        S_entry *e = &ws->t.slots[i];
        if (!e->off || e->a + e->b <= 1)
            continue;
        S_entry *ne = S_table_get(&nt, ws->t.arena + e->off, e->len);
        if (ne) { /* out of memory: the form is forgotten, as a rare one is */
            ne->a = e->a;
            ne->b = e->b;
            ne->lo = e->lo;
        }
    }
    S_table_free(&ws->t);
    ws->t = nt;
}


/* Counts the form w.  With cap false the caller has seen no byte that can
 * start a capital (S_maybe_capital) and hashed the bytes (h): the key is
 * the word itself, as S_key_h would find, without a second pass. */
static void S_count(bp_wordstats *ws, const char *w, size_t n, bool hyph, bool cap, uint64_t h,
                    bool lower)
{
    char low[256];
    const char *k = w;
    size_t m = cap ? S_key_h(w, n, low, sizeof low, &k, &h) : n;
    if (m >= sizeof low || m == 0)
        return;
    if (ws->t.used >= ws->max)
        S_wordstats_prune(ws);
    if (ws->t.used >= ws->max)
        return;
    S_entry *e = S_table_get_h(&ws->t, k, m, h);
    if (!e)
        return; /* out of memory: one count lost only weakens the evidence */
    if (hyph)
        e->b++;
    else
        e->a++;
    e->lo += lower;
}

void bp_wordstats_add_line(bp_wordstats *ws, const bp_line *l, bool after_hyphen)
{
    const char *s = l->text;
    size_t n = (l->flags & BP_LF_HYPHEN_END) ? l->hy_at : l->len;
    size_t i = 0, start, end;
    bool hyph;
    /* The first word is a broken word's tail when the line before ended
     * in a hyphen: not evidence of a whole form. */
    bool first = after_hyphen;
    while (bp_word_next(s, n, &i, &start, &end, &hyph)) {
        /* nor is the last word before a line-end hyphen; forms under four
         * bytes are never asked about (a site's joined word has two
         * letters on each side) */
        bool last = end >= n && (l->flags & BP_LF_HYPHEN_END);
        /* a footnote number glued to the word (xronoloji10) is not part
         * of it: Azerbaijani writes 1918-ci, never word10 */
        if (!hyph && end > start && s[end - 1] >= '0' && s[end - 1] <= '9') {
            size_t e = end, kk;
            while (e > start && s[e - 1] >= '0' && s[e - 1] <= '9')
                e--;
            if (e > start && bp_az_is_letter(bp_utf8_prev(s + start, e - start, &kk)))
                end = e;
        }
        if (!first && !last && end - start >= 4) {
            size_t k0;
            bool lower = !bp_az_is_upper(bp_utf8_next(s + start, end - start, &k0));
            S_count(ws, s + start, end - start, hyph, true, 0, lower);
            if (hyph) {
                /* also count the parts before each hyphen as prefixes "x-" */
                size_t k;
                for (size_t j = start; j < end; j += k) {
                    uint32_t c = bp_utf8_next(s + j, end - j, &k);
                    if (bp_az_is_inner_hyphen(c)) {
                        char buf[256];
                        size_t pl = j - start;
                        if (pl + 1 < sizeof buf) {
                            memcpy(buf, s + start, pl);
                            buf[pl] = '-';
                            S_count(ws, buf, pl + 1, true, true, 0, false);
                        }
                    }
                }
            }
        }
        first = false;
    }
}

void bp_wordstats_add(bp_wordstats *ws, const bp_doc *d, size_t from, size_t to)
{
    bool after = false;
    for (size_t li = 0; li < to && li < d->nlines; li++) {
        const bp_line *l = &d->lines[li];
        if (l->len == 0 || l->role != BP_ROLE_BODY)
            continue;
        if (li >= from)
            bp_wordstats_add_line(ws, l, after);
        after = (l->flags & BP_LF_HYPHEN_END) != 0;
    }
}


size_t bp_wordstats_size(const bp_wordstats *ws) { return ws->t.used; }

void bp_wordstats_each(const bp_wordstats *ws,
                       void (*fn)(void *user, const char *w, size_t len, uint32_t count,
                                  uint32_t lower),
                       void *user)
{
    if (!ws)
        return;
    for (size_t i = 0; i <= ws->t.mask; i++) {
        const S_entry *e = &ws->t.slots[i];
        if (e->off)
            fn(user, ws->t.arena + e->off, e->len, e->a, e->lo);
    }
}

/* The entry of the lower-cased form, or NULL. */
static const S_entry *S_ws_find(const bp_wordstats *ws, const char *w, size_t len)
{
    char low[256];
    const char *k;
    uint64_t h;
    size_t m = S_key_h(w, len, low, sizeof low, &k, &h);
    if (m >= sizeof low)
        return NULL;
    return S_table_find_h(&ws->t, k, m, h);
}

uint32_t bp_wordstats_count(const bp_wordstats *ws, const char *w, size_t len)
{
    const S_entry *e = S_ws_find(ws, w, len);
    return e ? e->a + e->b : 0;
}

uint32_t bp_wordstats_lower(const bp_wordstats *ws, const char *w, size_t len)
{
    const S_entry *e = ws ? S_ws_find(ws, w, len) : NULL;
    return e ? e->lo : 0;
}

uint32_t bp_wordstats_count_key(const bp_wordstats *ws, const bp_lexkey *key)
{
    /* S_ws_find's bound: a key of 256 bytes or more is never counted */
    const S_entry *e = key->n < 256 ? S_table_find_h(&ws->t, key->k, key->n, key->h) : NULL;
    return e ? e->a + e->b : 0;
}
