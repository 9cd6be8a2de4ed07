/*
 * emit_hocr.c: the hOCR emitter (XHTML with the hOCR 1.2 classes), for
 * tools that take OCR with geometry (search-and-highlight viewers, PDF
 * text layers, hocr-tools).  One `ocr_page` per page image, in order, with
 * the image's name and size; in it an `ocr_line` (furniture: `ocr_header`)
 * per line recognised from it, with its box, and an `ocrx_word` per word
 * tesseract read, with its box and confidence (`x_wconf`, 0..100).  The
 * text is berpa's restored text of the line (normalised and corrected; a
 * line keeps its line-end hyphen, since hOCR is the page as printed).  Lines
 * of text input have no geometry and are left out; a page that could not
 * be read is an empty `ocr_page`.  Output is buffered (bp_outbuf).
 */
#include "walk.h"
#include "emit_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct S_hocr {
    bp_outbuf ob;
    const bp_pageimgs *pages;
    size_t next;          /* pages written (opened) so far                  */
    bool open;            /* an ocr_page is open                            */
    uint32_t line;        /* lines of the open page so far                  */
} S_hocr;

/* Writes s[0, n) with XML's five characters escaped; bytes XML cannot
 * carry (C0 controls, invalid UTF-8) become U+FFFD. */
static int S_esc(S_hocr *h, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = bp_utf8_decode(s + i, n - i, &cp);
        const char *r = NULL;
        if (!k || !bp_xml_char_ok(cp))
            r = "\xEF\xBF\xBD";
        else if (cp == '&')
            r = "&amp;";
        else if (cp == '<')
            r = "&lt;";
        else if (cp == '>')
            r = "&gt;";
        else if (cp == '"')
            r = "&quot;";
        if (r ? bp_outbuf_puts(&h->ob, r) : bp_outbuf_put(&h->ob, s + i, k))
            return -1;
        i += k ? k : 1;
    }
    return 0;
}

static int S_put(S_hocr *h, const char *s) { return bp_outbuf_puts(&h->ob, s); }

static int S_begin(void *self, const bp_docinfo *info)
{
    S_hocr *h = self;
    h->pages = info->pages;
    return S_put(h, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
                    "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
                    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"az\" lang=\"az\">\n"
                    "<head>\n<title>") ||
                   S_esc(h, info->name, strlen(info->name)) ||
                   S_put(h, "</title>\n<meta http-equiv=\"Content-Type\" "
                            "content=\"text/html;charset=utf-8\"/>\n"
                            "<meta name=\"ocr-system\" content=\"berpa " BERPA_VERSION_STRING
                            " (tesseract)\"/>\n<meta name=\"ocr-capabilities\" "
                            "content=\"ocr_page ocr_line ocr_header ocrx_word\"/>\n"
                            "</head>\n<body>\n")
               ? -1 : 0;
}

/* Closes the open page and writes pages up to and including page `upto`
 * (a 0-based index into the run's pages); the last is left open. */
static int S_pages_to(S_hocr *h, size_t upto)
{
    char b[160];
    while (h->pages && h->next <= upto && h->next < h->pages->n) {
        const bp_pageimg *pg = h->pages->v[h->next];
        if (h->open && S_put(h, "</div>\n"))
            return -1;
        snprintf(b, sizeof b, "<div class=\"ocr_page\" id=\"page_%zu\" title=\"image &quot;",
                 h->next + 1);
        if (S_put(h, b) || S_esc(h, pg->image, strlen(pg->image)))
            return -1;
        /* scan_res of the image the boxes are in: the file's, not the
         * resolution OCR ran at after rescaling */
        double sx = pg->scale_x > 0 ? pg->scale_x : 1, sy = pg->scale_y > 0 ? pg->scale_y : 1;
        snprintf(b, sizeof b, "&quot;; bbox 0 0 %d %d; ppageno %zu; scan_res %ld %ld\">\n",
                 (int)pg->width, (int)pg->height, h->next, lround(pg->dpi / sx),
                 lround(pg->dpi / sy));
        if (S_put(h, b))
            return -1;
        h->open = true;
        h->line = 0;
        h->next++;
    }
    return 0;
}

/* One line of a page image with its words. */
static int S_ocr_line(S_hocr *h, const bp_line *l, const char *cls)
{
    if (!l->img || !l->text)
        return 0;
    if (l->img->index + 1 > h->next && S_pages_to(h, l->img->index) != 0)
        return -1;
    char b[200];
    size_t pg = l->img->index + 1;
    h->line++;
    /* hOCR readers expect a line's box to hold its words: tesseract's
     * line box can miss a word it read at the margin (a stray "..") */
    int32_t box[4] = { l->box[0], l->box[1], l->box[2], l->box[3] };
    for (uint32_t k = 0; k < l->nwords; k++) {
        const bp_word *w = &l->words[k];
        if (!w->len || w->x1 <= w->x0 || w->y1 <= w->y0)
            continue;
        box[0] = w->x0 < box[0] ? w->x0 : box[0];
        box[1] = w->y0 < box[1] ? w->y0 : box[1];
        box[2] = w->x1 > box[2] ? w->x1 : box[2];
        box[3] = w->y1 > box[3] ? w->y1 : box[3];
    }
    snprintf(b, sizeof b, "<span class=\"%s\" id=\"line_%zu_%u\" title=\"bbox %d %d %d %d\">",
             cls, pg, h->line, (int)box[0], (int)box[1], (int)box[2], (int)box[3]);
    if (S_put(h, b))
        return -1;
    /* words in order; the text between them (spaces, what the reader
     * inserted) goes between the word elements */
    uint32_t pos = 0, nw = 0;
    for (uint32_t k = 0; k < l->nwords; k++) {
        const bp_word *w = &l->words[k];
        if (!w->len || w->at < pos || w->at + w->len > l->len)
            continue;
        int conf = (int)(w->conf * 100.0f + 0.5f);
        snprintf(b, sizeof b,
                 "<span class=\"ocrx_word\" id=\"word_%zu_%u_%u\" title=\"bbox %d %d %d %d; "
                 "x_wconf %d\">",
                 pg, h->line, ++nw, (int)w->x0, (int)w->y0, (int)w->x1, (int)w->y1, conf);
        if (S_esc(h, l->text + pos, w->at - pos) || S_put(h, b) ||
            S_esc(h, l->text + w->at, w->len) || S_put(h, "</span>"))
            return -1;
        pos = w->at + w->len;
    }
    return S_esc(h, l->text + pos, l->len - pos) || S_put(h, "</span>\n") ? -1 : 0;
}

static int S_line(void *self, const bp_line *l, const bp_line *prev)
{
    (void)prev;
    return S_ocr_line(self, l, "ocr_line");
}

static int S_fw(void *self, const bp_line *l) { return S_ocr_line(self, l, "ocr_header"); }

static int S_end(void *self, const berpa_stats *st)
{
    (void)st;
    S_hocr *h = self;
    /* pages after the last line (failed or empty ones) */
    if (h->pages && h->pages->n && S_pages_to(h, h->pages->n - 1) != 0)
        return -1;
    if ((h->open && S_put(h, "</div>\n")) || S_put(h, "</body>\n</html>\n"))
        return -1;
    h->open = false;
    return bp_outbuf_flush(&h->ob);
}

static void S_destroy(void *self) { free(self); }

bp_emitter *bp_emit_hocr_new(berpa_write_fn out, void *user)
{
    bp_emitter *em = calloc(1, sizeof *em);
    S_hocr *h = calloc(1, sizeof *h);
    if (!em || !h) {
        free(em);
        free(h);
        return NULL;
    }
    bp_outbuf_init(&h->ob, out, user);
    em->self = h;
    em->begin = S_begin;
    em->line = S_line;
    em->fw = S_fw;
    em->end = S_end;
    em->destroy = S_destroy;
    return em;
}
