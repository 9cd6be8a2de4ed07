/*
 * correct_punct.c: sentence punctuation tesseract's aze model misread,
 * part of the correct stage (correct.c calls it for each BODY line after
 * the word corrections).
 *
 * Two repairs, each decided from the Azerbaijani sentence and the
 * document, never by a blanket rule:
 *   - a sentence end read as a comma (imzalandı, Hər -> imzalandı. Hər):
 *     Azerbaijani is verb-final, so a finite verb form (past -dı, copula
 *     -dır, future -acaq, present -ır ...) before the comma and a capital
 *     on a common word after it (a word the dictionary accepts in lower
 *     case: not a name) say that a sentence ended there.  One of the two
 *     alone is only reported (ocr-unsure);
 *   - the semicolon ending a list item (the aze model never outputs ';',
 *     it reads ',' or ':'): an item of a law or a list ends in an
 *     infinitive (etmək, almaq) or an obligation form (verməli), and the
 *     next line starts a new block or goes on in lower case.
 * Every change is a BP_EDIT_OCR edit with its confidence and reason.
 */
#include "stages.h"

#include <stdio.h>
#include <string.h>

/* Does the lower-case word w (n bytes) end in one of the suffixes? */
static bool S_ends(const char *w, size_t n, const char *const *suf)
{
    for (; *suf; suf++) {
        size_t m = strlen(*suf);
        if (m < n && memcmp(w + n - m, *suf, m) == 0)
            return true;
    }
    return false;
}

static const char S_why_end[] =
    "sentence end read as a comma: a finite verb before, a capital on a common word after";

/* Finite verb endings that close a sentence: past (-dı with its person
 * endings), copula (-dır), future (-acaq), present plural (-ırlar). */
static const char *const S_strong[] = {
    "dı", "di", "du", "dü", "dım", "dim", "dum", "düm", "dıq", "dik", "duq", "dük",
    "dılar", "dilər", "dular", "dülər", "dınız", "diniz", "dunuz", "dünüz",
    "dır", "dir", "dur", "dür", "dırlar", "dirlər", "durlar", "dürlər",
    "acaq", "əcək", "ırlar", "irlər", "urlar", "ürlər", NULL
};
/* The present (-ır; also nouns like fikir, şeir) ends a sentence more
 * often than not; the aorist (-ar, bilər), converb and participle (-ıb,
 * -mış) and obligation (-malı) also go on inside one (olub, vermiş). */
static const char *const S_present[] = { "ır", "ir", "ur", "ür", NULL };
static const char *const S_weak[] = {
    "ar", "ər", "ıb", "ib", "ub", "üb", "mış", "miş", "muş", "müş", "malı", "məli", NULL
};
/* What a list item of a law ends in: an infinitive or an obligation. */
static const char *const S_item[] = { "maq", "mək", "malı", "məli", NULL };
static const char *const S_plural[] = { "lar", "lər", NULL };

/* The word (letters only) ending right before byte `end` of s: its start,
 * or `end` when there is none.  *lower: no capital in it. */
static size_t S_word_before(const char *s, size_t end, bool *lower)
{
    size_t i = end, k;
    *lower = true;
    while (i > 0) {
        uint32_t cp = bp_utf8_prev(s, i, &k);
        if (!bp_az_is_letter(cp))
            break;
        if (bp_az_is_upper(cp))
            *lower = false;
        i -= k;
    }
    /* a word glued to a digit or hyphen is no sentence's last word */
    if (i > 0) {
        uint32_t cp = bp_utf8_prev(s, i, &k);
        if (bp_az_is_wordchar(cp) || bp_az_is_inner_hyphen(cp) || cp == '.')
            return end;
    }
    return i;
}

/* The word starting at s[i] (after an opening quote or bracket): its
 * span in [*a, *b).  False unless it is a capital followed by small
 * letters, or the single-letter pronoun O, and no full stop follows (an
 * initial). */
static bool S_capital_after(const char *s, size_t n, size_t i, size_t *a, size_t *b)
{
    size_t k;
    while (i < n) {
        uint32_t cp = bp_utf8_next(s + i, n - i, &k);
        if (cp != '"' && cp != 0x201C && cp != 0x00AB && cp != '(')
            break;
        i += k;
    }
    *a = i;
    size_t nch = 0, nup = 0;
    uint32_t first = 0;
    while (i < n) {
        uint32_t cp = bp_utf8_next(s + i, n - i, &k);
        if (!bp_az_is_letter(cp))
            break;
        if (nch == 0)
            first = cp;
        nup += bp_az_is_upper(cp);
        nch++;
        i += k;
    }
    *b = i;
    if (nch == 0 || !bp_az_is_upper(first) || nup != 1)
        return false;
    if (i < n && (s[i] == '.' || bp_az_is_wordchar(bp_utf8_next(s + i, n - i, &k))))
        return false;
    return nch > 1 || first == 'O';
}

/* Is the capitalised word w a common word (the dictionary accepts it in
 * lower case and the corpus uses it), not a name? */
static bool S_common(const bp_lexicon *lx, const char *w, size_t n)
{
    char low[128];
    size_t m = bp_az_lower(w, n, low, sizeof low);
    if (m == 0 || m >= sizeof low)
        return false;
    return bp_lexicon_freq(lx, low, m) >= 100 && bp_lexicon_known(lx, low, m);
}

/* Applies or reports one punctuation repair at byte `at` of line l:
 * `w0` is where the word before starts (for the report). */
static berpa_status S_settle(bp_line *l, size_t w0, size_t at, const char *to, float cert,
                             const char *why, const bp_correct_opts *o, bp_diagctx *dc,
                             bp_correct_stats *st)
{
    if (cert >= o->threshold) {
        if (!bp_correct_apply(l, (uint32_t)at, 1, to, strlen(to), cert, why))
            return BERPA_E_NOMEM;
        st->applied++;
        return BERPA_OK;
    }
    char cand[160];
    int cl = snprintf(cand, sizeof cand, "%.*s%s", (int)(at - w0 < 128 ? at - w0 : 128),
                      l->text + w0, to);
    st->unsure++;
    bp_diag(dc, BP_D_OCR_UNSURE, l->lineno, 0, l->src_off, (int)(at + 1 - w0), l->text + w0,
            cl, cand, cert, o->threshold);
    return BERPA_OK;
}

/* The confidence that `w, Next` was `w. Next`: the verb evidence before
 * and the common-word capital after (0 when neither). */
static float S_sentence_end(const char *w, size_t n, bool common)
{
    bool strong = S_ends(w, n, S_strong);
    bool present = !strong && n >= 5 && S_ends(w, n, S_present);
    bool weak = !strong && !present && S_ends(w, n, S_weak) && !S_ends(w, n, S_plural);
    if (common)
        return strong ? 0.9f : present ? 0.65f : weak ? 0.45f : 0.35f;
    return strong ? 0.4f : 0.0f;
}

berpa_status bp_correct_punct(bp_doc *d, size_t li, const bp_lexicon *lx,
                              const bp_correct_opts *o, bp_diagctx *dc, bp_correct_stats *st)
{
    bp_line *l = &d->lines[li];
    size_t end = (l->flags & BP_LF_HYPHEN_END) ? l->hy_at : l->len;
    for (size_t i = 0; i < end; i++) {
        char c = l->text[i];
        if (c != ',' && c != ':')
            continue;
        bool lower;
        size_t w0 = S_word_before(l->text, i, &lower);
        size_t wn = i - w0;
        if (!lower || wn < 4)
            continue;
        if (i + 1 < l->len) {
            /* inside the line: "w, Next" */
            size_t a, b;
            if (c != ',' || l->text[i + 1] != ' ' ||
                !S_capital_after(l->text, l->len, i + 2, &a, &b))
                continue;
            float cert = S_sentence_end(l->text + w0, wn, S_common(lx, l->text + a, b - a));
            if (cert < 0.3f)
                continue;
            berpa_status rs = S_settle(l, w0, i, ".", cert,
                                       S_why_end,
                                       o, dc, st);
            if (rs != BERPA_OK)
                return rs;
            continue;
        }
        /* at the line's end: the next BODY line decides */
        size_t nx = bp_doc_next_body(d, li);
        if (nx >= d->nlines)
            continue;
        const bp_line *n = &d->lines[nx];
        bool new_block = n->block != BP_BLOCK_CONT || nx > li + 1;
        size_t k;
        bool next_lower = n->len > 0 && bp_az_is_letter(bp_utf8_next(n->text, n->len, &k)) &&
                          !bp_az_is_upper(bp_utf8_next(n->text, n->len, &k));
        if (S_ends(l->text + w0, wn, S_item) && (new_block || c == ':') &&
            (next_lower || new_block)) {
            berpa_status rs = S_settle(l, w0, i, ";", new_block ? 0.85f : 0.7f,
                                       "list item's semicolon read as a comma or colon: "
                                       "an infinitive or obligation ends the item",
                                       o, dc, st);
            if (rs != BERPA_OK)
                return rs;
            continue;
        }
        size_t a, b;
        if (c == ',' && S_capital_after(n->text, n->len, 0, &a, &b)) {
            float cert = S_sentence_end(l->text + w0, wn, S_common(lx, n->text + a, b - a));
            if (cert < 0.3f)
                continue;
            berpa_status rs = S_settle(l, w0, i, ".", cert,
                                       S_why_end,
                                       o, dc, st);
            if (rs != BERPA_OK)
                return rs;
        }
    }
    return BERPA_OK;
}
