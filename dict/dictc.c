/*
 * berpa-dictc: compiles a dictionary's tables for berpa at build time.
 * Usage: berpa-dictc DICT_PREFIX OUTPUT
 * Reads DICT_PREFIX.aff, .dic, .freq and .compounds and writes OUTPUT (by
 * convention DICT_PREFIX.berpa), the file lexicon.c maps at start-up
 * instead of parsing them (format: pipeline/lexdb.c).  Diagnostics go to
 * stderr as berpa prints them; exit 0, 1 (cannot write), 4 (out of
 * memory), 5 (the dictionary cannot be loaded).
 */
#include <stdio.h>

#include "lexdb.h"

static void S_diag(const berpa_diag *d, void *user)
{
    (void)user;
    fprintf(stderr, "berpa-dictc: %s: %s: %s [%s]\n", d->file ? d->file : "dictionary",
            d->level == BERPA_ERROR ? "error" : d->level == BERPA_WARNING ? "warning" : "note",
            d->message, d->code);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: berpa-dictc DICT_PREFIX OUTPUT\n");
        return 2;
    }
    bp_diagctx dc = { .fn = S_diag, .file = argv[1] };
    berpa_status st = bp_lexicon_compile(argv[1], argv[2], &dc);
    switch (st) {
    case BERPA_OK: return 0;
    case BERPA_E_NOMEM: return 4;
    case BERPA_E_DICT: return 5;
    default:
        fprintf(stderr, "berpa-dictc: %s: error: cannot be written\n", argv[2]);
        return 1;
    }
}
