/* diag.c: diagnostics as data, formatted "file:line:col: level: message [code]". */
#include "doc.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

static const char *const S_level_names[] = { "note", "warning", "error" };

/* The one table of diagnostics: code, level, message format, and the
 * summary berpa(1) gives (a test checks the man page lists every code). */
static const struct {
    berpa_diag_info info;
    const char *fmt;
} S_table[BP_D_COUNT] = {
    [BP_D_INVALID_UTF8] = { { "invalid-utf8", BERPA_ERROR,
        "a byte sequence that is not UTF-8; stops the document" },
        "invalid UTF-8: byte 0x%02X at offset %llu %s" },
    [BP_D_INVALID_UTF8_REPLACED] = { { "invalid-utf8", BERPA_WARNING,
        "with --replace-invalid: the sequence became U+FFFD (once a line)" },
        "invalid UTF-8: byte 0x%02X at offset %llu %s; %zu sequence%s on this line "
        "replaced with U+FFFD" },
    [BP_D_UTF16] = { { "utf16", BERPA_ERROR,
        "the input starts with a UTF-16 byte order mark" },
        "input is %s (byte order mark %02X %02X), not UTF-8; convert it with "
        "iconv -f UTF-16 -t UTF-8" },
    [BP_D_UTF16_NO_BOM] = { { "utf16", BERPA_ERROR,
        "berpa check, berpa eval: the input is UTF-16 without a byte order mark (NUL bytes)" },
        "input is %s without a byte order mark (a NUL byte at every other offset), not "
        "UTF-8; convert it with iconv -f %s -t UTF-8" },
    [BP_D_CONTROL_CHAR] = { { "control-char", BERPA_WARNING,
        "a control character was removed (once a line)" },
        "control character U+%04X removed (%zu on this line)" },
    [BP_D_LONG_LINE] = { { "long-line", BERPA_WARNING,
        "a line longer than 64 KiB was split" },
        "line longer than %u bytes split" },
    [BP_D_NO_DICTIONARY] = { { "no-dictionary", BERPA_NOTE,
        "no dictionary was found: berpa runs without one" },
        "no Azerbaijani dictionary found (set BERPA_DICT or --dict); deciding hyphens "
        "from the document and syllable rules only" },
    [BP_D_DICTIONARY_NOT_FOUND] = { { "no-dictionary", BERPA_ERROR,
        "the dictionary named by --dict or BERPA_DICT does not exist" },
        "dictionary %s%s not found: %s" },
    [BP_D_BAD_DICTIONARY] = { { "bad-dictionary", BERPA_ERROR,
        "the dictionary files are empty, not a Hunspell pair, or miscounted" },
        "%s %s" },
    [BP_D_OUT_OF_MEMORY] = { { "out-of-memory", BERPA_ERROR,
        "memory ran out while loading the dictionary" },
        "out of memory loading dictionary %s" },
    [BP_D_NO_FREQUENCIES] = { { "no-frequencies", BERPA_WARNING,
        "the word frequency table cannot be read" },
        "cannot read word frequencies from %s" },
    [BP_D_BAD_FREQUENCIES] = { { "bad-frequencies", BERPA_WARNING,
        "the word frequency table is empty or has malformed lines" },
        "%s%s" },
    [BP_D_SPOOL] = { { "spool", BERPA_ERROR,
        "the temporary file between the two passes failed (TMPDIR)" },
        "temporary file (TMPDIR): %s: %s" },
    [BP_D_NO_ERROR_MODEL] = { { "no-error-model", BERPA_WARNING,
        "with --correct: the OCR error table cannot be found or read; not correcting" },
        "%s%s: not correcting" },
    [BP_D_OCR_UNSURE] = { { "ocr-unsure", BERPA_NOTE,
        "with --correct: a correction below the threshold, left as read" },
        "\"%.*s\" may be \"%.*s\" (confidence %.3f, below %.3f): left as read" },
    [BP_D_OCR_KEPT] = { { "ocr-kept", BERPA_NOTE,
        "with --correct: a spelling the document keeps throughout, left as read" },
        "\"%.*s\" may be \"%.*s\" (confidence %.3f), but the document writes it so %u times "
        "and never so: left as read" },
    [BP_D_OCR_CLEAN] = { { "ocr-clean", BERPA_NOTE,
        "with --correct: a text input holds characters tesseract's aze model cannot output "
        "(j ; % « » ! ') and no word it misread: clean text, not corrected" },
        "the text holds %llu characters tesseract's aze model cannot output (%s) and no word "
        "with its misread j: clean text, not corrected" },
    [BP_D_OCR_LANGUAGE] = { { "ocr-language", BERPA_ERROR,
        "tesseract cannot start with the languages asked for (-l)" },
        "%s" },
    [BP_D_OCR_LANGUAGE_FALLBACK] = { { "ocr-language", BERPA_NOTE,
        "the default languages' Latin model is not installed: pages are read with aze alone" },
        "%s" },
    [BP_D_BAD_IMAGE] = { { "bad-image", BERPA_ERROR,
        "a page image cannot be read or recognised; the other pages go on" },
        "page %u (page %u of the file): %s" },
    [BP_D_NO_TEXT] = { { "no-text", BERPA_NOTE,
        "OCR found no text on a page image (a blank page): it stays an empty page" },
        "no text found on page %u (page %u of the file)" },
    [BP_D_NO_TEXT_NOISE] = { { "no-text", BERPA_NOTE,
        "OCR read only marks on a page image, none a legible word (specks): they are left "
        "out and it stays an empty page" },
        "no text found on page %u (page %u of the file): %s" },
    [BP_D_STALE_LEXICON] = { { "stale-lexicon", BERPA_WARNING,
        "the compiled tables beside the dictionary (az_AZ.berpa) are stale, foreign or "
        "damaged: the dictionary's source files are read instead (slower start)" },
        "%s %s: reading the dictionary's source files instead" },
    [BP_D_CANNOT_READ] = { { "cannot-read", BERPA_ERROR,
        "an input file or directory cannot be opened or read; the other inputs go on" },
        "cannot read: %s" },
    [BP_D_CANNOT_WRITE] = { { "cannot-write", BERPA_ERROR,
        "an output cannot be opened or written (disk full, closed pipe)" },
        "cannot write: %s" },
    [BP_D_NO_PAGES] = { { "no-input", BERPA_ERROR,
        "a directory named as input holds no page image; the other inputs go on" },
        "no page images in the directory" },
};

void bp_diag(bp_diagctx *dc, bp_diag_id id, uint64_t line, uint64_t col, uint64_t byte, ...)
{
    if ((unsigned)id >= BP_D_COUNT)
        return;
    berpa_level lvl = S_table[id].info.level;
    if (lvl == BERPA_WARNING)
        dc->warnings++;
    else if (lvl == BERPA_ERROR)
        dc->errors++;
    if (!dc->fn)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, byte);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    vsnprintf(msg, sizeof msg, S_table[id].fmt, ap);
#pragma GCC diagnostic pop
    va_end(ap);
    berpa_diag d = { .level = lvl, .code = S_table[id].info.code,
                     .file = dc->file ? dc->file : "-", .line = line, .col = col, .byte = byte,
                     .message = msg };
    dc->fn(&d, dc->user);
}

const char *bp_diag_message(bp_diag_id id, char *buf, size_t cap, ...)
{
    if ((unsigned)id >= BP_D_COUNT)
        return NULL;
    va_list ap;
    va_start(ap, cap);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    if (cap)
        vsnprintf(buf, cap, S_table[id].fmt, ap);
#pragma GCC diagnostic pop
    va_end(ap);
    return S_table[id].info.code;
}

const berpa_diag *berpa_diag_file(berpa_diag *d, berpa_file_fault f, const char *file,
                                  const char *detail, char *msg, size_t cap)
{
    if (!d || (cap && !msg) || (unsigned)f > BERPA_FAULT_NO_PAGES)
        return NULL;
    bp_diag_id id = f == BERPA_FAULT_WRITE  ? BP_D_CANNOT_WRITE
                    : f == BERPA_FAULT_READ ? BP_D_CANNOT_READ
                                            : BP_D_NO_PAGES;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    if (cap)
        snprintf(msg, cap, S_table[id].fmt, detail ? detail : "");
#pragma GCC diagnostic pop
    *d = (berpa_diag){ .level = S_table[id].info.level, .code = S_table[id].info.code,
                       .file = file ? file : "-", .message = msg };
    return d;
}

const berpa_diag_info *berpa_diag_table(size_t i)
{
    return i < BP_D_COUNT ? &S_table[i].info : NULL;
}

size_t berpa_diag_format(const berpa_diag *d, char *buf, size_t cap)
{
    if (!d || (cap && !buf))
        return 0;
    const char *lvl = (unsigned)d->level <= BERPA_ERROR ? S_level_names[d->level] : "error";
    /* The stable code goes last, "[invalid-utf8]", for filters to key on. */
    const char *code = d->code && *d->code ? d->code : NULL;
    const char *open = code ? " [" : "", *close = code ? "]" : "";
    if (!code)
        code = "";
    int n;
    if (d->line && d->col)
        n = snprintf(buf, cap, "%s:%" PRIu64 ":%" PRIu64 ": %s: %s%s%s%s", d->file, d->line,
                     d->col, lvl, d->message, open, code, close);
    else if (d->line)
        n = snprintf(buf, cap, "%s:%" PRIu64 ": %s: %s%s%s%s", d->file, d->line, lvl,
                     d->message, open, code, close);
    else
        n = snprintf(buf, cap, "%s: %s: %s%s%s%s", d->file, lvl, d->message, open, code, close);
    return n < 0 ? 0 : (size_t)n;
}

const char *berpa_status_str(berpa_status st)
{
    switch (st) {
    case BERPA_OK: return "success";
    case BERPA_E_INPUT: return "malformed input";
    case BERPA_E_USAGE: return "invalid argument";
    case BERPA_E_IO: return "input/output error";
    case BERPA_E_NOMEM: return "out of memory";
    case BERPA_E_DICT: return "dictionary could not be loaded";
    case BERPA_E_STATE: return "call out of order";
    }
    return "unknown status";
}

const char *berpa_version(void) { return BERPA_VERSION_STRING; }
