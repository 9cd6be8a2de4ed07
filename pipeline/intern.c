/*
 * intern.c: byte strings -> dense ids (0, 1, 2, ...), for eval.c's tokens,
 * words and grapheme clusters and check.c's word cache and line shapes.
 * Open addressing over the ids; the bytes live in one pool.  Also
 * bp_grow, the arrays' doubling, for both.
 */
#include "quality.h"

#include <stdlib.h>
#include <string.h>

void *bp_grow(void *p, size_t *cap, size_t need, size_t elem, size_t first)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : first;
    while (c < need)
        c *= 2;
    void *np = realloc(p, c * elem);
    if (np)
        *cap = c;
    return np;
}

uint64_t bp_intern_hash(const void *p, size_t n)
{
    /* eight bytes a step (words and line shapes are hashed for every
     * token and short line: a byte a step was a hot spot of berpa check);
     * the hash only places ids in slots, never decides their order */
    const unsigned char *s = p;
    uint64_t h = 0x9E3779B97F4A7C15u ^ n, v;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&v, s, 8);
        h = (h ^ v) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
    }
    v = 0;
    if (n)
        memcpy(&v, s, n);
    h = (h ^ v) * 0xC4CEB9FE1A85EC53u;
    return h ^ (h >> 29);
}

void bp_intern_free(bp_intern *t)
{
    free(t->off);
    free(t->len);
    free(t->pool);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static bool S_rehash(bp_intern *t, size_t nslots)
{
    uint32_t *s = calloc(nslots, sizeof *s);
    if (!s)
        return false;
    for (uint32_t id = 0; id < t->n; id++) {
        size_t k = bp_intern_hash(t->pool + t->off[id], t->len[id]) & (nslots - 1);
        while (s[k])
            k = (k + 1) & (nslots - 1);
        s[k] = id + 1;
    }
    free(t->slots);
    t->slots = s;
    t->nslots = nslots;
    return true;
}

uint32_t bp_intern_find(const bp_intern *t, const void *p, size_t n)
{
    if (!t->nslots)
        return UINT32_MAX;
    for (size_t k = bp_intern_hash(p, n) & (t->nslots - 1); t->slots[k]; k = (k + 1) & (t->nslots - 1)) {
        uint32_t id = t->slots[k] - 1;
        if (t->len[id] == n && (n == 0 || memcmp(t->pool + t->off[id], p, n) == 0))
            return id;
    }
    return UINT32_MAX;
}

uint32_t bp_intern_get(bp_intern *t, const void *p, size_t n)
{
    if (2 * ((size_t)t->n + 1) > t->nslots && !S_rehash(t, t->nslots ? 2 * t->nslots : 256))
        return UINT32_MAX;
    size_t k = bp_intern_hash(p, n) & (t->nslots - 1);
    for (; t->slots[k]; k = (k + 1) & (t->nslots - 1)) {
        uint32_t id = t->slots[k] - 1;
        if (t->len[id] == n && (n == 0 || memcmp(t->pool + t->off[id], p, n) == 0))
            return id;
    }
    if (t->n == t->cap) {
        uint32_t cap = t->cap ? 2 * t->cap : 256;
        size_t *o = realloc(t->off, cap * sizeof *o);
        if (!o)
            return UINT32_MAX;
        t->off = o;
        size_t *l = realloc(t->len, cap * sizeof *l);
        if (!l)
            return UINT32_MAX;
        t->len = l;
        t->cap = cap;
    }
    if (t->pool_n + n > t->pool_cap) {
        size_t cap = t->pool_cap ? t->pool_cap : 4096;
        while (cap < t->pool_n + n)
            cap *= 2;
        char *np = realloc(t->pool, cap);
        if (!np)
            return UINT32_MAX;
        t->pool = np;
        t->pool_cap = cap;
    }
    if (n)
        memcpy(t->pool + t->pool_n, p, n);
    t->off[t->n] = t->pool_n;
    t->len[t->n] = n;
    t->pool_n += n;
    t->slots[k] = t->n + 1;
    return t->n++;
}
