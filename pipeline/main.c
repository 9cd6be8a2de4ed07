/*
 * main.c: the berpa command.  Only the command line lives here: options,
 * opening inputs and outputs, atomic output files, diagnostics on stderr
 * and the named exit codes.  Everything about text is libberpa (berpa.h).
 */
#define _POSIX_C_SOURCE 200809L

#include "berpa.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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
    bool no_dict, replace, quiet, werror, version;
    size_t window;
    const char *lang;              /* -l: tesseract languages               */
    unsigned clean;                /* --clean: BERPA_CLEAN_* steps           */
    unsigned jobs;                 /* -j: pages recognised at once           */
    bool document;                 /* --document: all inputs one document    */
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
"A FILE whose content is a page image (PNG, TIFF, JPEG, PNM, JPEG 2000,\n"
"WebP) is cleaned up and recognised with tesseract; a directory stands for\n"
"the page images in it, in natural order (page2 before page10).\n"
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
"\n"
"Page images:\n"
"      --document        all FILEs (text and images) are one document, in\n"
"                        natural order of their names\n"
"  -l, --lang LANGS      tesseract languages (default aze; aze+aze_cyrl)\n"
"  -j, --jobs N          recognise N pages at once (output is the same)\n"
"      --clean STEPS     clean-up before OCR, a comma list of grey, upscale,\n"
"                        deskew, normalise, binarise, sauvola, border, speck,\n"
"                        or none (default: all of them)\n"
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
"  berpa --document -j 2 --tei scans/book/ > book.xml\n"
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

/* The clean-up steps of a comma list ("deskew,binarise"; "none"). */
static bool S_parse_clean(const char *s, unsigned *set)
{
    static const struct { const char *name; unsigned bit; } steps[] = {
        { "grey", BERPA_CLEAN_GREY },         { "upscale", BERPA_CLEAN_UPSCALE },
        { "deskew", BERPA_CLEAN_DESKEW },     { "normalise", BERPA_CLEAN_NORMALISE },
        { "binarise", BERPA_CLEAN_BINARISE }, { "sauvola", BERPA_CLEAN_SAUVOLA },
        { "border", BERPA_CLEAN_BORDER },     { "speck", BERPA_CLEAN_SPECK },
        { "none", 0 },
    };
    *set = 0;
    while (*s) {
        size_t n = strcspn(s, ","), k = 0;
        while (k < sizeof steps / sizeof *steps &&
               !(strlen(steps[k].name) == n && strncmp(s, steps[k].name, n) == 0))
            k++;
        if (k == sizeof steps / sizeof *steps)
            return false;
        *set |= steps[k].bit;
        s += n;
        if (*s == ',' && *++s == '\0')
            return false;
    }
    /* Sauvola is a way of binarising */
    if (*set & BERPA_CLEAN_SAUVOLA)
        *set |= BERPA_CLEAN_BINARISE;
    *set += 1; /* 0 stays "not given" */
    return true;
}

/* Returns EXIT_OK or EXIT_USAGE (a message was printed). */
static int S_parse(int argc, char **argv, S_opts *o)
{
    enum { O_TEXT = 256, O_TEI, O_REPORT, O_TEXT_OUT, O_TEI_OUT, O_REPORT_OUT,
           O_REPLACE, O_DICT, O_NO_DICT, O_FREQ, O_TITLE, O_WINDOW, O_DOCUMENT, O_CLEAN };
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
        { "document", no_argument, NULL, O_DOCUMENT },
        { "lang", required_argument, NULL, 'l' },
        { "jobs", required_argument, NULL, 'j' },
        { "clean", required_argument, NULL, O_CLEAN },
        { "quiet", no_argument, NULL, 'q' },
        { "werror", no_argument, NULL, 'W' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":f:o:O:l:j:qWhV", longs, NULL)) != -1) {
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
        case O_DOCUMENT: o->document = true; break;
        case 'l':
            if (!*optarg) {
                S_usage_error("%s", "-l needs a tesseract language such as aze");
                return EXIT_USAGE;
            }
            o->lang = optarg;
            break;
        case 'j': {
            char *end;
            errno = 0;
            unsigned long v = strtoul(optarg, &end, 10);
            if (errno || *end || end == optarg || v < 1 || v > 256) {
                S_usage_error("-j: '%s' is not a number from 1 to 256", optarg);
                return EXIT_USAGE;
            }
            o->jobs = (unsigned)v;
            break;
        }
        case O_CLEAN:
            if (!S_parse_clean(optarg, &o->clean)) {
                S_usage_error("--clean: '%s' is not a list of grey, upscale, deskew, normalise, "
                              "binarise, sauvola, border, speck, or none", optarg);
                return EXIT_USAGE;
            }
            break;
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

/* ---- documents and page images ------------------------------------------------ */
/* One input of a document: a text file (or stdin) or an image file, whose
 * pages are jobs [job0, job0 + npages) of the pool. */
typedef struct S_item {
    const char *path;
    bool image;
    uint32_t npages;
    size_t job0;
} S_item;

typedef struct S_doc {
    const char *name;
    S_item *items;
    size_t nitems;
} S_doc;

/* Pages are recognised by `nth` workers, each with its own tesseract
 * handle, in job order, at most `ahead` jobs before the one the main
 * thread feeds next; the main thread feeds them in order, so the output is
 * the same for any number of workers. */
typedef struct S_job {
    const char *path;
    uint32_t sub;
    berpa_page *res;
    bool done;
} S_job;

typedef struct S_pool {
    S_job *jobs;
    size_t n, cap, next, fed, ahead;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    berpa_ocr **ocr;
    pthread_t *th;
    size_t nth, nocr;
    bool stop;
} S_pool;

typedef struct S_worker {
    S_pool *p;
    size_t k;
} S_worker;

static void *S_work(void *arg)
{
    S_worker *w = arg;
    S_pool *p = w->p;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->next < p->n && p->next >= p->fed + p->ahead)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->stop || p->next >= p->n)
            break;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        berpa_page *res = berpa_ocr_page(p->ocr[w->k], p->jobs[i].path, p->jobs[i].sub);
        pthread_mutex_lock(&p->mu);
        p->jobs[i].res = res;
        p->jobs[i].done = true;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    free(w);
    return NULL;
}

/* Starts nth workers.  Returns an exit code (a message was printed). */
static int S_pool_start(S_pool *p, const berpa_config *cfg, const S_opts *o)
{
    size_t nth = o->jobs ? o->jobs : 1;
    if (nth > p->n)
        nth = p->n;
    p->ahead = 2 * nth;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    p->ocr = calloc(nth, sizeof *p->ocr);
    p->th = calloc(nth, sizeof *p->th);
    if (!p->ocr || !p->th) {
        fputs("berpa: out of memory\n", stderr);
        return EXIT_NOMEM;
    }
    unsigned clean = o->clean ? o->clean - 1 : BERPA_CLEAN_DEFAULT;
    for (size_t k = 0; k < nth; k++) {
        berpa_status st;
        if (!(p->ocr[k] = berpa_ocr_new(cfg, o->lang, clean, &st))) {
            if (st == BERPA_E_NOMEM)
                fputs("berpa: out of memory\n", stderr);
            return st == BERPA_E_NOMEM ? EXIT_NOMEM : EXIT_USAGE;
        }
        p->nocr++;
    }
    for (size_t k = 0; k < nth; k++) {
        S_worker *w = malloc(sizeof *w);
        if (w)
            *w = (S_worker){ .p = p, .k = k };
        if (!w || pthread_create(&p->th[k], NULL, S_work, w) != 0) {
            free(w);
            fputs("berpa: cannot start a thread\n", stderr);
            return EXIT_NOMEM;
        }
        p->nth++;
    }
    return EXIT_OK;
}

/* The result of job i (NULL: out of memory), handed over to the caller. */
static berpa_page *S_pool_take(S_pool *p, size_t i)
{
    pthread_mutex_lock(&p->mu);
    while (!p->jobs[i].done)
        pthread_cond_wait(&p->cv, &p->mu);
    berpa_page *res = p->jobs[i].res;
    p->jobs[i].res = NULL;
    p->fed = i + 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
    return res;
}

static void S_pool_stop(S_pool *p)
{
    if (p->th) {
        pthread_mutex_lock(&p->mu);
        p->stop = true;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
        for (size_t k = 0; k < p->nth; k++)
            pthread_join(p->th[k], NULL);
        pthread_mutex_destroy(&p->mu);
        pthread_cond_destroy(&p->cv);
    }
    for (size_t i = 0; i < p->n; i++)
        berpa_page_free(p->jobs[i].res);
    for (size_t k = 0; k < p->nocr; k++)
        berpa_ocr_free(p->ocr[k]);
    free(p->ocr);
    free(p->th);
    free(p->jobs);
}

/* Feeds a text input (a path or "-") into a run.  Returns the run's status
 * or sets *code when the file cannot be read. */
static berpa_status S_feed_text(berpa_run *r, const char *name, int *code)
{
    static char buf[S_CHUNK];
    int fd = strcmp(name, "-") == 0 ? STDIN_FILENO : open(name, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "berpa: %s: %s\n", name, strerror(errno));
        *code = EXIT_INPUT;
        return BERPA_OK;
    }
    berpa_status st = BERPA_OK;
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fprintf(stderr, "berpa: %s: %s\n", strcmp(name, "-") ? name : "stdin",
                    strerror(errno));
            *code = EXIT_INPUT;
            break;
        }
        if (n == 0 || (st = berpa_run_feed(r, buf, (size_t)n)) != BERPA_OK)
            break;
    }
    if (fd != STDIN_FILENO)
        close(fd);
    return st;
}

/* Reads one document through a run with the given outputs.  Returns the
 * exit code for this document. */
static int S_run_one(berpa_session *s, S_ctx *cx, const S_doc *doc, S_pool *pool,
                     S_out **outs, const int *fmts, size_t nouts)
{
    const char *name = doc->name;
    berpa_run *r = berpa_run_new(s, name);
    if (!r) {
        fprintf(stderr, "berpa: %s: out of memory\n", name);
        return EXIT_NOMEM;
    }
    berpa_status st = BERPA_OK;
    for (size_t i = 0; i < nouts && st == BERPA_OK; i++)
        st = berpa_run_add_output(r, (berpa_format)fmts[i], S_out_write, outs[i]);
    int code = EXIT_OK;
    for (size_t i = 0; i < doc->nitems && st == BERPA_OK; i++) {
        const S_item *it = &doc->items[i];
        if (!it->image) {
            st = S_feed_text(r, it->path, &code);
            continue;
        }
        for (uint32_t k = 0; k < it->npages; k++) {
            berpa_page *p = S_pool_take(pool, it->job0 + k);
            /* after a failure the remaining pages are still taken (and freed) */
            if (st == BERPA_OK)
                st = p ? berpa_run_feed_page(r, p) : BERPA_E_NOMEM;
            berpa_page_free(p);
        }
    }
    if (st == BERPA_OK && code == EXIT_OK)
        st = berpa_run_finish(r);
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
static int S_batch_one(berpa_session *s, S_ctx *cx, const S_doc *doc, S_pool *pool,
                       const struct stat *in)
{
    const char *name = doc->name;
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
        code = S_run_one(s, cx, doc, pool, outs, fmts, n);
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

/* ---- inputs into documents ------------------------------------------------------- */
/* Paths berpa made (directory entries), freed at exit. */
typedef struct S_strs {
    char **v;
    size_t n, cap;
} S_strs;

static char *S_strs_add(S_strs *ss, char *str)
{
    if (!str)
        return NULL;
    if (ss->n == ss->cap) {
        size_t nc = ss->cap ? ss->cap * 2 : 16;
        char **v = realloc(ss->v, nc * sizeof *v);
        if (!v) {
            free(str);
            return NULL;
        }
        ss->v = v;
        ss->cap = nc;
    }
    return ss->v[ss->n++] = str;
}

/* Natural order: digit runs compare as numbers (page2 < page10). */
static int S_natcmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
            while (*a == '0')
                a++;
            while (*b == '0')
                b++;
            size_t na = strspn(a, "0123456789"), nb = strspn(b, "0123456789");
            if (na != nb)
                return na < nb ? -1 : 1;
            int c = strncmp(a, b, na);
            if (c)
                return c;
            a += na;
            b += nb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return *a ? 1 : *b ? -1 : 0;
}

static int S_item_cmp(const void *x, const void *y)
{
    const S_item *a = x, *b = y;
    int c = S_natcmp(a->path, b->path);
    return c ? c : strcmp(a->path, b->path);
}

/* Named like an image: such a file that is not one is an error, not text. */
static bool S_image_name(const char *path)
{
    static const char *const ext[] = { ".png", ".tif", ".tiff", ".jpg", ".jpeg", ".pnm", ".pbm",
                                       ".pgm", ".ppm", ".jp2", ".j2k", ".webp" };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof ext / sizeof *ext; i++)
        if (strcasecmp(dot, ext[i]) == 0)
            return true;
    return false;
}

static bool S_push_item(S_item **v, size_t *n, size_t *cap, const char *path)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        S_item *nv = realloc(*v, nc * sizeof *nv);
        if (!nv)
            return false;
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = (S_item){ .path = path };
    return true;
}

/* A directory stands for the page images in it, in natural order. */
static int S_add_dir(S_item **v, size_t *n, size_t *cap, const char *dir, S_strs *names)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "berpa: %s: %s\n", dir, strerror(errno));
        return EXIT_INPUT;
    }
    size_t first = *n;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        size_t need = strlen(dir) + strlen(e->d_name) + 2;
        char *path = malloc(need);
        if (path)
            snprintf(path, need, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
                     e->d_name);
        struct stat st;
        if (!(path = S_strs_add(names, path))) {
            closedir(d);
            fputs("berpa: out of memory\n", stderr);
            return EXIT_NOMEM;
        }
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && berpa_image_probe(path) &&
            !S_push_item(v, n, cap, path)) {
            closedir(d);
            fputs("berpa: out of memory\n", stderr);
            return EXIT_NOMEM;
        }
    }
    closedir(d);
    qsort(*v + first, *n - first, sizeof **v, S_item_cmp);
    if (*n == first)
        fprintf(stderr, "berpa: %s: no page images in the directory\n", dir);
    return *n == first ? EXIT_INPUT : EXIT_OK;
}

/* Turns the inputs into documents (one per input, or one for all with
 * --document) and their image pages into pool jobs.  Returns an exit code;
 * with EXIT_INPUT (a directory could not be read) the rest still runs. */
static int S_make_docs(const S_opts *o, char **inputs, int ninputs, S_doc **pdocs,
                       size_t *pndocs, S_strs *names, S_pool *pool)
{
    S_item *items = NULL;
    size_t n = 0, cap = 0;
    int code = EXIT_OK;
    for (int i = 0; i < ninputs; i++) {
        struct stat st;
        if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            int c = S_add_dir(&items, &n, &cap, inputs[i], names);
            if (c == EXIT_NOMEM) {
                free(items);
                return c;
            }
            code = S_max(code, c);
        } else if (!S_push_item(&items, &n, &cap, inputs[i])) {
            free(items);
            fputs("berpa: out of memory\n", stderr);
            return EXIT_NOMEM;
        }
    }
    if (o->document)
        qsort(items, n, sizeof *items, S_item_cmp);
    for (size_t i = 0; i < n; i++) {
        S_item *it = &items[i];
        if (strcmp(it->path, "-") == 0 ||
            !(berpa_image_probe(it->path) || S_image_name(it->path)))
            continue;
        it->image = true;
        /* a file that is no image, or a damaged one, is one page that fails */
        if (berpa_image_pages(it->path, &it->npages) != BERPA_OK)
            it->npages = 1;
        it->job0 = pool->n;
        if (pool->n + it->npages > pool->cap) {
            size_t nc = pool->cap ? pool->cap : 16;
            while (nc < pool->n + it->npages)
                nc *= 2;
            S_job *v = realloc(pool->jobs, nc * sizeof *v);
            if (!v) {
                free(items);
                fputs("berpa: out of memory\n", stderr);
                return EXIT_NOMEM;
            }
            pool->jobs = v;
            pool->cap = nc;
        }
        for (uint32_t k = 0; k < it->npages; k++)
            pool->jobs[pool->n++] = (S_job){ .path = it->path, .sub = k };
    }
    size_t ndocs = o->document ? (n ? 1 : 0) : n;
    S_doc *docs = calloc(ndocs ? ndocs : 1, sizeof *docs);
    if (!docs) {
        free(items);
        fputs("berpa: out of memory\n", stderr);
        return EXIT_NOMEM;
    }
    if (o->document && n) {
        docs[0] = (S_doc){ .name = inputs[0], .items = items, .nitems = n };
    } else {
        for (size_t i = 0; i < n; i++)
            docs[i] = (S_doc){ .name = items[i].path, .items = &items[i], .nitems = 1 };
        if (!n)
            free(items);
    }
    *pdocs = docs;
    *pndocs = ndocs;
    return code;
}

static void S_docs_free(S_doc *docs, size_t ndocs, S_strs *names)
{
    if (docs && ndocs)
        free(docs[0].items); /* one array for all documents */
    free(docs);
    for (size_t i = 0; i < names->n; i++)
        free(names->v[i]);
    free(names->v);
}

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
    S_doc *docs = NULL;
    size_t ndocs = 0;
    S_strs names = { 0 };
    S_pool pool = { 0 };
    int made = o.version ? EXIT_OK : S_make_docs(&o, inputs, ninputs, &docs, &ndocs, &names, &pool);
    if (made == EXIT_NOMEM)
        return made;

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
    bool corpus = ndocs > 1 && !o.outdir &&
                  (o.formats == 1u << BERPA_FORMAT_TEI || o.extra[BERPA_FORMAT_TEI]);
    if (st == BERPA_OK && o.title && !corpus)
        st = berpa_config_set_title(cfg, o.title);
    if (st == BERPA_OK && o.window)
        st = berpa_config_set_window(cfg, o.window);
    berpa_session *s = st == BERPA_OK ? berpa_session_new(cfg, &st) : NULL;
    if (!s) {
        berpa_config_free(cfg);
        S_docs_free(docs, ndocs, &names);
        free(pool.jobs);
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
        berpa_config_free(cfg);
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
    int worst = S_max(code, made);
    bool spoiled = made != EXIT_OK;   /* an input failed: shared files stay untouched */
    if (pool.n && worst == EXIT_OK)
        worst = S_pool_start(&pool, cfg, &o);
    for (size_t i = 0; i < ndocs && worst != EXIT_USAGE && worst < EXIT_IO; i++) {
        const S_doc *doc = &docs[i];
        /* the input's identity, to refuse an output path that is an input */
        struct stat in, *inp = NULL;
        if (doc->nitems == 1 && strcmp(doc->items[0].path, "-") != 0 &&
            stat(doc->items[0].path, &in) == 0 && S_ISREG(in.st_mode))
            inp = &in;
        cx.warnings = cx.errors = 0;
        cx.failed = false;
        if (o.outdir) {
            code = S_batch_one(s, &cx, doc, &pool, inp);
        } else {
            code = EXIT_OK;
            for (size_t k = 0; k < nshared; k++)
                for (size_t j = 0; j < doc->nitems; j++) {
                    struct stat st_in;
                    if (shared[k].target && strcmp(doc->items[j].path, "-") != 0 &&
                        stat(doc->items[j].path, &st_in) == 0 &&
                        S_same_file(shared[k].target, &st_in)) {
                        fprintf(stderr, "berpa: %s: the output would replace the input\n",
                                shared[k].target);
                        code = EXIT_USAGE;
                    }
                }
            if (code == EXIT_OK)
                code = S_run_one(s, &cx, doc, &pool, outs, fmts, nshared);
        }
        worst = S_max(worst, code);
        spoiled |= cx.failed || code == EXIT_USAGE;
    }
    S_pool_stop(&pool);
    berpa_config_free(cfg);
    S_docs_free(docs, ndocs, &names);
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
    /* Tesseract's OpenMP reads OMP_THREAD_LIMIT when the program loads, so
     * it is set by running berpa again: pages run in parallel with -j, and
     * OpenMP's own threads would only compete with them. */
    if (!getenv("OMP_THREAD_LIMIT") && setenv("OMP_THREAD_LIMIT", "1", 1) == 0)
        execv("/proc/self/exe", argv); /* on failure, go on as we are */
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
