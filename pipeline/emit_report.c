/*
 * emit_report.c: the JSON report emitter.  One object per run on a single
 * line (several runs concatenate as JSON Lines):
 *   {"berpa":"0.1.0","input":NAME,"dictionary":PATH|null,
 *    "changes":[...in document order...],"stats":{...}}
 * Changes: line-end hyphen decisions, furniture left out of the text, and
 * every edit, each with the input line and byte offset it came from.
 *
 * The JSON is written by hand on purpose: the report is streamed as the
 * walk goes, so memory stays bounded by the window whatever the input size,
 * while a DOM library (jansson, json-c) would hold the whole report until
 * the end.  Its grammar here is tiny: strings, integers, probabilities.
 */
#include "stages.h"
#include "walk.h"
#include "emit_util.h"

#include <inttypes.h>
#include <stdlib.h>


typedef struct S_rep {
    bp_outbuf ob;
    const bp_pageimgs *pages; /* the run's page images (see walk.h)        */
    bool any;             /* a change was output: the next needs a comma */
} S_rep;


/* ---- JSON values -------------------------------------------------------- */

static int S_putn(S_rep *r, const char *s, size_t n) { return bp_outbuf_put(&r->ob, s, n); }

static int S_put(S_rep *r, const char *s) { return S_putn(r, s, strlen(s)); }

static int S_u64(S_rep *r, uint64_t v)
{
    char b[24];
    snprintf(b, sizeof b, "%" PRIu64, v);
    return S_put(r, b);
}

/* A JSON string: quotes, backslashes and control characters escaped
 * (\u00XX), invalid UTF-8 as \uFFFD; U+2028/2029 escaped for JavaScript
 * readers.  Sets *invalid when a byte was not UTF-8 (may be NULL). */
static int S_str_body(S_rep *r, const char *s, size_t n, bool *invalid)
{
    size_t run = 0, i = 0;
    while (i < n) {
        uint32_t cp = 0;
        size_t k = bp_utf8_decode(s + i, n - i, &cp);
        if (k && cp >= 0x20 && cp != '"' && cp != '\\' && cp != 0x2028 && cp != 0x2029) {
            i += k;
            continue;
        }
        if (S_putn(r, s + run, i - run) != 0)
            return -1;
        char esc[8];
        if (!k) {
            if (invalid)
                *invalid = true;
            snprintf(esc, sizeof esc, "\\uFFFD");
            k = 1;
        } else if (cp == '"' || cp == '\\') {
            esc[0] = '\\', esc[1] = (char)cp, esc[2] = '\0';
        } else {
            snprintf(esc, sizeof esc, "\\u%04X", (unsigned)cp);
        }
        if (S_put(r, esc) != 0)
            return -1;
        i += k;
        run = i;
    }
    return S_putn(r, s + run, n - run);
}

static int S_str(S_rep *r, const char *s, size_t n, bool *invalid)
{
    if (S_putn(r, "\"", 1) != 0 || S_str_body(r, s, n, invalid) != 0)
        return -1;
    return S_putn(r, "\"", 1);
}

static int S_cstr(S_rep *r, const char *s)
{
    return s ? S_str(r, s, strlen(s), NULL) : S_put(r, "null");
}

static int S_prob(S_rep *r, float p)
{
    char b[8];
    bp_fmt_prob(b, p);
    return S_put(r, b);
}

/* Opens a change object: {"type":T,"line":N,"byte":B */
static int S_change(S_rep *r, const char *type, uint64_t line, uint64_t byte)
{
    bool comma = r->any;
    if (S_put(r, comma ? ",{\"type\":\"" : "{\"type\":\"") != 0 || S_put(r, type) != 0 ||
        S_put(r, "\",\"line\":") != 0 || S_u64(r, line) != 0 ||
        S_put(r, ",\"byte\":") != 0 || S_u64(r, byte) != 0)
        return -1;
    r->any = true;
    return 0;
}

/* ---- provenance: text offsets back to input bytes ------------------------ */

/* Input offset of text byte `at`, given that edits [0, k) lie before it.
 * The raw line is its leading white space, then the text with each edit
 * replaced by its original bytes, then `trail` white space characters
 * (taken as one byte each: spaces and tabs). */
static uint64_t S_raw_off(const bp_line *l, uint32_t at, uint32_t k)
{
    uint64_t raw = l->len, before = at;
    for (uint32_t i = 0; i < l->nedits; i++) {
        int64_t d = (int64_t)l->edits[i].orig_len - (int64_t)l->edits[i].len;
        raw = (uint64_t)((int64_t)raw + d);
        if (i < k)
            before = (uint64_t)((int64_t)before + d);
    }
    uint64_t lead = l->src_len >= raw + l->trail ? l->src_len - raw - l->trail : 0;
    return l->src_off + lead + before;
}

/* ---- a line-end hyphen, from the site dehyphen.c recorded ------------------- */

/* A line that goes on without a mark of its own (a soft hyphen opening
 * the next line) has an empty mark at its end. */
static int S_hyphen_change(S_rep *r, const bp_line *l)
{
    const char *lw = l->site_left ? l->site_left : "", *rw = l->site_right ? l->site_right : "";
    bool mark = (l->flags & BP_LF_HYPHEN_END) != 0;
    uint32_t hy_at = mark ? l->hy_at : l->len, hy_len = mark ? l->hy_len : 0;
    const char *hy = l->text + hy_at;
    uint32_t k = 0;
    while (k < l->nedits && l->edits[k].at + l->edits[k].len <= hy_at)
        k++;
    if (S_change(r, "hyphen", l->lineno, S_raw_off(l, hy_at, k)) != 0 ||
        S_put(r, ",\"decision\":\"") != 0 || S_put(r, bp_change_kind(BP_CH_HYPHEN + (l->eol & 3))) != 0 ||
        S_put(r, "\",\"left\":\"") != 0 || S_str_body(r, lw, strlen(lw), NULL) != 0 ||
        S_str_body(r, hy, hy_len, NULL) != 0 || S_put(r, "\",\"right\":") != 0 ||
        S_str(r, rw, strlen(rw), NULL) != 0 ||
        /* the word as the clean text has it */
        S_put(r, ",\"word\":\"") != 0 || S_str_body(r, lw, strlen(lw), NULL) != 0 ||
        (l->eol != BP_EOL_JOIN && S_str_body(r, hy, hy_len, NULL) != 0) ||
        S_str_body(r, rw, strlen(rw), NULL) != 0 || S_put(r, "\",\"cert\":") != 0 ||
        S_prob(r, l->eol_cert) != 0 || S_put(r, ",\"why\":") != 0 || S_cstr(r, l->eol_why) != 0)
        return -1;
    return S_put(r, "}");
}

static int S_edit_change(S_rep *r, const bp_line *l, const bp_edit *e, const char *reg)
{
    bool invalid = false;
    uint32_t k = (uint32_t)(e - l->edits);
    const char *kind = bp_edit_kind_name(e->kind);
    if (S_change(r, "edit", l->lineno, S_raw_off(l, e->at, k)) != 0 ||
        S_put(r, ",\"kind\":\"") != 0 || S_put(r, kind) != 0 ||
        S_put(r, "\",\"orig\":") != 0 || S_str(r, e->orig, e->orig_len, &invalid) != 0 ||
        S_put(r, ",\"reg\":") != 0 || S_str(r, reg, e->len, NULL) != 0)
        return -1;
    if (invalid) {
        /* The original bytes, so a reader can restore what \uFFFD stands for. */
        static const char hex[] = "0123456789abcdef";
        if (S_put(r, ",\"orig_hex\":\"") != 0)
            return -1;
        for (uint32_t i = 0; i < e->orig_len; i++) {
            unsigned char c = (unsigned char)e->orig[i];
            char h[2] = { hex[c >> 4], hex[c & 15] };
            if (S_putn(r, h, 2) != 0)
                return -1;
        }
        if (S_put(r, "\"") != 0)
            return -1;
    }
    if (e->kind == BP_EDIT_OCR && (S_put(r, ",\"cert\":") != 0 || S_prob(r, e->cert) != 0))
        return -1;
    if (e->kind == BP_EDIT_OCR && e->why && (S_put(r, ",\"why\":") != 0 || S_cstr(r, e->why) != 0))
        return -1;
    /* image input: how sure tesseract was of the word corrected */
    const bp_word *ow = e->kind == BP_EDIT_OCR ? bp_line_word_at(l, e->at, 0) : NULL;
    if (ow && (S_put(r, ",\"ocr_conf\":") != 0 || S_prob(r, ow->conf) != 0))
        return -1;
    return S_put(r, "}");
}

/* The stats every report has; those after them only when non-zero. */
#define S_STATS_ALWAYS 15

/* ---- hooks ------------------------------------------------------------------ */

static int S_begin(void *self, const bp_docinfo *info)
{
    S_rep *r = self;
    r->pages = info ? info->pages : NULL;
    if (S_put(r, "{\"berpa\":\"" BERPA_VERSION_STRING "\",\"input\":") != 0 ||
        S_cstr(r, info && info->name ? info->name : "-") != 0 ||
        S_put(r, ",\"dictionary\":") != 0 || S_cstr(r, info ? info->dictionary : NULL) != 0)
        return -1;
    /* a note on the whole document (clean text: not corrected) */
    if (info && info->note_code &&
        (S_put(r, ",\"notes\":[{\"code\":") != 0 || S_cstr(r, info->note_code) != 0 ||
         S_put(r, ",\"level\":\"note\",\"message\":") != 0 || S_cstr(r, info->note) != 0 ||
         S_put(r, "}]") != 0))
        return -1;
    return S_put(r, ",\"changes\":[");
}

/* The confidence and evidence of a furniture decision, when layout gave
 * them. */
static int S_fw_why(S_rep *r, const bp_line *l)
{
    if (!l->fw_why)
        return 0;
    return S_put(r, ",\"cert\":") != 0 || S_prob(r, l->fw_cert) != 0 ||
                   S_put(r, ",\"why\":") != 0 || S_cstr(r, l->fw_why) != 0
               ? -1
               : 0;
}

static int S_fw(void *self, const bp_line *l)
{
    S_rep *r = self;
    const char *role = bp_change_kind(bp_change_fw(l));
    if (S_change(r, "furniture", l->lineno, S_raw_off(l, 0, 0)) != 0 ||
        S_put(r, ",\"role\":\"") != 0 || S_put(r, role) != 0 || S_put(r, "\",\"text\":") != 0 ||
        S_str(r, l->text, l->len, NULL) != 0)
        return -1;
    if (l->fw_why ? S_fw_why(r, l) != 0
                  : l->st_why && (S_put(r, ",\"cert\":") != 0 || S_prob(r, l->st_cert) != 0 ||
                                  S_put(r, ",\"why\":") != 0 || S_cstr(r, l->st_why) != 0))
        return -1;
    if (S_put(r, "}") != 0)
        return -1;
    /* The walker sends no spans for furniture: report its edits here. */
    for (uint32_t k = 0; k < l->nedits; k++) {
        const bp_edit *e = &l->edits[k];
        if (e->at <= l->len && e->len <= l->len - e->at &&
            S_edit_change(r, l, e, l->text + e->at) != 0)
            return -1;
    }
    return 0;
}

/* A structure decision (structure.c): a stanza, a poem's title, a note,
 * with its confidence and reason. */
static int S_block_begin(void *self, bp_block kind, const bp_line *first)
{
    S_rep *r = self;
    if (kind == BP_BLOCK_CELL) { /* a table (tables.c): cells a row, cert, why */
        if (!first->tab_why)
            return 0;
        if (S_change(r, "layout", first->lineno, S_raw_off(first, 0, 0)) != 0 ||
            S_put(r, ",\"kind\":\"table\",\"cells\":") != 0 || S_u64(r, first->cells) != 0 ||
            S_put(r, ",\"cert\":") != 0 || S_prob(r, first->tab_cert) != 0 ||
            S_put(r, ",\"why\":") != 0 || S_cstr(r, first->tab_why) != 0)
            return -1;
        return S_put(r, "}");
    }
    if (!first->st_why || kind == BP_BLOCK_VERSE)
        return 0;
    const char *k = bp_change_kind(bp_change_struct(kind));
    if (S_change(r, "structure", first->lineno, S_raw_off(first, 0, 0)) != 0 ||
        S_put(r, ",\"kind\":\"") != 0 || S_put(r, k) != 0 || S_put(r, "\",\"cert\":") != 0 ||
        S_prob(r, first->st_cert) != 0 || S_put(r, ",\"why\":") != 0 ||
        S_cstr(r, first->st_why) != 0)
        return -1;
    /* a footnote's place in TEI (notes.c): at its mark, or the page foot */
    if (kind == BP_BLOCK_NOTE && first->fn_why) {
        bool at_mark = (first->flags & BP_LF_NOTE_PLACED) != 0;
        if (S_put(r, at_mark ? ",\"placed\":\"mark\",\"mark_line\":" : ",\"placed\":\"foot\"") != 0 ||
            (at_mark && S_u64(r, first->fn_line) != 0) || S_put(r, ",\"place_cert\":") != 0 ||
            S_prob(r, first->fn_cert) != 0 || S_put(r, ",\"place_why\":") != 0 ||
            S_cstr(r, first->fn_why) != 0)
            return -1;
    }
    return S_put(r, "}");
}

/* A page read as side-by-side columns (columns.c): where the next column
 * starts, with the decision's confidence and reason. */
static int S_column(void *self, const bp_line *first, bool break_no)
{
    S_rep *r = self;
    (void)break_no;
    if (!first->col_why)
        return 0;
    if (S_change(r, "layout", first->lineno, S_raw_off(first, 0, 0)) != 0 ||
        S_put(r, ",\"kind\":\"column\",\"column\":") != 0 || S_u64(r, first->column) != 0 ||
        S_put(r, ",\"cert\":") != 0 || S_prob(r, first->col_cert) != 0 ||
        S_put(r, ",\"why\":") != 0 || S_cstr(r, first->col_why) != 0)
        return -1;
    return S_put(r, "}");
}

/* The endnote marks of line l that became refs (notes.c). */
static int S_refs(S_rep *r, const bp_line *l)
{
    for (unsigned k = 0; k < l->nfnmarks && k < BP_FN_MARKS; k++) {
        const bp_fnmark *m = &l->fnmarks[k];
        int64_t end = m->kind == 1 ? bp_fnmark_end(l, m) : -1;
        if (end < 0)
            continue;
        char id[96];
        const char *why;
        float cert = bp_endnote_ref_cert(m, &why);
        bp_endnote_id(id, sizeof id, "", m->note, m->num);
        if (S_change(r, "structure", l->lineno, S_raw_off(l, (uint32_t)end - m->len, 0)) != 0 ||
            S_put(r, ",\"kind\":\"ref\",\"text\":") != 0 ||
            S_str(r, l->text + end - m->len, m->len, NULL) != 0 ||
            S_put(r, ",\"target\":\"") != 0 || S_put(r, id) != 0 || S_put(r, "\",\"cert\":") != 0 ||
            S_prob(r, cert) != 0 || S_put(r, ",\"why\":") != 0 || S_cstr(r, why) != 0 ||
            S_put(r, "}") != 0)
            return -1;
    }
    return 0;
}

static int S_line_end(void *self, const bp_line *l)
{
    if (l->nfnmarks && S_refs(self, l) != 0)
        return -1;
    /* a line that looked like furniture and stays in the text */
    if (l->role == BP_ROLE_BODY && l->fw_why) {
        S_rep *r = self;
        if (S_change(r, "furniture", l->lineno, S_raw_off(l, 0, 0)) != 0 ||
            S_put(r, ",\"decision\":\"kept\",\"text\":") != 0 ||
            S_str(r, l->text, l->len, NULL) != 0 || S_fw_why(r, l) != 0 || S_put(r, "}") != 0)
            return -1;
    }
    return bp_line_hyphen_change(l) ? S_hyphen_change(self, l) : 0;
}

static int S_edit(void *self, const bp_line *l, const bp_edit *e, const char *reg)
{
    return S_edit_change(self, l, e, reg);
}

/* Writes ,"key":v with `prec` decimals. */
static int S_num(S_rep *r, const char *key, int prec, double v)
{
    char b[64];
    snprintf(b, sizeof b, ",\"%s\":%.*f", key, prec, v);
    return S_put(r, b);
}

/* Where the page's DPI came from ("file"; "text-height" when the file
 * declares none, or none plausible; "tesseract-default" when too little
 * text was found to guess and tesseract fell back to its own), what the
 * file declares per axis (null: nothing), and the resolution step's
 * factor per axis (1: not scaled; under 1: scaled down). */
static int S_dpi(S_rep *r, const bp_pageimg *p)
{
    static const char *const from[] = { "file", "text-height", "tesseract-default" };
    if (p->failed)
        return S_put(r, ",\"dpi_source\":null,\"dpi_file_x\":null,\"dpi_file_y\":null,"
                        "\"scale_x\":null,\"scale_y\":null");
    if (S_put(r, ",\"dpi_source\":") != 0 || S_cstr(r, from[p->dpi_from < 3 ? p->dpi_from : 0]))
        return -1;
    const int32_t xy[2] = { p->dpi_file_x, p->dpi_file_y };
    for (int k = 0; k < 2; k++)
        if (S_put(r, k ? ",\"dpi_file_y\":" : ",\"dpi_file_x\":") != 0 ||
            (xy[k] > 0 ? S_u64(r, (uint64_t)xy[k]) : S_put(r, "null")) != 0)
            return -1;
    return S_num(r, "scale_x", 3, p->scale_x) || S_num(r, "scale_y", 3, p->scale_y) ? -1 : 0;
}

/* The marks left out of a page as noise (read_image.c): how many, and
 * when there were some, the decision with its confidence and reason. */
static int S_noise(S_rep *r, const bp_pageimg *p)
{
    if (S_put(r, ",\"words_dropped\":") != 0 || S_u64(r, p->noise_words) != 0)
        return -1;
    if (!p->noise_words)
        return 0;
    char why[256];
    bp_noise_why(p, why, sizeof why);
    return S_put(r, ",\"noise\":{\"mean_conf\":") || S_prob(r, p->noise_conf) ||
           S_put(r, ",\"cert\":") || S_prob(r, p->noise_cert) || S_put(r, ",\"reason\":") ||
           S_cstr(r, why) || S_put(r, "}")
               ? -1 : 0;
}

/* "images": one object per page image (what clean-up and OCR found and
 * did, and how long it took), and the time berpa's own stages took. */
static int S_images(S_rep *r)
{
    const bp_pageimgs *ps = r->pages;
    if (!ps || ps->n == 0)
        return 0;
    double ocr = 0;
    if (S_put(r, ",\"images\":{\"pages\":[") != 0)
        return -1;
    for (size_t i = 0; i < ps->n; i++) {
        const bp_pageimg *p = ps->v[i];
        char steps[128];
        bp_image_steps_str(p->steps, steps, sizeof steps);
        ocr += p->ocr_ms;
        if (S_put(r, i ? ",{\"page\":" : "{\"page\":") != 0 || S_u64(r, p->index + 1) != 0 ||
            S_put(r, ",\"image\":") != 0 || S_cstr(r, p->image) != 0 ||
            S_put(r, ",\"image_page\":") != 0 || S_u64(r, p->subpage + 1) != 0 ||
            S_put(r, p->failed ? ",\"failed\":true" : ",\"failed\":false") != 0 ||
            S_put(r, !p->failed && !p->nwords ? ",\"no_text\":true" : ",\"no_text\":false") ||
            S_put(r, ",\"width\":") != 0 || S_u64(r, (uint64_t)p->width) != 0 ||
            S_put(r, ",\"height\":") != 0 || S_u64(r, (uint64_t)p->height) != 0 ||
            S_put(r, ",\"dpi\":") != 0 || S_u64(r, (uint64_t)(p->dpi > 0 ? p->dpi : 0)) != 0 ||
            S_put(r, p->dpi_guessed ? ",\"dpi_guessed\":true" : ",\"dpi_guessed\":false") ||
            S_dpi(r, p) != 0 ||
            S_num(r, "skew", 2, p->skew) != 0 ||
            S_num(r, "skew_conf", 2, p->skew_conf) != 0 ||
            S_put(r, ",\"steps\":") != 0 || S_cstr(r, steps) != 0 ||
            S_put(r, ",\"lang\":") != 0 || S_cstr(r, p->lang) != 0 ||
            S_put(r, ",\"words\":") != 0 || S_u64(r, p->nwords) != 0 ||
            S_put(r, ",\"words_low_conf\":") != 0 || S_u64(r, p->low_conf) != 0 ||
            S_put(r, ",\"chars_with_alternatives\":") != 0 || S_u64(r, p->nalts) != 0 ||
            S_put(r, ",\"mean_conf\":") != 0 ||
            (p->mean_conf < 0 ? S_put(r, "null") : S_prob(r, p->mean_conf)) != 0 ||
            S_noise(r, p) != 0 ||
            S_num(r, "ocr_ms", 0, p->ocr_ms) != 0 || S_num(r, "read_ms", 0, p->read_ms) != 0 ||
            S_num(r, "clean_ms", 0, p->clean_ms) != 0 ||
            S_num(r, "recognise_ms", 0, p->recog_ms) != 0 ||
            S_num(r, "collect_ms", 0, p->collect_ms) != 0 ||
            S_num(r, "cpu_ms", 0, p->cpu_ms) != 0 || S_put(r, "}") != 0)
            return -1;
    }
    /* berpa's share of the time: its stages against clean-up plus OCR */
    double own = ps->own_ms;
    return S_put(r, "]") || S_num(r, "ocr_ms", 0, ocr) || S_num(r, "berpa_ms", 1, own) ||
           S_num(r, "berpa_share", 4, ocr + own > 0 ? own / (ocr + own) : 0) || S_put(r, "}")
               ? -1 : 0;
}

static int S_end(void *self, const berpa_stats *st)
{
    S_rep *r = self;
    static const berpa_stats zero;
    if (!st)
        st = &zero;
    const struct { const char *key; uint64_t v; } f[] = {
        { "bytes_in", st->bytes_in },
        { "lines", st->lines },
        { "pages", st->pages },
        { "paragraphs", st->paragraphs },
        { "hyphens_joined", st->hyphens_joined },
        { "hyphens_kept", st->hyphens_kept },
        { "hyphens_unsure", st->hyphens_unsure },
        { "furniture", st->furniture },
        { "edits", st->edits },
        { "words_examined", st->words_examined },
        { "corrections", st->corrections },
        { "corrections_unsure", st->corrections_unsure },
        { "warnings", st->warnings },
        { "errors", st->errors },
        { "furniture_unsure", st->furniture_unsure },
        /* the structure counters only when the document has structures,
         * so that reports of plain prose stay as they were */
        { "verse_lines", st->verse_lines },
        { "notes", st->notes },
        { "columns", st->columns },
        { "tables", st->tables },
        { "notes_unplaced", st->notes_unplaced },
    };
    if (S_put(r, "],\"stats\":{") != 0)
        return -1;
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        if (i >= S_STATS_ALWAYS && f[i].v == 0)
            continue;
        if (S_put(r, i ? ",\"" : "\"") != 0 || S_put(r, f[i].key) != 0 ||
            S_put(r, "\":") != 0 || S_u64(r, f[i].v) != 0)
            return -1;
    }
    if (S_put(r, "}") != 0 || S_images(r) != 0 || S_put(r, "}\n") != 0)
        return -1;
    return bp_outbuf_flush(&r->ob);
}

static void S_destroy(void *self)
{
    S_rep *r = self;
    free(r);
}

bp_emitter *bp_emit_report_new(berpa_write_fn out, void *user)
{
    bp_emitter *em = calloc(1, sizeof *em);
    S_rep *r = malloc(sizeof *r);
    if (!em || !r) {
        free(em);
        free(r);
        return NULL;
    }
    bp_outbuf_init(&r->ob, out, user);
    r->any = false;
    r->pages = NULL;
    em->self = r;
    em->begin = S_begin;
    em->fw = S_fw;
    em->column = S_column;
    em->block_begin = S_block_begin;
    em->line_end = S_line_end;
    em->edit = S_edit;
    em->end = S_end;
    em->destroy = S_destroy;
    return em;
}

/* ---- the line of an input that failed -------------------------------------- */
berpa_status berpa_report_failed(berpa_write_fn fn, void *user, const char *name,
                                 berpa_status st, const char *reason)
{
    S_rep *r = calloc(1, sizeof *r);   /* no change is ever held back */
    if (!r)
        return BERPA_E_NOMEM;
    bp_outbuf_init(&r->ob, fn, user);
    int bad = S_put(r, "{\"berpa\":\"" BERPA_VERSION_STRING "\",\"input\":") != 0 ||
              S_cstr(r, name ? name : "-") != 0 ||
              S_put(r, ",\"failed\":true,\"status\":") != 0 ||
              S_cstr(r, berpa_status_str(st)) != 0 || S_put(r, ",\"reason\":") != 0 ||
              S_cstr(r, reason && *reason ? reason : berpa_status_str(st)) != 0 ||
              S_put(r, "}\n") != 0 || bp_outbuf_flush(&r->ob) != 0;
    free(r);
    return bad ? BERPA_E_IO : BERPA_OK;
}
