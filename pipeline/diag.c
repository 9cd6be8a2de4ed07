/* diag.c: diagnostics as data, formatted "file:line:col: level: message [code]". */
#include "doc.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

static const char *const S_level_names[] = { "note", "warning", "error" };

void bp_diag(bp_diagctx *dc, berpa_level lvl, const char *code, uint64_t line,
             uint64_t col, uint64_t byte, const char *fmt, ...)
{
    if (lvl == BERPA_WARNING)
        dc->warnings++;
    else if (lvl == BERPA_ERROR)
        dc->errors++;
    if (!dc->fn)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    berpa_diag d = { .level = lvl, .code = code, .file = dc->file ? dc->file : "-",
                     .line = line, .col = col, .byte = byte, .message = msg };
    dc->fn(&d, dc->user);
}

size_t berpa_diag_format(const berpa_diag *d, char *buf, size_t cap)
{
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
