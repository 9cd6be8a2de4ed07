/*
 * cli_check.c: the `berpa check FILE|DIR...` command: configuration file,
 * inputs, and the four output formats (human, JSON Lines, JUnit XML,
 * GitHub Actions annotations).  The checks are in check.c.
 */
#include "checker.h"
#include "quality.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>
#include <libxml/xmlwriter.h>

/* Exit codes: 0, 1, 2, 4, 5 as for berpa; 6 for warnings without errors. */
enum { S_OK = 0, S_ERRORS = 1, S_USAGE = 2, S_IO = 3, S_NOMEM = 4, S_DICT = 5, S_WARNINGS = 6 };
enum { S_HUMAN, S_JSON, S_JUNIT, S_GITHUB };

/* The worse of two exit codes: warnings (6) rank below errors (1). */
static int S_worse(int a, int b)
{
    static const int rank[] = { 0, 2, 3, 4, 5, 6, 1 };
    return rank[a] >= rank[b] ? a : b;
}

static const char S_usage[] =
    "usage: berpa check [-f human|json|junit|github] [--config FILE | --no-config]\n"
    "                   [--level CODE=LEVEL]... [--set KEY=VALUE]... [--dict PATH | --no-dict]\n"
    "                   [--ext EXT] [-q] [FILE|DIR]...\n"
    "  measures text without ground truth; a DIR is searched for *.txt (--ext)\n"
    "  config: ./berpa.toml when present, sections [thresholds] and [levels]\n"
    "  exit: 0 clean or notes, 6 warnings, 1 errors or an unreadable input,\n"
    "        2 usage or configuration error, 3 output not written, 4 out of memory,\n"
    "        5 dictionary\n";

/* ---- configuration file: a TOML subset -------------------------------------------- */
static char *S_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* Reads path into c; on error prints "path:line:col: error: ..." and
 * returns S_USAGE (or S_ERRORS when unreadable). */
static int S_config_load(bp_check_conf *c, const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        fprintf(stderr, "berpa: %s: error: %s [config]\n", path, strerror(errno));
        return S_ERRORS;
    }
    char line[1024], section[64] = "";
    unsigned ln = 0;
    int code = S_OK;
    while (code == S_OK && fgets(line, sizeof line, fp)) {
        ln++;
        char *p = line, err[256];
        size_t col;
        /* comments: # outside a quoted string */
        bool q = false;
        for (char *t = p; *t; t++) {
            if (*t == '"')
                q = !q;
            else if ((*t == '#' && !q) || *t == '\n') {
                *t = '\0';
                break;
            }
        }
        char *s = S_trim(p);
        col = (size_t)(s - line) + 1;
        if (!*s)
            continue;
        if (*s == '[') {
            char *e = strchr(s, ']');
            if (!e || e[1] || e - s - 1 >= (long)sizeof section) {
                fprintf(stderr, "berpa: %s:%u:%zu: error: a section is [name] [config]\n", path, ln, col);
                code = S_USAGE;
                break;
            }
            *e = '\0';
            snprintf(section, sizeof section, "%s", S_trim(s + 1));
            if (strcmp(section, "thresholds") != 0 && strcmp(section, "levels") != 0) {
                fprintf(stderr, "berpa: %s:%u:%zu: error: unknown section [%s] "
                        "(sections: thresholds, levels) [config]\n", path, ln, col, section);
                code = S_USAGE;
            }
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) {
            fprintf(stderr, "berpa: %s:%u:%zu: error: expected key = value [config]\n", path, ln, col);
            code = S_USAGE;
            break;
        }
        *eq = '\0';
        char *key = S_trim(s), *val = S_trim(eq + 1);
        size_t vcol = (size_t)(val - line) + 1;
        size_t vn = strlen(val);
        if (vn >= 2 && val[0] == '"' && val[vn - 1] == '"') {
            val[vn - 1] = '\0';
            val++;
        }
        if (!*section) {
            fprintf(stderr, "berpa: %s:%u:%zu: error: '%s' outside a section "
                    "([thresholds] or [levels]) [config]\n", path, ln, col, key);
            code = S_USAGE;
        } else if (bp_check_conf_set(c, section, key, val, err, sizeof err) != 0) {
            bool bad_key = strncmp(err, "unknown", 7) == 0;
            fprintf(stderr, "berpa: %s:%u:%zu: error: %s [config]\n", path, ln, bad_key ? col : vcol, err);
            code = S_USAGE;
        }
    }
    fclose(fp);
    return code;
}

/* ---- inputs ------------------------------------------------------------------------ */
typedef struct S_list {
    char **v;
    size_t n, cap;
} S_list;

static bool S_list_add(S_list *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 32;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return false;
        l->v = v;
        l->cap = cap;
    }
    return (l->v[l->n] = strdup(s)) ? (l->n++, true) : false;
}

static int S_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Adds the files under dir ending in .ext, recursively, sorted per folder. */
static int S_walk(const char *dir, const char *ext, S_list *out)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "berpa: %s: error: %s [unreadable]\n", dir, strerror(errno));
        return S_ERRORS;
    }
    S_list here = { 0 };
    struct dirent *e;
    int code = S_OK;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' && !S_list_add(&here, e->d_name))
            code = S_NOMEM;
    closedir(d);
    if (here.n)
        qsort(here.v, here.n, sizeof *here.v, S_cmp);
    size_t el = strlen(ext);
    for (size_t i = 0; i < here.n && code != S_NOMEM; i++) {
        size_t n = strlen(dir) + strlen(here.v[i]) + 2;
        char *p = malloc(n);
        if (!p) {
            code = S_NOMEM;
            break;
        }
        /* corpus/ as given: corpus/a.txt, not corpus//a.txt (GitHub
         * annotations must name the file as the repository does) */
        size_t dl = strlen(dir);
        snprintf(p, n, dl && dir[dl - 1] == '/' ? "%s%s" : "%s/%s", dir, here.v[i]);
        struct stat sb;
        if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            code = S_worse(code, S_walk(p, ext, out));
        } else if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode)) {
            size_t pl = strlen(p);
            if (pl > el + 1 && p[pl - el - 1] == '.' && strcmp(p + pl - el, ext) == 0 && !S_list_add(out, p))
                code = S_NOMEM;
        }
        free(p);
    }
    for (size_t i = 0; i < here.n; i++)
        free(here.v[i]);
    free(here.v);
    return code;
}

/* ---- output ------------------------------------------------------------------------ */
static const char *S_name(const char *path) { return strcmp(path, "-") == 0 ? "<stdin>" : path; }

/* Appends s to the line being built in b[*n, cap); false when it is full. */
static bool S_cat(char *b, size_t *n, size_t cap, const char *s, size_t len)
{
    if (len > cap - *n)
        return false;
    memcpy(b + *n, s, len);
    *n += len;
    return true;
}

/* The decimal digits of v, ending at end; returns where they start. */
static char *S_u64(char *end, uint64_t v)
{
    do
        *--end = (char)('0' + v % 10);
    while (v /= 10);
    return end;
}

/* berpa: FILE[:LINE[:COL]]: LEVEL: MESSAGE [CODE], built in one buffer and
 * written at once: findings are printed by the million on a corpus, and
 * printf's parsing was a tenth of berpa check's time. */
static void S_human(const char *file, const bp_finding *f)
{
    char b[2048], num[48], *e = num + sizeof num, *p = e;
    if (f->line) {
        if (f->col) {
            p = S_u64(p, f->col);
            *--p = ':';
        }
        p = S_u64(p, f->line);
        *--p = ':';
    }
    const char *lvl = bp_check_level_name(f->level), *code = bp_check_code_name(f->code);
    size_t n = 0, cap = sizeof b;
    if (S_cat(b, &n, cap, "berpa: ", 7) && S_cat(b, &n, cap, file, strlen(file)) &&
        S_cat(b, &n, cap, p, (size_t)(e - p)) && S_cat(b, &n, cap, ": ", 2) &&
        S_cat(b, &n, cap, lvl, strlen(lvl)) && S_cat(b, &n, cap, ": ", 2) &&
        S_cat(b, &n, cap, f->msg, strlen(f->msg)) && S_cat(b, &n, cap, " [", 2) &&
        S_cat(b, &n, cap, code, strlen(code)) && S_cat(b, &n, cap, "]\n", 2)) {
        fwrite(b, 1, n, stdout);
        return;
    }
    /* a line too long for the buffer (a long file name) */
    printf("berpa: %s%.*s: %s: %s [%s]\n", file, (int)(e - p), p, lvl, f->msg, code);
}

/* GitHub Actions workflow commands: % CR LF escaped in data, and : , too
 * in properties. */
static void S_gh_escape(const char *s, bool prop)
{
    for (; *s; s++) {
        if (*s == '%')
            fputs("%25", stdout);
        else if (*s == '\r')
            fputs("%0D", stdout);
        else if (*s == '\n')
            fputs("%0A", stdout);
        else if (prop && *s == ':')
            fputs("%3A", stdout);
        else if (prop && *s == ',')
            fputs("%2C", stdout);
        else
            putchar(*s);
    }
}

static void S_github(const char *file, const bp_finding *f)
{
    static const char *const cmd[] = { "notice", "warning", "error" };
    printf("::%s file=", cmd[f->level]);
    S_gh_escape(file, true);
    if (f->line)
        printf(",line=%llu", (unsigned long long)f->line);
    if (f->col)
        printf(",col=%llu", (unsigned long long)f->col);
    printf(",title=berpa %s::", bp_check_code_name(f->code));
    S_gh_escape(f->msg, false);
    putchar('\n');
}

static void S_json_file(const char *file, const bp_check_result *r, bool quiet)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "file", json_object_new_string(file));
    json_object_object_add(o, "lines", json_object_new_int64((int64_t)r->lines));
    json_object_object_add(o, "paragraphs", json_object_new_int64((int64_t)r->paragraphs));
    json_object_object_add(o, "pages", json_object_new_int64((int64_t)r->pages));
    json_object_object_add(o, "words_checked", json_object_new_int64((int64_t)r->words_checked));
    json_object_object_add(o, "words_accepted", json_object_new_int64((int64_t)r->words_ok));
    json_object_object_add(o, "acceptance", json_object_new_double(bp_check_acceptance(r)));
    json_object *pa = json_object_new_array();
    for (size_t i = 0; i < r->pages; i++)
        json_object_array_add(pa, r->page_acc[i] < 0 ? NULL : json_object_new_double(r->page_acc[i]));
    json_object_object_add(o, "page_acceptance", pa);
    json_object_object_add(o, "errors", json_object_new_int64((int64_t)r->count[BP_CK_ERROR]));
    json_object_object_add(o, "warnings", json_object_new_int64((int64_t)r->count[BP_CK_WARNING]));
    json_object_object_add(o, "notes", json_object_new_int64((int64_t)r->count[BP_CK_NOTE]));
    json_object *fa = json_object_new_array();
    for (size_t i = 0; i < r->n; i++) {
        const bp_finding *f = &r->f[i];
        if (quiet && f->level == BP_CK_NOTE)
            continue;
        json_object *j = json_object_new_object();
        json_object_object_add(j, "line", json_object_new_int64((int64_t)f->line));
        json_object_object_add(j, "col", json_object_new_int64((int64_t)f->col));
        json_object_object_add(j, "level", json_object_new_string(bp_check_level_name(f->level)));
        json_object_object_add(j, "code", json_object_new_string(bp_check_code_name(f->code)));
        json_object_object_add(j, "message", json_object_new_string(f->msg));
        json_object_array_add(fa, j);
    }
    json_object_object_add(o, "findings", fa);
    puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(o);
}

/* JUnit: one testcase per file, failed when it has warnings or errors. */
typedef struct S_junit {
    xmlBufferPtr buf;
    xmlTextWriterPtr w;
} S_junit;

static void S_junit_file(S_junit *j, const char *file, const bp_check_result *r, bool quiet)
{
    xmlTextWriterStartElement(j->w, BAD_CAST "testcase");
    xmlTextWriterWriteAttribute(j->w, BAD_CAST "classname", BAD_CAST "berpa.check");
    xmlTextWriterWriteAttribute(j->w, BAD_CAST "name", BAD_CAST file);
    int worst = bp_check_worst(r);
    size_t cap = 4096, n = 0;
    char *text = malloc(cap);
    for (size_t i = 0; text && i < r->n; i++) {
        const bp_finding *f = &r->f[i];
        if (quiet && f->level == BP_CK_NOTE)
            continue;
        char line[700];
        int k = snprintf(line, sizeof line, "%s:%llu:%llu: %s: %s [%s]\n", file,
                         (unsigned long long)f->line, (unsigned long long)f->col,
                         bp_check_level_name(f->level), f->msg, bp_check_code_name(f->code));
        if (k < 0)
            continue;
        if ((size_t)k >= sizeof line)
            k = sizeof line - 1;
        if (n + (size_t)k + 1 > cap) {
            char *t = realloc(text, cap = 2 * cap + (size_t)k);
            if (!t) {
                free(text);
                text = NULL;
                break;
            }
            text = t;
        }
        memcpy(text + n, line, (size_t)k);
        n += (size_t)k;
    }
    if (text)
        text[n] = '\0';
    if (worst >= BP_CK_WARNING) {
        char msg[128];
        snprintf(msg, sizeof msg, "%llu errors, %llu warnings", (unsigned long long)r->count[BP_CK_ERROR],
                 (unsigned long long)r->count[BP_CK_WARNING]);
        xmlTextWriterStartElement(j->w, BAD_CAST "failure");
        xmlTextWriterWriteAttribute(j->w, BAD_CAST "message", BAD_CAST msg);
        xmlTextWriterWriteAttribute(j->w, BAD_CAST "type", BAD_CAST bp_check_level_name(worst));
        xmlTextWriterWriteString(j->w, BAD_CAST(text ? text : ""));
        xmlTextWriterEndElement(j->w);
    } else if (text && n) {
        xmlTextWriterWriteElement(j->w, BAD_CAST "system-out", BAD_CAST text);
    }
    free(text);
    xmlTextWriterEndElement(j->w);
}

/* ---- the command ------------------------------------------------------------------- */
BERPA_API int berpa_cli_check(int argc, char **argv)
{
    static const struct option longs[] = {
        { "format", required_argument, NULL, 'f' }, { "config", required_argument, NULL, 'c' },
        { "no-config", no_argument, NULL, 'C' },     { "level", required_argument, NULL, 'l' },
        { "set", required_argument, NULL, 's' },     { "dict", required_argument, NULL, 'd' },
        { "no-dict", no_argument, NULL, 'D' },       { "ext", required_argument, NULL, 'e' },
        { "quiet", no_argument, NULL, 'q' },         { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int fmt = S_HUMAN;
    const char *config = NULL, *dict = NULL, *ext = "txt";
    bool no_config = false, quiet = false;
    S_list sets = { 0 }, levels = { 0 };
    int c, code = S_OK;
    optind = 1;
    while (code == S_OK && (c = getopt_long(argc, argv, "f:qh", longs, NULL)) != -1) {
        switch (c) {
        case 'f':
            fmt = !strcmp(optarg, "human") ? S_HUMAN : !strcmp(optarg, "json") ? S_JSON
                : !strcmp(optarg, "junit") ? S_JUNIT : !strcmp(optarg, "github") ? S_GITHUB : -1;
            if (fmt < 0) {
                fprintf(stderr, "berpa: check: unknown format '%s' (human, json, junit, github)\n", optarg);
                code = S_USAGE;
            }
            break;
        case 'c': config = optarg; break;
        case 'C': no_config = true; break;
        case 'l': code = S_list_add(&levels, optarg) ? S_OK : S_NOMEM; break;
        case 's': code = S_list_add(&sets, optarg) ? S_OK : S_NOMEM; break;
        case 'd': dict = optarg; break;
        case 'D': dict = ""; break;
        case 'e': ext = optarg; break;
        case 'q': quiet = true; break;
        case 'h': fputs(S_usage, stdout); goto done;
        default: fputs(S_usage, stderr); code = S_USAGE; break;
        }
    }
    bp_check_conf conf;
    bp_check_conf_default(&conf);
    if (code == S_OK && !no_config && (config || access("berpa.toml", F_OK) == 0))
        code = S_config_load(&conf, config ? config : "berpa.toml");
    for (size_t i = 0; code == S_OK && i < levels.n + sets.n; i++) {
        bool lv = i < levels.n;
        char *kv = lv ? levels.v[i] : sets.v[i - levels.n], *eq = strchr(kv, '='), err[256];
        if (!eq) {
            fprintf(stderr, "berpa: check: --%s needs KEY=VALUE, not '%s'\n", lv ? "level" : "set", kv);
            code = S_USAGE;
            break;
        }
        *eq = '\0';
        if (bp_check_conf_set(&conf, lv ? "levels" : "thresholds", kv, eq + 1, err, sizeof err) != 0) {
            fprintf(stderr, "berpa: check: %s\n", err);
            code = S_USAGE;
        }
    }
    if (code != S_OK)
        goto done;

    S_list files = { 0 };
    for (int i = optind; i < argc && code != S_NOMEM; i++) {
        struct stat sb;
        if (strcmp(argv[i], "-") != 0 && stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
            size_t before = files.n;
            int wc = S_walk(argv[i], ext, &files);
            /* a gate over an empty (or misnamed) corpus must not pass */
            if (wc == S_OK && files.n == before) {
                fprintf(stderr, "berpa: %s: error: no *.%s file in this directory or below "
                        "(--ext names another) [no-input]\n", argv[i], ext);
                wc = S_ERRORS;
            }
            code = S_worse(code, wc);
        } else if (!S_list_add(&files, argv[i]))
            code = S_NOMEM;
    }
    if (optind == argc && !S_list_add(&files, "-"))
        code = S_NOMEM;

    bp_diagctx dc = { .fn = bp_diag_print, .file = "dictionary" };
    berpa_status st = BERPA_OK;
    bp_lexicon *lx = code == S_NOMEM ? NULL : bp_lexicon_open(dict, "", &dc, &st);
    bp_checker *ck = lx ? bp_checker_new(&conf, lx) : NULL;
    if (!ck) {
        code = st == BERPA_E_DICT ? S_DICT : S_NOMEM;
        if (code == S_NOMEM)
            fprintf(stderr, "berpa: check: out of memory\n");
        goto free_files;
    }
    S_junit junit = { 0 };
    if (fmt == S_JUNIT) {
        junit.buf = xmlBufferCreate();
        junit.w = junit.buf ? xmlNewTextWriterMemory(junit.buf, 0) : NULL;
        if (!junit.w) {
            code = S_NOMEM;
            goto free_all;
        }
        xmlTextWriterSetIndent(junit.w, 1);
        xmlTextWriterStartDocument(junit.w, NULL, "UTF-8", NULL);
        xmlTextWriterStartElement(junit.w, BAD_CAST "testsuites");
        xmlTextWriterStartElement(junit.w, BAD_CAST "testsuite");
        xmlTextWriterWriteAttribute(junit.w, BAD_CAST "name", BAD_CAST "berpa check");
    }
    uint64_t tot[3] = { 0 }, words = 0, ok = 0, nfiles = 0, failed = 0, unreadable = 0;
    for (size_t i = 0; i < files.n && code != S_NOMEM; i++) {
        const char *name = S_name(files.v[i]);
        size_t len;
        char *buf = bp_slurp(files.v[i], &len);
        if (!buf) {
            fprintf(stderr, "berpa: %s: error: %s [unreadable]\n", name, strerror(errno));
            code = S_worse(code, errno == ENOMEM ? S_NOMEM : S_ERRORS);
            unreadable++;
            if (fmt == S_JUNIT) {
                xmlTextWriterStartElement(junit.w, BAD_CAST "testcase");
                xmlTextWriterWriteAttribute(junit.w, BAD_CAST "classname", BAD_CAST "berpa.check");
                xmlTextWriterWriteAttribute(junit.w, BAD_CAST "name", BAD_CAST name);
                xmlTextWriterWriteElement(junit.w, BAD_CAST "error", BAD_CAST strerror(errno));
                xmlTextWriterEndElement(junit.w);
            }
            continue;
        }
        bp_check_result r;
        st = bp_check_text(ck, buf, len, &r);
        free(buf);
        /* Hunspell, created on the first word that needed it, may have failed */
        if (st == BERPA_OK && (st = bp_lexicon_status(lx, &dc)) != BERPA_OK) {
            bp_check_result_free(&r);
            code = st == BERPA_E_DICT ? S_DICT : S_NOMEM;
            break;
        }
        if (st != BERPA_OK) {
            fprintf(stderr, "berpa: %s: error: out of memory\n", name);
            bp_check_result_free(&r);
            code = S_NOMEM;
            break;
        }
        nfiles++;
        for (int l = 0; l < 3; l++)
            tot[l] += r.count[l];
        words += r.words_checked;
        ok += r.words_ok;
        int worst = bp_check_worst(&r);
        failed += worst >= BP_CK_WARNING;
        code = S_worse(code, worst == BP_CK_ERROR ? S_ERRORS : worst == BP_CK_WARNING ? S_WARNINGS : S_OK);
        if (fmt == S_JSON)
            S_json_file(name, &r, quiet);
        else if (fmt == S_JUNIT)
            S_junit_file(&junit, name, &r, quiet);
        else {
            for (size_t k = 0; k < r.n; k++)
                if (!quiet || r.f[k].level != BP_CK_NOTE)
                    (fmt == S_GITHUB ? S_github : S_human)(name, &r.f[k]);
            if (fmt == S_HUMAN && !quiet)
                printf("%s: %llu words judged, %.1f%% accepted; %llu errors, %llu warnings, %llu notes\n",
                       name, (unsigned long long)r.words_checked, 100 * bp_check_acceptance(&r),
                       (unsigned long long)r.count[2], (unsigned long long)r.count[1],
                       (unsigned long long)r.count[0]);
        }
        bp_check_result_free(&r);
    }
    double acc = words ? (double)ok / (double)words : 1.0;
    if (fmt == S_JSON) {
        printf("{\"total\":true,\"files\":%llu,\"unreadable\":%llu,\"words_checked\":%llu,"
               "\"words_accepted\":%llu,\"acceptance\":%.5f,\"errors\":%llu,\"warnings\":%llu,"
               "\"notes\":%llu}\n",
               (unsigned long long)nfiles, (unsigned long long)unreadable, (unsigned long long)words,
               (unsigned long long)ok, acc, (unsigned long long)tot[2], (unsigned long long)tot[1],
               (unsigned long long)tot[0]);
    } else if (fmt == S_JUNIT) {
        xmlTextWriterEndDocument(junit.w); /* closes testsuite and testsuites */
        xmlFreeTextWriter(junit.w);
        junit.w = NULL;
        /* the counts go on testsuite: patched in as the writer streams */
        const char *x = (const char *)xmlBufferContent(junit.buf);
        const char *at = strstr(x, "<testsuite name=\"berpa check\"");
        if (at) {
            at += strlen("<testsuite name=\"berpa check\"");
            fwrite(x, 1, (size_t)(at - x), stdout);
            printf(" tests=\"%llu\" failures=\"%llu\" errors=\"%llu\"", (unsigned long long)(nfiles + unreadable),
                   (unsigned long long)failed, (unsigned long long)unreadable);
            fputs(at, stdout);
        }
    } else if (!quiet || fmt == S_GITHUB) {
        printf("total: %llu files, %llu words judged, %.1f%% accepted; %llu errors, %llu warnings, "
               "%llu notes\n",
               (unsigned long long)nfiles, (unsigned long long)words, 100 * acc,
               (unsigned long long)tot[2], (unsigned long long)tot[1], (unsigned long long)tot[0]);
    }
free_all:
    /* findings that never reached their reader are no clean result: a full
     * disk or a closed pipe is an output error (3), as for berpa itself */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno != EPIPE)
            fprintf(stderr, "berpa: check: standard output: %s\n", strerror(errno ? errno : EIO));
        code = S_IO;
    }
    if (junit.w)
        xmlFreeTextWriter(junit.w);
    if (junit.buf)
        xmlBufferFree(junit.buf);
    bp_checker_free(ck);
free_files:
    bp_lexicon_free(lx);
    for (size_t i = 0; i < files.n; i++)
        free(files.v[i]);
    free(files.v);
done:
    for (size_t i = 0; i < sets.n; i++)
        free(sets.v[i]);
    free(sets.v);
    for (size_t i = 0; i < levels.n; i++)
        free(levels.v[i]);
    free(levels.v);
    return code;
}
