/*
 * dehyphen.c: decides, for every line-end hyphen, whether it was only a
 * syllable break (join the word, drop the hyphen) or a real hyphen that
 * happened to fall at the line end (keep it, join without a space).
 *
 * Evidence, strongest first: the form of the two parts (numbers, acronyms
 * and capitalised second parts take real hyphens: 1912-1913, 1921-ci,
 * TBMM-nin, Türkiyə-Rusiya); the document itself (the same word seen
 * elsewhere whole or hyphenated); the dictionary (is the joined word a
 * word, are the two parts words); reduplication (tez-tez, bir-birinə);
 * and the Azerbaijani syllable rules.  With no evidence either way the
 * hyphen is a syllable break: typesetters break words far more often than
 * they happen to break at a compound's hyphen.
 */
#include "stages.h"

#include <stdlib.h>
#include <string.h>

#define S_MAXW 128

typedef struct S_site {
    char lw[S_MAXW];   /* left part, letters/digits/inner hyphens */
    size_t nl;
    char rw[S_MAXW];   /* right part */
    size_t nr;
} S_site;

/* The word before the line-end hyphen (bp_word_back: letters, digits,
 * inner apostrophes and hyphens) that ends at byte `end`. */
static size_t S_left_at(const bp_line *l, size_t end, char *out)
{
    /* Qur'-: the apostrophe before the hyphen belongs to the word */
    size_t from = end, k;
    if (end > 0 && bp_az_is_apostrophe(bp_utf8_prev(l->text, end, &k)) && end > k)
        from = end - k;
    size_t i = bp_word_back(l->text, from);
    if (i == from)
        return 0;
    size_t n = end - i;
    if (n >= S_MAXW)
        return 0;
    memcpy(out, l->text + i, n);
    out[n] = '\0';
    return n;
}

static size_t S_left(const bp_line *l, char *out) { return S_left_at(l, l->hy_at, out); }

/* Length of w without a footnote or superscript number glued to its end
 * (xronoloji10): Azerbaijani joins a number to a word only with a hyphen
 * (1918-ci), so digits right after a letter are a mark, not the word. */
static size_t S_footnote_cut(const char *w, size_t n)
{
    size_t e = n;
    while (e > 0 && w[e - 1] >= '0' && w[e - 1] <= '9')
        e--;
    size_t k;
    if (e == n || e == 0 || !bp_az_is_letter(bp_utf8_prev(w, e, &k)))
        return n;
    return e;
}

/* The word that opens the next line (bp_word_next), after any opening
 * punctuation but not after a space, without a footnote number. */
static size_t S_right(const bp_line *l, char *out)
{
    size_t n = (l->flags & BP_LF_HYPHEN_END) ? l->hy_at : l->len;
    size_t i = 0, st, end;
    bool hyph;
    if (!bp_word_next(l->text, n, &i, &st, &end, &hyph) || memchr(l->text, ' ', st))
        return 0;
    end = st + S_footnote_cut(l->text + st, end - st);
    size_t m = end - st;
    if (m == 0 || m >= S_MAXW)
        return 0;
    memcpy(out, l->text + st, m);
    out[m] = '\0';
    return m;
}

/* Records the site on l for the emitters: false when out of memory. */
static bool S_record(bp_line *l, const char *lw, size_t nl, const char *rw, size_t nr)
{
    free(l->site_left);
    free(l->site_right);
    l->site_left = nl ? strndup(lw, nl) : NULL;
    l->site_right = nr ? strndup(rw, nr) : NULL;
    return (!nl || l->site_left) && (!nr || l->site_right);
}

static uint32_t S_first(const char *s, size_t n)
{
    size_t k;
    return n ? bp_utf8_next(s, n, &k) : 0;
}

static uint32_t S_last(const char *s, size_t n)
{
    size_t k;
    return n ? bp_utf8_prev(s, n, &k) : 0;
}

static bool S_all_upper(const char *s, size_t n, size_t *letters)
{
    size_t k, c = 0;
    for (size_t i = 0; i < n; i += k) {
        uint32_t cp = bp_utf8_next(s + i, n - i, &k);
        if (bp_az_is_letter(cp)) {
            if (!bp_az_is_upper(cp))
                return false;
            c++;
        }
    }
    *letters = c;
    return c > 0;
}

static size_t S_letters(const char *s, size_t n)
{
    size_t k, c = 0;
    for (size_t i = 0; i < n; i += k)
        c += bp_az_is_letter(bp_utf8_next(s + i, n - i, &k));
    return c;
}

/* The two parts of a site lower-cased once for the rules that compare
 * them (ok: both fitted). */
typedef struct S_pair {
    char a[S_MAXW * 2], b[S_MAXW * 2];
    size_t na, nb;
    bool ok;
} S_pair;

static void S_pair_init(S_pair *p, const char *lw, size_t nl, const char *rw, size_t nr)
{
    p->na = bp_az_lower(lw, nl, p->a, sizeof p->a);
    p->nb = bp_az_lower(rw, nr, p->b, sizeof p->b);
    p->ok = p->na < sizeof p->a && p->nb < sizeof p->b;
}

/* tez-tez, bir-birinə, özü-özündən, çiyin-çiyinə, neçə-neçə: the second
 * part repeats the first (its last vowel may be swallowed by a suffix). */
static bool S_reduplication(const S_pair *p)
{
    const char *a = p->a, *b = p->b;
    size_t na = p->na, nb = p->nb;
    if (!p->ok || S_letters(a, na) < 2)
        return false;
    if (nb >= na && memcmp(a, b, na) == 0)
        return true;
    size_t k;
    uint32_t last = bp_utf8_prev(a, na, &k);
    return bp_az_is_vowel(last) && na - k >= 3 && nb >= na - k && memcmp(a, b, na - k) == 0;
}

static void S_set(bp_line *l, bp_eol eol, float cert, const char *why)
{
    l->eol = (uint8_t)eol;
    l->eol_cert = cert;
    l->eol_why = why;
    l->flags &= ~(uint32_t)BP_LF_EOL_CONTESTED;
}

/* A decision taken against contrary evidence: unsure by definition, so at
 * most 0.5 and counted as unsure (BP_LF_EOL_CONTESTED). */
static void S_contested(bp_line *l, bp_eol eol, float cert, const char *why)
{
    S_set(l, eol, cert < 0.5f ? cert : 0.5f, why);
    l->flags |= BP_LF_EOL_CONTESTED;
}

/* Are the two parts the same word (aram-aram, qaça-qaça, için-için)?  Such
 * halves are never one word.  Three letters at least: a two-letter
 * syllable doubled is often one word (nə-nə, ba-ba, də-də). */
static bool S_identical(const S_pair *p)
{
    return p->ok && p->na == p->nb && memcmp(p->a, p->b, p->na) == 0 && S_letters(p->a, p->na) >= 3;
}

/* Does s end in one of the ablative endings -dan -dən -tan -tən?  Returns
 * the stem length, or 0. */
static size_t S_ablative_stem(const char *s, size_t n)
{
    static const char *const end[] = { "dan", "d\xC9\x99n", "tan", "t\xC9\x99n" };
    for (size_t i = 0; i < 4; i++) {
        size_t m = strlen(end[i]);
        if (n >= m + 2 && memcmp(s + n - m, end[i], m) == 0)
            return n - m;
    }
    return 0;
}

/* kənddən-kəndə, şəhərdən-şəhərə, evdən-evə, ildən-ilə: a stem in the
 * ablative, then the same stem in the dative (-a -ə -ya -yə), the
 * productive "from X to X" pair, written with a hyphen. */
static bool S_case_pair(const S_pair *p)
{
    const char *a = p->a, *b = p->b;
    size_t na = p->na, nb = p->nb;
    if (!p->ok)
        return false;
    size_t st = S_ablative_stem(a, na);
    if (st == 0 || nb <= st || memcmp(a, b, st) != 0)
        return false;
    const char *t = b + st;
    size_t m = nb - st;
    if (m > 0 && t[0] == 'y') {
        t++;
        m--;
    }
    return (m == 1 && t[0] == 'a') || (m == 2 && memcmp(t, "\xC9\x99", 2) == 0);
}

/* Is the word known to the dictionary only with a capital (a name or a
 * title: Hophopnamə), not as a common word? */
static bool S_name_only(const bp_lexicon *lx, const char *w, size_t n)
{
    char low[S_MAXW * 4];
    size_t m = bp_az_lower(w, n, low, sizeof low);
    return m < sizeof low && bp_az_is_upper(S_first(w, n)) && !bp_lexicon_known(lx, low, m);
}

/* The dictionary's answer for w, asked at most once: *memo is -1 until
 * asked, then 0 or 1.  Without a dictionary nothing is known. */
static bool S_known_once(int *memo, const bp_lexicon *lx, bool dict, const char *w, size_t n)
{
    if (*memo < 0)
        *memo = dict && bp_lexicon_known(lx, w, n);
    return *memo != 0;
}

/* Does the left part (lw, nl bytes, ending at l's line-end mark) open with
 * a capital that no sentence start explains: another word stands before it
 * on the line, after no sentence-ending punctuation? */
static bool S_capital_in_sentence(const bp_line *l, const char *lw, size_t nl)
{
    if (!(l->flags & BP_LF_HYPHEN_END) || l->hy_at < nl || !bp_az_is_upper(S_first(lw, nl)))
        return false;
    size_t start = l->hy_at - nl, k;
    if (memcmp(l->text + start, lw, nl) != 0)
        return false;
    size_t p = start;
    bool space = false;
    while (p > 0) {
        uint32_t cp = bp_utf8_prev(l->text, p, &k);
        if (cp != ' ')
            return space && bp_az_is_wordchar(cp); /* a word, no punctuation, before it */
        space = true;
        p -= k;
    }
    return false;
}

static void S_decide(bp_line *l, const S_site *s, const bp_lexicon *lx, const bp_wordstats *ws)
{
    const char *lw = s->lw, *rw = s->rw;
    size_t nl = s->nl, nr = s->nr;
    uint32_t lc = S_last(lw, nl), rc = S_first(rw, nr);
    size_t lup, rup;
    bool l_caps = S_all_upper(lw, nl, &lup), r_caps = S_all_upper(rw, nr, &rup);
    bool dict = bp_lexicon_path(lx) != NULL;
    /* set when a piece of evidence had to be overruled */
    const char *against = NULL;

    if (lc >= '0' && lc <= '9') {
        S_set(l, BP_EOL_KEEP, 0.99f, rc >= '0' && rc <= '9' ? "number range" : "number and suffix");
        return;
    }
    if (rc >= '0' && rc <= '9') {
        S_set(l, BP_EOL_KEEP, 0.95f, "number after the hyphen");
        return;
    }
    if (l_caps && lup >= 2 && !r_caps) {
        S_set(l, BP_EOL_KEEP, 0.95f, "acronym and suffix");
        return;
    }
    if (bp_az_is_upper(rc) && !r_caps) {
        /* Türkiyə-Rusiya; but a capital after a lower-case part, opening a
         * part the dictionary does not know (an-/Tayişları), is more
         * likely an OCR-misread letter inside one word */
        if (!dict || bp_az_is_upper(S_first(lw, nl)) || bp_lexicon_known(lx, rw, nr)) {
            S_set(l, BP_EOL_KEEP, 0.9f, "capitalised second part");
            return;
        }
        against = "a capital inside the word (OCR?)";
    }
    S_pair pair;
    S_pair_init(&pair, lw, nl, rw, nr);
    if (S_identical(&pair)) {
        S_set(l, BP_EOL_KEEP, 0.95f, "reduplication: identical halves are never one word");
        return;
    }
    if (S_case_pair(&pair)) {
        S_set(l, BP_EOL_KEEP, 0.9f, "paired case forms (kənddən-kəndə)");
        return;
    }

    char joined[S_MAXW * 2 + 2], hyph[S_MAXW * 2 + 2];
    memcpy(joined, lw, nl);
    memcpy(joined + nl, rw, nr);
    size_t nj = nl + nr;
    joined[nj] = '\0';
    memcpy(hyph, lw, nl);
    hyph[nl] = '-';
    memcpy(hyph + nl + 1, rw, nr);
    size_t nh = nl + 1 + nr;
    hyph[nh] = '\0';

#define S_DONE(eol, cert, why)                                                                   \
    do {                                                                                         \
        if (against)                                                                             \
            S_contested(l, eol, cert, why);                                                      \
        else                                                                                     \
            S_set(l, eol, cert, why);                                                            \
        return;                                                                                  \
    } while (0)

    uint32_t doc_join = bp_wordstats_count(ws, joined, nj);
    uint32_t doc_hyph = bp_wordstats_count(ws, hyph, nh);
    if (doc_hyph > doc_join)
        S_DONE(BP_EOL_KEEP, 0.97f, "document: written with the hyphen elsewhere");
    if (doc_join > doc_hyph)
        S_DONE(BP_EOL_JOIN, 0.97f, "document: written whole elsewhere");

    bool jk = dict && bp_lexicon_known(lx, joined, nj);
    /* an attested hyphenated compound (sui-qəsd, qeyd-şərtsiz, tar-mar) */
    bool listed;
    uint64_t comp = bp_lexicon_compound(lx, lw, nl, rw, nr, &listed);
    if (!jk && (listed || comp >= 3))
        S_DONE(BP_EOL_KEEP, 0.9f, "lexicon: a hyphenated compound");
    if (jk && !listed && comp >= 3 && comp > bp_lexicon_freq(lx, joined, nj))
        S_DONE(BP_EOL_KEEP, 0.9f, "lexicon: a hyphenated compound, in the corpus more often");
    size_t letters_l = S_letters(lw, nl), letters_r = S_letters(rw, nr);
    bool redup = letters_l >= 3 && S_reduplication(&pair);
    /* the right part is asked for only where a rule needs it: it is
     * often a bare suffix, which the dictionary is slowest to refuse */
    int rk = -1;
    if (jk) {
        /* a name or title written whole (Hophopnamə) */
        if (S_name_only(lx, joined, nj))
            S_DONE(BP_EOL_JOIN, 0.95f, "dictionary: the joined word, a name");
        /* a listed compound or a reduplication whose second part is a
         * word (bir-birinin) outweighs a joined form that may come from a
         * word list that dropped its hyphens; but the dictionary is
         * contrary evidence */
        /* but a listed compound with a capital inside a sentence on its
         * left part only is a proper name the dictionary knows written
         * whole (göy-göl, but Göy-/göldür: the lake Göygöl) */
        if (listed && S_capital_in_sentence(l, lw, nl) && !bp_az_is_upper(rc))
            S_DONE(BP_EOL_JOIN, 0.9f, "dictionary: the joined word, a name inside a sentence");
        if (listed || (redup && S_known_once(&rk, lx, dict, rw, nr))) {
            S_contested(l, BP_EOL_KEEP, 0.5f,
                        listed ? "lexicon: a listed compound, though the dictionary has the joined form"
                               : "reduplication, though the dictionary has the joined form");
            return;
        }
        /* the corpus writes it both ways about as often (xeyir-dua 370,
         * xeyirdua 378): no ground to drop a hyphen the text has */
        if (comp >= 3 && 2 * comp >= bp_lexicon_freq(lx, joined, nj)) {
            S_contested(l, BP_EOL_KEEP, 0.5f,
                        "corpus: written with the hyphen about as often as without");
            return;
        }
        S_DONE(BP_EOL_JOIN, 0.95f, "dictionary: the joined word");
    }
    if (redup)
        S_DONE(BP_EOL_KEEP, 0.9f, "reduplication");
    int lk = -1;
    /* the same first part written with a hyphen elsewhere (milli-...) */
    char pre[S_MAXW + 2];
    size_t np = nl < S_MAXW ? nl : S_MAXW - 1; /* S_left keeps nl < S_MAXW */
    memcpy(pre, lw, np);
    pre[np] = '-';
    if (bp_wordstats_count(ws, pre, np + 1) > 0 && S_known_once(&rk, lx, dict, rw, nr))
        S_DONE(BP_EOL_KEEP, 0.75f, "document: first part hyphenated elsewhere");
    /* Two common words whose joined form is no word: likely a compound
     * missing from the lexicon.  Names (a capital first part) and rare
     * parts are far more often just unknown words broken at a syllable. */
    if (letters_l >= 3 && letters_r >= 3 && !bp_az_is_upper(S_first(lw, nl)) &&
        bp_lexicon_freq(lx, lw, nl) >= 100 && bp_lexicon_freq(lx, rw, nr) >= 100 &&
        S_known_once(&lk, lx, dict, lw, nl) && S_known_once(&rk, lx, dict, rw, nr))
        S_DONE(BP_EOL_KEEP, 0.6f, "dictionary: two common words, the joined form is not one");
    /* no dictionary: the corpus frequencies may still know the word */
    if (!dict && bp_lexicon_freq(lx, joined, nj) > 0)
        S_DONE(BP_EOL_JOIN, 0.9f, "frequencies: the joined word");
    /* a whole word on the left and a right part that the dictionary does
     * not know but the document uses on its own: a compound as likely as
     * a broken word */
    if (letters_r >= 4 && bp_wordstats_count(ws, rw, nr) > 0 && S_known_once(&lk, lx, dict, lw, nl) &&
        !S_known_once(&rk, lx, dict, rw, nr)) {
        S_set(l, BP_EOL_MAYBE, 0.5f, "a word, then a part the document uses alone");
        return;
    }
    bool syl = bp_az_syllable_break(lw, nl, rw, nr);
    if (syl)
        S_DONE(BP_EOL_JOIN, 0.7f, "syllable boundary");
    else if (S_known_once(&lk, lx, dict, lw, nl) && S_known_once(&rk, lx, dict, rw, nr))
        S_DONE(BP_EOL_MAYBE, 0.5f, "two words, not a syllable boundary");
    else
        S_DONE(BP_EOL_JOIN, 0.55f, "default: line-end hyphens are mostly syllable breaks");
#undef S_DONE
}

/* A soft hyphen beside the line break but not at the end of the word's
 * first line: alone on the next line (mək / U+00AD / təblər), or opening
 * the next line (the reader removed it there as an edit at 0).  Either
 * way the word goes on.  Returns 1 when it stands alone on line j (j then
 * becomes the hyphen line), 2 when it opens line j, else 0. */
static int S_shy_next(const bp_doc *d, const bp_line *l, size_t j)
{
    if (j >= d->nlines || d->lines[j].block != BP_BLOCK_CONT || l->len == 0 ||
        !bp_az_is_letter(S_last(l->text, l->len)))
        return 0;
    const bp_line *n = &d->lines[j];
    if (n->len == 2 && memcmp(n->text, "\xC2\xAD", 2) == 0 && n->nedits == 0) {
        size_t k = bp_doc_next_body(d, j);
        return k < d->nlines && d->lines[k].block == BP_BLOCK_CONT &&
                       bp_az_is_letter(S_first(d->lines[k].text, d->lines[k].len))
                   ? 1
                   : 0;
    }
    if (n->nedits && n->edits[0].at == 0 && n->edits[0].len == 0 &&
        n->edits[0].kind == BP_EDIT_SOFT_HYPHEN && bp_az_is_letter(S_first(n->text, n->len)))
        return 2;
    return 0;
}

/* Does the part w[0, n) of the word j (frequency fj) stand as a word of
 * its own: written elsewhere in the document (once is the part itself), or
 * in the corpus at least as often as j?  Not mere dictionary acceptance nor
 * any corpus frequency: the affix rules and the corpus both carry fragments
 * of broken words (lərdə, mək). */
static bool S_part_word(const char *w, size_t n, uint64_t fj, const bp_lexicon *lx,
                        const bp_wordstats *ws)
{
    uint64_t f = bp_lexicon_freq(lx, w, n);
    return bp_wordstats_count(ws, w, n) > 1 || (f > 0 && f >= fj);
}

/* The word across site s, the two parts joined, into j (2 * S_MAXW bytes);
 * its length. */
static size_t S_join(const S_site *s, char *j)
{
    memcpy(j, s->lw, s->nl);
    memcpy(j + s->nl, s->rw, s->nr);
    return s->nl + s->nr;
}

/* A line-end dash, ~ or = inside one word (məktəb—/lərdə, hökü~/mət):
 * OCR's reading of a syllable hyphen.  Both sides lower-case letters, the
 * word across the break known to the dictionary or the document, and not
 * two words of their own (Vətən—bu).  The reason when so, else NULL. */
static const char *S_misread_hyphen(const S_site *s, const bp_lexicon *lx, const bp_wordstats *ws)
{
    if (s->nl == 0 || s->nr == 0 || !bp_lexicon_path(lx))
        return NULL;
    uint32_t lc = S_last(s->lw, s->nl), rc = S_first(s->rw, s->nr);
    if (!bp_az_is_letter(lc) || bp_az_is_upper(lc) || !bp_az_is_letter(rc) || bp_az_is_upper(rc))
        return NULL;
    char j[S_MAXW * 2];
    size_t nj = S_join(s, j);
    uint64_t fj = bp_lexicon_freq(lx, j, nj);
    if (fj == 0 && bp_wordstats_count(ws, j, nj) == 0 && !bp_lexicon_known(lx, j, nj))
        return NULL;
    if (S_part_word(s->lw, s->nl, fj, lx, ws) && S_part_word(s->rw, s->nr, fj, lx, ws))
        return NULL;
    return "a dash, ~ or = inside a word known whole: OCR's reading of a syllable hyphen";
}

/* A line that ends inside a word whose hyphen OCR dropped (mək / təblərdə):
 * the line's last word and the next line's first, letters only with
 * nothing between, no capital at the break, neither a word of its own
 * (S_part_word), and joined a word the corpus uses or the document has.
 * Fills s. */
static bool S_dropped_hyphen(const bp_line *l, const bp_line *n, S_site *s, const bp_lexicon *lx,
                             const bp_wordstats *ws)
{
    if (!bp_lexicon_path(lx) || l->len == 0 || n->indent > 0)
        return false;
    s->nl = S_left_at(l, l->len, s->lw);
    s->nr = S_right(n, s->rw);
    if (s->nl + s->nr >= S_MAXW || S_letters(s->lw, s->nl) < 2 || S_letters(s->rw, s->nr) < 2 ||
        !bp_az_all_letters(s->lw, s->nl) || !bp_az_all_letters(s->rw, s->nr))
        return false;
    uint32_t lc = S_first(s->lw, s->nl), rc = S_first(s->rw, s->nr);
    if (bp_az_is_upper(S_last(s->lw, s->nl)) || bp_az_is_upper(rc) || !bp_az_is_letter(lc))
        return false;
    char j[S_MAXW * 2];
    size_t nj = S_join(s, j);
    uint64_t fj = bp_lexicon_freq(lx, j, nj);
    if (fj == 0 && bp_wordstats_count(ws, j, nj) == 0)
        return false;
    return !S_part_word(s->lw, s->nl, fj, lx, ws) && !S_part_word(s->rw, s->nr, fj, lx, ws);
}

berpa_status bp_dehyphenate(bp_doc *d, size_t from, size_t to, const bp_lexicon *lx,
                            const bp_wordstats *ws)
{
    for (size_t i = from; i < to && i < d->nlines; i++) {
        bp_line *l = &d->lines[i];
        if (l->role == BP_ROLE_BODY && !(l->flags & BP_LF_HYPHEN_END)) {
            size_t j = bp_doc_next_body(d, i);
            if (j < d->nlines && (d->lines[j].flags & BP_LF_TRUNCATED) &&
                d->lines[j].block == BP_BLOCK_CONT) {
                /* the reader cut a line over 64 KiB here: inside a word
                 * the text goes on without a space, at a space with one */
                if (l->trail == 0 && d->lines[j].indent == 0)
                    S_set(l, BP_EOL_KEEP, 1.0f, "a line over 64 KiB, cut by the reader, goes on");
                else
                    S_set(l, BP_EOL_NONE, 1.0f, NULL);
                continue;
            }
            S_site ds;
            if (j < d->nlines && d->lines[j].block == BP_BLOCK_CONT &&
                S_dropped_hyphen(l, &d->lines[j], &ds, lx, ws)) {
                if (!S_record(l, ds.lw, ds.nl, ds.rw, ds.nr))
                    return BERPA_E_NOMEM;
                S_set(l, BP_EOL_KEEP, 0.7f,
                      "one word across the line end, its hyphen dropped by OCR: neither half is a word, joined it is");
                continue;
            }
            int shy = S_shy_next(d, l, j);
            if (shy) {
                /* no space after this line; with the soft hyphen alone on
                 * line j, j is the hyphen line, joined to the word's rest */
                S_set(l, BP_EOL_KEEP, 0.9f,
                      shy == 1 ? "a soft hyphen on the next line" : "a soft hyphen opens the next line");
                size_t k = shy == 1 ? bp_doc_next_body(d, j) : j;
                S_site s;
                s.nl = S_left_at(l, l->len, s.lw);
                s.nr = k < d->nlines ? S_right(&d->lines[k], s.rw) : 0;
                if (!S_record(l, s.lw, s.nl, s.rw, s.nr))
                    return BERPA_E_NOMEM;
                if (shy == 1) {
                    bp_line *n = &d->lines[j];
                    n->flags |= BP_LF_HYPHEN_END;
                    n->hy_at = 0;
                    n->hy_len = 2;
                    n->hy_kind = BP_BREAK_SOFT;
                    S_set(n, BP_EOL_JOIN, 0.9f, "a soft hyphen alone on its line");
                    i = j;
                }
                continue;
            }
        }
        if (l->role != BP_ROLE_BODY || !(l->flags & BP_LF_HYPHEN_END)) {
            S_set(l, BP_EOL_NONE, 1.0f, NULL);
            continue;
        }
        if (l->eol_why)
            continue; /* the soft hyphen of the line before decided it */
        size_t j = bp_doc_next_body(d, i);
        if (j >= d->nlines) {
            /* at the end of the input there is nothing to join with */
            if (d->seen_eof)
                S_set(l, BP_EOL_NONE, 1.0f, "end of text");
            continue;
        }
        const bp_line *n = &d->lines[j];
        if (n->block != BP_BLOCK_CONT) {
            S_set(l, BP_EOL_NONE, 1.0f, "the next line starts a new block");
            continue;
        }
        S_site s;
        s.nl = S_left(l, s.lw);
        s.nr = S_right(n, s.rw);
        /* the site, for the emitters */
        if (!S_record(l, s.lw, s.nl, s.rw, s.nr))
            return BERPA_E_NOMEM;
        if (l->hy_kind == BP_BREAK_DASH || l->hy_kind == BP_BREAK_OCR) {
            const char *why = S_misread_hyphen(&s, lx, ws);
            if (why) {
                S_set(l, BP_EOL_JOIN, 0.8f, why);
                continue;
            }
        }
        if (l->hy_kind == BP_BREAK_OCR) {
            S_set(l, BP_EOL_NONE, 0.7f, "a ~ or = at the line end, no known word across it: kept as read");
            continue;
        }
        if (l->hy_kind == BP_BREAK_DASH) {
            /* 1918–1920, Bakı–Tiflis, Vətən—bu: a dash is never a syllable
             * break; unspaced before the break, it stays unspaced after */
            S_set(l, BP_EOL_KEEP, 0.9f, "an unspaced dash at the line end");
            continue;
        }
        if (l->hy_kind == BP_BREAK_URL ||
            (l->hy_kind == BP_BREAK_HYPHEN && bp_az_in_url(l->text, l->len, l->hy_at))) {
            /* an address cut at the line end: it goes on without a space,
             * and a hyphen in it is its own (www.e-qanun.az) */
            S_set(l, BP_EOL_KEEP, 0.9f, "inside a URL or e-mail address");
            continue;
        }
        if (s.nl == 0 || s.nr == 0) {
            S_set(l, BP_EOL_KEEP, 0.6f, "not a word on both sides");
            continue;
        }
        S_decide(l, &s, lx, ws);
    }
    return BERPA_OK;
}

bool bp_break_after_digit(const bp_line *l)
{
    if (!(l->flags & BP_LF_HYPHEN_END) || l->hy_at == 0 || l->hy_at > l->len)
        return false;
    char c = l->text[l->hy_at - 1];
    return c >= '0' && c <= '9';
}

bool bp_break_crosses(bool after_digit, const bp_line *next, unsigned blanks, bool page,
                      bool blank_style)
{
    if (!page && (blanks == 0 || (blank_style && blanks == 1)))
        return true;
    uint32_t c = S_first(next->text, next->len);
    if (bp_az_is_letter(c) && !bp_az_is_upper(c))
        return true;
    if (!after_digit)
        return false;
    if (c >= '0' && c <= '9')
        return true;
    /* a number's letter series (No 725- / IQ): a short all-capital token,
     * where a sentence would go on in lower case */
    size_t i = 0, k, caps = 0;
    while (i < next->len) {
        uint32_t cp = bp_utf8_next(next->text + i, next->len - i, &k);
        if (!bp_az_is_letter(cp))
            break;
        if (!bp_az_is_upper(cp))
            return false;
        caps++;
        i += k;
    }
    return caps >= 1 && caps <= 4 && (i == next->len || !bp_az_is_wordchar(S_first(next->text + i, next->len - i)));
}
