/*
 * correct.c: the OCR correction stage.  Restores words tesseract misread,
 * after normalisation and before dehyphenation, one line at a time.
 *
 * Candidates come from the learned error model (dict/az_AZ.errors, see
 * scripts/learn-errors.py): each confusion "the OCR read GOLD as OCR" is
 * undone at each position of a word, once or twice, within a cost bound,
 * and a candidate counts only when the lexicon knows it (frequency table,
 * the document itself, then Hunspell, so that inflected forms the affix
 * file generates are reachable without Hunspell_suggest).  Words read as
 * two (ti rəfdən) are joined, a word that swallowed a frequent short word
 * (Coğrafiyasivə) is split, and a capital inside a word is lowered.
 *
 * Ranking is a noisy channel: error cost (-ln P(ocr | gold)) against the
 * candidate's prior, from its corpus frequency and, far stronger, its count
 * in the same document.  Keeping the word is always a candidate, and a
 * strong one for what may be a name, a foreign word or a spelling the
 * document uses throughout.  The confidence of a decision is the posterior
 * of the best alternative; below the threshold it is only reported.
 *
 * Do no harm: a word the dictionary accepts is changed only when a
 * one-confusion neighbour is overwhelmingly more frequent in the corpus and
 * present in the document; numbers, acronyms, words broken at a line end
 * and words the document itself repeats are never changed.
 */
#include "stages.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_MAXW 64            /* longest word examined, in bytes            */
#define S_MAXC 4096          /* candidates kept for one word               */
#define S_HSLOTS 8192        /* their hash set (a power of two > 2 S_MAXC)  */
#define S_COST1 8.0f         /* bound on the cost of one confusion         */
#define S_COST2 9.0f         /* bound on the cost of two                   */
#define S_ALTFORMS 32        /* forms from tesseract's readings, a word     */
#define S_SPELLS 12          /* Hunspell look-ups allowed for one word     */
#define S_QUOTE_LINES 3      /* lines a quotation is looked for in, back */
#define S_FRAGMENT 10        /* a tail this much rarer than its head: a
                              * broken word's fragment, no compound part   */
#define S_REAL_MAX 2000      /* corpus frequency past which a known word is
                                never suspected of being a real-word error */

/* ---- the error model ----------------------------------------------------------- */
typedef struct S_conf {
    char ocr[8], gold[8];
    uint8_t olen, glen;
    bool word;               /* letters and digits only: used inside words  */
    bool gup, oup;           /* gold, ocr start with a capital             */
    bool gletters;           /* gold is letters only (or empty)            */
    float cost;
} S_conf;

/* Confusions as indices into the table, in table order, with the least
 * cost from each one to the list's end: a search bounded by cost stops
 * where no later one can be cheap enough. */
typedef struct S_clist {
    uint32_t *ix;
    float *minc;
    uint32_t n, cap;
} S_clist;

struct bp_errmodel {
    S_conf *c;
    size_t n, cap;
    float split, merge;      /* one word read as two, two as one          */
    /* The word confusions that can apply where a word has byte b: those
     * whose OCR side starts with b and the insertions (the OCR read
     * nothing), merged; [256] the insertions alone, for a word's end.
     * At a position S_expand tries only these, in table order. */
    S_clist by[257];
};

/* Appends confusion j of cost to l; false when out of memory. */
static bool S_clist_add(S_clist *l, uint32_t j, float cost)
{
    if (l->n == l->cap) {
        uint32_t nc = l->cap ? l->cap * 2 : 8;
        uint32_t *ix = realloc(l->ix, nc * sizeof *ix);
        if (ix)
            l->ix = ix;
        float *mc = ix ? realloc(l->minc, nc * sizeof *mc) : NULL;
        if (!mc)
            return false;
        l->minc = mc;
        l->cap = nc;
    }
    l->ix[l->n] = j;
    l->minc[l->n++] = cost;
    for (uint32_t k = l->n - 1; k-- > 0 && l->minc[k] > cost;)
        l->minc[k] = cost;
    return true;
}

static bool S_upper_at(const char *s, size_t n);

/* Is every character of s (n bytes, UTF-8) a letter or a digit? */
static bool S_wordchars(const char *s, size_t n)
{
    size_t k;
    for (size_t i = 0; i < n; i += k)
        if (!bp_az_is_wordchar(bp_utf8_next(s + i, n - i, &k)))
            return false;
    return true;
}

bp_errmodel *bp_errmodel_new(void)
{
    bp_errmodel *em = calloc(1, sizeof *em);
    if (em)
        em->split = em->merge = 9.0f;
    return em;
}

void bp_errmodel_free(bp_errmodel *em)
{
    if (!em)
        return;
    for (size_t b = 0; b < 257; b++) {
        free(em->by[b].ix);
        free(em->by[b].minc);
    }
    free(em->c);
    free(em);
}

bool bp_errmodel_add(bp_errmodel *em, const char *ocr, const char *gold, float cost)
{
    size_t ol = strlen(ocr), gl = strlen(gold);
    if (ol >= sizeof em->c->ocr || gl >= sizeof em->c->gold || (ol == 0 && gl == 0))
        return true; /* nothing a word search could use: ignored, not an error */
    if (em->n == em->cap) {
        size_t nc = em->cap ? em->cap * 2 : 64;
        S_conf *c = realloc(em->c, nc * sizeof *c);
        if (!c)
            return false;
        em->c = c;
        em->cap = nc;
    }
    S_conf *c = &em->c[em->n++];
    memset(c, 0, sizeof *c);
    memcpy(c->ocr, ocr, ol);
    memcpy(c->gold, gold, gl);
    c->olen = (uint8_t)ol;
    c->glen = (uint8_t)gl;
    c->cost = cost;
    c->word = S_wordchars(ocr, ol) && S_wordchars(gold, gl);
    c->gup = gl > 0 && S_upper_at(gold, gl);
    c->oup = ol > 0 && S_upper_at(ocr, ol);
    c->gletters = bp_az_all_letters(gold, gl);
    if (!c->word)
        return true;
    /* an insertion goes into every list, another confusion into its byte's */
    uint32_t j = (uint32_t)(em->n - 1);
    size_t b0 = ol ? (unsigned char)ocr[0] : 0, b1 = ol ? b0 + 1 : 257;
    for (size_t b = b0; b < b1; b++) {
        if (!S_clist_add(&em->by[b], j, cost)) {
            /* undone where it went in (the costs to the end stay lower
             * bounds), so the table is as it was */
            while (b-- > b0)
                em->by[b].n--;
            em->n--;
            return false;
        }
    }
    return true;
}

size_t bp_errmodel_size(const bp_errmodel *em) { return em ? em->n : 0; }

/* Splits a tab-separated line in place into at most n fields. */
static size_t S_fields(char *s, char **f, size_t n)
{
    size_t k = 0;
    while (k < n) {
        f[k++] = s;
        char *t = strchr(s, '\t');
        if (!t)
            break;
        *t = '\0';
        s = t + 1;
    }
    return k;
}

berpa_status bp_errmodel_load(bp_errmodel *em, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return BERPA_E_IO;
    char line[256];
    berpa_status st = BERPA_OK;
    while (st == BERPA_OK && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        char *fl[5];
        if (line[0] == '#' || S_fields(line, fl, 5) != 5)
            continue;
        float cost = strtof(fl[4], NULL);
        if (!(cost >= 0.0f && cost < 100.0f))
            continue;
        if (strcmp(fl[0], "sub") == 0) {
            if (!bp_errmodel_add(em, fl[1], fl[2], cost))
                st = BERPA_E_NOMEM;
        } else if (strcmp(fl[0], "split") == 0) {
            em->split = cost;
        } else if (strcmp(fl[0], "merge") == 0) {
            em->merge = cost;
        } /* "never" and unknown kinds: information for readers */
    }
    fclose(f);
    return st;
}

/* ---- word classes --------------------------------------------------------------- */
typedef struct S_word {
    uint32_t at, len;        /* span in the line text                       */
    uint32_t nch;            /* characters                                  */
    uint32_t nup;            /* capitals                                    */
    bool digit, upper1, inner_upper, all_upper, hyphen;
    bool attached;           /* a hyphen right before or after it (a suffix
                                of a number or acronym, a compound's part)  */
    bool abbrev;             /* up to three letters and a full stop (Dr.),
                                or a short vowel-less word (Dr, km)        */
} S_word;

/* Scans the word (letters, digits, inner hyphens) starting at s[i]. */
static S_word S_scan(const char *s, size_t n, size_t i)
{
    S_word w = { .at = (uint32_t)i };
    size_t k, nup = 0, nlet = 0;
    while (i < n) {
        uint32_t cp = bp_utf8_next_fast(s + i, n - i, &k);
        if (bp_az_is_wordchar(cp)) {
            bool up = bp_az_is_upper(cp);
            if (cp >= '0' && cp <= '9')
                w.digit = true;
            else
                nlet++;
            if (up) {
                nup++;
                if (w.nch == 0)
                    w.upper1 = true;
                else
                    w.inner_upper = true;
            }
        } else if (bp_az_is_inner_hyphen(cp) && i + k < n) {
            size_t k2;
            if (!bp_az_is_wordchar(bp_utf8_next_fast(s + i + k, n - i - k, &k2)))
                break;
            w.hyphen = true;
        } else {
            break;
        }
        w.nch++;
        i += k;
    }
    w.len = (uint32_t)i - w.at;
    w.nup = (uint32_t)nup;
    w.all_upper = nlet >= 2 && nup == nlet;
    size_t k0;
    uint32_t before = w.at > 0 ? bp_utf8_prev(s, w.at, &k0) : ' ';
    uint32_t after = i < n ? bp_utf8_next(s + i, n - i, &k0) : ' ';
    /* a suffix after a closing quote or bracket (ocağı»nın, “Müsavat”dan) */
    bool closer = before == 0x00BB || before == 0x201D || before == 0x2019 || before == '"' ||
                  before == '\'' || before == ')' || before == ']';
    w.attached = bp_az_is_inner_hyphen(before) || bp_az_is_inner_hyphen(after) || closer;
    /* every Azerbaijani syllable has a vowel: a short vowel-less word
     * with a capital or a point after it is an abbreviation (Dr, km,
     * mln), whatever the OCR did to its point (Dr, R. Məmmədov) */
    bool vowel = false;
    for (size_t j = w.at; j < i && !vowel; j += k0)
        vowel = bp_az_is_vowel(bp_utf8_next_fast(s + j, i - j, &k0));
    w.abbrev = (after == '.' && w.nch <= 3) ||
               (!vowel && !w.digit && w.nch <= 4 && (w.upper1 || after == '.' || after == ','));
    return w;
}

/* ---- candidates ------------------------------------------------------------------- */
typedef struct S_cand {
    char s[S_MAXW];
    uint8_t len;
    uint8_t next;            /* where a further confusion may start         */
    uint8_t pre;             /* bytes up to the end of the first confusion  */
    bool plain;              /* no possible capital: s is its own key      */
    bool letters;            /* bp_az_all_letters(s): letters only                 */
    float cost;              /* error-model cost                            */
    uint64_t h;              /* bp_lexkey_hash of s (the set's hash too)    */
    const char *why;
} S_cand;

/* The set's slots hold the generation they were filled in (high bits)
 * and 1 + an index into c (low S_IXBITS bits): a slot of an older
 * generation is empty, so a reset is one increment, not a clear of the
 * whole set for every word. */
#define S_IXBITS 13
#define S_GENMAX (UINT32_MAX >> S_IXBITS)

typedef struct S_ctx {
    const bp_lexicon *lx;
    const bp_errmodel *em;
    const bp_wordstats *ws;
    S_cand c[S_MAXC];
    size_t nc;
    uint32_t set[S_HSLOTS];
    uint32_t gen;            /* the current generation, >= 1               */
    unsigned spells;
    /* S_order's indices and its merge buffer; S_rank's look-ups of the
     * candidates it ranks, by index into c */
    uint16_t ix[S_MAXC], tmp[S_MAXC];
    uint64_t efreq[S_MAXC];
    uint32_t edoc[S_MAXC];
    bool esp[S_MAXC];
} S_ctx;

static uint32_t S_fnv(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void S_reset(S_ctx *x)
{
    x->nc = 0;
    x->spells = 0;
    if (++x->gen >= S_GENMAX || x->gen == 1) {
        memset(x->set, 0, sizeof x->set);
        x->gen = 1;
    }
}

/* The candidate in slot j of the set, or NULL when the slot is empty. */
static inline S_cand *S_slot(S_ctx *x, size_t j)
{
    uint32_t v = x->set[j];
    return v >> S_IXBITS == x->gen ? &x->c[(v & ((1u << S_IXBITS) - 1)) - 1] : NULL;
}

/* Adds a candidate unless it is there already (the first, cheapest-found
 * way to reach a form is kept: the search goes by position, not cost, so
 * a cheaper later way replaces the cost). */
static void S_push_h(S_ctx *x, const char *s, size_t n, uint64_t h, bool plain, size_t next,
                     size_t pre, float cost, bool letters, const char *why)
{
    if (n == 0 || n >= S_MAXW)
        return;
    size_t j = h & (S_HSLOTS - 1);
    for (S_cand *o; (o = S_slot(x, j)); j = (j + 1) & (S_HSLOTS - 1)) {
        if (o->h == h && o->len == n && memcmp(o->s, s, n) == 0) {
            if (cost < o->cost)
                o->cost = cost;
            return;
        }
    }
    if (x->nc == S_MAXC)
        return;
    S_cand *c = &x->c[x->nc];
    memcpy(c->s, s, n);
    c->len = (uint8_t)n;
    c->next = (uint8_t)next;
    c->pre = (uint8_t)pre;
    c->cost = cost;
    c->why = why;
    c->h = h;
    c->plain = plain;
    c->letters = letters;
    x->set[j] = x->gen << S_IXBITS | (uint32_t)++x->nc;
}

/* S_push_h for a form not hashed yet. */
static void S_push(S_ctx *x, const char *s, size_t n, size_t next, size_t pre, float cost,
                   bool letters, const char *why)
{
    bool plain;
    uint64_t h = bp_lexkey_hash(s, n, &plain);
    S_push_h(x, s, n, h, plain, next, pre, cost, letters, why);
}

/* Undoes each confusion at each character boundary of w from byte `from`
 * on (bounded by max cost), appending the results to x with base + the
 * confusion's cost. */
static void S_expand(S_ctx *x, const char *w, size_t n, size_t from, size_t pre, float base,
                     float max, bool letters, const char *why)
{
    const bp_errmodel *em = x->em;
    char buf[S_MAXW];
    /* the characters of w that are no letter lie in [bad, bad_end): a
     * candidate is letters only when its confusion covers them all and
     * brings none (bp_az_all_letters of each candidate, found once a word) */
    size_t bad = n, bad_end = 0, k;
    for (size_t i = 0; !letters && i < n; i += k) {
        bp_utf8_next_fast(w + i, n - i, &k);
        if (!bp_az_all_letters(w + i, k)) {
            bad = bad < i ? bad : i;
            bad_end = i + k;
        }
    }
    /* buf holds w up to i, hp and pp its hash and plainness: a candidate
     * is hashed from i on (bp_lexkey_hash_more), not from its start */
    uint64_t hp = BP_LEXKEY_H0;
    bool pp = true;
    hp = bp_lexkey_hash_more(hp, w, from, &pp);
    memcpy(buf, w, from);
    for (size_t i = from; i <= n;) {
        /* the confusions that read w[i] first and the insertions, in
         * table order (the first way to reach a form is the one kept) */
        const S_clist *l = &em->by[i < n ? (unsigned char)w[i] : 256];
        for (uint32_t a = 0; a < l->n; a++) {
            if (base + l->minc[a] > max)
                break; /* none from here on is within the bound */
            const S_conf *c = &em->c[l->ix[a]];
            /* the first byte matches by the list (none for an insertion) */
            if (!c->word || base + c->cost > max || c->olen > n - i ||
                (c->olen > 1 && memcmp(w + i + 1, c->ocr + 1, c->olen - 1u) != 0))
                continue;
            /* insertions and deletions only inside the word */
            if ((c->olen == 0 || c->glen == 0) && (i == 0 || i + c->olen >= n))
                continue;
            /* a capital only where the word starts, and only for a
             * capital read (I -> İ), never a small letter raised */
            if (c->gup && (i > 0 || !c->oup))
                continue;
            size_t m = n - c->olen + c->glen;
            if (m >= S_MAXW)
                continue;
            memcpy(buf + i, c->gold, c->glen);
            memcpy(buf + i + c->glen, w + i + c->olen, n - i - c->olen);
            bool pl = pp;
            uint64_t h = bp_lexkey_hash_more(hp, buf + i, m - i, &pl);
            S_push_h(x, buf, m, h, pl, i + c->glen, pre ? pre : i + c->glen, base + c->cost,
                     i <= bad && i + c->olen >= bad_end && c->gletters, why);
        }
        if (i == n)
            break;
        bp_utf8_next_fast(w + i, n - i, &k);
        memcpy(buf + i, w + i, k);
        hp = bp_lexkey_hash_more(hp, w + i, k, &pp);
        i += k;
    }
}

/* Does s start with a capital? */
static bool S_upper_at(const char *s, size_t n)
{
    size_t k;
    return bp_az_is_upper(bp_utf8_next_fast(s, n, &k));
}


/* Evidence that s is a word: corpus frequency, document count, and
 * whether it is known at all (spell may ask Hunspell, within budget). */
typedef struct S_ev {
    uint64_t freq;
    uint32_t doc;
    bool known;
} S_ev;

static S_ev S_evidence(S_ctx *x, const char *s, size_t n, bool spell)
{
    S_ev e = { 0 };
    if (!bp_az_all_letters(s, n))
        return e;
    bp_lexkey key; /* lower-cased and hashed once for the three look-ups */
    bp_lexkey_set(&key, s, n);
    e.freq = bp_lexicon_freq_key(x->lx, &key);
    e.doc = x->ws ? bp_wordstats_count_key(x->ws, &key) : 0;
    e.known = e.freq > 0;
    if (!e.known && spell && x->spells < S_SPELLS) {
        x->spells++;
        e.known = bp_lexicon_known_key(x->lx, &key);
    }
    return e;
}

/* The prior of a word, as a cost: frequent forms and, above all, forms
 * the document itself uses are cheap. */
/* The weights of the ranking, as costs (natural-log units), tuned on the
 * learned fold (dev/wiki, dev/law) for the most fixes at no more harm:
 *   KEEP    keeping an unknown word as read;
 *   FREQ    per ln of corpus frequency;  DOC  per ln of document count;
 *   NAME    keeping a capitalised word that follows no sentence end;
 *   RARE    keeping a form the dictionary accepts and the corpus lacks. */
#define S_KEEP 5.0f
#define S_FREQ 0.45f
#define S_DOC 1.4f
#define S_NAME 3.0f
#define S_RARE 6.0f

static float S_prior(const S_ev *e)
{
    return -logf((float)e->freq + 1.0f) * S_FREQ - logf(1.0f + 4.0f * (float)e->doc) * S_DOC;
}

/* ---- the decision for one word ----------------------------------------------------- */
typedef struct S_pick {
    char s[S_MAXW];
    size_t len;
    float cert;
    const char *why;
    bool found;
} S_pick;

static int S_by_cost(const S_cand *x, const S_cand *y)
{
    if (x->cost != y->cost)
        return x->cost < y->cost ? -1 : 1;
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return memcmp(x->s, y->s, x->len); /* a total order: the same pick every run */
}

/* Sorts ix[0, n) (indices into x->c) cheapest candidate first: a merge
 * sort of two-byte indices rather than qsort moving the 80-byte
 * candidates.  S_by_cost is a total order, so every sort gives this one. */
static void S_order(const S_ctx *x, uint16_t *ix, uint16_t *tmp, size_t n)
{
    if (n < 12) {
        for (size_t i = 1; i < n; i++) {
            uint16_t v = ix[i];
            size_t j = i;
            for (; j > 0 && S_by_cost(&x->c[ix[j - 1]], &x->c[v]) > 0; j--)
                ix[j] = ix[j - 1];
            ix[j] = v;
        }
        return;
    }
    size_t h = n / 2;
    S_order(x, ix, tmp, h);
    S_order(x, ix + h, tmp, n - h);
    if (S_by_cost(&x->c[ix[h - 1]], &x->c[ix[h]]) <= 0)
        return; /* the halves are in order already */
    /* the left half aside, merged back from the start: the write position
     * never passes the right half's read position */
    memcpy(tmp, ix, h * sizeof *ix);
    size_t a = 0, b = h, o = 0;
    while (a < h && b < n)
        ix[o++] = S_by_cost(&x->c[tmp[a]], &x->c[ix[b]]) <= 0 ? tmp[a++] : ix[b++];
    while (a < h)
        ix[o++] = tmp[a++];
}

/* S_evidence of a candidate without Hunspell, from what S_push found of
 * it (letters only, its hash). */
static S_ev S_cand_ev(const S_ctx *x, const S_cand *c)
{
    S_ev e = { 0 };
    if (!c->letters)
        return e;
    bp_lexkey key;
    if (c->plain)
        bp_lexkey_plain(&key, c->s, c->len, c->h); /* hashed when pushed */
    else
        bp_lexkey_set(&key, c->s, c->len);
    e.freq = bp_lexicon_freq_key(x->lx, &key);
    e.doc = x->ws ? bp_wordstats_count_key(x->ws, &key) : 0;
    e.known = e.freq > 0;
    return e;
}

/* Keeps the cheapest (cost + prior) known candidate of x in *best and
 * accumulates every alternative's weight in *z for the posterior. */
static void S_rank(S_ctx *x, bool spell, float *z, S_pick *best, float *bscore)
{
    /* The candidates that can count: letters only, with corpus or
     * document evidence, or allowed to ask Hunspell.  The others add
     * nothing and spend no budget, so they are left out of the order. */
    size_t m = 0;
    for (size_t i = 0; i < x->nc; i++) {
        const S_cand *c = &x->c[i];
        if (!c->letters)
            continue;
        S_ev e = S_cand_ev(x, c);
        uint64_t f = e.freq;
        uint32_t d = e.doc;
        /* Hunspell only for forms that start like a frequent word up to
         * the last letter changed (stems are prefixes in Azerbaijani) */
        bool sp = f == 0 && spell && c->cost <= S_COST1 &&
                  bp_lexicon_prefix(x->lx, c->s, c->pre > c->len ? c->len : c->pre);
        if (f == 0 && d == 0 && !sp)
            continue;
        x->efreq[i] = f;
        x->edoc[i] = d;
        x->esp[i] = sp;
        x->ix[m++] = (uint16_t)i;
    }
    /* cheapest first, so that the Hunspell budget goes to the likeliest */
    S_order(x, x->ix, x->tmp, m);
    for (size_t r = 0; r < m; r++) {
        size_t i = x->ix[r];
        const S_cand *c = &x->c[i];
        S_ev e = { .freq = x->efreq[i], .doc = x->edoc[i], .known = x->efreq[i] > 0 };
        if (!e.known && x->esp[i] && x->spells < S_SPELLS) {
            x->spells++;
            e.known = bp_lexicon_known(x->lx, c->s, c->len);
        }
        if (!e.known && e.doc == 0)
            continue;
        float sc = c->cost + S_prior(&e);
        *z += expf(-sc);
        if (!best->found || sc < *bscore) {
            *bscore = sc;
            best->found = true;
            memcpy(best->s, c->s, c->len);
            best->len = c->len;
            best->why = c->why;
        }
    }
}

/* What an unknown word w most likely was.  keep: the cost of keeping it
 * (its own prior, higher for a name or a repeated form); af: the naf forms
 * made from readings tesseract offered (ocralt.c), candidates besides the
 * error model's.  Sets pick->cert to the best alternative's posterior. */
static void S_decide(S_ctx *x, const char *w, size_t n, float keep, const bp_altform *af,
                     size_t naf, S_pick *pick)
{
    memset(pick, 0, sizeof *pick);
    S_reset(x);
    S_expand(x, w, n, 0, 0, 0.0f, S_COST1, false, "error model: one confusion");
    /* second confusions from the cheapest first ones, while there is room */
    size_t n1 = x->nc;
    for (size_t i = 0; i < n1; i++)
        x->ix[i] = (uint16_t)i;
    S_order(x, x->ix, x->tmp, n1);
    for (size_t i = 0; i < n1 && x->nc < S_MAXC; i++) {
        S_cand c1 = x->c[x->ix[i]];
        S_expand(x, c1.s, c1.len, c1.next, c1.pre, c1.cost, S_COST2, c1.letters,
                 "error model: two confusions");
    }
    for (size_t i = 0; i < naf; i++)
        S_push(x, af[i].s, af[i].len, af[i].len, af[i].len, af[i].cost,
               bp_az_all_letters(af[i].s, af[i].len), "a reading tesseract offered for a character");
    float z = expf(-keep), bscore = 0.0f;
    S_rank(x, true, &z, pick, &bscore);
    if (pick->found)
        pick->cert = expf(-bscore) / z;
}

/* A word read whole as two, or two words read as one: the same ranking
 * over the joined or split forms. */
static void S_decide_join(S_ctx *x, const char *a, size_t na, const char *b, size_t nb,
                          float keep, S_pick *pick)
{
    memset(pick, 0, sizeof *pick);
    char buf[S_MAXW];
    if (na + nb >= S_MAXW)
        return;
    memcpy(buf, a, na);
    memcpy(buf + na, b, nb);
    S_reset(x);
    bool letters = bp_az_all_letters(buf, na + nb);
    S_push(x, buf, na + nb, 0, na + nb, x->em->split, letters, "two parts of one word joined");
    S_expand(x, buf, na + nb, 0, 0, x->em->split, x->em->split + S_COST1, letters,
             "two parts of one word joined, one confusion");
    float z = expf(-keep), bscore = 0.0f;
    S_rank(x, true, &z, pick, &bscore);
    if (pick->found)
        pick->cert = expf(-bscore) / z;
}

/* ---- the run's memory of decisions ------------------------------------------------- */
/* Documents repeat their words: a form is decided once for a given cost
 * of keeping it (which holds the document evidence and the name context,
 * quantised) and the decision reused.  Bounded: when full, nothing more is
 * remembered, so the output never depends on what was forgotten. */
#define S_MEMO_SLOTS (1u << 16)
#define S_MEMO_ARENA (2u << 20)

typedef struct S_memo {
    uint32_t koff, roff;     /* key and result in the arena (koff 0: empty) */
    uint16_t klen, rlen;
    bool found;
    float cert;
    const char *why;
} S_memo;

/* One table of decisions: slots, and an arena for keys and results. */
typedef struct S_memotab {
    S_memo *memo;
    size_t used;
    char *arena;
    size_t alen;
} S_memotab;

struct bp_corrector {
    /* allocated at the first line corrected (S_corrector_ready): a run
     * without correction, or without an error model, pays nothing */
    S_ctx *x;
    S_memotab words;         /* words, by form and keeping cost (quantised) */
    /* pairs of words S_decide_join decided, by the two words and the
     * exact cost of keeping them: a hit is the very decision recomputing
     * would give, so what this table holds or forgets never shows */
    S_memotab joins;
};

/* Allocates what t lacks (a failed attempt may be tried again). */
static bool S_memotab_init(S_memotab *t)
{
    if (!t->memo)
        t->memo = calloc(S_MEMO_SLOTS, sizeof *t->memo);
    if (!t->arena) {
        t->arena = malloc(S_MEMO_ARENA);
        t->alen = 1;
    }
    return t->memo && t->arena;
}

bp_corrector *bp_corrector_new(void)
{
    return calloc(1, sizeof(bp_corrector));
}

/* Allocates c's search context and tables when it has none yet; false
 * when out of memory (c is then as it was, or freed by bp_corrector_free). */
static bool S_corrector_ready(bp_corrector *c)
{
    if (c->x)
        return true;
    if (!S_memotab_init(&c->words) || !S_memotab_init(&c->joins))
        return false;
    c->x = calloc(1, sizeof *c->x);
    return c->x != NULL;
}

void bp_corrector_free(bp_corrector *c)
{
    if (!c)
        return;
    free(c->x);
    free(c->words.memo);
    free(c->words.arena);
    free(c->joins.memo);
    free(c->joins.arena);
    free(c);
}

/* The slot for key (word + one class byte, or S_join's key): its entry or
 * the empty slot where it would go. */
static S_memo *S_memo_slot(S_memotab *c, const char *k, size_t n)
{
    for (size_t j = S_fnv(k, n) & (S_MEMO_SLOTS - 1);; j = (j + 1) & (S_MEMO_SLOTS - 1)) {
        S_memo *m = &c->memo[j];
        if (!m->koff || (m->klen == n && memcmp(c->arena + m->koff, k, n) == 0))
            return m;
    }
}

/* The run's table of word decisions, NULL when nothing is remembered. */
static S_memotab *S_words(bp_corrector *c) { return c ? &c->words : NULL; }

static bool S_memo_get(S_memotab *c, const char *k, size_t n, S_pick *p)
{
    if (!c)
        return false;
    S_memo *m = S_memo_slot(c, k, n);
    if (!m->koff)
        return false;
    memset(p, 0, sizeof *p);
    p->found = m->found;
    p->cert = m->cert;
    p->why = m->why;
    p->len = m->rlen;
    memcpy(p->s, c->arena + m->roff, m->rlen);
    return true;
}

static void S_memo_put(S_memotab *c, const char *k, size_t n, const S_pick *p)
{
    if (!c || c->used * 2 >= S_MEMO_SLOTS || c->alen + n + p->len > S_MEMO_ARENA)
        return;
    S_memo *m = S_memo_slot(c, k, n);
    if (m->koff)
        return;
    m->koff = (uint32_t)c->alen;
    m->klen = (uint16_t)n;
    memcpy(c->arena + c->alen, k, n);
    c->alen += n;
    m->roff = (uint32_t)c->alen;
    m->rlen = (uint16_t)p->len;
    memcpy(c->arena + c->alen, p->s, p->len);
    c->alen += p->len;
    m->found = p->found;
    m->cert = p->cert;
    m->why = p->why;
    c->used++;
}

/* ---- the stage ------------------------------------------------------------------------ */
struct S_run {
    bp_corrector *cr;        /* may be NULL: nothing remembered             */
    bp_line *l;
    const bp_correct_opts *o;
    bp_correct_stats *st;
    bp_diagctx *dc;
    const bp_wordstats *ws;  /* the document's word counts, or NULL        */
    bool applied;            /* S_settle changed the line                  */
};

bool bp_correct_apply(bp_line *l, uint32_t at, uint32_t len, const char *s, size_t n,
                      float cert, const char *why)
{
    if (!bp_line_replace(l, at, len, s, (uint32_t)n, BP_EDIT_OCR, cert))
        return false;
    for (uint32_t i = 0; i < l->nedits; i++)
        if (l->edits[i].at == at && l->edits[i].kind == BP_EDIT_OCR && !l->edits[i].why)
            l->edits[i].why = why;
    return true;
}

/* The OCR confidence of the word at [at, at+len), or -1 when unknown. */
static float S_conf_of(const bp_line *l, uint32_t at, uint32_t len)
{
    for (uint32_t i = 0; i < l->nwords; i++)
        if (l->words[i].at <= at && at + len <= l->words[i].at + l->words[i].len)
            return l->words[i].conf;
    return -1.0f;
}

/* A spelling the document keeps: the word as read three times or more and
 * the candidate never.  OCR misreads at random, a writer spells the same
 * way throughout (dialect, older orthography: ədəbiyat, Cumhuriyyət), so
 * such a word is flagged (ocr-unsure), not changed. */
static bool S_kept_spelling(const struct S_run *r, const S_word *w, const S_pick *p,
                            uint32_t span)
{
    if (!r->ws || span != w->len || w->len < 4)
        return false;
    return bp_wordstats_count(r->ws, r->l->text + w->at, w->len) >= 3 &&
           bp_wordstats_count(r->ws, p->s, p->len) == 0;
}

/* Applies the pick when sure enough; lists it as unsure otherwise. */
static berpa_status S_settle(struct S_run *r, S_word *w, const S_pick *p, uint32_t span)
{
    r->applied = false;
    if (!p->found || p->cert < 0.05f)
        return BERPA_OK;
    bp_line *l = r->l;
    if (p->cert >= r->o->threshold && !S_kept_spelling(r, w, p, span)) {
        if (!bp_correct_apply(l, w->at, span, p->s, p->len, p->cert, p->why))
            return BERPA_E_NOMEM;
        r->st->applied++;
        r->applied = true;
        return BERPA_OK;
    }
    r->st->unsure++;
    if (p->cert >= r->o->threshold)
        bp_diag(r->dc, BP_D_OCR_KEPT, l->lineno, 0, l->src_off, (int)span, l->text + w->at,
                (int)p->len, p->s, p->cert,
                (unsigned)bp_wordstats_count(r->ws, l->text + w->at, w->len));
    else
        bp_diag(r->dc, BP_D_OCR_UNSURE, l->lineno, 0, l->src_off, (int)span, l->text + w->at,
                (int)p->len, p->s, p->cert, r->o->threshold);
    return BERPA_OK;
}

/* S_decide_join remembered: the key is both words, a space between
 * (never in a word, so no key of S_line's is one of these) and the bits
 * of keep, exact, since the decision depends on keep continuously. */
static void S_join(struct S_run *r, S_ctx *x, const char *a, size_t na, const char *b,
                   size_t nb, float keep, S_pick *p)
{
    char key[2 * S_MAXW + 1 + sizeof keep];
    size_t n = na + 1 + nb + sizeof keep;
    S_memotab *t = r->cr && n <= sizeof key ? &r->cr->joins : NULL;
    if (t) {
        memcpy(key, a, na);
        key[na] = ' ';
        memcpy(key + na + 1, b, nb);
        memcpy(key + na + 1 + nb, &keep, sizeof keep);
        if (S_memo_get(t, key, n, p))
            return;
    }
    S_decide_join(x, a, na, b, nb, keep, p);
    if (t)
        S_memo_put(t, key, n, p);
}

/* A known word: only an overwhelmingly more frequent one-confusion
 * neighbour that the document also uses replaces it (va -> və). */
static void S_real_word(S_ctx *x, const char *w, size_t n, S_pick *pick)
{
    memset(pick, 0, sizeof *pick);
    S_ev self = S_evidence(x, w, n, false);
    S_reset(x);
    S_expand(x, w, n, 0, 0, 0.0f, 5.5f, false, "real-word error: a far more frequent neighbour");
    for (size_t i = 0; i < x->nc; i++) {
        S_ev e = S_cand_ev(x, &x->c[i]);
        /* the document counts forms of four bytes and more only: a
         * shorter one needs ten times the corpus evidence instead */
        bool counted = x->c[i].len >= 4;
        if (e.freq < (counted ? 1000 : 10000) * (self.freq + 1) ||
            (counted && e.doc < 3 * (self.doc + 1)))
            continue;
        if (!pick->found || e.freq > 0) {
            pick->found = true;
            memcpy(pick->s, x->c[i].s, x->c[i].len);
            pick->len = x->c[i].len;
            pick->why = x->c[i].why;
            pick->cert = 0.9f;
            return;
        }
    }
}

/* Known to the lexicon: the frequency table answers for most words
 * without a Hunspell look-up. */
static bool S_known_lx(const bp_lexicon *lx, const char *s, size_t n)
{
    return bp_lexicon_freq(lx, s, n) > 0 || bp_lexicon_known(lx, s, n);
}

static bool S_known(const S_ctx *x, const char *s, size_t n)
{
    return S_known_lx(x->lx, s, n);
}

/* Words a correction must leave alone: numbers, acronyms, hyphenated
 * compounds, single letters. */
static bool S_skip(const S_word *w)
{
    return w->digit || w->all_upper || w->hyphen || w->attached || w->abbrev || w->nch < 2 ||
           w->len >= S_MAXW;
}

/* The cost of keeping the unknown word w as read: cheap for what may be a
 * name (a capital not at a line start), a form the document repeats, or a
 * word the OCR was sure of. */
static float S_keep(const S_ctx *x, const bp_line *l, const S_word *w)
{
    const char *s = l->text + w->at;
    /* the document count includes this very occurrence */
    uint32_t doc = x->ws ? bp_wordstats_count(x->ws, s, w->len) : 0;
    doc -= doc > 0;
    float keep = S_KEEP - S_DOC * logf(1.0f + 4.0f * (float)doc);
    if (w->upper1) {
        /* after a sentence end a capital says nothing; elsewhere it may
         * be a name (at a line start: unknown, half the weight) */
        size_t j = w->at;
        while (j > 0 && (l->text[j - 1] == ' ' || l->text[j - 1] == '"' ||
                         (unsigned char)l->text[j - 1] >= 0x80))
            j--;
        char c = j > 0 ? l->text[j - 1] : 0;
        if (j == 0)
            keep -= S_NAME * 0.5f;
        else if (c != '.' && c != '!' && c != '?')
            keep -= S_NAME;
    }
    float conf = S_conf_of(l, w->at, w->len);
    if (conf >= 0.0f)
        keep -= 10.0f * (conf - 0.5f);
    return keep;
}

/* Is the token beside w (the one before or after it, a space apart) a
 * piece of a letter-spaced word too: at most two letters that make no
 * word (not bu, və), or letters glued to a digit (si1)?  Headings are set
 * letter-spaced in Azerbaijani print (f ə s i l) and OCR joins the
 * letters into short pieces. */
static bool S_spaced(const S_ctx *x, const char *s, size_t n, const S_word *w)
{
    size_t k;
    for (int side = 0; side < 2; side++) {
        size_t a, b;
        if (side == 0) {
            if (w->at < 2 || s[w->at - 1] != ' ')
                continue;
            b = w->at - 1;
            a = b;
            while (a > 0 && s[a - 1] != ' ')
                a--;
        } else {
            a = w->at + w->len + 1;
            if (a >= n || s[a - 1] != ' ')
                continue;
            b = a;
            while (b < n && s[b] != ' ')
                b++;
        }
        size_t nch = 0, nlet = 0, ndig = 0;
        for (size_t i = a; i < b; i += k, nch++) {
            uint32_t cp = bp_utf8_next_fast(s + i, b - i, &k);
            nlet += bp_az_is_letter(cp);
            ndig += cp >= '0' && cp <= '9';
        }
        if ((nch > 0 && nch <= 2 && nlet == nch && !S_known(x, s + a, b - a)) ||
            (nlet > 0 && ndig > 0 && nch <= 4))
            return true;
    }
    return false;
}

/* The line's end for words: before a line-end hyphen. */
static size_t S_end(const bp_line *l)
{
    return (l->flags & BP_LF_HYPHEN_END) ? l->hy_at : l->len;
}

static berpa_status S_line(struct S_run *r, S_ctx *x, bool tail_before)
{
    bp_line *l = r->l;
    size_t i = 0, cached_at = SIZE_MAX;
    bool first = true, cached = false;
    while (i < S_end(l)) {
        size_t end = S_end(l), k;
        uint32_t cp = bp_utf8_next_fast(l->text + i, end - i, &k);
        if (!bp_az_is_wordchar(cp)) {
            i += k;
            continue;
        }
        S_word w = S_scan(l->text, end, i);
        i = w.at + w.len;
        bool fragment = (first && tail_before) || (i >= end && (l->flags & BP_LF_HYPHEN_END));
        first = false;
        if (fragment || S_skip(&w))
            continue;
        r->st->examined++;
        const char *ws = l->text + w.at;
        float conf = S_conf_of(l, w.at, w.len);
        /* the look-up of the word after, kept for when it comes */
        uint64_t freq = bp_lexicon_freq(x->lx, ws, w.len);
        bool known = w.at == cached_at ? cached : S_known(x, ws, w.len);
        /* a capital inside a word is damage whatever the look-up says */
        if (w.inner_upper && w.nup <= 2)
            known = false;
        S_pick p;

        /* the next word, when one space apart: one word read as two? */
        if (i + 1 < end && l->text[i] == ' ') {
            S_word nx = S_scan(l->text, end, i + 1);
            bool nfrag = nx.at + nx.len >= end && (l->flags & BP_LF_HYPHEN_END);
            bool ok = nx.len > 0 && !nfrag && !S_skip(&nx) && !nx.upper1;
            bool nknown = ok && S_known(x, l->text + nx.at, nx.len);
            if (ok) {
                cached_at = nx.at;
                cached = nknown;
            }
            if (ok && !(known && nknown)) {
                /* keeping both as read costs keeping each unknown one */
                float keep = (known ? 0.0f : S_keep(x, l, &w)) + (nknown ? 0.0f : S_keep(x, l, &nx));
                S_join(r, x, ws, w.len, l->text + nx.at, nx.len, keep, &p);
                if (p.found && p.cert >= r->o->threshold) {
                    berpa_status st = S_settle(r, &w, &p, nx.at + nx.len - w.at);
                    if (st != BERPA_OK)
                        return st;
                    i = w.at + p.len;
                    continue;
                }
            }
        }
        /* a form the dictionary accepts but the corpus never uses is
         * often a stripped spelling (adin, inqilabinin): examined like an
         * unknown word, with a higher bar */
        /* a fragment of a letter-spaced word (f ə s i l, fə si1): no
         * word to correct, the letters are the heading's */
        if (!known && w.nch <= 2 && S_spaced(x, l->text, end, &w))
            continue;
        bool rare = known && freq == 0;
        if (known && !rare) {
            /* the most frequent form is about a million times in the
             * corpus: a word a thousand times rarer than that has no
             * overwhelming neighbour to lose to */
            if (freq >= S_REAL_MAX)
                continue;
            char key[S_MAXW + 1];
            memcpy(key, ws, w.len);
            key[w.len] = 'R';
            if (!S_memo_get(S_words(r->cr), key, w.len + 1, &p)) {
                S_real_word(x, ws, w.len, &p);
                S_memo_put(S_words(r->cr), key, w.len + 1, &p);
            }
            if (p.found && !(conf >= 0.9f)) {
                berpa_status st = S_settle(r, &w, &p, w.len);
                if (st != BERPA_OK)
                    return st;
                if (r->applied)
                    i = w.at + p.len;
            }
            continue;
        }
        float keep = S_keep(x, l, &w) - (rare ? S_RARE : 0.0f);
        /* remembered by form and keeping cost (to a quarter) */
        char key[S_MAXW + 1];
        memcpy(key, ws, w.len);
        key[w.len] = (char)(unsigned char)(int)(keep * 4.0f + 128.0f);
        /* a word read from an image may carry its own candidates: decided
         * afresh, not from (nor into) the memory of forms */
        bp_altform af[S_ALTFORMS];
        size_t naf = bp_ocralt_forms(l, (uint32_t)w.at, (uint32_t)w.len, S_COST1, af, S_ALTFORMS);
        if (!naf && S_memo_get(S_words(r->cr), key, w.len + 1, &p)) {
            berpa_status st = S_settle(r, &w, &p, w.len);
            if (st != BERPA_OK)
                return st;
            if (r->applied)
                i = w.at + p.len;
            continue;
        }
        S_decide(x, ws, w.len, keep, af, naf, &p);
        /* a capital inside a word: the word lower-cased after its first letter */
        if (w.inner_upper && w.nup <= 2) {
            size_t k1;
            bp_utf8_next_fast(ws, w.len, &k1);
            char low[S_MAXW];
            size_t m = bp_az_lower(ws + k1, w.len - k1, low + k1, sizeof low - k1);
            memcpy(low, ws, k1);
            if (k1 + m < S_MAXW) {
                S_pick q;
                memset(&q, 0, sizeof q);
                S_reset(x);
                S_push(x, low, k1 + m, 0, k1 + m, 1.0f, bp_az_all_letters(low, k1 + m),
                       "a capital inside a word");
                float z = expf(-keep), bs = 0.0f;
                S_rank(x, true, &z, &q, &bs);
                if (q.found) {
                    q.cert = expf(-bs) / z;
                    if (!p.found || q.cert > p.cert)
                        p = q;
                }
            }
        }
        if (!naf)
            S_memo_put(S_words(r->cr), key, w.len + 1, &p);
        berpa_status st = S_settle(r, &w, &p, w.len);
        if (st != BERPA_OK)
            return st;
        if (r->applied)
            i = w.at + p.len;
    }
    return BERPA_OK;
}

/* Is s (n bytes) the genitive ending of a stem that ends in a vowel? */
static bool S_genitive(const char *s, size_t n)
{
    static const char *const gen[] = { "nın", "nin", "nun", "nün" };
    for (size_t i = 0; i < sizeof gen / sizeof *gen; i++)
        if (strlen(gen[i]) == n && memcmp(s, gen[i], n) == 0)
            return true;
    return false;
}

/* A word broken at the end of line li (a syllable hyphen) is examined
 * whole: the head before the hyphen and the tail that opens the next BODY
 * line are joined, and when the joined form is unknown it is decided like
 * any word (fondla- rinin -> fondlarının, uy- un -> uyğun), so that the
 * dehyphenator then sees a known word.  The correction goes into the part
 * that differs (the tail when the head is kept, else the head, else
 * both); tail_before: line li's first word is itself a tail. */
static berpa_status S_broken(struct S_run *r, S_ctx *x, bp_doc *d, size_t li, bool tail_before)
{
    bp_line *l = &d->lines[li];
    if (!(l->flags & BP_LF_HYPHEN_END) ||
        (l->hy_kind != BP_BREAK_HYPHEN && l->hy_kind != BP_BREAK_SOFT))
        return BERPA_OK;
    size_t nx = bp_doc_next_body(d, li);
    if (nx >= d->nlines || d->lines[nx].block != BP_BLOCK_CONT)
        return BERPA_OK;
    bp_line *n = &d->lines[nx];
    /* the head: the letters before the hyphen, a word of its own */
    size_t hs = l->hy_at, k;
    while (hs > 0 && bp_az_is_letter(bp_utf8_prev(l->text, hs, &k)))
        hs -= k;
    if (hs == l->hy_at || (hs == 0 && tail_before) ||
        (hs > 0 && (bp_az_is_wordchar(bp_utf8_prev(l->text, hs, &k)) ||
                    bp_az_is_inner_hyphen(bp_utf8_prev(l->text, hs, &k)))))
        return BERPA_OK;
    S_word hw = S_scan(l->text, l->hy_at, hs);
    S_word tw = S_scan(n->text, S_end(n), 0);
    bool tfrag = tw.len >= S_end(n) && (n->flags & BP_LF_HYPHEN_END);
    if (tw.len == 0 || tfrag || tw.digit || tw.hyphen || hw.all_upper || tw.nup > 0 ||
        hw.len + tw.len + 1 >= S_MAXW || !bp_az_all_letters(n->text, tw.len))
        return BERPA_OK;
    char j[S_MAXW];
    size_t jn = hw.len + tw.len;
    memcpy(j, l->text + hs, hw.len);
    memcpy(j + hw.len, n->text, tw.len);
    r->st->examined++;
    /* decided as S_line decides a whole word: a known, used form only
     * against a far more frequent neighbour; a known form the corpus never
     * uses is a likely stripped spelling, examined with a higher bar */
    uint64_t freq = bp_lexicon_freq(x->lx, j, jn);
    bool known = freq > 0 || bp_lexicon_known(x->lx, j, jn);
    bool rare = known && freq == 0;
    if (freq >= S_REAL_MAX)
        return BERPA_OK;
    /* two words the corpus uses may be a compound's two parts (qeyri-
     * mümkün, tək- tək): the dehyphenator decides those as read; but the
     * genitive ending after a stem's vowel (nın nin nun nün) is a suffix,
     * never a compound's part (vətəndaşları- nun: a misread nın) */
    uint64_t fh = bp_lexicon_freq(x->lx, j, hw.len), ft = bp_lexicon_freq(x->lx, n->text, tw.len);
    if (fh > 0 && ft > 0 && ft * S_FRAGMENT >= fh && !S_genitive(n->text, tw.len))
        return BERPA_OK;
    float keep = S_keep(x, l, &hw) - (rare ? S_RARE : 0.0f);
    S_pick p;
    char key[S_MAXW + 1];
    memcpy(key, j, jn);
    key[jn] = (char)(unsigned char)(int)(keep * 4.0f + 128.0f);
    if (known && !rare)
        key[jn] = 'R';
    if (!S_memo_get(S_words(r->cr), key, jn + 1, &p)) {
        if (known && !rare)
            S_real_word(x, j, jn, &p);
        else
            S_decide(x, j, jn, keep, NULL, 0, &p); /* a word across lines: no one OCR word */
        S_memo_put(S_words(r->cr), key, jn + 1, &p);
    }
    if (!p.found || p.cert < 0.05f)
        return BERPA_OK;
    /* a spelling the document keeps (see S_kept_spelling) */
    bool kept = r->ws && bp_wordstats_count(r->ws, j, jn) >= 3 &&
                bp_wordstats_count(r->ws, p.s, p.len) == 0;
    if (p.cert < r->o->threshold || kept) {
        r->st->unsure++;
        if (kept)
            bp_diag(r->dc, BP_D_OCR_KEPT, l->lineno, 0, l->src_off, (int)jn, j, (int)p.len, p.s,
                    p.cert, (unsigned)bp_wordstats_count(r->ws, j, jn));
        else
            bp_diag(r->dc, BP_D_OCR_UNSURE, l->lineno, 0, l->src_off, (int)jn, j, (int)p.len,
                    p.s, p.cert, r->o->threshold);
        return BERPA_OK;
    }
    static const char why[] = "a word broken at the line end, corrected whole";
    size_t hl = hw.len, tl = tw.len;
    if (p.len > hl && memcmp(p.s, j, hl) == 0) {
        if (!bp_correct_apply(n, 0, (uint32_t)tl, p.s + hl, p.len - hl, p.cert, why))
            return BERPA_E_NOMEM;
    } else if (p.len > tl && memcmp(p.s + p.len - tl, n->text, tl) == 0) {
        if (!bp_correct_apply(l, (uint32_t)hs, (uint32_t)hl, p.s, p.len - tl, p.cert, why))
            return BERPA_E_NOMEM;
    } else {
        /* both parts: the head keeps its number of characters */
        size_t cut = 0;
        for (uint32_t c = 0; c < hw.nch && cut < p.len; c++) {
            bp_utf8_next_fast(p.s + cut, p.len - cut, &k);
            if (cut + k >= p.len)
                break;
            cut += k;
        }
        if (cut == 0)
            return BERPA_OK;
        if (!bp_correct_apply(n, 0, (uint32_t)tl, p.s + cut, p.len - cut, p.cert, why) ||
            !bp_correct_apply(l, (uint32_t)hs, (uint32_t)hl, p.s, cut, p.cert, why))
            return BERPA_E_NOMEM;
    }
    r->st->applied++;
    return BERPA_OK;
}

berpa_status bp_correct(bp_doc *d, size_t from, size_t to, const bp_lexicon *lx,
                        const bp_errmodel *em, const bp_wordstats *ws,
                        const bp_correct_opts *o, bp_diagctx *dc, bp_corrector *cr,
                        bp_correct_stats *st)
{
    if (!em || em->n == 0 || !bp_lexicon_path(lx))
        return BERPA_OK;
    if (cr && !S_corrector_ready(cr))
        return BERPA_E_NOMEM;
    S_ctx *x = cr ? cr->x : malloc(sizeof *x);
    if (!x)
        return BERPA_E_NOMEM;
    if (!cr)
        x->gen = 0; /* S_reset clears the set at generation 1 */
    x->lx = lx;
    x->em = em;
    x->ws = ws;
    berpa_status rs = BERPA_OK;
    for (size_t li = from; li < to && li < d->nlines && rs == BERPA_OK; li++) {
        bp_line *l = &d->lines[li];
        if (l->role != BP_ROLE_BODY || l->len == 0)
            continue;
        /* the first word is a broken word's tail after a line-end hyphen */
        size_t pb = bp_doc_prev_body(d, li);
        bool tail = pb < d->nlines && (d->lines[pb].flags & BP_LF_HYPHEN_END);
        /* the paragraph's lines before it, for a quote they left open */
        const bp_line *prev[S_QUOTE_LINES];
        size_t np = 0;
        for (size_t pj = li; pj-- > 0 && np < S_QUOTE_LINES && d->lines[pj + 1].block == BP_BLOCK_CONT;) {
            if (d->lines[pj].role != BP_ROLE_BODY)
                break;
            prev[S_QUOTE_LINES - 1 - np++] = &d->lines[pj];
        }
        struct S_run r = { .cr = cr, .l = l, .o = o, .st = st, .dc = dc, .ws = ws };
        rs = bp_correct_quotes(l, prev + S_QUOTE_LINES - np, np, tail, lx, o, dc, st);
        if (rs == BERPA_OK)
            rs = bp_correct_percent(l, o, dc, st);
        if (rs == BERPA_OK)
            rs = bp_correct_number_suffix(l, o, dc, st);
        if (rs == BERPA_OK)
            rs = bp_correct_numero(l, o, dc, st);
        if (rs == BERPA_OK)
            rs = bp_correct_quotestyle(l, o, st);
        if (rs == BERPA_OK)
            rs = bp_correct_ordinal(l, lx, o, dc, st);
        if (rs == BERPA_OK)
            rs = S_line(&r, x, tail);
        if (rs == BERPA_OK)
            rs = S_broken(&r, x, d, li, tail);
        if (rs == BERPA_OK)
            rs = bp_correct_punct(d, li, lx, ws, o, dc, st);
    }
    if (!cr)
        free(x);
    return rs;
}

/* ---- clean text: evidence that the aze model did not read it ------------------------ */

/* The kind of evidence character cp is (an index into bp_ocrsurvey.kind),
 * or -1: the characters tesseract's aze model cannot output. */
static int S_clean_kind(uint32_t cp)
{
    switch (cp) {
    case 'j': case 'J': return 0;
    case ';': return 1;
    case '%': return 2;
    case 0x00AB: case 0x00BB: return 3;
    case '!': return 4;
    case '\'': return 5;
    default: return -1;
    }
}

void bp_correct_survey_chars(bp_ocrsurvey *ev, const bp_line *l)
{
    size_t k;
    for (size_t i = 0; i < l->len; i += k) {
        uint32_t cp = bp_utf8_next_fast(l->text + i, l->len - i, &k);
        ev->q_ascii += cp == '"';
        ev->q_curly += cp == 0x201C || cp == 0x201D;
        int kind = l->img ? -1 : S_clean_kind(cp);
        if (kind >= 0) {
            ev->n++;
            ev->kind[kind]++;
        }
    }
}

struct S_survey {
    bp_ocrsurvey *ev;
    const bp_lexicon *lx;
};

/* One form of the document: a word the aze model misread, its j read as
 * i, f or l (the shapes it confuses j with), makes a non-word that is a
 * known word again with the j back.  Names (never written in lower case)
 * are not asked about. */
static void S_survey_form(void *user, const char *w, size_t n, uint32_t count, uint32_t lower)
{
    struct S_survey *s = user;
    if (!count || !lower || n < 4 || n >= S_MAXW || !bp_az_all_letters(w, n) ||
        (!memchr(w, 'i', n) && !memchr(w, 'f', n) && !memchr(w, 'l', n)) ||
        S_known_lx(s->lx, w, n))
        return;
    char j[S_MAXW];
    memcpy(j, w, n);
    for (size_t p = 0; p < n; p++) {
        char c = j[p];
        if (c != 'i' && c != 'f' && c != 'l')
            continue;
        j[p] = 'j';
        bool hit = S_known_lx(s->lx, j, n);
        j[p] = c;
        if (hit) {
            s->ev->aze++;
            return;
        }
    }
}

void bp_correct_survey_forms(bp_ocrsurvey *ev, const bp_wordstats *ws, const bp_lexicon *lx)
{
    struct S_survey s = { ev, lx };
    if (lx && bp_lexicon_path(lx))
        bp_wordstats_each(ws, S_survey_form, &s);
}

bp_quotes bp_correct_quote_style(const bp_ocrsurvey *sv, float *cert)
{
    uint64_t a = sv->q_ascii, c = sv->q_curly, n = a + c;
    uint64_t lead = a > c ? a - c : c - a;
    *cert = 0.0f;
    if (n == 0 || (double)lead < 2.0 * sqrt((double)n))
        return BP_QUOTES_ANY;
    *cert = (float)(a > c ? a : c) / (float)n;
    return a > c ? BP_QUOTES_ASCII : BP_QUOTES_CURLY;
}

bool bp_correct_clean(const bp_ocrsurvey *ev, char *buf, size_t cap)
{
    static const char *const names[BP_CLEAN_KINDS] = { "j", ";", "%", "\u00ab \u00bb", "!",
                                                       "'" };
    size_t at = 0;
    if (cap)
        buf[0] = 0;
    for (int k = 0; k < BP_CLEAN_KINDS && cap; k++) {
        if (!ev->kind[k])
            continue;
        int m = snprintf(buf + at, cap - at, "%s%s %llu", at ? ", " : "", names[k],
                         (unsigned long long)ev->kind[k]);
        if (m < 0 || (size_t)m >= cap - at)
            break;
        at += (size_t)m;
    }
    return ev->n >= BP_CLEAN_MIN && ev->aze == 0;
}
