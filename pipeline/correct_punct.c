/*
 * correct_punct.c: sentence punctuation tesseract's aze model misread,
 * part of the correct stage (correct.c calls it for each BODY line after
 * the word corrections).
 *
 * Repairs, each decided from the Azerbaijani sentence and the
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
/* Whole words that are a sentence's predicate: the past copula, "there
 * is/is not", "not", "may". */
static const char *const S_predicate[] = { "idi", "imiş", "var", "yox", "deyil", "bilər",
                                           "bilərlər", "olar", NULL };
/* Titles written before a name with a full stop. */
static const char *const S_title[] = { "Dr", "Prof", "Akad", "Gen", NULL };

/* Is w (n bytes) one of the words? */
static bool S_is(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(w, *list, n) == 0)
            return true;
    return false;
}

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

/* Pronouns, determiners and conjunctions that open sentences and are
 * never names. */
static const char *const S_opener[] = {
    "O", "Bu", "Onun", "Onlar", "Onların", "Bunun", "Bunlar", "Həmin", "Hər", "Bir", "Lakin",
    "Amma", "Ancaq", "Sonra", "Belə", "Elə", "Bundan", "Ona", "Buna", "Biz", "Siz", "Mən",
    "Sən", "Çünki", "Həm", "Hətta", NULL
};

/* Is the capitalised word w a common word, not a name?  2: the document
 * writes it in lower case elsewhere (or it is an opener); 1: the document
 * has it nowhere else, the corpus knows it and the dictionary knows its
 * lower-case form (the frequency table is case-folded); 0: a name (the
 * document writes it with a capital every time) or unknown. */
static int S_common(const bp_lexicon *lx, const bp_wordstats *ws, const char *w, size_t n)
{
    if (S_is(w, n, S_opener) || bp_wordstats_lower(ws, w, n) > 0)
        return 2;
    if (bp_wordstats_count(ws, w, n) > 1 || n < 4)
        return 0;
    /* the dictionary lists names with their capital only: a name's
     * lower-case form is unknown, a common word's is known */
    char low[128];
    size_t m = bp_az_lower(w, n, low, sizeof low);
    return m < sizeof low && bp_lexicon_freq(lx, w, n) >= 100 && bp_lexicon_known(lx, low, m);
}

/* Applies or reports one punctuation repair of the len bytes at byte `at`
 * of line l: `w0` is where the word before starts (for the report). */
static berpa_status S_settle(bp_line *l, size_t w0, size_t at, size_t len, const char *to,
                             float cert, const char *why, const bp_correct_opts *o,
                             bp_diagctx *dc, bp_correct_stats *st)
{
    if (cert >= o->threshold) {
        if (!bp_correct_apply(l, (uint32_t)at, (uint32_t)len, to, strlen(to), cert, why))
            return BERPA_E_NOMEM;
        st->applied++;
        return BERPA_OK;
    }
    char cand[160];
    int cl = snprintf(cand, sizeof cand, "%.*s%s", (int)(at - w0 < 128 ? at - w0 : 128),
                      l->text + w0, to);
    st->unsure++;
    bp_diag(dc, BP_D_OCR_UNSURE, l->lineno, 0, l->src_off, (int)(at + len - w0), l->text + w0,
            cl, cand, cert, o->threshold);
    return BERPA_OK;
}

/* The confidence that `w, Next` was `w. Next`: the verb evidence before
 * and the common-word capital after (0 when neither). */
static float S_sentence_end(const char *w, size_t n, int common)
{
    bool strong = S_ends(w, n, S_strong) || S_is(w, n, S_predicate);
    bool present = !strong && n >= 5 && S_ends(w, n, S_present);
    bool weak = !strong && !present && S_ends(w, n, S_weak) && !S_ends(w, n, S_plural);
    /* On the learned fold (dev/wiki, dev/law gold) a lower-case word with
     * a strong ending before a capital ends a sentence 461 times in 463, a
     * present one 141 in 141, and the aze model reads 13% of full stops as
     * commas (az_AZ.errors): the posterior of the full stop is about 0.95
     * before a common word.  Weak and other endings are close to even. */
    if (common == 2)
        return strong ? 0.95f : present ? 0.85f : weak ? 0.5f : 0.35f;
    if (common == 1)
        return strong ? 0.9f : present ? 0.75f : weak ? 0.35f : 0.3f;
    /* a name after it (a word the document never writes in lower case):
     * on the learned fold a strong ending before a name ends a sentence
     * 176 times in 178 (the other two join clauses with a comma:
     * mənsubdurlar, Hayrullina ...), a posterior of about 0.9 with 13% of
     * full stops read as commas; taken at 0.7, below a common word's,
     * since a compound sentence may join its clauses so (S_particle_after) */
    return strong ? 0.7f : 0.0f;
}

/* The particles that put a clause's subject against or beside the
 * clause before it ("Bakı isə ...", "Türkiyə də ..."): a compound
 * sentence joins such clauses with a comma. */
static const char *const S_particle[] = { "isə", "da", "də", NULL };

/* Do the first few words after byte `from` of s (n bytes), then of the
 * text s2 (n2 bytes: the next line, or NULL), up to a punctuation mark,
 * hold one of S_particle? */
static bool S_particle_after(const char *s, size_t n, size_t from, const char *s2, size_t n2)
{
    int words = 0;
    for (int part = 0; part < 2 && s; part++, s = s2, n = n2, from = 0) {
        for (size_t i = from, k; i < n && words < 4;) {
            uint32_t cp = bp_utf8_next(s + i, n - i, &k);
            if (cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?')
                return false;
            if (!bp_az_is_letter(cp)) {
                i += k;
                continue;
            }
            size_t b = i;
            while (b < n && bp_az_is_letter(bp_utf8_next(s + b, n - b, &k)))
                b += k;
            /* a particle stands alone: da- is a broken word's head */
            if (S_is(s + i, b - i, S_particle) && (b == n || s[b] != '-'))
                return true;
            words++;
            i = b;
        }
    }
    return false;
}

/* The comma at byte i of l after the word at w0 (judged as ew, en bytes:
 * the whole word when it is a broken word's tail): a sentence end when the
 * text s (n bytes; the same line or the next, then s2, n2: the line after
 * it or NULL) has a capitalised word at byte from and the verb and word
 * evidence say so (S_sentence_end).  block_end: a new block starts at s,
 * so no clause of the same sentence does. */
static berpa_status S_comma_end(bp_line *l, size_t w0, size_t i, const char *ew, size_t en,
                                const char *s, size_t n,
                                size_t from, const char *s2, size_t n2, bool block_end,
                                const bp_lexicon *lx,
                                const bp_wordstats *ws, const bp_correct_opts *o,
                                bp_diagctx *dc, bp_correct_stats *st)
{
    size_t a, b, k;
    if (!S_capital_after(s, n, from, &a, &b))
        return BERPA_OK;
    /* joined by a hyphen to another capitalised word (Türkiyə-Rusiya,
     * Azərbaycan-Türkiyə): a name, as only names are written so */
    bool joined = false;
    if (b < n && s[b] == '-') {
        size_t h = b + 1; /* past a soft hyphen, the next line's word */
        while (h < n && bp_utf8_next(s + h, n - h, &k) == 0x00AD)
            h += k;
        joined = h < n ? bp_az_is_upper(bp_utf8_next(s + h, n - h, &k))
                       : s2 && n2 > 0 && bp_az_is_upper(bp_utf8_next(s2, n2, &k));
    }
    int common = joined ? 0 : S_common(lx, ws, s + a, b - a);
    float cert = S_sentence_end(ew, en, common);
    if (cert < 0.3f)
        return BERPA_OK;
    /* a word the document never writes small, then a particle setting it
     * beside the clause before: the comma more likely joins two clauses
     * of one sentence (dağılmışdı, Bakı isə ...), and is right; only
     * reported */
    if (common < 2 && !block_end && S_particle_after(s, n, b, s2, n2))
        return S_settle(l, w0, i, 1, ".", 0.3f,
                        "comma before a name and a particle (isə, da, də): likelier two "
                        "clauses of one sentence than a sentence end",
                        o, dc, st);
    return S_settle(l, w0, i, 1, ".", cert, S_why_end, o, dc, st);
}

/* An initial or a title read with a comma (A, Hüseynov; Dr, N.): a single
 * capital letter or a title word right before the comma at byte i, a
 * capitalised word after it.  Azerbaijani writes a comma after a lone
 * capital only in a list of letters, which goes on with a letter. */
static berpa_status S_initial(bp_line *l, size_t i, const bp_correct_opts *o, bp_diagctx *dc,
                              bp_correct_stats *st)
{
    size_t w0 = i, k;
    while (w0 > 0 && bp_az_is_letter(bp_utf8_prev(l->text, w0, &k)))
        w0 -= k;
    if (w0 == i || (w0 > 0 && (bp_az_is_wordchar(bp_utf8_prev(l->text, w0, &k)) ||
                               bp_az_is_inner_hyphen(bp_utf8_prev(l->text, w0, &k)))))
        return BERPA_OK;
    /* O is the pronoun "he, she", not an initial */
    uint32_t c0 = bp_utf8_next(l->text + w0, i - w0, &k);
    bool single = bp_az_is_upper(c0) && c0 != 'O' && w0 + k == i;
    if (!single && !S_is(l->text + w0, i - w0, S_title))
        return BERPA_OK;
    size_t a, b;
    if (!S_capital_after(l->text, l->len, i + 2, &a, &b) &&
        !(i + 3 < l->len && bp_az_is_upper(bp_utf8_next(l->text + i + 2, l->len - i - 2, &k)) &&
          (l->text[i + 2 + k] == '.' || l->text[i + 2 + k] == ',')))
        return BERPA_OK;
    /* a list of letters (A, B, C) goes on with another single letter */
    if (single && b == a + k && l->text[b] != '.')
        return BERPA_OK;
    return S_settle(l, w0, i, 1, ".", 0.8f,
                    "an initial or title's full stop read as a comma: a capitalised name "
                    "follows",
                    o, dc, st);
}

/* Does the lexicon know the form (corpus frequency, else Hunspell)? */
static bool S_known(const bp_lexicon *lx, const char *w, size_t n)
{
    return n > 0 && (bp_lexicon_freq(lx, w, n) > 0 || bp_lexicon_known(lx, w, n));
}

/* Is a quote open after s (n bytes), given whether one was open before
 * it?  An opening quote (« “, a straight " when none is open) opens, a
 * closing one (» ”, a straight " when one is open) closes. */
static bool S_quote_open(const char *s, size_t n, bool open)
{
    size_t k;
    for (size_t i = 0; i < n; i += k) {
        uint32_t cp = bp_utf8_next(s + i, n - i, &k);
        if (cp == 0x00AB || cp == 0x201C)
            open = true;
        else if (cp == 0x00BB || cp == 0x201D)
            open = false;
        else if (cp == '"')
            open = !open;
    }
    return open;
}

/* Is cp one of the letters the aze model reads for an opening «: a round
 * small letter about its size (e, a, c, s, o, ə)? */
static bool S_round(uint32_t cp)
{
    return cp == 'e' || cp == 'a' || cp == 'c' || cp == 's' || cp == 'o' || cp == 0x0259;
}

/* Azerbaijani case endings that follow a quoted name after its closing
 * guillemet (ocağı»nın, «Müsavat»da). */
static const char *const S_case[] = { "nın", "nin", "nun", "nün", "na", "nə", "nda", "ndə",
                                      "ndan", "ndən", "da", "də", "dan", "dən", NULL };

/* Guillemets, which the aze model cannot output: it reads an opening «
 * as a small round letter glued to the word (eMoskva, aMoskva, sAnadolu,
 * edağılan) and a closing » as 'ə' (verirdiə., ocağıənın).  No
 * Azerbaijani word has a small letter before a capital; a form the
 * lexicon does not know that becomes a known one without the letter is
 * the quoted word.  The word at [a, b) of line l; prev_open: a quote the
 * line before left open; head: the word is the head of a word broken at
 * the line end (only its capital can tell). */
static berpa_status S_guillemet(bp_line *l, size_t a, size_t b, const bp_lexicon *lx,
                                bool prev_open, bool head, const bp_correct_opts *o,
                                bp_diagctx *dc, bp_correct_stats *st)
{
    const char *w = l->text + a;
    size_t n = b - a, k, k1, k2;
    if (n < 3)
        return BERPA_OK;
    /* the dictionary over-generates (görüşürə: a participle's dative),
     * so a form the corpus never uses may still hold a closing quote */
    bool used = bp_lexicon_freq(lx, w, n) > 0;
    bool known = used || (!head && bp_lexicon_known(lx, w, n));
    uint32_t c1 = bp_utf8_next(w, n, &k1);
    if (S_round(c1) && n > k1 && !(known && !head)) {
        uint32_t c2 = bp_utf8_next(w + k1, n - k1, &k2);
        bool cap = bp_az_is_upper(c2) &&
                   (k1 + k2 == n || !bp_az_is_upper(bp_utf8_next(w + k1 + k2, n - k1 - k2, &k)));
        /* e before a capital: the aze model's usual reading of «; another
         * round letter only when the capitalised rest is a known word */
        bool rest = !head && S_known(lx, w + k1, n - k1);
        if (cap && (c1 == 'e' || rest))
            return S_settle(l, a, a, k1, "\u00AB", c1 == 'e' ? 0.85f : 0.75f,
                            "opening guillemet read as a small letter before a capital: "
                            "no Azerbaijani word has one",
                            o, dc, st);
        /* e before a small letter: a long known rest, or a very frequent
         * short one (ebu, esiz: bu, siz) */
        if (c1 == 'e' && !head && !cap && rest &&
            (n >= 6 || bp_lexicon_freq(lx, w + k1, n - k1) >= 1000))
            return S_settle(l, a, a, 1, "\u00AB", 0.7f,
                            "opening guillemet read as 'e': the word without it is known", o,
                            dc, st);
        if (c1 == 'e')
            return BERPA_OK;
    }
    char after = b < l->len ? l->text[b] : ' ';
    bool open = S_quote_open(l->text, a, prev_open);
    if (head || n < 5 || used || (known && !open))
        return BERPA_OK;
    /* ə is two bytes (C9 99); a closing quote is followed by punctuation,
     * or by a space when a quote is open: in the line before the word, or
     * left open by the lines before; a high vowel before ə says it too
     * (the dative after a vowel is -yə: təmsiliyyəsi»; a loan may end in
     * əə, əmtəə) */
    if (n >= 7 && memcmp(w + n - 2, "\xC9\x99", 2) == 0 && S_known(lx, w, n - 2)) {
        uint32_t v = bp_utf8_prev(w, n - 2, &k);
        bool vowel = v == 'i' || v == 'u' || v == 0x0131 || v == 0x00FC; /* not əmtəə */
        bool punct = after == '.' || after == ',' || after == ';' || after == ':';
        /* a form the dictionary accepts (firqələrinə) needs both */
        if (known ? open && punct : punct || open || vowel)
            return S_settle(l, a, b - 2, 2, "\u00BB",
                            open && (punct || vowel) ? 0.85f : (open || vowel) ? 0.75f : 0.6f,
                            "closing guillemet read as '\u0259': the word without it "
                            "is known",
                            o, dc, st);
        return BERPA_OK;
    }
    /* a case ending after the closing quote: stem + ə + ending */
    for (size_t i = 0; open && i + 2 < n; i += k) {
        bp_utf8_next(w + i, n - i, &k);
        if (i >= 4 && memcmp(w + i, "\xC9\x99", 2) == 0 && S_is(w + i + 2, n - i - 2, S_case) &&
            S_known(lx, w, i))
            return S_settle(l, a, a + i, 2, "\u00BB", 0.75f,
                            "closing guillemet read as '\u0259' before a case ending: "
                            "the word before it is known",
                            o, dc, st);
    }
    return BERPA_OK;
}

/* The percent sign, which the aze model cannot output: it reads "25%-dən"
 * as "2596-dən" or "25/s-dən".  Azerbaijani suffixes agree with the last
 * word read aloud: after a number with "doxsan altı" (…96) they are back
 * (1596-dan, -ı), after % ("faiz") front (15%-dən, -i).  So a front suffix
 * after …96, or any suffix after "/s", says the sign was there.  The
 * number is at [a, b) of l, digits, then the reading of %, then '-'. */
static bool S_front_suffix(const char *s, size_t n)
{
    size_t k;
    for (size_t i = 0; i < n; i += k) {
        uint32_t cp = bp_utf8_next(s + i, n - i, &k);
        if (cp == 'e' || cp == 'i' || cp == 0x0259 || cp == 0x00F6 || cp == 0x00FC)
            return true; /* e i ə ö ü */
        if (cp == 'a' || cp == 'o' || cp == 'u' || cp == 0x0131)
            return false; /* a o u ı */
    }
    return false;
}

berpa_status bp_correct_percent(bp_line *l, const bp_correct_opts *o, bp_diagctx *dc,
                                bp_correct_stats *st)
{
    for (size_t i = 0; i < l->len; i++) {
        if (l->text[i] < '0' || l->text[i] > '9' ||
            (i > 0 && bp_az_is_wordchar(bp_utf8_prev(l->text, i, &(size_t){ 0 }))))
            continue;
        size_t b = i;
        while (b < l->len && l->text[b] >= '0' && l->text[b] <= '9')
            b++;
        size_t at = 0, len = 0;
        float cert = 0.0f;
        if (b + 2 < l->len && l->text[b] == '/' && l->text[b + 1] == 's' && l->text[b + 2] == '-') {
            at = b, len = 2, cert = 0.85f;
        } else if (b - i >= 3 && l->text[b - 2] == '9' && l->text[b - 1] == '6' && b < l->len &&
                   l->text[b] == '-') {
            at = b - 2, len = 2, cert = 0.8f;
        }
        size_t e = at + len + 1, k;
        while (e < l->len && bp_az_is_letter(bp_utf8_next(l->text + e, l->len - e, &k)))
            e += k;
        /* -dək ("until") and -ki do not agree with anything: no evidence */
        const char *sf = l->text + at + len + 1;
        size_t sn = e - at - len - 1;
        bool fixed = (sn >= 4 && memcmp(sf, "dək", 4) == 0) || (sn == 2 && memcmp(sf, "ki", 2) == 0);
        if (len && sn > 0 && !fixed && S_front_suffix(sf, sn)) {
            berpa_status rs = S_settle(l, i, at, len, "%", cert,
                                       "percent sign read as 96 or /s: the suffix agrees with "
                                       "faiz, not with the number",
                                       o, dc, st);
            if (rs != BERPA_OK)
                return rs;
        }
        i = b;
    }
    return BERPA_OK;
}

/* The number sign, which the aze model cannot output: it reads "№ 3" as
 * "No 3" or "Ne 3" ("№12" as "Ne12").  Neither is an Azerbaijani word (the
 * language writes "nə"), and before a number only the sign fits: a capital
 * N and o or e standing alone, right before digits or one space and
 * digits, is the sign.  "No." with its point is an abbreviation as
 * written and stays. */
berpa_status bp_correct_numero(bp_line *l, const bp_correct_opts *o, bp_diagctx *dc,
                               bp_correct_stats *st)
{
    for (size_t i = 0; i + 2 < l->len; i++) {
        const char *s = l->text; /* a replacement may move it */
        if (s[i] != 'N' || (s[i + 1] != 'o' && s[i + 1] != 'e') ||
            (i > 0 && bp_az_is_wordchar(bp_utf8_prev(s, i, &(size_t){ 0 }))))
            continue;
        size_t d = i + 2 + (s[i + 2] == ' ');
        if (d >= l->len || s[d] < '0' || s[d] > '9')
            continue;
        berpa_status rs = S_settle(l, i, i, 2, "\u2116", 0.9f,
                                   "number sign read as No or Ne: neither is a word before a "
                                   "number",
                                   o, dc, st);
        if (rs != BERPA_OK)
            return rs;
        i = d;
    }
    return BERPA_OK;
}

berpa_status bp_correct_quotes(bp_line *l, const bp_line *const *prev, size_t nprev, bool tail,
                               const bp_lexicon *lx, const bp_correct_opts *o, bp_diagctx *dc,
                               bp_correct_stats *st)
{
    size_t end = (l->flags & BP_LF_HYPHEN_END) ? l->hy_at : l->len;
    bool prev_open = false;
    for (size_t j = 0; j < nprev; j++)
        prev_open = S_quote_open(prev[j]->text, prev[j]->len, prev_open);
    for (size_t i = 0, k; i < end;) {
        if (!bp_az_is_letter(bp_utf8_next(l->text + i, end - i, &k)) ||
            (i > 0 && bp_az_is_wordchar(bp_utf8_prev(l->text, i, &k)))) {
            bp_utf8_next(l->text + i, end - i, &k);
            i += k;
            continue;
        }
        size_t b = i;
        while (b < end && bp_az_is_letter(bp_utf8_next(l->text + b, end - b, &k)))
            b += k;
        /* a whole word: not glued to digits, hyphens or apostrophes */
        uint32_t nc = b < end ? bp_utf8_next(l->text + b, end - b, &k) : ' ';
        uint32_t pc = i > 0 ? bp_utf8_prev(l->text, i, &k) : ' ';
        /* and no tail of a word broken at a line end; a head is looked at
         * for its opening quote only */
        bool head = b == end && (l->flags & BP_LF_HYPHEN_END);
        if (!(i == 0 && tail) && (head || !bp_az_is_wordchar(nc)) &&
            (head || !bp_az_is_inner_hyphen(nc)) && nc != '\'' &&
            (i == 0 || pc == ' ' || pc == '(')) {
            size_t len0 = l->len;
            berpa_status rs = S_guillemet(l, i, b, lx, prev_open, head, o, dc, st);
            if (rs != BERPA_OK)
                return rs;
            b += l->len - len0;
            end += l->len - len0;
        }
        i = b;
    }
    return BERPA_OK;
}

/* The head of a word broken at the end of the BODY line before line li
 * (its letters before the line-end hyphen, in the same paragraph), so
 * that li's first word, the tail, is judged whole (yerlə- şir, -> a
 * present-tense verb); NULL, *hn 0 when there is none. */
static const char *S_head_before(const bp_doc *d, size_t li, size_t *hn)
{
    *hn = 0;
    size_t pj = bp_doc_prev_body(d, li);
    if (d->lines[li].block != BP_BLOCK_CONT || pj >= d->nlines)
        return NULL;
    const bp_line *p = &d->lines[pj];
    if (!(p->flags & BP_LF_HYPHEN_END) || p->hy_at > p->len)
        return NULL;
    size_t h = p->hy_at, k;
    while (h > 0 && bp_az_is_letter(bp_utf8_prev(p->text, h, &k)))
        h -= k;
    *hn = p->hy_at - h;
    return p->text + h;
}

berpa_status bp_correct_punct(bp_doc *d, size_t li, const bp_lexicon *lx,
                              const bp_wordstats *ws, const bp_correct_opts *o, bp_diagctx *dc, bp_correct_stats *st)
{
    bp_line *l = &d->lines[li];
    size_t end = (l->flags & BP_LF_HYPHEN_END) ? l->hy_at : l->len;
    size_t nx = bp_doc_next_body(d, li);
    const bp_line *n = nx < d->nlines ? &d->lines[nx] : NULL;
    for (size_t i = 0; i < end; i++) {
        char c = l->text[i];
        if (c != ',' && c != ':')
            continue;
        bool lower;
        size_t w0 = S_word_before(l->text, i, &lower);
        size_t wn = i - w0;
        if (c == ',' && i + 1 < l->len && l->text[i + 1] == ' ') {
            berpa_status rs = S_initial(l, i, o, dc, st);
            if (rs != BERPA_OK)
                return rs;
        }
        /* a broken word's tail: the word whole is the evidence */
        char whole[128];
        const char *ew = l->text + w0;
        size_t en = wn, hn;
        const char *head = w0 == 0 && wn > 0 ? S_head_before(d, li, &hn) : NULL;
        if (head && hn > 0 && hn + wn <= sizeof whole) {
            memcpy(whole, head, hn);
            memcpy(whole + hn, l->text, wn);
            ew = whole;
            en = hn + wn;
        }
        if (!lower || en < 3)
            continue;
        if (i + 1 < l->len) {
            /* inside the line: "w, Next" */
            if (c != ',' || l->text[i + 1] != ' ')
                continue;
            berpa_status rs = S_comma_end(l, w0, i, ew, en, l->text, l->len, i + 2, n ? n->text : NULL,
                                          n ? n->len : 0, false, lx, ws, o, dc, st);
            if (rs != BERPA_OK)
                return rs;
            continue;
        }
        /* at the line's end: the next BODY line decides; a verse line
         * ends in a comma where its sentence goes on in the next one, and
         * the next verse line's capital is the verse's, not a sentence's */
        if ((l->flags & BP_LF_VERSE) || l->block == BP_BLOCK_STANZA ||
            l->block == BP_BLOCK_VERSE)
            continue;
        if (!n)
            continue;
        bool new_block = n->block != BP_BLOCK_CONT || nx > li + 1;
        size_t k;
        bool next_lower = n->len > 0 && bp_az_is_letter(bp_utf8_next(n->text, n->len, &k)) &&
                          !bp_az_is_upper(bp_utf8_next(n->text, n->len, &k));
        if (S_ends(ew, en, S_item) && (new_block || c == ':') &&
            (next_lower || new_block)) {
            berpa_status rs = S_settle(l, w0, i, 1, ";", new_block ? 0.85f : 0.7f,
                                       "list item's semicolon read as a comma or colon: "
                                       "an infinitive or obligation ends the item",
                                       o, dc, st);
            if (rs != BERPA_OK)
                return rs;
            continue;
        }
        if (c == ',') {
            berpa_status rs = S_comma_end(l, w0, i, ew, en, n->text, n->len, 0, NULL, 0, new_block, lx,
                                          ws, o, dc, st);
            if (rs != BERPA_OK)
                return rs;
        }
    }
    return BERPA_OK;
}

berpa_status bp_correct_quotestyle(bp_line *l, const bp_correct_opts *o, bp_correct_stats *st)
{
    static const char why[] =
        "quote read in the style the document does not use: most of its quotes are the other";
    if (o->quotes == BP_QUOTES_ANY)
        return BERPA_OK;
    size_t end = (l->flags & BP_LF_HYPHEN_END) ? l->hy_at : l->len, k;
    for (size_t i = 0; i < end; i += k) {
        uint32_t cp = bp_utf8_next_fast(l->text + i, end - i, &k);
        const char *to = NULL;
        if (o->quotes == BP_QUOTES_ASCII && (cp == 0x201C || cp == 0x201D)) {
            to = "\"";
        } else if (o->quotes == BP_QUOTES_CURLY && cp == '"') {
            /* opening before a word, closing after one; between two
             * spaces or two words it could be either: left as read */
            size_t kk;
            uint32_t before = i > 0 ? bp_utf8_prev(l->text, i, &kk) : ' ';
            uint32_t after = i + 1 < end ? bp_utf8_next_fast(l->text + i + 1, end - i - 1, &kk)
                                         : ' ';
            bool wb = bp_az_is_wordchar(before) || before == '.' || before == ',' ||
                      before == '!' || before == '?' || before == 0x2026 || before == ')';
            bool wa = bp_az_is_wordchar(after) || after == 0x00AB || after == '(';
            if (wa && !wb)
                to = "\u201c";
            else if (wb && !wa)
                to = "\u201d";
        }
        if (!to)
            continue;
        if (o->quotes_cert >= o->threshold) {
            size_t n = strlen(to);
            if (!bp_correct_apply(l, (uint32_t)i, (uint32_t)k, to, n, o->quotes_cert, why))
                return BERPA_E_NOMEM;
            st->applied++;
            end = end + n - k;
            k = n;
        }
    }
    return BERPA_OK;
}

/* The 3rd person possessive (a high vowel, after a vowel with s), with a
 * case ending after it (n-buffered): the head of an izafet. */
static const char *const S_poss[] = {
    "ı", "i", "u", "ü", "ını", "ini", "unu", "ünü", "ına", "inə", "una", "ünə",
    "ında", "ində", "unda", "ündə", "ından", "indən", "undan", "ündən", "ının", "inin",
    "unun", "ünün", NULL
};

berpa_status bp_correct_ordinal(bp_line *l, const bp_lexicon *lx, const bp_correct_opts *o,
                                bp_diagctx *dc, bp_correct_stats *st)
{
    size_t end = (l->flags & BP_LF_HYPHEN_END) ? l->hy_at : l->len, k;
    for (size_t i = 0; i + 3 < end; i++) {
        const char *s = l->text;
        if (s[i] != ',' || s[i + 1] != ' ' || i == 0 || s[i - 1] < '0' || s[i - 1] > '9')
            continue;
        /* the number: one to three digits, a word of its own, not the
         * last of a list of numbers (1, 2, 3) */
        size_t a = i;
        while (a > 0 && s[a - 1] >= '0' && s[a - 1] <= '9')
            a--;
        if (i - a > 3 || (a > 0 && s[a - 1] != ' ') ||
            (a >= 3 && s[a - 2] == ',' && s[a - 3] >= '0' && s[a - 3] <= '9'))
            continue;
        /* the noun: small letters only, known, in the possessive */
        size_t b = i + 2;
        if (bp_az_is_upper(bp_utf8_next(s + b, end - b, &k)))
            continue;
        while (b < end && bp_az_is_letter(bp_utf8_next(s + b, end - b, &k)))
            b += k;
        if (b - (i + 2) < 4 || (b < end && bp_az_is_wordchar(bp_utf8_next(s + b, end - b, &k))) ||
            !S_ends(s + i + 2, b - i - 2, S_poss) || !S_known(lx, s + i + 2, b - i - 2))
            continue;
        /* a noun that labels a number of its own (fond 970, siyahı 1, iş 5):
         * a citation's list of labelled numbers, not an ordinal */
        if (b + 1 < end && s[b] == ' ' && s[b + 1] >= '0' && s[b + 1] <= '9')
            continue;
        /* the next number of the list (7, 8-ci) is not a noun: checked above */
        berpa_status rs = S_settle(l, a, i, 1, ".", 0.7f,
                                   "an ordinal number's point read as a comma: a noun in the "
                                   "possessive follows (7. fəsli)",
                                   o, dc, st);
        if (rs != BERPA_OK)
            return rs;
    }
    return BERPA_OK;
}
