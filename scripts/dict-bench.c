/* dict-bench: load time and Hunspell_spell speed of a dictionary.
 * Usage: dict-bench DICT_PREFIX WORDFILE [MIN_SECONDS]
 * Prints "load_s=<s> words=<n> spell_wps=<words per second> accepted=<n>".
 * Built on the fly by scripts/dict-metrics.py. */
#define _POSIX_C_SOURCE 200809L
#include <hunspell/hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s DICT_PREFIX WORDFILE [MIN_SECONDS]\n", argv[0]);
        return 2;
    }
    double min_s = argc > 3 ? atof(argv[3]) : 1.0;
    size_t plen = strlen(argv[1]);
    char *aff = malloc(plen + 5), *dic = malloc(plen + 5);
    if (!aff || !dic)
        return 1;
    snprintf(aff, plen + 5, "%s.aff", argv[1]);
    snprintf(dic, plen + 5, "%s.dic", argv[1]);

    FILE *f = fopen(argv[2], "r");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    size_t cap = 1024, n = 0;
    char **words = malloc(cap * sizeof *words);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    while ((len = getline(&line, &lcap, f)) > 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0)
            continue;
        if (n == cap) {
            cap *= 2;
            words = realloc(words, cap * sizeof *words);
            if (!words)
                return 1;
        }
        words[n++] = strdup(line);
    }
    free(line);
    fclose(f);
    if (n == 0) {
        fprintf(stderr, "no words in %s\n", argv[2]);
        return 1;
    }

    double t0 = now();
    Hunhandle *h = Hunspell_create(aff, dic);
    double t1 = now();
    if (!h)
        return 1;
    /* warm-up pass, also counts accepted words */
    long accepted = 0;
    for (size_t i = 0; i < n; i++)
        accepted += Hunspell_spell(h, words[i]) != 0;

    long done = 0;
    double t2 = now(), t3;
    do {
        for (size_t i = 0; i < n; i++)
            (void)Hunspell_spell(h, words[i]);
        done += (long)n;
        t3 = now();
    } while (t3 - t2 < min_s);
    printf("load_s=%.4f words=%zu spell_wps=%.0f accepted=%ld\n", t1 - t0, n,
           (double)done / (t3 - t2), accepted);
    Hunspell_destroy(h);
    for (size_t i = 0; i < n; i++)
        free(words[i]);
    free(words);
    free(aff);
    free(dic);
    return 0;
}
