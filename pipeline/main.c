/*
 * main.c: the berpa command.  Only the command line lives here: options,
 * opening inputs and outputs, atomic output files, diagnostics on stderr
 * and the named exit codes.  Everything about text is libberpa (berpa.h).
 */
#define _POSIX_C_SOURCE 200809L

#include "berpa.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* Exit codes: documented in --help, berpa(1) and README.md.  The worst one
 * seen over all inputs is the exit status (they are ordered so). */
enum {
    EXIT_OK = 0,      /* every input processed                                 */
    EXIT_INPUT = 1,   /* an input had errors, was unreadable, or -W and warnings */
    EXIT_USAGE = 2,   /* bad option or argument                                */
    EXIT_IO = 3,      /* an output could not be written                        */
    EXIT_NOMEM = 4,   /* out of memory                                         */
    EXIT_DICT = 5     /* the dictionary could not be loaded                    */
};

#define S_CHUNK (64u * 1024u)
#define S_NFORMATS 3

static const char *const S_fmt_names[S_NFORMATS] = { "text", "tei", "report" };
static const char *const S_fmt_ext[S_NFORMATS] = { ".txt", ".xml", ".json" };

/* ---- temp files removed on SIGINT/SIGTERM --------------------------------------- */
/* At most one temp per format for the shared outputs and one per format for
 * the current -O input. */
#define S_MAX_TEMPS (2 * S_NFORMATS)
static char *volatile S_temps[S_MAX_TEMPS];

static void S_on_signal(int sig)
{
    for (size_t i = 0; i < S_MAX_TEMPS; i++)
        if (S_temps[i])
            unlink(S_temps[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void S_temp_register(char *path, bool on)
{
    for (size_t i = 0; i < S_MAX_TEMPS; i++) {
        if (on && !S_temps[i]) {
            S_temps[i] = path;
            return;
        }
        if (!on && S_temps[i] == path) {
            S_temps[i] = NULL;
            return;
        }
    }
}

/* ---- outputs -------------------------------------------------------------------- */
/* One destination: stdout, or a file written to a temp beside it and renamed
 * over it on success, or (a device, a FIFO) written in place. */
typedef struct S_out {
    const char *label;   /* for messages: the path or "stdout"              */
    char *target;        /* path to rename onto; NULL: written in place     */
    char *tmp;           /* the temp file while open                        */
    FILE *fp;
    bool is_stdout;
    int err;             /* errno of the first write failure, 0 if none     */
} S_out;

static int S_out_write(void *user, const char *buf, size_t len)
{
    S_out *o = user;
    if (o->err)
        return -1;
    errno = 0;
    if (len && fwrite(buf, 1, len, o->fp) != len) {
        o->err = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

/* Reports a failed output once: a closed pipe on stdout stays quiet. */
static void S_out_report(const S_out *o)
{
    if (o->is_stdout && o->err == EPIPE)
        return;
    fprintf(stderr, "berpa: %s: %s\n", o->label, strerror(o->err));
}

/* Opens path for writing.  A regular or absent file gets a temp beside it
 * (same directory, so rename is atomic); anything else (/dev/null, a FIFO)
 * is opened in place.  Returns 0 or an errno value. */
static int S_out_open(S_out *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->label = path;
    if (strcmp(path, "-") == 0) {
        o->fp = stdout;
        o->is_stdout = true;
        o->label = "stdout";
        return 0;
    }
    struct stat st;
    bool exists = stat(path, &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        o->fp = fopen(path, "w");
        return o->fp ? 0 : errno;
    }
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dirlen;
    size_t need = dirlen + 1 + strlen(base) + sizeof ".XXXXXX";
    if (!(o->tmp = malloc(need)) || !(o->target = strdup(path))) {
        free(o->tmp);
        o->tmp = NULL;
        return ENOMEM;
    }
    snprintf(o->tmp, need, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        free(o->tmp);
        free(o->target);
        o->tmp = o->target = NULL;
        return e;
    }
    S_temp_register(o->tmp, true);
    /* mkstemp makes 0600; give the file the mode a plain create would have,
     * or the mode of the file it replaces. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, exists ? (st.st_mode & 07777) : (0666 & ~mask));
    if (!(o->fp = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        unlink(o->tmp);
        S_temp_register(o->tmp, false);
        free(o->tmp);
        free(o->target);
        o->tmp = o->target = NULL;
        return e;
    }
    return 0;
}

/* Flushes; errors are recorded in o->err.  Returns true when all is well. */
static bool S_out_flush(S_out *o)
{
    errno = 0;
    if (!o->err && fflush(o->fp) != 0)
        o->err = errno ? errno : EIO;
    return !o->err;
}

/* Makes a rename durable: syncs the directory holding path.  Best effort:
 * the data itself was synced before the rename. */
static void S_sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char dir[4096];
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if ((size_t)(slash - path) < sizeof dir)
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    else
        return;
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* Ends an output.  keep: the run succeeded, so make the file visible;
 * otherwise the temp is removed and any existing target stays as it was.
 * stdout is only flushed (it is checked once more at exit).  Returns false
 * on a write error (recorded in o->err). */
static bool S_out_close(S_out *o, bool keep)
{
    if (!o->fp)
        return true;
    S_out_flush(o);
    if (o->is_stdout) {
        o->fp = NULL;
        return !o->err;
    }
    if (!o->err && keep && o->tmp && fsync(fileno(o->fp)) != 0)
        o->err = errno;
    errno = 0;
    if (fclose(o->fp) != 0 && !o->err)
        o->err = errno ? errno : EIO;
    o->fp = NULL;
    if (o->tmp) {
        if (!o->err && keep) {
            if (rename(o->tmp, o->target) != 0)
                o->err = errno;
            else
                S_sync_dir(o->target);
        }
        if (o->err || !keep)
            unlink(o->tmp);
        S_temp_register(o->tmp, false);
        free(o->tmp);
        free(o->target);
        o->tmp = o->target = NULL;
    }
    return !o->err;
}

/* ---- the command ----------------------------------------------------------------- */
typedef struct S_opts {
    unsigned formats;              /* bit per berpa_format selected by -f   */
    const char *output;            /* -o                                    */
    const char *extra[S_NFORMATS]; /* --text-out, --tei-out, --report-out   */
    const char *outdir;            /* -O                                    */
    const char *dict, *freq, *title;
    bool no_dict, replace, quiet, werror, version, no_correct;
    double threshold;              /* --correct-threshold, 0: the default   */
    size_t window;
} S_opts;

typedef struct S_ctx {
    const S_opts *o;
    uint64_t warnings;   /* warnings seen for the current input (and session) */
    uint64_t errors;
    bool failed;         /* the current input failed (not just -W warnings)   */
} S_ctx;

static void S_on_diag(const berpa_diag *d, void *user)
{
    S_ctx *c = user;
    if (d->level == BERPA_WARNING)
        c->warnings++;
    else if (d->level == BERPA_ERROR)
        c->errors++;
    if (c->o->quiet && d->level != BERPA_ERROR)
        return;
    char buf[1024];
    size_t n = berpa_diag_format(d, buf, sizeof buf);
    if (n < sizeof buf) {
        fprintf(stderr, "berpa: %s\n", buf);
        return;
    }
    char *big = malloc(n + 1);
    if (big)
        berpa_diag_format(d, big, n + 1);
    fprintf(stderr, "berpa: %s\n", big ? big : buf);
    free(big);
}

static void S_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void S_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("berpa: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'berpa --help' for more information.\n", stderr);
}

static void S_help(void)
{
    fputs(
"Usage: berpa [OPTIONS] [FILE...]\n"
"Restore Azerbaijani text from OCR or PDF extraction: join syllable hyphens,\n"
"keep real ones, drop running heads and page numbers, rebuild paragraphs.\n"
"Each FILE is one document; with no FILE, or when FILE is -, read stdin.\n"
"\n"
"Output:\n"
"  -f, --format FMT      text (default), tei or report; with -O a comma list\n"
"      --text, --tei, --report   the same as -f text, -f tei, -f report\n"
"  -o, --output FILE     write the output to FILE (default: stdout)\n"
"      --text-out FILE   also write clean text to FILE, in the same pass\n"
"      --tei-out FILE    also write TEI XML to FILE (one input only)\n"
"      --report-out FILE also write the JSON report to FILE\n"
"  -O, --output-dir DIR  batch: write DIR/NAME.txt, .xml, .json per input\n"
"                        for the selected formats (NAME: the input's name\n"
"                        without directory and extension)\n"
"Output files are replaced atomically and only when every input succeeded;\n"
"with -O each input's files are replaced when that input succeeded.\n"
"\n"
"Processing:\n"
"      --replace-invalid replace invalid UTF-8 by U+FFFD with a warning\n"
"                        (default: stop at it with an error)\n"
"      --dict PATH       Hunspell dictionary, path without .dic/.aff\n"
"      --no-dict         run without a dictionary\n"
"      --freq PATH       word frequency table (word TAB count per line)\n"
"      --title TEXT      title for the TEI header (default: the file name)\n"
"      --window BYTES    analysis window (default 1M, at least 64K;\n"
"                        suffixes K, M, G); memory is a few times this\n"
"      --no-correct      do not correct OCR misreadings\n"
"      --correct-threshold P  apply a correction only when its confidence\n"
"                        is at least P (0 < P <= 1, default 0.5); less sure\n"
"                        ones are notes (ocr-unsure) and report counts\n"
"\n"
"Messages:\n"
"  -q, --quiet           no notes or warnings (errors are still shown)\n"
"  -W, --werror          warnings make the exit status 1\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and the dictionary in use\n"
"\n"
"Diagnostics go to stderr as  berpa: FILE:LINE:COL: LEVEL: MESSAGE\n"
"\n"
"Exit status:\n"
"  0  success\n"
"  1  an input had errors (invalid UTF-8 without --replace-invalid,\n"
"     unreadable file), or warnings with -W\n"
"  2  usage error\n"
"  3  an output could not be written (full disk, closed pipe)\n"
"  4  out of memory\n"
"  5  the dictionary could not be loaded\n"
"With several inputs berpa goes on after an input error and exits with the\n"
"worst status.\n"
"\n"
"Examples:\n"
"  tesseract page.tif - -l aze | berpa --tei > page.xml\n"
"  berpa -O out/ --format text,tei scans/*.txt\n"
"  berpa -q --report-out report.jsonl -o clean.txt book.txt\n",
        stdout);
}

/* Parses a byte count with an optional K, M or G suffix (powers of 1024). */
static bool S_parse_size(const char *s, size_t *out)
{
    if (!*s || *s == '-' || *s == '+')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return false;
    unsigned shift = 0;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: return false;
    }
    if ((*end == 'B' || *end == 'b') && shift)
        end++;
    if (*end || v > (unsigned long long)SIZE_MAX >> shift)
        return false;
    *out = (size_t)(v << shift);
    return true;
}

/* Adds the formats of a comma list ("text,tei") to *set. */
static bool S_parse_formats(const char *s, unsigned *set)
{
    while (*s) {
        size_t n = strcspn(s, ",");
        int f = -1;
        for (int i = 0; i < S_NFORMATS; i++)
            if (strlen(S_fmt_names[i]) == n && strncmp(s, S_fmt_names[i], n) == 0)
                f = i;
        if (f < 0)
            return false;
        *set |= 1u << f;
        s += n;
        if (*s == ',' && *++s == '\0')
            return false;
    }
    return true;
}

/* Returns EXIT_OK or EXIT_USAGE (a message was printed). */
static int S_parse(int argc, char **argv, S_opts *o)
{
    enum { O_TEXT = 256, O_TEI, O_REPORT, O_TEXT_OUT, O_TEI_OUT, O_REPORT_OUT,
           O_REPLACE, O_DICT, O_NO_DICT, O_FREQ, O_TITLE, O_WINDOW, O_NO_CORRECT,
           O_THRESHOLD };
    static const struct option longs[] = {
        { "format", required_argument, NULL, 'f' },
        { "text", no_argument, NULL, O_TEXT },
        { "tei", no_argument, NULL, O_TEI },
        { "report", no_argument, NULL, O_REPORT },
        { "output", required_argument, NULL, 'o' },
        { "text-out", required_argument, NULL, O_TEXT_OUT },
        { "tei-out", required_argument, NULL, O_TEI_OUT },
        { "report-out", required_argument, NULL, O_REPORT_OUT },
        { "output-dir", required_argument, NULL, 'O' },
        { "replace-invalid", no_argument, NULL, O_REPLACE },
        { "dict", required_argument, NULL, O_DICT },
        { "no-dict", no_argument, NULL, O_NO_DICT },
        { "freq", required_argument, NULL, O_FREQ },
        { "title", required_argument, NULL, O_TITLE },
        { "window", required_argument, NULL, O_WINDOW },
        { "no-correct", no_argument, NULL, O_NO_CORRECT },
        { "correct-threshold", required_argument, NULL, O_THRESHOLD },
        { "quiet", no_argument, NULL, 'q' },
        { "werror", no_argument, NULL, 'W' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":f:o:O:qWhV", longs, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!S_parse_formats(optarg, &o->formats)) {
                S_usage_error("unknown format '%s' (text, tei or report)", optarg);
                return EXIT_USAGE;
            }
            break;
        case O_TEXT: o->formats |= 1u << BERPA_FORMAT_TEXT; break;
        case O_TEI: o->formats |= 1u << BERPA_FORMAT_TEI; break;
        case O_REPORT: o->formats |= 1u << BERPA_FORMAT_REPORT; break;
        case 'o': o->output = optarg; break;
        case O_TEXT_OUT: o->extra[BERPA_FORMAT_TEXT] = optarg; break;
        case O_TEI_OUT: o->extra[BERPA_FORMAT_TEI] = optarg; break;
        case O_REPORT_OUT: o->extra[BERPA_FORMAT_REPORT] = optarg; break;
        case 'O': o->outdir = optarg; break;
        case O_REPLACE: o->replace = true; break;
        case O_DICT: o->dict = optarg; o->no_dict = false; break;
        case O_NO_DICT: o->no_dict = true; o->dict = NULL; break;
        case O_FREQ: o->freq = optarg; break;
        case O_TITLE: o->title = optarg; break;
        case O_WINDOW:
            if (!S_parse_size(optarg, &o->window) || o->window < 64u * 1024u) {
                S_usage_error("--window: '%s' is not a size of at least 64K", optarg);
                return EXIT_USAGE;
            }
            break;
        case O_NO_CORRECT: o->no_correct = true; break;
        case O_THRESHOLD: {
            char *end;
            o->threshold = strtod(optarg, &end);
            if (*end || end == optarg || !(o->threshold > 0.0 && o->threshold <= 1.0)) {
                S_usage_error("--correct-threshold: '%s' is not a number in (0, 1]", optarg);
                return EXIT_USAGE;
            }
            break;
        }
        case 'q': o->quiet = true; break;
        case 'W': o->werror = true; break;
        case 'h': S_help(); return -1;
        case 'V': o->version = true; break;
        case ':':
            S_usage_error("option '%s' needs an argument", argv[optind - 1]);
            return EXIT_USAGE;
        default:
            S_usage_error("unknown option '%s'", argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    return EXIT_OK;
}

/* Checks the combinations of outputs.  Returns EXIT_OK or EXIT_USAGE. */
static int S_check(S_opts *o, int ninputs)
{
    if (!o->formats)
        o->formats = 1u << BERPA_FORMAT_TEXT;
    bool several = (o->formats & (o->formats - 1)) != 0;
    if (o->outdir) {
        if (o->output) {
            S_usage_error("%s", "-o and -O cannot be combined");
            return EXIT_USAGE;
        }
        for (int f = 0; f < S_NFORMATS; f++)
            if (o->extra[f]) {
                S_usage_error("--%s-out cannot be combined with -O (use -f with a list)",
                              S_fmt_names[f]);
                return EXIT_USAGE;
            }
        return EXIT_OK;
    }
    if (several) {
        S_usage_error("%s", "one stream takes one format: use --text-out, --tei-out, "
                      "--report-out or -O for more");
        return EXIT_USAGE;
    }
    for (int f = 0; f < S_NFORMATS; f++)
        if (o->extra[f] && o->formats == 1u << f) {
            S_usage_error("--%s-out repeats the main format: use -o for it", S_fmt_names[f]);
            return EXIT_USAGE;
        }
    /* Two outputs to one path (or two to stdout) would interleave. */
    const char *paths[S_NFORMATS + 1];
    size_t n = 0;
    paths[n++] = o->output ? o->output : "-";
    for (int f = 0; f < S_NFORMATS; f++)
        if (o->extra[f])
            paths[n++] = o->extra[f];
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(paths[i], paths[j]) == 0) {
                S_usage_error("two outputs go to '%s'", paths[i]);
                return EXIT_USAGE;
            }
    return EXIT_OK;
}

static int S_exit_of(berpa_status st)
{
    switch (st) {
    case BERPA_OK: return EXIT_OK;
    case BERPA_E_INPUT: return EXIT_INPUT;
    case BERPA_E_USAGE: return EXIT_USAGE;
    case BERPA_E_IO: return EXIT_IO;
    case BERPA_E_NOMEM: return EXIT_NOMEM;
    case BERPA_E_DICT: return EXIT_DICT;
    case BERPA_E_STATE: break;
    }
    return EXIT_IO;
}

/* The output name for -O: the input's base name without its extension. */
static char *S_batch_path(const char *dir, const char *input, int fmt)
{
    const char *base = strcmp(input, "-") == 0 ? "stdin" : input;
    const char *slash = strrchr(base, '/');
    if (slash)
        base = slash + 1;
    size_t blen = strlen(base);
    const char *dot = strrchr(base, '.');
    if (dot && dot != base)
        blen = (size_t)(dot - base);
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    size_t need = dlen + 1 + blen + strlen(S_fmt_ext[fmt]) + 1;
    char *p = malloc(need);
    if (p)
        snprintf(p, need, "%.*s/%.*s%s", (int)dlen, dir, (int)blen, base, S_fmt_ext[fmt]);
    return p;
}

/* Is the output path the input file itself?  Replacing it would destroy
 * the input the moment the run succeeded. */
static bool S_same_file(const char *out, const struct stat *in)
{
    struct stat st;
    return in && stat(out, &st) == 0 && st.st_dev == in->st_dev && st.st_ino == in->st_ino;
}

/* Reads one input through a run with the given outputs.  Returns the exit
 * code for this input. */
static int S_run_one(berpa_session *s, S_ctx *cx, const char *name, int fd,
                     S_out **outs, const int *fmts, size_t nouts)
{
    static char buf[S_CHUNK];
    berpa_run *r = berpa_run_new(s, name);
    if (!r) {
        fprintf(stderr, "berpa: %s: out of memory\n", name);
        return EXIT_NOMEM;
    }
    berpa_status st = BERPA_OK;
    for (size_t i = 0; i < nouts && st == BERPA_OK; i++)
        st = berpa_run_add_output(r, (berpa_format)fmts[i], S_out_write, outs[i]);
    int code = EXIT_OK;
    while (st == BERPA_OK) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fprintf(stderr, "berpa: %s: %s\n", strcmp(name, "-") ? name : "stdin",
                    strerror(errno));
            code = EXIT_INPUT;
            break;
        }
        if (n == 0) {
            st = berpa_run_finish(r);
            break;
        }
        st = berpa_run_feed(r, buf, (size_t)n);
    }
    berpa_run_free(r);
    if (st == BERPA_E_IO) {
        for (size_t i = 0; i < nouts; i++)
            if (outs[i]->err)
                S_out_report(outs[i]);
    } else if (st == BERPA_E_NOMEM) {
        fprintf(stderr, "berpa: %s: out of memory\n", name);
    }
    if (st != BERPA_OK)
        code = S_exit_of(st);
    cx->failed = code != EXIT_OK || cx->errors;
    /* Flush now so that a full disk is seen for this input, and so that a
     * pipeline reader sees each document as soon as it is done. */
    for (size_t i = 0; i < nouts && code != EXIT_IO; i++)
        if (!S_out_flush(outs[i])) {
            S_out_report(outs[i]);
            code = EXIT_IO;
        }
    if (code == EXIT_OK && (cx->errors || (cx->o->werror && cx->warnings)))
        code = EXIT_INPUT;
    return code;
}

/* Opens an output path, printing why it failed.  Returns an exit code. */
static int S_open_or_report(S_out *o, const char *path)
{
    int e = S_out_open(o, path);
    if (!e)
        return EXIT_OK;
    fprintf(stderr, "berpa: %s: %s\n", path, strerror(e));
    return e == ENOMEM ? EXIT_NOMEM : EXIT_IO;
}

/* -O: one set of files per input.  Returns this input's exit code. */
static int S_batch_one(berpa_session *s, S_ctx *cx, const char *name, int fd,
                       const struct stat *in)
{
    const S_opts *o = cx->o;
    S_out store[S_NFORMATS], *outs[S_NFORMATS];
    char *paths[S_NFORMATS];
    int fmts[S_NFORMATS];
    size_t n = 0;
    int code = EXIT_OK;
    for (int f = 0; f < S_NFORMATS && code == EXIT_OK; f++) {
        if (!(o->formats & (1u << f)))
            continue;
        char *path = S_batch_path(o->outdir, name, f);
        if (!path) {
            fprintf(stderr, "berpa: %s: out of memory\n", name);
            code = EXIT_NOMEM;
        } else if (S_same_file(path, in)) {
            fprintf(stderr, "berpa: %s: the output would replace the input\n", path);
            code = EXIT_INPUT;
        } else if ((code = S_open_or_report(&store[n], path)) == EXIT_OK) {
            outs[n] = &store[n];
            paths[n] = path;
            fmts[n++] = f;
            continue;
        }
        free(path);
    }
    if (code == EXIT_OK)
        code = S_run_one(s, cx, name, fd, outs, fmts, n);
    else
        cx->failed = true;
    for (size_t i = 0; i < n; i++) {
        if (!S_out_close(&store[i], !cx->failed) && code != EXIT_IO) {
            S_out_report(&store[i]);
            code = EXIT_IO;
        }
        free(paths[i]);
    }
    return code;
}

static int S_max(int a, int b) { return a > b ? a : b; }

static int S_main(int argc, char **argv)
{
    S_opts o = { 0 };
    int code = S_parse(argc, argv, &o);
    if (code < 0)
        return EXIT_OK;
    if (code != EXIT_OK)
        return code;
    char *stdin_only[] = { (char *)"-" };
    char **inputs = optind < argc ? argv + optind : stdin_only;
    int ninputs = optind < argc ? argc - optind : 1;
    if (!o.version && (code = S_check(&o, ninputs)) != EXIT_OK)
        return code;

    S_ctx cx = { .o = &o };
    berpa_config *cfg = berpa_config_new();
    if (!cfg) {
        fputs("berpa: out of memory\n", stderr);
        return EXIT_NOMEM;
    }
    berpa_config_set_diag(cfg, S_on_diag, &cx);
    berpa_config_set_invalid(cfg, o.replace ? BERPA_INVALID_REPLACE : BERPA_INVALID_ERROR);
    berpa_status st = BERPA_OK;
    if (o.no_dict || o.dict)
        st = berpa_config_set_dictionary(cfg, o.no_dict ? "" : o.dict);
    if (st == BERPA_OK && o.freq)
        st = berpa_config_set_frequencies(cfg, o.freq);
    /* Several inputs in one TEI stream form a teiCorpus: --title names the
     * corpus, each member keeps its file name. */
    bool corpus = ninputs > 1 && !o.outdir &&
                  (o.formats == 1u << BERPA_FORMAT_TEI || o.extra[BERPA_FORMAT_TEI]);
    if (st == BERPA_OK && o.title && !corpus)
        st = berpa_config_set_title(cfg, o.title);
    if (st == BERPA_OK && o.window)
        st = berpa_config_set_window(cfg, o.window);
    berpa_config_set_correct(cfg, !o.no_correct);
    if (st == BERPA_OK && o.threshold > 0)
        st = berpa_config_set_correct_threshold(cfg, o.threshold);
    berpa_session *s = st == BERPA_OK ? berpa_session_new(cfg, &st) : NULL;
    berpa_config_free(cfg);
    if (!s) {
        if (st == BERPA_E_NOMEM)
            fputs("berpa: out of memory\n", stderr);
        return S_exit_of(st);
    }
    /* Warnings while loading (an unreadable frequency table) count for -W. */
    bool session_warned = cx.warnings > 0;
    if (o.version) {
        const char *dict = berpa_session_dictionary(s);
        printf("berpa %s\ndictionary: %s\n", berpa_version(), dict ? dict : "none");
        berpa_session_free(s);
        return EXIT_OK;
    }

    /* Shared outputs (-o and the --*-out files) take every input. */
    S_out shared[S_NFORMATS], *outs[S_NFORMATS];
    int fmts[S_NFORMATS];
    size_t nshared = 0;
    if (!o.outdir) {
        for (int f = 0; f < S_NFORMATS && code == EXIT_OK; f++) {
            const char *path = o.formats == 1u << f ? (o.output ? o.output : "-") : o.extra[f];
            if (!path)
                continue;
            if ((code = S_open_or_report(&shared[nshared], path)) == EXIT_OK) {
                outs[nshared] = &shared[nshared];
                fmts[nshared++] = f;
            }
        }
    }

    for (size_t k = 0; k < nshared && corpus && code == EXIT_OK; k++) {
        if (fmts[k] != BERPA_FORMAT_TEI)
            continue;
        fmts[k] = BERPA_FORMAT_TEI_MEMBER;
        if (berpa_tei_corpus_begin(S_out_write, outs[k], o.title) != BERPA_OK) {
            S_out_report(outs[k]);
            code = EXIT_IO;
        }
    }

    /* -O makes its directory (one level, like mkdir without -p). */
    if (o.outdir && mkdir(o.outdir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "berpa: %s: %s\n", o.outdir, strerror(errno));
        code = EXIT_IO;
    }
    int worst = code;
    bool spoiled = false;   /* an input failed: shared files stay untouched */
    for (int i = 0; i < ninputs && worst != EXIT_USAGE && worst < EXIT_IO; i++) {
        const char *name = inputs[i];
        int fd = strcmp(name, "-") == 0 ? STDIN_FILENO : open(name, O_RDONLY);
        struct stat in, *inp = NULL;
        if (fd < 0) {
            fprintf(stderr, "berpa: %s: %s\n", name, strerror(errno));
            worst = S_max(worst, EXIT_INPUT);
            spoiled = true;
            continue;
        }
        if (fd != STDIN_FILENO && fstat(fd, &in) == 0 && S_ISREG(in.st_mode))
            inp = &in;
        cx.warnings = cx.errors = 0;
        cx.failed = false;
        if (o.outdir) {
            code = S_batch_one(s, &cx, name, fd, inp);
        } else {
            code = EXIT_OK;
            for (size_t k = 0; k < nshared; k++)
                if (shared[k].target && S_same_file(shared[k].target, inp)) {
                    fprintf(stderr, "berpa: %s: the output would replace the input\n",
                            shared[k].target);
                    code = EXIT_USAGE;
                }
            if (code == EXIT_OK)
                code = S_run_one(s, &cx, name, fd, outs, fmts, nshared);
        }
        if (fd != STDIN_FILENO)
            close(fd);
        worst = S_max(worst, code);
        spoiled |= cx.failed || code == EXIT_USAGE;
    }
    for (size_t k = 0; k < nshared && worst < EXIT_IO; k++)
        if (fmts[k] == BERPA_FORMAT_TEI_MEMBER &&
            berpa_tei_corpus_end(S_out_write, outs[k]) != BERPA_OK) {
            S_out_report(outs[k]);
            worst = EXIT_IO;
        }
    if (o.werror && session_warned)
        worst = S_max(worst, EXIT_INPUT);
    /* Shared files are all-or-nothing: replaced only if no input failed
     * (warnings under -W change the exit status, not the output). */
    for (size_t k = 0; k < nshared; k++)
        if (!S_out_close(&shared[k], !spoiled && worst < EXIT_IO) && worst != EXIT_IO) {
            S_out_report(&shared[k]);
            worst = EXIT_IO;
        }
    berpa_session_free(s);
    return worst;
}

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = S_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    int code = S_main(argc, argv);
    /* stdout is checked last: `berpa > /dev/full` must not exit 0. */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        int e = errno ? errno : EIO;
        if (code < EXIT_IO) {
            if (e != EPIPE)
                fprintf(stderr, "berpa: stdout: %s\n", strerror(e));
            code = EXIT_IO;
        }
    }
    return code;
}
