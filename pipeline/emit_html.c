/*
 * emit_html.c: the review page emitter.  One self-contained HTML5 page
 * (inline CSS and script, no network) for a curator: the original lines
 * and the restored text side by side, a row per block (paragraph, heading,
 * item, verse line, note) and per furniture line, every change an element
 * with data-change (its kind, as the report's changes: hyphen-join,
 * furniture-header, edit-ocr, structure-stanza, ...), data-cert and
 * data-reason, shown on hover.  The decisions the report counts
 * as unsure (hyphens_unsure, furniture_unsure) carry data-unsure and are
 * reached with the keys n and p.  At the end: the document's figures (the
 * report's counters, the changes by kind, and the evaluation against the
 * gold text when the run has one), and for lines read from page images each
 * page scaled into the page with its line boxes.
 *
 * Each change is marked once: on the restored side where the text shows
 * it, on the original side for what the text leaves out (furniture, and
 * the edits inside it), so that the elements with data-change are the
 * report's changes one for one.  Highlighting is by CSS attribute
 * selectors; the script only acts on a key press (and on #selftest, which
 * tests use), so that a page of 10,000 changes loads as fast as its text.
 *
 * A row is held until its block ends (memory: one block); a note or a
 * page break inside a block ends the row there and the block goes on in
 * the next row.
 */
#include "stages.h"
#include "walk.h"
#include "emit_util.h"
#include "quality.h"

#include <inttypes.h>
#include <leptonica/allheaders.h>
#include <stdlib.h>

/* A growable byte buffer. */
typedef struct S_buf {
    char *p;
    size_t n, cap;
} S_buf;

/* A line box on a page image, for the picture at the end. */
typedef struct S_box {
    uint32_t page;          /* bp_pageimg.index */
    int32_t box[4];
    uint64_t lineno;
    uint8_t role;
} S_box;

/* Changes are counted by kind for the figures: hyphens and furniture,
 * the edits, then structure and layout (emit_util.h's BP_CH_*). */
enum { S_K_EDIT = BP_CH_STRUCT, S_K_STRUCT = S_K_EDIT + BP_EDIT_KIND_COUNT,
       S_NKINDS = S_K_STRUCT + BP_CH_COUNT - BP_CH_STRUCT };

/* The counter of change ch (emit_util.h's bp_change_*, edits aside). */
static inline int S_k(unsigned ch) { return ch < BP_CH_STRUCT ? (int)ch : (int)ch + BP_EDIT_KIND_COUNT; }

typedef struct S_html {
    bp_outbuf ob;
    S_buf o, r, attrs;      /* the open row: original side, restored side, and
                               the restored side's attributes                */
    const char *rowclass;   /* the open row's block kind                     */
    bool row;               /* a row is open                                 */
    bool cont;              /* it goes on with a block begun in an earlier row */
    bool in_block, in_note;
    bp_block body_kind;     /* the open block of the body flow               */
    bool kept_open;         /* a kept-furniture span is open on this line    */
    const bp_pageimgs *pages;
    S_box *boxes;
    size_t nboxes, capboxes;
    uint64_t kinds[S_NKINDS];
    /* with a gold text: the clean text, from a text emitter fed alongside */
    const char *gold;
    size_t gold_len;
    bp_emitter *text;
    S_buf clean;
    bool oom;
} S_html;

/* ---- buffers and escaping ---------------------------------------------------- */

static int S_bput(S_buf *b, const char *s, size_t n)
{
    if (!n)
        return 0;
    if (n > b->cap - b->n) {
        char *p = bp_grow(b->p, &b->cap, b->n + n, 1, 1024);
        if (!p)
            return -1;
        b->p = p;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    return 0;
}

static int S_bputs(S_buf *b, const char *s) { return S_bput(b, s, strlen(s)); }

static int S_bu64(S_buf *b, uint64_t v)
{
    char t[24];
    snprintf(t, sizeof t, "%" PRIu64, v);
    return S_bputs(b, t);
}

/* Text as HTML5 content or attribute value: & < > " escaped; invalid
 * UTF-8, C1 controls and noncharacters as U+FFFD; C0 controls and DEL as
 * their control pictures (U+2400..), so that the original shows them. */
static int S_esc(S_buf *b, const char *s, size_t n)
{
    if (!n)
        return 0;
    size_t run = 0, i = 0;
    while (i < n) {
        uint32_t cp = 0;
        size_t k = bp_utf8_decode(s + i, n - i, &cp);
        const char *rep = NULL;
        char pic[4];
        if (!k) {
            rep = "\xEF\xBF\xBD";
            k = 1;
        } else if (cp == '&') {
            rep = "&amp;";
        } else if (cp == '<') {
            rep = "&lt;";
        } else if (cp == '>') {
            rep = "&gt;";
        } else if (cp == '"') {
            rep = "&quot;";
        } else if ((cp < 0x20 && cp != '\t') || cp == 0x7F) {
            size_t m = bp_utf8_put(cp == 0x7F ? 0x2421 : 0x2400 + cp, pic);
            pic[m] = '\0';
            rep = pic;
        } else if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
                   (cp & 0xFFFE) == 0xFFFE) {
            rep = "\xEF\xBF\xBD";
        } else {
            i += k;
            continue;
        }
        if (S_bput(b, s + run, i - run) != 0 || S_bputs(b, rep) != 0)
            return -1;
        i += k;
        run = i;
    }
    return S_bput(b, s + run, n - run);
}

static int S_escs(S_buf *b, const char *s) { return s ? S_esc(b, s, strlen(s)) : 0; }

/* Opens a change element: <span data-change="KIND" data-cert="C"
 * data-reason="WHY"[ data-unsure tabindex="-1"]>.  The hover text is made
 * from these by the page's script when the pointer first rests on it, so
 * that a page of many changes does not carry each reason twice. */
static int S_change(S_html *h, S_buf *b, int kind, const char *name, float cert,
                    const char *why, bool unsure)
{
    char c[8];
    bp_fmt_prob(c, cert);
    h->kinds[kind]++;
    if (S_bputs(b, "<span data-change=\"") || S_bputs(b, name) ||
        S_bputs(b, "\" data-cert=\"") || S_bputs(b, c) || S_bputs(b, "\" data-reason=\"") ||
        S_escs(b, why) || S_bputs(b, "\""))
        return -1;
    return S_bputs(b, unsure ? " data-unsure tabindex=\"-1\">" : ">");
}

/* ---- the clean text, for the evaluation -------------------------------------- */

static int S_clean_write(void *user, const char *buf, size_t len)
{
    return S_bput(user, buf, len);
}

/* ---- names and reasons --------------------------------------------------------- */

/* Why an edit of a kind other than OCR was made (OCR corrections carry
 * their own evidence). */
static const char *S_edit_reason(unsigned kind)
{
    static const char *const why[BP_EDIT_KIND_COUNT] = {
        [BP_EDIT_NFC] = "Unicode normalisation (NFC)",
        [BP_EDIT_LIGATURE] = "typographic ligature expanded",
        [BP_EDIT_SOFT_HYPHEN] = "soft hyphen inside a line removed",
        [BP_EDIT_ZERO_WIDTH] = "zero-width character removed",
        [BP_EDIT_CONTROL] = "control character removed",
        [BP_EDIT_INVALID] = "invalid UTF-8 replaced by U+FFFD",
        [BP_EDIT_BOM] = "byte-order mark removed",
        [BP_EDIT_SPACE] = "white space collapsed",
        [BP_EDIT_CONFUSABLE] = "Cyrillic look-alike in a Latin word",
        [BP_EDIT_OCR] = "OCR misreading corrected",
        [BP_EDIT_DOTTED_I] = "i with combining dot above (I lower-cased without Azerbaijani rules)",
        [BP_EDIT_SPACED] = "letters spaced apart by the extractor joined",
    };
    return kind < BP_EDIT_KIND_COUNT ? why[kind] : "unknown";
}

/* ---- rows ------------------------------------------------------------------------ */

static int S_row_open(S_html *h, const char *cls)
{
    if (h->row)
        return 0;
    h->row = true;
    h->rowclass = cls;
    h->cont = false;
    h->o.n = h->r.n = h->attrs.n = 0;
    return 0;
}

/* Writes b's bytes to ob (an empty b may have no memory yet). */
static int S_flush_buf(bp_outbuf *ob, const S_buf *b)
{
    return b->n ? bp_outbuf_put(ob, b->p, b->n) : 0;
}

/* Writes the open row out (nothing when it is empty). */
static int S_row_close(S_html *h)
{
    if (!h->row)
        return 0;
    h->row = false;
    if (!h->o.n && !h->r.n && !h->attrs.n)
        return 0;
    bp_outbuf *ob = &h->ob;
    if (bp_outbuf_puts(ob, "<div class=\"row ") || bp_outbuf_puts(ob, h->rowclass) ||
        (h->cont && bp_outbuf_puts(ob, " cont")) || bp_outbuf_puts(ob, "\"><div class=\"o\">") ||
        S_flush_buf(ob, &h->o) || bp_outbuf_puts(ob, "</div><div class=\"r\"") ||
        S_flush_buf(ob, &h->attrs) || bp_outbuf_puts(ob, ">") || S_flush_buf(ob, &h->r))
        return -1;
    return bp_outbuf_puts(ob, "</div></div>\n");
}

static const char *S_block_class(bp_block k)
{
    switch (k) {
    case BP_BLOCK_HEAD: return "head";
    case BP_BLOCK_ITEM: return "item";
    case BP_BLOCK_STANZA: return "verse stanza";
    case BP_BLOCK_VERSE: return "verse";
    case BP_BLOCK_NOTE: return "note";
    default: return "p";
    }
}

/* Records a line's box on its page image. */
static int S_box_add(S_html *h, const bp_line *l)
{
    if (!l->img)
        return 0;
    S_box *v = bp_grow(h->boxes, &h->capboxes, h->nboxes + 1, sizeof *v, 64);
    if (!v)
        return -1;
    h->boxes = v;
    S_box *b = &v[h->nboxes++];
    b->page = l->img->index;
    memcpy(b->box, l->box, sizeof b->box);
    b->lineno = l->lineno;
    b->role = l->role;
    return 0;
}

/* ---- hooks --------------------------------------------------------------------- */

static const char S_css[] =
    "body{font:15px/1.45 'DejaVu Sans',sans-serif;margin:0;display:flex;flex-direction:column;"
    "color:#222;background:#fff}"
    "header{padding:.5em 1em;background:#234;color:#fff;order:-2}"
    "header h1{font-size:1.1em;margin:0}header p{margin:.2em 0 0;font-size:.85em}"
    "#figs{order:-1;padding:.5em 1em;border-bottom:1px solid #ccc;font-size:.85em}"
    "#figs table{border-collapse:collapse;display:inline-table;margin:0 1.5em .5em 0;"
    "vertical-align:top}#figs td,#figs th{padding:0 .5em;text-align:left}"
    "#figs td.n{text-align:right}"
    "main{padding:0 1em}"
    ".row{display:grid;grid-template-columns:1fr 1fr;gap:1.5em;border-bottom:1px solid #eee;"
    "padding:.25em 0}"
    ".row.hd{font-weight:bold;position:sticky;top:0;background:#fff;z-index:1}"
    ".o{white-space:pre-wrap;font-family:'DejaVu Sans Mono',monospace;font-size:.85em;color:#444}"
    ".o .l::before{content:attr(data-l);display:inline-block;width:4em;"
    "color:#999;user-select:none}"
    ".row.head .r{font-weight:bold}.row.note .r{font-size:.9em;color:#333}"
    ".row.note .r::before{content:'note: ';color:#999}"
    ".row.fw .r::before{content:'(left out)';color:#999;font-style:italic}"
    ".row.cont{border-top:0}.pb,.cb{color:#777;font-size:.8em;border-bottom:1px dashed #aaa;"
    "padding:.3em 0}"
    "[data-change],[data-o]{border-radius:2px}"
    "[data-change^=hyphen]::after{font-weight:bold;padding:0 1px}"
    "[data-change=hyphen-join]{background:#d8f5d8}[data-change=hyphen-join]::after{content:'\\2038';color:#080}"
    "[data-change=hyphen-keep]{background:#dde8ff}[data-change=hyphen-keep]::after{content:'=';color:#03a}"
    "[data-change=hyphen-maybe]::after{content:'?';color:#c00}"
    "[data-o^=hyphen]{background:#d8f5d8;text-decoration:line-through}"
    "[data-change^=furniture]{background:#eee;text-decoration:line-through;color:#777}"
    "[data-change=furniture-kept]{text-decoration:none;background:#fff3c4;color:inherit}"
    "[data-change^=edit],[data-o^=edit]{background:#fde2c8}"
    "[data-change=edit-ocr],[data-o=edit-ocr]{background:#f7c6f0}"
    "[data-change^=edit]:empty::after{content:'\\2205';color:#a50;font-size:.75em}"
    "[data-o^=edit]{text-decoration:line-through}"
    "[data-change^=structure]{box-shadow:inset 3px 0 #69c;padding-left:6px}"
    "[data-unsure]{outline:2px solid #e33;outline-offset:1px;background:#ffe0e0}"
    "[data-unsure].cur{outline:3px solid #000;background:#ffd24d}"
    "#nav{position:fixed;right:1em;bottom:1em;background:#234;color:#fff;padding:.3em .7em;"
    "border-radius:4px;font-size:.85em;z-index:2}"
    "#images{padding:0 1em}svg.page{max-width:100%;height:auto;border:1px solid #ccc;margin:.5em 0}"
    "svg.page rect{fill:rgba(40,120,255,.12);stroke:#27f;stroke-width:2px}"
    "svg.page rect.fw{fill:rgba(150,150,150,.25);stroke:#888}"
    "kbd{border:1px solid #999;border-radius:3px;padding:0 .3em;background:#f4f4f4;color:#000}";

/* Errors of any script on the page are kept in the DOM (#errors) so that
 * a headless browser's dump shows them. */
static const char S_js_head[] =
    "window.berpaErrors=[];addEventListener('error',function(e){"
    "berpaErrors.push(String(e.message));var x=document.getElementById('errors');"
    "if(x)x.textContent=berpaErrors.join('\\n');});";

/* n/p: the next/previous unsure decision; the list is looked up on the
 * first key press, not at load.  #selftest: counts the changes by kind,
 * drives n and p, and writes the result to #selftest (tests read it).
 * A click on a line box of a page image scrolls to its line. */
static const char S_js[] =
    "(function(){'use strict';var list=null,cur=-1,pos=document.getElementById('pos');"
    "function go(d){list=list||document.querySelectorAll('[data-unsure]');var n=list.length;"
    "if(!n)return -1;if(cur>=0)list[cur].classList.remove('cur');"
    "cur=cur<0?(d>0?0:n-1):(cur+d+n)%n;var el=list[cur];el.classList.add('cur');"
    "el.focus({preventScroll:true});el.scrollIntoView({block:'center'});"
    "pos.textContent='unsure '+(cur+1)+' of '+n+': '+why(el);return cur;}"
    "function why(t){var r=t.getAttribute('data-reason');return t.getAttribute('data-change')+"
    "', confidence '+t.getAttribute('data-cert')+(r?': '+r:'');}"
    "document.addEventListener('mouseover',function(e){"
    "var t=e.target.closest&&e.target.closest('[data-change]');if(t&&!t.title)t.title=why(t);});"
    "document.addEventListener('keydown',function(e){if(e.ctrlKey||e.metaKey||e.altKey)return;"
    "var t=e.target&&e.target.tagName;if(t==='INPUT'||t==='TEXTAREA')return;"
    "if(e.key==='n'){go(1);e.preventDefault();}else if(e.key==='p'){go(-1);e.preventDefault();}});"
    /* a line box on a page image: to its line */
    "document.addEventListener('click',function(e){var t=e.target;"
    "if(!t||t.tagName!=='rect')return;"
    "var l=document.querySelector('.o .l[data-l=\\''+t.getAttribute('data-l')+'\\']');"
    "if(l)l.scrollIntoView({block:'center'});});"
    "if(location.hash!=='#selftest')return;"
    "var kinds={},all=document.querySelectorAll('[data-change]');"
    "for(var i=0;i<all.length;i++){var k=all[i].getAttribute('data-change');kinds[k]=(kinds[k]||0)+1;}"
    "var nav=[],focus=true;['n','n','p','p'].forEach(function(k){"
    "document.dispatchEvent(new KeyboardEvent('keydown',{key:k,bubbles:true}));"
    "nav.push(cur);if(cur>=0&&document.activeElement!==list[cur])focus=false;});"
    "var hover='';if(all.length){all[0].dispatchEvent(new MouseEvent('mouseover',{bubbles:true}));"
    "hover=all[0].title;}"
    "document.getElementById('selftest').textContent=JSON.stringify({changes:all.length,hover:hover,"
    "kinds:kinds,unsure:document.querySelectorAll('[data-unsure]').length,nav:nav,"
    "focus:focus,ms:Math.round(performance.now()),errors:berpaErrors});})();";

static int S_begin(void *self, const bp_docinfo *info)
{
    S_html *h = self;
    h->pages = info ? info->pages : NULL;
    if (info && info->gold) {
        h->gold = info->gold;
        h->gold_len = info->gold_len;
        if (!(h->text = bp_emit_text_new(S_clean_write, &h->clean)))
            return -1;
    }
    const char *name = info && info->name ? info->name : "-";
    S_buf t = { 0 };
    int bad = S_bputs(&t, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
                          "<meta name=\"viewport\" content=\"width=device-width\">\n"
                          "<meta name=\"generator\" content=\"berpa " BERPA_VERSION_STRING "\">\n"
                          "<title>berpa review: ") ||
              S_escs(&t, info && info->title ? info->title : name) ||
              S_bputs(&t, "</title>\n<style>") || S_bputs(&t, S_css) ||
              S_bputs(&t, "</style>\n<script>") || S_bputs(&t, S_js_head) ||
              S_bputs(&t, "</script>\n</head>\n<body>\n<header><h1>berpa review: ") ||
              S_escs(&t, name) ||
              S_bputs(&t, "</h1><p>Left: the input as read; right: the restored text. "
                          "Hover a mark for its reason and confidence; <kbd>n</kbd> / "
                          "<kbd>p</kbd>: next / previous unsure decision (outlined red).</p>"
                          "</header>\n<pre id=\"errors\" hidden></pre>"
                          "<div id=\"nav\"><span id=\"pos\">n / p: unsure decisions</span></div>\n"
                          "<main>\n<div class=\"row hd\"><div>original</div><div>restored</div></div>\n");
    if (!bad)
        bad = bp_outbuf_put(&h->ob, t.p, t.n);
    free(t.p);
    return bad ? -1 : 0;
}

/* Ends the open row where a milestone or a furniture line interrupts its
 * block, and opens the row the block goes on in. */
static int S_row_break(S_html *h, int (*between)(S_html *h, const void *arg), const void *arg)
{
    bool was = h->row;
    const char *cls = h->rowclass;
    if (S_row_close(h) || between(h, arg))
        return -1;
    if (was) {
        S_row_open(h, cls);
        h->cont = true;
    }
    return 0;
}

typedef struct S_ms {
    const char *cls, *what;
    const bp_line *first;
} S_ms;

static int S_milestone_out(S_html *h, const void *arg)
{
    const S_ms *m = arg;
    const bp_line *first = m->first;
    if (bp_outbuf_puts(&h->ob, "<div class=\"") ||
        bp_outbuf_puts(&h->ob, m->cls) || bp_outbuf_puts(&h->ob, "\">") ||
        bp_outbuf_puts(&h->ob, m->what))
        return -1;
    if (first && first->pnum >= 0) {
        char n[32];
        snprintf(n, sizeof n, " %" PRId32 " (printed)", first->pnum);
        if (bp_outbuf_puts(&h->ob, n))
            return -1;
    } else if (first) {
        char n[48];
        snprintf(n, sizeof n, " %" PRIu32 ", from input line %" PRIu64, first->page + 1,
                 first->lineno);
        if (bp_outbuf_puts(&h->ob, n))
            return -1;
    }
    return bp_outbuf_puts(&h->ob, "</div>\n");
}

static int S_page(void *self, const bp_line *first, bool break_no)
{
    S_html *h = self;
    if (h->text && h->text->page && h->text->page(h->text->self, first, break_no))
        return -1;
    return S_row_break(h, S_milestone_out, &(S_ms){ "pb", "page", first });
}

/* A column break that columns.c decided carries its change, as in the
 * report (layout-column). */
static int S_column_out(S_html *h, const void *arg)
{
    const bp_line *first = arg;
    if (!first || !first->col_why)
        return S_milestone_out(h, &(S_ms){ "cb", "column", NULL });
    S_buf b = { 0 };
    int bad = S_bputs(&b, "<div class=\"cb\">") ||
              S_change(h, &b, S_k(BP_CH_LAYOUT), bp_change_name(BP_CH_LAYOUT), first->col_cert,
                       first->col_why, false) ||
              S_bputs(&b, "column</span></div>\n") || bp_outbuf_put(&h->ob, b.p, b.n);
    free(b.p);
    return bad ? -1 : 0;
}

static int S_column(void *self, const bp_line *first, bool break_no)
{
    (void)break_no;
    return S_row_break(self, S_column_out, first);
}

/* The line as read: text with each edit's original bytes, the edits marked
 * as changes (furniture: the walk sends no spans for it). */
static int S_raw_line(S_html *h, S_buf *b, const bp_line *l)
{
    uint32_t pos = 0;
    for (uint32_t k = 0; k < l->nedits; k++) {
        const bp_edit *e = &l->edits[k];
        if (e->at < pos || e->at > l->len || e->len > l->len - e->at)
            continue;
        int kind = S_K_EDIT + (e->kind < BP_EDIT_KIND_COUNT ? e->kind : 0);
        char name[40];
        snprintf(name, sizeof name, "edit-%s", bp_edit_kind_name(e->kind));
        if (S_esc(b, l->text + pos, e->at - pos) ||
            S_change(h, b, kind, name, e->kind == BP_EDIT_OCR ? e->cert : 1.0f,
                     e->kind == BP_EDIT_OCR && e->why ? e->why : S_edit_reason(e->kind), false) ||
            S_esc(b, e->orig, e->orig_len) || S_bputs(b, "</span>"))
            return -1;
        pos = e->at + e->len;
    }
    return S_esc(b, l->text + pos, l->len - pos);
}

/* A furniture line: a row of its own. */
static int S_fw_out(S_html *h, const void *arg)
{
    const bp_line *l = arg;
    unsigned ch = bp_change_fw(l);
    float cert = l->fw_why ? l->fw_cert : l->st_why ? l->st_cert : 1.0f;
    const char *why = l->fw_why ? l->fw_why : l->st_why;
    S_row_open(h, "fw");
    if (S_box_add(h, l) || S_bputs(&h->o, "<span class=\"l\" data-l=\"") ||
        S_bu64(&h->o, l->lineno) || S_bputs(&h->o, "\">") ||
        S_change(h, &h->o, S_k(ch), bp_change_name(ch), cert, why, false) ||
        S_raw_line(h, &h->o, l) || S_bputs(&h->o, "</span></span>\n"))
        return -1;
    return S_row_close(h);
}

static int S_fw(void *self, const bp_line *l)
{
    S_html *h = self;
    if (h->text && h->text->fw && h->text->fw(h->text->self, l))
        return -1;
    return S_row_break(h, S_fw_out, l);
}

static int S_block_begin(void *self, bp_block kind, const bp_line *first)
{
    S_html *h = self;
    if (h->text && h->text->block_begin(h->text->self, kind, first))
        return -1;
    if (S_row_close(h))
        return -1;
    if (kind == BP_BLOCK_NOTE)
        h->in_note = true;
    else
        h->in_block = true, h->body_kind = kind;
    S_row_open(h, S_block_class(kind));
    const char *why = NULL, *name = NULL;
    float cert = 0;
    if (kind == BP_BLOCK_CELL && first->tab_why) {
        why = first->tab_why, cert = first->tab_cert, name = bp_change_name(BP_CH_LAYOUT + 1);
        h->kinds[S_k(BP_CH_LAYOUT + 1)]++;
    } else if (kind != BP_BLOCK_CELL && first->st_why && kind != BP_BLOCK_VERSE) {
        unsigned ch = bp_change_struct(kind);
        why = first->st_why, cert = first->st_cert, name = bp_change_name(ch);
        h->kinds[S_k(ch)]++;
    }
    if (why) {
        char c[8];
        bp_fmt_prob(c, cert);
        if (S_bputs(&h->attrs, " data-change=\"") || S_bputs(&h->attrs, name) ||
            S_bputs(&h->attrs, "\" data-cert=\"") || S_bputs(&h->attrs, c) ||
            S_bputs(&h->attrs, "\" data-reason=\"") || S_escs(&h->attrs, why) ||
            S_bputs(&h->attrs, "\""))
            return -1;
    }
    return 0;
}

static int S_block_end(void *self, bp_block kind)
{
    S_html *h = self;
    if (h->text && h->text->block_end(h->text->self, kind))
        return -1;
    if (S_row_close(h))
        return -1;
    if (kind == BP_BLOCK_NOTE) {
        h->in_note = false;
        if (h->in_block) { /* the block the note interrupted goes on */
            S_row_open(h, S_block_class(h->body_kind));
            h->cont = true;
        }
    } else {
        h->in_block = false;
    }
    return 0;
}

static int S_line(void *self, const bp_line *l, const bp_line *prev)
{
    S_html *h = self;
    if (h->text && h->text->line(h->text->self, l, prev))
        return -1;
    S_row_open(h, "p");
    if (S_box_add(h, l) || S_bputs(&h->o, "<span class=\"l\" data-l=\"") ||
        S_bu64(&h->o, l->lineno) || S_bputs(&h->o, "\">"))
        return -1;
    if (prev && prev->eol == BP_EOL_NONE && S_bputs(&h->r, " "))
        return -1;
    h->kept_open = l->role == BP_ROLE_BODY && l->fw_why;
    if (h->kept_open)
        return S_change(h, &h->r, S_k(BP_CH_FW_KEPT), bp_change_name(BP_CH_FW_KEPT), l->fw_cert, l->fw_why, true);
    return 0;
}

static int S_text(void *self, const char *s, size_t n)
{
    S_html *h = self;
    if (h->text && h->text->text(h->text->self, s, n))
        return -1;
    return S_esc(&h->o, s, n) || S_esc(&h->r, s, n) ? -1 : 0;
}

static int S_edit(void *self, const bp_line *l, const bp_edit *e, const char *reg)
{
    S_html *h = self;
    if (h->text && h->text->edit(h->text->self, l, e, reg))
        return -1;
    const char *kn = bp_edit_kind_name(e->kind);
    char name[40];
    snprintf(name, sizeof name, "edit-%s", kn);
    int kind = S_K_EDIT + (e->kind < BP_EDIT_KIND_COUNT ? e->kind : 0);
    bool ocr = e->kind == BP_EDIT_OCR;
    if (S_bputs(&h->o, "<span data-o=\"") || S_bputs(&h->o, name) || S_bputs(&h->o, "\">") ||
        S_esc(&h->o, e->orig, e->orig_len) || S_bputs(&h->o, "</span>") ||
        S_change(h, &h->r, kind, name, ocr ? e->cert : 1.0f,
                 ocr && e->why ? e->why : S_edit_reason(e->kind), false) ||
        S_esc(&h->r, reg, e->len) || S_bputs(&h->r, "</span>"))
        return -1;
    return 0;
}

static int S_hyphen(void *self, const bp_line *l, const char *s, size_t n)
{
    S_html *h = self;
    if (h->text && h->text->hyphen && h->text->hyphen(h->text->self, l, s, n))
        return -1;
    if (S_bputs(&h->o, "<span data-o=\"hyphen-join\">") || S_esc(&h->o, s, n) ||
        S_bputs(&h->o, "</span>"))
        return -1;
    return 0;
}

static int S_line_end(void *self, const bp_line *l)
{
    S_html *h = self;
    if (h->text && h->text->line_end && h->text->line_end(h->text->self, l))
        return -1;
    if (h->kept_open && S_bputs(&h->r, "</span>"))
        return -1;
    h->kept_open = false;
    if (bp_line_hyphen_change(l)) {
        bool unsure = l->eol == BP_EOL_MAYBE || (l->flags & BP_LF_EOL_CONTESTED);
        if (S_change(h, &h->r, S_k(BP_CH_HYPHEN + (l->eol & 3)), bp_change_name(BP_CH_HYPHEN + (l->eol & 3)), l->eol_cert,
                     l->eol_why, unsure) ||
            S_bputs(&h->r, "</span>"))
            return -1;
    }
    return S_bputs(&h->o, "</span>\n");
}

/* ---- the end: figures, evaluation, page images ------------------------------------ */

static int S_fig_row(S_buf *b, const char *key, uint64_t v)
{
    return S_bputs(b, "<tr><th>") || S_bputs(b, key) || S_bputs(b, "</th><td class=\"n\">") ||
                   S_bu64(b, v) || S_bputs(b, "</td></tr>")
               ? -1
               : 0;
}

/* A figure with `prec` decimals. */
static int S_fig_num(S_buf *b, const char *key, int prec, double v)
{
    char t[48];
    snprintf(t, sizeof t, "%.*f", prec, v);
    return S_bputs(b, "<tr><th>") || S_bputs(b, key) || S_bputs(b, "</th><td class=\"n\">") ||
                   S_bputs(b, t) || S_bputs(b, "</td></tr>")
               ? -1
               : 0;
}

static int S_figures(S_html *h, S_buf *b, const berpa_stats *st)
{
    const struct { const char *key; uint64_t v; } f[] = {
        { "bytes_in", st->bytes_in }, { "lines", st->lines }, { "pages", st->pages },
        { "paragraphs", st->paragraphs }, { "hyphens_joined", st->hyphens_joined },
        { "hyphens_kept", st->hyphens_kept }, { "hyphens_unsure", st->hyphens_unsure },
        { "furniture", st->furniture }, { "furniture_unsure", st->furniture_unsure },
        { "edits", st->edits }, { "corrections", st->corrections },
        { "corrections_unsure", st->corrections_unsure }, { "verse_lines", st->verse_lines },
        { "notes", st->notes }, { "warnings", st->warnings }, { "errors", st->errors },
    };
    if (S_bputs(b, "<section id=\"figs\"><table id=\"stats\"><caption>document</caption>"))
        return -1;
    for (size_t i = 0; i < sizeof f / sizeof *f; i++)
        if (S_fig_row(b, f[i].key, f[i].v))
            return -1;
    if (S_bputs(b, "</table><table id=\"kinds\"><caption>changes by kind</caption>"))
        return -1;
    for (int k = 0; k < S_NKINDS; k++) {
        if (!h->kinds[k])
            continue;
        char name[40];
        const char *nm = name;
        if (k < S_K_EDIT)
            nm = bp_change_name((unsigned)k);
        else if (k < S_K_STRUCT)
            snprintf(name, sizeof name, "edit-%s", bp_edit_kind_name((unsigned)(k - S_K_EDIT)));
        else
            nm = bp_change_name((unsigned)(k - BP_EDIT_KIND_COUNT));
        if (S_bputs(b, "<tr><th><span data-k=\"") || S_bputs(b, nm) || S_bputs(b, "\">") ||
            S_bputs(b, nm) || S_bputs(b, "</span></th><td class=\"n\">") ||
            S_bu64(b, h->kinds[k]) || S_bputs(b, "</td></tr>"))
            return -1;
    }
    if (S_bputs(b, "</table>"))
        return -1;
    if (h->gold) {
        bp_eval ev;
        berpa_status es = bp_eval_text(h->gold, h->gold_len, h->clean.p ? h->clean.p : "",
                                       h->clean.n, &(bp_eval_opts){ 0 }, &ev);
        if (es == BERPA_E_NOMEM)
            return -1;
        if (es == BERPA_OK) {
            int bad = S_bputs(b, "<table id=\"eval\"><caption>against the gold text</caption>") ||
                      S_fig_num(b, "cer", 5, bp_eval_cer(&ev)) ||
                      S_fig_num(b, "wer", 5, bp_eval_wer(&ev)) ||
                      S_fig_num(b, "word_wer", 5, bp_eval_word_er(&ev)) ||
                      S_fig_num(b, "para_f1", 4, bp_eval_para_f1(&ev)) ||
                      S_fig_row(b, "char_edits", ev.char_edits) ||
                      S_fig_row(b, "gold_chars", ev.gold_chars) ||
                      S_fig_row(b, "token_edits", ev.token_edits) ||
                      S_fig_row(b, "gold_tokens", ev.gold_tokens);
            bp_eval_sort_confusions(&ev);
            if (!bad && ev.nconf)
                bad = S_bputs(b, "</table><table id=\"confusions\"><caption>most frequent "
                                 "confusions (gold \xE2\x86\x92 output)</caption>");
            for (size_t i = 0; i < ev.nconf && i < 10 && !bad; i++)
                bad = S_bputs(b, "<tr><th>\xE2\x80\x9C") || S_escs(b, ev.conf[i].gold) ||
                      S_bputs(b, "\xE2\x80\x9D \xE2\x86\x92 \xE2\x80\x9C") ||
                      S_escs(b, ev.conf[i].out) || S_bputs(b, "\xE2\x80\x9D</th><td class=\"n\">") ||
                      S_bu64(b, ev.conf[i].count) || S_bputs(b, "</td></tr>");
            bad = bad || S_bputs(b, "</table>");
            bp_eval_free(&ev);
            if (bad)
                return -1;
        } else if (S_bputs(b, "<p>The gold text could not be compared (ICU failed).</p>")) {
            return -1;
        }
    }
    return S_bputs(b, "</section>\n");
}

/* Base64 of n bytes, appended to b. */
static int S_base64(S_buf *b, const unsigned char *p, size_t n)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char q[4];
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        q[0] = tab[v >> 18 & 63];
        q[1] = tab[v >> 12 & 63];
        q[2] = i + 1 < n ? tab[v >> 6 & 63] : '=';
        q[3] = i + 2 < n ? tab[v & 63] : '=';
        if (S_bput(b, q, 4))
            return -1;
    }
    return 0;
}

/* The page's image, scaled to at most S_IMG_WIDTH pixels wide, as a PNG
 * data: URI appended to b; 1 when the image cannot be read (the page is
 * then shown with its boxes only), -1 when out of memory. */
#define S_IMG_WIDTH 1000
static int S_page_png(S_buf *b, const bp_pageimg *pg)
{
    const char *path = pg->file ? pg->file : pg->image;
    if (!path)
        return 1;
    PIX *pix = bp_image_pix(path, pg->subpage);
    if (!pix)
        return 1;
    int w = pixGetWidth(pix);
    PIX *s = w > S_IMG_WIDTH ? (pixGetDepth(pix) == 1 ? pixScaleToGray(pix, (l_float32)S_IMG_WIDTH / (l_float32)w)
                                                      : pixScale(pix, (l_float32)S_IMG_WIDTH / (l_float32)w,
                                                                 (l_float32)S_IMG_WIDTH / (l_float32)w))
                             : pixClone(pix);
    pixDestroy(&pix);
    if (!s)
        return 1;
    l_uint8 *data = NULL;
    size_t n = 0;
    int r = pixWriteMemPng(&data, &n, s, 0.0f) != 0 ? 1 : 0;
    pixDestroy(&s);
    if (r == 0 && (S_bputs(b, "data:image/png;base64,") || S_base64(b, data, n)))
        r = -1;
    free(data);
    return r;
}

static int S_images(S_html *h, S_buf *b)
{
    const bp_pageimgs *ps = h->pages;
    if (!ps || !ps->n)
        return 0;
    if (S_bputs(b, "<section id=\"images\"><h2>Page images and line boxes</h2>\n"))
        return -1;
    size_t z = 0;
    for (size_t i = 0; i < ps->n; i++) {
        const bp_pageimg *pg = ps->v[i];
        if (pg->failed || pg->width <= 0 || pg->height <= 0)
            continue;
        char dim[64];
        snprintf(dim, sizeof dim, "0 0 %" PRId32 " %" PRId32, pg->width, pg->height);
        if (S_bputs(b, "<figure><figcaption>page ") || S_bu64(b, pg->index + 1) ||
            S_bputs(b, ": ") || S_escs(b, pg->image) ||
            S_bputs(b, "</figcaption><svg class=\"page\" xmlns=\"http://www.w3.org/2000/svg\" "
                       "viewBox=\"") || S_bputs(b, dim) || S_bputs(b, "\" width=\"") ||
            S_bu64(b, (uint64_t)pg->width) || S_bputs(b, "\" height=\"") ||
            S_bu64(b, (uint64_t)pg->height) || S_bputs(b, "\">"))
            return -1;
        size_t mark = b->n;
        if (S_bputs(b, "<image width=\"") || S_bu64(b, (uint64_t)pg->width) ||
            S_bputs(b, "\" height=\"") || S_bu64(b, (uint64_t)pg->height) ||
            S_bputs(b, "\" href=\""))
            return -1;
        int r = S_page_png(b, pg);
        if (r < 0)
            return -1;
        if (r > 0)
            b->n = mark; /* no picture: the boxes alone */
        else if (S_bputs(b, "\"/>"))
            return -1;
        /* boxes arrive in document order: those of this page */
        for (z = 0; z < h->nboxes; z++) {
            const S_box *x = &h->boxes[z];
            if (x->page != pg->index)
                continue;
            char rect[160];
            snprintf(rect, sizeof rect,
                     "<rect x=\"%" PRId32 "\" y=\"%" PRId32 "\" width=\"%" PRId32
                     "\" height=\"%" PRId32 "\" data-l=\"%" PRIu64 "\"%s><title>line %" PRIu64
                     "</title></rect>",
                     x->box[0], x->box[1], x->box[2] - x->box[0], x->box[3] - x->box[1],
                     x->lineno, x->role == BP_ROLE_BODY ? "" : " class=\"fw\"", x->lineno);
            if (S_bputs(b, rect))
                return -1;
        }
        if (S_bputs(b, "</svg></figure>\n"))
            return -1;
    }
    return S_bputs(b, "</section>\n");
}

static int S_end(void *self, const berpa_stats *stats)
{
    S_html *h = self;
    static const berpa_stats zero;
    if (!stats)
        stats = &zero;
    if (h->text && h->text->end(h->text->self, stats))
        return -1;
    S_buf t = { 0 };
    int bad = S_row_close(h) || bp_outbuf_puts(&h->ob, "</main>\n") ||
              S_figures(h, &t, stats) || S_images(h, &t) ||
              S_bputs(&t, "<pre id=\"selftest\" hidden></pre>\n<script>") || S_bputs(&t, S_js) ||
              S_bputs(&t, "</script>\n</body>\n</html>\n");
    if (!bad)
        bad = bp_outbuf_put(&h->ob, t.p, t.n);
    free(t.p);
    return bad ? -1 : bp_outbuf_flush(&h->ob);
}

static void S_destroy(void *self)
{
    S_html *h = self;
    if (!h)
        return;
    bp_emitter_free(h->text);
    free(h->o.p);
    free(h->r.p);
    free(h->attrs.p);
    free(h->clean.p);
    free(h->boxes);
    free(h);
}

bp_emitter *bp_emit_html_new(berpa_write_fn out, void *user)
{
    bp_emitter *em = calloc(1, sizeof *em);
    S_html *h = calloc(1, sizeof *h);
    if (!em || !h) {
        free(em);
        free(h);
        return NULL;
    }
    bp_outbuf_init(&h->ob, out, user);
    em->self = h;
    em->begin = S_begin;
    em->page = S_page;
    em->column = S_column;
    em->fw = S_fw;
    em->block_begin = S_block_begin;
    em->block_end = S_block_end;
    em->line = S_line;
    em->text = S_text;
    em->edit = S_edit;
    em->hyphen = S_hyphen;
    em->line_end = S_line_end;
    em->end = S_end;
    em->destroy = S_destroy;
    return em;
}
