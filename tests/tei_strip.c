/*
 * tei_strip.c: reads a TEI file written by berpa and prints one reading of
 * its <text> (a test tool, linked with libxml2 only):
 *
 *   --clean  the clean text: fw, sic and orig left out; lb/pb/cb with
 *            break="no" or "maybe" join without a space, others are white
 *            space; white space collapsed; each p/head/item/l/ab ends with a
 *            newline; a note's text on a line of its own after the
 *            block that calls it.  A note placed at its mark (it has an
 *            xml:id an <anchor corresp="#id"/> points to) is read where
 *            its anchor stands, where it was printed, in both readings.  Must equal berpa's text output byte
 *            for byte.
 *   --orig   the original: corr and reg left out, fw kept, every removed
 *            hyphen (lb rend="hyphen", @type naming a non-ASCII one) put
 *            back after the last text of its line (or after the lb that
 *            began that line, when it has none), every lb/pb/cb a line
 *            break; printed white-space-normalised on one line.
 *
 * <g type="invalid-byte" n="0xFF"/> and <g type="control|noncharacter"
 * n="U+000C"/> print the byte or character they stand for.
 */
#include <libxml/xmlreader.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct S_out {
    char *buf;
    size_t n, cap;
    bool space;         /* white space seen since the last character       */
    bool bol;           /* at a block start (clean) or the output start     */
    size_t body_end;    /* orig: end of the last text outside fw            */
} S_out;

static void S_grow(S_out *o, size_t more)
{
    if (o->n + more <= o->cap)
        return;
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < o->n + more)
        cap *= 2;
    char *p = realloc(o->buf, cap);
    if (!p) {
        fputs("tei_strip: out of memory\n", stderr);
        exit(2);
    }
    o->buf = p;
    o->cap = cap;
}

static void S_raw(S_out *o, const char *s, size_t n)
{
    S_grow(o, n);
    memcpy(o->buf + o->n, s, n);
    o->n += n;
}

/* A character (n bytes) of running text, after a pending space if any. */
static void S_char(S_out *o, const char *s, size_t n)
{
    if (o->space && !o->bol)
        S_raw(o, " ", 1);
    o->space = false;
    o->bol = false;
    S_raw(o, s, n);
}

static bool S_is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static void S_text(S_out *o, const char *s, bool in_fw)
{
    size_t i = 0, n = strlen(s);
    while (i < n) {
        if (S_is_ws(s[i])) {
            o->space = true;
            i++;
            continue;
        }
        size_t k = 1;
        while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
            k++;
        S_char(o, s + i, k);
        i += k;
    }
    if (!in_fw)
        o->body_end = o->n;
}

static size_t S_utf8_put(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static bool S_attr_is(xmlTextReaderPtr r, const char *name, const char *val)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
    bool is = v && strcmp((const char *)v, val) == 0;
    xmlFree(v);
    return is;
}

/* "U+00AC" -> the character's UTF-8; false when the value is not one. */
static size_t S_cp_attr(xmlTextReaderPtr r, const char *name, char out[4])
{
    xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)name);
    size_t n = 0;
    if (v && v[0] == 'U' && v[1] == '+') {
        unsigned long cp = strtoul((const char *)v + 2, NULL, 16);
        n = S_utf8_put((uint32_t)cp, out);
    } else if (v && v[0] == '0' && v[1] == 'x') {
        out[0] = (char)strtoul((const char *)v + 2, NULL, 16);
        n = 1;
    }
    xmlFree(v);
    return n;
}

static bool S_in(const char *name, const char *const *set)
{
    for (; *set; set++)
        if (strcmp(name, *set) == 0)
            return true;
    return false;
}

/* Clean text: a block's (or a table row's) line ends, and the notes it
 * called (when notes is not NULL) follow it. */
static void S_end_line(S_out *op, S_out *notes)
{
    S_raw(op, "\n", 1);
    op->bol = true;
    op->space = false;
    if (notes && notes->n) {
        S_raw(op, notes->buf, notes->n);
        notes->n = 0;
    }
}

/* Notes placed at their marks, read when their anchor comes. */
typedef struct S_held {
    char *id;
    S_out text;
} S_held;
static S_held S_helds[256];
static size_t S_nheld;

/* The held note an anchor points to (corresp "#id"), or NULL. */
static S_held *S_held_for(xmlTextReaderPtr r)
{
    xmlChar *v = xmlTextReaderGetAttribute(r, (const xmlChar *)"corresp");
    S_held *h = NULL;
    for (size_t i = 0; v && v[0] == '#' && i < S_nheld && !h; i++)
        if (strcmp(S_helds[i].id, (const char *)v + 1) == 0)
            h = &S_helds[i];
    xmlFree(v);
    return h;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "--clean") != 0 && strcmp(argv[1], "--orig") != 0)) {
        fputs("usage: tei_strip --clean|--orig FILE.xml\n", stderr);
        return 2;
    }
    bool clean = strcmp(argv[1], "--clean") == 0;
    static const char *const skip_clean[] = { "fw", "sic", "orig", NULL };
    static const char *const skip_orig[] = { "corr", "reg", NULL };
    static const char *const blocks[] = { "p", "head", "item", "l", "ab", NULL };
    const char *const *skip = clean ? skip_clean : skip_orig;

    xmlTextReaderPtr r = xmlReaderForFile(argv[2], NULL, XML_PARSE_NONET);
    if (!r) {
        fprintf(stderr, "tei_strip: cannot open %s\n", argv[2]);
        return 2;
    }
    /* clean: footnotes go to `notes`, printed after the block that calls
     * them (or at once between blocks) */
    S_out main_o = { .bol = true }, notes = { .bol = true }, *op = &main_o;
    int flow_blocks = 0, cells = 0; /* cells: of the open <row> so far */
    int in_text = 0, skipping = 0, in_block = 0, in_fw = 0, ret;
    S_out *saved = NULL; /* where the text went before a placed note */
    while ((ret = xmlTextReaderRead(r)) == 1) {
        int type = xmlTextReaderNodeType(r);
        const char *name = (const char *)xmlTextReaderConstLocalName(r);
        bool empty = xmlTextReaderIsEmptyElement(r) == 1;
        if (type == XML_READER_TYPE_ELEMENT) {
            if (strcmp(name, "text") == 0)
                in_text++;
            if (!in_text || skipping) {
                if (in_text && !empty)
                    skipping++;
                continue;
            }
            if (S_in(name, skip)) {
                if (!empty)
                    skipping = 1;
                continue;
            }
            xmlChar *id = strcmp(name, "note") == 0 && !empty && S_attr_is(r, "place", "foot")
                              ? xmlTextReaderGetAttribute(r, (const xmlChar *)"xml:id")
                              : NULL;
            if (id) { /* placed at its mark: read at its anchor */
                if (S_nheld == sizeof S_helds / sizeof *S_helds) {
                    fputs("tei_strip: too many placed notes\n", stderr);
                    return 2;
                }
                S_held *h = &S_helds[S_nheld++];
                h->id = strdup((const char *)id);
                xmlFree(id);
                h->text = (S_out){ .bol = true };
                saved = op;
                op = &h->text;
                in_block++;
            } else if (strcmp(name, "anchor") == 0) {
                S_held *h = S_held_for(r);
                if (h && clean) {
                    S_raw(&notes, h->text.buf, h->text.n);
                    if (flow_blocks == 0) {
                        S_raw(op, notes.buf, notes.n);
                        notes.n = 0;
                    }
                } else if (h) {
                    op->space = true;
                    S_raw(&h->text, "", 1); /* NUL-terminated for S_text */
                    S_text(op, h->text.buf, in_fw > 0);
                    op->space = true;
                }
            } else if (strcmp(name, "note") == 0 && !empty) {
                if (clean) {
                    op = &notes;
                    op->bol = true;
                    op->space = false;
                } else {
                    op->space = true;
                }
                in_block++;
            } else if (S_in(name, blocks)) {
                flow_blocks += !empty && op == &main_o;
                if (clean) {
                    op->bol = true;
                    op->space = false;
                } else {
                    op->space = true;
                }
                if (!empty)
                    in_block++;
                else if (clean)
                    S_raw(op, "\n", 1);
            } else if (strcmp(name, "row") == 0) {
                cells = 0;
            } else if (strcmp(name, "cell") == 0) {
                /* clean: a row a line, its cells separated by a tab */
                flow_blocks += !empty && op == &main_o;
                if (clean) {
                    if (cells++ > 0)
                        S_raw(op, "\t", 1);
                    op->bol = true;
                    op->space = false;
                } else {
                    op->space = true;
                }
                in_block += !empty;
            } else if (strcmp(name, "fw") == 0) { /* orig only: clean skips it */
                op->space = true;
                if (!empty)
                    in_fw++;
            } else if (strcmp(name, "lb") == 0 || strcmp(name, "pb") == 0 ||
                       strcmp(name, "cb") == 0) {
                bool joins = S_attr_is(r, "break", "no") || S_attr_is(r, "break", "maybe");
                if (!clean && S_attr_is(r, "rend", "hyphen")) {
                    char hy[4] = { '-' };
                    size_t hn = S_cp_attr(r, "type", hy);
                    S_grow(op, hn ? hn : 1);
                    memmove(op->buf + op->body_end + (hn ? hn : 1), op->buf + op->body_end,
                            op->n - op->body_end);
                    memcpy(op->buf + op->body_end, hy, hn ? hn : 1);
                    op->n += hn ? hn : 1;
                    op->body_end += hn ? hn : 1;
                }
                if (!clean || !joins)
                    op->space = true;
                /* a line may hold nothing but its removed hyphen (a soft
                 * hyphen alone on its line): the next line's hyphen
                 * then goes after this line break, not before it */
                if (!clean && !in_fw && name[0] == 'l' && op->n > 0 && !op->bol) {
                    S_raw(op, " ", 1);
                    op->space = false;
                    op->body_end = op->n;
                }
            } else if (strcmp(name, "g") == 0) {
                char c[4];
                size_t n = S_cp_attr(r, "n", c);
                if (n)
                    S_char(op, c, n);
                if (!in_fw)
                    op->body_end = op->n;
                if (!empty)
                    skipping = 1; /* g holds no text of its own here */
            }
        } else if (type == XML_READER_TYPE_END_ELEMENT) {
            if (skipping) {
                skipping--;
                continue;
            }
            if (!in_text)
                continue;
            if (strcmp(name, "text") == 0) {
                in_text--;
            } else if (strcmp(name, "note") == 0 && saved) {
                in_block--;
                if (clean)
                    S_raw(op, "\n", 1);
                op = saved;
                saved = NULL;
            } else if (strcmp(name, "note") == 0) {
                in_block--;
                if (clean) {
                    S_raw(op, "\n", 1);
                    op = &main_o;
                    if (flow_blocks == 0 && notes.n) {
                        S_raw(op, notes.buf, notes.n);
                        notes.n = 0;
                    }
                } else {
                    op->space = true;
                }
            } else if (S_in(name, blocks)) {
                in_block--;
                if (op == &main_o)
                    flow_blocks--;
                if (clean)
                    S_end_line(op, op == &main_o ? &notes : NULL);
                else
                    op->space = true;
            } else if (strcmp(name, "cell") == 0) {
                in_block--;
                if (op == &main_o)
                    flow_blocks--;
                op->space = !clean;
            } else if (strcmp(name, "row") == 0 && clean) {
                S_end_line(op, op == &main_o ? &notes : NULL);
            } else if (strcmp(name, "fw") == 0) {
                in_fw--;
                op->space = true;
            }
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                   type == XML_READER_TYPE_WHITESPACE ||
                   type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            if (!in_text || skipping || (!in_block && !in_fw))
                continue; /* white space between block-level elements */
            const char *v = (const char *)xmlTextReaderConstValue(r);
            if (v)
                S_text(op, v, in_fw > 0);
        }
    }
    xmlFreeTextReader(r);
    if (ret != 0) {
        fprintf(stderr, "tei_strip: %s: not well-formed XML\n", argv[2]);
        return 1;
    }
    if (!clean)
        S_raw(op, "\n", 1);
    if (op->n && fwrite(op->buf, 1, op->n, stdout) != op->n)
        return 1;
    free(op->buf);
    free(notes.buf);
    for (size_t i = 0; i < S_nheld; i++) {
        free(S_helds[i].id);
        free(S_helds[i].text.buf);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
