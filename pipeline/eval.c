/*
 * eval.c: quality against ground truth.  CER over NFC grapheme clusters,
 * WER over white-space tokens (score.py's definition) and over ICU words,
 * edit operations by kind, confusions, hyphen sites and paragraph starts.
 *
 * The token alignment reproduces Python's difflib.SequenceMatcher
 * (autojunk=False) exactly, because score.py's WER and CER are defined
 * through it: they are not minimal edit distances, and a different aligner
 * would give different figures on the same texts.
 */
#include "quality.h"

#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* Runs longer than this (gold x out clusters) get their distance but no
 * operation trace: the trace needs one byte per cell. */
#define S_TRACE_CELLS (16u * 1024u * 1024u)
/* Runs larger than this are not aligned at all: their distance is taken
 * as the longer side, an upper bound, and the figures say so (score.py
 * would run for hours). */
#define S_EXACT_CELLS ((uint64_t)1 << 32)
/* Confusions longer than this (clusters a side) are not tabled. */
#define S_CONF_MAX 24
#define S_WRONG_MAX 20

/* ---- growable id arrays ------------------------------------------------------- */
typedef struct S_ids {
    uint32_t *v;
    size_t n, cap;
} S_ids;

static bool S_ids_push(S_ids *a, uint32_t x)
{
    uint32_t *v = bp_grow(a->v, &a->cap, a->n + 1, sizeof *v, 64);
    if (!v)
        return false;
    a->v = v;
    a->v[a->n++] = x;
    return true;
}

/* ---- difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() ------ */
typedef enum { S_EQUAL, S_REPLACE, S_DELETE, S_INSERT } S_tag;
typedef struct S_op {
    S_tag tag;
    size_t i1, i2, j1, j2;
} S_op;
typedef struct S_blk {
    size_t i, j, k;
} S_blk;

typedef struct S_sm {
    const uint32_t *a, *b;
    size_t na, nb;
    size_t *b2j_off;       /* positions of id x in b: pos[off[x] .. off[x+1]) */
    size_t *pos;
    uint64_t *stamp[2];
    size_t *len[2];
    uint64_t row;
} S_sm;

static S_blk S_longest(S_sm *sm, size_t alo, size_t ahi, size_t blo, size_t bhi)
{
    S_blk best = { alo, blo, 0 };
    sm->row++; /* the previous call's last row must not count as this call's previous row */
    for (size_t i = alo; i < ahi; i++) {
        uint64_t r = ++sm->row;
        int cur = (int)(r & 1), prv = cur ^ 1;
        uint32_t x = sm->a[i];
        for (size_t p = sm->b2j_off[x]; p < sm->b2j_off[x + 1]; p++) {
            size_t j = sm->pos[p];
            if (j < blo)
                continue;
            if (j >= bhi)
                break;
            size_t k = 1;
            if (j > 0 && sm->stamp[prv][j - 1] == r - 1)
                k = sm->len[prv][j - 1] + 1;
            sm->stamp[cur][j] = r;
            sm->len[cur][j] = k;
            if (k > best.k) {
                best.i = i - k + 1;
                best.j = j - k + 1;
                best.k = k;
            }
        }
    }
    return best;
}

static int S_blk_cmp(const void *x, const void *y)
{
    const S_blk *a = x, *b = y;
    return a->i < b->i ? -1 : a->i > b->i;
}

/* Aligns a and b (ids below nids); returns the opcodes in *ops (owned) and
 * their count, or SIZE_MAX when out of memory. */
static size_t S_opcodes(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, uint32_t nids,
                        S_op **ops)
{
    S_sm sm = { .a = a, .b = b, .na = na, .nb = nb };
    S_blk *blk = NULL;
    size_t *rng = NULL;
    size_t nblk = 0, nops = 0;
    *ops = NULL;
    sm.b2j_off = calloc((size_t)nids + 2, sizeof *sm.b2j_off);
    sm.pos = malloc((nb ? nb : 1) * sizeof *sm.pos);
    for (int t = 0; t < 2; t++) {
        sm.stamp[t] = calloc(nb + 1, sizeof *sm.stamp[t]);
        sm.len[t] = malloc((nb + 1) * sizeof *sm.len[t]);
    }
    /* every call pushes at most two ranges and finds at most one block */
    blk = malloc((na + nb + 2) * sizeof *blk);
    rng = malloc(4 * (na + nb + 2) * sizeof *rng);
    *ops = malloc((2 * (na + nb) + 4) * sizeof **ops);
    if (!sm.b2j_off || !sm.pos || !sm.stamp[0] || !sm.stamp[1] || !sm.len[0] || !sm.len[1] ||
        !blk || !rng || !*ops) {
        nops = SIZE_MAX;
        goto out;
    }
    for (size_t j = 0; j < nb; j++)
        sm.b2j_off[b[j] + 2]++;
    for (size_t x = 2; x < (size_t)nids + 2; x++)
        sm.b2j_off[x] += sm.b2j_off[x - 1];
    for (size_t j = 0; j < nb; j++) /* ascending j, as difflib's lists */
        sm.pos[sm.b2j_off[b[j] + 1]++] = j;

    /* difflib's queue of ranges (alo, ahi, blo, bhi), used as a stack */
    size_t nr = 0;
    rng[nr++] = 0, rng[nr++] = na, rng[nr++] = 0, rng[nr++] = nb;
    while (nr) {
        size_t bhi = rng[--nr], blo = rng[--nr], ahi = rng[--nr], alo = rng[--nr];
        S_blk m = S_longest(&sm, alo, ahi, blo, bhi);
        if (m.k) {
            blk[nblk++] = m;
            if (alo < m.i && blo < m.j)
                rng[nr++] = alo, rng[nr++] = m.i, rng[nr++] = blo, rng[nr++] = m.j;
            if (m.i + m.k < ahi && m.j + m.k < bhi)
                rng[nr++] = m.i + m.k, rng[nr++] = ahi, rng[nr++] = m.j + m.k, rng[nr++] = bhi;
        }
    }
    qsort(blk, nblk, sizeof *blk, S_blk_cmp);
    /* collapse adjacent blocks, then the sentinel (na, nb, 0) */
    size_t nc = 0;
    for (size_t t = 0; t < nblk; t++) {
        if (nc && blk[nc - 1].i + blk[nc - 1].k == blk[t].i && blk[nc - 1].j + blk[nc - 1].k == blk[t].j)
            blk[nc - 1].k += blk[t].k;
        else
            blk[nc++] = blk[t];
    }
    blk[nc++] = (S_blk){ na, nb, 0 };
    size_t i = 0, j = 0;
    for (size_t t = 0; t < nc; t++) {
        S_blk m = blk[t];
        if (i < m.i && j < m.j)
            (*ops)[nops++] = (S_op){ S_REPLACE, i, m.i, j, m.j };
        else if (i < m.i)
            (*ops)[nops++] = (S_op){ S_DELETE, i, m.i, j, m.j };
        else if (j < m.j)
            (*ops)[nops++] = (S_op){ S_INSERT, i, m.i, j, m.j };
        i = m.i + m.k;
        j = m.j + m.k;
        if (m.k)
            (*ops)[nops++] = (S_op){ S_EQUAL, m.i, i, m.j, j };
    }
out:
    free(sm.b2j_off);
    free(sm.pos);
    for (int t = 0; t < 2; t++) {
        free(sm.stamp[t]);
        free(sm.len[t]);
    }
    free(blk);
    free(rng);
    if (nops == SIZE_MAX) {
        free(*ops);
        *ops = NULL;
    }
    return nops;
}

/* ---- one text, prepared ---------------------------------------------------------- */
typedef struct S_ctx {
    bp_intern tok;         /* white-space tokens (UTF-16 bytes)                 */
    bp_intern word;        /* ICU words (UTF-16 bytes)                          */
    bp_intern cl;          /* grapheme clusters (UTF-16 bytes)                  */
    S_ids tok_cl_off;     /* per token id: its clusters in tok_cl (off, len)   */
    S_ids tok_cl;
    uint32_t space;       /* the cluster id of " "                             */
    UBreakIterator *chars, *words;
    const UNormalizer2 *nfc;
    bool fold;
} S_ctx;

typedef struct S_text {
    S_ids toks;           /* token ids                                         */
    S_ids words;          /* ICU word ids                                      */
    S_ids para_starts;    /* token index of each paragraph's first token      */
    uint64_t chars;       /* clusters of the joined text                       */
} S_text;

/* Python's str.isspace(), which str.split() splits at. */
static bool S_py_space(UChar c)
{
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

/* NFC (and folding) of s[0..n) into *out (malloc'd); returns its length or -1. */
static int32_t S_norm(S_ctx *c, const UChar *s, int32_t n, UChar **out)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t cap = 2 * n + 16;
    UChar *a = malloc((size_t)cap * sizeof *a);
    if (!a)
        return -1;
    int32_t m = unorm2_normalize(c->nfc, s, n, a, cap, &e);
    if (U_FAILURE(e)) {
        free(a);
        return -1;
    }
    if (c->fold) {
        UChar *b = malloc((size_t)(3 * m + 16) * sizeof *b);
        if (!b) {
            free(a);
            return -1;
        }
        int32_t k = u_strFoldCase(b, 3 * m + 16, a, m, U_FOLD_CASE_EXCLUDE_SPECIAL_I, &e);
        if (U_FAILURE(e)) {
            free(a);
            free(b);
            return -1;
        }
        /* folding can denormalise (a folded base before a mark): NFC again */
        m = unorm2_normalize(c->nfc, b, k, a, cap > 3 * m ? cap : 0, &e);
        if (U_FAILURE(e) || m > cap) {
            free(a);
            a = malloc((size_t)(3 * k + 16) * sizeof *a);
            if (!a) {
                free(b);
                return -1;
            }
            e = U_ZERO_ERROR;
            m = unorm2_normalize(c->nfc, b, k, a, 3 * k + 16, &e);
        }
        free(b);
        if (U_FAILURE(e)) {
            free(a);
            return -1;
        }
    }
    *out = a;
    return m;
}

/* The id of a normalised token, splitting it into clusters when new. */
static uint32_t S_token_id(S_ctx *c, const UChar *s, int32_t n)
{
    uint32_t before = c->tok.n;
    uint32_t id = bp_intern_get(&c->tok, s, (size_t)n * sizeof *s);
    if (id == UINT32_MAX || id < before)
        return id;
    UErrorCode e = U_ZERO_ERROR;
    ubrk_setText(c->chars, s, n, &e);
    if (U_FAILURE(e))
        return UINT32_MAX;
    if (!S_ids_push(&c->tok_cl_off, (uint32_t)c->tok_cl.n))
        return UINT32_MAX;
    int32_t a = ubrk_first(c->chars);
    for (int32_t b = ubrk_next(c->chars); b != UBRK_DONE; a = b, b = ubrk_next(c->chars)) {
        uint32_t cl = bp_intern_get(&c->cl, s + a, (size_t)(b - a) * sizeof *s);
        if (cl == UINT32_MAX || !S_ids_push(&c->tok_cl, cl))
            return UINT32_MAX;
    }
    if (!S_ids_push(&c->tok_cl_off, (uint32_t)c->tok_cl.n))
        return UINT32_MAX;
    return id;
}

/* Clusters of token id: *n of them at the returned pointer (tok_cl_off
 * holds a (start, end) pair per token id). */
static const uint32_t *S_token_clusters(const S_ctx *c, uint32_t id, size_t *n)
{
    uint32_t a = c->tok_cl_off.v[2 * id], b = c->tok_cl_off.v[2 * id + 1];
    *n = b - a;
    return c->tok_cl.v + a;
}

static void S_text_free(S_text *t)
{
    free(t->toks.v);
    free(t->words.v);
    free(t->para_starts.v);
}

/* Splits, normalises and interns one text (the interners are shared by
 * both texts, so equal tokens get equal ids). */
static berpa_status S_prepare(S_ctx *c, const char *bytes, size_t len, S_text *t)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t n = 0;
    if (len > INT32_MAX / 2)
        return BERPA_E_INPUT;
    u_strFromUTF8WithSub(NULL, 0, &n, bytes, (int32_t)len, 0xFFFD, NULL, &e);
    if (e != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(e))
        return BERPA_E_INPUT;
    e = U_ZERO_ERROR;
    UChar *u = malloc(((size_t)n + 1) * sizeof *u);
    if (!u)
        return BERPA_E_NOMEM;
    u_strFromUTF8WithSub(u, n + 1, &n, bytes, (int32_t)len, 0xFFFD, NULL, &e);
    if (U_FAILURE(e)) {
        free(u);
        return BERPA_E_INPUT;
    }
    berpa_status st = BERPA_E_NOMEM;
    /* joined: the normalised tokens with one space between, for the word
     * breaker */
    UChar *joined = NULL;
    size_t jn = 0, jcap = 0;
    uint64_t line_toks = 0;
    bool any = false;
    for (int32_t i = 0; i <= n;) {
        if (i == n || u[i] == '\n') { /* paragraph = a line with a token */
            if (line_toks && !S_ids_push(&t->para_starts, (uint32_t)(t->toks.n - line_toks)))
                goto out;
            line_toks = 0;
            i++;
            continue;
        }
        if (S_py_space(u[i])) {
            i++;
            continue;
        }
        int32_t s = i;
        while (i < n && !S_py_space(u[i]))
            i++;
        UChar *nt;
        int32_t m = S_norm(c, u + s, i - s, &nt);
        if (m < 0)
            goto out;
        uint32_t id = S_token_id(c, nt, m);
        if (id == UINT32_MAX || !S_ids_push(&t->toks, id)) {
            free(nt);
            goto out;
        }
        if (jn + (size_t)m + 1 > jcap) {
            size_t cap = jcap ? jcap : 1024;
            while (cap < jn + (size_t)m + 1)
                cap *= 2;
            UChar *nj = realloc(joined, cap * sizeof *nj);
            if (!nj) {
                free(nt);
                goto out;
            }
            joined = nj;
            jcap = cap;
        }
        if (any)
            joined[jn++] = ' ';
        memcpy(joined + jn, nt, (size_t)m * sizeof *nt);
        jn += (size_t)m;
        free(nt);
        line_toks++;
        any = true;
    }
    if (!any) { /* "".split(" ") is [""]: one empty token */
        uint32_t id = S_token_id(c, u, 0);
        if (id == UINT32_MAX || !S_ids_push(&t->toks, id))
            goto out;
    }
    t->chars = t->toks.n - 1;
    for (size_t k = 0; k < t->toks.n; k++) {
        size_t ncl;
        S_token_clusters(c, t->toks.v[k], &ncl);
        t->chars += ncl;
    }
    /* ICU words: segments with a word rule status (letters, numbers, kana,
     * ideographs), not spaces or punctuation */
    if (jn) {
        e = U_ZERO_ERROR;
        ubrk_setText(c->words, joined, (int32_t)jn, &e);
        if (U_FAILURE(e)) {
            st = BERPA_E_INPUT;
            goto out;
        }
        int32_t a = ubrk_first(c->words);
        for (int32_t b = ubrk_next(c->words); b != UBRK_DONE; a = b, b = ubrk_next(c->words)) {
            if (ubrk_getRuleStatus(c->words) < UBRK_WORD_NONE_LIMIT)
                continue;
            uint32_t id = bp_intern_get(&c->word, joined + a, (size_t)(b - a) * sizeof *joined);
            if (id == UINT32_MAX || !S_ids_push(&t->words, id))
                goto out;
        }
        /* the word breaker must not keep a pointer into freed text */
        ubrk_setText(c->words, u, 0, &e);
    }
    st = BERPA_OK;
out:
    free(joined);
    free(u);
    return st;
}

/* ---- operations and confusions ----------------------------------------------- */
static berpa_status S_conf_add(bp_eval *r, const char *g, const char *o, uint64_t count)
{
    for (size_t i = 0; i < r->nconf; i++)
        if (strcmp(r->conf[i].gold, g) == 0 && strcmp(r->conf[i].out, o) == 0) {
            r->conf[i].count += count;
            return BERPA_OK;
        }
    bp_confusion *nc = bp_grow(r->conf, &r->capconf, r->nconf + 1, sizeof *nc, 32);
    if (!nc)
        return BERPA_E_NOMEM;
    r->conf = nc;
    char *gd = strdup(g), *od = strdup(o);
    if (!gd || !od) {
        free(gd);
        free(od);
        return BERPA_E_NOMEM;
    }
    r->conf[r->nconf++] = (bp_confusion){ gd, od, count };
    return BERPA_OK;
}

/* Clusters seq[a..b) as UTF-8 into buf (cap bytes, NUL-terminated). */
static void S_clusters_utf8(const S_ctx *c, const uint32_t *seq, size_t a, size_t b, char *buf,
                            size_t cap)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t k = a; k < b; k++) {
        uint32_t id = seq[k];
        const UChar *s = (const UChar *)(const void *)bp_intern_str(&c->cl, id);
        int32_t n = (int32_t)(c->cl.len[id] / sizeof(UChar));
        int32_t w = 0;
        UErrorCode e = U_ZERO_ERROR;
        if (o + 1 >= cap)
            return;
        u_strToUTF8WithSub(buf + o, (int32_t)(cap - o - 1), &w, s, n, 0xFFFD, NULL, &e);
        if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING || o + (size_t)w >= cap)
            return;
        o += (size_t)w;
        buf[o] = '\0';
    }
}

/* A confusion of gold ga..gb -> out oa..ob, when short enough to table. */
static berpa_status S_confusion(bp_eval *r, const S_ctx *c, const uint32_t *g, size_t ga, size_t gb,
                                const uint32_t *o, size_t oa, size_t ob)
{
    if (gb - ga > S_CONF_MAX || ob - oa > S_CONF_MAX)
        return BERPA_OK;
    char gs[S_CONF_MAX * 16 + 1], os[S_CONF_MAX * 16 + 1];
    S_clusters_utf8(c, g, ga, gb, gs, sizeof gs);
    S_clusters_utf8(c, o, oa, ob, os, sizeof os);
    return S_conf_add(r, gs, os, 1);
}

/* Levenshtein distance of g and o (cluster ids), score.py's lev(); when the
 * matrix is small enough, also the operations by kind and the confusions
 * (each maximal run of edits between two matching clusters is one). */
static berpa_status S_lev(bp_eval *r, const S_ctx *c, const uint32_t *g, size_t ng, const uint32_t *o,
                          size_t no, uint64_t *dist)
{
    if ((uint64_t)(ng + 1) * (uint64_t)(no + 1) > S_EXACT_CELLS) {
        *dist = ng > no ? ng : no;
        r->char_unaligned += *dist;
        r->approx_runs++;
        return BERPA_OK;
    }
    size_t *prev = malloc((no + 1) * sizeof *prev), *cur = malloc((no + 1) * sizeof *cur);
    bool trace = (ng + 1) * (no + 1) <= S_TRACE_CELLS;
    unsigned char *dir = trace ? malloc((ng + 1) * (no + 1)) : NULL;
    if (!prev || !cur || (trace && !dir)) {
        free(prev);
        free(cur);
        free(dir);
        return BERPA_E_NOMEM;
    }
    /* dir: 0 diagonal, 1 up (gold deleted), 2 left (out inserted) */
    for (size_t j = 0; j <= no; j++) {
        prev[j] = j;
        if (trace)
            dir[j] = 2;
    }
    for (size_t i = 1; i <= ng; i++) {
        cur[0] = i;
        if (trace)
            dir[i * (no + 1)] = 1;
        for (size_t j = 1; j <= no; j++) {
            size_t d = prev[j - 1] + (g[i - 1] != o[j - 1]);
            size_t u = prev[j] + 1, l = cur[j - 1] + 1;
            unsigned char w = 0;
            if (u < d)
                d = u, w = 1;
            if (l < d)
                d = l, w = 2;
            cur[j] = d;
            if (trace)
                dir[i * (no + 1) + j] = w;
        }
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    *dist = prev[no];
    berpa_status st = BERPA_OK;
    if (!trace) {
        r->char_unaligned += *dist;
    } else {
        size_t i = ng, j = no, ei = ng, ej = no; /* ei, ej: end of the pending edit run */
        while (i > 0 || j > 0) {
            unsigned char w = (i == 0) ? 2 : (j == 0) ? 1 : dir[i * (no + 1) + j];
            if (w == 0 && g[i - 1] == o[j - 1]) {
                if ((ei != i || ej != j) && st == BERPA_OK)
                    st = S_confusion(r, c, g, i, ei, o, j, ej);
                i--, j--;
                ei = i, ej = j;
                continue;
            }
            if (w == 0)
                r->char_sub++, i--, j--;
            else if (w == 1)
                r->char_del++, i--;
            else
                r->char_ins++, j--;
        }
        if ((ei != 0 || ej != 0) && st == BERPA_OK)
            st = S_confusion(r, c, g, 0, ei, o, 0, ej);
    }
    free(prev);
    free(cur);
    free(dir);
    return st;
}

/* The clusters of tokens toks[a..b) joined by spaces, into *seq. */
static bool S_run(const S_ctx *c, const S_ids *toks, size_t a, size_t b, S_ids *seq)
{
    seq->n = 0;
    for (size_t k = a; k < b; k++) {
        if (k > a && !S_ids_push(seq, c->space))
            return false;
        size_t n;
        const uint32_t *cl = S_token_clusters(c, toks->v[k], &n);
        for (size_t t = 0; t < n; t++)
            if (!S_ids_push(seq, cl[t]))
                return false;
    }
    return true;
}

/* ---- the evaluation ----------------------------------------------------------- */
berpa_status bp_eval_text(const char *gold, size_t glen, const char *out, size_t olen,
                          const bp_eval_opts *o, bp_eval *r)
{
    memset(r, 0, sizeof *r);
    r->docs = 1;
    S_ctx c = { .fold = o && o->fold };
    S_text tg = { 0 }, to = { 0 };
    S_ids sg = { 0 }, so = { 0 };
    S_op *ops = NULL, *wops = NULL;
    bool *ok_tok = NULL;
    berpa_status st = BERPA_E_INPUT;
    UErrorCode e = U_ZERO_ERROR;
    c.nfc = unorm2_getNFCInstance(&e);
    c.chars = ubrk_open(UBRK_CHARACTER, "az", NULL, 0, &e);
    c.words = ubrk_open(UBRK_WORD, "az", NULL, 0, &e);
    if (U_FAILURE(e))
        goto out;
    st = BERPA_E_NOMEM;
    static const UChar sp = ' ';
    c.space = bp_intern_get(&c.cl, &sp, sizeof sp);
    if (c.space == UINT32_MAX)
        goto out;
    if ((st = S_prepare(&c, gold, glen, &tg)) != BERPA_OK ||
        (st = S_prepare(&c, out, olen, &to)) != BERPA_OK)
        goto out;
    st = BERPA_E_NOMEM;
    r->gold_chars = tg.chars;
    r->out_chars = to.chars;
    r->gold_tokens = tg.toks.n;
    r->out_tokens = to.toks.n;
    r->gold_words = tg.words.n;
    r->out_words = to.words.n;
    r->gold_paras = tg.para_starts.n;
    r->out_paras = to.para_starts.n;

    size_t nops = S_opcodes(tg.toks.v, tg.toks.n, to.toks.v, to.toks.n, c.tok.n, &ops);
    if (nops == SIZE_MAX)
        goto out;
    ok_tok = calloc(tg.toks.n + 1, sizeof *ok_tok);
    bool *out_start = calloc(to.toks.n + 1, sizeof *out_start);
    if (!ok_tok || !out_start) {
        free(out_start);
        goto out;
    }
    for (size_t k = 0; k < to.para_starts.n; k++)
        out_start[to.para_starts.v[k]] = true;
    bool *gold_mapped = calloc(tg.toks.n + 1, sizeof *gold_mapped);
    if (!gold_mapped) {
        free(out_start);
        goto out;
    }
    st = BERPA_OK;
    for (size_t k = 0; k < nops && st == BERPA_OK; k++) {
        S_op p = ops[k];
        size_t ng = p.i2 - p.i1, no = p.j2 - p.j1;
        if (p.tag == S_EQUAL) {
            for (size_t t = 0; t < ng; t++) {
                ok_tok[p.i1 + t] = true;
                if (out_start[p.j1 + t])
                    gold_mapped[p.i1 + t] = true;
            }
            continue;
        }
        r->token_edits += ng > no ? ng : no;
        r->token_sub += ng < no ? ng : no;
        if (ng > no)
            r->token_del += ng - no;
        else
            r->token_ins += no - ng;
        uint64_t d;
        if (!S_run(&c, &tg.toks, p.i1, p.i2, &sg) || !S_run(&c, &to.toks, p.j1, p.j2, &so)) {
            st = BERPA_E_NOMEM;
            break;
        }
        st = S_lev(r, &c, sg.v, sg.n, so.v, so.n, &d);
        /* a run on one side only also takes the space that separated it */
        if ((ng == 0) != (no == 0)) {
            d++;
            if (ng == 0)
                r->char_ins++;
            else
                r->char_del++;
        }
        r->char_edits += d;
    }
    for (size_t k = 0; k < tg.para_starts.n; k++)
        if (gold_mapped[tg.para_starts.v[k]])
            r->para_right++;
    free(out_start);
    free(gold_mapped);
    if (st != BERPA_OK)
        goto out;

    size_t nw = S_opcodes(tg.words.v, tg.words.n, to.words.v, to.words.n, c.word.n, &wops);
    if (nw == SIZE_MAX) {
        st = BERPA_E_NOMEM;
        goto out;
    }
    for (size_t k = 0; k < nw; k++)
        if (wops[k].tag != S_EQUAL) {
            size_t ng = wops[k].i2 - wops[k].i1, no = wops[k].j2 - wops[k].j1;
            r->word_edits += ng > no ? ng : no;
        }

    if (o && o->sites) {
        r->has_sites = true;
        r->sites = o->nsites;
        for (size_t k = 0; k < o->nsites; k++) {
            const bp_eval_site *s = &o->sites[k];
            bool ok = s->tok >= 0 && (uint64_t)s->tok < tg.toks.n && ok_tok[s->tok];
            r->sites_right += ok;
            if (s->keep) {
                r->keep_sites++;
                r->keep_right += ok;
            }
            if (!ok && r->nwrong < S_WRONG_MAX) {
                if (!r->wrong && !(r->wrong = calloc(S_WRONG_MAX, sizeof *r->wrong))) {
                    st = BERPA_E_NOMEM;
                    goto out;
                }
                if (!(r->wrong[r->nwrong] = strdup(s->word ? s->word : ""))) {
                    st = BERPA_E_NOMEM;
                    goto out;
                }
                r->nwrong++;
            }
        }
    }
out:
    free(ops);
    free(wops);
    free(ok_tok);
    free(sg.v);
    free(so.v);
    S_text_free(&tg);
    S_text_free(&to);
    if (c.chars)
        ubrk_close(c.chars);
    if (c.words)
        ubrk_close(c.words);
    bp_intern_free(&c.tok);
    bp_intern_free(&c.word);
    bp_intern_free(&c.cl);
    free(c.tok_cl_off.v);
    free(c.tok_cl.v);
    return st;
}

berpa_status bp_eval_add(bp_eval *d, const bp_eval *s)
{
    d->docs += s->docs;
    d->gold_chars += s->gold_chars;
    d->out_chars += s->out_chars;
    d->char_edits += s->char_edits;
    d->char_sub += s->char_sub;
    d->char_ins += s->char_ins;
    d->char_del += s->char_del;
    d->char_unaligned += s->char_unaligned;
    d->approx_runs += s->approx_runs;
    d->gold_tokens += s->gold_tokens;
    d->out_tokens += s->out_tokens;
    d->token_edits += s->token_edits;
    d->token_sub += s->token_sub;
    d->token_ins += s->token_ins;
    d->token_del += s->token_del;
    d->gold_words += s->gold_words;
    d->out_words += s->out_words;
    d->word_edits += s->word_edits;
    d->has_sites |= s->has_sites;
    d->sites += s->sites;
    d->sites_right += s->sites_right;
    d->keep_sites += s->keep_sites;
    d->keep_right += s->keep_right;
    d->gold_paras += s->gold_paras;
    d->out_paras += s->out_paras;
    d->para_right += s->para_right;
    for (size_t k = 0; k < s->nwrong && d->nwrong < S_WRONG_MAX; k++) {
        if (!d->wrong && !(d->wrong = calloc(S_WRONG_MAX, sizeof *d->wrong)))
            return BERPA_E_NOMEM;
        if (!(d->wrong[d->nwrong] = strdup(s->wrong[k])))
            return BERPA_E_NOMEM;
        d->nwrong++;
    }
    for (size_t k = 0; k < s->nconf; k++)
        if (S_conf_add(d, s->conf[k].gold, s->conf[k].out, s->conf[k].count) != BERPA_OK)
            return BERPA_E_NOMEM;
    return BERPA_OK;
}

void bp_eval_free(bp_eval *r)
{
    for (size_t k = 0; k < r->nwrong; k++)
        free(r->wrong[k]);
    free(r->wrong);
    for (size_t k = 0; k < r->nconf; k++) {
        free(r->conf[k].gold);
        free(r->conf[k].out);
    }
    free(r->conf);
    memset(r, 0, sizeof *r);
}

static double S_ratio(uint64_t a, uint64_t b) { return (double)a / (double)(b ? b : 1); }

double bp_eval_cer(const bp_eval *r) { return S_ratio(r->char_edits, r->gold_chars); }
double bp_eval_wer(const bp_eval *r) { return S_ratio(r->token_edits, r->gold_tokens); }
double bp_eval_word_er(const bp_eval *r) { return S_ratio(r->word_edits, r->gold_words); }
double bp_eval_hyphen_acc(const bp_eval *r) { return S_ratio(r->sites_right, r->sites); }
double bp_eval_keep_acc(const bp_eval *r) { return S_ratio(r->keep_right, r->keep_sites); }

double bp_eval_para_f1(const bp_eval *r)
{
    double p = S_ratio(r->para_right, r->out_paras), q = S_ratio(r->para_right, r->gold_paras);
    return 2 * p * q / (p + q > 1e-9 ? p + q : 1e-9);
}

static int S_conf_cmp(const void *x, const void *y)
{
    const bp_confusion *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    int c = strcmp(a->gold, b->gold);
    return c ? c : strcmp(a->out, b->out);
}

void bp_eval_sort_confusions(bp_eval *r)
{
    if (r->nconf)
        qsort(r->conf, r->nconf, sizeof *r->conf, S_conf_cmp);
}

/* ---- sites files ------------------------------------------------------------------ */
void bp_eval_sites_free(bp_eval_site *sites, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(sites[k].word);
    free(sites);
}

berpa_status bp_eval_sites_load(const char *path, bp_eval_site **sites, size_t *n, char *err,
                                size_t errcap)
{
    *sites = NULL;
    *n = 0;
    json_object *root = json_object_from_file(path);
    if (!root) {
        snprintf(err, errcap, "cannot read a JSON document: %s", json_util_get_last_err());
        return BERPA_E_IO;
    }
    berpa_status st = BERPA_E_INPUT;
    if (!json_object_is_type(root, json_type_array)) {
        snprintf(err, errcap, "expected an array of hyphen sites");
        goto out;
    }
    size_t len = json_object_array_length(root);
    bp_eval_site *s = calloc(len ? len : 1, sizeof *s);
    if (!s) {
        st = BERPA_E_NOMEM;
        goto out;
    }
    for (size_t k = 0; k < len; k++) {
        json_object *it = json_object_array_get_idx(root, k), *tok, *keep, *word;
        if (!json_object_is_type(it, json_type_object) || !json_object_object_get_ex(it, "tok", &tok) ||
            !json_object_is_type(tok, json_type_int)) {
            snprintf(err, errcap, "site %zu: no integer \"tok\"", k + 1);
            bp_eval_sites_free(s, len);
            goto out;
        }
        s[k].tok = json_object_get_int64(tok);
        s[k].keep = json_object_object_get_ex(it, "keep", &keep) && json_object_get_boolean(keep);
        const char *w = json_object_object_get_ex(it, "word", &word) ? json_object_get_string(word) : "";
        if (!(s[k].word = strdup(w ? w : ""))) {
            bp_eval_sites_free(s, len);
            st = BERPA_E_NOMEM;
            goto out;
        }
    }
    *sites = s;
    *n = len;
    st = BERPA_OK;
out:
    json_object_put(root);
    return st;
}

/* ---- output ------------------------------------------------------------------------- */
static void S_json_str(FILE *fp, const char *s)
{
    json_object *j = json_object_new_string(s);
    fputs(j ? json_object_to_json_string_ext(j, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
            : "\"\"",
          fp);
    json_object_put(j);
}

void bp_eval_write_json(FILE *fp, const bp_eval *r, const char *name, size_t top)
{
    fputc('{', fp);
    if (name) {
        fputs("\"name\":", fp);
        S_json_str(fp, name);
        fputc(',', fp);
    }
    fprintf(fp,
            "\"docs\":%llu,\"cer\":%.5f,\"wer\":%.5f,\"word_wer\":%.5f,\"gold_tokens\":%llu,"
            "\"out_tokens\":%llu,\"gold_words\":%llu,\"out_words\":%llu,\"gold_chars\":%llu,"
            "\"out_chars\":%llu,",
            (unsigned long long)r->docs, bp_eval_cer(r), bp_eval_wer(r), bp_eval_word_er(r),
            (unsigned long long)r->gold_tokens, (unsigned long long)r->out_tokens,
            (unsigned long long)r->gold_words, (unsigned long long)r->out_words,
            (unsigned long long)r->gold_chars, (unsigned long long)r->out_chars);
    fprintf(fp,
            "\"cer_exact\":%s,"
            "\"char_ops\":{\"edits\":%llu,\"sub\":%llu,\"ins\":%llu,\"del\":%llu,\"untraced\":%llu},"
            "\"token_ops\":{\"edits\":%llu,\"sub\":%llu,\"ins\":%llu,\"del\":%llu},",
            r->approx_runs ? "false" : "true", (unsigned long long)r->char_edits, (unsigned long long)r->char_sub,
            (unsigned long long)r->char_ins, (unsigned long long)r->char_del,
            (unsigned long long)r->char_unaligned, (unsigned long long)r->token_edits,
            (unsigned long long)r->token_sub, (unsigned long long)r->token_ins,
            (unsigned long long)r->token_del);
    if (r->has_sites) {
        fprintf(fp, "\"hyphen_sites\":%llu,\"hyphen_acc\":%.5f,\"keep_sites\":%llu,\"keep_acc\":%.5f,"
                    "\"hyphen_wrong\":[",
                (unsigned long long)r->sites, bp_eval_hyphen_acc(r), (unsigned long long)r->keep_sites,
                bp_eval_keep_acc(r));
        for (size_t k = 0; k < r->nwrong; k++) {
            if (k)
                fputc(',', fp);
            S_json_str(fp, r->wrong[k]);
        }
        fputs("],", fp);
    }
    fprintf(fp, "\"gold_paras\":%llu,\"out_paras\":%llu,\"para_f1\":%.4f,\"confusions\":[",
            (unsigned long long)r->gold_paras, (unsigned long long)r->out_paras, bp_eval_para_f1(r));
    for (size_t k = 0; k < r->nconf && k < top; k++) {
        fputs(k ? ",{\"gold\":" : "{\"gold\":", fp);
        S_json_str(fp, r->conf[k].gold);
        fputs(",\"out\":", fp);
        S_json_str(fp, r->conf[k].out);
        fprintf(fp, ",\"count\":%llu}", (unsigned long long)r->conf[k].count);
    }
    fputs("]}\n", fp);
}

void bp_eval_write_human(FILE *fp, const bp_eval *r, const char *name, size_t top)
{
    if (name)
        fprintf(fp, "== %s\n", name);
    fprintf(fp, "cer: %.5f  (%llu edits / %llu characters: %llu substituted, %llu inserted, "
                "%llu deleted%s)\n",
            bp_eval_cer(r), (unsigned long long)r->char_edits, (unsigned long long)r->gold_chars,
            (unsigned long long)r->char_sub, (unsigned long long)r->char_ins,
            (unsigned long long)r->char_del, r->char_unaligned ? ", some in runs too long to trace" : "");
    if (r->approx_runs)
        fprintf(fp, "note: %llu run(s) too long to align: cer is an upper bound\n",
                (unsigned long long)r->approx_runs);
    fprintf(fp, "wer: %.5f  (%llu edits / %llu tokens: %llu substituted, %llu inserted, %llu deleted)\n",
            bp_eval_wer(r), (unsigned long long)r->token_edits, (unsigned long long)r->gold_tokens,
            (unsigned long long)r->token_sub, (unsigned long long)r->token_ins,
            (unsigned long long)r->token_del);
    fprintf(fp, "word_wer: %.5f  (%llu edits / %llu words, punctuation aside)\n", bp_eval_word_er(r),
            (unsigned long long)r->word_edits, (unsigned long long)r->gold_words);
    fprintf(fp, "gold_tokens: %llu\nout_tokens: %llu\n", (unsigned long long)r->gold_tokens,
            (unsigned long long)r->out_tokens);
    if (r->has_sites) {
        fprintf(fp, "hyphen_acc: %.5f  (%llu of %llu sites)\nkeep_acc: %.5f  (%llu of %llu)\n",
                bp_eval_hyphen_acc(r), (unsigned long long)r->sites_right, (unsigned long long)r->sites,
                bp_eval_keep_acc(r), (unsigned long long)r->keep_right,
                (unsigned long long)r->keep_sites);
        if (r->nwrong) {
            fputs("hyphen_wrong:", fp);
            for (size_t k = 0; k < r->nwrong; k++)
                fprintf(fp, " %s", r->wrong[k]);
            fputc('\n', fp);
        }
    }
    fprintf(fp, "para_f1: %.4f  (%llu of %llu gold paragraph starts, %llu in the output)\n",
            bp_eval_para_f1(r), (unsigned long long)r->para_right, (unsigned long long)r->gold_paras,
            (unsigned long long)r->out_paras);
    if (r->nconf && top) {
        fputs("confusions (gold -> output, count):\n", fp);
        for (size_t k = 0; k < r->nconf && k < top; k++)
            fprintf(fp, "  %6llu  \"%s\" -> \"%s\"\n", (unsigned long long)r->conf[k].count,
                    r->conf[k].gold, r->conf[k].out);
    }
}
