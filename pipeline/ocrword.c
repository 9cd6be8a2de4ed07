/*
 * ocrword.c: the OCR words on a line (doc.h's bp_word): copying and
 * freeing them with their alternatives, and finding the word under a span
 * of the line's text, for the stages that weigh a word by tesseract's
 * confidence or its other readings (correct.c may take an alternative
 * tesseract itself offered).
 */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

bool bp_word_copy(bp_word *dst, const bp_word *src)
{
    *dst = *src;
    dst->alts = NULL;
    dst->nalts = 0;
    if (!src->nalts)
        return true;
    if (!(dst->alts = malloc(src->nalts * sizeof *dst->alts)))
        return false;
    memcpy(dst->alts, src->alts, src->nalts * sizeof *dst->alts);
    dst->nalts = src->nalts;
    return true;
}

void bp_words_free(bp_word *w, uint32_t n)
{
    for (uint32_t i = 0; w && i < n; i++)
        free(w[i].alts);
    free(w);
}

const bp_word *bp_line_word_at(const bp_line *l, uint32_t at, uint32_t len)
{
    for (uint32_t i = 0; i < l->nwords; i++) {
        const bp_word *w = &l->words[i];
        if (w->len && w->at <= at && at + len <= w->at + w->len)
            return w;
    }
    return NULL;
}
