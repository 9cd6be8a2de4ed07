/*
 * berpa.h: the public interface of libberpa, the Azerbaijani OCR-cleanup
 * and text-restoration pipeline.  The only header a user includes.
 *
 * Lifecycle (jq-style): configure -> open a session (loads the dictionary
 * once) -> for each document: open a run, attach outputs, feed bytes as
 * they arrive, finish -> free.  Input is pushed in chunks of any size, so a
 * caller can stream stdin, a file or a socket in bounded memory.
 *
 * Ownership, stated once for the whole API: every pointer a berpa_*_new
 * function returns is owned by the caller and freed with the matching
 * berpa_*_free; every pointer passed in is borrowed for the duration of the
 * call only, except user-data pointers, which must outlive the object they
 * were given to.  Strings handed to callbacks are valid during the callback.
 *
 * A NULL handle or a NULL required pointer is a usage error, never a
 * crash: functions returning berpa_status return BERPA_E_USAGE, those
 * returning a pointer return NULL, setters returning void do nothing, and
 * the *_free functions accept NULL.
 *
 * The library never writes to stderr: problems are reported as diagnostics
 * through the callback set with berpa_config_set_diag().
 */
#ifndef BERPA_H
#define BERPA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(BERPA_BUILDING) && defined(__GNUC__)
#define BERPA_API __attribute__((visibility("default")))
#else
#define BERPA_API
#endif

#define BERPA_VERSION_MAJOR 0
#define BERPA_VERSION_MINOR 1
#define BERPA_VERSION_PATCH 0
#define BERPA_VERSION_STRING "0.1.0"

/* Returns the library's version string, e.g. "0.1.0". Static storage. */
BERPA_API const char *berpa_version(void);

/* ---- status codes: every fallible call returns one ---------------------- */
typedef enum berpa_status {
    BERPA_OK = 0,
    BERPA_E_INPUT = 1,   /* the input is malformed (e.g. invalid UTF-8)       */
    BERPA_E_USAGE = 2,   /* a bad argument or option value                    */
    BERPA_E_IO = 3,      /* an output callback failed, a file is unreadable   */
    BERPA_E_NOMEM = 4,   /* out of memory                                     */
    BERPA_E_DICT = 5,    /* the dictionary could not be loaded                */
    BERPA_E_STATE = 6    /* call out of order (feed after finish, ...)        */
} berpa_status;

/* A static English description of a status code. */
BERPA_API const char *berpa_status_str(berpa_status st);

/* ---- diagnostics, as data ---------------------------------------------- */
typedef enum berpa_level {
    BERPA_NOTE = 0,      /* something was changed that a reader may want to know */
    BERPA_WARNING = 1,   /* input was damaged and repaired                        */
    BERPA_ERROR = 2      /* input could not be processed                          */
} berpa_level;

/* One diagnostic.  `file` is the run's name ("-" or "<stdin>" for stdin);
 * `line` and `col` are 1-based (col counts characters, not bytes) and 0 when
 * unknown; `byte` is the 0-based offset into the input.  `code` is a stable
 * identifier such as "invalid-utf8" (see berpa(1) for the list), printed
 * last in brackets so that filters can key on it; NULL for none. */
typedef struct berpa_diag {
    berpa_level level;
    const char *code;
    const char *file;
    uint64_t line;
    uint64_t col;
    uint64_t byte;
    const char *message;
} berpa_diag;

typedef void (*berpa_diag_fn)(const berpa_diag *d, void *user);

/* The diagnostics berpa can send: row i of the table (its code, level and
 * a one-line summary), or NULL past the last.  A code has two rows when
 * it is an error or, repaired, a warning.  Static data. */
typedef struct berpa_diag_info {
    const char *code;
    berpa_level level;
    const char *summary;
} berpa_diag_info;
BERPA_API const berpa_diag_info *berpa_diag_table(size_t i);

/* Formats a diagnostic as "file:line:col: level: message [code]" into buf
 * (always NUL-terminated, truncated to cap).  Returns the length it needed
 * (0 for a NULL d, or a NULL buf with cap > 0). */
BERPA_API size_t berpa_diag_format(const berpa_diag *d, char *buf, size_t cap);
/* Faults met outside a run, on a whole file (a program's own file
 * handling), so that they are reported from the same table: codes
 * cannot-read, cannot-write and no-input. */
typedef enum berpa_file_fault {
    BERPA_FAULT_READ,     /* an input cannot be opened or read        */
    BERPA_FAULT_WRITE,    /* an output cannot be opened or written    */
    BERPA_FAULT_NO_PAGES  /* a directory holds no page image          */
} berpa_file_fault;
/* Fills *d for fault f on file (borrowed; line and col 0): the level and
 * code from the table, the message written into msg (cap bytes, cut to
 * fit) with detail (strerror(errno), or NULL).  Returns d; NULL when d
 * is NULL, msg is NULL with cap > 0, or f is not a berpa_file_fault. */
BERPA_API const berpa_diag *berpa_diag_file(berpa_diag *d, berpa_file_fault f, const char *file,
                                            const char *detail, char *msg, size_t cap);

/* ---- configuration ------------------------------------------------------ */
typedef struct berpa_config berpa_config;

typedef enum berpa_invalid_mode {
    BERPA_INVALID_ERROR = 0,   /* stop at the first invalid byte (default)      */
    BERPA_INVALID_REPLACE = 1  /* replace with U+FFFD, warn, keep it in the TEI */
} berpa_invalid_mode;

/* Returns a config with defaults; NULL when out of memory. */
BERPA_API berpa_config *berpa_config_new(void);
BERPA_API void berpa_config_free(berpa_config *cfg);

/* Diagnostics go to fn(diag, user).  The session copies fn and user: user
 * must stay valid as long as the session and its runs (not only the
 * config).  fn may be called from any thread that drives a run. */
BERPA_API void berpa_config_set_diag(berpa_config *cfg, berpa_diag_fn fn, void *user);
BERPA_API void berpa_config_set_invalid(berpa_config *cfg, berpa_invalid_mode mode);
/* Hunspell dictionary as a path without extension ("/usr/share/hunspell/az_AZ").
 * NULL (default) searches $BERPA_DICT, the build tree, then the install
 * prefix; "" disables the dictionary (the document's own words and the
 * syllable rules still decide). */
BERPA_API berpa_status berpa_config_set_dictionary(berpa_config *cfg, const char *path);
/* Word-frequency table ("word<TAB>count" lines); NULL: next to the dictionary. */
BERPA_API berpa_status berpa_config_set_frequencies(berpa_config *cfg, const char *path);
/* Title and source description for the TEI header (defaults: the run name). */
BERPA_API berpa_status berpa_config_set_title(berpa_config *cfg, const char *title);
/* Bytes of a document held in memory between berpa's two passes (default
 * 1 MiB, min 64 KiB); beyond it the document's lines are spooled to an
 * unlinked temporary file in $TMPDIR (default /tmp).  It bounds memory,
 * and never changes the output: every decision looks at the whole
 * document (survey) or at a fixed context (two pages either way). */
BERPA_API berpa_status berpa_config_set_window(berpa_config *cfg, size_t bytes);
/* OCR correction (default off, until it meets its harm targets): words the
 * OCR misread are restored, each change recorded with its confidence and
 * reason.  Needs the dictionary
 * and the error table beside it (az_AZ.errors); without them it is off. */
BERPA_API void berpa_config_set_correct(berpa_config *cfg, int on);
/* How sure a correction must be to be applied, 0 < p <= 1 (default 0.5);
 * less sure candidates are only reported.  BERPA_E_USAGE when out of range. */
BERPA_API berpa_status berpa_config_set_correct_threshold(berpa_config *cfg, double p);

/* ---- session: loaded resources shared by many runs ---------------------- */
/* Threads: a session is read-only once made; any number of runs of one
 * session may run at the same time, each run on one thread at a time.
 * berpa_session_free only after every run of it is freed. */
typedef struct berpa_session berpa_session;

/* Loads the dictionary and tables.  On failure returns NULL and sets *st
 * (st may be NULL); a diagnostic has been sent. The config may be freed
 * after this call. */
BERPA_API berpa_session *berpa_session_new(const berpa_config *cfg, berpa_status *st);
BERPA_API void berpa_session_free(berpa_session *s);
/* Path of the dictionary in use, or NULL when running without one. */
BERPA_API const char *berpa_session_dictionary(const berpa_session *s);

/* ---- a run: one document from bytes in to outputs ----------------------- */
typedef struct berpa_run berpa_run;

typedef enum berpa_format {
    BERPA_FORMAT_TEXT = 0,   /* clean text, one paragraph per line          */
    BERPA_FORMAT_TEI = 1,    /* TEI P5 XML, nothing of the input lost       */
    BERPA_FORMAT_REPORT = 2, /* JSON report: every change and why, stats    */
    BERPA_FORMAT_HTML = 3,   /* review page: original and restored side by
                                side, every change highlighted (one file)  */
    BERPA_FORMAT_HOCR = 4,   /* hOCR: page images' lines and words with
                                boxes and confidences, restored text       */
    BERPA_FORMAT_COUNT
} berpa_format;

/* Output options (berpa_run_add_output_opts), or-ed. */
enum {
    /* TEI: a <TEI> element with no XML declaration, to stand inside a
     * teiCorpus (see berpa_tei_corpus_begin) */
    BERPA_OUTPUT_CORPUS_MEMBER = 1u << 0
};

/* The format called `name` ("text", "tei", "report", "html"); -1 when none is. */
BERPA_API int berpa_format_from_name(const char *name);
/* A format's name and the file extension of its outputs (".txt", ".xml",
 * ".json"); NULL for a value that is not a format.  Static strings. */
BERPA_API const char *berpa_format_name(berpa_format fmt);
BERPA_API const char *berpa_format_extension(berpa_format fmt);

/* Output callback: write len bytes; return 0 on success, non-zero on failure
 * (the run then stops with BERPA_E_IO). */
typedef int (*berpa_write_fn)(void *user, const char *buf, size_t len);

/* name: used in diagnostics and the TEI header ("-" for stdin). */
BERPA_API berpa_run *berpa_run_new(berpa_session *s, const char *name);
BERPA_API void berpa_run_free(berpa_run *r);
/* Attach an output before the first feed; any number (up to 16), any
 * formats.  BERPA_E_USAGE for an unknown format or option, BERPA_E_STATE
 * after the first feed, BERPA_E_NOMEM. */
BERPA_API berpa_status berpa_run_add_output(berpa_run *r, berpa_format fmt,
                                            berpa_write_fn fn, void *user);
/* The same with BERPA_OUTPUT_* options. */
BERPA_API berpa_status berpa_run_add_output_opts(berpa_run *r, berpa_format fmt, unsigned opts,
                                                 berpa_write_fn fn, void *user);
/* Ground truth for the review page (BERPA_FORMAT_HTML): its figures then
 * include the evaluation of the clean text against gold (len bytes of
 * UTF-8; CER, WER as `berpa eval`).  Borrowed: gold must stay valid until
 * berpa_run_finish returns.  Call before the first feed (BERPA_E_STATE
 * after it). */
BERPA_API berpa_status berpa_run_set_gold(berpa_run *r, const char *gold, size_t len);
/* Push the next len bytes of input.  Pass 1 (reading, characters, the
 * survey) runs during the call; the outputs are written by
 * berpa_run_finish, in pass 2. */
BERPA_API berpa_status berpa_run_feed(berpa_run *r, const char *buf, size_t len);
/* Between two inputs of one document (two text files, text and images):
 * the next input starts a new page.  Feeds a form feed (after a line end
 * when the input so far stopped inside a line), unless nothing was fed
 * yet or a page was just started (the input ended with a form feed).
 * Image pages start their page themselves (berpa_run_feed_page).  Returns
 * like berpa_run_feed. */
BERPA_API berpa_status berpa_run_next_input(berpa_run *r);
/* End of input: flush everything.  After this only berpa_run_free. */
BERPA_API berpa_status berpa_run_finish(berpa_run *r);

/* Counters of a run, valid after any call.  The struct's layout is ABI:
 * it changes only with the library's soname (0.x releases may still add
 * fields); berpa_run_stat reads any counter by name and never breaks. */
typedef struct berpa_stats {
    uint64_t bytes_in;
    uint64_t lines;           /* physical input lines                        */
    uint64_t pages;           /* form-feed separated pages                   */
    uint64_t paragraphs;      /* blocks emitted (paragraphs, headings, items) */
    uint64_t hyphens_joined;  /* line-end hyphens removed (syllable breaks)  */
    uint64_t hyphens_kept;    /* real hyphens kept at line ends              */
    uint64_t hyphens_unsure;  /* kept, marked break="maybe"                  */
    uint64_t furniture;       /* running heads, page numbers left out        */
    uint64_t edits;           /* character-level normalisations and corrections */
    uint64_t words_examined;  /* words the OCR correction looked at          */
    uint64_t corrections;     /* OCR misreadings corrected                   */
    uint64_t corrections_unsure; /* candidates below the threshold, left as read */
    uint64_t warnings;
    uint64_t errors;
    uint64_t furniture_unsure; /* lines that looked like furniture, kept     */
    uint64_t verse_lines;     /* lines kept as verse, one a line             */
    uint64_t notes;           /* footnotes out of the body flow, endnotes    */
    uint64_t columns;         /* side-by-side columns after a page's first,
                                 read in turn (layout-mode text)             */
    uint64_t tables;          /* tables kept as rows and cells (layout-mode
                                 text)                                       */
    uint64_t notes_unplaced;  /* footnotes whose mark was not found on their
                                 page: TEI keeps them at the page foot       */
} berpa_stats;

BERPA_API void berpa_run_stats(const berpa_run *r, berpa_stats *out);

/* One counter by name: every field of berpa_stats ("hyphens_unsure", ...)
 * and any added since.  Returns 1, or 0 (and *v = 0) for an unknown name. */
BERPA_API int berpa_run_stat(const berpa_run *r, const char *name, uint64_t *v);

/* ---- page images: leptonica clean-up and tesseract OCR ------------------ */
/* A page image goes through clean-up steps (each switchable, default
 * BERPA_CLEAN_DEFAULT), tesseract recognises it in-process, and its lines
 * enter a run like text lines, with their boxes and word confidences (the
 * TEI gets a facsimile, the report per-page figures).  Tesseract's OpenMP
 * threads should be limited: set OMP_THREAD_LIMIT=1 in the environment
 * before the program starts (berpa(1) does) and recognise pages on several
 * berpa_ocr handles instead. */
enum {
    BERPA_CLEAN_GREY = 1u << 0,     /* colour to grey                                 */
    BERPA_CLEAN_UPSCALE = 1u << 1,  /* scale scans under 200 or over 450 dpi to 300   */
    BERPA_CLEAN_DESKEW = 1u << 2,   /* find and correct the skew                      */
    BERPA_CLEAN_NORMALISE = 1u << 3,/* even out the background of a grey page         */
    BERPA_CLEAN_BINARISE = 1u << 4, /* grey to black and white for tesseract (Otsu)   */
    BERPA_CLEAN_SAUVOLA = 1u << 5,  /* binarise with Sauvola's local threshold        */
    BERPA_CLEAN_BORDER = 1u << 6,   /* remove dark scanner borders touching the edge  */
    BERPA_CLEAN_SPECK = 1u << 7,    /* remove specks of at most 1/150 inch            */
    BERPA_CLEAN_INVERT = 1u << 8    /* turn a negative (light text on dark) positive  */
};
/* every step but binarising: tesseract thresholds the grey page better (README) */
#define BERPA_CLEAN_DEFAULT 0x1CFu

/* Is the file a page image by its content (PNG, TIFF, JPEG, PNM, JPEG 2000,
 * WebP magic bytes)?  1 yes, 0 no, unreadable or not a regular file (a
 * FIFO or device is not opened, so its bytes stay for the reader). */
BERPA_API int berpa_image_probe(const char *path);
/* The same for a file's first n bytes (BERPA_IMAGE_HEAD are enough), such
 * as those read from a stream: 1 a page image, 0 not. */
#define BERPA_IMAGE_HEAD 16
BERPA_API int berpa_image_sniff(const void *head, size_t n);
/* Pages in an image file (a multi-page TIFF has several) into *npages.
 * Returns BERPA_E_INPUT (not an image, empty, damaged) or BERPA_E_IO
 * (unreadable) without a diagnostic: berpa_ocr_page on page 0 of such a
 * file returns a failed page that says why, for berpa_run_feed_page. */
BERPA_API berpa_status berpa_image_pages(const char *path, uint32_t *npages);

/* One tesseract handle: use it from one thread at a time.  lang: tesseract
 * languages ("aze", the default when NULL; "aze+aze_cyrl"); clean:
 * BERPA_CLEAN_* bits.  NULL on failure (the language data is missing: a
 * diagnostic was sent through cfg's callback; or out of memory), *st says. */
typedef struct berpa_ocr berpa_ocr;
BERPA_API berpa_ocr *berpa_ocr_new(const berpa_config *cfg, const char *lang, unsigned clean,
                                   berpa_status *st);
BERPA_API void berpa_ocr_free(berpa_ocr *o);

/* The recognised page `index` (0-based) of an image file, owned by the
 * caller (berpa_page_free).  A page that cannot be read (damaged,
 * truncated, too large) is still returned, carrying its error, which
 * berpa_run_feed_page reports.  NULL only when out of memory.  Safe to
 * call on different handles from different threads at once. */
typedef struct berpa_page berpa_page;
BERPA_API berpa_page *berpa_ocr_page(berpa_ocr *o, const char *path, uint32_t index);
/* The same, calling the image `name` in diagnostics, the report, TEI and
 * hOCR (berpa(1) reads a page image on stdin into a temp file and names it
 * "-"); path is still read.  name NULL: path. */
BERPA_API berpa_page *berpa_ocr_page_named(berpa_ocr *o, const char *path, uint32_t index,
                                           const char *name);
BERPA_API void berpa_page_free(berpa_page *p);

/* Appends a recognised page to a run as its next page.  A failed page
 * sends an error diagnostic "IMAGE: error: page N: reason" and adds an
 * empty page, and the run goes on (BERPA_OK; the run's error count says
 * it).  Returns BERPA_E_NOMEM, BERPA_E_IO (an output failed) or
 * BERPA_E_STATE like berpa_run_feed. */
BERPA_API berpa_status berpa_run_feed_page(berpa_run *r, const berpa_page *p);
/* Recognises every page of an image file with o and feeds them in order. */
BERPA_API berpa_status berpa_run_feed_image(berpa_run *r, berpa_ocr *o, const char *path);

/* Several documents in one TEI stream: write the opening of a teiCorpus
 * (XML declaration, corpus header titled `title`, NULL for a default),
 * then run each document with a BERPA_FORMAT_TEI output with the option
 * BERPA_OUTPUT_CORPUS_MEMBER on the same
 * stream, then the closing.  Return BERPA_E_IO when a write fails,
 * BERPA_E_NOMEM when out of memory. */
BERPA_API berpa_status berpa_tei_corpus_begin(berpa_write_fn fn, void *user, const char *title);
BERPA_API berpa_status berpa_tei_corpus_end(berpa_write_fn fn, void *user);

/* The report line of an input that could not be processed (unreadable,
 * malformed, out of memory), so that a report stream names every input:
 *   {"berpa":VERSION,"input":NAME,"failed":true,"status":STATUS_TEXT,
 *    "reason":REASON}
 * name: the input ("-" for stdin); st: why it failed (berpa_status_str
 * gives "status"); reason: a diagnostic or message, NULL for the status
 * text.  Write the line where the input's report would have gone, in
 * place of whatever its failed run wrote (the caller discards that).
 * Returns BERPA_E_IO when a write fails, BERPA_E_NOMEM when out of memory. */
BERPA_API berpa_status berpa_report_failed(berpa_write_fn fn, void *user, const char *name,
                                           berpa_status st, const char *reason);

/* ---- the quality commands, for the berpa program and its embedders -------- */
/* `berpa eval GOLD OUT ...`: argv[0] is "eval", the rest as on the command
 * line (see berpa(1)).  Writes figures to stdout and diagnostics to
 * stderr; returns the exit status (0 ok, 1 input error or a limit
 * exceeded, 2 usage, 4 out of memory). */
BERPA_API int berpa_cli_eval(int argc, char **argv);
/* `berpa check FILE|DIR...`: findings to stdout in the chosen format;
 * returns the worst level as the exit status (0 clean or notes, 6
 * warnings, 1 errors or an unreadable input; 2 usage, 4 out of memory,
 * 5 dictionary). */
BERPA_API int berpa_cli_check(int argc, char **argv);

#ifdef __cplusplus
}
#endif
#endif /* BERPA_H */
