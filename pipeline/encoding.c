/*
 * encoding.c: input that is not UTF-8 text, for the commands that read
 * whole files (berpa check, berpa eval): UTF-16 with or without a byte
 * order mark, and ill-formed UTF-8.  The diagnostics are diag.c's rows
 * (utf16, invalid-utf8), the ones berpa itself sends.
 */
#include "quality.h"

#include <stdio.h>
#include <string.h>

#include "stages.h"

const char *bp_utf16_sniff(const char *buf, size_t len, bool *bom)
{
    const unsigned char *u = (const unsigned char *)buf;
    *bom = false;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        *bom = true;
        return u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
    }
    /* Without a mark: UTF-16 of Latin-script text has a NUL as the high
     * byte of every ASCII character (spaces, digits, most Azerbaijani
     * letters), at every other offset; UTF-8 text has no NUL at all.  Four
     * NULs or more, in at least one pair of eight on one side and (almost)
     * none on the other, over the first 4 KiB: a stray NUL or two in a
     * short UTF-8 file is a control character, not UTF-16. */
    size_t n = len < 4096 ? len & ~(size_t)1 : 4096, z[2] = { 0, 0 };
    for (size_t i = 0; i < n; i++)
        z[i & 1] += u[i] == 0;
    size_t pairs = n / 2;
    for (int side = 0; side < 2; side++)
        if (z[side] >= 4 && 8 * z[side] >= pairs && 64 * z[!side] < pairs)
            return side ? "UTF-16LE" : "UTF-16BE";
    return NULL;
}

berpa_status bp_encoding_diag(const char *buf, size_t len, bool utf8, bp_diagctx *dc)
{
    bool bom;
    const char *enc = bp_utf16_sniff(buf, len, &bom);
    if (enc && bom) {
        bp_diag(dc, BP_D_UTF16, 1, 1, 0, enc, (unsigned char)buf[0], (unsigned char)buf[1]);
        return BERPA_E_INPUT;
    }
    if (enc) {
        bp_diag(dc, BP_D_UTF16_NO_BOM, 1, 1, 0, enc, enc);
        return BERPA_E_INPUT;
    }
    uint64_t off;
    const char *why;
    if (!utf8 || !bp_utf8_first_invalid(buf, len, &off, &why))
        return BERPA_OK;
    /* its line, and its column in characters */
    uint64_t line = 1, col = 1;
    for (uint64_t i = 0; i < off; i++) {
        if (buf[i] == '\n')
            line++, col = 1;
        else
            col += ((unsigned char)buf[i] & 0xC0) != 0x80;
    }
    bp_diag(dc, BP_D_INVALID_UTF8, line, col, off, (unsigned char)buf[off], (unsigned long long)off, why);
    return BERPA_E_INPUT;
}

void bp_diag_print(const berpa_diag *d, void *user)
{
    (void)user;
    char buf[1024];
    berpa_diag_format(d, buf, sizeof buf);
    fprintf(stderr, "berpa: %s\n", buf);
}
