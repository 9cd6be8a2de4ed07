/*
 * main.c: the berpa command.  Only the command line lives here: options,
 * opening inputs and outputs, atomic output files, diagnostics on stderr
 * and the named exit codes.  Everything about text is libberpa (berpa.h).
 */
#define _POSIX_C_SOURCE 200809L
#define _XOPEN_SOURCE 700   /* realpath */

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
#include <time.h>
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
#define S_NFORMATS BERPA_FORMAT_COUNT
/* fmts[] entries: a berpa_format, or-ed with this for a teiCorpus member */
#define S_MEMBER 0x100


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
    /* An output written in place (stdout, a device, a pipe) that several
     * documents share, or whose format has structure (TEI, report), takes
     * each document through `doc`, an unlinked temp file: the document is
     * copied out whole when it succeeded and dropped when it failed, so a
     * reader never sees half a document, in bounded memory. */
    bool buffered;
    FILE *doc;
    bool err_in_doc;     /* the failure was writing `doc` (in $TMPDIR)      */
    int err;             /* errno of the first write failure, 0 if none     */
} S_out;

static int S_out_write(void *user, const char *buf, size_t len)
{
    S_out *o = user;
    if (o->err)
        return -1;
    errno = 0;
    FILE *fp = o->doc ? o->doc : o->fp;
    if (len && fwrite(buf, 1, len, fp) != len) {
        o->err = errno ? errno : EIO;
        o->err_in_doc = fp == o->doc;
        return -1;
    }
    return 0;
}

/* Prints a fault on a whole file from the library's diagnostics table
 * ("berpa: FILE: error: cannot read: REASON [cannot-read]"); err: an errno
 * value or 0; more: appended to the reason, or "".  Returns the line's
 * text in buf (for a report's reason) when buf is not NULL. */
static void S_file_fault(berpa_file_fault f, const char *file, int err, const char *more,
                         char *buf, size_t cap)
{
    char detail[512], msg[600], line[1200];
    snprintf(detail, sizeof detail, "%s%s", err ? strerror(err) : "", more);
    berpa_diag d;
    berpa_diag_format(berpa_diag_file(&d, f, file, detail, msg, sizeof msg), line, sizeof line);
    fprintf(stderr, "berpa: %s\n", line);
    if (buf && cap)
        snprintf(buf, cap, "%s", line);
}

/* Reports a failed output once: a closed pipe on stdout stays quiet. */
static void S_out_report(const S_out *o)
{
    if (o->is_stdout && o->err == EPIPE)
        return;
    S_file_fault(BERPA_FAULT_WRITE, o->label, o->err,
                 o->err_in_doc ? " (holding a document in $TMPDIR)" : "", NULL, 0);
}

/* Starts a document on a buffered output: an unlinked temp file in
 * $TMPDIR (or /tmp).  Returns 0 or an errno value. */
static int S_doc_begin(S_out *o)
{
    if (!o->buffered)
        return 0;
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/berpa-doc.XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return errno;
    unlink(path);
    if (!(o->doc = fdopen(fd, "w+"))) {
        int e = errno;
        close(fd);
        return e;
    }
    return 0;
}

/* Ends a document: keep copies it to the output, else it is dropped.
 * Returns false on a write error (recorded in o->err). */
static bool S_doc_end(S_out *o, bool keep)
{
    if (!o->doc)
        return !o->err;
    FILE *doc = o->doc;
    o->doc = NULL;
    errno = 0;
    if (keep && !o->err && (fflush(doc) != 0 || fseek(doc, 0, SEEK_SET) != 0)) {
        o->err = errno ? errno : EIO;
        o->err_in_doc = true;
    }
    static char buf[64 * 1024];
    size_t n;
    while (keep && !o->err && (n = fread(buf, 1, sizeof buf, doc)) > 0)
        S_out_write(o, buf, n);
    if (keep && !o->err && ferror(doc)) {
        o->err = EIO;
        o->err_in_doc = true;
    }
    fclose(doc);
    return !o->err;
}

/* Is path a way to an open file descriptor or a device (/dev/stdout,
 * /proc/self/fd/1, or a symbolic link to one)?  Such a path is written in
 * place: renaming a temp over it would replace the link, not write to
 * what it stands for. */
static bool S_fd_link(const char *path)
{
    char cur[4096], next[4096];
    snprintf(cur, sizeof cur, "%s", path);
    for (int hop = 0; hop < 40; hop++) {
        if (strncmp(cur, "/dev/", 5) == 0 || strncmp(cur, "/proc/", 6) == 0)
            return true;
        ssize_t n = readlink(cur, next, sizeof next - 1);
        if (n < 0)
            return false;
        next[n] = '\0';
        if (next[0] != '/') {
            const char *slash = strrchr(cur, '/');
            size_t dlen = slash ? (size_t)(slash - cur) + 1 : 0, nlen = (size_t)n;
            if (dlen + nlen >= sizeof next)
                return false;
            memmove(next + dlen, next, nlen + 1);
            memcpy(next, cur, dlen);
        }
        memcpy(cur, next, sizeof cur);
    }
    return false;
}

/* Opens path for writing.  A regular or absent file gets a temp beside it
 * (same directory, so rename is atomic), a symbolic link to one a temp
 * beside its target; anything else (/dev/null, a FIFO, /dev/stdout and
 * other fd links) is opened in place.  Returns 0 or an errno value. */
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
    struct stat st, lst;
    bool exists = stat(path, &st) == 0;
    bool link = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
    char *real = link && exists ? realpath(path, NULL) : NULL;
    if ((exists && !S_ISREG(st.st_mode)) || S_fd_link(path) || (link && !real)) {
        /* In place: a device, a pipe, an fd link (appended to, so that
         * `>> log` is not truncated under its shell), or a dangling link
         * (which creates its target). */
        free(real);
        o->fp = fopen(path, exists && S_ISREG(st.st_mode) ? "a" : "w");
        return o->fp ? 0 : errno;
    }
    /* A symbolic link stays: its target is replaced, atomically, by a
     * temp beside the target. */
    if (real)
        path = real;
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    const char *base = path + dirlen;
    size_t need = dirlen + 1 + strlen(base) + sizeof ".XXXXXX";
    o->target = real ? real : strdup(path);
    if (!(o->tmp = malloc(need)) || !o->target) {
        free(o->tmp);
        free(o->target);
        o->tmp = o->target = NULL;
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
    const char *extra[S_NFORMATS]; /* --text-out, ..., --hocr-out */
    const char *outdir;            /* -O                                    */
    const char *dict, *freq, *title;
    bool no_dict, replace, quiet, werror, version, correct;
    double threshold;              /* --correct-threshold, 0: the default   */
    size_t window;
    const char *lang;              /* -l: tesseract languages               */
    unsigned clean;                /* --clean: BERPA_CLEAN_* steps           */
    unsigned jobs;                 /* -j: pages recognised at once           */
    bool document;                 /* --document: all inputs one document    */
    const char *gold_path;         /* --gold: ground truth for the review page */
    char *gold;                    /* its bytes (owned by S_main)            */
    size_t gold_len;
} S_opts;

typedef struct S_ctx {
    const S_opts *o;
    uint64_t warnings;   /* warnings seen for the current input (and session) */
    uint64_t errors;
    bool failed;         /* the current input failed (not just -W warnings)   */
    berpa_status why;    /* how it failed, for its report line                */
    char reason[1024];   /* its first error, for the same                     */
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
    /* The first error says why the input failed, in its report line. */
    if (d->level == BERPA_ERROR && !c->reason[0])
        snprintf(c->reason, sizeof c->reason, "%s", buf);
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

/* Is s a tesseract language list: names of letters, digits, '_', '-' (and
 * '/' for script/Latin), joined by single '+'? */
static bool S_lang_list(const char *s)
{
    size_t run = 0;
    for (; *s; s++) {
        if (*s == '+') {
            if (run == 0)
                return false;
            run = 0;
        } else if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                   (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '/') {
            run++;
        } else {
            return false;
        }
    }
    return run > 0;
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
"       berpa check [OPTIONS] [FILE|DIR...]   quality without ground truth (--help)\n"
"       berpa eval [OPTIONS] GOLD OUT         quality against ground truth (--help)\n"
"Restore Azerbaijani text from OCR or PDF extraction: join syllable hyphens,\n"
"keep real ones, drop running heads and page numbers, rebuild paragraphs.\n"
"Each FILE is one document; with no FILE, or when FILE is -, read stdin.\n"
"A FILE (or stdin) whose content is a page image (PNG, TIFF, JPEG, PNM,\n"
"JPEG 2000, WebP) is cleaned up and recognised with tesseract (stdin's at\n"
"most 512 MiB); a directory stands for the page images in it, in natural\n"
"order (page2 before page10).\n"
"\n"
"Output:\n"
"  -f, --format FMT      text (default), tei, report, html or hocr; with -O a\n"
"                        comma list\n"
"      --text, --tei, --report, --html, --hocr   the same as -f text, ...\n"
"  -o, --output FILE     write the output to FILE (default: stdout)\n"
"      --text-out FILE   also write clean text to FILE, in the same pass\n"
"      --tei-out FILE    also write TEI XML to FILE (one input only)\n"
"      --report-out FILE also write the JSON report to FILE\n"
"      --html-out FILE   also write the HTML review page to FILE (one input)\n"
"      --hocr-out FILE   also write hOCR (page images' lines and words with\n"
"                        boxes and confidences) to FILE (one input)\n"
"      --gold FILE       the review page also scores the clean text against\n"
"                        this ground truth (one input; needs html)\n"
"  -O, --output-dir DIR  batch: write DIR/PATH.txt, .xml, .json per input\n"
"                        for the selected formats (PATH: the input's path\n"
"                        without extension; folders are made, '..' refused)\n"
"Output files are replaced atomically and only when every input succeeded;\n"
"with -O each input's files are replaced when that input succeeded.  On a\n"
"stream each document is whole or absent; a failed input gets a report line.\n"
"\n"
"Processing:\n"
"      --replace-invalid replace invalid UTF-8 by U+FFFD with a warning\n"
"                        (default: stop at it with an error)\n"
"      --dict PATH       Hunspell dictionary, path without .dic/.aff\n"
"      --no-dict         run without a dictionary\n"
"      --freq PATH       word frequency table (word TAB count per line)\n"
"      --title TEXT      title for the TEI header (default: the file name)\n"
"      --window BYTES    memory for a document between the two passes\n"
"                        (default 1M, at least 64K; suffixes K, M, G);\n"
"                        beyond it a temporary file in $TMPDIR\n"
"      --correct         correct OCR misreadings (off by default: see README)\n"
"      --no-correct      do not correct OCR misreadings (the default)\n"
"      --correct-threshold P  apply a correction only when its confidence\n"
"                        is at least P (0 < P <= 1, default 0.5); less sure\n"
"                        ones are notes (ocr-unsure) and report counts\n"
"\n"
"Page images:\n"
"      --document        all FILEs (text and images) are one document, in\n"
"                        natural order of their names\n"
"  -l, --lang LANGS      tesseract languages (default aze+Latin, else aze; aze+aze_cyrl)\n"
"  -j, --jobs N          recognise N pages at once (output is the same)\n"
"      --clean STEPS     clean-up before OCR, a comma list of grey, upscale,\n"
"                        deskew, normalise, binarise, sauvola, border, speck,\n"
"                        invert, or none (default: all but binarise, sauvola)\n"
"\n"
"Messages:\n"
"  -q, --quiet           no notes or warnings (errors are still shown)\n"
"  -W, --werror          warnings make the exit status 1\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and the dictionary in use\n"
"      --diagnostics     list the diagnostic codes (code, level, summary)\n"
"\n"
"Diagnostics go to stderr as  berpa: FILE:LINE:COL: LEVEL: MESSAGE [CODE]\n"
"\n"
"Exit status:\n"
"  0  success\n"
"  1  an input had errors (invalid UTF-8 without --replace-invalid,\n"
"     unreadable file), or warnings with -W\n"
"  2  usage error\n"
"  3  an output could not be written (full disk, closed pipe)\n"
"  4  out of memory (also loading the dictionary)\n"
"  5  the dictionary could not be loaded\n"
"With several inputs berpa goes on after an input error and exits with the\n"
"worst status.\n"
"\n"
"Examples:\n"
"  tesseract page.tif - -l aze | berpa --tei > page.xml\n"
"  berpa --document -j 2 --tei scans/book/ > book.xml\n"
"  berpa -O out/ --format text,tei scans/*.txt\n"
"  berpa -q --report-out report.jsonl -o clean.txt book.txt\n"
"  berpa review --gold gold.txt -o page.html ocr.txt   (= berpa --html ...)\n",
        stdout);
}

/* A size: digits, then K, M or G (powers of 1024) with an optional B or
 * iB.  0 when s is not one; -1 when it is but does not fit a size_t. */
static int S_parse_size(const char *s, size_t *out)
{
    if (!(*s >= '0' && *s <= '9'))
        return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno == ERANGE)
        return -1;
    if (errno || end == s)
        return 0;
    unsigned shift = 0;
    switch (*end) {
    case '\0': break;
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: return 0;
    }
    if (shift && (end[0] == 'i' || end[0] == 'I') && (end[1] == 'B' || end[1] == 'b'))
        end += 2;
    else if ((*end == 'B' || *end == 'b') && shift)
        end++;
    if (*end)
        return 0;
    if (v > (unsigned long long)SIZE_MAX >> shift)
        return -1;
    *out = (size_t)(v << shift);
    return 1;
}

/* Adds the formats of a comma list ("text,tei") to *set. */
static bool S_parse_formats(const char *s, unsigned *set)
{
    if (!*s)
        return false;
    while (*s) {
        size_t n = strcspn(s, ",");
        int f = -1;
        for (int i = 0; i < S_NFORMATS; i++)
            if (strlen(berpa_format_name((berpa_format)i)) == n && strncmp(s, berpa_format_name((berpa_format)i), n) == 0)
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
        { "invert", BERPA_CLEAN_INVERT },
        { "none", 0 },
    };
    *set = 0;
    if (!*s)
        return false;
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
    enum { O_TEXT = 256, O_TEI, O_REPORT, O_HTML, O_TEXT_OUT, O_TEI_OUT, O_REPORT_OUT,
           O_HTML_OUT, O_HOCR, O_HOCR_OUT, O_GOLD,
           O_REPLACE, O_DICT, O_NO_DICT, O_FREQ, O_TITLE, O_WINDOW, O_DIAGNOSTICS,
           O_CORRECT, O_NO_CORRECT, O_THRESHOLD,
           O_DOCUMENT, O_CLEAN };
    static const struct option longs[] = {
        { "format", required_argument, NULL, 'f' },
        { "text", no_argument, NULL, O_TEXT },
        { "tei", no_argument, NULL, O_TEI },
        { "report", no_argument, NULL, O_REPORT },
        { "html", no_argument, NULL, O_HTML },
        { "html-out", required_argument, NULL, O_HTML_OUT },
        { "hocr", no_argument, NULL, O_HOCR },
        { "hocr-out", required_argument, NULL, O_HOCR_OUT },
        { "gold", required_argument, NULL, O_GOLD },
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
        { "diagnostics", no_argument, NULL, O_DIAGNOSTICS },
        { "correct", no_argument, NULL, O_CORRECT },
        { "no-correct", no_argument, NULL, O_NO_CORRECT },
        { "correct-threshold", required_argument, NULL, O_THRESHOLD },
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
    /* The argument getopt is in, for messages: getopt moves optind past a
     * cluster of short options (-qW) only after its last letter, and skips
     * (and later moves) the file names between options, so optind - 1 may
     * be another argument.  `mid`: the last call stopped inside argv[at]. */
    int at = 1;
    bool mid = false;
    for (;;) {
        int before = optind, li = -1;
        if ((c = getopt_long(argc, argv, ":f:o:O:l:j:qWhV", longs, &li)) == -1)
            break;
        /* a new argument: the first option after the names skipped */
        for (at = before; !mid && at < argc && !(argv[at][0] == '-' && argv[at][1]); at++)
            ;
        if (at >= argc)
            at = argc - 1;
        mid = li < 0 && optind == at;
        switch (c) {
        case 'f':
            if (!S_parse_formats(optarg, &o->formats)) {
                char names[128] = "";
                for (int i = 0; i < S_NFORMATS; i++)
                    snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                             i == 0 ? "" : i + 1 == S_NFORMATS ? " or " : ", ",
                             berpa_format_name((berpa_format)i));
                S_usage_error("-f: '%s' is not a comma list of formats (%s)", optarg, names);
                return EXIT_USAGE;
            }
            break;
        case O_TEXT: o->formats |= 1u << BERPA_FORMAT_TEXT; break;
        case O_TEI: o->formats |= 1u << BERPA_FORMAT_TEI; break;
        case O_REPORT: o->formats |= 1u << BERPA_FORMAT_REPORT; break;
        case O_HTML: o->formats |= 1u << BERPA_FORMAT_HTML; break;
        case O_HTML_OUT: o->extra[BERPA_FORMAT_HTML] = optarg; break;
        case O_HOCR: o->formats |= 1u << BERPA_FORMAT_HOCR; break;
        case O_HOCR_OUT: o->extra[BERPA_FORMAT_HOCR] = optarg; break;
        case O_GOLD: o->gold_path = optarg; break;
        case 'o': o->output = optarg; break;
        case O_TEXT_OUT: o->extra[BERPA_FORMAT_TEXT] = optarg; break;
        case O_TEI_OUT: o->extra[BERPA_FORMAT_TEI] = optarg; break;
        case O_REPORT_OUT: o->extra[BERPA_FORMAT_REPORT] = optarg; break;
        case 'O': o->outdir = optarg; break;
        case O_REPLACE: o->replace = true; break;
        case O_DICT:
            if (!*optarg) {
                S_usage_error("%s", "--dict: an empty path (use --no-dict to run without "
                              "a dictionary)");
                return EXIT_USAGE;
            }
            o->dict = optarg;
            o->no_dict = false;
            break;
        case O_NO_DICT: o->no_dict = true; o->dict = NULL; break;
        case O_FREQ: o->freq = optarg; break;
        case O_TITLE: o->title = optarg; break;
        case O_WINDOW:
        {
            int sz = S_parse_size(optarg, &o->window);
            if (sz <= 0 || o->window < 64u * 1024u) {
                S_usage_error(sz == 0   ? "--window: '%s' is not a size (digits with K, M or G: 64K, 256M)"
                              : sz < 0  ? "--window: '%s' is too large a size for this machine"
                                        : "--window: '%s' is less than the least window, 64K",
                              optarg);
                return EXIT_USAGE;
            }
        }
            break;
        case O_CORRECT: o->correct = true; break;
        case O_NO_CORRECT: o->correct = false; break;
        case O_THRESHOLD: {
            char *end;
            o->threshold = strtod(optarg, &end);
            if (*end || end == optarg || !(o->threshold > 0.0 && o->threshold <= 1.0)) {
                S_usage_error("--correct-threshold: '%s' is not a number in (0, 1]", optarg);
                return EXIT_USAGE;
            }
            break;
        }
        case O_DOCUMENT: o->document = true; break;
        case 'l':
            /* the list's form is checked whatever the input; whether the
             * languages are installed only when an image is read */
            if (!S_lang_list(optarg)) {
                S_usage_error("-l: '%s' is not a list of tesseract languages joined by '+' "
                              "(such as aze or aze+Latin)", optarg);
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
                              "binarise, sauvola, border, speck, invert, or none", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'q': o->quiet = true; break;
        case 'W': o->werror = true; break;
        case 'h': S_help(); return -1;
        case O_DIAGNOSTICS: {
            /* the library's table, so the list is never out of date */
            static const char *const lv[] = { "note", "warning", "error" };
            const berpa_diag_info *di;
            for (size_t i = 0; (di = berpa_diag_table(i)) != NULL; i++)
                printf("%s\t%s\t%s\n", di->code, lv[di->level], di->summary);
            return -1;
        }
        case 'V': o->version = true; break;
        case ':':
            if (argv[at][1] != '-' && strlen(argv[at]) > 2)
                S_usage_error("option '-%c' (in '%s') needs an argument", optopt, argv[at]);
            else
                S_usage_error("option '%s' needs an argument", argv[at]);
            return EXIT_USAGE;
        default:
            /* a short option inside a longer argument may be a file name
             * that starts with '-' */
            if (optopt && argv[at][1] != '-' && strlen(argv[at]) > 2)
                S_usage_error("unknown option '-%c' in '%s' (for a file of that name write ./%s or put "
                              "it after --)", optopt, argv[at], argv[at]);
            else
                S_usage_error("unknown option '%s'", argv[at]);
            return EXIT_USAGE;
        }
    }
    /* a threshold alone corrects nothing: say so rather than let a user
     * believe corrections ran (the last of --correct/--no-correct counts) */
    if (o->threshold > 0.0 && !o->correct && !o->quiet)
        fputs("berpa: warning: --correct-threshold has no effect without --correct\n", stderr);
    return EXIT_OK;
}

/* ---- which paths are one file --------------------------------------------------- */
/* A path's identity: device and inode when the file exists; else its
 * directory's device and inode and its last name, when that directory
 * exists; else the path itself (in a folder -O is still to make).  Two
 * spellings of one file ("o.txt", "./o.txt", a link to it) have one. */
typedef struct S_ident {
    dev_t dev;
    ino_t ino;
    const char *name;   /* "" for an existing file; borrowed from path    */
    const char *path;   /* as given, for messages                         */
    bool input;
} S_ident;

/* Fills *id for path ("-": stdin for an input, stdout for an output).
 * Returns false when the path takes no part in the comparison: an input
 * that is no regular file (a pipe is read, never written). */
static bool S_ident_of(S_ident *id, const char *path, bool input)
{
    struct stat st;
    memset(id, 0, sizeof *id);
    id->path = path;
    id->input = input;
    id->name = "";
    bool ok = strcmp(path, "-") == 0 ? fstat(input ? STDIN_FILENO : STDOUT_FILENO, &st) == 0
                                     : stat(path, &st) == 0;
    if (input)
        return ok && S_ISREG(st.st_mode) && (id->dev = st.st_dev, id->ino = st.st_ino, true);
    if (ok) {
        id->dev = st.st_dev;
        id->ino = st.st_ino;
        return true;
    }
    const char *slash = strrchr(path, '/');
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", slash ? (slash == path ? 1 : (int)(slash - path)) : 1,
             slash ? path : ".");
    if (stat(dir, &st) == 0) {
        id->dev = st.st_dev;
        id->ino = st.st_ino;
        id->name = slash ? slash + 1 : path;
    } else {
        id->name = path;
    }
    return true;
}

static int S_ident_cmp(const void *a, const void *b)
{
    const S_ident *x = a, *y = b;
    if (x->dev != y->dev)
        return x->dev < y->dev ? -1 : 1;
    if (x->ino != y->ino)
        return x->ino < y->ino ? -1 : 1;
    int c = strcmp(x->name, y->name);
    if (c)
        return c;
    return (int)x->input - (int)y->input;   /* outputs first */
}

/* Sorts ids and looks for two outputs that are one file, or an output that
 * is an input.  Returns EXIT_OK or EXIT_USAGE (a message was printed). */
static int S_ident_check(S_ident *ids, size_t n)
{
    qsort(ids, n, sizeof *ids, S_ident_cmp);
    for (size_t i = 0; i + 1 < n; i++) {
        const S_ident *a = &ids[i], *b = &ids[i + 1];
        if (a->input || a->dev != b->dev || a->ino != b->ino || strcmp(a->name, b->name))
            continue;
        if (b->input)
            S_usage_error("the output '%s' would replace the input '%s'", a->path, b->path);
        else if (strcmp(a->path, b->path) == 0)
            S_usage_error("two outputs go to '%s'", a->path);
        else
            S_usage_error("two outputs go to one file: '%s' and '%s'", a->path, b->path);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* ---- -O: one file per input and format ------------------------------------------- */
/* The output path for -O: DIR/, the input's path without its extension,
 * the format's extension.  The input's folders are kept (2020/01/p1.txt ->
 * DIR/2020/01/p1.txt), so inputs of one name in different folders do not
 * meet; "." components go, an absolute path keeps its whole path under DIR
 * (/data/p1.txt -> DIR/data/p1.txt); ".." is refused, as it could lead out
 * of DIR.  stdin is "stdin".  Stores a path the caller frees in *out.
 * Returns EXIT_OK, EXIT_USAGE (a message was printed) or EXIT_NOMEM. */
static int S_batch_path(const char *dir, const char *input, int fmt, char **out)
{
    *out = NULL;
    const char *in = strcmp(input, "-") == 0 ? "stdin" : input;
    size_t dlen = strlen(dir);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    char *p = malloc(dlen + 1 + strlen(in) + strlen(berpa_format_extension((berpa_format)fmt)) + 1);
    if (!p)
        return EXIT_NOMEM;
    memcpy(p, dir, dlen);
    size_t o = dlen, last = 0;
    if (p[o - 1] != '/')
        p[o++] = '/';
    bool any = false;
    for (const char *c = in; *c;) {
        size_t n = strcspn(c, "/");
        if (n == 2 && c[0] == '.' && c[1] == '.') {
            free(p);
            S_usage_error("-O: '%s' holds '..', which could lead out of %s; "
                          "run berpa from a folder above the inputs", input, dir);
            return EXIT_USAGE;
        }
        if (n && !(n == 1 && c[0] == '.')) {
            if (any)
                p[o++] = '/';
            last = o;
            memcpy(p + o, c, n);
            o += n;
            any = true;
        }
        c += n;
        while (*c == '/')
            c++;
    }
    if (!any) {
        free(p);
        S_usage_error("-O: '%s' names no file", input);
        return EXIT_USAGE;
    }
    for (size_t i = o; i > last + 1; i--)   /* the extension; ".bashrc" has none */
        if (p[i - 1] == '.') {
            o = i - 1;
            break;
        }
    strcpy(p + o, berpa_format_extension((berpa_format)fmt));
    *out = p;
    return EXIT_OK;
}

/* Makes the folders leading to path (mkdir -p of its directory).
 * Returns 0 or an errno value. */
static int S_mkdirs(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);
    if (n >= sizeof buf)
        return ENAMETOOLONG;
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i < n; i++) {
        if (buf[i] != '/' || buf[i - 1] == '/')
            continue;
        buf[i] = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return errno;
        buf[i] = '/';
    }
    return 0;
}

/* ---- documents and page images ------------------------------------------------ */
/* One input of a document: a text file (or stdin) or an image file, whose
 * pages are jobs [job0, job0 + npages) of the pool. */
typedef struct S_item {
    const char *path;
    const char *file;   /* read from here instead (stdin's spooled image), or NULL */
    bool image;
    uint32_t npages;
    size_t job0;
} S_item;

typedef struct S_doc {
    const char *name;
    S_item *items;
    size_t nitems;
} S_doc;

/* Checks the combinations of outputs (before any input is looked at).
 * Returns EXIT_OK or EXIT_USAGE (a message was printed). */
static int S_check_opts(S_opts *o)
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
                              berpa_format_name((berpa_format)f));
                return EXIT_USAGE;
            }
    } else if (several) {
        S_usage_error("%s", "one stream takes one format: use --text-out, --tei-out, "
                      "--report-out, --html-out, --hocr-out or -O for more");
        return EXIT_USAGE;
    }
    bool html = (o->formats & 1u << BERPA_FORMAT_HTML) || o->extra[BERPA_FORMAT_HTML];
    if (o->gold_path && !html) {
        S_usage_error("%s", "--gold is for the review page: add --html (or berpa review)");
        return EXIT_USAGE;
    }
    for (int f = 0; f < S_NFORMATS && !o->outdir; f++)
        if (o->extra[f] && o->formats == 1u << f) {
            S_usage_error("--%s-out repeats the main format: use -o for it", berpa_format_name((berpa_format)f));
            return EXIT_USAGE;
        }
    return EXIT_OK;
}

/* Checks that no two outputs are one file and no output is an input (any
 * file of any document).  With -O, sets *bpaths to the output paths,
 * S_NFORMATS per document, named after the document (NULL for formats not
 * selected; the caller frees).  Returns EXIT_OK, EXIT_USAGE or EXIT_NOMEM. */
static int S_check(const S_opts *o, const S_doc *docs, size_t ndocs, char ***bpaths)
{
    *bpaths = NULL;
    size_t nin = 0;
    for (size_t i = 0; i < ndocs; i++)
        nin += docs[i].nitems;
    /* Every output and every input, compared by identity: two outputs to
     * one file would interleave or one would be lost, and an output over an
     * input (of this batch) destroys it before it is read. */
    size_t nout = o->outdir ? ndocs * S_NFORMATS : S_NFORMATS + 1;
    S_ident *ids = malloc((nout + nin + 1) * sizeof *ids);
    char **paths = o->outdir ? calloc(nout, sizeof *paths) : NULL;
    if (!ids || (o->outdir && !paths)) {
        free(ids);
        free(paths);
        fputs("berpa: out of memory\n", stderr);
        return EXIT_NOMEM;
    }
    size_t n = 0;
    int code = EXIT_OK;
    if (o->outdir) {
        for (size_t i = 0; i < ndocs && code == EXIT_OK; i++)
            for (int f = 0; f < S_NFORMATS && code == EXIT_OK; f++) {
                if (!(o->formats & (1u << f)))
                    continue;
                char **slot = &paths[i * S_NFORMATS + (size_t)f];
                if ((code = S_batch_path(o->outdir, docs[i].name, f, slot)) == EXIT_OK)
                    S_ident_of(&ids[n++], *slot, false);
            }
    } else {
        S_ident_of(&ids[n++], o->output ? o->output : "-", false);
        for (int f = 0; f < S_NFORMATS; f++)
            if (o->extra[f])
                S_ident_of(&ids[n++], o->extra[f], false);
    }
    for (size_t i = 0; i < ndocs && code == EXIT_OK; i++)
        for (size_t j = 0; j < docs[i].nitems; j++)
            n += S_ident_of(&ids[n], docs[i].items[j].path, true);
    if (code == EXIT_OK)
        code = S_ident_check(ids, n);
    else if (code == EXIT_NOMEM)
        fputs("berpa: out of memory\n", stderr);
    free(ids);
    if (code != EXIT_OK && paths) {
        for (size_t i = 0; i < nout; i++)
            free(paths[i]);
        free(paths);
        paths = NULL;
    }
    *bpaths = paths;
    return code;
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

/* ---- page images: workers ---------------------------------------------------- */
/* Pages are recognised by `nth` workers, each with its own tesseract
 * handle, which it makes itself: the handles load their models (a second
 * each for aze+Latin) on the workers, at the same time as each other and
 * as the main thread loads the dictionary.  A worker takes, of the pages
 * not yet taken among the `ahead` after the last one fed, the one that
 * looks longest (its file's bytes per page), so that no core is left with
 * a long page at the end; the main thread feeds the results in page order,
 * so the output is the same for any number of workers.  Results are text
 * and boxes, a few kB a page: the window bounds them, not the images. */
typedef struct S_job {
    const char *path;
    const char *name;     /* the image's name when not path ("-"), or NULL */
    uint32_t sub;
    uint64_t cost;        /* file bytes / pages: the order pages are taken in */
    berpa_page *res;
    bool started, done;
} S_job;

typedef struct S_pool {
    S_job *jobs;
    size_t n, cap, fed, ahead, nstarted;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    berpa_config *cfg;    /* the workers' (diagnostics kept for the main thread) */
    const char *lang;
    unsigned clean;
    berpa_ocr **ocr;
    pthread_t *th;
    size_t nth, ninit;
    berpa_status init_st; /* the first handle that failed: why             */
    berpa_diag init_diag; /* a handle's diagnostic, sent by S_pool_ready   */
    char init_msg[1024];
    bool init_has_diag, stop;
    /* BERPA_TIMING: where the wall time went (ms since the start) */
    double t0, wait_ms, init_ms, busy_ms;
} S_pool;

typedef struct S_worker {
    S_pool *p;
    size_t k;
} S_worker;

static double S_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A handle's diagnostic on a worker: kept for the main thread, which
 * sends it once (every handle says the same; an error before a note). */
static void S_pool_diag(const berpa_diag *d, void *user)
{
    S_pool *p = user;
    pthread_mutex_lock(&p->mu);
    if (!p->init_has_diag || d->level > p->init_diag.level) {
        snprintf(p->init_msg, sizeof p->init_msg, "%s", d->message ? d->message : "");
        p->init_diag = *d;
        p->init_diag.message = p->init_msg;
        p->init_has_diag = true;
    }
    pthread_mutex_unlock(&p->mu);
}

/* The job a worker takes next (under the lock): the costliest one not
 * taken in the window, the first of equals; p->n when there is none. */
static size_t S_pool_pick(const S_pool *p)
{
    size_t end = p->fed + p->ahead < p->n ? p->fed + p->ahead : p->n, best = p->n;
    for (size_t i = p->fed; i < end; i++)
        if (!p->jobs[i].started && (best == p->n || p->jobs[i].cost > p->jobs[best].cost))
            best = i;
    return best;
}

static void *S_work(void *arg)
{
    S_worker *w = arg;
    S_pool *p = w->p;
    double t = S_wall_ms();
    berpa_status st = BERPA_OK;
    berpa_ocr *ocr = berpa_ocr_new(p->cfg, p->lang, p->clean, &st);
    pthread_mutex_lock(&p->mu);
    p->ocr[w->k] = ocr;
    p->ninit++;
    p->init_ms += S_wall_ms() - t;
    if (!ocr && p->init_st == BERPA_OK)
        p->init_st = st != BERPA_OK ? st : BERPA_E_NOMEM;
    pthread_cond_broadcast(&p->cv);
    while (ocr) {
        size_t i = p->n;
        while (!p->stop && p->init_st == BERPA_OK && p->nstarted < p->n &&
               (i = S_pool_pick(p)) == p->n)
            pthread_cond_wait(&p->cv, &p->mu);
        if (i == p->n || p->stop || p->init_st != BERPA_OK)
            break;
        p->jobs[i].started = true;
        p->nstarted++;
        pthread_mutex_unlock(&p->mu);
        t = S_wall_ms();
        berpa_page *res = berpa_ocr_page_named(ocr, p->jobs[i].path, p->jobs[i].sub,
                                               p->jobs[i].name);
        t = S_wall_ms() - t;
        pthread_mutex_lock(&p->mu);
        p->busy_ms += t;
        p->jobs[i].res = res;
        p->jobs[i].done = true;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    free(w);
    return NULL;
}

/* Starts the workers, which make their handles and begin.  Returns an
 * exit code (a message was printed). */
static int S_pool_start(S_pool *p, const S_opts *o)
{
    size_t nth = o->jobs ? o->jobs : 1;
    if (nth > p->n)
        nth = p->n;
    p->t0 = S_wall_ms();
    p->ahead = 4 * nth + 4;
    p->lang = o->lang;
    p->clean = o->clean ? o->clean - 1 : BERPA_CLEAN_DEFAULT;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    p->ocr = calloc(nth, sizeof *p->ocr);
    p->th = calloc(nth, sizeof *p->th);
    if (!p->ocr || !p->th || !(p->cfg = berpa_config_new())) {
        fputs("berpa: out of memory\n", stderr);
        return EXIT_NOMEM;
    }
    berpa_config_set_diag(p->cfg, S_pool_diag, p);
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

/* Waits until every worker has its handle.  Returns EXIT_OK, or the exit
 * code of the first failure; the handles' diagnostic (an error, or the
 * note that the default languages fell back) goes to diag once. */
static int S_pool_ready(S_pool *p, berpa_diag_fn diag, void *user)
{
    pthread_mutex_lock(&p->mu);
    while (p->ninit < p->nth)
        pthread_cond_wait(&p->cv, &p->mu);
    berpa_status st = p->init_st;
    pthread_mutex_unlock(&p->mu);
    if (st == BERPA_E_NOMEM) {
        fputs("berpa: out of memory\n", stderr);
        return EXIT_NOMEM;
    }
    if (p->init_has_diag)
        diag(&p->init_diag, user);
    return st == BERPA_OK ? EXIT_OK : EXIT_USAGE;
}

/* The result of job i (NULL: out of memory), handed over to the caller. */
static berpa_page *S_pool_take(S_pool *p, size_t i)
{
    double t = S_wall_ms();
    pthread_mutex_lock(&p->mu);
    while (!p->jobs[i].done)
        pthread_cond_wait(&p->cv, &p->mu);
    berpa_page *res = p->jobs[i].res;
    p->jobs[i].res = NULL;
    p->fed = i + 1;
    p->wait_ms += S_wall_ms() - t;
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
        /* BERPA_TIMING=1 (scripts/bench.sh): where the time went, on stderr */
        const char *tm = getenv("BERPA_TIMING");
        if (tm && *tm && strcmp(tm, "0") != 0)
            fprintf(stderr,
                    "berpa: timing: %zu pages on %zu workers: wall %.0f ms, handles "
                    "made in %.0f ms (summed), pages busy %.0f ms (summed), main "
                    "thread waited %.0f ms for pages\n",
                    p->n, p->nth, S_wall_ms() - p->t0, p->init_ms, p->busy_ms, p->wait_ms);
    }
    for (size_t i = 0; i < p->n; i++)
        berpa_page_free(p->jobs[i].res);
    for (size_t k = 0; p->ocr && k < p->nth; k++)
        berpa_ocr_free(p->ocr[k]);
    berpa_config_free(p->cfg);
    free(p->ocr);
    free(p->th);
    free(p->jobs);
}

/* ---- stdin: text streams, a page image is spooled ------------------------------ */
/* stdin's first bytes say what it is (as a file's do).  Text is then fed
 * from them on, streaming as before; a page image is read whole into an
 * unlinked temp file, which the workers read by its /proc/self/fd path
 * like any image file, at most S_STDIN_IMAGE_MAX bytes (README). */
#define S_STDIN_IMAGE_MAX (512u * 1024u * 1024u)
static struct {
    bool peeked;
    unsigned char head[BERPA_IMAGE_HEAD];
    size_t nhead;
    int err;            /* errno of a failed read while peeking, else 0   */
    char path[64];      /* the spooled image: "/proc/self/fd/N", or ""    */
} S_stdin;

/* Reads stdin's first bytes (once). */
static void S_stdin_peek(void)
{
    if (S_stdin.peeked)
        return;
    S_stdin.peeked = true;
    while (S_stdin.nhead < sizeof S_stdin.head) {
        ssize_t n = read(STDIN_FILENO, S_stdin.head + S_stdin.nhead,
                         sizeof S_stdin.head - S_stdin.nhead);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            S_stdin.err = errno;
        if (n <= 0)
            break;
        S_stdin.nhead += (size_t)n;
    }
}

/* Spools the page image on stdin (its head already read) into an
 * unlinked temp file.  Returns EXIT_OK, or EXIT_INPUT after printing why
 * (too large, unreadable, $TMPDIR unwritable): the other inputs go on. */
static int S_stdin_spool(void)
{
    static char buf[S_CHUNK];
    const char *dir = getenv("TMPDIR");
    char tmp[4096], more[160];
    snprintf(tmp, sizeof tmp, "%s/berpa-stdin.XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        S_file_fault(BERPA_FAULT_READ, "-", errno, " (spooling a page image in $TMPDIR)", NULL, 0);
        return EXIT_INPUT;
    }
    unlink(tmp);
    size_t total = 0;
    int e = 0;
    bool big = false;
    const unsigned char *src = S_stdin.head;
    ssize_t n = (ssize_t)S_stdin.nhead;
    for (;;) {
        if (n > 0 && total + (size_t)n > S_STDIN_IMAGE_MAX) {
            big = true;
            break;
        }
        for (ssize_t k = 0, w; k < n; k += w)
            if ((w = write(fd, src + k, (size_t)(n - k))) < 0) {
                if (errno == EINTR) {
                    w = 0;
                    continue;
                }
                e = errno;
                break;
            }
        if (e)
            break;
        total += n > 0 ? (size_t)n : 0;
        src = (const unsigned char *)buf;
        n = read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            n = 0;
        else if (n < 0) {
            e = errno;
            break;
        } else if (n == 0) {
            break;
        }
    }
    if (big || e) {
        close(fd);
        snprintf(more, sizeof more, big ? "a page image on stdin over %u MiB: give it as a file"
                                        : " (spooling a page image in $TMPDIR)",
                 S_STDIN_IMAGE_MAX >> 20);
        S_file_fault(BERPA_FAULT_READ, "-", big ? 0 : e, more, NULL, 0);
        return EXIT_INPUT;
    }
    snprintf(S_stdin.path, sizeof S_stdin.path, "/proc/self/fd/%d", fd);
    return EXIT_OK;
}

/* Feeds a text input (a path or "-") into a run.  Returns the run's status;
 * when the file cannot be opened or read, sets *code to EXIT_INPUT and
 * records why in cx (for the input's report line). */
static berpa_status S_feed_text(berpa_run *r, S_ctx *cx, const char *name, int *code)
{
    static char buf[S_CHUNK];
    const char *label = strcmp(name, "-") ? name : "stdin";
    int fd = strcmp(name, "-") == 0 ? STDIN_FILENO : open(name, O_RDONLY);
    berpa_status st = BERPA_OK;
    int e = fd < 0 ? errno : 0;
    /* stdin: the bytes read to see what it is come first */
    if (fd == STDIN_FILENO && S_stdin.peeked) {
        e = S_stdin.err;
        if (S_stdin.nhead)
            st = berpa_run_feed(r, (const char *)S_stdin.head, S_stdin.nhead);
        S_stdin.nhead = 0;
        if (e || st != BERPA_OK)
            fd = -1;
    }
    while (fd >= 0) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            e = errno;
        if (n <= 0 || (st = berpa_run_feed(r, buf, (size_t)n)) != BERPA_OK)
            break;
    }
    if (e) {
        S_file_fault(BERPA_FAULT_READ, label, e, "", cx->reason[0] ? NULL : cx->reason,
                     sizeof cx->reason);
        if (cx->why == BERPA_OK)
            cx->why = BERPA_E_IO;
        *code = EXIT_INPUT;
    }
    if (fd > STDIN_FILENO)
        close(fd);
    return st;
}

/* Reads one document through a run with the given outputs.  Returns the
 * exit code for this document. */
static int S_run_one(berpa_session *s, S_ctx *cx, const S_doc *doc, S_pool *pool,
                     S_out **outs, const int *fmts, size_t nouts)
{
    const char *name = doc->name;
    for (size_t i = 0; i < nouts; i++) {
        int e = S_doc_begin(outs[i]);
        if (e) {
            S_file_fault(BERPA_FAULT_WRITE, outs[i]->label, e, " (holding a document in $TMPDIR)",
                         NULL, 0);
            while (i-- > 0)
                S_doc_end(outs[i], false);
            return e == ENOMEM ? EXIT_NOMEM : EXIT_IO;
        }
    }
    berpa_run *r = berpa_run_new(s, name);
    berpa_status st = r ? BERPA_OK : BERPA_E_NOMEM;
    if (st == BERPA_OK && cx->o->gold)
        st = berpa_run_set_gold(r, cx->o->gold, cx->o->gold_len);
    for (size_t i = 0; i < nouts && st == BERPA_OK; i++)
        st = berpa_run_add_output_opts(r, (berpa_format)(fmts[i] & ~S_MEMBER),
                                       fmts[i] & S_MEMBER ? BERPA_OUTPUT_CORPUS_MEMBER : 0,
                                       S_out_write, outs[i]);
    int code = EXIT_OK;
    /* Every item is visited: an image's pages are taken from the pool (and
     * dropped) even after a failure, so that the workers go on. */
    for (size_t i = 0; i < doc->nitems; i++) {
        const S_item *it = &doc->items[i];
        /* a text input is its own pages and paragraphs: nothing runs on
         * into it or out of it (image pages start their own page, and a
         * paragraph may go on from one page of a book to the next) */
        if (i > 0 && st == BERPA_OK && (!it->image || !doc->items[i - 1].image))
            st = berpa_run_next_input(r);
        if (!it->image) {
            if (st == BERPA_OK)
                st = S_feed_text(r, cx, it->path, &code);
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
        snprintf(cx->reason, sizeof cx->reason, "out of memory");
    }
    if (st != BERPA_OK)
        code = S_exit_of(st);
    cx->failed = code != EXIT_OK || cx->errors;
    if (cx->failed && cx->why == BERPA_OK)
        cx->why = st != BERPA_OK ? st : BERPA_E_INPUT;
    /* Flush now so that a full disk is seen for this input, and so that a
     * pipeline reader sees each document as soon as it is done. */
    for (size_t i = 0; i < nouts; i++)
        if ((!S_doc_end(outs[i], !cx->failed) || !S_out_flush(outs[i])) && code != EXIT_IO) {
            S_out_report(outs[i]);
            code = EXIT_IO;
        }
    if (code == EXIT_OK && (cx->errors || (cx->o->werror && cx->warnings)))
        code = EXIT_INPUT;
    return code;
}

/* A failed input's line on every report output, in place of its report.
 * Returns an exit code. */
static int S_report_failed(const S_ctx *cx, const char *name, S_out **outs, const int *fmts,
                           size_t nouts)
{
    for (size_t k = 0; k < nouts; k++) {
        if (fmts[k] != BERPA_FORMAT_REPORT || outs[k]->err)
            continue;
        berpa_status st = berpa_report_failed(S_out_write, outs[k], name,
                                              cx->why ? cx->why : BERPA_E_INPUT, cx->reason);
        if (st == BERPA_E_NOMEM)
            return EXIT_NOMEM;
        if (st != BERPA_OK || !S_out_flush(outs[k])) {
            S_out_report(outs[k]);
            return EXIT_IO;
        }
    }
    return EXIT_OK;
}

/* Opens an output path, printing why it failed.  Returns an exit code. */
static int S_open_or_report(S_out *o, const char *path)
{
    int e = S_out_open(o, path);
    if (!e)
        return EXIT_OK;
    S_file_fault(BERPA_FAULT_WRITE, path, e, "", NULL, 0);
    return e == ENOMEM ? EXIT_NOMEM : EXIT_IO;
}

/* -O: one set of files per document, at paths (S_NFORMATS, NULL for
 * formats not selected), their folders made as needed.  Returns this
 * document's exit code. */
static int S_batch_one(berpa_session *s, S_ctx *cx, const S_doc *doc, S_pool *pool,
                       char **paths)
{
    S_out store[S_NFORMATS], *outs[S_NFORMATS];
    int fmts[S_NFORMATS];
    size_t n = 0;
    int code = EXIT_OK;
    for (int f = 0; f < S_NFORMATS && code == EXIT_OK; f++) {
        if (!paths[f])
            continue;
        int e = S_mkdirs(paths[f]);
        if (e) {
            S_file_fault(BERPA_FAULT_WRITE, paths[f], e, "", NULL, 0);
            code = EXIT_IO;
        } else if ((code = S_open_or_report(&store[n], paths[f])) == EXIT_OK) {
            outs[n] = &store[n];
            fmts[n++] = f;
        }
    }
    if (code == EXIT_OK)
        code = S_run_one(s, cx, doc, pool, outs, fmts, n);
    else
        cx->failed = true;
    for (size_t i = 0; i < n; i++)
        if (!S_out_close(&store[i], !cx->failed) && code != EXIT_IO) {
            S_out_report(&store[i]);
            code = EXIT_IO;
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
        S_file_fault(BERPA_FAULT_READ, dir, errno, "", NULL, 0);
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
        /* a file named like an image that is not one (empty, damaged) is
         * taken too, so that it gets its error as when named by hand */
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
            (berpa_image_probe(path) || S_image_name(path)) && !S_push_item(v, n, cap, path)) {
            closedir(d);
            fputs("berpa: out of memory\n", stderr);
            return EXIT_NOMEM;
        }
    }
    closedir(d);
    if (*n == first) {   /* *v may still be NULL: nothing to sort */
        S_file_fault(BERPA_FAULT_NO_PAGES, dir, 0, "", NULL, 0);
        return EXIT_INPUT;
    }
    qsort(*v + first, *n - first, sizeof **v, S_item_cmp);
    return EXIT_OK;
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
            continue;
        }
        /* stdin is a page image or text by its first bytes, like a file */
        bool spooled = false;
        if (strcmp(inputs[i], "-") == 0) {
            S_stdin_peek();
            if (!S_stdin.path[0] && berpa_image_sniff(S_stdin.head, S_stdin.nhead)) {
                int c = S_stdin_spool();
                if (c != EXIT_OK) {
                    code = S_max(code, c);
                    continue;
                }
            }
            spooled = S_stdin.path[0] != '\0';
        }
        if (!S_push_item(&items, &n, &cap, inputs[i])) {
            free(items);
            fputs("berpa: out of memory\n", stderr);
            return EXIT_NOMEM;
        }
        items[n - 1].file = spooled ? S_stdin.path : NULL;
    }
    if (o->document && n > 1)   /* items is NULL when n is 0 */
        qsort(items, n, sizeof *items, S_item_cmp);
    for (size_t i = 0; i < n; i++) {
        S_item *it = &items[i];
        const char *rp = it->file ? it->file : it->path;
        if (!it->file && (strcmp(it->path, "-") == 0 ||
                          !(berpa_image_probe(it->path) || S_image_name(it->path))))
            continue;
        it->image = true;
        /* a file that is no image, or a damaged one, is one page that fails */
        if (berpa_image_pages(rp, &it->npages) != BERPA_OK)
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
        struct stat st;
        uint64_t cost = stat(rp, &st) == 0 ? (uint64_t)st.st_size / it->npages : 0;
        for (uint32_t k = 0; k < it->npages; k++)
            pool->jobs[pool->n++] = (S_job){ .path = rp, .name = it->file ? it->path : NULL,
                                             .sub = k, .cost = cost };
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

/* The whole --gold file in a malloc'd buffer (*len bytes); NULL with
 * errno set when it cannot be read. */
static char *S_read_gold(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    ssize_t k = 1;
    while (b && k > 0) {
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb)
                free(b);
            b = nb;
            if (!b)
                break;
        }
        k = read(fd, b + n, cap - n);
        if (k < 0 && errno == EINTR)
            k = 1;
        else if (k > 0)
            n += (size_t)k;
    }
    int e = !b ? ENOMEM : k < 0 ? errno : 0;
    close(fd);
    if (e) {
        free(b);
        errno = e;
        return NULL;
    }
    *len = n;
    return b;
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
    if (!o.version && (code = S_check_opts(&o)) != EXIT_OK)
        return code;
    S_doc *docs = NULL;
    size_t ndocs = 0;
    S_strs names = { 0 };
    S_pool pool = { 0 };
    int made = o.version ? EXIT_OK : S_make_docs(&o, inputs, ninputs, &docs, &ndocs, &names, &pool);
    if (made == EXIT_NOMEM)
        return made;
    /* Output paths are checked against every file of every document. */
    char **bpaths = NULL;
    if (!o.version && (code = S_check(&o, docs, ndocs, &bpaths)) != EXIT_OK) {
        S_docs_free(docs, ndocs, &names);
        free(pool.jobs);
        return code;
    }

    /* A review page, and hOCR, is one HTML document: several go to -O. */
    if (!o.version && !o.outdir && ndocs > 1 &&
        (o.formats == 1u << BERPA_FORMAT_HTML || o.extra[BERPA_FORMAT_HTML] ||
         o.formats == 1u << BERPA_FORMAT_HOCR || o.extra[BERPA_FORMAT_HOCR])) {
        S_usage_error("%s", "the review page and hOCR take one document: use -O for several "
                      "(or --document to make them one)");
        S_docs_free(docs, ndocs, &names);
        free(pool.jobs);
        code = EXIT_USAGE;
        goto out;
    }
    /* The review page's ground truth: one document, read once. */
    if (!o.version && o.gold_path) {
        bool html_stream = (o.formats & 1u << BERPA_FORMAT_HTML) && !o.outdir;
        if (ndocs != 1 && (html_stream || o.extra[BERPA_FORMAT_HTML] || o.outdir)) {
            S_usage_error("%s", "--gold goes with one input document");
            code = EXIT_USAGE;
        } else if (!(o.gold = S_read_gold(o.gold_path, &o.gold_len))) {
            int e = errno;
            S_file_fault(BERPA_FAULT_READ, o.gold_path, e, "", NULL, 0);
            code = e == ENOMEM ? EXIT_NOMEM : EXIT_INPUT;
        }
        if (code != EXIT_OK) {
            S_docs_free(docs, ndocs, &names);
            free(pool.jobs);
            goto out;
        }
    }

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
    berpa_config_set_correct(cfg, o.correct);
    if (st == BERPA_OK && o.threshold > 0)
        st = berpa_config_set_correct_threshold(cfg, o.threshold);
    /* The workers make their tesseract handles while the dictionary loads. */
    int pooled = pool.n && made < EXIT_IO ? S_pool_start(&pool, &o) : EXIT_OK;
    berpa_session *s = st == BERPA_OK ? berpa_session_new(cfg, &st) : NULL;
    if (!s) {
        berpa_config_free(cfg);
        S_docs_free(docs, ndocs, &names);
        S_pool_stop(&pool);
        if (st == BERPA_E_NOMEM)
            fputs("berpa: out of memory\n", stderr);
        code = S_exit_of(st);
        goto out;
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

    /* The workers' handles are waited for before any output is opened:
     * a refused run (a language not installed, exit 2) leaves no file
     * behind and an existing one untouched.  Started whenever documents
     * will run: an image page is taken from it. */
    if (pool.n && made < EXIT_IO)
        code = pooled != EXIT_OK ? pooled : S_pool_ready(&pool, S_on_diag, &cx);

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
                /* Written in place: hold each document until it is whole
                 * when the stream has structure or takes several inputs.
                 * (A single text streams: the exit status tells a cut.) */
                shared[nshared].buffered = !shared[nshared].tmp &&
                                           (ndocs > 1 || f != BERPA_FORMAT_TEXT);
                outs[nshared] = &shared[nshared];
                fmts[nshared++] = f;
            }
        }
    }

    for (size_t k = 0; k < nshared && corpus && code == EXIT_OK; k++) {
        if (fmts[k] != BERPA_FORMAT_TEI)
            continue;
        fmts[k] |= S_MEMBER;
        if (berpa_tei_corpus_begin(S_out_write, outs[k], o.title) != BERPA_OK) {
            S_out_report(outs[k]);
            code = EXIT_IO;
        }
    }

    /* -O makes its folder, and each input's folders under it, as needed
     * (not when no document is left to write: a directory without images). */
    if (o.outdir && ndocs && code == EXIT_OK) {
        size_t n = strlen(o.outdir);
        char *dir = malloc(n + 2);
        int e = dir ? 0 : ENOMEM;
        if (dir) {
            snprintf(dir, n + 2, "%s/", o.outdir);
            if (!(e = S_mkdirs(dir)) && mkdir(o.outdir, 0777) != 0 && errno != EEXIST)
                e = errno;
            free(dir);
        }
        if (e) {
            S_file_fault(BERPA_FAULT_WRITE, o.outdir, e, "", NULL, 0);
            code = e == ENOMEM ? EXIT_NOMEM : EXIT_IO;
        }
    }
    int worst = S_max(code, made);
    bool spoiled = made != EXIT_OK;   /* an input failed: shared files stay untouched */
    for (size_t i = 0; i < ndocs && worst != EXIT_USAGE && worst < EXIT_IO; i++) {
        const S_doc *doc = &docs[i];
        cx.warnings = cx.errors = 0;
        cx.failed = false;
        cx.why = BERPA_OK;
        cx.reason[0] = '\0';
        if (o.outdir)
            code = S_batch_one(s, &cx, doc, &pool, bpaths + i * S_NFORMATS);
        else
            code = S_run_one(s, &cx, doc, &pool, outs, fmts, nshared);
        /* The report names every input: a failed one gets its line. */
        if (cx.failed && code != EXIT_IO)
            code = S_max(code, S_report_failed(&cx, doc->name, outs, fmts, nshared));
        worst = S_max(worst, code);
        spoiled |= cx.failed;
    }
    S_pool_stop(&pool);
    berpa_config_free(cfg);
    S_docs_free(docs, ndocs, &names);
    for (size_t k = 0; k < nshared && worst < EXIT_IO; k++)
        if ((fmts[k] & S_MEMBER) &&
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
    /* The process ends here: Hunspell's dictionary is hundreds of
     * thousands of small blocks whose freeing costs more than a 2 MB text
     * takes to restore, and the system takes the memory back at once.
     * ASan builds, and leak checkers run with BERPA_FREE_AT_EXIT set, get
     * the full clean-up. */
#if defined(__SANITIZE_ADDRESS__)
    berpa_session_free(s);
#else
    if (getenv("BERPA_FREE_AT_EXIT"))
        berpa_session_free(s);
#endif
    code = worst;
out:
    free(o.gold);
    if (bpaths) {
        for (size_t i = 0; i < ndocs * S_NFORMATS; i++)
            free(bpaths[i]);
        free(bpaths);
    }
    return code;
}

/* May this run recognise page images: is an argument a directory, or a
 * file that is an image by its first bytes or its name, or stdin a
 * redirected image file?  An option's value may say yes needlessly; that
 * costs only time. */
static bool S_may_ocr(int argc, char **argv)
{
    /* stdin redirected from an image file is seen without reading it (a
     * pipe cannot be: its page is read with tesseract's OpenMP threads) */
    struct stat in;
    unsigned char head[BERPA_IMAGE_HEAD];
    off_t at = lseek(STDIN_FILENO, 0, SEEK_CUR);
    if (fstat(STDIN_FILENO, &in) == 0 && S_ISREG(in.st_mode) && at >= 0) {
        ssize_t n = pread(STDIN_FILENO, head, sizeof head, at);
        if (n > 0 && berpa_image_sniff(head, (size_t)n))
            return true;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (S_image_name(argv[i]) ||
            (stat(argv[i], &st) == 0 &&
             (S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && berpa_image_probe(argv[i])))))
            return true;
    }
    return false;
}

int main(int argc, char **argv)
{
    /* Tesseract's OpenMP reads OMP_THREAD_LIMIT when the program loads, so
     * it is set by running berpa again: pages run in parallel with -j, and
     * OpenMP's own threads would only compete with them.  Only when pages
     * may be recognised: loading the program is most of a short text
     * run's start-up, and doing it twice would double it. */
    if (!getenv("OMP_THREAD_LIMIT") && S_may_ocr(argc, argv) &&
        setenv("OMP_THREAD_LIMIT", "1", 1) == 0)
        execv("/proc/self/exe", argv); /* on failure, go on as we are */
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = S_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    /* Subcommands (eval.c, check.c) have their own options; `review` is
     * the main command with the review page as its format. */
    int code;
    if (argc > 1 && strcmp(argv[1], "review") == 0) {
        char **av = malloc(((size_t)argc + 2) * sizeof *av);
        if (!av) {
            fputs("berpa: out of memory\n", stderr);
            return EXIT_NOMEM;
        }
        av[0] = argv[0];
        av[1] = (char *)"--html";
        for (int i = 2; i <= argc; i++)
            av[i] = argv[i];
        code = S_main(argc, av);
        free(av);
    } else {
        code = argc > 1 && strcmp(argv[1], "eval") == 0    ? berpa_cli_eval(argc - 1, argv + 1)
               : argc > 1 && strcmp(argv[1], "check") == 0 ? berpa_cli_check(argc - 1, argv + 1)
                                                           : S_main(argc, argv);
    }
    /* stdout is checked last: `berpa > /dev/full` must not exit 0. */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        int e = errno ? errno : EIO;
        if (code < EXIT_IO) {
            if (e != EPIPE)
                S_file_fault(BERPA_FAULT_WRITE, "stdout", e, "", NULL, 0);
            code = EXIT_IO;
        }
    }
    return code;
}
