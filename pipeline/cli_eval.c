/*
 * cli_eval.c: the `berpa eval GOLD OUT` command: files, or two directories
 * whose files are matched by name.  Figures in eval.c.
 */
#include "quality.h"
#include "stages.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { S_OK = 0, S_INPUT = 1, S_USAGE = 2, S_IO = 3, S_NOMEM = 4 };

static const char S_usage[] =
    "usage: berpa eval [--json] [--fold] [--sites FILE] [--top N]\n"
    "                  [--max-cer X] [--max-wer X] GOLD OUT\n"
    "  GOLD and OUT: two files, or two directories whose files are matched by name\n"
    "  --json        one JSON object per document (and one for the total)\n"
    "  --fold        compare case-insensitively, Azerbaijani rules (I/ı, İ/i)\n"
    "  --sites FILE  hyphen sites of the gold text (JSON): hyphen_acc, keep_acc\n"
    "  --top N       rows of the confusion table (default 20)\n"
    "  --max-cer X, --max-wer X  exit 1 when the (total) figure is above X\n";

char *bp_slurp(const char *path, size_t *len)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp)
        return NULL;
    struct stat sb;
    size_t cap = 1 << 16, n = 0;
    /* a regular file is read in one piece */
    if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0)
        cap = (size_t)sb.st_size + 1;
    char *b = malloc(cap);
    while (b) {
        n += fread(b + n, 1, cap - n, fp);
        if (n < cap)
            break;
        char *nb = realloc(b, cap *= 2);
        if (!nb)
            free(b);
        b = nb;
    }
    int bad = ferror(fp);
    if (fp != stdin)
        fclose(fp);
    if (!b)
        errno = ENOMEM;
    else if (bad) {
        free(b);
        b = NULL;
        errno = EIO;
    }
    *len = n;
    return b;
}

static int S_status(berpa_status st)
{
    return st == BERPA_E_NOMEM ? S_NOMEM : st == BERPA_E_IO ? S_INPUT : st == BERPA_OK ? S_OK : S_INPUT;
}

/* Evaluates one pair into *r; diagnostics on stderr.  Returns an exit code. */
static int S_pair(const char *gold, const char *out, const bp_eval_opts *o, bp_eval *r)
{
    size_t gl, ol;
    char *g = bp_slurp(gold, &gl);
    if (!g) {
        fprintf(stderr, "berpa: %s: error: %s [unreadable]\n", gold, strerror(errno));
        return errno == ENOMEM ? S_NOMEM : S_INPUT;
    }
    char *t = bp_slurp(out, &ol);
    if (!t) {
        fprintf(stderr, "berpa: %s: error: %s [unreadable]\n", out, strerror(errno));
        free(g);
        return errno == ENOMEM ? S_NOMEM : S_INPUT;
    }
    /* figures over bytes that are not UTF-8 text would be garbage */
    bp_diagctx gdc = { .fn = bp_diag_print, .file = gold }, odc = { .fn = bp_diag_print, .file = out };
    if (bp_encoding_diag(g, gl, true, &gdc) != BERPA_OK || bp_encoding_diag(t, ol, true, &odc) != BERPA_OK) {
        free(g);
        free(t);
        return S_INPUT;
    }
    berpa_status st = bp_eval_text(g, gl, t, ol, o, r);
    free(g);
    free(t);
    if (st != BERPA_OK)
        fprintf(stderr, "berpa: %s: error: %s [eval]\n", out, berpa_status_str(st));
    return S_status(st);
}

static bool S_is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static int S_namecmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of dir, sorted; NULL with *n = 0 when none or on error. */
static char **S_list(const char *dir, size_t *n, int *code)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "berpa: %s: error: %s [unreadable]\n", dir, strerror(errno));
        *code = S_INPUT;
        return NULL;
    }
    char **v = NULL;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t pl = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(pl);
        if (!p)
            break;
        snprintf(p, pl, "%s/%s", dir, e->d_name);
        struct stat sb;
        bool reg = stat(p, &sb) == 0 && S_ISREG(sb.st_mode);
        free(p);
        if (!reg)
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            char **nv = realloc(v, cap * sizeof *nv);
            if (!nv)
                break;
            v = nv;
        }
        if (!(v[*n] = strdup(e->d_name)))
            break;
        (*n)++;
    }
    closedir(d);
    if (e) {
        *code = S_NOMEM;
        fprintf(stderr, "berpa: error: out of memory\n");
    }
    if (v)
        qsort(v, *n, sizeof *v, S_namecmp);
    return v;
}

static void S_write(bool json, const bp_eval *r, const char *name, size_t top)
{
    if (json)
        bp_eval_write_json(stdout, r, name, top);
    else
        bp_eval_write_human(stdout, r, name, top);
}

BERPA_API int berpa_cli_eval(int argc, char **argv)
{
    static const struct option longs[] = {
        { "json", no_argument, NULL, 'j' },     { "fold", no_argument, NULL, 'f' },
        { "sites", required_argument, NULL, 's' }, { "top", required_argument, NULL, 't' },
        { "max-cer", required_argument, NULL, 'c' }, { "max-wer", required_argument, NULL, 'w' },
        { "help", no_argument, NULL, 'h' },     { NULL, 0, NULL, 0 }
    };
    bool json = false;
    const char *sites_path = NULL;
    size_t top = 20;
    double max_cer = -1, max_wer = -1;
    bp_eval_opts o = { 0 };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", longs, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'j': json = true; break;
        case 'f': o.fold = true; break;
        case 's': sites_path = optarg; break;
        case 't':
            top = (size_t)strtoul(optarg, &end, 10);
            if (*end || !*optarg) {
                fprintf(stderr, "berpa: eval: --top needs a number, not '%s'\n", optarg);
                return S_USAGE;
            }
            break;
        case 'c':
        case 'w': {
            double v = strtod(optarg, &end);
            if (*end || !*optarg || !(v >= 0)) {
                fprintf(stderr, "berpa: eval: --max-%s needs a number >= 0, not '%s'\n",
                        c == 'c' ? "cer" : "wer", optarg);
                return S_USAGE;
            }
            *(c == 'c' ? &max_cer : &max_wer) = v;
            break;
        }
        case 'h': fputs(S_usage, stdout); return S_OK;
        default: fputs(S_usage, stderr); return S_USAGE;
        }
    }
    if (argc - optind != 2) {
        fputs(S_usage, stderr);
        return S_USAGE;
    }
    const char *gold = argv[optind], *out = argv[optind + 1];
    bool gd = S_is_dir(gold), od = S_is_dir(out);
    if (gd != od) {
        fprintf(stderr, "berpa: eval: GOLD and OUT must both be files or both directories\n");
        return S_USAGE;
    }
    if (gd && sites_path) {
        fprintf(stderr, "berpa: eval: --sites belongs to one gold file, not to a directory\n");
        return S_USAGE;
    }
    bp_eval_site *sites = NULL;
    size_t nsites = 0;
    if (sites_path) {
        char err[256];
        berpa_status st = bp_eval_sites_load(sites_path, &sites, &nsites, err, sizeof err);
        if (st != BERPA_OK) {
            fprintf(stderr, "berpa: %s: error: %s [sites]\n", sites_path, err);
            return S_status(st);
        }
        o.sites = sites;
        o.nsites = nsites;
    }
    int code = S_OK;
    bp_eval total = { 0 };
    if (!gd) {
        code = S_pair(gold, out, &o, &total);
        if (code == S_OK) {
            bp_eval_sort_confusions(&total);
            S_write(json, &total, NULL, top);
        }
    } else {
        size_t n = 0;
        char **names = S_list(gold, &n, &code);
        for (size_t k = 0; k < n && code != S_NOMEM; k++) {
            size_t gl = strlen(gold) + strlen(names[k]) + 2, ol = strlen(out) + strlen(names[k]) + 2;
            char *gp = malloc(gl), *op = malloc(ol);
            if (!gp || !op) {
                free(gp);
                free(op);
                code = S_NOMEM;
                break;
            }
            snprintf(gp, gl, "%s/%s", gold, names[k]);
            snprintf(op, ol, "%s/%s", out, names[k]);
            struct stat sb;
            if (stat(op, &sb) != 0) {
                fprintf(stderr, "berpa: %s: error: no output for gold %s [missing-output]\n", op, gp);
                code = code > S_INPUT ? code : S_INPUT;
            } else {
                bp_eval r = { 0 };
                int rc = S_pair(gp, op, &o, &r);
                if (rc == S_OK) {
                    bp_eval_sort_confusions(&r);
                    S_write(json, &r, names[k], top);
                    if (bp_eval_add(&total, &r) != BERPA_OK)
                        rc = S_NOMEM;
                }
                bp_eval_free(&r);
                code = rc > code ? rc : code;
            }
            free(gp);
            free(op);
        }
        for (size_t k = 0; k < n; k++)
            free(names[k]);
        free(names);
        if (code != S_NOMEM) {
            bp_eval_sort_confusions(&total);
            S_write(json, &total, "total", top);
        }
    }
    if (code == S_OK && ((max_cer >= 0 && bp_eval_cer(&total) > max_cer) ||
                         (max_wer >= 0 && bp_eval_wer(&total) > max_wer))) {
        fprintf(stderr, "berpa: %s: error: cer %.5f, wer %.5f above the limit [threshold]\n", out,
                bp_eval_cer(&total), bp_eval_wer(&total));
        code = S_INPUT;
    }
    bp_eval_free(&total);
    bp_eval_sites_free(sites, nsites);
    return code;
}
