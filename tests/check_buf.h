/*
 * check_buf.h: a growable, NUL-terminated output buffer and the
 * berpa_write_fn that appends to it, for the suites that run whole
 * documents through the API.  The caller frees p.
 */
#ifndef BERPA_CHECK_BUF_H
#define BERPA_CHECK_BUF_H

#include <stdlib.h>
#include <string.h>

typedef struct S_buf {
    char *p;
    size_t n, cap;
} S_buf;

/* berpa_write_fn: appends len bytes to the S_buf `user`; -1 without memory. */
static int S_write(void *user, const char *buf, size_t len)
{
    S_buf *b = user;
    if (b->n + len + 1 > b->cap) {
        b->cap = (b->n + len + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            return -1;
    }
    memcpy(b->p + b->n, buf, len);
    b->n += len;
    b->p[b->n] = '\0';
    return 0;
}

#endif /* BERPA_CHECK_BUF_H */
